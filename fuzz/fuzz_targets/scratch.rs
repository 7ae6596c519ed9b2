//! The file a fuzz target writes its input to, so that `load::read` reads it as a note.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// `(site root, content/notes/fuzz.md)` under /dev/shm (or the temp dir), one per process.
pub fn scratch(target: &str) -> &'static (PathBuf, PathBuf) {
    static DIR: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = if Path::new("/dev/shm").is_dir() { PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
        let root = base.join(format!("dossier-fuzz-{target}-{}", std::process::id()));
        std::fs::create_dir_all(root.join("content/notes")).unwrap();
        let file = root.join("content/notes/fuzz.md");
        (root, file)
    })
}
