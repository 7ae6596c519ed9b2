//! Load: walk `content/` and read every file. The only stage that reads the content
//! tree.
//!
//! Markdown files become [`SourceFile`]s (text in memory, so diagnostics can quote it);
//! every other file is an [`Asset`] copied later by write. Hidden files are skipped,
//! `_`-prefixed drafts unless asked for, and symlinks are never followed (a link out of
//! the tree or a loop cannot make a build read or publish what it should not). A file or
//! folder whose name is not UTF-8 is an error: read lossily, two names could become one.

pub mod git;

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Diagnostic, Position, Severity};
use crate::model::Asset;

/// A Markdown file's path (from `content/`, `/`-separated) and text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub rel: String,
    pub text: String,
}

/// A Markdown file found by [`scan`]: path from `content/` and on disk.
pub type Found = (String, PathBuf);

/// Walks `root/content` without reading: the Markdown files and the assets.
/// What [`scan`] found under `content/`.
#[derive(Debug, Default)]
pub struct Scanned {
    pub markdown: Vec<Found>,
    pub assets: Vec<Asset>,
    /// The folders' descriptions (Docusaurus `_category_.json`): folder → its text.
    pub categories: Vec<(String, String)>,
    /// The book's table of contents (mdBook `SUMMARY.md` at the top of content/).
    pub summary: Option<SourceFile>,
}

pub fn scan(root: &Path, drafts: bool, diagnostics: &mut Vec<Diagnostic>) -> Result<Scanned, crate::Error> {
    let dir = root.join("content");
    if !dir.is_dir() {
        return Err(crate::Error::usage(format!(
            "no content/ folder in {} (a site root holds content/ and optionally dossier.yaml; `dossier init DIR` makes one)",
            root.display()
        )));
    }
    let mut scanned = Scanned::default();
    let walker = WalkDir::new(&dir).follow_links(false).sort_by_file_name().into_iter();
    let mut walker = walker.filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        e.depth() == 0 || name == CATEGORY || keep(name.as_ref(), drafts)
    });
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| shown(root, p)).unwrap_or_else(|| PathBuf::from("content"));
                diagnostics.push(Diagnostic::file(Severity::Error, path, format!("cannot read: {e}")));
                continue;
            }
        };
        let file_type = entry.file_type();
        if entry.depth() > 0 && entry.file_name().to_str().is_none() {
            // Read lossily, two such names could become one page, and no link could name it.
            diagnostics.push(
                Diagnostic::file(Severity::Error, shown(root, entry.path()), "file name is not valid UTF-8")
                    .with_hint("rename it"),
            );
            if file_type.is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        // `content/` itself may be a link (a vault kept elsewhere): walkdir follows the
        // root, and only links inside it are refused.
        if file_type.is_dir() || entry.depth() == 0 {
            continue;
        }
        let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        if file_type.is_symlink() {
            diagnostics.push(Diagnostic::file(
                Severity::Warning,
                shown(root, entry.path()),
                "symbolic link skipped (dossier does not follow links)",
            ));
            continue;
        }
        if !file_type.is_file() {
            diagnostics.push(
                Diagnostic::file(
                    Severity::Warning,
                    shown(root, entry.path()),
                    "not a regular file (a FIFO, socket or device); skipped",
                )
                .with_hint("reading it could block the build forever; remove it from content/"),
            );
            continue;
        }
        if let Some(folder) = rel.strip_suffix(CATEGORY) {
            match read_text(entry.path()) {
                Ok(text) => scanned.categories.push((folder.trim_end_matches('/').to_string(), text)),
                Err(e) => diagnostics.push(Diagnostic::file(
                    Severity::Error,
                    shown(root, entry.path()),
                    format!("cannot read: {e}"),
                )),
            }
        } else if rel == SUMMARY {
            match read(root, rel, entry.path(), u64::MAX) {
                Ok(file) => scanned.summary = Some(file),
                Err(d) => diagnostics.push(d),
            }
        } else if rel.ends_with(".md") {
            scanned.markdown.push((rel, entry.into_path()));
        } else {
            scanned.assets.push(Asset { url: crate::model::asset_url(&rel), rel, source: entry.into_path() });
        }
    }
    Ok(scanned)
}

/// A folder's description for Docusaurus (label, position, intro), read, not copied.
const CATEGORY: &str = "_category_.json";
/// An mdBook's table of contents: it orders the sidebar and is not a page.
const SUMMARY: &str = "SUMMARY.md";

/// Opens a file under `content/` for reading, refusing anything but a regular file: a
/// symbolic link (which could lead out of the tree: a link put in place after the walk
/// is not followed either) or a FIFO or device (which would block a build forever).
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let refuse =
        |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("{what}, not a regular file"));
    #[cfg(unix)]
    let file = {
        use rustix::fs::{Mode, OFlags};
        // Non-blocking, so that opening a FIFO returns at once instead of waiting for a writer.
        let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
        match rustix::fs::open(path, flags, Mode::empty()) {
            Ok(fd) => std::fs::File::from(fd),
            Err(rustix::io::Errno::LOOP) => return Err(refuse("a symbolic link")),
            Err(e) => return Err(e.into()),
        }
    };
    #[cfg(not(unix))]
    let file = {
        if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
            return Err(refuse("a symbolic link"));
        }
        std::fs::File::open(path)?
    };
    if !file.metadata()?.is_file() {
        return Err(refuse("a FIFO, device or folder"));
    }
    Ok(file)
}

/// The text of a regular file (a source's full text): see [`open_regular`].
/// Where a source's own text is: its `text:` (under `source_texts`, else under the site
/// root), else `<source_texts>/<key>.txt`. `None` when it names none and there is no
/// `source_texts` folder.
pub fn source_text_path(root: &Path, texts: Option<&Path>, text: Option<&str>, key: &str) -> Option<PathBuf> {
    let dir = texts.map(|d| root.join(d));
    match (text, dir) {
        (Some(file), Some(dir)) => Some(dir.join(file)),
        (Some(file), None) => Some(root.join(file)),
        (None, Some(dir)) => Some(dir.join(format!("{key}.txt"))),
        (None, None) => None,
    }
}

pub fn read_text(path: &Path) -> std::io::Result<String> {
    let mut text = String::new();
    std::io::Read::read_to_string(&mut open_regular(path)?, &mut text)?;
    Ok(text)
}

/// Hidden files and folders are skipped; so are `_drafts` unless `--drafts`.
fn keep(name: &str, drafts: bool) -> bool {
    !name.starts_with('.') && (drafts || !name.starts_with('_'))
}

fn shown(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Reads one Markdown file, as UTF-8 with control characters replaced. A file over
/// `limit` bytes is refused (`max_note_mb` in `dossier.yaml`): parsing takes memory in
/// proportion, up to 150 times the size for text made of brackets alone.
pub fn read(root: &Path, rel: String, path: &Path, limit: u64) -> Result<SourceFile, Diagnostic> {
    let shown = shown(root, path);
    let cannot = |e: std::io::Error| Diagnostic::file(Severity::Error, &shown, format!("cannot read: {e}"));
    let mut file = open_regular(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size > limit {
        return Err(Diagnostic::file(
            Severity::Error,
            &shown,
            format!("note is {:.1} MB, over the limit of {:.1} MB", size as f64 / 1e6, limit as f64 / 1e6),
        )
        .with_hint("split it into smaller notes, or raise `max_note_mb` in dossier.yaml"));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(cannot)?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let mut d = Diagnostic::at(Severity::Error, &shown, &prefix, valid, "").with_hint("save the file as UTF-8");
            let Position { line, column } = d.position.unwrap_or(Position { line: 1, column: 1 });
            d.message = format!("not valid UTF-8 (byte 0x{:02x} at line {line}, column {column})", bytes[valid]);
            return Err(d);
        }
    };
    Ok(SourceFile { rel, text: clean(text) })
}

/// Replaces control characters (other than tab and line ends) with U+FFFD: they are
/// invalid in HTML, and render uses one of them as its placeholder mark.
fn clean(text: String) -> String {
    if !text.chars().any(is_bad_control) {
        return text;
    }
    text.chars().map(|c| if is_bad_control(c) { '\u{FFFD}' } else { c }).collect()
}

fn is_bad_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FDD0}'..='\u{FDEF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_replaced() {
        assert_eq!(clean("a\u{1A}b\tc\r\n".to_string()), "a\u{FFFD}b\tc\r\n");
    }

    #[test]
    fn drafts_and_hidden_files() {
        assert!(!keep(".obsidian", true));
        assert!(!keep("_concept.md", false));
        assert!(keep("_concept.md", true));
    }
}
