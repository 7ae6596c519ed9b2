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
    converter()?.convert_with_local_state(tex.trim(), mode).ok().map(|r| r.mathml)
}

#[cfg(test)]
mod tests {
    #[test]
    fn tex_becomes_mathml() {
        let html = super::render(r"\frac{a}{b} + x^2", false).unwrap();
        assert!(html.starts_with("<math") && html.contains("<mfrac>") && html.contains("<msup>"), "{html}");
        assert!(super::render(r"\frac{a}{", true).is_none());
    }
}
