//! Write: the output folder. The only stage that writes to disk.
//!
//! A build writes into a fresh staging folder beside the output and swaps it in only
//! when everything succeeded, so a failed or interrupted build leaves the previous
//! output exactly as it was. On Linux the swap is one step (`renameat2` with
//! `RENAME_EXCHANGE`); elsewhere it is two renames, and a build killed between them
//! leaves the previous output under a retired name, which the next build puts back
//! before anything else. A marker file tells dossier's outputs apart from folders it
//! must never replace.

use std::fs;
use std::path::{Component, Path, PathBuf};
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
    /// What the start found and did (a recovered output), for the user to read.
    pub notes: Vec<String>,
}

impl Staging {
    /// Prepares a staging folder for `output`, refusing outputs that would replace
    /// something that is not a dossier output (the site itself, a non-empty folder).
    pub fn new(root: &Path, output: &Path) -> Result<Staging, Error> {
        let output = absolute(output);
        let parent = output.parent().unwrap_or(Path::new("/")).to_path_buf();
        fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let mut notes = Vec::new();
        recover(&parent, &output, &mut notes);
        remove_stale(&parent, &mut notes);
        check_output(root, &output)?;
        let stamp = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        let dir = parent.join(format!("{STAGING}{}-{stamp}", std::process::id()));
        fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        fs::write(dir.join(MARKER), b"written by dossier; this folder is replaced on every build\n")
            .map_err(|e| Error::io(&dir, e))?;
        Ok(Staging { dir, output, committed: false, notes })
    }

    /// Swaps the staging folder in as the output. Returns notes on what could not be
    /// cleaned up (the new output is in place either way).
    pub fn commit(mut self) -> Result<Vec<String>, Error> {
        let parent = self.dir.parent().unwrap_or(Path::new(".")).to_path_buf();
        let mut notes = std::mem::take(&mut self.notes);
        if !self.output.exists() {
            fs::rename(&self.dir, &self.output).map_err(|e| Error::io(&self.output, e))?;
            self.committed = true;
            return Ok(notes);
        }
        let retired = parent.join(format!("{RETIRED}{}", std::process::id()));
        remove_tree(&retired, &mut notes);
        if exchange(&self.dir, &self.output) {
            // One step: the output is the new site, the staging folder holds the old one.
            self.committed = true;
            crash_point("after-exchange");
            if fs::rename(&self.dir, &retired).is_ok() {
                remove_tree(&retired, &mut notes);
            } else {
                remove_tree(&self.dir, &mut notes);
            }
            return Ok(notes);
        }
        fs::rename(&self.output, &retired).map_err(|e| Error::io(&self.output, e))?;
        crash_point("between-renames");
        if let Err(e) = fs::rename(&self.dir, &self.output) {
            // Put the old output back rather than leave none.
            let _ = fs::rename(&retired, &self.output);
            return Err(Error::io(&self.output, e));
        }
        self.committed = true;
        remove_tree(&retired, &mut notes);
        Ok(notes)
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
        // Opened without following links: an asset replaced by one since the walk is not copied.
        let mut source = crate::load::open_regular(from).map_err(|e| Error::io(from, e))?;
        let mut target = fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        std::io::copy(&mut source, &mut target).map(drop).map_err(|e| Error::io(from, e))
    }
}

/// Swaps two folders in one step, where the system can (Linux `RENAME_EXCHANGE`).
/// `false` if it cannot (or `DOSSIER_TEST_NO_EXCHANGE` asks a test for the fallback).
fn exchange(a: &Path, b: &Path) -> bool {
    if std::env::var_os("DOSSIER_TEST_NO_EXCHANGE").is_some() {
        return false;
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        false
    }
}

/// A test hook: `DOSSIER_TEST_CRASH_AT=<name>` aborts the process at the point of that
/// name, so that tests can stop a build exactly where a crash would hurt most.
pub fn crash_point(name: &str) {
    if std::env::var("DOSSIER_TEST_CRASH_AT").as_deref() == Ok(name) {
        std::process::abort();
    }
}

/// `path` made absolute: symbolic links of the part that exists resolved, and `.` and
/// `..` after it resolved as written, so `a/../content/out` is seen as `content/out`.
fn absolute(path: &Path) -> PathBuf {
    let joined =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve links in the longest existing ancestor.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_os_string()),
            None => break,
        }
        existing.pop();
    }
    let mut resolved = fs::canonicalize(&existing).unwrap_or(existing);
    resolved.extend(rest.iter().rev());
    resolved
}

/// The output must not be the site root, contain it, or lie inside `content/`
/// or `themes/`; an existing folder must be one dossier wrote (or empty).
fn check_output(root: &Path, output: &Path) -> Result<(), Error> {
    let (root_abs, out_abs) = (absolute(root), absolute(output));
    if root_abs.starts_with(&out_abs) {
        return Err(Error::usage(format!(
            "output {} would replace the site itself; choose another folder",
            output.display()
        )));
    }
    for inner in ["content", "themes"] {
        if out_abs.starts_with(root_abs.join(inner)) {
            return Err(Error::usage(format!("output {} is inside {inner}/; choose another folder", output.display())));
        }
    }
    if output.exists() {
        if !output.is_dir() {
            return Err(Error::usage(format!("output {} exists and is not a folder", output.display())));
        }
        let empty = fs::read_dir(output).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !empty && !output.join(MARKER).exists() {
            return Err(Error::usage(format!(
                "output {} holds files dossier did not write; refusing to replace it (empty it or choose another folder)",
                output.display()
            )));
        }
    }
    Ok(())
}

/// Removes a folder and everything in it, the files in parallel: a previous output can
/// hold 100,000 files, and deleting them one by one took most of a rebuild at that size.
/// A read-only folder is made writable first; what still cannot be removed is noted.
fn remove_tree(dir: &Path, notes: &mut Vec<String>) {
    use rayon::prelude::*;
    if !dir.exists() {
        return;
    }
    let entries: Vec<walkdir::DirEntry> = walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok).collect();
    for e in entries.iter().filter(|e| e.file_type().is_dir()) {
        if let Ok(meta) = e.metadata() {
            let mut permissions = meta.permissions();
            if permissions.readonly() {
                #[allow(clippy::permissions_set_readonly_false)]
                permissions.set_readonly(false);
                let _ = fs::set_permissions(e.path(), permissions);
            }
        }
    }
    entries.par_iter().filter(|e| !e.file_type().is_dir()).for_each(|e| {
        let _ = fs::remove_file(e.path());
    });
    if let Err(e) = fs::remove_dir_all(dir) {
        notes.push(format!("could not remove the previous output at {}: {e}; remove it by hand", dir.display()));
    }
}

/// Puts back an output that a killed build left under a retired name, and removes what
/// killed builds left beside it. Run at the start of every build, failing ones too, so
/// that "left as it was" is true. Returns what it did, for the user.
pub fn tidy(output: &Path) -> Vec<String> {
    let output = absolute(output);
    let mut notes = Vec::new();
    if let Some(parent) = output.parent() {
        recover(parent, &output, &mut notes);
        remove_stale(parent, &mut notes);
    }
    notes
}

/// A build killed between its two renames left no output but a retired copy of the last
/// one: put it back, so nothing is ever lost.
fn recover(parent: &Path, output: &Path, notes: &mut Vec<String>) {
    if output.exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(parent) else { return };
    let mut retired: Vec<(SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(RETIRED))
        .filter(|e| !alive(&e.file_name().to_string_lossy()[RETIRED.len()..]))
        .filter(|e| e.path().join(MARKER).exists())
        .map(|e| (e.metadata().and_then(|m| m.modified()).unwrap_or(UNIX_EPOCH), e.path()))
        .collect();
    retired.sort();
    if let Some((_, newest)) = retired.pop() {
        if fs::rename(&newest, output).is_ok() {
            notes.push(format!("put back {} from an interrupted build", output.display()));
        }
    }
}

/// Removes staging and retired folders left by builds that were killed. A folder
/// whose process is still running is left alone.
fn remove_stale(parent: &Path, notes: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let pid = name.strip_prefix(STAGING).or_else(|| name.strip_prefix(RETIRED));
        if pid.is_some_and(|p| !alive(p)) {
            remove_tree(&entry.path(), notes);
        }
    }
}

/// Whether the process whose id starts `name` (`1234` or `1234-…`) is running, and not us.
fn alive(name: &str) -> bool {
    let Some(pid) = name.split('-').next().and_then(|p| p.parse::<u32>().ok()) else { return false };
    pid != std::process::id() && Path::new(&format!("/proc/{pid}")).exists()
}
