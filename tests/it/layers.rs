//! The pipeline's layering, enforced: a module may import its own layer or lower ones,
//! never one above it (ARCHITECTURE.md draws the graph). A new upward import fails here
//! with the file and the import, before it becomes a knot.

use std::path::Path;

/// Layers, bottom first.
const LAYERS: &[&[&str]] = &[
    &["text", "diag", "progress"],
    &["model", "config", "yaml"],
    &["load"],
    &["parse"],
    &["resolve"],
    &["render", "search"],
    &["write"],
    &["build", "init", "import"],
    &["serve"],
    &["cli", "report", "main", "lib"],
];

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// Every `crate::<module>` a file names, outside its unit tests.
fn imports(text: &str) -> Vec<String> {
    let code = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    code.match_indices("crate::")
        .map(|(i, m)| code[i + m.len()..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect())
        .collect()
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_module_imports_one_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut upward = Vec::new();
    let mut checked = 0;
    for path in &all {
        let rel = path.strip_prefix(&src).unwrap();
        let top = rel.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
        if rel.components().any(|c| c.as_os_str() == "tests" || c.as_os_str() == "tests.rs") {
            continue;
        }
        let own = rank(&top).unwrap_or_else(|| panic!("src/{} is in no layer: add `{top}` to LAYERS", rel.display()));
        for import in imports(&std::fs::read_to_string(path).unwrap()) {
            checked += 1;
            if rank(&import).is_some_and(|r| r > own) {
                upward.push(format!("src/{} imports crate::{import}", rel.display()));
            }
        }
    }
    upward.sort();
    upward.dedup();
    assert!(checked > 50, "only {checked} imports found");
    assert!(upward.is_empty(), "imports that run back up the pipeline:\n{}", upward.join("\n"));
}

#[test]
fn the_check_sees_an_upward_import() {
    assert_eq!(imports("use crate::render::Renderer;\nuse crate::model::{Site};"), ["render", "model"]);
    assert!(imports("#[cfg(test)]\nmod tests { use crate::build; }").is_empty());
    assert!(rank("render") > rank("model"));
}

/// ARCHITECTURE.md's code map names every source file (alone, or in a row that lists
/// its siblings by file name), so the map stays true as files come and go.
#[test]
fn the_code_map_names_every_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let map = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let mut all = Vec::new();
    files(&root.join("src"), &mut all);
    let mut missing = Vec::new();
    for path in &all {
        let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        let name = rel.rsplit('/').next().unwrap();
        let folder = &rel[..rel.len() - name.len()];
        // `src/x/a.rs`, or a row starting `src/x/…` that also names `a.rs`.
        let named = map.contains(&format!("`{rel}`"))
            || map.lines().any(|l| l.contains(&format!("`{folder}")) && l.contains(&format!("`{name}`")));
        if !named {
            missing.push(rel);
        }
    }
    missing.sort();
    assert!(missing.is_empty(), "files ARCHITECTURE.md's code map does not name:\n{}", missing.join("\n"));
}
