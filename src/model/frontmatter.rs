//! The front matter of a page, typed: what notes and sources declare about themselves,
//! and where in the file each key was written ([`Positions`]), so every stage can point
//! a diagnostic at the key it is about without reading the YAML again.
//!
//! Parsing is `parse::frontmatter`'s job; this module only holds the result.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

use super::date::Date;

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
    /// A list, or one tag as a string; a leading `#` (as Obsidian writes them) dropped.
    #[serde(deserialize_with = "tag_list")]
    pub tags: Vec<String>,
    /// A list, or one alias as a string.
    #[serde(deserialize_with = "one_or_many")]
    pub aliases: Vec<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub related: Vec<String>,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    /// `true`, `"true"` or `yes`; empty is `false`.
    #[serde(deserialize_with = "lenient_bool")]
    pub draft: bool,
    /// `publish: false` leaves the page out of the site (Obsidian Publish's key).
    #[serde(deserialize_with = "lenient_opt_bool")]
    pub publish: Option<bool>,

    // What other tools write, understood where it means something here.
    /// The summary, as Quartz and Docusaurus call it.
    pub description: Option<String>,
    /// An old address of the page (Quartz): served by a redirect page.
    pub permalink: Option<String>,
    /// The page's output path (Docusaurus): `wifi` beside the file, `/vpn` at the root.
    pub slug: Option<String>,
    /// Order in the sidebar (Docusaurus); lower first.
    pub sidebar_position: Option<f64>,
    /// Text in the sidebar, when it should differ from the title (Docusaurus).
    pub sidebar_label: Option<String>,
    /// Classes for the page's `<article>` (Obsidian).
    #[serde(alias = "cssclass", deserialize_with = "one_or_many")]
    pub cssclasses: Vec<String>,
    /// `false` leaves out the table of contents (Quartz).
    #[serde(rename = "enableToc", alias = "enable_toc", deserialize_with = "lenient_opt_bool")]
    pub toc: Option<bool>,

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
    /// The file with the source's own text (for its reading view), relative to the
    /// `source_texts` folder, else to the site root.
    pub text: Option<String>,

    // Commitments (`type: motion | commitment | request`, see `model::commitment`).
    /// Who submitted a motion or asked for a commitment.
    #[serde(deserialize_with = "one_or_many")]
    pub submitters: Vec<String>,
    /// Kept as written: other tools use `status` and `due` for their own ends, so the
    /// values are only checked on commitments (by resolve, which can place the error).
    #[serde(deserialize_with = "loose_text")]
    pub status: Option<Loose>,
    #[serde(deserialize_with = "loose_text")]
    pub due: Option<Loose>,
    /// Topic pages, by name like `related:` (`[[…]]` allowed).
    #[serde(deserialize_with = "one_or_many")]
    pub topics: Vec<String>,

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

/// A list of strings, or one string; numbers and booleans as written; `null` as none.
fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct Items;
    impl<'de> serde::de::Visitor<'de> for Items {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a list of text, or one text")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(vec![v.to_string()])
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(vec![v.to_string()])
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(vec![v.to_string()])
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(vec![v.to_string()])
        }
        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(vec![v.to_string()])
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(item) = seq.next_element::<Scalar>()? {
                out.extend(item.0);
            }
            Ok(out)
        }
    }
    d.deserialize_any(Items)
}

/// A value read leniently: a scalar as text, or something else (a list, a map) that
/// only matters where the key means something to dossier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Loose {
    Text(String),
    NotText,
}

fn loose_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Loose>, D::Error> {
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Option<Loose>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("any value")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(Loose::Text(v.to_string())))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
            Ok(Some(Loose::NotText))
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
            Ok(Some(Loose::NotText))
        }
    }
    d.deserialize_any(V)
}

/// One scalar of a list, as text (`null` is none).
struct Scalar(Option<String>);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("text")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(Some(v.to_string())))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// Tags: a list or one string; `#` in front (Obsidian, Quartz) dropped.
fn tag_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(one_or_many(d)?.into_iter().map(|t| t.trim().trim_start_matches('#').to_string()).collect())
}

/// A yes or no as people write it: `true`, `"true"`, `yes`, `1`; nothing is `false`.
fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(lenient_opt_bool(d)?.unwrap_or(false))
}

fn lenient_opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    // Checked inside the visitor, so that the YAML reader names the key in the error.
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = Option<bool>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("true or false")
        }
        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            match v.trim().to_ascii_lowercase().as_str() {
                "" => Ok(None),
                "true" | "yes" | "on" | "1" | "ja" => Ok(Some(true)),
                "false" | "no" | "off" | "0" | "nee" => Ok(Some(false)),
                _ => Err(E::custom(format!("`{v}` is not true or false"))),
            }
        }
    }
    d.deserialize_any(V)
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
    "publish",
    "description",
    "permalink",
    "slug",
    "sidebar_position",
    "sidebar_label",
    "cssclasses",
    "cssclass",
    "enableToc",
    "enable_toc",
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
    "text",
    "glossary",
    "submitters",
    "status",
    "due",
    "topics",
];

/// A parliamentary paper's number: `{dossier: "25 424", nummer: 731, vergaderjaar: "2024-2025"}`
/// (dossier `36 600 XVI` for a budget chapter).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Kamerstuk {
    pub dossier: String,
    pub nummer: u32,
    /// The parliamentary year, `2024-2025`; a motion cited without it may leave it out.
    #[serde(default)]
    pub vergaderjaar: Option<String>,
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
