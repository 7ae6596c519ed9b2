//! Progress of a long build, for the command line to show: which stage it is in, and
//! how far through it. Stages update it; `main` prints it on a terminal when a build
//! takes more than a second. Atomic counters, so parallel stages can count freely.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// How far a build is.
#[derive(Default)]
pub struct Progress {
    stage: Mutex<&'static str>,
    done: AtomicUsize,
    total: AtomicUsize,
}

/// The progress of the build running in this process.
pub static PROGRESS: Progress = Progress::new();

impl Progress {
    pub const fn new() -> Progress {
        Progress { stage: Mutex::new(""), done: AtomicUsize::new(0), total: AtomicUsize::new(0) }
    }

    /// A new stage of `total` steps (0: not counted).
    pub fn stage(&self, name: &'static str, total: usize) {
        *self.stage.lock().unwrap_or_else(|e| e.into_inner()) = name;
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    /// One step of the current stage done.
    pub fn step(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// Runs `f` as one step.
    pub fn step_then<T>(&self, f: impl FnOnce() -> T) -> T {
        let out = f();
        self.step();
        out
    }

    /// `(stage, done, total)`.
    pub fn now(&self) -> (&'static str, usize, usize) {
        let stage = *self.stage.lock().unwrap_or_else(|e| e.into_inner());
        (stage, self.done.load(Ordering::Relaxed), self.total.load(Ordering::Relaxed))
    }
}
