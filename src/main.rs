//! The `dossier` command: parses arguments, runs the library, prints diagnostics and
//! the summary, and sets the exit code (0 ok, 1 content errors, 2 usage errors, 3 I/O
//! or internal failures; see [`report`]).

mod cli;
mod report;

use std::process::ExitCode;
use std::time::Instant;

use clap::{CommandFactory, Parser};

use cli::{Cli, Command, NewKind, SourceAction};
use dossier::build::{self, Changes, Options, Rebuilder};

// The build allocates many small strings from two threads at once; mimalloc does that
// faster than glibc's malloc and hands memory back instead of fragmenting (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            report::exit_for(&e)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, dossier::Error> {
    match cli.command {
        Command::Build(args) => {
            let start = Instant::now();
            let options = Options {
                root: args.root.clone(),
                drafts: args.drafts,
                base_url: args.base_url.clone(),
                broken_links: args.broken_links,
                source_texts: args.source_texts.clone(),
            };
            let reporter = report::Reporter::new(args.format, args.quiet);
            let output = args.output.clone().unwrap_or_else(|| args.root.join("output"));
            for note in dossier::write::tidy(&output) {
                eprintln!("note: {note}");
            }
            let ticker = report::Ticker::start();
            let mut built = Rebuilder::new(options, false).rebuild(&Changes::everything())?;
            let (errors, warnings) = (built.errors(), built.warnings());
            let refused = errors > 0 || (args.deny_warnings && warnings > 0);
            if refused {
                // Nothing is written: the last good output stays.
                built.renderer = None;
            }
            let written = if refused { None } else { build::write(&args.root, &mut built, &output)? };
            drop(ticker);
            reporter.diagnostics(&built.diagnostics);
            let Some(rendered) = written else {
                let kept = if output.exists() {
                    format!("{} left as it was", output.display())
                } else {
                    "nothing written".to_string()
                };
                let why = if errors == 0 { " (--deny-warnings)" } else { "" };
                eprintln!(
                    "build failed: {errors} error{}, {warnings} warning{}{why}; {kept}",
                    plural(errors),
                    plural(warnings)
                );
                return Ok(ExitCode::from(report::CONTENT));
            };
            for note in &rendered.notes {
                eprintln!("note: {note}");
            }
            if args.timings {
                for (stage, time) in &built.timings.stages {
                    eprintln!("  {stage:<8} {:>8.1} ms", time.as_secs_f64() * 1000.0);
                }
            }
            eprintln!(
                "built {} pages and {} assets into {} in {:.2} s ({} error{}, {warnings} warning{})",
                rendered.pages,
                rendered.assets,
                output.display(),
                start.elapsed().as_secs_f64(),
                errors,
                plural(errors),
                plural(warnings)
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(args) => {
            let start = Instant::now();
            let options = Options {
                root: args.root.clone(),
                drafts: args.drafts,
                base_url: None,
                broken_links: args.broken_links,
                source_texts: args.source_texts.clone(),
            };
            let reporter = report::Reporter::new(args.format, false);
            let ticker = report::Ticker::start();
            let built = Rebuilder::new(options, false).rebuild(&Changes::everything())?;
            let rendered = build::render_only(&built);
            drop(ticker);
            reporter.diagnostics(&built.diagnostics);
            rendered?;
            let (errors, warnings) = (built.errors(), built.warnings());
            eprintln!(
                "checked {} pages in {:.2} s: {errors} error{}, {warnings} warning{}",
                built.pages,
                start.elapsed().as_secs_f64(),
                plural(errors),
                plural(warnings)
            );
            let failed = errors > 0 || (args.deny_warnings && warnings > 0);
            Ok(if failed { ExitCode::from(report::CONTENT) } else { ExitCode::SUCCESS })
        }
        #[cfg(feature = "serve")]
        Command::Serve(args) => {
            dossier::serve::run(dossier::serve::ServeOptions {
                root: args.root,
                bind: args.bind,
                port: args.port,
                base_path: args.base_path,
                open: args.open,
                drafts: args.drafts,
                hosts: args.hosts,
                broken_links: args.broken_links,
                source_texts: args.source_texts.clone(),
                url: String::new(),
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir, lang } => {
            let lang = lang.parse().map_err(dossier::Error::usage)?;
            let written = dossier::init::site(&dir, lang)?;
            for path in &written {
                eprintln!("  created {}", path.display());
            }
            eprintln!("new site in {}; build it with `dossier build --root {}`", dir.display(), dir.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::New { kind: NewKind::Note { slug, title, root } } => {
            let path = dossier::init::note(&root, &slug, title.as_deref())?;
            println!("{}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::New { kind: NewKind::Source { key, title, root } } => {
            let path = dossier::init::source(&root, &key, title.as_deref())?;
            println!("{}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Source { action: SourceAction::Import { file, key, root, force } } => {
            let imported = dossier::import::import(&dossier::import::Options { file, key, root, force })?;
            let missing: Vec<&str> = imported.missing().iter().map(|f| f.key()).collect();
            if !missing.is_empty() {
                eprintln!("not found in the text: {}", missing.join(", "));
            }
            for note in &imported.letter.notes {
                eprintln!("note: {note}");
            }
            let sections = imported.letter.sections.len();
            eprintln!("imported as `{}` with {sections} section{}", imported.key, plural(sections));
            println!("{}", imported.path.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "dossier", &mut script);
            print_bytes(&script)
        }
        Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut page).expect("writing to memory cannot fail");
            print_bytes(&page)
        }
    }
}

/// Writes generated text to stdout; a reader that stops early (`| head`) is not an error.
fn print_bytes(bytes: &[u8]) -> Result<ExitCode, dossier::Error> {
    use std::io::Write;
    match std::io::stdout().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(dossier::Error::msg(format!("cannot write: {e}"))),
        _ => Ok(ExitCode::SUCCESS),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
