//! `dossier.yaml`: the site's settings, read once at the start of a run.
//!
//! The file is optional; every key has a default. Unknown keys are errors that name the
//! key and its line, because a misspelt option that is silently ignored is worse than
//! none.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diag::{Diagnostic, Severity};

/// The name of the settings file in a site root.
pub const FILE_NAME: &str = "dossier.yaml";

/// How raw HTML in Markdown (and attributes written in Markdown syntax) is treated:
/// `sanitize` (default) keeps safe markup and drops scripts, event handlers and
/// `javascript:` URLs; `escape` shows it as text; `allow` passes it through untouched.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    #[default]
    Sanitize,
    Allow,
    Escape,
}

/// What a link, embed, anchor or citation key that does not resolve is: an error (the
/// default: a cited policy wiki must not have them) or a warning (a migrating team sees
/// its site first and fixes links second). Either way it renders as visibly unresolved
/// text, and the missing-pages list shows what is wanted where.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum BrokenLinks {
    #[default]
    Error,
    Warn,
}

impl BrokenLinks {
    pub fn severity(self) -> Severity {
        match self {
            BrokenLinks::Error => Severity::Error,
            BrokenLinks::Warn => Severity::Warning,
        }
    }
}

impl std::str::FromStr for BrokenLinks {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "error" => Ok(BrokenLinks::Error),
            "warn" => Ok(BrokenLinks::Warn),
            _ => Err(format!("`{s}`: use `error` or `warn`")),
        }
    }
}

/// Site settings. Field names are the keys of `dossier.yaml`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Shown in the header and in every `<title>`.
    pub title: String,
    /// Language of the content and of the theme's strings: `nl` (default) or `en`.
    pub language: String,
    /// Where the site is published, e.g. `https://example.org/wiki/`. Used only where
    /// absolute URLs are required (`sitemap.xml`, `robots.txt`, `feed.xml`, canonical
    /// and Open Graph URLs); pages link relatively.
    pub base_url: Option<String>,
    /// Theme folder under `themes/`; `default` is built in.
    pub theme: String,
    /// Link pattern for "edit this page", with `{path}` for the file's path from the site
    /// root, e.g. `https://github.com/org/repo/edit/main/{path}`.
    pub edit_url: Option<String>,
    /// Folder (relative to the site root) with the full text of sources, one
    /// `<key>.txt` per source, used to check quotations.
    pub source_texts: Option<PathBuf>,
    /// Raw HTML in Markdown: `sanitize` (default), `escape` or `allow`.
    pub raw_html: RawHtml,
    /// Unresolved links: `error` (default) or `warn`.
    pub broken_links: BrokenLinks,
    /// Notes larger than this many megabytes are refused (parsing takes memory in
    /// proportion to a note's size).
    pub max_note_mb: f64,
    /// A site for its own organisation only: `noindex, nofollow` on every page, a
    /// `robots.txt` that disallows everything, and no `sitemap.xml`.
    pub private: bool,
    /// The site's icon (`.svg`, `.png` or `.ico`), a path from the site root; without
    /// it, the theme's.
    pub favicon: Option<String>,
    /// An image shown before the title in the header, and the picture shared with links
    /// to the site (Open Graph) when `base_url` is set.
    pub logo: Option<String>,
    /// The site's own stylesheets, linked after the theme's, in this order.
    pub extra_css: Vec<String>,
    /// HTML put at the end of every page's `<head>` (under `raw_html`'s policy).
    pub head_include: Option<String>,
    /// HTML put at the end of every page's footer (under `raw_html`'s policy).
    pub footer_include: Option<String>,
    /// What the five keys above name, checked and read by [`Config::load`].
    #[serde(skip)]
    pub branding: Branding,
}

/// The files a site brands itself with (`favicon`, `logo`, `extra_css`, the includes),
/// checked and placed when `dossier.yaml` is loaded.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Branding {
    pub favicon: Option<SiteFile>,
    pub logo: Option<SiteFile>,
    pub css: Vec<SiteFile>,
    /// The includes' text as written; build applies the `raw_html` policy to it
    /// (`parse::html::include`) before anything renders it.
    pub head: Option<String>,
    pub footer: Option<String>,
}

/// A file of the site's own that pages link to.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteFile {
    /// Its output path. A file under `content/` is published where the other content
    /// files are (so a stylesheet's `url()` to fonts and images beside it still works);
    /// any other file is copied to `assets/site/`.
    pub url: String,
    /// The file to copy to `url`, when it is not under `content/`.
    pub copy: Option<PathBuf>,
}

impl Branding {
    /// The files render must copy, in a fixed order.
    pub fn copies(&self) -> impl Iterator<Item = &SiteFile> {
        self.favicon.iter().chain(&self.logo).chain(&self.css).filter(|f| f.copy.is_some())
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Dossier".to_string(),
            language: "nl".to_string(),
            base_url: None,
            theme: "default".to_string(),
            edit_url: None,
            source_texts: None,
            raw_html: Default::default(),
            broken_links: Default::default(),
            max_note_mb: 2.0,
            private: false,
            favicon: None,
            logo: None,
            extra_css: Vec::new(),
            head_include: None,
            footer_include: None,
            branding: Branding::default(),
        }
    }
}

impl Config {
    /// Reads `dossier.yaml` from `root`, or the defaults when there is none.
    /// Problems in the file come back as diagnostics with line and column.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(FILE_NAME);
        if std::fs::metadata(&path).is_ok_and(|m| !m.is_file()) {
            let message = "not a regular file (a FIFO, socket or device); reading it could block forever";
            return Err(vec![Diagnostic::file(Severity::Error, FILE_NAME, message)]);
        }
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(vec![Diagnostic::file(Severity::Error, FILE_NAME, format!("cannot read: {e}"))]),
        };
        let mut config = Self::parse(&text)?;
        let problems = config.read_branding(root, &text);
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    /// Checks the files `favicon`, `logo`, `extra_css` and the includes name, and fills
    /// in [`Config::branding`]. Each problem names the key's line.
    fn read_branding(&mut self, root: &Path, text: &str) -> Vec<Diagnostic> {
        const IMAGES: &[&str] = &["svg", "png", "jpg", "jpeg", "gif", "webp", "avif"];
        let positions = crate::yaml::positions(text, 0);
        let mut problems = Vec::new();
        let problem = |problems: &mut Vec<Diagnostic>, offset: Option<usize>, message: String, hint: &str| {
            let d = Diagnostic::error_at(Path::new(FILE_NAME), text, offset.unwrap_or(0), message);
            problems.push(if hint.is_empty() { d } else { d.with_hint(hint) });
        };
        let check = |problems: &mut Vec<Diagnostic>, key: &str, index: Option<usize>, value: &str, kinds: &[&str]| {
            let at = match index {
                Some(i) => positions.item(key, i),
                None => positions.key(key),
            };
            let path = Path::new(value);
            let inside = !value.trim().is_empty()
                && path.is_relative()
                && path.components().all(|c| matches!(c, std::path::Component::Normal(_)));
            if !inside {
                let message = format!("{key} `{value}` is not a path inside the site root");
                problem(problems, at, message, "write it from the site root, e.g. `huisstijl/logo.svg`");
                return None;
            }
            let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
            if !extension.as_deref().is_some_and(|e| kinds.contains(&e)) {
                let list = kinds.iter().map(|k| format!(".{k}")).collect::<Vec<_>>().join(", ");
                problem(problems, at, format!("{key} `{value}` is not one of {list}"), "");
                return None;
            }
            let full = root.join(path);
            if !std::fs::symlink_metadata(&full).is_ok_and(|m| m.is_file()) {
                problem(problems, at, format!("{key} `{value}`: no such file (or not a regular file)"), "");
                return None;
            }
            Some(full)
        };
        let place = |value: &str, full: PathBuf| {
            let rel = value.replace('\\', "/");
            match rel.strip_prefix("content/") {
                Some(inner) if inner.split('/').all(|p| !p.starts_with(['.', '_'])) => {
                    SiteFile { url: crate::model::asset_url(inner), copy: None }
                }
                _ => SiteFile { url: format!("assets/site/{}", crate::model::asset_url(&rel)), copy: Some(full) },
            }
        };
        let mut branding = Branding::default();
        if let Some(v) = &self.favicon {
            branding.favicon = check(&mut problems, "favicon", None, v, &["svg", "png", "ico"]).map(|f| place(v, f));
        }
        if let Some(v) = &self.logo {
            branding.logo = check(&mut problems, "logo", None, v, IMAGES).map(|f| place(v, f));
        }
        for (i, v) in self.extra_css.iter().enumerate() {
            branding.css.extend(check(&mut problems, "extra_css", Some(i), v, &["css"]).map(|f| place(v, f)));
        }
        let escape = self.raw_html == RawHtml::Escape;
        for (key, value, slot) in [
            ("head_include", &self.head_include, &mut branding.head),
            ("footer_include", &self.footer_include, &mut branding.footer),
        ] {
            let Some(v) = value else { continue };
            let Some(full) = check(&mut problems, key, None, v, &["html", "htm"]) else { continue };
            if escape {
                let hint = "includes follow `raw_html`: use `sanitize` (safe markup) or `allow` (as written)";
                problem(
                    &mut problems,
                    positions.key(key),
                    format!("{key} cannot be used with `raw_html: escape`"),
                    hint,
                );
                continue;
            }
            match std::fs::read_to_string(&full) {
                Ok(html) => *slot = Some(html),
                Err(e) => problem(
                    &mut problems,
                    positions.key(key),
                    format!("{key} `{v}`: cannot read: {e}"),
                    "save it as UTF-8",
                ),
            }
        }
        self.branding = branding;
        problems
    }

    /// Parses the text of a `dossier.yaml`.
    pub fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        let config: Config = crate::yaml::from_str(text)
            .map_err(|e| vec![Diagnostic::error_at(Path::new(FILE_NAME), text, e.offset.unwrap_or(0), e.message)])?;
        let positions = crate::yaml::positions(text, 0);
        let at = |key: &str| positions.key(key).unwrap_or(0);
        let mut problems = Vec::new();
        if !matches!(config.language.as_str(), "nl" | "en") {
            let offset = at("language");
            problems.push(
                Diagnostic::error_at(
                    Path::new(FILE_NAME),
                    text,
                    offset,
                    format!("unsupported language `{}`", config.language),
                )
                .with_hint("use `nl` or `en`"),
            );
        }
        if let Some(problem) = config.base_url.as_deref().and_then(base_url_problem) {
            problems.push(
                Diagnostic::error_at(Path::new(FILE_NAME), text, at("base_url"), problem)
                    .with_hint("write it in full, e.g. `https://org.github.io/repo/`"),
            );
        }
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    /// The largest note, in bytes.
    pub fn note_limit(&self) -> u64 {
        (self.max_note_mb.max(0.0) * 1_000_000.0) as u64
    }

    /// `base_url` with exactly one trailing slash, if set.
    pub fn base_url(&self) -> Option<String> {
        self.base_url.as_ref().map(|u| format!("{}/", u.trim_end_matches('/')))
    }
}

/// What is wrong with a `base_url` (from `dossier.yaml` or `--base-url`), if anything:
/// it lands in `sitemap.xml`, `robots.txt`, feeds and canonical links, so it must be an
/// absolute http(s) URL and nothing else.
pub fn base_url_problem(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    let scheme = lower.starts_with("http://") || lower.starts_with("https://");
    let host = url.split_once("://").map(|(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or(""));
    let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control() || "<>\"'`{}|\\^".contains(c));
    if !scheme || host.is_none_or(str::is_empty) || !clean {
        return Some(format!("base_url `{url}` is not an absolute http(s) URL"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_gives_defaults() {
        assert_eq!(Config::parse("").unwrap(), Config::default());
        assert_eq!(Config::default().language, "nl");
    }

    #[test]
    fn unknown_key_is_named_with_its_line() {
        let errors = Config::parse("title: Wiki\ntheem: donker\n").unwrap_err();
        assert_eq!(errors.len(), 1);
        let headline = errors[0].headline();
        assert!(headline.starts_with("dossier.yaml:2:1: error: unknown field `theem`"), "{headline}");
    }

    #[test]
    fn base_url_must_be_absolute() {
        let errors = Config::parse("base_url: /wiki/\n").unwrap_err();
        assert!(errors[0].message.contains("not an absolute"));
        for bad in ["javascript:alert(1)//", "https://", "https://x.org/<script>", "ftp://x.org/"] {
            assert!(base_url_problem(bad).is_some(), "{bad}");
        }
        let ok = Config::parse("base_url: https://x.org/wiki\n").unwrap();
        assert_eq!(ok.base_url().unwrap(), "https://x.org/wiki/");
    }
}
