//! The physical floor for a build (issue 8): the least work any generator must do for a
//! site of Markdown notes on this machine.
//!
//! ```sh
//! cargo build --release --example floor
//! target/release/examples/floor CONTENT_DIR OUTPUT_DIR
//! ```
//!
//! Walks `CONTENT_DIR`, reads every `.md` file, skips its front matter, renders the
//! Markdown with pulldown-cmark (the options dossier enables) and writes one HTML file
//! per note into `OUTPUT_DIR`, mirroring the folders, in parallel with rayon. No
//! templates, no links, no search: `benches/run.sh` reports dossier's full build as a
//! ratio to this.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use pulldown_cmark::{html, Parser};
use rayon::prelude::*;
use walkdir::WalkDir;

use dossier::parse::markdown::options;

/// The body after a `---` front-matter block, or the whole text if there is none.
fn body(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) else {
        return text;
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "---" {
            return &rest[offset..];
        }
    }
    text
}

fn render(content: &Path, output: &Path, rel: &Path) -> std::io::Result<usize> {
    let text = fs::read_to_string(content.join(rel))?;
    let markdown = body(&text);
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, Parser::new_ext(markdown, options()));
    let path = output.join(rel).with_extension("html");
    fs::write(&path, &out)?;
    Ok(out.len())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let [_, content, output] = args.as_slice() else {
        eprintln!("usage: floor CONTENT_DIR OUTPUT_DIR");
        return ExitCode::from(2);
    };
    let (content, output) = (Path::new(content), Path::new(output));
    let start = Instant::now();

    let mut files: Vec<PathBuf> = Vec::new();
    let mut dirs: Vec<PathBuf> = vec![PathBuf::new()];
    for entry in WalkDir::new(content).follow_links(false) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                eprintln!("floor: {e}");
                return ExitCode::FAILURE;
            }
        };
        let rel = entry.path().strip_prefix(content).unwrap_or(entry.path()).to_path_buf();
        if entry.file_type().is_dir() {
            dirs.push(rel);
        } else if entry.file_type().is_file() && rel.extension().is_some_and(|e| e == "md") {
            files.push(rel);
        }
    }
    for dir in &dirs {
        if let Err(e) = fs::create_dir_all(output.join(dir)) {
            eprintln!("floor: {}: {e}", output.join(dir).display());
            return ExitCode::FAILURE;
        }
    }

    let results: Vec<std::io::Result<usize>> = files.par_iter().map(|rel| render(content, output, rel)).collect();
    let mut bytes = 0;
    for (rel, r) in files.iter().zip(results) {
        match r {
            Ok(n) => bytes += n,
            Err(e) => {
                eprintln!("floor: {}: {e}", rel.display());
                return ExitCode::FAILURE;
            }
        }
    }
    eprintln!(
        "floor: rendered {} files ({:.1} MB of HTML) into {} in {:.2} s",
        files.len(),
        bytes as f64 / 1e6,
        output.display(),
        start.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
