//! Commitments: checks a commitment page's front matter (status, due date, topics) and
//! derives what the letters say about it: when they first and last mention it, and
//! whether it is overdue. See `model::commitment`.

use crate::diag::Diagnostic;
use crate::model::commitment::{Commitment, Kind, Mention, Status, STATUS_NAMES};
use crate::model::date::Day;
use crate::model::frontmatter::Loose;
use crate::model::{Date, LinkKind, Page, PageId, PageKind, Target};
use std::sync::Arc;

/// What deriving commitments reads of the resolved site.
pub struct Input<'a> {
    pub pages: &'a [Arc<Page>],
    pub targets: &'a [std::sync::Arc<Vec<Target>>],
    pub sources: &'a std::collections::BTreeMap<String, PageId>,
    pub today: Day,
}

/// Every commitment page, in page order, with what is derived; problems with their
/// front matter go to `diagnostics` (errors at the key's line and column).
pub fn derive(input: &Input, diagnostics: &mut Vec<Diagnostic>) -> Vec<Commitment> {
    input
        .pages
        .iter()
        .filter(|p| p.kind == PageKind::Note)
        .filter_map(|page| Some((page, page.meta.kind.as_deref().and_then(Kind::parse)?)))
        .map(|(page, kind)| one(input, page, kind, diagnostics))
        .collect()
}

fn one(input: &Input, page: &Page, kind: Kind, diagnostics: &mut Vec<Diagnostic>) -> Commitment {
    let meta = &page.meta;
    // The value after `key:`, where the key is written (else the key, else the top).
    let at = |key: &str| {
        let Some(k) = meta.positions.key(key) else { return 0 };
        let line = &page.text[k..page.text[k..].find('\n').map_or(page.text.len(), |e| k + e)];
        match line.find(':') {
            Some(colon) => k + colon + 1 + (line[colon + 1..].len() - line[colon + 1..].trim_start().len()),
            None => k,
        }
    };
    let error = |key: &str, message: String| Diagnostic::error_at(&page.file, &page.text, at(key), message);

    let status = match &meta.status {
        None => {
            diagnostics.push(
                Diagnostic::warning_at(&page.file, &page.text, at("type"), "commitment has no `status`")
                    .with_hint("add status: open, in-progress, done, dropped or unknown"),
            );
            Status::Unknown
        }
        Some(Loose::Text(text)) => Status::parse(text).unwrap_or_else(|| {
            diagnostics.push(error("status", format!("unknown status `{text}`")).with_hint(status_hint()));
            Status::Unknown
        }),
        Some(Loose::NotText) => {
            diagnostics.push(error("status", "`status` is not one word".into()).with_hint(status_hint()));
            Status::Unknown
        }
    };

    let due = match &meta.due {
        None => None,
        Some(Loose::Text(text)) => Date::parse(text).or_else(|| {
            diagnostics.push(error("due", format!("invalid date `{text}`: {}", crate::model::date::EXPECTED)));
            None
        }),
        Some(Loose::NotText) => {
            diagnostics.push(error("due", "`due` is not a date".into()).with_hint("e.g. due: 2026-06"));
            None
        }
    };
    if let (Some(due_by), Some(made), Some(d), Some(m)) =
        (due.and_then(|d| d.latest()), meta.date.and_then(|d| d.earliest()), due, meta.date)
    {
        if due_by < made {
            diagnostics.push(error("due", format!("`due` {d} is before `date` {m}")));
        }
    }

    let mut topics = Vec::new();
    for (i, (link, target)) in page.doc.links.iter().zip(input.targets[page.id].iter()).enumerate() {
        if link.kind != LinkKind::Topic {
            continue;
        }
        match target {
            Target::Page { page: p, .. } if input.pages[*p].kind != PageKind::Source => {
                if !topics.contains(p) {
                    topics.push(*p);
                }
            }
            // Reported by link resolution.
            Target::Broken(_) | Target::Hidden => {}
            _ => diagnostics.push(
                Diagnostic::error_at(
                    &page.file,
                    &page.text,
                    page.doc.links[i].offset,
                    format!("topic `{}` is not a note", link.target),
                )
                .with_hint("a topic is a note of the site, as in [[wikilinks]]"),
            ),
        }
    }

    let mut sources: Vec<PageId> = Vec::new();
    for item in page.doc.citations.iter().flat_map(|c| &c.items) {
        if let Some(&s) = input.sources.get(&item.key) {
            if !sources.contains(&s) {
                sources.push(s);
            }
        }
    }
    let date_of = |s: PageId| input.pages[s].meta.date;
    sources.sort_by_key(|&s| (date_of(s).is_none(), date_of(s).map(|d| d.sort_key()), s));
    let dated: Vec<Mention> = sources.iter().filter_map(|&s| Some(Mention { source: s, date: date_of(s)? })).collect();
    let (first, last) = (dated.first().copied(), dated.last().copied());

    Commitment {
        page: page.id,
        kind,
        status,
        date: meta.date,
        due,
        topics,
        sources,
        first,
        last,
        overdue: Commitment::is_overdue(status, due, last, input.today),
    }
}

fn status_hint() -> String {
    let names: Vec<&str> = STATUS_NAMES.iter().map(|(n, _)| *n).collect();
    format!("status is one of: {}", names.join(", "))
}
