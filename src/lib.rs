//! `dossier`: a static site generator for policy knowledge bases.
//!
//! Markdown notes with YAML front matter, cross-linked with `[[wikilinks]]` and citing
//! source documents with `[@key, § Kop]`, become a static HTML wiki with backlinks,
//! tags, cited-by lists and reference lists.
//!
//! The pipeline, one module per stage, around one data model ([`model::Site`]):
//!
//! 1. [`config`] reads `dossier.yaml`.
//! 2. [`load`] walks `content/` and reads files (the only stage that reads content).
//! 3. [`parse`] turns front matter and Markdown into pages (in parallel).
//! 4. [`resolve`] links, backlinks, citations, tags → the finished [`model::Site`].
//! 5. [`render`] fills templates and data files for a [`render::Sink`] (in parallel).
//! 6. [`write`] owns the output folder, swapped in atomically (the only stage that writes).
//!
//! [`search`] builds the search index from the finished site, beside render.
//! [`build`] runs the stages; [`diag`] carries content problems through all of them.
//! [`import`] turns a letter's text into a source page (`dossier source import`).
//! `serve` (feature `serve`, on by default) previews the site with live reload.

pub mod build;
pub mod config;
pub mod diag;
pub mod import;
pub mod init;
pub mod load;
pub mod model;
pub mod parse;
pub mod progress;
pub mod render;
pub mod resolve;
pub mod search;
#[cfg(feature = "serve")]
pub mod serve;
pub mod text;
pub mod write;
pub mod yaml;

use std::path::{Path, PathBuf};

/// A fatal error: the run cannot go on. Content problems are [`diag::Diagnostic`]s
/// instead. The command line sets its exit code by the kind: 2 for [`Error::Usage`], 3
/// for the rest.
#[derive(Debug)]
pub enum Error {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// What the user asked for cannot be done as asked (no site at the root given, an
    /// output folder that dossier must not replace).
    Usage(String),
    /// Anything else (a theme that does not compile, a rendered site with dead links).
    Msg(String),
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io { path: path.to_path_buf(), source }
    }

    pub fn msg(message: impl Into<String>) -> Error {
        Error::Msg(message.into())
    }

    pub fn usage(message: impl Into<String>) -> Error {
        Error::Usage(message.into())
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Usage(m) | Error::Msg(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Usage(_) | Error::Msg(_) => None,
        }
    }
}
