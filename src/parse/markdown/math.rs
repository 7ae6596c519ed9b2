//! Maths, `$…$` and `$$…$$`, as MathML made at build time (math-core): browsers draw
//! it without a script, and a page opened from disk shows it too.

use std::sync::OnceLock;

use math_core::{LatexToMathML, MathCoreConfig, MathDisplay};

fn converter() -> Option<&'static LatexToMathML> {
    static CONVERTER: OnceLock<Option<LatexToMathML>> = OnceLock::new();
    CONVERTER.get_or_init(|| LatexToMathML::new(MathCoreConfig::default()).ok()).as_ref()
}

/// The MathML for `tex`, or `None` if it is not TeX that math-core reads.
pub fn render(tex: &str, display: bool) -> Option<String> {
    let mode = if display { MathDisplay::Block } else { MathDisplay::Inline };
    converter()?.convert_with_local_state(tex.trim(), mode).ok().map(|r| valid_html(&r.mathml))
}

/// MathML as HTML allows it. math-core writes `scriptlevel` on `<mtable>` (fine in
/// MathML Core, where it is global), but HTML's MathML, and so the Nu HTML Checker, allows
/// it only on `<mstyle>`: the table goes inside an `<mstyle>` that carries it, which
/// browsers draw the same.
fn valid_html(mathml: &str) -> String {
    if !mathml.contains("<mtable") {
        return mathml.to_string();
    }
    let mut out = String::with_capacity(mathml.len() + 64);
    // For each open `<mtable>`: whether it was wrapped.
    let mut open: Vec<bool> = Vec::new();
    let mut rest = mathml;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = &rest[..end];
        rest = &rest[end..];
        if tag.starts_with("<mtable") && tag[7..].starts_with([' ', '>']) {
            match scriptlevel(tag) {
                Some((attr, value)) => {
                    out.push_str(&format!("<mstyle scriptlevel=\"{value}\">"));
                    out.push_str(&tag.replacen(attr, "", 1));
                    open.push(true);
                }
                None => {
                    out.push_str(tag);
                    open.push(false);
                }
            }
        } else if tag == "</mtable>" {
            out.push_str(tag);
            if open.pop() == Some(true) {
                out.push_str("</mstyle>");
            }
        } else {
            out.push_str(tag);
        }
    }
    out.push_str(rest);
    out
}

/// The ` scriptlevel="…"` attribute of a tag, as written, and its value.
fn scriptlevel(tag: &str) -> Option<(&str, &str)> {
    let start = tag.find(" scriptlevel=\"")?;
    let value_start = start + " scriptlevel=\"".len();
    let value_end = value_start + tag[value_start..].find('"')?;
    Some((&tag[start..=value_end], &tag[value_start..value_end]))
}

#[cfg(test)]
mod tests {
    #[test]
    fn tex_becomes_mathml() {
        let html = super::render(r"\frac{a}{b} + x^2", false).unwrap();
        assert!(html.starts_with("<math") && html.contains("<mfrac>") && html.contains("<msup>"), "{html}");
        assert!(super::render(r"\frac{a}{", true).is_none());
    }

    #[test]
    fn tables_take_their_scriptlevel_from_an_mstyle() {
        let html =
            super::render(r"x = \begin{cases} 1 & a \\ \begin{matrix} 2 \end{matrix} & b \end{cases}", false).unwrap();
        assert!(!html.contains("<mtable displaystyle=\"false\" scriptlevel"), "{html}");
        assert_eq!(html.matches("<mstyle").count(), html.matches("</mstyle>").count(), "{html}");
        assert_eq!(html.matches("<mtable").count(), html.matches("</mtable>").count(), "{html}");
        let wrapped = super::valid_html(
            r#"<math><mtable scriptlevel="1"><mtr><mtd><mtable><mtr/></mtable></mtd></mtr></mtable></math>"#,
        );
        assert_eq!(
            wrapped,
            r#"<math><mstyle scriptlevel="1"><mtable><mtr><mtd><mtable><mtr/></mtable></mtd></mtr></mtable></mstyle></math>"#
        );
    }
}
