//! Commitments as readers see them: the overview (every motion, promise and request
//! with its status, due date, last mention and the letter it came from), and the lists
//! on topic and source pages. The data is `model::commitment`; exports are in
//! `render::exports`.

use serde::Serialize;

use crate::model::commitment::Commitment;
use crate::model::{relative_url, PageId, Site};

/// A page a commitment refers to (a topic, a letter), as seen from `at`.
#[derive(Serialize)]
pub struct PageRef {
    pub title: String,
    pub url: String,
    /// The source's key, for letters.
    pub key: Option<String>,
    /// The letter's date (EDTF), for letters.
    pub date: Option<String>,
}

/// One commitment, ready for a template.
#[derive(Serialize)]
pub struct Row {
    pub title: String,
    pub url: String,
    /// `motion`, `commitment`, `request`.
    pub kind: &'static str,
    /// `open`, `in-progress`, `done`, `dropped`, `unknown`.
    pub status: &'static str,
    pub date: Option<String>,
    pub due: Option<String>,
    pub overdue: bool,
    /// The day "overdue" was judged on, `YYYY-MM-DD`.
    pub as_of: String,
    pub submitters: Vec<String>,
    /// `Kamerstuk 25 424, nr. 514` and its official address.
    pub kamerstuk: Option<String>,
    pub kamerstuk_url: Option<String>,
    /// The letter it came from, and the letters that first and last mention it.
    pub origin: Option<PageRef>,
    pub first: Option<PageRef>,
    pub last: Option<PageRef>,
    pub topics: Vec<PageRef>,
    /// Every letter cited on the page, in date order.
    pub sources: Vec<PageRef>,
}

fn page_ref(site: &Site, at: &str, p: PageId) -> PageRef {
    let page = &site.pages[p];
    PageRef {
        title: page.title.clone(),
        url: relative_url(at, &page.url),
        key: page.key.clone(),
        date: page.meta.date.map(|d| d.to_string()),
    }
}

pub fn row(site: &Site, at: &str, c: &Commitment) -> Row {
    let page = &site.pages[c.page];
    let (y, m, d) = site.today;
    Row {
        as_of: format!("{y:04}-{m:02}-{d:02}"),
        title: page.title.clone(),
        url: relative_url(at, &page.url),
        kind: c.kind.name(),
        status: c.status.name(),
        date: c.date.map(|d| d.to_string()),
        due: c.due.map(|d| d.to_string()),
        overdue: c.overdue,
        submitters: page.meta.submitters.clone(),
        kamerstuk: page.meta.kamerstuk.as_ref().map(crate::render::sources::official_citation),
        kamerstuk_url: page.meta.kamerstuk.as_ref().map(crate::render::sources::official_url),
        origin: c.origin().map(|p| page_ref(site, at, p)),
        first: c.first.map(|m| page_ref(site, at, m.source)),
        last: c.last.map(|m| page_ref(site, at, m.source)),
        topics: c.topics.iter().map(|&t| page_ref(site, at, t)).collect(),
        sources: c.sources.iter().map(|&s| page_ref(site, at, s)).collect(),
    }
}

/// The overview: commitments in the order the letters raised them (undated last),
/// and the choices its filters offer.
#[derive(Serialize)]
pub struct Overview {
    pub rows: Vec<Row>,
    pub topics: Vec<PageRef>,
    pub letters: Vec<PageRef>,
    pub overdue: usize,
    /// The day "overdue" was judged on, `YYYY-MM-DD`.
    pub as_of: String,
}

pub fn overview(site: &Site, at: &str) -> Overview {
    let mut list: Vec<&Commitment> = site.commitments.iter().collect();
    list.sort_by(|a, b| {
        let key =
            |c: &Commitment| (c.first.is_none(), c.first.map(|m| m.date.sort_key()), c.date.map(|d| d.sort_key()));
        key(a).cmp(&key(b)).then_with(|| crate::text::natural_cmp(&site.pages[a.page].title, &site.pages[b.page].title))
    });
    let mut topics: Vec<PageId> = list.iter().flat_map(|c| c.topics.iter().copied()).collect();
    topics.sort_by(|a, b| crate::text::natural_cmp(&site.pages[*a].title, &site.pages[*b].title));
    topics.dedup();
    let mut letters: Vec<PageId> = list.iter().flat_map(|c| c.sources.iter().copied()).collect();
    let date = |p: &PageId| site.pages[*p].meta.date;
    letters.sort_by_key(|p| (date(p).is_none(), date(p).map(|d| d.sort_key()), *p));
    letters.dedup();
    let (y, m, d) = site.today;
    Overview {
        as_of: format!("{y:04}-{m:02}-{d:02}"),
        overdue: list.iter().filter(|c| c.overdue).count(),
        rows: list.into_iter().map(|c| row(site, at, c)).collect(),
        topics: topics.into_iter().map(|p| page_ref(site, at, p)).collect(),
        letters: letters.into_iter().map(|p| page_ref(site, at, p)).collect(),
    }
}

/// The commitments on topic `page`, for its own page.
pub fn on_topic(site: &Site, at: &str, page: PageId) -> Vec<Row> {
    site.commitments.iter().filter(|c| c.topics.contains(&page)).map(|c| row(site, at, c)).collect()
}

/// For source `page`: the commitments it first raised, and those it reports on later.
pub fn on_source(site: &Site, at: &str, page: PageId) -> (Vec<Row>, Vec<Row>) {
    let mut raised = Vec::new();
    let mut reports = Vec::new();
    for c in site.commitments.iter().filter(|c| c.sources.contains(&page)) {
        if c.origin() == Some(page) {
            raised.push(row(site, at, c));
        } else {
            reports.push(row(site, at, c));
        }
    }
    (raised, reports)
}
