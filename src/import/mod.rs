//! `dossier source import FILE`: a letter (plain text or HTML) becomes a source page,
//! `content/sources/<key>.md`, with the front matter its text supports.
//!
//! The importer only writes what the letter shows about itself: the letterhead's title,
//! dateline, Kamerstuk and document number, the page footers that survive, the
//! signature, and the headings. What it does not show is left out and named, in a
//! comment in the page and in [`Imported::missing`]; nothing is guessed. The page's
//! body is a placeholder for the author's own summary: it never holds the letter's
//! sentences.
//!
//! Stages: [`html`] (tags to text) → [`layout`] (letterhead, body, footnotes, footers,
//! signature) → [`headings`] and [`letter`] (the facts) → [`page`] (the written page).
//! [`date`] and [`paper`] are the matchers for Dutch dates and parliamentary papers.

pub mod date;
pub mod headings;
pub mod html;
pub mod layout;
pub mod letter;
pub mod page;
pub mod paper;

use std::fs;
use std::path::{Path, PathBuf};

use crate::Error;

pub use letter::{Field, Letter};

/// Largest file the importer reads: a long letter is 100 KB of text; an HTML page with
/// its scripts a few MB.
const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// What to import, and where.
#[derive(Clone, Debug)]
pub struct Options {
    pub file: PathBuf,
    /// The citation key; by default from the Kamerstuk (`kst-25424-731`), else from the
    /// file name.
    pub key: Option<String>,
    pub root: PathBuf,
    /// Replace an existing page.
    pub force: bool,
}

/// What the import wrote.
#[derive(Debug)]
pub struct Imported {
    pub path: PathBuf,
    pub key: String,
    pub letter: Letter,
}

impl Imported {
    /// The fields the letter's text does not show (left out of the page).
    pub fn missing(&self) -> Vec<Field> {
        self.letter.missing()
    }
}

/// Reads the letter, writes its source page. Usage errors (exit 2): no `content/` at
/// the root, no such file (or an empty one), a key that cannot be a file name, an
/// existing page without `force`.
pub fn import(options: &Options) -> Result<Imported, Error> {
    let content = options.root.join("content");
    if !content.is_dir() {
        return Err(Error::usage(format!(
            "no content/ folder in {}; run `dossier init` first or pass --root",
            options.root.display()
        )));
    }
    let text = read(&options.file)?;
    if text.trim().is_empty() {
        return Err(Error::usage(format!("{} is empty", options.file.display())));
    }
    let letter = extract(&text, looks_like_html(&options.file, &text));
    let key = match &options.key {
        Some(key) => key.trim().trim_end_matches(".md").to_string(),
        None => letter.paper.as_ref().map(|p| p.key()).unwrap_or_else(|| key_from_file(&options.file)),
    };
    if !usable_key(&key) {
        return Err(Error::usage(format!(
            "`{key}` is not a usable source key (use letters and digits, with - _ . inside, e.g. kst-25424-731); pass --key"
        )));
    }
    let path = content.join("sources").join(format!("{key}.md"));
    if path.exists() && !options.force {
        return Err(Error::usage(format!("{} already exists; pass --force to replace it", path.display())));
    }
    let file_name = options
        .file
        .file_name()
        .map_or_else(|| options.file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let context = page::Context { file_name: &file_name, home: content.join("index.md").is_file() };
    let text = page::render(&letter, &context);
    let dir = content.join("sources");
    fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    Ok(Imported { path, key, letter })
}

/// The facts of a letter's text (HTML when `is_html`).
pub fn extract(text: &str, is_html: bool) -> Letter {
    let text = normalize(text);
    if is_html {
        let converted = html::to_text(&text);
        Letter::read(&converted.text, Some(&converted))
    } else {
        Letter::read(&text, None)
    }
}

/// The file's text: UTF-8, or else Windows-1252 (what older Dutch text files are in).
fn read(path: &Path) -> Result<String, Error> {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::usage(format!("{}: no such file", path.display())));
        }
        Err(e) => return Err(Error::io(path, e)),
    };
    if !meta.is_file() {
        return Err(Error::usage(format!("{} is not a file", path.display())));
    }
    if meta.len() > MAX_BYTES {
        return Err(Error::usage(format!("{} is larger than {} MB", path.display(), MAX_BYTES >> 20)));
    }
    let bytes = fs::read(path).map_err(|e| Error::io(path, e))?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => e.into_bytes().iter().map(|&b| windows_1252(b)).collect(),
    })
}

/// One byte of Windows-1252 (Latin-1 with typographic marks in 0x80–0x9F).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// Line ends, no-break and soft hyphens, a byte-order mark: as plain text has them.
fn normalize(text: &str) -> String {
    text.trim_start_matches('\u{feff}')
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace(['\u{a0}', '\u{202f}', '\t'], " ")
        .replace(['\u{ad}', '\u{200b}'], "")
}

fn looks_like_html(path: &Path, text: &str) -> bool {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    matches!(ext.as_deref(), Some("html" | "htm" | "xhtml")) || html::is_html(text)
}

/// A key from a file name: `Brief 9 april.txt` → `Brief-9-april`.
fn key_from_file(path: &Path) -> String {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut key = String::new();
    for c in stem.chars() {
        if c.is_alphanumeric() || "-_.".contains(c) {
            key.push(c);
        } else if !key.ends_with('-') {
            key.push('-');
        }
    }
    key.trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

/// The rule `dossier new source` applies: letters and digits, `-_.` inside.
fn usable_key(key: &str) -> bool {
    key.chars().next().is_some_and(char::is_alphanumeric)
        && key.chars().last().is_some_and(char::is_alphanumeric)
        && key.chars().all(|c| c.is_alphanumeric() || "-_.".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_from_file_names() {
        assert_eq!(key_from_file(Path::new("/tmp/000_7d14.txt")), "000_7d14");
        assert_eq!(key_from_file(Path::new("Brief 9 april (def).html")), "Brief-9-april-def");
        assert!(usable_key("kst-25424-731"));
        assert!(!usable_key("-kst") && !usable_key("a/b") && !usable_key(""));
    }

    #[test]
    fn windows_1252_text() {
        let bytes = [b'c', 0x93, b'o', 0xeb, 0x94];
        let text: String = bytes.iter().map(|&b| windows_1252(b)).collect();
        assert_eq!(text, "c“oë”");
    }

    #[test]
    fn html_and_text_give_the_same_headings() {
        let html = "<html><body><p>Den Haag, 1 maart 2030</p><p>Een opening.</p><h2>1. Een kop</h2><p>Tekst.</p>\
                    <h3>Nog een kop</h3><p>Meer.</p><p>De minister van Voorbeelden,<br>A. Voorbeeld</p></body></html>";
        let letter = extract(html, true);
        assert_eq!(letter.sections, ["Inleiding", "Een kop", "Nog een kop"]);
        assert_eq!(letter.date.map(|d| d.to_string()).as_deref(), Some("2030-03-01"));
        assert_eq!(letter.author.as_deref(), Some("A. Voorbeeld"));
    }
}
