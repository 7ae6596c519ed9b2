//! Write: the output folder. The only stage that writes to disk.
//!
//! A build writes into a fresh staging folder beside the output and swaps it in only
//! when everything succeeded, so a failed or interrupted build leaves the previous
//! output exactly as it was. A marker file tells dossier's outputs apart from folders
//! it must never replace.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::render::Sink;
use crate::Error;

/// Present in every output folder dossier writes.
pub const MARKER: &str = ".dossier-output";
const STAGING: &str = ".dossier-staging-";
const RETIRED: &str = ".dossier-retired-";

/// A staging folder that becomes the output on [`Staging::commit`], and is removed if
/// dropped before that.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    committed: bool,
}

impl Staging {
    /// Prepares a staging folder for `output`, refusing outputs that would replace
    /// something that is not a dossier output (the site itself, a non-empty folder).
    pub fn new(root: &Path, output: &Path) -> Result<Staging, Error> {
        check_output(root, output)?;
        let parent = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        remove_stale(parent);
        let stamp = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        let dir = parent.join(format!("{STAGING}{}-{stamp}", std::process::id()));
        fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        fs::write(dir.join(MARKER), b"written by dossier; this folder is replaced on every build\n")
            .map_err(|e| Error::io(&dir, e))?;
        Ok(Staging { dir, output: output.to_path_buf(), committed: false })
    }

    /// Swaps the staging folder in as the output.
    pub fn commit(mut self) -> Result<(), Error> {
        let parent = self.dir.parent().unwrap_or(Path::new(".")).to_path_buf();
        if self.output.exists() {
            let retired = parent.join(format!("{RETIRED}{}", std::process::id()));
            remove_tree(&retired);
            fs::rename(&self.output, &retired).map_err(|e| Error::io(&self.output, e))?;
            if let Err(e) = fs::rename(&self.dir, &self.output) {
                // Put the old output back rather than leave none.
                let _ = fs::rename(&retired, &self.output);
                return Err(Error::io(&self.output, e));
            }
            remove_tree(&retired);
        } else {
            fs::rename(&self.dir, &self.output).map_err(|e| Error::io(&self.output, e))?;
        }
        self.committed = true;
        Ok(())
    }

    fn path(&self, rel: &str) -> Result<PathBuf, Error> {
        let safe = !rel.is_empty()
            && !rel.starts_with('/')
            && rel.split('/').all(|part| !part.is_empty() && part != ".." && part != "." && !part.contains('\\'));
        if !safe {
            return Err(Error::msg(format!("refusing to write outside the output: {rel:?}")));
        }
        Ok(self.dir.join(rel))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

impl Sink for Staging {
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.path(rel)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        fs::write(&path, bytes).map_err(|e| Error::io(&path, e))
    }

    fn copy(&self, rel: &str, from: &Path) -> Result<(), Error> {
        let path = self.path(rel)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        fs::copy(from, &path).map(|_| ()).map_err(|e| Error::io(from, e))
    }
}

/// The output must not be the site root, contain it, or lie inside `content/`
/// or `themes/`; an existing folder must be one dossier wrote (or empty).
fn check_output(root: &Path, output: &Path) -> Result<(), Error> {
    let abs = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| std::env::current_dir().unwrap_or_default().join(p));
    let (root_abs, out_abs) = (abs(root), abs(output));
    if root_abs.starts_with(&out_abs) {
        return Err(Error::msg(format!(
            "output {} would replace the site itself; choose another folder",
            output.display()
        )));
    }
    for inner in ["content", "themes"] {
        if out_abs.starts_with(root_abs.join(inner)) {
            return Err(Error::msg(format!("output {} is inside {inner}/; choose another folder", output.display())));
        }
    }
    if output.exists() {
        if !output.is_dir() {
            return Err(Error::msg(format!("output {} exists and is not a folder", output.display())));
        }
        let empty = fs::read_dir(output).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !empty && !output.join(MARKER).exists() {
            return Err(Error::msg(format!(
                "output {} holds files dossier did not write; refusing to replace it (empty it or choose another folder)",
                output.display()
            )));
        }
    }
    Ok(())
}

/// Removes a folder and everything in it, the files in parallel: a previous output can
/// hold 100,000 files, and deleting them one by one took most of a rebuild at that size.
fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.par_iter().for_each(|f| {
        let _ = fs::remove_file(f);
    });
    let _ = fs::remove_dir_all(dir);
}

/// Removes staging and retired folders left by builds that were killed. A folder
/// whose process is still running is left alone.
fn remove_stale(parent: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let pid = name
            .strip_prefix(STAGING)
            .or_else(|| name.strip_prefix(RETIRED))
            .and_then(|rest| rest.split('-').next())
            .and_then(|p| p.parse::<u32>().ok());
        if let Some(pid) = pid {
            let alive = pid != std::process::id() && Path::new(&format!("/proc/{pid}")).exists();
            if !alive {
                remove_tree(&entry.path());
            }
        }
    }
}
