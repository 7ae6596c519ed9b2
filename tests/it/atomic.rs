//! Never lose the last good site: builds killed with SIGKILL at pseudo-random points
//! leave the previous `output/` byte for byte as it was, and the next good build leaves
//! no staging or retired folders behind.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{site_with, tree};

const NOTES: usize = 1_500;
const SOURCES: usize = 10;

/// A site of `NOTES` small notes that link to each other and cite `SOURCES` sources;
/// `version` changes every note's text, so builds of two versions differ everywhere.
fn write_site(root: &Path, version: u32) {
    let content = root.join("content");
    std::fs::create_dir_all(content.join("notes")).unwrap();
    std::fs::create_dir_all(content.join("sources")).unwrap();
    let mut index = String::from("---\ntitle: Thuis\n---\n");
    for n in 0..NOTES {
        index.push_str(&format!("- [[n{n:04}]]\n"));
    }
    std::fs::write(content.join("index.md"), index).unwrap();
    for s in 0..SOURCES {
        let source = format!("---\ntitle: Bron {s}\nid: bron-{s}\npages: 20\nsections: [Inleiding, Kop {s}]\n---\n");
        std::fs::write(content.join(format!("sources/bron-{s}.md")), source).unwrap();
    }
    for n in 0..NOTES {
        let (next, prev) = ((n + 1) % NOTES, (n + NOTES - 1) % NOTES);
        let note = format!(
            "---\ntitle: Notitie {n} (versie {version})\ntags: [t{}, versie-{version}]\nrelated: [n{next:04}]\n---\n\
             # Notitie {n}\n\nTekst van versie {version} over [[n{prev:04}]] en [[n{next:04}|de volgende]] \
             [@bron-{}, § Kop {}].\n\n## Meer\n\n- een punt [@bron-{}, p. {}]\n",
            n % 20,
            n % SOURCES,
            n % SOURCES,
            (n + 1) % SOURCES,
            1 + n % 20,
        );
        std::fs::write(content.join(format!("notes/n{n:04}.md")), note).unwrap();
    }
}

fn build(root: &Path, output: &Path) -> Duration {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "-q", "--root", root.to_str().unwrap(), "--output", output.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    start.elapsed()
}

/// Folders a build leaves beside the output while it runs.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".dossier-staging-") || n.starts_with(".dossier-retired-"))
        .collect()
}

/// xorshift64*: pseudo-random and the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

#[test]
fn killed_builds_leave_the_last_good_output_untouched() {
    let site = site_with(&[]);
    let root = site.root();
    let output = root.join("output");

    // What the next version builds to, built elsewhere (builds are deterministic).
    write_site(root, 2);
    let full = build(root, &root.join("reference"));
    let new = tree(&root.join("reference"));
    std::fs::remove_dir_all(root.join("reference")).unwrap();

    // The last good site.
    write_site(root, 1);
    build(root, &output);
    let old = tree(&output);
    assert!(old.len() > NOTES, "only {} files", old.len());
    assert_ne!(old, new);
    write_site(root, 2);

    // Kill points spread over the whole build, from before the first file is read to
    // (nearly) its end.
    let mut rng = Rng(0x00d0_5513_2025);
    let span = full.as_millis() as u64;
    let mut delays: Vec<u64> = (0..8).map(|_| rng.next() % span.max(1)).collect();
    delays.extend([0, 5, span * 9 / 10]);
    let kills = delays.len();
    let (mut before_commit, mut stale) = (0, 0);
    for delay in delays {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["build", "-q", "--root", root.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().unwrap(); // SIGKILL: no destructors, no cleanup.
        let status = child.wait().unwrap();
        assert!(output.is_dir(), "output/ gone after a kill at {delay} ms ({status:?})");
        stale += usize::from(!leftovers(root).is_empty());
        let now = tree(&output);
        if now == old {
            before_commit += 1;
        } else {
            // Only a kill after the swap may change output/, and then to the whole new site.
            assert!(now == new, "kill at {delay} ms ({status:?}, finished: {finished}) left a mixed output/");
            // Back to the old site for the next round.
            write_site(root, 1);
            build(root, &output);
            assert_eq!(tree(&output), old);
            write_site(root, 2);
        }
    }
    eprintln!("a build takes {full:?}; {before_commit} of {kills} kills landed before the swap, {stale} left a staging folder");
    assert!(before_commit >= 6, "only {before_commit} kills landed before the swap (a build takes {full:?})");
    assert!(stale > 0, "no kill left a staging folder: the clean-up below was not exercised");

    // The next good build swaps the new site in and sweeps up what the killed ones left.
    build(root, &output);
    assert_eq!(tree(&output), new);
    assert_eq!(leftovers(root), Vec::<String>::new());
}
