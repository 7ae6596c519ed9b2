//! Command-line definitions. `--help` is the first manual most users read, so every
//! flag says what it does and what it defaults to.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Build a static HTML wiki from Markdown notes that cite their sources.
///
/// A site root holds `content/` (Markdown notes; sources in `content/sources/`) and an
/// optional `dossier.yaml`. Notes link with [[wikilinks]] and cite with [@key, § Kop].
#[derive(Parser, Debug)]
#[command(name = "dossier", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "Examples:
  dossier build                      build ./content into ./output
  dossier build --base-url https://org.github.io/wiki/
  dossier check --deny-warnings      validate everything, write nothing
  dossier serve --open               preview with live reload at http://127.0.0.1:1111/
  dossier init mijn-wiki             start a new site
  dossier new note onderwerpen/wachttijden

Exit codes: 0 success, 1 content errors (or warnings with --deny-warnings), 2 usage errors
(bad arguments, no site at --root, an output folder dossier must not replace), 3 input,
output or internal failures.";

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into the output folder (atomically: a failed build keeps the old output)
    Build(BuildArgs),
    /// Validate front matter, links and citations without writing anything
    Check(CheckArgs),
    /// Preview the site with live reload while you write (never touches output/)
    #[cfg(feature = "serve")]
    Serve(ServeArgs),
    /// Create a small working site in DIR (new or empty), with a GitHub Pages workflow
    Init {
        /// Folder to create the site in
        dir: PathBuf,
        /// Language of the example pages and of the site's `language:`
        #[arg(long, default_value = "nl", value_parser = ["nl", "en"])]
        lang: String,
    },
    /// Create a new page from a template
    New {
        #[command(subcommand)]
        kind: NewKind,
    },
    /// Work with sources: import a letter as a source page
    Source {
        #[command(subcommand)]
        action: SourceAction,
    },
    /// Print a shell completion script
    ///
    /// For example: `dossier completions bash > ~/.local/share/bash-completion/completions/dossier`,
    /// or in PowerShell: `dossier completions powershell >> $PROFILE`
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff)
    ///
    /// For example: `dossier man > ~/.local/share/man/man1/dossier.1`, then `man dossier`
    Man,
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// Site root: the folder with content/ and dossier.yaml
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Where to write the site [default: ROOT/output]
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Absolute URL the site is published at, for sitemap.xml and robots.txt (pages link relatively)
    #[arg(long, value_name = "URL", value_parser = base_url)]
    pub base_url: Option<String>,
    /// Include drafts (`_`-prefixed files and `draft: true` pages)
    #[arg(long)]
    pub drafts: bool,
    /// Unresolved links, embeds, anchors and citation keys: `error` (the default) or
    /// `warn`, to see a migrated folder first and fix its links second [default: from
    /// dossier.yaml, else error]
    #[arg(long, value_name = "error|warn")]
    pub broken_links: Option<dossier::config::BrokenLinks>,
    /// Folder with the sources' own texts (their `text:` files, else `<key>.txt`), for
    /// the reading views and the quotation checks [default: `source_texts` in dossier.yaml]
    #[arg(long, value_name = "DIR")]
    pub source_texts: Option<PathBuf>,
    /// Print how long each stage took
    #[arg(long)]
    pub timings: bool,
    /// Print errors only, not warnings
    #[arg(long, short)]
    pub quiet: bool,
    /// Fail (exit 1, writing nothing) on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
    /// How to print problems: human (default; coloured on a terminal unless NO_COLOR is
    /// set), json (one object per line, on stdout) or github (workflow annotations)
    #[arg(long, value_enum, default_value_t, value_name = "FORMAT")]
    pub format: crate::report::Format,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Site root: the folder with content/ and dossier.yaml
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
    /// How to print problems: human (default; coloured on a terminal unless NO_COLOR is
    /// set), json (one object per line, on stdout) or github (workflow annotations)
    #[arg(long, value_enum, default_value_t, value_name = "FORMAT")]
    pub format: crate::report::Format,
    /// Include drafts (`_`-prefixed files and `draft: true` pages)
    #[arg(long)]
    pub drafts: bool,
    /// Unresolved links, embeds, anchors and citation keys: `error` (the default) or
    /// `warn`, to see a migrated folder first and fix its links second [default: from
    /// dossier.yaml, else error]
    #[arg(long, value_name = "error|warn")]
    pub broken_links: Option<dossier::config::BrokenLinks>,
    /// Folder with the sources' own texts (their `text:` files, else `<key>.txt`), for
    /// the reading views and the quotation checks [default: `source_texts` in dossier.yaml]
    #[arg(long, value_name = "DIR")]
    pub source_texts: Option<PathBuf>,
}

#[cfg(feature = "serve")]
#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Site root: the folder with content/ and dossier.yaml
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Port to listen on (the next free one is used if it is taken; 0 picks any)
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on; anything but loopback shows your drafts to the network
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: std::net::IpAddr,
    /// Serve under a sub-path, as GitHub Pages serves a project site, e.g. /wiki/
    #[arg(long, default_value = "/", value_name = "PATH", value_parser = base_path)]
    pub base_path: String,
    /// Open the site in a browser
    #[arg(long)]
    pub open: bool,
    /// Also answer requests for this host name (repeatable). By default only localhost
    /// and IP addresses are answered, so that a web page elsewhere cannot read the
    /// preview through a domain pointed at this machine
    #[arg(long = "host", value_name = "NAME")]
    pub hosts: Vec<String>,
    /// Include drafts (`_`-prefixed files and `draft: true` pages)
    #[arg(long)]
    pub drafts: bool,
    /// Unresolved links, embeds, anchors and citation keys: `error` (the default) or
    /// `warn`, to see a migrated folder first and fix its links second [default: from
    /// dossier.yaml, else error]
    #[arg(long, value_name = "error|warn")]
    pub broken_links: Option<dossier::config::BrokenLinks>,
    /// Folder with the sources' own texts (their `text:` files, else `<key>.txt`), for
    /// the reading views and the quotation checks [default: `source_texts` in dossier.yaml]
    #[arg(long, value_name = "DIR")]
    pub source_texts: Option<PathBuf>,
}

/// An absolute http(s) URL, checked as `dossier.yaml`'s `base_url` is.
fn base_url(s: &str) -> Result<String, String> {
    match dossier::config::base_url_problem(s) {
        Some(problem) => Err(problem),
        None => Ok(s.to_string()),
    }
}

/// `/p/`-shaped, URL-safe ASCII.
#[cfg(feature = "serve")]
fn base_path(s: &str) -> Result<String, String> {
    let ok = s.chars().all(|c| c.is_ascii_alphanumeric() || "/-_.~".contains(c)) && !s.split('/').any(|p| p == "..");
    if !ok {
        return Err("use letters, digits and - _ . ~ separated by /, e.g. /wiki/".into());
    }
    let trimmed = s.trim_matches('/');
    Ok(if trimmed.is_empty() { "/".into() } else { format!("/{trimmed}/") })
}

#[derive(Subcommand, Debug)]
pub enum NewKind {
    /// Create content/SLUG.md with front matter to fill in
    Note {
        /// Name of the note, optionally with folders: `onderwerpen/wachttijden`
        slug: String,
        /// Title [default: from the slug]
        #[arg(long)]
        title: Option<String>,
        /// Site root
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
    },
    /// Create content/sources/KEY.md with the source's front matter to fill in
    Source {
        /// Citation key and file name: notes cite it as [@KEY, § Kop]
        key: String,
        /// Title [default: from the key]
        #[arg(long)]
        title: Option<String>,
        /// Site root
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum SourceAction {
    /// Create content/sources/KEY.md from a letter in plain text or HTML
    ///
    /// Fills in what the letter's own text shows: title, date, Kamerstuk, document
    /// number, signatory and role, headings (as `sections:`) and page footers. What it
    /// does not show is left out and listed, on stderr and in a comment in the page. The
    /// page's body is a placeholder for your own summary.
    Import {
        /// The letter: plain text, or HTML (its <h1>–<h4> are taken as the headings)
        file: PathBuf,
        /// Citation key and file name [default: from the Kamerstuk, e.g. kst-25424-731,
        /// else from FILE's name]
        #[arg(long)]
        key: Option<String>,
        /// Site root
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// Replace content/sources/KEY.md when it exists
        #[arg(long)]
        force: bool,
    },
}
