//! The front matter of a page, typed: what notes and sources declare about themselves,
//! and where in the file each key was written ([`Positions`]), so every stage can point
//! a diagnostic at the key it is about without reading the YAML again.
//!
//! Parsing is `parse::frontmatter`'s job; this module only holds the result.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

use super::date::PartialDate;

/// Where the front matter and the body are in a page's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Split {
    /// Byte range of the YAML (without the `---` lines), if there is front matter.
    pub yaml: Option<(usize, usize)>,
    /// Byte offset where the Markdown body starts.
    pub body: usize,
}

/// The typed front matter of a page (notes and sources alike; sources use more keys).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub aliases: Vec<String>,
    pub related: Vec<String>,
    pub date: Option<PartialDate>,
    pub updated: Option<PartialDate>,
    pub draft: bool,

    // Sources (content/sources/).
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub date_note: Option<String>,
    pub author: Option<String>,
    pub role: Option<String>,
    pub kamerstuk: Option<Kamerstuk>,
    pub url: Option<String>,
    pub document_id: Option<String>,
    pub pages: Option<u32>,
    pub sections: Vec<String>,

    /// Glossary pages: term → expansion.
    #[serde(deserialize_with = "unique_terms")]
    pub glossary: BTreeMap<String, String>,

    /// Where each key and entry is in the file (filled in by parse, not by YAML).
    #[serde(skip)]
    pub positions: Positions,
}

/// Glossary terms, refusing a term given twice (a plain map would silently keep the
/// last definition).
fn unique_terms<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    struct Terms;
    impl<'de> serde::de::Visitor<'de> for Terms {
        type Value = BTreeMap<String, String>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((term, expansion)) = map.next_entry::<String, String>()? {
                if out.contains_key(&term) {
                    return Err(serde::de::Error::custom(format!("duplicate glossary term `{term}`")));
                }
                out.insert(term, expansion);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Terms)
}

/// Every key [`FrontMatter`] reads. Others are reported as warnings, not errors:
/// Obsidian vaults carry many keys of their own.
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "summary",
    "tags",
    "aliases",
    "related",
    "date",
    "updated",
    "draft",
    "id",
    "type",
    "date_note",
    "author",
    "role",
    "kamerstuk",
    "url",
    "document_id",
    "pages",
    "sections",
    "glossary",
];

/// A parliamentary paper's number: `{dossier: "25 424", nummer: 731, vergaderjaar: "2024-2025"}`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Kamerstuk {
    pub dossier: String,
    pub nummer: u32,
    pub vergaderjaar: String,
}

/// Byte offsets (in the file) of the front matter's keys and of the entries under them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Positions {
    /// Top-level keys, in order, with the offset of the key.
    pub keys: Vec<(String, usize)>,
    /// Per top-level key, its list items (name `None`) or nested keys (name `Some`), in
    /// order, with the offset of each.
    pub entries: BTreeMap<String, Vec<(Option<String>, usize)>>,
}

impl Positions {
    /// Where top-level `key` is written.
    pub fn key(&self, key: &str) -> Option<usize> {
        self.keys.iter().find(|(k, _)| k == key).map(|(_, at)| *at)
    }

    /// Where the `index`th list item under `key` is written, else the key itself.
    pub fn item(&self, key: &str, index: usize) -> Option<usize> {
        let items = self.entries.get(key).map(|e| e.iter().filter(|(name, _)| name.is_none()).collect::<Vec<_>>());
        items.and_then(|items| items.get(index).map(|(_, at)| *at)).or_else(|| self.key(key))
    }

    /// Where nested key `sub` under `key` is written (`kamerstuk: {nummer: …}`, a
    /// glossary term), else the key itself.
    pub fn nested(&self, key: &str, sub: &str) -> Option<usize> {
        let entries = self.entries.get(key);
        let found = entries.and_then(|e| e.iter().find(|(name, _)| name.as_deref() == Some(sub)).map(|(_, at)| *at));
        found.or_else(|| self.key(key))
    }
}
