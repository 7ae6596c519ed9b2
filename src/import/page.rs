//! The source page an imported letter becomes: front matter with what the text shows,
//! YAML comments naming what it does not, and a body that holds no sentence of the
//! letter (the summary is the author's to write, in their own words).

use super::letter::{Letter, Pages};

/// The body's placeholder for the summary.
pub const PLACEHOLDER: &str = "Samenvatting in eigen woorden: nog te schrijven.";

/// What the page is made from besides the letter.
pub struct Context<'a> {
    /// The file the letter was read from (its name goes into a comment).
    pub file_name: &'a str,
    /// Whether the site has a home page to link to (a page that links nowhere is
    /// warned about).
    pub home: bool,
}

/// The text of `content/sources/<key>.md`.
pub fn render(letter: &Letter, context: &Context) -> String {
    let missing = letter.missing();
    let mut out = String::from("---\n");
    let line = |out: &mut String, text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    line(&mut out, format!("# Ingelezen uit {} met `dossier source import`.", one_line(context.file_name)));
    match &letter.title {
        Some(title) => line(&mut out, format!("title: {}", scalar(title))),
        None => {
            line(&mut out, "# De tekst noemt geen titel: vervang de voorlopige titel hieronder.".into());
            line(&mut out, format!("title: {}", scalar(&stand_in_title(letter))));
        }
    }
    line(&mut out, "type: kamerbrief".into());
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|f| f.dutch()).collect();
        line(&mut out, format!("# niet in de tekst: {}", names.join(", ")));
    }
    for note in &letter.notes {
        line(&mut out, format!("# let op: {}", one_line(note)));
    }
    if let Some(date) = letter.date {
        line(&mut out, format!("date: {date}"));
    }
    if let Some(author) = &letter.author {
        line(&mut out, format!("author: {}", scalar(author)));
    }
    if let Some(role) = &letter.role {
        line(&mut out, format!("role: {}", scalar(role)));
    }
    match (letter.kamerstuk(), &letter.paper) {
        (Some(k), _) => line(
            &mut out,
            format!(
                "kamerstuk: {{dossier: {}, nummer: {}, vergaderjaar: {}}}",
                quoted(&k.dossier),
                k.nummer,
                quoted(k.vergaderjaar.as_deref().unwrap_or_default())
            ),
        ),
        (None, Some(p)) => line(
            &mut out,
            format!("# kamerstuk: {}, nr. {} (het vergaderjaar staat niet in de tekst)", p.dossier, p.nummer),
        ),
        (None, None) => {}
    }
    if let Some(id) = &letter.document_id {
        line(&mut out, format!("document_id: {}", scalar(id)));
    }
    if let Some(pages) = letter.pages {
        if let Pages::LastFooter { page, more } = pages {
            let after = if more { "; daarna volgt nog tekst, dus het document is langer" } else { "" };
            line(&mut out, format!("# pages: de laatste paginavoet in de tekst sluit p. {page} af{after}."));
        }
        line(&mut out, format!("pages: {}", pages.value()));
    }
    if !letter.sections.is_empty() {
        line(&mut out, "# De koppen van de brief; notities citeren ze als [@sleutel, § Kop].".into());
        line(&mut out, "sections:".into());
        for section in &letter.sections {
            line(&mut out, format!("  - {}", scalar(section)));
        }
    }
    out.push_str("---\n\n");
    out.push_str(PLACEHOLDER);
    out.push('\n');
    if context.home {
        out.push_str("\nTerug naar de [startpagina](../index.md).\n");
    }
    out
}

/// A title for a letter that shows none, from what it does show: `Kamerstuk 25 424,
/// nr. 678`, else `Brief van de minister voor …`, else `Brief`.
fn stand_in_title(letter: &Letter) -> String {
    if let Some(p) = &letter.paper {
        return format!("Kamerstuk {}, nr. {}", p.dossier, p.nummer);
    }
    match &letter.role {
        Some(role) => {
            let mut chars = role.chars();
            let role: String = chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default();
            format!("Brief van de {role}")
        }
        None => "Brief".to_string(),
    }
}

/// A YAML scalar: plain when it is plainly text, else double-quoted (JSON's escapes
/// are YAML's).
fn scalar(s: &str) -> String {
    let plain = s.starts_with(|c: char| c.is_alphabetic())
        && s.chars().all(|c| c.is_alphanumeric() || c == ' ' || c == '-')
        && !s.ends_with(' ')
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "yes" | "no" | "true" | "false" | "on" | "off" | "null" | "y" | "n"
        );
    if plain {
        s.to_string()
    } else {
        quoted(s)
    }
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("a string serializes")
}

/// Text for a comment line: no line breaks.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::paper::Paper;

    fn context() -> Context<'static> {
        Context { file_name: "brief.txt", home: true }
    }

    #[test]
    fn scalars() {
        assert_eq!(scalar("Inleiding"), "Inleiding");
        assert_eq!(scalar("ANW- en crisisdiensten"), "ANW- en crisisdiensten");
        assert_eq!(scalar("Instroom beperken: de juiste plek"), "\"Instroom beperken: de juiste plek\"");
        assert_eq!(scalar("Ziekteverzuim en “no shows”"), "\"Ziekteverzuim en “no shows”\"");
        assert_eq!(scalar("2022"), "\"2022\"");
        assert_eq!(scalar("No"), "\"No\"");
        assert_eq!(scalar("een \"citaat\""), "\"een \\\"citaat\\\"\"");
    }

    #[test]
    fn a_page_names_what_is_missing() {
        let letter = Letter {
            paper: Some(Paper { dossier: "12 345".into(), nummer: 6 }),
            author: Some("A. Voorbeeld".into()),
            role: Some("Minister van Voorbeelden".into()),
            sections: vec!["Inleiding".into(), "Een kop: met dubbele punt".into()],
            headed: true,
            pages: Some(Pages::LastFooter { page: 3, more: true }),
            ..Letter::default()
        };
        let page = render(&letter, &context());
        assert!(page.contains("\ntitle: \"Kamerstuk 12 345, nr. 6\"\n"), "{page}");
        assert!(page.contains("\n# niet in de tekst: titel, datum, kamerstuk, documentnummer\n"), "{page}");
        assert!(page.contains("\n# kamerstuk: 12 345, nr. 6 (het vergaderjaar staat niet in de tekst)\n"), "{page}");
        assert!(page.contains("\npages: 3\n"), "{page}");
        assert!(page.contains("\nsections:\n  - Inleiding\n  - \"Een kop: met dubbele punt\"\n---\n"), "{page}");
        assert!(!page.contains("\ndate:"), "{page}");
        assert!(
            page.ends_with(&format!("---\n\n{PLACEHOLDER}\n\nTerug naar de [startpagina](../index.md).\n")),
            "{page}"
        );
    }
}
