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

/// Most headers a request may have, and most bytes in its head (request line and
/// headers together). Browsers send a few dozen headers and a few KB; far more is not a
/// preview request, and the server answers 431 instead of working on it.
pub const MAX_HEADERS: usize = 100;
pub const MAX_HEAD_BYTES: usize = 64 * 1024;

/// A request's head, as far as a preview server needs it.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    pub target: String,
    /// `Host`, lowercase, without the port.
    pub host: Option<String>,
    /// Whether the client asked to keep the connection open (HTTP/1.1 by default).
    pub keep_alive: bool,
    /// Whether the request announces a body (which a preview server never wants).
    pub has_body: bool,
}

/// Why a request head could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// The connection closed (or timed out) before a request started: nothing to answer.
    Gone,
    /// Malformed: 400.
    Bad,
    /// Too many headers or too many bytes: 431.
    TooLarge,
    /// An HTTP version other than 1.0 or 1.1: 505.
    Version,
}

/// Reads one request head from `input`, at most [`MAX_HEAD_BYTES`] of it.
pub fn read_request(input: &mut impl std::io::BufRead) -> Result<Request, Refused> {
    let mut head = Vec::new();
    loop {
        let before = head.len();
        let limit = (MAX_HEAD_BYTES + 1 - head.len()) as u64;
        let mut limited = std::io::Read::take(&mut *input, limit);
        match std::io::BufRead::read_until(&mut limited, b'\n', &mut head) {
            Ok(0) | Err(_) if head.is_empty() => return Err(Refused::Gone),
            Ok(0) | Err(_) => return Err(Refused::Bad),
            Ok(_) => {}
        }
        if head.len() > MAX_HEAD_BYTES {
            return Err(Refused::TooLarge);
        }
        let blank = matches!(&head[before..], b"\r\n" | b"\n");
        match (blank, before) {
            // Blank lines before the request line are allowed (RFC 9112, 2.2).
            (true, 0) => head.clear(),
            (true, _) => break,
            _ => {}
        }
    }
    parse_head(&head)
}

fn parse_head(head: &[u8]) -> Result<Request, Refused> {
    let text = std::str::from_utf8(head).map_err(|_| Refused::Bad)?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let request_line = lines.next().ok_or(Refused::Bad)?;
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Refused::Bad);
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) || !target.starts_with('/') {
        return Err(Refused::Bad);
    }
    let http10 = match version {
        "HTTP/1.1" => false,
        "HTTP/1.0" => true,
        v if v.starts_with("HTTP/") => return Err(Refused::Version),
        _ => return Err(Refused::Bad),
    };
    let mut request =
        Request { method: method.into(), target: target.into(), host: None, keep_alive: !http10, has_body: false };
    for (count, line) in lines.filter(|l| !l.is_empty()).enumerate() {
        if count >= MAX_HEADERS {
            return Err(Refused::TooLarge);
        }
        let (name, value) = line.split_once(':').ok_or(Refused::Bad)?;
        if name.is_empty() || name.contains([' ', '\t']) {
            return Err(Refused::Bad);
        }
        let value = value.trim();
        let tokens = || value.split(',').map(|t| t.trim().to_ascii_lowercase());
        match name.to_ascii_lowercase().as_str() {
            "host" if request.host.is_some() => return Err(Refused::Bad),
            "host" => request.host = Some(host_name(value).to_ascii_lowercase()),
            "connection" if tokens().any(|t| t == "close") => request.keep_alive = false,
            "connection" if tokens().any(|t| t == "keep-alive") => request.keep_alive = true,
            "content-length" => request.has_body |= value != "0",
            "transfer-encoding" => request.has_body = true,
            _ => {}
        }
    }
    if !http10 && request.host.is_none() {
        return Err(Refused::Bad);
    }
    Ok(request)
}

/// `example.org:8080` → `example.org`, `[::1]:1111` → `[::1]`.
fn host_name(value: &str) -> &str {
    if value.starts_with('[') {
        return value.split_inclusive(']').next().unwrap_or(value);
    }
    value.rsplit_once(':').filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit())).map_or(value, |(h, _)| h)
}

/// Whether a request's `Host` may be answered. A web page the author visits could point
/// a domain of its own at 127.0.0.1 (DNS rebinding) and read the preview, drafts
/// included; its requests carry that domain as `Host`. Loopback names and IP addresses
/// cannot be rebound, so only those are answered, and the names in `extra` (`--host`).
pub fn host_allowed(host: Option<&str>, extra: &[String]) -> bool {
    let Some(host) = host else { return true };
    if host == "localhost" || host.ends_with(".localhost") || extra.iter().any(|h| h.eq_ignore_ascii_case(host)) {
        return true;
    }
    let ip = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host);
    ip.parse::<std::net::IpAddr>().is_ok()
}

/// A response head: status line, `headers`, the body's length when known, and whether
/// the connection stays open.
pub fn head(status: u16, headers: &[(&str, &str)], length: Option<usize>, keep_alive: bool) -> String {
    let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(n) = length {
        out.push_str(&format!("Content-Length: {n}\r\n"));
    }
    out.push_str(if keep_alive { "Connection: keep-alive\r\n\r\n" } else { "Connection: close\r\n\r\n" });
    out
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Content Too Large",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Unknown",
    }
}

/// Content type by extension.
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

    fn read(raw: &[u8]) -> Result<Request, Refused> {
        read_request(&mut std::io::BufReader::new(raw))
    }

    #[test]
    fn request_heads() {
        let r = read(b"GET /a.html?x HTTP/1.1\r\nHost: 127.0.0.1:1111\r\nConnection: close\r\n\r\n").unwrap();
        assert_eq!(
            (r.method.as_str(), r.target.as_str(), r.host.as_deref(), r.keep_alive),
            ("GET", "/a.html?x", Some("127.0.0.1"), false)
        );
        let r = read(b"\r\nGET / HTTP/1.0\r\n\r\n").unwrap();
        assert!(!r.keep_alive && r.host.is_none());
        assert_eq!(read(b"GET / HTTP/1.1\r\nHost: [::1]:80\r\n\r\n").unwrap().host.as_deref(), Some("[::1]"));
        assert_eq!(read(b""), Err(Refused::Gone));
        assert_eq!(read(b"GET / HTTP/1.1\r\n\r\n"), Err(Refused::Bad), "HTTP/1.1 needs a Host");
        assert_eq!(read(b"GET / HTTP/9.9\r\nHost: x\r\n\r\n"), Err(Refused::Version));
        assert_eq!(read(b"\x00\x01 garbage\r\n\r\n"), Err(Refused::Bad));
        assert_eq!(read(b"GET\r\n\r\n"), Err(Refused::Bad));
        assert_eq!(read(b"GET / HTTP/1.1\r\nHost: x\r\nnot a header\r\n\r\n"), Err(Refused::Bad));
        assert_eq!(read(b"GET /\xff HTTP/1.1\r\nHost: x\r\n\r\n"), Err(Refused::Bad));
    }

    #[test]
    fn absurd_heads_are_refused() {
        let many: Vec<u8> = (0..=MAX_HEADERS).flat_map(|i| format!("X-{i}: v\r\n").into_bytes()).collect();
        let raw = [b"GET / HTTP/1.1\r\nHost: x\r\n".as_slice(), &many, b"\r\n"].concat();
        assert_eq!(read(&raw), Err(Refused::TooLarge));
        let big = [b"GET / HTTP/1.1\r\nHost: x\r\nX: ".as_slice(), &vec![b'a'; 1 << 20], b"\r\n\r\n"].concat();
        assert_eq!(read(&big), Err(Refused::TooLarge));
    }

    #[test]
    fn only_hosts_that_cannot_be_rebound() {
        for ok in ["localhost", "127.0.0.1", "[::1]", "192.168.1.4", "wiki.localhost"] {
            assert!(host_allowed(Some(ok), &[]), "{ok}");
        }
        for bad in ["evil.example", "localhost.evil.example", "127.0.0.1.nip.io", "x"] {
            assert!(!host_allowed(Some(bad), &[]), "{bad}");
        }
        assert!(host_allowed(Some("mijn-laptop"), &["Mijn-Laptop".into()]));
    }
}
