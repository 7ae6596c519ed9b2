//! Where in a source a citation points: `p. 4`, `pp. 4–6`, `§ Kop`, or anything else as
//! written. Parsed once, when the citation is read; every later stage reads the type.

/// A citation's locator.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Locator {
    /// `p. 4`, `pp. 4-6`, `blz. 4`.
    Pages { first: u32, last: u32 },
    /// `§ Kop`: a heading of the source, as written (quotes included).
    Section(String),
    /// Anything else, shown as written.
    Other(String),
}

impl Locator {
    pub fn parse(raw: &str) -> Locator {
        let raw = raw.trim();
        if let Some(section) = raw.strip_prefix('§') {
            return Locator::Section(section.trim().to_string());
        }
        for prefix in ["pp.", "p.", "blz.", "pag."] {
            if let Some(rest) = raw.strip_prefix(prefix) {
                let mut parts = rest.split(['-', '–']).map(str::trim);
                let first = parts.next().and_then(|p| p.parse().ok());
                let last = parts.next().map(|p| p.parse().ok());
                return match (first, last, parts.next()) {
                    (Some(first), None, None) => Locator::Pages { first, last: first },
                    (Some(first), Some(Some(last)), None) if last >= first => Locator::Pages { first, last },
                    _ => Locator::Other(raw.to_string()),
                };
            }
        }
        Locator::Other(raw.to_string())
    }

    /// The section name without the quotation marks a long heading may be wrapped in.
    pub fn section(&self) -> Option<&str> {
        match self {
            Locator::Section(s) => Some(unquote(s)),
            _ => None,
        }
    }
}

/// `“Financiële positie”` → `Financiële positie`.
pub fn unquote(s: &str) -> &str {
    s.trim().trim_matches(['“', '”', '"', '‘', '’', '\'', '«', '»']).trim()
}

impl std::fmt::Display for Locator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Locator::Pages { first, last } if first == last => write!(f, "p. {first}"),
            Locator::Pages { first, last } => write!(f, "pp. {first}–{last}"),
            Locator::Section(s) => write!(f, "§ {s}"),
            Locator::Other(s) => f.write_str(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locators() {
        assert_eq!(Locator::parse("p. 4"), Locator::Pages { first: 4, last: 4 });
        assert_eq!(Locator::parse("pp. 2-3"), Locator::Pages { first: 2, last: 3 });
        assert_eq!(Locator::parse("p. 4–6"), Locator::Pages { first: 4, last: 6 });
        assert_eq!(Locator::parse("p. 6-4"), Locator::Other("p. 6-4".into()));
        assert_eq!(Locator::parse("bijlage 2"), Locator::Other("bijlage 2".into()));
        assert_eq!(Locator::parse(" §Kop ").to_string(), "§ Kop");
        assert_eq!(Locator::parse("§ “Lang kopje”").section(), Some("Lang kopje"));
    }
}
