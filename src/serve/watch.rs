//! Watching the site for changes: native file events (`notify`), falling back to
//! polling where they fail, debounced into one batch per burst of saves.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{Config, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

use crate::build::Changes;

/// Quiet time that ends a burst, and the longest a burst may be held back.
const QUIET: Duration = Duration::from_millis(30);
const MAX_HOLD: Duration = Duration::from_millis(300);

pub struct Watch {
    _watcher: Box<dyn Watcher + Send>,
    rx: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
    /// Whether native events failed and we poll instead.
    pub polling: bool,
}

impl Watch {
    pub fn new(root: &Path) -> Result<Watch, crate::Error> {
        let root = std::fs::canonicalize(root).map_err(|e| crate::Error::io(root, e))?;
        let (tx, rx) = channel();
        let targets = watch_targets(&root);
        let native = RecommendedWatcher::new(tx.clone(), Config::default()).and_then(|mut w| {
            for (path, mode) in &targets {
                w.watch(path, *mode)?;
            }
            Ok(w)
        });
        let (watcher, polling): (Box<dyn Watcher + Send>, bool) = match native {
            Ok(w) => (Box::new(w), false),
            Err(_) => {
                let config = Config::default().with_poll_interval(Duration::from_millis(500));
                let mut w =
                    PollWatcher::new(tx, config).map_err(|e| crate::Error::msg(format!("cannot watch files: {e}")))?;
                for (path, mode) in &targets {
                    w.watch(path, *mode)
                        .map_err(|e| crate::Error::msg(format!("cannot watch {}: {e}", path.display())))?;
                }
                (Box::new(w), true)
            }
        };
        Ok(Watch { _watcher: watcher, rx, root, polling })
    }

    /// Blocks until something relevant changed, then returns the whole burst.
    pub fn next(&self) -> Option<Changes> {
        loop {
            let first = self.rx.recv().ok()?;
            let mut changes = Changes::default();
            self.classify(first, &mut changes);
            let start = Instant::now();
            loop {
                match self.rx.recv_timeout(QUIET) {
                    Ok(event) => self.classify(event, &mut changes),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
                if start.elapsed() > MAX_HOLD {
                    break;
                }
            }
            if changes.everything || !changes.paths.is_empty() {
                return Some(changes);
            }
        }
    }

    fn classify(&self, event: notify::Result<notify::Event>, changes: &mut Changes) {
        let Ok(event) = event else {
            // An error from the watcher (e.g. a queue overflow): rebuild everything.
            changes.everything = true;
            return;
        };
        if event.kind.is_access() {
            return;
        }
        for path in &event.paths {
            let rel = path.strip_prefix(&self.root).unwrap_or(path);
            let first = rel.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned());
            match first.as_deref() {
                Some("content") => {
                    let inner = rel.strip_prefix("content").unwrap_or(rel);
                    let parts: Vec<String> =
                        inner.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                    changes.paths.insert(parts.join("/"));
                }
                Some("themes") => changes.everything = true,
                Some(crate::config::FILE_NAME) => changes.everything = true,
                _ => {}
            }
        }
    }
}

fn watch_targets(root: &Path) -> Vec<(PathBuf, RecursiveMode)> {
    let mut targets =
        vec![(root.join("content"), RecursiveMode::Recursive), (root.to_path_buf(), RecursiveMode::NonRecursive)];
    if root.join("themes").is_dir() {
        targets.push((root.join("themes"), RecursiveMode::Recursive));
    }
    targets
}
