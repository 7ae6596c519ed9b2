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

/// Site settings. Field names are the keys of `dossier.yaml`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Shown in the header and in every `<title>`.
    pub title: String,
    /// Language of the content and of the theme's strings: `nl` (default) or `en`.
    pub language: String,
    /// Where the site is published, e.g. `https://example.org/wiki/`. Used only where
    /// absolute URLs are required (`sitemap.xml`, `robots.txt`); pages link relatively.
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
        }
    }
}

impl Config {
    /// Reads `dossier.yaml` from `root`, or the defaults when there is none.
    /// Problems in the file come back as diagnostics with line and column.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(vec![Diagnostic::file(Severity::Error, FILE_NAME, format!("cannot read: {e}"))]),
        };
        Self::parse(&text)
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
        if let Some(url) = &config.base_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                let offset = at("base_url");
                problems.push(
                    Diagnostic::error_at(
                        Path::new(FILE_NAME),
                        text,
                        offset,
                        format!("base_url `{url}` is not an absolute http(s) URL"),
                    )
                    .with_hint("write it in full, e.g. `https://org.github.io/repo/`"),
                );
            }
        }
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    /// `base_url` with exactly one trailing slash, if set.
    pub fn base_url(&self) -> Option<String> {
        self.base_url.as_ref().map(|u| format!("{}/", u.trim_end_matches('/')))
    }
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
        let ok = Config::parse("base_url: https://x.org/wiki\n").unwrap();
        assert_eq!(ok.base_url().unwrap(), "https://x.org/wiki/");
    }
}
