//! `dossier init` and `dossier new`: scaffolding for new sites, notes and sources.
//!
//! The starter site is a set of ordinary files under `src/init/` (one folder per
//! language), embedded with `include_str!`: they can be read, and linted (its GitHub
//! Pages workflow is checked by `.ci/actionlint.sh`), as what they are. A new site must
//! pass `dossier check --deny-warnings` as written (tested in `tests/it/scaffold.rs`):
//! the first thing a new user runs should not greet them with warnings.

use std::fs;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::Error;

/// The language of a new site's text and of its `language:` setting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Lang, String> {
        match s {
            "nl" => Ok(Lang::Nl),
            "en" => Ok(Lang::En),
            _ => Err(format!("unsupported language `{s}`: use `nl` or `en`")),
        }
    }
}

impl Lang {
    /// The language of the site at `root` (its `dossier.yaml`), for the text of new
    /// pages; Dutch when it cannot be read.
    fn of_site(root: &Path) -> Lang {
        crate::config::Config::load(root).ok().and_then(|c| c.language.parse().ok()).unwrap_or_default()
    }
}

/// Files of a new site: path in the site, text.
type Files = &'static [(&'static str, &'static str)];

const NL: Files = &[
    ("dossier.yaml", include_str!("init/nl/dossier.yaml")),
    (".gitignore", include_str!("init/gitignore")),
    (".github/workflows/pages.yml", include_str!("init/nl/pages.yml")),
    ("content/index.md", include_str!("init/nl/content/index.md")),
    ("content/notities/eerste-notitie.md", include_str!("init/nl/content/notities/eerste-notitie.md")),
    ("content/notities/tweede-notitie.md", include_str!("init/nl/content/notities/tweede-notitie.md")),
    ("content/sources/voorbeeldbron.md", include_str!("init/nl/content/sources/voorbeeldbron.md")),
];

const EN: Files = &[
    ("dossier.yaml", include_str!("init/en/dossier.yaml")),
    (".gitignore", include_str!("init/gitignore")),
    (".github/workflows/pages.yml", include_str!("init/en/pages.yml")),
    ("content/index.md", include_str!("init/en/content/index.md")),
    ("content/notes/first-note.md", include_str!("init/en/content/notes/first-note.md")),
    ("content/notes/second-note.md", include_str!("init/en/content/notes/second-note.md")),
    ("content/sources/example-source.md", include_str!("init/en/content/sources/example-source.md")),
];

/// Creates a small working site in `dir` (which must not exist or be empty).
pub fn site(dir: &Path, lang: Lang) -> Result<Vec<PathBuf>, Error> {
    if dir.exists() && fs::read_dir(dir).map_err(|e| Error::io(dir, e))?.next().is_some() {
        return Err(Error::usage(format!(
            "{} is not empty; `dossier init` only writes into a new or empty folder",
            dir.display()
        )));
    }
    let files = match lang {
        Lang::Nl => NL,
        Lang::En => EN,
    };
    let mut written = Vec::new();
    for (rel, text) in files {
        written.push(write_new(&dir.join(rel), text)?);
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
        return Err(Error::usage(format!(
            "`{slug}` is not a usable note name (use letters, digits, - and / for folders)"
        )));
    }
    let content = content_dir(root)?;
    let stem = slug.rsplit('/').next().unwrap_or(slug);
    let title = title.map(str::to_string).unwrap_or_else(|| title_from(stem));
    let body = match Lang::of_site(root) {
        Lang::Nl => "Schrijf hier de notitie. Verwijs naar bronnen met `[@sleutel, § Kop]` en naar andere notities met `[[Titel]]`.",
        Lang::En => "Write the note here. Cite sources with `[@key, § Heading]` and link other notes with `[[Title]]`.",
    };
    let text = format!("---\ntitle: {}\nsummary: \ntags: []\nrelated: []\n---\n\n{body}\n", yaml_string(&title));
    write_new(&content.join(format!("{slug}.md")), &text)
}

/// Creates `content/sources/<key>.md` from the source template: every source key of
/// the front matter, the optional ones commented out, each with what it is for.
pub fn source(root: &Path, key: &str, title: Option<&str>) -> Result<PathBuf, Error> {
    let key = key.trim().trim_end_matches(".md");
    let inner = |c: char| c.is_alphanumeric() || "-_.".contains(c);
    let ends =
        key.chars().next().is_some_and(char::is_alphanumeric) && key.chars().last().is_some_and(char::is_alphanumeric);
    if !ends || !key.chars().all(inner) {
        return Err(Error::usage(format!(
            "`{key}` is not a usable source key (use letters and digits, with - _ . inside, e.g. kst-25424-731)"
        )));
    }
    let content = content_dir(root)?;
    let title = title.map(str::to_string).unwrap_or_else(|| title_from(key));
    // A source page must link somewhere, or check warns that it links to no other
    // page; the home page is the one page every site is likely to have.
    let home = content.join("index.md").is_file();
    let text = match Lang::of_site(root) {
        Lang::Nl => format!(
            "---\ntitle: {title}\n\
             # Soort document, bijvoorbeeld kamerbrief, rapport, wet of artikel.\n\
             type:\n\
             # Datum: JJJJ-MM-DD, JJJJ-MM of JJJJ. Is die niet precies bekend, zeg dan in date_note wat wel.\n\
             # date: 2025-04-09\n\
             # date_note: \"Niet gedateerd; noemt cijfers tot maart 2025.\"\n\
             # Wie het schreef, en in welke functie.\n\
             # author: A. Auteur\n\
             # role: Minister van Volksgezondheid, Welzijn en Sport\n\
             # Een Kamerstuk wordt geciteerd als „Kamerstukken II 2024/25, 25 424, nr. 731”, met de officiële link.\n\
             # kamerstuk: {{dossier: \"25 424\", nummer: 731, vergaderjaar: \"2024-2025\"}}\n\
             # url: https://www.example.org/document.pdf\n\
             # De koppen van het document; notities citeren ze als [@{key}, § Kop].\n\
             sections: [Inleiding]\n\
             ---\n\n\
             Vat hier de bron samen, in eigen woorden.{}\n",
            if home { " Terug naar de [startpagina](../index.md)." } else { "" },
            title = yaml_string(&title),
        ),
        Lang::En => format!(
            "---\ntitle: {title}\n\
             # Kind of document, for example letter, report, act or article.\n\
             type:\n\
             # Date: YYYY-MM-DD, YYYY-MM or YYYY. When it is not known exactly, say in date_note what is.\n\
             # date: 2025-04-09\n\
             # date_note: \"Undated; gives figures up to March 2025.\"\n\
             # Who wrote it, and in what role.\n\
             # author: A. Author\n\
             # role: Minister of Health, Welfare and Sport\n\
             # A Dutch parliamentary paper is cited as \"Kamerstukken II 2024/25, 25 424, nr. 731\", with the official link.\n\
             # kamerstuk: {{dossier: \"25 424\", nummer: 731, vergaderjaar: \"2024-2025\"}}\n\
             # url: https://www.example.org/document.pdf\n\
             # The document's headings; notes cite them as [@{key}, § Heading].\n\
             sections: [Introduction]\n\
             ---\n\n\
             Sum up the source here, in your own words.{}\n",
            if home { " Back to the [home page](../index.md)." } else { "" },
            title = yaml_string(&title),
        ),
    };
    write_new(&content.join("sources").join(format!("{key}.md")), &text)
}

/// The site's `content/` folder, which `new` needs to exist.
fn content_dir(root: &Path) -> Result<PathBuf, Error> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(Error::usage(format!(
            "no content/ folder in {}; run `dossier init` first or pass --root",
            root.display()
        )));
    }
    Ok(content)
}

/// Writes a file that must not exist yet, creating its folders.
fn write_new(path: &Path, text: &str) -> Result<PathBuf, Error> {
    if path.exists() {
        return Err(Error::usage(format!("{} already exists", path.display())));
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    fs::write(path, text).map_err(|e| Error::io(path, e))?;
    Ok(path.to_path_buf())
}

/// A title from a file name: `wachttijden-ggz` → `Wachttijden ggz`.
fn title_from(stem: &str) -> String {
    let words = stem.replace(['-', '_'], " ");
    let mut c = words.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// A YAML scalar for `s`, quoted when it would otherwise be read as something else.
fn yaml_string(s: &str) -> String {
    if s.chars().all(|c| c.is_alphanumeric() || c == ' ' || c == '-') && !s.is_empty() {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_writes_the_same_kinds_of_file() {
        let kinds = |files: Files| files.iter().map(|(p, _)| p.split('/').next().unwrap()).collect::<Vec<_>>();
        assert_eq!(kinds(NL), kinds(EN));
        assert!(NL.iter().any(|(_, t)| t.contains("language: nl")));
        assert!(EN.iter().any(|(_, t)| t.contains("language: en")));
    }

    #[test]
    fn starter_config_names_every_key() {
        for files in [NL, EN] {
            let yaml = files.iter().find(|(p, _)| *p == "dossier.yaml").unwrap().1;
            let config = crate::config::Config::parse(yaml).unwrap();
            assert_eq!(config.raw_html, Default::default());
            // Every key the config reader knows (an unknown key's error lists them).
            let message = crate::config::Config::parse("zz_not_a_key: 1\n").unwrap_err()[0].message.clone();
            let keys: Vec<&str> = message[message.find("expected").unwrap()..].split('`').skip(1).step_by(2).collect();
            assert!(keys.len() >= 10, "{message}");
            for key in keys {
                assert!(yaml.lines().any(|l| l.trim_start_matches("# ").starts_with(&format!("{key}: "))), "{key}");
            }
        }
    }

    #[test]
    fn lang_parses_the_two_codes() {
        assert_eq!("nl".parse::<Lang>(), Ok(Lang::Nl));
        assert_eq!("en".parse::<Lang>(), Ok(Lang::En));
        assert!("de".parse::<Lang>().is_err());
    }
}
