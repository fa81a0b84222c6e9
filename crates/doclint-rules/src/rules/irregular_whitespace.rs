use doclint_core::{
    is_irregular_space, Diagnostic, Document, DocumentKind, Edit, Fix, Token, TokenKind,
};

use super::space_inside_brackets::is_space_inside_brackets;
use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags no-break spaces, zero-width spaces, ideographic spaces and the
    /// other Unicode space characters pasted into running text
    /// ("Dalian\u00a0and").
    ///
    /// ## Why is this bad?
    /// They look like ordinary spaces but are not: they stop line wrapping,
    /// break search and word counts, and show up as stray characters in
    /// plain-text feeds. In machine-translated pages they are almost always
    /// left over from the source page's markup.
    ///
    /// ## Example
    /// ```text
    /// Secretary of CPC Group of the People's Government of Dalian␣ and mayor
    /// ```
    /// (where ␣ is U+00A0 NO-BREAK SPACE). Use instead an ordinary space.
    ///
    /// ## Fix safety
    /// In Markdown, no-break spaces in table rows (they keep a cell from
    /// wrapping) and next to markup (inline code, HTML, images) are layout
    /// and are not flagged.
    ///
    /// Safe: the run of spaces becomes one ordinary space (a pair "\u00a0 "
    /// becomes one space); a run of only zero-width characters is removed.
    /// A single no-break space is deliberate typography and is not flagged
    /// next to a number ("10\u00a0km", "8\u00a0pm", "page\u00a012"), after a
    /// short abbreviation, an honorific or an initial ("Mr.\u00a0Li",
    /// "Mr\u00a0Li", "J.\u00a0Smith"), around an ampersand inside a name
    /// ("Procter\u00a0&\u00a0Gamble"), before a dash in European style ("the
    /// plan\u00a0– and") or after a list bullet at a line's start
    /// ("•\u00a0item"). No-break spaces between ordinary words ("deputy\u00a0
    /// mayor", "Provincial\u00a0Party"), pairs with an ordinary space, and
    /// runs are always flagged; nor are zero-width joiners inside emoji or
    /// non-Latin scripts. Spaces at a line's start or end are left to
    /// `leading-whitespace` and `trailing-whitespace`, and spaces just
    /// inside brackets or quotation marks ("(\u00a0CPPCC)") to
    /// `space-inside-brackets`, which removes them.
    pub struct IrregularWhitespace {
        id: "irregular-whitespace",
        category: Whitespace,
        severity: Warning,
        fix: Always,
    }
}

fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

fn name(c: char) -> &'static str {
    match c {
        '\u{00A0}' => "no-break space (U+00A0)",
        '\u{202F}' => "narrow no-break space (U+202F)",
        '\u{200B}' => "zero-width space (U+200B)",
        '\u{200C}' => "zero-width non-joiner (U+200C)",
        '\u{200D}' => "zero-width joiner (U+200D)",
        '\u{2060}' => "word joiner (U+2060)",
        '\u{FEFF}' => "zero-width no-break space (U+FEFF)",
        '\u{3000}' => "ideographic space (U+3000)",
        '\u{2000}'..='\u{200A}' => "typographic space",
        _ => "irregular space",
    }
}

/// Deliberate no-break spaces: next to a number, after an abbreviation,
/// an honorific, an initial or a list bullet, around an ampersand inside a
/// name, or before a dash.
fn is_deliberate(doc: &Document, tokens: &[Token], i: usize, run: &str) -> bool {
    let mut chars = run.chars();
    let single = matches!(
        (chars.next(), chars.next()),
        (Some('\u{00A0}' | '\u{202F}'), None)
    );
    if !single {
        return false;
    }
    let prev = i.checked_sub(1).map(|p| tokens[p]);
    let next = tokens.get(i + 1);
    if prev.is_some_and(|t| t.kind == TokenKind::Number)
        || next.is_some_and(|t| t.kind == TokenKind::Number)
    {
        return true;
    }
    let prev_text = prev.map_or("", |t| doc.slice(t.span));
    let next_text = next.map_or("", |t| doc.slice(t.span));
    // "Procter\u{a0}&\u{a0}Gamble", "the plan\u{a0}– and", "§\u{a0}5".
    if matches!(prev_text, "&" | "§" | "¶") || matches!(next_text, "&" | "–" | "—") {
        return true;
    }
    // A list bullet at the start of its line: "•\u{a0}item".
    let bullet = matches!(prev_text, "•" | "·" | "‣" | "▪" | "◦" | "-" | "*" | "–");
    let line_start = i < 2 || tokens[i - 2].kind == TokenKind::Newline;
    if bullet && line_start {
        return true;
    }
    // "Mr\u{a0}Li" (British style, no stop).
    if prev.is_some_and(|t| t.is_word()) && is_honorific(prev_text) {
        return true;
    }
    // "Mr.\u{a0}Li", "p.\u{a0}5", "J.\u{a0}K. Rowling"
    if prev_text == "." && i >= 2 {
        let word = tokens[i - 2];
        let text = doc.slice(word.span);
        let initial = text.chars().count() == 1 && text.chars().all(char::is_uppercase);
        if word.is_word() && word.span.len() <= 4 && (doc_abbrev(text) || initial) {
            return true;
        }
    }
    false
}

/// Whether a Markdown space run is layout rather than text: in a table row
/// a no-break space keeps a cell from wrapping, and next to markup (inline
/// code, HTML, an image) it spaces the markup, not two words.
fn is_markdown_layout(doc: &Document, tokens: &[Token], i: usize) -> bool {
    let markup = |t: Option<&Token>| t.is_some_and(|t| t.kind == TokenKind::Code);
    if markup(i.checked_sub(1).map(|p| &tokens[p])) || markup(tokens.get(i + 1)) {
        return true;
    }
    let line = doc.lines()[doc.line_of(tokens[i].span.start())];
    doc.slice(line.span).trim_start().starts_with('|')
}

fn is_honorific(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs" | "Ms" | "Mx" | "Dr" | "Prof" | "St" | "Sir" | "Dame" | "Lord" | "Lady"
    )
}

fn doc_abbrev(word: &str) -> bool {
    doclint_core::SENTENCE_ABBREVIATIONS.contains(&word)
        || matches!(word, "p" | "pp" | "ch" | "sec")
}

impl Rule for IrregularWhitespace {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        let tokens = doc.tokens();
        for (i, token) in tokens.iter().enumerate() {
            if token.kind != TokenKind::Space {
                continue;
            }
            let run = doc.slice(token.span);
            let Some(odd) = run.chars().find(|&c| is_irregular_space(c)) else {
                continue;
            };
            let at_line_start = i == 0 || tokens[i - 1].kind == TokenKind::Newline;
            let at_line_end = tokens
                .get(i + 1)
                .is_none_or(|t| t.kind == TokenKind::Newline);
            if at_line_start || at_line_end || is_deliberate(doc, tokens, i, run) {
                continue;
            }
            // Just inside a pair the space should go, not become ordinary.
            if is_space_inside_brackets(doc, i) {
                continue;
            }
            if doc.kind() == DocumentKind::Markdown && is_markdown_layout(doc, tokens, i) {
                continue;
            }
            let only_zero_width = run.chars().all(is_zero_width);
            if only_zero_width {
                // Joiners shape emoji and non-Latin scripts.
                let latin = |t: Option<&Token>| {
                    t.is_some_and(|t| t.is_word() && doc.slice(t.span).is_ascii())
                };
                if run.chars().any(|c| c == '\u{200C}' || c == '\u{200D}')
                    && !(latin(i.checked_sub(1).map(|p| &tokens[p])) && latin(tokens.get(i + 1)))
                {
                    continue;
                }
            }
            let replacement = if only_zero_width { "" } else { " " };
            let title = if only_zero_width {
                "Remove the invisible character"
            } else {
                "Replace with one ordinary space"
            };
            out.push(
                Self::META
                    .diagnostic(token.span, format!("{} in running text", name(odd)))
                    .with_help(if only_zero_width {
                        "remove the invisible character"
                    } else {
                        "use one ordinary space"
                    })
                    .with_fix(Fix::safe(
                        title,
                        vec![Edit::replace(token.span, replacement)],
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn flags_pasted_no_break_spaces() {
        let text = "Government of Dalian\u{a0} and mayor, while deputy\u{a0}mayor attended.";
        assert_eq!(
            flagged(&IrregularWhitespace, text),
            vec!["\u{a0} ", "\u{a0}"]
        );
    }

    #[test]
    fn flags_zero_width_and_ideographic_spaces() {
        assert_lint_count(&IrregularWhitespace, "a\u{200b}b and c\u{3000}d", 2);
    }

    #[test]
    fn deliberate_no_break_spaces_are_quiet() {
        assert_no_lints(
            &IrregularWhitespace,
            "It is 10\u{a0}km away, see page\u{a0}12 and §\u{a0}5; Mr.\u{a0}Li agreed.",
        );
    }

    #[test]
    fn typographic_no_break_spaces_are_quiet() {
        assert_no_lints(
            &IrregularWhitespace,
            "The shop opens at 8\u{a0}pm, sells Procter\u{a0}&\u{a0}Gamble soap and \
             keeps the plan\u{a0}– and the budget\u{a0}— secret. Mr\u{a0}Brown and \
             J.\u{a0}Smith agreed.\n•\u{a0}first item\n-\u{a0}second item\n",
        );
    }

    #[test]
    fn no_break_spaces_between_ordinary_words_near_those_still_fire() {
        // The same marks, but the space sits between ordinary words.
        assert_eq!(
            flagged(
                &IrregularWhitespace,
                "Procter &\u{a0} Gamble rose, the plan\u{a0}and the budget \u{2013} fell; \
                 Mr Brown\u{a0}agreed and the\u{a0}Provincial\u{a0}Party met.\nA\u{a0}- b\n",
            ),
            vec!["\u{a0} ", "\u{a0}", "\u{a0}", "\u{a0}", "\u{a0}", "\u{a0}"]
        );
    }

    #[test]
    fn emoji_joiners_are_quiet() {
        assert_no_lints(
            &IrregularWhitespace,
            "A family 👨\u{200d}👩\u{200d}👧 here.",
        );
    }

    #[test]
    fn line_edges_belong_to_other_rules() {
        assert_no_lints(&IrregularWhitespace, "\u{a0} Start.\u{a0}\nEnd.\u{a0}");
    }

    #[test]
    fn spaces_inside_brackets_belong_to_their_rule() {
        assert_no_lints(
            &IrregularWhitespace,
            "the Conference (\u{a0}CPPCC) and “people\u{a0}”.",
        );
        assert_lint_count(&IrregularWhitespace, "the Conference\u{a0}(CPPCC)", 1);
    }

    #[test]
    fn markdown_tables_and_markup_spacing_are_quiet() {
        let text = "| Dragonfly\u{a0}BSD | `x` |\n|---|---|\n\n- `String` |\u{a0}`Buffer`\n\nThe\u{a0}plan `x`\u{a0}works.\n";
        let found = lint_markdown(&IrregularWhitespace, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].span.start(), text.find("The").unwrap_or(0) + 3);
    }

    #[test]
    fn fix_makes_one_ordinary_space() {
        assert_safe_fix(
            &IrregularWhitespace,
            "Dalian\u{a0} and a\u{200b}b.",
            "Dalian and ab.",
        );
    }
}
