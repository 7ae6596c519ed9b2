//! How the command line reports: diagnostics in the chosen format (human, JSON lines or
//! GitHub annotations), colour on a terminal, the progress line of a long build, and the
//! exit codes.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use clap::ValueEnum;
use dossier::diag::{Diagnostic, Severity};
use dossier::progress::PROGRESS;

// Exit codes: 0 is success.
/// Content errors, or warnings with `--deny-warnings`.
pub const CONTENT: u8 = 1;
/// The command line or the site root asks for something that cannot be done.
pub const USAGE: u8 = 2;
/// Input or output failed, or dossier itself did (a theme that does not compile, a
/// rendered site with dead links).
pub const FAILURE: u8 = 3;

/// How diagnostics are printed (`--format`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `path:line:col: error: message`, the source line and a caret, to stderr
    #[default]
    Human,
    /// One JSON object per diagnostic per line, to stdout (schema in the README)
    Json,
    /// GitHub Actions annotations (`::error file=…,line=…`), to stdout, so problems show
    /// on the pull request's lines
    Github,
}

/// Prints diagnostics in a format.
pub struct Reporter {
    pub format: Format,
    /// Errors only (`-q`).
    pub quiet: bool,
    colour: bool,
}

impl Reporter {
    pub fn new(format: Format, quiet: bool) -> Reporter {
        Reporter { format, quiet, colour: colour() }
    }

    pub fn diagnostics(&self, diagnostics: &[Diagnostic]) {
        let stdout = std::io::stdout();
        let stderr = std::io::stderr();
        let (mut out, mut err) = (stdout.lock(), stderr.lock());
        for d in diagnostics.iter().filter(|d| !self.quiet || d.severity == Severity::Error) {
            let written = match self.format {
                Format::Human if self.colour => err.write_all(d.render_colored().as_bytes()),
                Format::Human => err.write_all(d.render().as_bytes()),
                Format::Json => writeln!(out, "{}", d.json()),
                Format::Github => writeln!(out, "{}", d.github()),
            };
            if written.is_err() {
                return;
            }
        }
    }
}

/// Whether to colour what goes to stderr: on a terminal, unless `NO_COLOR` is set;
/// `CLICOLOR_FORCE` forces it.
fn colour() -> bool {
    let set = |v: &str| std::env::var_os(v).is_some_and(|x| !x.is_empty());
    if set("CLICOLOR_FORCE") {
        return true;
    }
    !set("NO_COLOR") && std::io::stderr().is_terminal() && std::env::var("TERM").ok().is_none_or(|t| t != "dumb")
}

/// The exit code for a fatal error.
pub fn exit_for(e: &dossier::Error) -> ExitCode {
    ExitCode::from(match e {
        dossier::Error::Usage(_) => USAGE,
        _ => FAILURE,
    })
}

/// A progress line on a terminal, for builds that take more than a second: the stage
/// and how far through it, rewritten in place, cleared when the ticker is dropped.
pub struct Ticker {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Ticker {
    pub fn start() -> Ticker {
        let stop = Arc::new(AtomicBool::new(false));
        if !std::io::stderr().is_terminal() {
            return Ticker { stop, thread: None };
        }
        let flag = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let mut waited = Duration::ZERO;
            let tick = Duration::from_millis(100);
            let mut shown = false;
            while !flag.load(Ordering::Relaxed) {
                std::thread::sleep(tick);
                waited += tick;
                if waited < Duration::from_secs(1) {
                    continue;
                }
                let (stage, done, total) = PROGRESS.now();
                let line = if total > 0 { format!("{stage} {done}/{total}") } else { format!("{stage}…") };
                eprint!("\r\x1b[2K{line}");
                shown = true;
            }
            if shown {
                eprint!("\r\x1b[2K");
            }
        });
        Ticker { stop, thread: Some(thread) }
    }
}

impl Drop for Ticker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
