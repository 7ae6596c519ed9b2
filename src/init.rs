//! `dossier init` and `dossier new`: scaffolding for new sites and notes.

use std::fs;
use std::path::{Path, PathBuf};

use crate::Error;

const SITE: &[(&str, &str)] = &[
    ("dossier.yaml", "title: Mijn dossier\nlanguage: nl\n# base_url: https://voorbeeld.github.io/dossier/\n"),
    (
        "content/index.md",
        "---\ntitle: Mijn dossier\nsummary: Startpagina van het dossier.\n---\n\nWelkom. Begin bij [[Eerste notitie]].\n",
    ),
    (
        "content/notities/eerste-notitie.md",
        "---\ntitle: Eerste notitie\nsummary: Een voorbeeld van een notitie die een bron citeert.\ntags: [voorbeeld]\nrelated: [Mijn dossier]\n---\n\nElke bewering verwijst naar de bron en de plek in die bron [@voorbeeldbron, § Inleiding].\n\n## Verder lezen\n\nTerug naar [[Mijn dossier]].\n",
    ),
    (
        "content/sources/voorbeeldbron.md",
        "---\ntitle: Voorbeeldbron\ntype: rapport\ndate: 2025\nauthor: Onbekend\nsections: [Inleiding]\n---\n\nEen samenvatting van de bron, in eigen woorden.\n\n## Inleiding\n\nWat de inleiding zegt.\n",
    ),
];

/// Creates a small working site in `dir` (which must not exist or be empty).
pub fn site(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    if dir.exists() && fs::read_dir(dir).map_err(|e| Error::io(dir, e))?.next().is_some() {
        return Err(Error::msg(format!(
            "{} is not empty; `dossier init` only writes into a new or empty folder",
            dir.display()
        )));
    }
    let mut written = Vec::new();
    for (rel, text) in SITE {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

/// Creates `content/<slug>.md` from the note template. `slug` may contain folders
/// (`onderwerpen/wachttijden`).
pub fn note(root: &Path, slug: &str, title: Option<&str>) -> Result<PathBuf, Error> {
    let slug = slug.trim().trim_end_matches(".md");
    let valid = !slug.is_empty()
        && !slug.starts_with('-')
        && slug.split('/').all(|p| !p.is_empty() && p != "." && p != ".." && !p.starts_with('.'))
        && !slug.contains('\\');
    if !valid {
        return Err(Error::msg(format!(
            "`{slug}` is not a usable note name (use letters, digits, - and / for folders)"
        )));
    }
    if !root.join("content").is_dir() {
        return Err(Error::msg(format!(
            "no content/ folder in {}; run `dossier init` first or pass --root",
            root.display()
        )));
    }
    let path = root.join("content").join(format!("{slug}.md"));
    if path.exists() {
        return Err(Error::msg(format!("{} already exists", path.display())));
    }
    let stem = slug.rsplit('/').next().unwrap_or(slug);
    let title = title.map(str::to_string).unwrap_or_else(|| {
        let words = stem.replace(['-', '_'], " ");
        let mut c = words.chars();
        c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
    });
    let text = format!(
        "---\ntitle: {}\nsummary: \ntags: []\nrelated: []\n---\n\nSchrijf hier de notitie. Verwijs naar bronnen met `[@sleutel, § Kop]` en naar andere notities met `[[Titel]]`.\n",
        yaml_string(&title)
    );
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    Ok(path)
}

/// A YAML scalar for `s`, quoted when it would otherwise be read as something else.
fn yaml_string(s: &str) -> String {
    if s.chars().all(|c| c.is_alphanumeric() || c == ' ' || c == '-') && !s.is_empty() {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}
