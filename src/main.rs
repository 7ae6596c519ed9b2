//! The `dossier` command: parses arguments, runs the library, prints diagnostics and
//! the summary, and sets the exit code (0 ok, 1 content errors, 2 usage errors).

mod cli;

use std::process::ExitCode;
use std::time::Instant;

use clap::{CommandFactory, Parser};

use cli::{Cli, Command, NewKind};
use dossier::build::{self, Changes, Options, Rebuilder};
use dossier::diag::Severity;

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
            ExitCode::from(1)
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
            };
            let output = args.output.clone().unwrap_or_else(|| args.root.join("output"));
            for note in dossier::write::tidy(&output) {
                eprintln!("note: {note}");
            }
            let mut built = Rebuilder::new(options, false).rebuild(&Changes::everything())?;
            print_diagnostics(&built.diagnostics, args.quiet);
            let (errors, warnings) = (built.errors(), built.warnings());
            let Some(rendered) = build::write(&args.root, &mut built, &output)? else {
                let kept = if output.exists() {
                    format!("{} left as it was", output.display())
                } else {
                    "nothing written".to_string()
                };
                eprintln!(
                    "build failed: {errors} error{}, {warnings} warning{}; {kept}",
                    plural(errors),
                    plural(warnings)
                );
                return Ok(ExitCode::from(1));
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
            };
            let built = Rebuilder::new(options, false).rebuild(&Changes::everything())?;
            print_diagnostics(&built.diagnostics, false);
            build::render_only(&built)?;
            let (errors, warnings) = (built.errors(), built.warnings());
            eprintln!(
                "checked {} pages in {:.2} s: {errors} error{}, {warnings} warning{}",
                built.pages,
                start.elapsed().as_secs_f64(),
                plural(errors),
                plural(warnings)
            );
            let failed = errors > 0 || (args.deny_warnings && warnings > 0);
            Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
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
                url: String::new(),
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir, lang } => {
            let lang = lang.parse().map_err(dossier::Error::msg)?;
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

fn print_diagnostics(diagnostics: &[dossier::diag::Diagnostic], quiet: bool) {
    for d in diagnostics {
        if quiet && d.severity != Severity::Error {
            continue;
        }
        eprint!("{}", d.render());
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
