//! Request paths and responses: what a URL maps to, and content types. Kept apart from
//! the server loop so the path rules (the security boundary) are easy to test.

/// What a request asks for, after the base path is stripped.
#[derive(Debug, PartialEq, Eq)]
pub enum Route {
    /// An output path (`onderwerpen/x.html`).
    File(String),
    /// The live-reload event stream.
    Events,
    /// The live-reload script.
    Script,
    /// The bare base path without its slash: redirect to it.
    RedirectToBase,
    /// Outside the site, or not a path we will ever serve.
    NotFound,
    /// Not valid UTF-8 after decoding.
    BadRequest,
}

/// Internal routes live under this prefix, which no content path can produce (page and
/// asset URLs are slugs, and slugs never start with `_`).
pub const INTERNAL: &str = "__dossier/";

/// Maps a request URL to a route. `base` starts and ends with `/`.
pub fn route(url: &str, base: &str) -> Route {
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path.len() > 4096 {
        return Route::NotFound;
    }
    let Some(decoded) = decode(path) else { return Route::BadRequest };
    if decoded == base.trim_end_matches('/') && base != "/" {
        return Route::RedirectToBase;
    }
    let Some(rel) = decoded.strip_prefix(base) else { return Route::NotFound };
    match rel.strip_prefix(INTERNAL) {
        Some("events") => return Route::Events,
        Some("live.js") => return Route::Script,
        _ => {}
    }
    let unsafe_part = |p: &str| p == ".." || p == "." || p.contains('\\') || p.contains('\0') || p.contains(':');
    if rel.starts_with('/') || rel.split('/').any(unsafe_part) {
        return Route::NotFound;
    }
    let rel = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() };
    Route::File(rel)
}

/// Percent-decodes a path; `None` for invalid escapes or invalid UTF-8.
fn decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = path.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Content type by extension.
/// Most headers a request may have, and most bytes in all of them together. Browsers
/// send a few dozen headers and a few KB; far more is not a preview request, and the
/// server answers 431 instead of working on it.
pub const MAX_HEADERS: usize = 100;
pub const MAX_HEADER_BYTES: usize = 64 * 1024;

/// Whether a request's headers (`(name, value)` lengths) are within the limits.
pub fn headers_ok(lengths: impl Iterator<Item = (usize, usize)>) -> bool {
    let (mut count, mut bytes) = (0, 0);
    for (name, value) in lengths {
        count += 1;
        bytes += name + value + 4;
        if count > MAX_HEADERS || bytes > MAX_HEADER_BYTES {
            return false;
        }
    }
    true
}

pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        assert_eq!(route("/", "/"), Route::File("index.html".into()));
        assert_eq!(route("/a/b.html?x=1", "/"), Route::File("a/b.html".into()));
        assert_eq!(route("/p/", "/p/"), Route::File("index.html".into()));
        assert_eq!(route("/p", "/p/"), Route::RedirectToBase);
        assert_eq!(route("/index.html", "/p/"), Route::NotFound);
        assert_eq!(route("/p/__dossier/events", "/p/"), Route::Events);
        assert_eq!(route("/caf%C3%A9.html", "/"), Route::File("café.html".into()));
    }

    #[test]
    fn traversal_never_leaves_the_site() {
        for url in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "//etc/passwd",
            "/a%5c..%5cb",
            "/%00",
            "/C:/x",
            "/p/../index.html",
        ] {
            assert!(matches!(route(url, "/"), Route::NotFound | Route::BadRequest), "{url}");
        }
        assert_eq!(route("/%ff", "/"), Route::BadRequest);
        assert_eq!(route("/%zz", "/"), Route::BadRequest);
    }

    #[test]
    fn absurd_headers_are_refused() {
        assert!(headers_ok([(4, 9), (10, 200)].into_iter()));
        assert!(headers_ok(std::iter::repeat_n((6, 10), MAX_HEADERS)));
        assert!(!headers_ok(std::iter::repeat_n((6, 10), MAX_HEADERS + 1)));
        assert!(!headers_ok([(5, 1 << 20)].into_iter()));
    }
}
