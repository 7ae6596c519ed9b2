//! Runs the real `dossier` binary on a copy of a fixture site.

/// The checks the fuzz targets run (and the script scanner), shared with `fuzz/`.
#[path = "../shared/fuzz.rs"]
pub mod fuzz;
pub use fuzz::scan;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Site {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// A temporary copy of `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> Site {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name), dir.path());
    Site { dir }
}

/// An empty site root with the given files.
pub fn site_with(files: &[(&str, &[u8])]) -> Site {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    for (rel, bytes) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    Site { dir }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

pub fn dossier(args: &[&str]) -> Run {
    dossier_env(args, &[])
}

/// `dossier` with extra environment variables (`SOURCE_DATE_EPOCH` for a fixed "today").
pub fn dossier_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let out: Output =
        Command::new(env!("CARGO_BIN_EXE_dossier")).args(args).envs(env.iter().copied()).output().unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert_ne!(run.code, 101, "dossier panicked:\n{}", run.stderr);
    run
}

impl Site {
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn build(&self) -> Run {
        dossier(&["build", "--root", self.root().to_str().unwrap()])
    }

    pub fn check(&self, extra: &[&str]) -> Run {
        let mut args = vec!["check", "--root", self.root().to_str().unwrap()];
        args.extend_from_slice(extra);
        dossier(&args)
    }

    pub fn output(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path("output").join(rel)).unwrap_or_else(|e| panic!("output/{rel}: {e}"))
    }

    pub fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.path(rel), text).unwrap();
    }
}

/// The `path:line:col: severity: message` lines of a run's stderr.
pub fn headlines(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.contains(": error: ") || l.contains(": warning: ")).collect()
}

/// All files under `dir` with their contents, for comparing trees.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir(dir)
        .into_iter()
        .map(|p| (p.strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// The data in a search index file (`search/<name>.js`), which must be exactly
/// `dossierSearch("<name>",<JSON>);` and a newline.
pub fn search_data(script: &str, name: &str) -> serde_json::Value {
    let json = script.strip_prefix(&format!("dossierSearch(\"{name}\",")).and_then(|s| s.strip_suffix(");\n"));
    let json = json.unwrap_or_else(|| panic!("search/{name}.js is not a dossierSearch call: {script:.200}"));
    serde_json::from_str(json).unwrap_or_else(|e| panic!("search/{name}.js: {e}"))
}

/// The letters in `../shared/seeds`, for tests that read them. Missing, such a test
/// fails in CI (`CI` set), which always runs with `../shared` beside the repository,
/// and elsewhere is skipped with a printed reason.
pub fn seeds() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("{} is missing: CI runs with ../shared beside the repository", dir.display());
    }
    eprintln!("notice: {} not found; test skipped (it fails in CI)", dir.display());
    None
}

/// [`dossier`], killed and failed if it runs longer than `seconds` (for inputs that used
/// to hang it).
pub fn dossier_within(seconds: u64, args: &[&str]) -> Run {
    use std::process::Stdio;
    let child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    // Read the output on another thread: a child writing more than a pipe holds would
    // otherwise wait for us while we wait for it.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || drop(tx.send(child.wait_with_output())));
    let out = match rx.recv_timeout(std::time::Duration::from_secs(seconds)) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("dossier {args:?} still running after {seconds} s");
        }
    };
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert_ne!(run.code, 101, "dossier panicked:\n{}", run.stderr);
    run
}
