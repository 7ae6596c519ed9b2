//! Embeds: a note, or a section of one, shown inside another page. Checked here so that
//! render can expand them without surprises: no embed includes itself again (a cycle),
//! and a page's embeds nest at most [`MAX_EMBED_DEPTH`] deep and add up to at most
//! [`MAX_EMBED_BYTES`] of HTML. Each problem is an error at the embed that causes it,
//! so `check` reports what `build` would refuse.
//!
//! The unit is a fragment: a whole page, or the section under one of its headings. A
//! note that embeds a section of itself is no cycle, unless that section embeds the
//! note again.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use crate::diag::{Diagnostic, FileText, Severity};
use crate::model::page::{MAX_EMBED_BYTES, MAX_EMBED_DEPTH};
use crate::model::{LinkKind, Page, PageId, Target};

/// A whole page (`None`) or the section under a heading id.
type Fragment = (PageId, Option<String>);

/// Every embed that closes a cycle, nests too deep, or makes its page too big.
pub fn check(pages: &[Arc<Page>], targets: &[Arc<Vec<Target>>]) -> Vec<Diagnostic> {
    let mut graph = Graph { pages, targets, index: HashMap::new(), nodes: Vec::new() };
    for page in pages.iter().filter(|p| has_embeds(p)) {
        graph.node(&(page.id, None));
    }
    let cyclic = graph.cyclic_links();
    let mut out = Vec::new();
    let mut sizes: Vec<Option<Size>> = vec![None; graph.nodes.len()];
    for page in pages.iter().filter(|p| has_embeds(p)) {
        let file = FileText::new(&page.text);
        let error = |link: usize, message: String, hint: &str| {
            Diagnostic::in_file(Severity::Error, &page.file, &file, page.doc.links[link].offset, message)
                .with_hint(hint.to_string())
        };
        let me = graph.index[&(page.id, None)];
        let mut bytes = page.doc.html.len();
        let mut reported = false;
        for &(link, child) in &graph.nodes[me].edges {
            if cyclic.contains(&(page.id, link)) {
                let to = &pages[graph.nodes[child].fragment.0];
                out.push(error(
                    link,
                    format!("embed cycle: `{}` includes this page again", to.title),
                    "an embedded note may not (indirectly) embed the part of the page that embeds it",
                ));
                continue;
            }
            if reported {
                continue;
            }
            let size = graph.size(child, &cyclic, &mut sizes);
            bytes = bytes.saturating_add(size.bytes);
            if size.depth + 1 > MAX_EMBED_DEPTH {
                reported = true;
                out.push(error(
                    link,
                    format!("embeds nest more than {MAX_EMBED_DEPTH} deep from here"),
                    "an embed inside an embed inside an embed…: link to the deeper notes instead",
                ));
            } else if bytes > MAX_EMBED_BYTES {
                reported = true;
                out.push(error(
                    link,
                    format!(
                        "embedded text makes this page {:.1} MB, over the limit of {} MB",
                        bytes as f64 / 1e6,
                        MAX_EMBED_BYTES / 1_000_000
                    ),
                    "embed a section instead of a whole note, or link to it",
                ));
            }
        }
    }
    out
}

fn has_embeds(page: &Page) -> bool {
    page.doc.links.iter().any(|l| l.kind == LinkKind::Embed)
}

/// How much an expanded fragment weighs: bytes of HTML, and how deep its embeds nest.
#[derive(Clone, Copy, Debug, Default)]
struct Size {
    bytes: usize,
    depth: usize,
}

struct Node {
    fragment: Fragment,
    /// (link index in the fragment's page, embedded fragment's node).
    edges: Vec<(usize, usize)>,
}

/// The fragments reachable through embeds, and which embeds each holds.
struct Graph<'a> {
    pages: &'a [Arc<Page>],
    targets: &'a [Arc<Vec<Target>>],
    index: HashMap<Fragment, usize>,
    nodes: Vec<Node>,
}

impl Graph<'_> {
    /// The node of `fragment`, added with everything it embeds if new. Iterative, so a
    /// chain of thousands of embeds needs no deep stack.
    fn node(&mut self, fragment: &Fragment) -> usize {
        if let Some(&n) = self.index.get(fragment) {
            return n;
        }
        let first = self.add(fragment.clone());
        let mut todo = vec![first];
        while let Some(n) = todo.pop() {
            let (page, anchor) = self.nodes[n].fragment.clone();
            let doc = &self.pages[page].doc;
            let embeds: Vec<usize> = doc.embeds_in(doc.section(anchor.as_deref())).collect();
            for link in embeds {
                let Target::Page { page: to, anchor } = &self.targets[page][link] else { continue };
                let child = (*to, anchor.clone());
                let c = match self.index.get(&child) {
                    Some(&c) => c,
                    None => {
                        let c = self.add(child);
                        todo.push(c);
                        c
                    }
                };
                self.nodes[n].edges.push((link, c));
            }
        }
        first
    }

    fn add(&mut self, fragment: Fragment) -> usize {
        let n = self.nodes.len();
        self.index.insert(fragment.clone(), n);
        self.nodes.push(Node { fragment, edges: Vec::new() });
        n
    }

    /// The embeds (page, link) that lead back into their own strongly connected part
    /// of the graph: Tarjan's algorithm, iterative.
    fn cyclic_links(&self) -> BTreeSet<(PageId, usize)> {
        let n = self.nodes.len();
        let (mut index, mut low, mut on_stack) = (vec![usize::MAX; n], vec![0; n], vec![false; n]);
        let mut component = vec![usize::MAX; n];
        let (mut next, mut stack, mut components) = (0, Vec::new(), 0);
        for root in 0..n {
            if index[root] != usize::MAX {
                continue;
            }
            let mut call: Vec<(usize, usize)> = vec![(root, 0)];
            while let Some(&mut (v, ref mut edge)) = call.last_mut() {
                if *edge == 0 && index[v] == usize::MAX {
                    index[v] = next;
                    low[v] = next;
                    next += 1;
                    stack.push(v);
                    on_stack[v] = true;
                }
                if let Some(&(_, w)) = self.nodes[v].edges.get(*edge) {
                    *edge += 1;
                    if index[w] == usize::MAX {
                        call.push((w, 0));
                    } else if on_stack[w] {
                        low[v] = low[v].min(index[w]);
                    }
                    continue;
                }
                call.pop();
                if let Some(&(parent, _)) = call.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        component[w] = components;
                        if w == v {
                            break;
                        }
                    }
                    components += 1;
                }
            }
        }
        let mut out = BTreeSet::new();
        for (v, node) in self.nodes.iter().enumerate() {
            for &(link, w) in &node.edges {
                if component[v] == component[w] {
                    out.insert((node.fragment.0, link));
                }
            }
        }
        out
    }

    /// The expanded size of node `n`, cycles left out (they are errors of their own).
    fn size(&self, n: usize, cyclic: &BTreeSet<(PageId, usize)>, memo: &mut [Option<Size>]) -> Size {
        // Post-order without recursion: children first.
        let mut todo = vec![(n, false)];
        while let Some((v, expanded)) = todo.pop() {
            if memo[v].is_some() {
                continue;
            }
            let (page, anchor) = &self.nodes[v].fragment;
            let live = self.nodes[v].edges.iter().filter(|(link, _)| !cyclic.contains(&(*page, *link)));
            if !expanded {
                todo.push((v, true));
                todo.extend(live.filter(|(_, w)| memo[*w].is_none()).map(|&(_, w)| (w, false)));
                continue;
            }
            let mut size = Size { bytes: self.pages[*page].doc.section(anchor.as_deref()).len(), depth: 0 };
            for &(_, w) in live {
                let child = memo[w].unwrap_or_default();
                size.bytes = size.bytes.saturating_add(child.bytes);
                size.depth = size.depth.max(child.depth + 1);
            }
            memo[v] = Some(size);
        }
        memo[n].unwrap_or_default()
    }
}
