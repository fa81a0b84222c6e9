use doclint_core::{
    is_irregular_space, Diagnostic, Document, DocumentKind, Edit, Fix, Span, Token, TokenKind,
};

use rustc_hash::FxHashMap;

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
    /// ("•\u00a0item"), after a heading or list number at a line's start
    /// ("12.1.\u00a0Title", "Appendix\u00a0A.\u00a0Title") or after a
    /// label word joined to its number anywhere ("Contents
    /// Chapter\u00a01.\u00a0Intro"), before a
    /// designator letter or Roman numeral ("System\u00a0V", "OS\u00a0X") or
    /// an emoticon. A document's own convention is its style: a word (or a
    /// pair of words) joined by a no-break space at least three times, and
    /// more often than by an ordinary space ("Section\u00a04.2" throughout
    /// a manual), is not flagged. Nor is layout as text browsers and
    /// converters leave it: a run of two or more no-break spaces
    /// (indentation, a column), no-break spaces padding a table cell
    /// ("│\u00a0 │") or after a bullet ("•\u00a0GNOME"), and a single one
    /// inside a command or placeholder written with one for every space
    /// ("-o\u00a0Name=value", "<email\u00a0address>") or on a line whose
    /// spaces are mostly no-break ones (a synopsis or heading set in one
    /// piece). A single no-break
    /// space between ordinary words ("deputy\u00a0mayor",
    /// "Provincial\u00a0Party") and a pair with an ordinary space are
    /// always flagged; zero-width joiners inside emoji or non-Latin scripts
    /// are not. Spaces at a line's start or end are left to
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
fn is_deliberate(doc: &Document, tokens: &[Token], i: usize, run: &str, habits: &Habits) -> bool {
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
    // The document's own habit: the same word (or pair) joined by a
    // no-break space again and again, rarely by an ordinary one
    // ("Section\u{a0}4.2", "System\u{a0}V" throughout a manual).
    if prev.is_some_and(|t| t.is_word()) && habits.is_convention(prev_text, next_text) {
        return true;
    }
    // A designator kept with its name: "System\u{a0}V", "OS\u{a0}X",
    // "World War\u{a0}II" (not the words "A" and "I").
    if next.is_some_and(|t| t.is_word()) && is_designator(next_text) {
        return true;
    }
    // A heading or list number: "12.1.\u{a0}Title", "Figure\u{a0}4.1.\u{a0}Boot".
    if is_number_label_space(doc, tokens[i].span) {
        return true;
    }
    // An emoticon kept with the sentence it closes: "now\u{a0}:-)".
    if crate::words::emoticon_at(doc.text(), tokens[i].span.end()).is_some() {
        return true;
    }
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
    // A bullet that is only ever a bullet, also where a converter joined
    // a list into one line or put it in a table cell ("│\u{a0}\u{a0}•\u{a0}GNOME").
    if matches!(prev_text, "•" | "‣" | "▪" | "◦") && i >= 2 && tokens[i - 2].is_blank() {
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
        if word.is_word()
            && word.span.len() <= 4
            && (crate::words::is_abbreviation(text) || initial)
        {
            return true;
        }
    }
    false
}

/// Whether a run of no-break spaces (perhaps with ordinary ones) lays text
/// out rather than separating two words of a sentence, as text browsers
/// and converters leave it: a run of two or more no-break spaces
/// (indentation, a column, "hostname\u{a0}\u{a0}\u{a0} value"), a run
/// next to a table's cell border ("│\u{a0} │", "|\u{a0}more"), or a single
/// no-break space inside a literal written with one for every space
/// ("-o\u{a0}Name=value", "<email\u{a0}address>", "uschar\u{a0}**argv").
fn is_no_break_layout(doc: &Document, span: Span, run: &str) -> bool {
    let no_break = run
        .chars()
        .filter(|&c| matches!(c, '\u{a0}' | '\u{202f}'))
        .count();
    if no_break == 0
        || !run
            .chars()
            .all(|c| matches!(c, '\u{a0}' | '\u{202f}' | ' '))
    {
        return false;
    }
    if no_break >= 2 {
        return true;
    }
    let text = doc.text();
    let before = &text[..span.start()];
    let after = &text[span.end()..];
    let border =
        |c: Option<char>| c.is_some_and(|c| c == '|' || ('\u{2500}'..='\u{257f}').contains(&c));
    if border(before.chars().next_back()) || border(after.chars().next()) {
        return true;
    }
    if run != "\u{a0}" && run != "\u{202f}" {
        return false;
    }
    if is_no_break_line(doc, span) {
        return true;
    }
    let prev_chunk = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let next_chunk = after.split(char::is_whitespace).next().unwrap_or("");
    is_literal_chunk(prev_chunk) || is_literal_chunk(next_chunk)
}

/// Whether the line around `span` is laid out with no-break spaces as its
/// spaces: at least three of them and more than ordinary spaces (a
/// synopsis "acl\u{a0}=\u{a0}<name\u{a0}of\u{a0}acl>", a prototype, a
/// heading or a table row set in one piece).
fn is_no_break_line(doc: &Document, span: Span) -> bool {
    let line = doc.lines()[doc.line_of(span.start())];
    let text = doc.slice(line.span);
    let no_break = text.chars().filter(|&c| c == '\u{a0}').count();
    no_break >= 3 && no_break > text.bytes().filter(|&b| b == b' ').count()
}

/// Whether a whitespace-delimited chunk is part of a command, a
/// placeholder or a piece of code rather than a word of prose: an option
/// flag ("-o", "--all"), or a chunk with a mark prose does not use inside
/// words ("Name=value", "<address>", "**argv", "$HOME", "{key}", "a|b",
/// "mail_from").
fn is_literal_chunk(chunk: &str) -> bool {
    let flag = chunk
        .strip_prefix("--")
        .or_else(|| chunk.strip_prefix('-'))
        .is_some_and(|rest| {
            rest.starts_with(|c: char| c.is_ascii_alphabetic())
                && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    flag || chunk.contains(['=', '<', '>', '{', '}', '|', '*', '$', '_', '\\'])
}

/// How often each word (and each pair of words) is joined by a single
/// no-break space and by an ordinary space, over the whole document.
#[derive(Default)]
struct Habits<'a> {
    after_word: FxHashMap<&'a str, (u32, u32)>,
    pair: FxHashMap<(&'a str, &'a str), (u32, u32)>,
}

impl<'a> Habits<'a> {
    fn of(doc: &'a Document) -> Self {
        let mut habits = Habits::default();
        let tokens = doc.tokens();
        for (i, token) in tokens.iter().enumerate() {
            if token.kind != TokenKind::Space || i == 0 {
                continue;
            }
            let (prev, Some(next)) = (tokens[i - 1], tokens.get(i + 1)) else {
                continue;
            };
            if !prev.is_word() || next.kind == TokenKind::Newline {
                continue;
            }
            let no_break = match doc.slice(token.span) {
                "\u{a0}" | "\u{202f}" => true,
                " " => false,
                _ => continue,
            };
            let bump = |counts: &mut (u32, u32)| {
                if no_break {
                    counts.0 += 1;
                } else {
                    counts.1 += 1;
                }
            };
            let (prev_text, next_text) = (doc.slice(prev.span), doc.slice(next.span));
            bump(habits.after_word.entry(prev_text).or_default());
            bump(habits.pair.entry((prev_text, next_text)).or_default());
        }
        habits
    }

    /// A convention: at least three no-break spaces, and more of them than
    /// ordinary spaces in the same place.
    fn is_convention(&self, prev: &str, next: &str) -> bool {
        let settled = |&(no_break, ordinary): &(u32, u32)| no_break >= 3 && no_break > ordinary;
        self.after_word.get(prev).is_some_and(settled)
            || self.pair.get(&(prev, next)).is_some_and(settled)
    }
}

/// A single capital letter (not the words "A" and "I") or a Roman numeral
/// that names a version or a member of a series.
fn is_designator(word: &str) -> bool {
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c.is_ascii_uppercase() && c != 'A' && c != 'I',
        _ => word.len() <= 4 && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X')),
    }
}

/// Whether the no-break space at `span` belongs to a heading or list label
/// at its line's start: after the label ("12.1.\u{a0}", "B.1.3.\u{a0}",
/// "4)\u{a0}", "Figure 4.1.\u{a0}") or between its word and its number
/// ("Appendix\u{a0}A.\u{a0}").
fn is_number_label_space(doc: &Document, span: Span) -> bool {
    let line = doc.lines()[doc.line_of(span.start())];
    let prefix = doc.text()[line.span.start()..span.start()].trim_start();
    let is_word = |w: &str| !w.is_empty() && w.chars().all(char::is_alphabetic);
    let label = match prefix.split_once([' ', '\u{a0}']) {
        Some((word, rest)) if is_word(word) => rest,
        Some(_) => return false,
        None => prefix,
    };
    if is_number_label(label, true) {
        return true;
    }
    // Mid-line, where a converter ran headings together: a label word
    // joined to its number by a no-break space ("Contents Chapter\u{a0}1.\u{a0}Intro").
    if let Some((head, number)) = prefix.rsplit_once('\u{a0}') {
        let word = head.rsplit([' ', '\u{a0}']).next().unwrap_or("");
        let capital = word.starts_with(|c: char| c.is_uppercase());
        if capital && is_word(word) && number.ends_with('.') && is_number_label(number, true) {
            return true;
        }
    }
    let after = &doc.text()[span.end()..line.span.end()];
    let next = after.split([' ', '\u{a0}']).next().unwrap_or("");
    is_word(prefix) && next.ends_with('.') && is_number_label(next, false)
}

/// "12.1.", "B.1.3.", "4)", "A."; a lone letter only when `need_digit` is
/// false.
fn is_number_label(label: &str, need_digit: bool) -> bool {
    let label = label.strip_suffix(['.', ')']).unwrap_or(label);
    !label.is_empty()
        && (!need_digit || label.chars().any(|c| c.is_ascii_digit()))
        && label.split('.').all(|part| {
            part.chars().all(|c| c.is_ascii_digit()) && !part.is_empty() && part.len() <= 3
                || part.len() == 1 && part.chars().all(|c| c.is_ascii_uppercase())
        })
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

impl Rule for IrregularWhitespace {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        let tokens = doc.tokens();
        let mut habits = None;
        for (i, token) in tokens.iter().enumerate() {
            if token.kind != TokenKind::Space {
                continue;
            }
            let run = doc.slice(token.span);
            let Some(odd) = run.chars().find(|&c| is_irregular_space(c)) else {
                continue;
            };
            let habits = habits.get_or_insert_with(|| Habits::of(doc));
            let at_line_start = i == 0 || tokens[i - 1].kind == TokenKind::Newline;
            let at_line_end = tokens
                .get(i + 1)
                .is_none_or(|t| t.kind == TokenKind::Newline);
            if at_line_start || at_line_end || is_deliberate(doc, tokens, i, run, habits) {
                continue;
            }
            if is_no_break_layout(doc, token.span, run) {
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
    fn numbered_headings_and_designators_are_quiet() {
        assert_no_lints(
            &IrregularWhitespace,
            "Chapter\u{a0}6.\u{a0}The Tools\n\n12.1.1.\u{a0}Different Levels\n\n\
             Appendix\u{a0}A.\u{a0}Tools\n\n\
             B.2.\u{a0}Appendix\n\nIt runs System\u{a0}V init on OS\u{a0}X, now\u{a0}:-)\n",
        );
        // Run together mid-line by a converter, a heading keeps its label.
        assert_no_lints(
            &IrregularWhitespace,
            "Contents Chapter\u{a0}1.\u{a0}Introduction Chapter\u{a0}2.\u{a0}Getting started\n",
        );
        assert_lint_count(
            &IrregularWhitespace,
            "We met in chapter 1.\u{a0}Then we left, the group\u{a0}2.\u{a0}Then\n",
            2,
        );
        // Mid-sentence after a stop, or before the word "A", it is pasted.
        assert_eq!(
            flagged(
                &IrregularWhitespace,
                "He left in May.\u{a0}The rest stayed.\nPlan\u{a0}A failed.\n"
            ),
            vec!["\u{a0}", "\u{a0}"]
        );
    }

    #[test]
    fn a_documents_own_convention_is_quiet() {
        // The manual always writes "see Section\u{a0}…": its style.
        let manual = "See Section\u{a0}two. Read Section\u{a0}three and Section\u{a0}four.\n\
                      The\u{a0}book ends here.\n";
        assert_eq!(flagged(&IrregularWhitespace, manual), vec!["\u{a0}"]);
        // Twice, against ordinary spaces as often, is not a habit.
        assert_lint_count(
            &IrregularWhitespace,
            "the Provincial\u{a0}Party, the Provincial Party and the \
             Provincial\u{a0}Party met.\n",
            2,
        );
    }

    #[test]
    fn converter_layout_is_quiet() {
        // A text browser's rendering: indentation runs inside joined lines,
        // aligned columns, table cells, bullets in a cell, literals.
        assert_no_lints(
            &IrregularWhitespace,
            "The packages come with the standard \u{a0}\u{a0}\u{a0} installation.\n\
             hostname\u{a0}\u{a0}\u{a0} netcfg/get_hostname suite mirror/suite\n\
             │amd64 │\u{a0} │\u{a0} │ │\u{a0}\u{a0}•\u{a0}GNOME │3216 │\n\
             Add the option -o\u{a0}ServerAliveInterval=value, type |\u{a0}more or \
             set mailfrom\u{a0}=\u{a0}<email\u{a0}address> now.\n\
             acl\u{a0}=\u{a0}<name\u{a0}of\u{a0}acl\u{a0}or\u{a0}file>\n",
        );
        // The near-misses: one no-break space, or one with an ordinary
        // space, between the words of a sentence.
        assert_eq!(
            flagged(
                &IrregularWhitespace,
                "The packages come with the standard\u{a0}installation.\n\
                 The option\u{a0} value is set, type more\u{a0}often, a -\u{a0}b.\n\
                 The mayor\u{a0}• spoke.\n\
                 The name\u{a0}of the acl\u{a0}or the file\u{a0}is set.\n",
            ),
            vec!["\u{a0}", "\u{a0} ", "\u{a0}", "\u{a0}", "\u{a0}", "\u{a0}", "\u{a0}", "\u{a0}"]
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
