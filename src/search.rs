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
//!   tag_count, shards: [first term of each shard], near: {f: [name of each file],
//!   r: [name of each file]}, cap}`. Documents are numbered notes first, then sources, so
//!   a kind filter is a range of ids.
//! - `tags.js`: `[[slug, name, docs]]`, loaded when the tag filter is opened (a big
//!   site has thousands of tags; in `meta` they were most of a first query).
//! - `t/<n>.js`: shard `n`, a run of the sorted terms: `[[term, df, [gap, impact, gap,
//!   impact, …]], …]`, and for a term that is also a part of compounds, `[term, df,
//!   […], pdf, [gap, impact, …]]`: the documents that have it only inside compounds.
//!   Doc ids are delta-encoded; the impact (1–255) is a quantized BM25 score with title
//!   and heading boosts, so a query only adds them up. A list keeps its `cap` best
//!   postings; `df` and `pdf` say how many documents really have it, so the search box
//!   can tell a cut list (a word in every note) from a complete one.
//! - `f/<n>.js`, `r/<n>.js`: the near lists, for typos: every term of the letters a–z of
//!   at least [`NEAR_MIN`] letters with its document frequency class, front-coded in
//!   one string a file of at most [`NEAR_BYTES`]; `f` in term order, `r` in the order of
//!   the reversed spelling. `meta` names each file by the shortest start of its first
//!   (reversed) term that sorts after the file before, so the search box finds the file
//!   for a term as it finds a shard.
//! - `tags/<slug>.js`: the doc ids of a tag's pages, loaded when the tag filter is used.
//! - `d/<id>.js`: `{url, title, kind, tags, summary, text}`, the plain text cut at
//!   [`TEXT_CHARS`], for the result's snippet.
//!
//! Terms are words folded (lowercase, no diacritics: `financiële` → `financiele`), split
//! on everything but letters and digits, and stemmed with Snowball's Dutch stemmer, plus
//! a few steps for the inflections it misses ([`stem`]: `financieel` and `financiële` →
//! `financiel`, `moties` → `motie`). The theme's `search.js` does the same to a query;
//! `tests/fixtures/search/stems.tsv` holds the cases both sides are tested on.
//!
//! Search forgives, in three ways, each paid for where it costs least:
//!
//! - **Inflections** cost nothing: they are one term.
//! - **Compounds** are split at build time, with the site's own vocabulary as the
//!   dictionary (`part_postings`): `omzetplafonds` splits into `omzet` and `plafonds`
//!   when both are words found elsewhere on the site (each part at least [`MIN_PART`]
//!   letters, the longest such suffix first, a linking `s` allowed), and the note is
//!   also filed under `omzet` and `plafond`, in the part list of those terms' entries, at
//!   half the score (`PART`). A query for `plafond` loads the one shard it loaded before; it
//!   is only a little larger. A suffix index would have let a query find compounds the
//!   site never splits, but at the price of a second index as large as the first.
//! - **Typos** (one edit: a letter inserted, deleted, replaced, or two swapped) are
//!   looked up only when a word of five letters or more has fewer than three documents.
//!   A term one edit from the query keeps either its first half or its last half less
//!   one letter, so the search box loads the near-list file(s) that hold terms beginning
//!   with the first half (`f`) and those ending with the last (`r`), at most four files
//!   of 4 KB for a query, picks the most frequent terms one edit away, and loads at most
//!   two more term shards for them. Their documents rank below those that need no typo
//!   forgiven. One file of all terms would have been 1.4 MB at 125,000 terms, front-coded
//!   (about 1.4 MB each for `f` and `r`, in 4 KB files, is what the near lists cost); a
//!   deletion-neighbourhood index would have spread one query over as many files as the
//!   word has letters.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// The index's maps and sets hash with foldhash: words are short and many, and SipHash
/// (the std default) was a tenth of the index's work. The seed is random per run.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;
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

/// Parts of a compound are at least this many letters (`zorg` in `zorgplafond`), and a
/// compound is made of at least two of them.
pub const MIN_PART: usize = 4;
/// A document that has a term only inside compounds (`plafond` in `omzetplafonds`) gets
/// this share of the BM25 score it would have with the term itself.
const PART: f32 = 0.5;
/// A file of the near lists (`f/`, `r/`) is cut before it grows past this many bytes.
pub const NEAR_BYTES: usize = 4 * 1024;
/// Terms of fewer letters are not in the near lists (a typo in a short word is too
/// often another word).
pub const NEAR_MIN: usize = 4;

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
    /// The near lists, forward (`f/<n>`) and reversed (`r/<n>`).
    near: [Vec<Vec<u8>>; 2],
    /// Tag slug → doc ids, ascending.
    tags: BTreeMap<String, Vec<u32>>,
    paths: Vec<String>,
}

impl Index {
    pub fn build(site: &Site) -> Index {
        let docs = doc_order(site);
        let n = docs.len() as f32;
        let mut postings: HashMap<String, Vec<(u32, f32)>> = HashMap::default();
        let mut lens: Vec<u32> = Vec::with_capacity(docs.len());
        // Words of the letters a–z (at least MIN_PART of them), for splitting compounds.
        let mut vocabulary: HashSet<String> = HashSet::default();
        // Counted a chunk of pages at a time: the term maps of all pages at once were the
        // peak memory of a whole build (~200 MB at 10,000 notes). Each chunk is merged
        // into the postings (one thread) while the next is counted (the others).
        let mut merge = |counted: Vec<Counted>| {
            for Counted { terms, words, len } in counted {
                let doc = lens.len() as u32;
                lens.push(len);
                for (term, tf) in terms {
                    postings.entry(term).or_default().push((doc, tf));
                }
                vocabulary.extend(words);
            }
        };
        let mut counted: Vec<Counted> = Vec::new();
        for chunk in docs.chunks(COUNT_CHUNK) {
            let count = || chunk.par_iter().map(|&p| count_terms(&site.pages[p])).collect();
            let previous = std::mem::take(&mut counted);
            counted = rayon::join(|| merge(previous), count).1;
        }
        merge(counted);
        let avg_len = lens.iter().map(|&len| len as f64).sum::<f64>() as f32 / n.max(1.0);
        let mut terms: Vec<(String, Vec<(u32, f32)>)> = postings.into_iter().collect();
        terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut parts = part_postings(&terms, &vocabulary);
        drop(vocabulary);

        // BM25 with the weighted term frequency, then one scale for the whole site. A
        // term's compound-only documents count for its document frequency too.
        let bm25 = |list: &mut [(u32, f32)], df: f32, weight: f32| {
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            for (doc, tf) in list.iter_mut() {
                let norm = K1 * (1.0 - B + B * lens[*doc as usize] as f32 / avg_len.max(1.0));
                *tf = weight * idf * *tf * (K1 + 1.0) / (*tf + norm);
            }
        };
        terms.par_iter_mut().zip(parts.par_iter_mut()).for_each(|((_, list), part)| {
            let df = (list.len() + part.len()) as f32;
            bm25(list, df, 1.0);
            bm25(part, df, PART);
        });
        let max = terms.iter().flat_map(|(_, l)| l.iter().map(|p| p.1)).fold(f32::MIN_POSITIVE, f32::max);
        let entries: Vec<String> =
            terms.par_iter().zip(&parts).map(|((term, list), part)| entry(term, list, part, max)).collect();
        drop(parts);

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

        let near = near_lists(&terms);
        let notes = docs.iter().take_while(|&&p| kind(site.pages[p].kind) == "note").count();
        let meta = json!({
            "version": VERSION,
            "docs": docs.len(),
            "kinds": { "note": [0, notes], "source": [notes, docs.len()] },
            "tag_count": site.tags.len(),
            "shards": firsts,
            "near": { "f": near[0].1, "r": near[1].1 },
            "cap": MAX_POSTINGS,
        });
        let meta = html_safe_json(&meta).into_bytes();
        let tag_list =
            json!(site.tags.iter().map(|(slug, (name, _))| json!([slug, name, tags[slug].len()])).collect::<Vec<_>>());
        let tag_list = html_safe_json(&tag_list).into_bytes();

        let mut paths = vec![format!("{DIR}meta.js"), format!("{DIR}tags.js")];
        paths.extend((0..shards.len()).map(|i| format!("{DIR}t/{i}.js")));
        paths.extend((0..near[0].0.len()).map(|i| format!("{DIR}f/{i}.js")));
        paths.extend((0..near[1].0.len()).map(|i| format!("{DIR}r/{i}.js")));
        paths.extend(tags.keys().map(|slug| format!("{DIR}tags/{slug}.js")));
        paths.extend((0..docs.len()).map(|i| format!("{DIR}d/{i}.js")));
        let [(forward, _), (reversed, _)] = near;
        Index { docs, meta, tag_list, shards, near: [forward, reversed], tags, paths }
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
                    "f" => Cow::Borrowed(self.near[0].get(number(file)?)?),
                    "r" => Cow::Borrowed(self.near[1].get(number(file)?)?),
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

/// One term's shard entry, `["term",df,[gap,impact,…]]`, its best postings kept; with
/// `,pdf,[gap,impact,…]` after it when documents have the term only inside compounds.
fn entry(term: &str, list: &[(u32, f32)], parts: &[(u32, f32)], max: f32) -> String {
    // Terms are letters and digits only: nothing to escape.
    let mut out = format!("[\"{term}\",{},", list.len());
    postings(&mut out, list, max);
    if !parts.is_empty() {
        let _ = write!(out, ",{},", parts.len());
        postings(&mut out, parts, max);
    }
    out.push(']');
    out
}

/// `[gap,impact,…]` of the best [`MAX_POSTINGS`] of `list` (sorted by doc), impacts
/// quantized against `max` to 1–255.
fn postings(out: &mut String, list: &[(u32, f32)], max: f32) {
    let mut kept: Vec<(u32, u8)> =
        list.iter().map(|&(doc, s)| (doc, ((s / max * 255.0).ceil() as u32).clamp(1, 255) as u8)).collect();
    if kept.len() > MAX_POSTINGS {
        kept.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        kept.truncate(MAX_POSTINGS);
        kept.sort_unstable();
    }
    out.push('[');
    let mut last = 0;
    for (i, (doc, q)) in kept.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{},{q}", doc - last);
        last = *doc;
    }
    out.push(']');
}

/// For each term (as `terms`, sorted), the documents that have it only inside compounds,
/// with the summed term frequency of those compounds.
///
/// A word splits where its longest known suffix leaves a known prefix ([`split`]); its
/// parts split again once, so `wachtlijstbemiddeling` is filed under `wachtlijst`,
/// `bemiddel`, `wacht` and `lijst`. Known means found on the site itself, so the parts
/// come from the site's own vocabulary, not a dictionary.
fn part_postings(terms: &[(String, Vec<(u32, f32)>)], vocabulary: &HashSet<String>) -> Vec<Vec<(u32, f32)>> {
    let known: HashSet<&str> =
        terms.iter().map(|(t, _)| t.as_str()).filter(|t| t.bytes().all(|b| b.is_ascii_lowercase())).collect();
    let index = |t: &str| terms.binary_search_by(|(e, _)| e.as_str().cmp(t)).ok();
    let words: Vec<&String> = vocabulary.iter().filter(|w| w.len() >= 2 * MIN_PART).collect();
    let splits: Vec<(usize, Vec<usize>)> = words
        .par_iter()
        .filter_map(|w| {
            let mut parts = Vec::new();
            compound_parts(w, vocabulary, &known, 2, &mut parts);
            let compound = index(&term(w))?;
            let parts: Vec<usize> = parts.iter().filter_map(|p| index(p)).filter(|&p| p != compound).collect();
            (!parts.is_empty()).then_some((compound, parts))
        })
        .collect();
    let mut of_part: HashMap<usize, Vec<usize>> = HashMap::default();
    for (compound, parts) in splits {
        for part in parts {
            of_part.entry(part).or_default().push(compound);
        }
    }
    let mut out = vec![Vec::new(); terms.len()];
    let lists: Vec<(usize, Vec<(u32, f32)>)> = of_part
        .into_par_iter()
        .map(|(part, mut compounds)| {
            compounds.sort_unstable();
            compounds.dedup();
            let mut all: Vec<(u32, f32)> = compounds.iter().flat_map(|&c| terms[c].1.iter().copied()).collect();
            all.sort_unstable_by_key(|p| p.0);
            let exact = &terms[part].1;
            let mut merged: Vec<(u32, f32)> = Vec::new();
            for (doc, tf) in all {
                match merged.last_mut() {
                    Some(last) if last.0 == doc => last.1 += tf,
                    _ if exact.binary_search_by_key(&doc, |p| p.0).is_ok() => {}
                    _ => merged.push((doc, tf)),
                }
            }
            (part, merged)
        })
        .collect();
    for (part, list) in lists {
        out[part] = list;
    }
    out
}

/// The terms of the parts of compound `word`, split `depth` levels deep.
fn compound_parts(word: &str, vocabulary: &HashSet<String>, known: &HashSet<&str>, depth: u32, out: &mut Vec<String>) {
    if depth == 0 || word.len() < 2 * MIN_PART {
        return;
    }
    if let Some((prefix, suffix)) = split(word, vocabulary, known) {
        out.push(term(prefix));
        out.push(term(suffix));
        compound_parts(prefix, vocabulary, known, depth - 1, out);
        compound_parts(suffix, vocabulary, known, depth - 1, out);
    }
}

/// `word` as prefix and suffix, each at least [`MIN_PART`] letters, at the longest suffix
/// whose term is a term of the site (`plafonds` → `plafond`) and whose prefix is a word of
/// the site, perhaps with a linking `s` (`arbeids|markt`). The prefix is returned without
/// that `s`.
fn split<'a>(word: &'a str, vocabulary: &HashSet<String>, known: &HashSet<&str>) -> Option<(&'a str, &'a str)> {
    (MIN_PART..=word.len().saturating_sub(MIN_PART)).find_map(|at| {
        let (prefix, suffix) = word.split_at(at);
        let prefix = if vocabulary.contains(prefix) {
            prefix
        } else {
            prefix.strip_suffix('s').filter(|bare| bare.len() >= MIN_PART && vocabulary.contains(*bare))?
        };
        known.contains(term(suffix).as_str()).then_some((prefix, suffix))
    })
}

/// The near lists: the terms of the letters a–z of at least [`NEAR_MIN`] letters,
/// forward and reversed, each cut into files, with a name for each: the shortest start
/// of its first (reversed) term that sorts after every term of the file before.
/// An entry is the length of the prefix it shares with the one before in the file and a
/// document frequency class (`⌊log2 df⌋`), both one base-36 digit, then the rest of the
/// term; entries are separated by spaces, and a file is one JSON string.
fn near_lists(terms: &[(String, Vec<(u32, f32)>)]) -> [(Vec<Vec<u8>>, Vec<String>); 2] {
    let listed: Vec<(String, usize)> = terms
        .iter()
        .filter(|(t, _)| t.len() >= NEAR_MIN && t.bytes().all(|b| b.is_ascii_lowercase()))
        .map(|(t, list)| (t.clone(), list.len()))
        .collect();
    let mut reversed: Vec<(String, usize)> = listed.iter().map(|(t, df)| (t.chars().rev().collect(), *df)).collect();
    reversed.sort_unstable();
    [near_files(&listed), near_files(&reversed)]
}

fn near_files(list: &[(String, usize)]) -> (Vec<Vec<u8>>, Vec<String>) {
    let digit = |n: usize| char::from_digit(n.min(35) as u32, 36).expect("under 36");
    let mut files = Vec::new();
    let mut firsts = Vec::new();
    let mut current = String::new();
    let mut last = "";
    for (t, df) in list {
        let common = t.bytes().zip(last.bytes()).take_while(|(a, b)| a == b).count();
        let mut shared = common.min(35);
        if !current.is_empty() && current.len() + 3 + t.len() - shared + 1 > NEAR_BYTES {
            current.push('"');
            files.push(std::mem::take(&mut current).into_bytes());
        }
        if current.is_empty() {
            // The first entry of a file stands alone. The file is named by the shortest
            // start of its first term that sorts after the last term of the file before.
            current.push('"');
            firsts.push(t[..(common + 1).min(t.len())].to_string());
            shared = 0;
        } else {
            current.push(' ');
        }
        current.push(digit(shared));
        current.push(digit(df.max(&1).ilog2() as usize));
        current.push_str(&t[shared..]);
        last = t;
    }
    if !current.is_empty() {
        current.push('"');
        files.push(current.into_bytes());
    }
    (files, firsts)
}

/// What [`count_terms`] finds on a page.
struct Counted {
    /// Term → weighted term frequency.
    terms: HashMap<String, f32>,
    /// The page's words of the letters a–z, of at least [`MIN_PART`] letters.
    words: Vec<String>,
    /// Length in words.
    len: u32,
}

/// Weighted term frequencies of a page, its words, and its length in words.
fn count_terms(page: &Page) -> Counted {
    let mut words: HashMap<String, f32> = HashMap::default();
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
    let mut terms: HashMap<String, f32> = HashMap::with_capacity_and_hasher(words.len(), Default::default());
    let mut plain = Vec::new();
    for (word, tf) in words {
        *terms.entry(term(&word)).or_default() += tf;
        if word.len() >= MIN_PART && word.bytes().all(|b| b.is_ascii_lowercase()) {
            plain.push(word);
        }
    }
    Counted { terms, words: plain, len }
}

/// Calls `f` with each word of `text`: folded (lowercase, diacritics and combining marks
/// dropped), split on everything that is not a letter or digit (or is outside the Basic
/// Multilingual Plane, so that JavaScript sorts terms the same way), at most
/// [`MAX_WORD_CHARS`] long.
pub fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let mut chars = 0;
    let mut folded = String::with_capacity(4);
    let flush = |word: &mut String, chars: &mut usize, f: &mut dyn FnMut(&str)| {
        if !word.is_empty() && *chars <= MAX_WORD_CHARS {
            f(word);
        }
        word.clear();
        *chars = 0;
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let run = &text[start..i];
            // Most words are a run of lowercase ASCII between ASCII separators: passed on
            // as they stand, without copying (a non-ASCII letter after the run may still
            // belong to the word, so that case takes the long way).
            let ends = bytes.get(i).is_none_or(u8::is_ascii);
            if word.is_empty() && ends && !run.bytes().any(|b| b.is_ascii_uppercase()) {
                if run.len() <= MAX_WORD_CHARS {
                    f(run);
                }
                continue;
            }
            word.extend(run.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            chars += run.len();
            continue;
        }
        if b.is_ascii() {
            flush(&mut word, &mut chars, &mut f);
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("a char starts here");
        i += c.len_utf8();
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
                flush(&mut word, &mut chars, &mut f);
            }
        }
    }
    flush(&mut word, &mut chars, &mut f);
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
    static STEMS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::default());
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

    /// The word splitter as it was before its ASCII fast path: one char at a time.
    fn words_one_char_at_a_time(text: &str) -> Vec<String> {
        let (mut out, mut word, mut chars) = (Vec::new(), String::new(), 0);
        let mut flush = |word: &mut String, chars: &mut usize| {
            if !word.is_empty() && *chars <= MAX_WORD_CHARS {
                out.push(word.clone());
            }
            word.clear();
            *chars = 0;
        };
        for c in text.chars() {
            let mut folded = String::new();
            crate::text::fold_into(&mut folded, c);
            for c in folded.chars().filter(|c| !('\u{300}'..='\u{36f}').contains(c)) {
                if c.is_alphanumeric() && c <= '\u{ffff}' {
                    word.push(c);
                    chars += 1;
                } else {
                    flush(&mut word, &mut chars);
                }
            }
        }
        flush(&mut word, &mut chars);
        out
    }

    #[test]
    fn the_fast_path_splits_words_as_one_char_at_a_time_does() {
        let pieces = [
            "zorg", "Zorg", "ZORG", "café", "é", "e\u{301}", "ß", "ĳ", "𝔘", "😀", "2024", "-", " ", "\n", "ﬁ", "İ",
            "Σ", "x",
        ];
        let long = "a".repeat(MAX_WORD_CHARS);
        // Every sequence of up to three pieces, and the longest word with a piece added.
        let mut texts: Vec<String> = Vec::new();
        for a in pieces {
            texts.push(format!("{long}{a}"));
            for b in pieces {
                for c in pieces {
                    texts.push(format!("{a}{b}{c}"));
                }
            }
        }
        for text in &texts {
            assert_eq!(words(text), words_one_char_at_a_time(text), "{text:?}");
        }
    }

    #[test]
    fn postings_keep_the_best_and_encode_gaps() {
        let list: Vec<(u32, f32)> =
            (0..(MAX_POSTINGS as u32 + 5)).map(|d| (d, if d < 5 { 0.1 } else { 1.0 })).collect();
        let e = entry("x", &list, &[], 1.0);
        assert!(e.starts_with(&format!("[\"x\",{},[5,255,1,255,", MAX_POSTINGS + 5)), "{}", &e[..40]);
        assert_eq!(entry("y", &[(3, 0.5), (7, 1.0)], &[], 1.0), "[\"y\",2,[3,128,4,255]]");
        assert_eq!(entry("z", &[(3, 0.5)], &[(1, 0.25), (9, 0.5)], 1.0), "[\"z\",1,[3,128],2,[1,64,8,128]]");
    }
}
