//! Search: the full-text index behind the theme's search box, built from the finished
//! [`Site`] beside the render stage and cut into small files, so that a first query at
//! 10,000 notes downloads a few hundred kilobytes instead of the whole index.
//!
//! Every file is a script, `dossierSearch("<name>", <JSON>);`, that the search box loads
//! with a `<script>` element rather than `fetch()`: browsers refuse `fetch()` in a page
//! opened straight from disk (`file://`) but run its scripts, so search works there too.
//! The files, all under `search/`, by name (URLs in them are relative to the site root):
//!
//! - `meta.js`: `{version, docs, kinds: {note: [from, to], source: [from, to]},
//!   tag_count, shards: [first term of each shard], cap}`. Documents are numbered notes
//!   first, then sources, so a kind filter is a range of ids.
//! - `tags.js`: `[[slug, name, docs]]`, loaded when the tag filter is opened (a big
//!   site has thousands of tags; in `meta` they were most of a first query).
//! - `t/<n>.js`: shard `n`, a run of the sorted terms: `[[term, df, [gap, impact, gap,
//!   impact, …]], …]`. Doc ids are delta-encoded; the impact (1–255) is a quantized
//!   BM25 score with title and heading boosts, so a query only adds them up. A term keeps
//!   its `cap` best postings; `df` says how many documents really have it, so the search
//!   box can tell a cut list (a word in every note) from a complete one.
//! - `tags/<slug>.js`: the doc ids of a tag's pages, loaded when the tag filter is used.
//! - `d/<id>.js`: `{url, title, kind, tags, summary, text}`, the plain text cut at
//!   [`TEXT_CHARS`], for the result's snippet.
//!
//! Terms are words folded (lowercase, no diacritics: `financiële` → `financiele`), split
//! on everything but letters and digits, and stemmed with Snowball's Dutch stemmer
//! (`financiele` and `financieel` → `financiel`). The theme's `search.js` does the same to
//! a query; `tests/fixtures/search/stems.tsv` holds the pairs both sides are tested on.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use rayon::prelude::*;
use serde_json::json;

use crate::model::{BlockKind, Page, PageId, PageKind, Site};
use crate::text::html_safe_json;

/// The folder the index lives in, relative to the output root.
pub const DIR: &str = "search/";
/// Format version in `meta`, for the script to check.
pub const VERSION: u32 = 4;
/// A shard is cut before it grows past this many bytes (a single term's postings can
/// exceed it, and then fill a shard alone).
pub const SHARD_BYTES: usize = 32 * 1024;
/// Postings kept per term, the highest impacts.
pub const MAX_POSTINGS: usize = 1000;
/// Plain text kept in a document file for snippets, in characters: enough for nearly
/// every note, and small enough that the ten documents a query shows, its shards and the
/// meta file stay under about 300 KB however long the pages are.
pub const TEXT_CHARS: usize = 12_000;
/// Longer "words" are noise (hashes, URLs run together) and are not indexed.
pub const MAX_WORD_CHARS: usize = 40;

/// Field weights: a word in the title counts as this many in the body.
const TITLE: f32 = 6.0;
const HEADING: f32 = 3.0;
const BODY: f32 = 1.0;
/// BM25 parameters.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// Pages whose terms are counted at once while building the index.
const COUNT_CHUNK: usize = 512;

/// The built index: what does not depend on one document alone (term shards, the meta
/// file) as JSON; document and tag files are made on demand from the site.
pub struct Index {
    /// Doc id → page.
    docs: Vec<PageId>,
    meta: Vec<u8>,
    /// The `tags` file.
    tag_list: Vec<u8>,
    shards: Vec<Vec<u8>>,
    /// Tag slug → doc ids, ascending.
    tags: BTreeMap<String, Vec<u32>>,
    paths: Vec<String>,
}

impl Index {
    pub fn build(site: &Site) -> Index {
        let docs = doc_order(site);
        let n = docs.len() as f32;
        let mut postings: HashMap<String, Vec<(u32, f32)>> = HashMap::new();
        let mut lens: Vec<u32> = Vec::with_capacity(docs.len());
        // Counted a chunk of pages at a time: the term maps of all pages at once were the
        // peak memory of a whole build (~200 MB at 10,000 notes).
        for chunk in docs.chunks(COUNT_CHUNK) {
            let counted: Vec<(HashMap<String, f32>, u32)> =
                chunk.par_iter().map(|&p| count_terms(&site.pages[p])).collect();
            for (terms, len) in counted {
                let doc = lens.len() as u32;
                lens.push(len);
                for (term, tf) in terms {
                    postings.entry(term).or_default().push((doc, tf));
                }
            }
        }
        let avg_len = lens.iter().map(|&len| len as f64).sum::<f64>() as f32 / n.max(1.0);
        let mut terms: Vec<(String, Vec<(u32, f32)>)> = postings.into_iter().collect();
        terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));

        // BM25 with the weighted term frequency, then one scale for the whole site.
        terms.par_iter_mut().for_each(|(_, list)| {
            let df = list.len() as f32;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            for (doc, tf) in list.iter_mut() {
                let norm = K1 * (1.0 - B + B * lens[*doc as usize] as f32 / avg_len.max(1.0));
                *tf = idf * *tf * (K1 + 1.0) / (*tf + norm);
            }
        });
        let max = terms.iter().flat_map(|(_, l)| l.iter().map(|p| p.1)).fold(f32::MIN_POSITIVE, f32::max);
        let entries: Vec<String> = terms.par_iter().map(|(term, list)| entry(term, list, max)).collect();

        let mut shards: Vec<Vec<u8>> = Vec::new();
        let mut firsts: Vec<&str> = Vec::new();
        let mut current = String::new();
        for ((term, _), e) in terms.iter().zip(&entries) {
            if !current.is_empty() && current.len() + e.len() + 2 > SHARD_BYTES {
                current.push(']');
                shards.push(std::mem::take(&mut current).into_bytes());
            }
            if current.is_empty() {
                current.push('[');
                firsts.push(term);
            } else {
                current.push(',');
            }
            current.push_str(e);
        }
        if !current.is_empty() {
            current.push(']');
            shards.push(current.into_bytes());
        }

        let mut id_of = vec![u32::MAX; site.pages.len()];
        for (doc, &p) in docs.iter().enumerate() {
            id_of[p] = doc as u32;
        }
        let tags: BTreeMap<String, Vec<u32>> = site
            .tags
            .iter()
            .map(|(slug, (_, pages))| {
                let mut ids: Vec<u32> = pages.iter().map(|&p| id_of[p]).filter(|&d| d != u32::MAX).collect();
                ids.sort_unstable();
                ids.dedup();
                (slug.clone(), ids)
            })
            .collect();

        let notes = docs.iter().take_while(|&&p| kind(site.pages[p].kind) == "note").count();
        let meta = json!({
            "version": VERSION,
            "docs": docs.len(),
            "kinds": { "note": [0, notes], "source": [notes, docs.len()] },
            "tag_count": site.tags.len(),
            "shards": firsts,
            "cap": MAX_POSTINGS,
        });
        let meta = html_safe_json(&meta).into_bytes();
        let tag_list =
            json!(site.tags.iter().map(|(slug, (name, _))| json!([slug, name, tags[slug].len()])).collect::<Vec<_>>());
        let tag_list = html_safe_json(&tag_list).into_bytes();

        let mut paths = vec![format!("{DIR}meta.js"), format!("{DIR}tags.js")];
        paths.extend((0..shards.len()).map(|i| format!("{DIR}t/{i}.js")));
        paths.extend(tags.keys().map(|slug| format!("{DIR}tags/{slug}.js")));
        paths.extend((0..docs.len()).map(|i| format!("{DIR}d/{i}.js")));
        Index { docs, meta, tag_list, shards, tags, paths }
    }

    /// Every file of the index, as output paths.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.paths.iter().map(String::as_str)
    }

    /// The file at output path `path`, if it is one of the index's.
    pub fn file(&self, site: &Site, path: &str) -> Option<Vec<u8>> {
        let name = path.strip_prefix(DIR)?.strip_suffix(".js")?;
        let json: Cow<[u8]> = match name {
            "meta" => Cow::Borrowed(&self.meta),
            "tags" => Cow::Borrowed(&self.tag_list),
            _ => {
                let (folder, file) = name.split_once('/')?;
                match folder {
                    "t" => Cow::Borrowed(self.shards.get(number(file)?)?),
                    "tags" => Cow::Owned(serde_json::to_vec(self.tags.get(file)?).expect("numbers serialize")),
                    "d" => Cow::Owned(doc_file(&site.pages[*self.docs.get(number(file)?)?])),
                    _ => return None,
                }
            }
        };
        Some(script(name, &json))
    }
}

/// `dossierSearch("<name>", <json>);`: the JSON is HTML-safe (`<`, `>`, `&` escaped),
/// and JSON is a JavaScript expression, so the file runs as a script and does nothing
/// but hand its data to the search box.
fn script(name: &str, json: &[u8]) -> Vec<u8> {
    let name = serde_json::to_string(name).expect("strings serialize");
    let mut out = Vec::with_capacity(json.len() + name.len() + 18);
    out.extend_from_slice(b"dossierSearch(");
    out.extend_from_slice(name.as_bytes());
    out.push(b',');
    out.extend_from_slice(json);
    out.extend_from_slice(b");\n");
    out
}

/// A decimal file name without leading zeros (one path per file).
fn number(name: &str) -> Option<usize> {
    (name == "0" || !name.starts_with('0')).then(|| name.parse().ok()).flatten()
}

/// Notes (with the home page) first, then sources, each in page order.
fn doc_order(site: &Site) -> Vec<PageId> {
    let mut docs: Vec<PageId> = (0..site.pages.len()).collect();
    docs.sort_by_key(|&p| (kind(site.pages[p].kind) == "source", p));
    docs
}

fn kind(k: PageKind) -> &'static str {
    match k {
        PageKind::Source => "source",
        _ => "note",
    }
}

/// One term's shard entry, `["term",df,[gap,impact,…]]`, its best postings kept.
fn entry(term: &str, list: &[(u32, f32)], max: f32) -> String {
    let mut kept: Vec<(u32, u8)> =
        list.iter().map(|&(doc, s)| (doc, ((s / max * 255.0).ceil() as u32).clamp(1, 255) as u8)).collect();
    if kept.len() > MAX_POSTINGS {
        kept.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        kept.truncate(MAX_POSTINGS);
        kept.sort_unstable();
    }
    // Terms are letters and digits only: nothing to escape.
    let mut out = format!("[\"{term}\",{},[", list.len());
    let mut last = 0;
    for (i, (doc, q)) in kept.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{},{q}", doc - last);
        last = *doc;
    }
    out.push_str("]]");
    out
}

/// Weighted term frequencies of a page, and its length in words.
fn count_terms(page: &Page) -> (HashMap<String, f32>, u32) {
    let mut words: HashMap<String, f32> = HashMap::new();
    let mut len = 0u32;
    let mut add = |text: &str, weight: f32| {
        for_each_word(text, |w| {
            len += 1;
            match words.get_mut(w) {
                Some(tf) => *tf += weight,
                None => {
                    words.insert(w.to_string(), weight);
                }
            }
        })
    };
    add(&page.title, TITLE);
    for alias in &page.meta.aliases {
        add(alias, TITLE);
    }
    for tag in &page.meta.tags {
        add(tag, HEADING);
    }
    if let Some(key) = &page.key {
        add(key, HEADING);
    }
    if let Some(summary) = &page.meta.summary {
        add(summary, BODY);
    }
    for block in &page.doc.blocks {
        add(&block.text, if block.kind == BlockKind::Heading { HEADING } else { BODY });
    }
    let mut terms: HashMap<String, f32> = HashMap::with_capacity(words.len());
    for (word, tf) in words {
        *terms.entry(term(&word)).or_default() += tf;
    }
    (terms, len)
}

/// Calls `f` with each word of `text`: folded (lowercase, diacritics and combining marks
/// dropped), split on everything that is not a letter or digit (or is outside the Basic
/// Multilingual Plane, so that JavaScript sorts terms the same way), at most
/// [`MAX_WORD_CHARS`] long.
pub fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let mut chars = 0;
    let mut folded = String::with_capacity(4);
    let mut flush = |word: &mut String, chars: &mut usize| {
        if !word.is_empty() && *chars <= MAX_WORD_CHARS {
            f(word);
        }
        word.clear();
        *chars = 0;
    };
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
                chars += 1;
            } else {
                flush(&mut word, &mut chars);
            }
            continue;
        }
        folded.clear();
        crate::text::fold_into(&mut folded, c);
        for c in folded.chars() {
            if ('\u{300}'..='\u{36f}').contains(&c) {
                continue;
            }
            if c.is_alphanumeric() && c <= '\u{ffff}' {
                word.push(c);
                chars += 1;
            } else {
                flush(&mut word, &mut chars);
            }
        }
    }
    flush(&mut word, &mut chars);
}

/// The words of `text`, as [`for_each_word`] finds them.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.to_string()));
    out
}

thread_local! {
    static STEMMER: rust_stemmers::Stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Dutch);
    /// Words repeat endlessly across pages; stemming each once per thread is enough.
    static STEMS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// The index term for a folded word: its Dutch stem ([`stem`]) when it is all letters
/// `a`–`z`, else the word itself (numbers, other scripts).
pub fn term(word: &str) -> String {
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    STEMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(stem) = cache.get(word) {
            return stem.clone();
        }
        if cache.len() > 500_000 {
            cache.clear();
        }
        let stem = stem(word);
        cache.insert(word.to_string(), stem.clone());
        stem
    })
}

/// Snowball's Dutch stem of a word of the letters `a`–`z`, with the inflections it
/// misses mended (`search.js` has the same steps, and `stems.tsv` the cases):
///
/// - plurals in `-ies`/`-es` of nouns in `-ie`/`-e` (`moties`, `keuzes`): the `s` goes
///   first, as Snowball keeps an `s` after a vowel; not after `e` (`Europees`), `r` or
///   `c` (`adres`, `proces`), nor in words under five letters (`fles`, `les`);
/// - plurals in `-ieën`/`-eeën` (`categorieën`, `ideeën`): the `en` goes first;
/// - plurals in `-sen` of nouns in `-s` (`mensen`, `huisartsen`, `processen`): what is
///   left once Snowball has taken `en` off is stemmed again, as the singular is;
/// - a final double consonant is undoubled (`snelle` → `snel`, `stoornissen`), where
///   Snowball only undoubles `kk`, `dd` and `tt`;
/// - a final `v` becomes `f` and a final `z` becomes `s` after a vowel, `j`, `l`, `r` or
///   `n`, and the result is stemmed again as the singular is (`brieven`, `bedrijven`,
///   `huizen`, `grenzen` stem as `brief`, `bedrijf`, `huis`, `gren`; `ggz` stays);
/// - `-ieel`/`-ueel` lose an `e` as `-eel` does after a consonant (`financieel` →
///   `financiel`, as `financiële`), where Snowball only undoubles a vowel between
///   consonants.
pub fn stem(word: &str) -> String {
    let snowball = |w: &str| STEMMER.with(|s| s.stem(w).into_owned());
    let b = word.as_bytes();
    let n = b.len();
    let w = if word.ends_with("ieen") || word.ends_with("eeen") {
        &word[..n - 2]
    } else if n >= 5 && word.ends_with("es") && !b"aeoruyc".contains(&b[n - 3]) {
        &word[..n - 1]
    } else {
        word
    };
    let mut s = snowball(w);
    if w.ends_with("en") && s.ends_with('s') && s == w[..w.len() - 2] {
        s = snowball(&s);
    }
    let sb = s.as_bytes();
    if sb.len() >= 2 && sb[sb.len() - 1] == sb[sb.len() - 2] && !b"aeiouy".contains(&sb[sb.len() - 1]) {
        s.pop();
    }
    let sb = s.as_bytes();
    if sb.len() >= 2 && b"vz".contains(&sb[sb.len() - 1]) && b"aeiouyjlrn".contains(&sb[sb.len() - 2]) {
        let soft = if s.pop() == Some('v') { 'f' } else { 's' };
        s.push(soft);
        s = snowball(&s);
    }
    let sb = s.as_bytes();
    let k = sb.len();
    if k >= 4 && b"iu".contains(&sb[k - 4]) && &sb[k - 3..k - 1] == b"ee" && !b"aeiouy".contains(&sb[k - 1]) {
        s.remove(k - 2);
    }
    s
}

/// The terms of a text, as the index has them.
pub fn terms(text: &str) -> Vec<String> {
    words(text).iter().map(|w| term(w)).collect()
}

fn doc_file(page: &Page) -> Vec<u8> {
    let mut text = page.doc.plain_text();
    if let Some((cut, _)) = text.char_indices().nth(TEXT_CHARS) {
        text.truncate(cut);
    }
    let tags: Vec<&String> = page.meta.tags.iter().filter(|t| !crate::text::slugify(t).is_empty()).collect();
    let mut doc = json!({
        "url": page.url,
        "title": page.title,
        "kind": kind(page.kind),
        "tags": tags,
        "text": text,
    });
    if let Some(summary) = &page.meta.summary {
        doc["summary"] = json!(crate::text::truncate(summary, 300));
    }
    html_safe_json(&doc).into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cases `search.js` is tested on too (tests/browser/stem.test.mjs): both sides
    /// must cut, fold and stem every word the same way.
    #[test]
    fn stems_match_the_shared_fixture() {
        let fixture = include_str!("../tests/fixtures/search/stems.tsv");
        let mut n = 0;
        for line in fixture.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let (input, expected) = line.split_once('\t').expect("input<TAB>terms");
            assert_eq!(terms(input).join(" "), expected, "{input}");
            n += 1;
        }
        assert!(n >= 300, "only {n} pairs");
    }

    #[test]
    fn words_are_folded_and_split() {
        assert_eq!(words("Financiële  zorg-plafonds, 2024!"), ["financiele", "zorg", "plafonds", "2024"]);
        assert_eq!(words("e\u{301}e\u{308}n café"), ["een", "cafe"]);
        assert_eq!(words(&"x".repeat(MAX_WORD_CHARS + 1)), Vec::<String>::new());
        assert_eq!(terms("Financiële financiele"), ["financiel", "financiel"]);
        assert_eq!(terms("zorgplafonds zorgplafond"), ["zorgplafond", "zorgplafond"]);
    }

    #[test]
    fn postings_keep_the_best_and_encode_gaps() {
        let list: Vec<(u32, f32)> =
            (0..(MAX_POSTINGS as u32 + 5)).map(|d| (d, if d < 5 { 0.1 } else { 1.0 })).collect();
        let e = entry("x", &list, 1.0);
        assert!(e.starts_with(&format!("[\"x\",{},[5,255,1,255,", MAX_POSTINGS + 5)), "{}", &e[..40]);
        assert_eq!(entry("y", &[(3, 0.5), (7, 1.0)], 1.0), "[\"y\",2,[3,128,4,255]]");
    }
}
