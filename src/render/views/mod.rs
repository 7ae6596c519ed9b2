//! The generated pages: the views no general-purpose generator gives a policy team (a
//! timeline of the sources and dated notes, a coverage matrix of topics × sources, the
//! graph), the list pages, the home page of a site without one, the missing pages and
//! the 404 page. Each is rendered from the resolved site; the interactive parts are the
//! theme's JavaScript, and every view is readable without it.

mod changes;
mod commitments;
mod coverage;
mod graph;
mod home;
pub mod print;
mod timeline;

pub use changes::{changes, recent, ChangeEntry, RECENT};
pub use commitments::{on_source, on_topic, overview, row as commitments_row, Overview, Row as CommitmentRow};
pub use coverage::{coverage, Coverage};
pub use graph::graph_view;
pub use home::{home, missing, Home, Missing};
pub use timeline::{timeline, TimelineEntry};

use crate::model::Site;

/// The generated pages beside the notes. A new view is one variant here (its name,
/// and its context in [`View::context`]), a template `<name>.html` in the theme, and its
/// title under `<name>` in the theme's strings; the compiler lists what else to decide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Timeline,
    Coverage,
    /// The overview of motions, promises and requests (sites that have them).
    Commitments,
    Graph,
    /// Recent changes: the pages that changed last.
    Changes,
    /// A folder's index, a tag's page or the tag index: the layout's list `i`.
    List(usize),
    /// Served for every missing path.
    NotFound,
    /// The home page of a site without `content/index.md`.
    Home,
    /// What links want that the site does not have (Obsidian's "unresolved links").
    Missing,
    /// A print view: the layout's print set `i` (the whole dossier or one folder).
    Print(usize),
}

impl View {
    /// Every view with a page of its own, in the order the sidebar and footer list them.
    pub const PAGES: [View; 5] = [View::Timeline, View::Coverage, View::Commitments, View::Graph, View::Changes];

    /// The views `site` has a page for: the overview of commitments only where there are some.
    pub fn pages(site: &Site) -> impl Iterator<Item = View> + '_ {
        View::PAGES.into_iter().filter(|v| *v != View::Commitments || !site.commitments.is_empty())
    }

    /// The view's name: its template is `<name>.html`, its title the string `<name>`.
    pub fn name(self) -> &'static str {
        match self {
            View::Timeline => "timeline",
            View::Coverage => "coverage",
            View::Commitments => "commitments",
            View::Graph => "graph",
            View::Changes => "changes",
            View::List(_) => "list",
            View::NotFound => "404",
            View::Home => "home",
            View::Missing => "missing",
            View::Print(_) => "print",
        }
    }

    /// Output path, for the views with a fixed one.
    pub fn path(self) -> Option<String> {
        match self {
            View::List(_) | View::Print(_) => None,
            View::NotFound => Some("404.html".into()),
            View::Home => Some("index.html".into()),
            v => Some(format!("{}.html", v.name())),
        }
    }

    pub fn template(self) -> String {
        format!("{}.html", self.name())
    }

    /// What the view's template gets beside the base context, seen from `at`.
    pub fn context(self, site: &Site, at: &str) -> Option<(&'static str, serde_json::Value)> {
        let value = match self {
            View::Timeline => serde_json::to_value(timeline(site, at)),
            View::Coverage => serde_json::to_value(coverage(site, at)),
            View::Commitments => serde_json::to_value(overview(site, at)),
            View::Graph => serde_json::to_value(graph_view(site, at)),
            View::Changes => serde_json::to_value(changes(site, at)),
            View::Missing => serde_json::to_value(missing(site, at)),
            View::List(_) | View::NotFound | View::Home | View::Print(_) => return None,
        };
        Some((self.name(), value.unwrap_or_default()))
    }
}
