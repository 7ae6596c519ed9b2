//! What the importer takes from a letter: the facts its own text shows about itself,
//! each from the place a letter states it (the letterhead, the printed edition's page
//! footers, the signature), and its headings. What the text does not show stays
//! `None` and is reported by [`Letter::missing`]; nothing is inferred from the
//! letter's contents (a date it mentions is not its date, a paper its footnotes cite
//! is not itself).

use crate::model::{Date, Kamerstuk};
use crate::text::fold;

use super::html::Html;
use super::layout::{Kind, Layout};
use super::paper::{self, Paper};
use super::{date, headings};

/// The section for the text before a letter's first heading (README, *Sources*).
pub const INTRODUCTION: &str = "Inleiding";

/// A front-matter field the importer fills in when the text shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Title,
    Date,
    Kamerstuk,
    DocumentId,
    Author,
    Role,
    Sections,
    Pages,
}

impl Field {
    /// The front-matter key.
    pub fn key(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Date => "date",
            Field::Kamerstuk => "kamerstuk",
            Field::DocumentId => "document_id",
            Field::Author => "author",
            Field::Role => "role",
            Field::Sections => "sections",
            Field::Pages => "pages",
        }
    }

    /// Its name in Dutch, for the comment in the written page.
    pub fn dutch(self) -> &'static str {
        match self {
            Field::Title => "titel",
            Field::Date => "datum",
            Field::Kamerstuk => "kamerstuk",
            Field::DocumentId => "documentnummer",
            Field::Author => "ondertekenaar",
            Field::Role => "functie",
            Field::Sections => "koppen",
            Field::Pages => "paginanummers",
        }
    }
}

/// What the text shows about the pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pages {
    /// A running header or footer gives the count (`Pagina 2 van 7`).
    Count(u32),
    /// The highest page a surviving footer closes, and whether text follows it (so
    /// that the document runs on past that page).
    LastFooter { page: u32, more: bool },
}

impl Pages {
    /// The number for `pages:`: every page up to it is shown to exist.
    pub fn value(self) -> u32 {
        match self {
            Pages::Count(n) | Pages::LastFooter { page: n, .. } => n,
        }
    }
}

/// The facts a letter's text shows about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Letter {
    pub title: Option<String>,
    pub date: Option<Date>,
    /// Dossier and number, when the letterhead or a footer gives them.
    pub paper: Option<Paper>,
    pub vergaderjaar: Option<String>,
    pub document_id: Option<String>,
    /// The signatory's name (several joined with `en`).
    pub author: Option<String>,
    /// The signatory's office, without its article: `Minister voor Langdurige Zorg en Sport`.
    pub role: Option<String>,
    /// The headings in order, with `Inleiding` first when text precedes the first one.
    pub sections: Vec<String>,
    /// Whether any heading was found (without one, `sections` is at most `Inleiding`).
    pub headed: bool,
    pub pages: Option<Pages>,
    /// What the importer noticed but could not settle (two different papers named).
    pub notes: Vec<String>,
}

impl Letter {
    /// Reads a letter from its plain text, or from an HTML page converted by `html`.
    pub fn read(text: &str, html: Option<&Html>) -> Letter {
        let layout = Layout::of(text);
        let mut letter = Letter::default();
        letter.letterhead(&layout);
        letter.paper_and_year(&layout);
        letter.signature(&layout);
        letter.pages = pages(&layout);
        let found = match html.filter(|h| !h.headings.is_empty()) {
            Some(h) => letter.marked_headings(&layout, h),
            None => headings::find(&layout).into_iter().map(|h| (h.line, h.text)).collect(),
        };
        letter.headed = !found.is_empty();
        let first_text = layout.body.clone().find(|&i| layout.kinds[i] == Kind::Text);
        let before_first = first_text.is_some_and(|t| found.first().is_none_or(|(line, _)| t < *line));
        if before_first && found.first().is_none_or(|(_, h)| fold(h) != fold(INTRODUCTION)) {
            letter.sections.push(INTRODUCTION.to_string());
        }
        letter.sections.extend(found.into_iter().map(|(_, h)| h));
        if letter.title.is_none() {
            letter.title = html.and_then(|h| h.title.clone());
        }
        letter
    }

    /// `kamerstuk:` when dossier, number and session year are all shown.
    pub fn kamerstuk(&self) -> Option<Kamerstuk> {
        let paper = self.paper.as_ref()?;
        Some(Kamerstuk {
            dossier: paper.dossier.clone(),
            nummer: paper.nummer,
            vergaderjaar: Some(self.vergaderjaar.clone()?),
        })
    }

    /// The fields the text does not show, in front-matter order.
    pub fn missing(&self) -> Vec<Field> {
        let shown = [
            (Field::Title, self.title.is_some()),
            (Field::Date, self.date.is_some()),
            (Field::Kamerstuk, self.kamerstuk().is_some()),
            (Field::DocumentId, self.document_id.is_some()),
            (Field::Author, self.author.is_some()),
            (Field::Role, self.role.is_some()),
            (Field::Sections, self.headed),
            (Field::Pages, self.pages.is_some()),
        ];
        shown.into_iter().filter(|(_, shown)| !shown).map(|(f, _)| f).collect()
    }

    /// Title, date and document number from the letterhead.
    fn letterhead(&mut self, layout: &Layout) {
        let lines: Vec<&str> = layout.header_lines().collect();
        self.title = lines
            .iter()
            .find_map(|l| subject(l))
            .or_else(|| lines.iter().find(|l| title_like(l)).map(|l| l.to_string()));
        self.date = lines.iter().find_map(|l| date::dateline(l)).or_else(|| {
            // A web page's metadata: `Nummer: 2025D15862, datum: 2025-04-09, …`.
            lines.iter().flat_map(|l| l.split(", ")).find_map(|field| {
                let value = field.trim().strip_prefix("datum:").or_else(|| field.trim().strip_prefix("Datum:"))?;
                date::parse(value.trim()).or_else(|| date::iso(value.trim()))
            })
        });
        self.document_id = lines.iter().find_map(|l| paper::document_number(l));
    }

    /// The paper and session year, from the letterhead and the page footers. Sources
    /// that disagree leave both out, with a note.
    fn paper_and_year(&mut self, layout: &Layout) {
        let header: Vec<&str> = layout.header_lines().collect();
        let mut papers = Vec::new();
        let mut years = Vec::new();
        for line in &header {
            if line.to_lowercase().contains("kamerstuk") {
                papers.extend(paper::find_paper(line).map(|(p, _)| p));
            }
            papers.extend(paper::publication_id(line));
            years.extend(paper::vergaderjaar(line));
        }
        let dossier = header.iter().find_map(|l| paper::dossier_line(l));
        let number = header.iter().find_map(|l| paper::number_line(l));
        if let (Some(dossier), Some(nummer)) = (dossier, number) {
            papers.push(Paper { dossier, nummer });
        }
        for (_, footer) in &layout.footers {
            papers.push(footer.paper.clone());
            years.push(footer.vergaderjaar.clone());
        }
        self.paper =
            agreed(papers, "Kamerstuk numbers", &mut self.notes, |p| format!("{}, nr. {}", p.dossier, p.nummer));
        self.vergaderjaar = agreed(years, "session years", &mut self.notes, Clone::clone);
    }

    /// Author and role from the signature.
    fn signature(&mut self, layout: &Layout) {
        if layout.signatories.is_empty() {
            return;
        }
        let names: Vec<&str> = layout.signatories.iter().map(|s| s.name.as_str()).collect();
        let roles: Vec<String> = layout.signatories.iter().map(|s| office(&s.role)).collect();
        self.author = Some(names.join(" en "));
        self.role = Some(roles.join(" en "));
    }

    /// The headings an HTML page marks, within the body; the first `<h1>`, when it
    /// comes before every other heading, is the title.
    fn marked_headings(&mut self, layout: &Layout, html: &Html) -> Vec<(usize, String)> {
        let mut marked = html.headings.as_slice();
        if let Some(&(line, 1)) = marked.first() {
            self.title = Some(layout.lines[line].trim().to_string());
            marked = &marked[1..];
        }
        marked
            .iter()
            .filter(|(line, _)| layout.body.contains(line))
            .map(|&(line, _)| (line, headings::strip_numbering(layout.lines[line].trim()).to_string()))
            .collect()
    }
}

/// The one value all sources agree on; none (and a note) when they differ.
fn agreed<T: PartialEq>(
    mut values: Vec<T>,
    what: &str,
    notes: &mut Vec<String>,
    show: impl Fn(&T) -> String,
) -> Option<T> {
    let first = values.first()?;
    if values.iter().all(|v| v == first) {
        return values.pop();
    }
    let mut shown: Vec<String> = values.iter().map(show).collect();
    shown.dedup();
    notes.push(format!("the text gives different {what} ({}); left out", shown.join("; ")));
    None
}

/// An office as a role: `De minister voor Langdurige Zorg en Sport` → `Minister voor
/// Langdurige Zorg en Sport` (as the bundled source pages write it).
fn office(written: &str) -> String {
    let rest = ["De ", "de ", "DE "].iter().find_map(|a| written.strip_prefix(a)).unwrap_or(written).trim();
    let mut chars = rest.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The subject line of a letterhead: `Betreft: …`, `Onderwerp …`.
fn subject(line: &str) -> Option<String> {
    let rest = ["Betreft", "Onderwerp"].iter().find_map(|p| line.strip_prefix(p))?;
    let rest = rest.trim_start_matches(':').trim();
    (!rest.is_empty() && line.len() > rest.len() + 6).then(|| rest.to_string())
}

/// Lines of a letterhead that are not its title: the printed edition's fixed lines, a
/// web page's metadata and links.
const NOT_TITLES: &[&str] = &[
    "Tweede Kamer",
    "Eerste Kamer",
    "Vergaderjaar",
    "Aan de ",
    "Geachte",
    "Onderdeel van",
    "Preview",
    "Directe link",
    "Gerelateerde",
    "Nummer",
    "Datum",
    "Kenmerk",
    "Uw kenmerk",
    "Bijlage",
];

/// The first letterhead line that reads as a title: words with lowercase letters, no
/// metadata (`Nummer: …`), no link list, no sentence.
fn title_like(line: &str) -> bool {
    let n = line.chars().count();
    (3..=200).contains(&n)
        && line.starts_with(char::is_uppercase)
        && line.chars().any(char::is_lowercase)
        && !line.contains(':')
        && !line.ends_with(['.', ',', ';'])
        && !NOT_TITLES.iter().any(|p| line.starts_with(p))
        && date::dateline(line).is_none()
        && paper::dossier_line(line).is_none()
        && paper::number_line(line).is_none()
}

/// `pages:` from a page count, or else from the surviving footers.
fn pages(layout: &Layout) -> Option<Pages> {
    if let Some(count) = layout.page_count {
        return Some(Pages::Count(count));
    }
    let (line, page) = layout.footers.iter().filter_map(|(line, f)| Some((*line, f.page?))).max_by_key(|&(_, p)| p)?;
    let more = (line + 1..layout.lines.len()).any(|i| layout.kinds[i] == Kind::Text);
    Some(Pages::LastFooter { page, more })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The printed edition's letterhead as a web page shows it, in made-up words.
    const PRINTED: &str = "\
[start] [zoeken]

Een actieplan voor betere voorbeelden

Brief regering

Nummer: 2030D12345, datum: 2030-03-01, bijgewerkt: 2030-03-02 10:00

Tweede Kamer der Staten-Generaal 2
Vergaderjaar 2029-2030

12 345 Voorbeeldbeleid

Nr. 67 BRIEF VAN DE MINISTER VAN VOORBEELDEN

Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 1 maart 2030

Een opening die voor de eerste kop staat en met een punt eindigt.

1. Eerste onderwerp

Tekst over het eerste onderwerp, zie Kamerstuk 99 999, nr. 1 en 2029D00001.

Tot slot

Slotwoorden.

De Minister van Voorbeelden,
A.B. Voorbeeld
";

    #[test]
    fn a_printed_letterhead() {
        let letter = Letter::read(PRINTED, None);
        assert_eq!(letter.title.as_deref(), Some("Een actieplan voor betere voorbeelden"));
        assert_eq!(letter.date.map(|d| d.to_string()).as_deref(), Some("2030-03-01"));
        assert_eq!(
            letter.kamerstuk(),
            Some(Kamerstuk { dossier: "12 345".into(), nummer: 67, vergaderjaar: Some("2029-2030".into()) })
        );
        assert_eq!(letter.document_id.as_deref(), Some("2030D12345"));
        assert_eq!(letter.author.as_deref(), Some("A.B. Voorbeeld"));
        assert_eq!(letter.role.as_deref(), Some("Minister van Voorbeelden"));
        assert_eq!(letter.sections, ["Inleiding", "Eerste onderwerp", "Tot slot"]);
        assert_eq!(letter.missing(), [Field::Pages]);
        assert!(letter.notes.is_empty(), "{:?}", letter.notes);
    }

    #[test]
    fn a_bare_letter_shows_little() {
        let text = "Een brief zonder briefhoofd die meteen begint, met een datum als 3 mei 2024 erin.\n\n\
                    Een kop\n\nTekst, met een verwijzing naar Kamerstuk 12 345, nr. 6.\n";
        let letter = Letter::read(text, None);
        assert_eq!(letter.date, None, "a date in the text is not the letter's date");
        assert_eq!(letter.paper, None, "a paper the text cites is not the letter itself");
        assert_eq!(letter.sections, ["Inleiding", "Een kop"]);
        let missing: Vec<&str> = letter.missing().iter().map(|f| f.key()).collect();
        assert_eq!(missing, ["title", "date", "kamerstuk", "document_id", "author", "role", "pages"]);
    }

    #[test]
    fn footers_give_the_paper_and_the_last_page() {
        let text = "Tekst.\n\nTweede Kamer, vergaderjaar 2023–2024, 12 345, nr. 6 3\n\n\n\nMeer tekst.\n";
        let letter = Letter::read(text, None);
        assert_eq!(letter.kamerstuk().map(|k| k.vergaderjaar), Some(Some("2023-2024".into())));
        assert_eq!(letter.pages, Some(Pages::LastFooter { page: 3, more: true }));
        let conflicting = format!("{text}Tweede Kamer, vergaderjaar 2023–2024, 12 345, nr. 7 4\n");
        let letter = Letter::read(&conflicting, None);
        assert_eq!(letter.paper, None);
        assert_eq!(letter.notes.len(), 1, "{:?}", letter.notes);
    }

    #[test]
    fn offices() {
        assert_eq!(office("De minister voor Langdurige Zorg en Sport"), "Minister voor Langdurige Zorg en Sport");
        assert_eq!(
            office("de staatssecretaris Jeugd, Preventie en Sport"),
            "Staatssecretaris Jeugd, Preventie en Sport"
        );
    }
}
