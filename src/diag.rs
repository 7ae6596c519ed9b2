//! Diagnostics: content problems found anywhere in the pipeline.
//!
//! Every stage that finds something wrong with the *content* (bad YAML, a broken link,
//! an unknown citation key) records a [`Diagnostic`] instead of stopping, so one run
//! reports everything. A diagnostic points at a byte offset in a file whose text the
//! site keeps in memory; [`LineIndex`] turns that offset into `line:col`, and
//! [`Diagnostic::render`] prints it the way compilers do:
//!
//! ```text
//! error: unknown citation key `kst-1`
//!  --> content/notes/a.md:12:7
//!    |
//! 12 | Zie [@kst-1, p. 4].
//!    |       ^
//!    = hint: did you mean `kst-25424-731`?
//! ```
//!
//! Fatal errors (I/O, config, template compile) are not diagnostics: they are
//! [`crate::Error`]s and stop the run.

use std::cell::{Cell, OnceCell};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is. Errors fail `build` and `check`; warnings fail only
/// `check --deny-warnings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    /// Information that fails nothing (e.g. a check that was skipped).
    Note,
}

/// One content problem, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as shown to the user (relative to the site root, `/`-separated).
    pub path: PathBuf,
    /// 1-based line and column (in characters), when the problem has a place.
    pub position: Option<Position>,
    /// The source line the position is on, for the snippet. A long line is kept as a
    /// window around the position, with `…` where it was cut.
    pub line_text: Option<String>,
    /// Characters of the line cut from the front of `line_text` (0: the whole line).
    pub line_cut: usize,
    pub message: String,
    pub hint: Option<String>,
}

/// A 1-based line and column. Columns count characters, not bytes, so a caret lines
/// up under Dutch diacritics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Diagnostic {
    /// A diagnostic for a whole file, without a position.
    pub fn file(severity: Severity, path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            path: path.into(),
            position: None,
            line_text: None,
            line_cut: 0,
            message: message.into(),
            hint: None,
        }
    }

    /// A diagnostic at byte `offset` of `text`, the full contents of `path`. (Each call
    /// indexes the text anew: for many diagnostics in one file use [`Diagnostic::in_file`].)
    pub fn at(
        severity: Severity,
        path: impl Into<PathBuf>,
        text: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        Self::in_file(severity, path, &FileText::new(text), offset, message)
    }

    /// A diagnostic at byte `offset` of an indexed file.
    pub fn in_file(
        severity: Severity,
        path: impl Into<PathBuf>,
        file: &FileText<'_>,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        let (position, offset) = file.position(offset);
        let (line_text, line_cut) = file.snippet(position, offset);
        Diagnostic {
            severity,
            path: path.into(),
            position: Some(position),
            line_text: Some(line_text),
            line_cut,
            message: message.into(),
            hint: None,
        }
    }

    pub fn error_at(path: &Path, text: &str, offset: usize, message: impl Into<String>) -> Self {
        Self::at(Severity::Error, path, text, offset, message)
    }

    pub fn warning_at(path: &Path, text: &str, offset: usize, message: impl Into<String>) -> Self {
        Self::at(Severity::Warning, path, text, offset, message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col` (or just `path`), the part editors and CI logs can jump to.
    pub fn location(&self) -> String {
        let path = self.path.display();
        match self.position {
            Some(p) => format!("{path}:{}:{}", p.line, p.column),
            None => path.to_string(),
        }
    }

    /// The one-line form: `path:line:col: error: message`.
    pub fn headline(&self) -> String {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        format!("{}: {label}: {}", self.location(), self.message)
    }

    /// The full form: headline, source line with a caret, and the hint.
    pub fn render(&self) -> String {
        let mut out = self.headline();
        out.push('\n');
        if let (Some(pos), Some(line)) = (self.position, &self.line_text) {
            let number = pos.line.to_string();
            let pad = " ".repeat(number.len());
            // Tabs would throw the caret off; show them as single spaces.
            let shown: String = line.chars().map(|c| if c == '\t' { ' ' } else { c }).collect();
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{number} | {shown}");
            // A cut line starts with `…` in place of `line_cut` characters.
            let before = if self.line_cut > 0 { pos.column - self.line_cut } else { pos.column.saturating_sub(1) };
            let caret_pad = " ".repeat(before);
            let _ = writeln!(out, "{pad} | {caret_pad}^");
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "  = hint: {hint}");
        }
        out
    }
}

impl Diagnostic {
    /// The word for the severity, as printed.
    pub fn label(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }

    /// The full form with ANSI colours, for a terminal: the severity in red, yellow or
    /// cyan, the place in bold, the caret in the severity's colour.
    pub fn render_colored(&self) -> String {
        let colour = match self.severity {
            Severity::Error => "\x1b[1;31m",
            Severity::Warning => "\x1b[1;33m",
            Severity::Note => "\x1b[1;36m",
        };
        let (bold, dim, reset) = ("\x1b[1m", "\x1b[2m", "\x1b[0m");
        let plain = self.render();
        let mut out = String::with_capacity(plain.len() + 64);
        for (i, line) in plain.lines().enumerate() {
            if i == 0 {
                let location = self.location();
                let rest = line.strip_prefix(&location).unwrap_or(line);
                let label = format!(": {}:", self.label());
                let message = rest.strip_prefix(&label).unwrap_or(rest);
                let _ = write!(out, "{bold}{location}{reset}: {colour}{}{reset}:{bold}{message}{reset}", self.label());
            } else if line.trim_start().starts_with('|') && line.trim_end().ends_with('^') {
                let bar = line.find('|').map_or(0, |b| b + 1);
                let _ = write!(out, "{dim}{}{reset}{colour}{}{reset}", &line[..bar], &line[bar..]);
            } else if let Some(bar) = line.find(" | ").or_else(|| line.find(" |")) {
                let _ = write!(out, "{dim}{}{reset}{}", &line[..bar + 2], &line[bar + 2..]);
            } else {
                out.push_str(line);
            }
            out.push('\n');
        }
        out
    }

    /// One line of JSON: `{"severity", "path", "line", "column", "message", "hint",
    /// "source"}` (`line`, `column`, `hint` and `source` may be `null`). The schema the
    /// README documents for `--format json`.
    pub fn json(&self) -> String {
        serde_json::json!({
            "severity": self.label(),
            "path": self.path.to_string_lossy().replace('\\', "/"),
            "line": self.position.map(|p| p.line),
            "column": self.position.map(|p| p.column),
            "message": self.message,
            "hint": self.hint,
            "source": self.line_text,
        })
        .to_string()
    }

    /// A GitHub Actions workflow command, so the problem shows on the pull request's
    /// line: `::error file=…,line=…,col=…,title=dossier::message`.
    pub fn github(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let property = |s: &str| {
            s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A").replace(':', "%3A").replace(',', "%2C")
        };
        let mut out = format!("::{kind} file={}", property(&self.path.to_string_lossy().replace('\\', "/")));
        if let Some(p) = self.position {
            let _ = write!(out, ",line={},col={}", p.line, p.column);
        }
        let mut message = self.message.clone();
        if let Some(hint) = &self.hint {
            let _ = write!(message, " (hint: {hint})");
        }
        let data = message.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
        let _ = write!(out, ",title=dossier {kind}::{data}");
        out
    }
}

/// Sorts diagnostics by file and place, so output does not depend on thread timing.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.position, a.severity, &a.message).cmp(&(&b.path, b.position, b.severity, &b.message))
    });
}

/// Byte offsets of line starts in one text.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// Line and column (both 1-based, column in characters) of a byte offset.
    /// Offsets past the end, or inside a character, are clamped.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let column = text[self.starts[line]..offset].chars().count() + 1;
        Position { line: line + 1, column }
    }

    /// Byte offset of the start of a 1-based line (clamped to the end of the text).
    pub fn line_start(&self, text: &str, line: usize) -> usize {
        self.starts.get(line.saturating_sub(1)).copied().unwrap_or(text.len())
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let start = self.line_start(text, line);
        let end = self.starts.get(line).copied().unwrap_or(text.len());
        text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// Lines longer than this (in bytes) are shown as a window around the position.
const SNIPPET_MAX: usize = 160;
/// Characters shown before the position in a window.
const SNIPPET_BEFORE: usize = 60;

/// One file's text, indexed for placing diagnostics in it. The lines are indexed once,
/// on first use, and a column is counted on from the previous position when offsets
/// come in order: placing each diagnostic from scratch costs a pass over the file, which
/// made a note with 100,000 broken links take hours.
#[derive(Debug)]
pub struct FileText<'t> {
    text: &'t str,
    index: OnceCell<LineIndex>,
    /// The last offset placed and its position.
    last: Cell<Option<(usize, Position)>>,
}

impl<'t> FileText<'t> {
    pub fn new(text: &'t str) -> Self {
        FileText { text, index: OnceCell::new(), last: Cell::new(None) }
    }

    /// Position of a byte offset (clamped into the text and back to a character
    /// boundary), and the offset used.
    fn position(&self, offset: usize) -> (Position, usize) {
        let text = self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let index = self.index.get_or_init(|| LineIndex::new(text));
        let line = index.starts.partition_point(|&s| s <= offset) - 1;
        let line_start = index.starts[line];
        let column = match self.last.get() {
            Some((from, p)) if p.line == line + 1 && from <= offset => p.column + text[from..offset].chars().count(),
            _ => text[line_start..offset].chars().count() + 1,
        };
        let position = Position { line: line + 1, column };
        self.last.set(Some((offset, position)));
        (position, offset)
    }

    /// The line at `position` (whose byte offset is `offset`), or a window of it around
    /// the position when it is long, with the number of characters cut from its front.
    fn snippet(&self, position: Position, offset: usize) -> (String, usize) {
        let text = self.text;
        let index = self.index.get_or_init(|| LineIndex::new(text));
        let line = index.line_text(text, position.line);
        if line.len() <= SNIPPET_MAX {
            return (line.to_string(), 0);
        }
        let line_start = index.line_start(text, position.line);
        // The offset may be on the line's `\r` or `\n`, past `line`.
        let at = (offset - line_start).min(line.len());
        let start = line[..at].char_indices().rev().nth(SNIPPET_BEFORE - 1).map_or(0, |(i, _)| i);
        let end = line[at..].char_indices().nth(SNIPPET_MAX - SNIPPET_BEFORE).map_or(line.len(), |(i, _)| at + i);
        let shown_before = line[start..at].chars().count() + text[line_start + at..offset].chars().count();
        let cut = if start > 0 { position.column - 1 - shown_before } else { 0 };
        let mut window = String::with_capacity(end - start + 6);
        if start > 0 {
            window.push('…');
        }
        window.push_str(&line[start..end]);
        if end < line.len() {
            window.push('…');
        }
        (window, cut)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\ncdé f\n\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(index.position(text, 3), Position { line: 2, column: 1 });
        // 'f' follows a two-byte 'é': byte 8, character column 5.
        assert_eq!(index.position(text, 8), Position { line: 2, column: 5 });
        assert_eq!(index.position(text, 10), Position { line: 3, column: 1 });
        assert_eq!(index.position(text, 99), Position { line: 4, column: 2 });
        assert_eq!(index.line_text(text, 2), "cdé f");
    }

    #[test]
    fn offsets_inside_a_character_are_clamped() {
        let text = "é";
        assert_eq!(LineIndex::new(text).position(text, 1), Position { line: 1, column: 1 });
    }

    #[test]
    fn long_lines_are_shown_as_a_window_around_the_caret() {
        let line = format!("{}[@x]{}", "é".repeat(5_000), "a".repeat(5_000));
        let d = Diagnostic::error_at(Path::new("a.md"), &format!("kop\n{line}\n"), 4 + 10_000, "bad");
        assert_eq!(d.headline(), "a.md:2:5001: error: bad");
        let shown = d.line_text.as_deref().unwrap();
        assert!(shown.chars().count() <= SNIPPET_MAX + 2, "{shown}");
        assert_eq!(
            shown,
            format!("…{}[@x]{}…", "é".repeat(SNIPPET_BEFORE), "a".repeat(SNIPPET_MAX - SNIPPET_BEFORE - 4))
        );
        let rendered = d.render();
        let lines: Vec<&str> = rendered.lines().collect();
        // The caret sits under the `[` in the window.
        let caret = lines[3].chars().position(|c| c == '^').unwrap();
        assert_eq!(lines[2].chars().nth(caret), Some('['), "{rendered}");
    }

    #[test]
    fn a_place_at_the_end_of_a_long_line_is_shown() {
        let text = format!("{}\r\nx", "a".repeat(500));
        for offset in [500, 501] {
            let d = Diagnostic::error_at(Path::new("a.md"), &text, offset, "hier");
            let rendered = d.render();
            let lines: Vec<&str> = rendered.lines().collect();
            assert_eq!(lines[2], format!("1 | …{}", "a".repeat(SNIPPET_BEFORE)), "{rendered}");
            let caret = lines[3].chars().position(|c| c == '^').unwrap();
            assert_eq!(caret, lines[2].chars().count() + offset - 500, "{rendered}");
        }
    }

    #[test]
    fn many_diagnostics_in_one_file_are_cheap() {
        let text = "[[x]] ".repeat(100_000) + "\n" + &"[[y]]\n".repeat(100_000);
        let file = FileText::new(&text);
        let start = std::time::Instant::now();
        let index = LineIndex::new(&text);
        for offset in (0..text.len()).step_by(6) {
            let position = Diagnostic::in_file(Severity::Error, "a.md", &file, offset, "x").position.unwrap();
            if offset % 60_000 == 0 {
                assert_eq!(position, index.position(&text, offset));
            }
        }
        assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());
        // Out of order, too.
        let late = Diagnostic::in_file(Severity::Error, "a.md", &file, 12, "x").position;
        assert_eq!(late, Some(Position { line: 1, column: 13 }));
    }

    #[test]
    fn machine_forms() {
        let d = Diagnostic::error_at(
            Path::new("content/a b.md"),
            "x\nzie [[Nergens, echt]]\n",
            6,
            "link target `Nergens, echt` not found",
        )
        .with_hint("did you mean `Ergens`?");
        assert_eq!(
            d.github(),
            "::error file=content/a b.md,line=2,col=5,title=dossier error::link target `Nergens, echt` not found (hint: did you mean `Ergens`?)"
        );
        let json: serde_json::Value = serde_json::from_str(&d.json()).unwrap();
        assert_eq!(json["line"], 2);
        assert_eq!(json["column"], 5);
        assert_eq!(json["severity"], "error");
        assert_eq!(json["source"], "zie [[Nergens, echt]]");
        let odd = Diagnostic::file(Severity::Warning, "content/x:y,z.md", "a\nb 100%");
        assert_eq!(odd.github(), "::warning file=content/x%3Ay%2Cz.md,title=dossier warning::a%0Ab 100%25");
        assert!(d.render_colored().contains("\x1b[1;31merror\x1b[0m"));
    }

    #[test]
    fn render_points_a_caret_at_the_column() {
        let d = Diagnostic::error_at(Path::new("content/a.md"), "titel: x\nfoo: [\n", 14, "bad")
            .with_hint("close the list");
        assert_eq!(d.render(), "content/a.md:2:6: error: bad\n  |\n2 | foo: [\n  |      ^\n  = hint: close the list\n");
    }
}
