use doclint_core::{Diagnostic, Document, Edit, Fix, Label, Line, LineKind, Span, Token};

use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a header or title line that repeats itself ("DALIAN CHINA
    /// DALIAN CHINA"), a header line or heading repeated on the next line,
    /// and a salutation or label line ending in a colon (up to eight words)
    /// repeated on the next line ("Dear colleagues:\nDear colleagues:"; in
    /// Markdown also a bold one, "**Notice:**").
    ///
    /// ## Why is this bad?
    /// Scraped pages carry their site header twice (once from the banner,
    /// once from the page title), and pasting stitches the copies together.
    /// The repetition is noise at the very top of the document, where a
    /// reader looks first.
    ///
    /// ## Example
    /// ```text
    /// DALIAN CHINA  DALIAN CHINA
    /// ```
    /// Use instead:
    /// ```text
    /// DALIAN CHINA
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the copy is removed and the first occurrence kept. Only lines of
    /// the header block (title, dateline, header lines before the body) and
    /// Markdown headings are checked, the repeated part must be at least two
    /// words ("Bora Bora" and "Walla Walla" are names), and the copies must
    /// match exactly.
    pub struct DuplicateHeader {
        id: "duplicate-header",
        category: Structure,
        severity: Warning,
        fix: Always,
    }
}

impl Rule for DuplicateHeader {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        // A file of one short line repeated is a finding at every line.
        let mut out = crate::capped::Capped::new(out);
        let lines = doc.lines();
        let mut previous: Option<&Line> = None;
        let mut previous_prose: Option<&Line> = None;
        for line in lines {
            match line.kind {
                LineKind::Blank => {
                    previous_prose = None;
                    continue;
                }
                LineKind::Heading => {}
                LineKind::Prose => {
                    if let Some(before) = previous_prose {
                        if is_repeated_salutation(doc, before, line) {
                            out.push(repeated_line(doc, before, line));
                        }
                    }
                    previous = None;
                    previous_prose = Some(line);
                    continue;
                }
                LineKind::Code => {
                    previous = None;
                    previous_prose = None;
                    continue;
                }
            }
            previous_prose = None;
            if let Some(diagnostic) = repeated_within(doc, line) {
                out.push(diagnostic);
            }
            if let Some(before) = previous {
                if normalized(doc.slice(before.span)) == normalized(doc.slice(line.span)) {
                    out.push(repeated_line(doc, before, line));
                }
            }
            previous = Some(line);
        }
    }
}

/// Most words a salutation or a label line has ("Dear colleagues:",
/// "Contact information:").
const SALUTATION_WORDS: usize = 8;

/// A short line ending in a colon, written again on the next line: "Dear
/// colleagues:\nDear colleagues:". The colon is read without Markdown
/// markup, so a bold label ("**Notice:**") counts; the copies must still
/// match as written.
fn is_repeated_salutation(doc: &Document, before: &Line, line: &Line) -> bool {
    if normalized(doc.slice(before.span)) != normalized(doc.slice(line.span)) {
        return false;
    }
    let text = normalized(&doc.slice_without_markup(line.span));
    let words = text
        .split(' ')
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    (text.ends_with(':') || text.ends_with('：')) && (1..=SALUTATION_WORDS).contains(&words)
}

/// The text with runs of white space collapsed and the ends trimmed.
fn normalized(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || doclint_core::is_irregular_space(c))
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The line's tokens other than spaces and Markdown heading marks.
fn content_tokens<'a>(doc: &'a Document, line: &Line) -> Vec<&'a Token> {
    let tokens = doc.tokens();
    let first = doc.token_at_or_after(line.span.start());
    let mut content: Vec<&Token> = tokens[first..]
        .iter()
        .take_while(|t| t.span.end <= line.span.end)
        .filter(|t| !t.is_blank())
        .collect();
    let marks = content
        .iter()
        .take_while(|t| doc.slice(t.span) == "#")
        .count();
    content.drain(..marks);
    content
}

/// "DALIAN CHINA  DALIAN CHINA": the line is two or three copies of one
/// stretch of at least two words.
fn repeated_within(doc: &Document, line: &Line) -> Option<Diagnostic> {
    let content = content_tokens(doc, line);
    for copies in [2usize, 3] {
        if content.len() % copies != 0 {
            continue;
        }
        let unit = content.len() / copies;
        let words = content[..unit].iter().filter(|t| t.is_word()).count();
        if words < 2 {
            continue;
        }
        let same = (1..copies).all(|k| {
            (0..unit).all(|i| doc.slice(content[i].span) == doc.slice(content[k * unit + i].span))
        });
        if !same {
            continue;
        }
        let first = content[0].span.cover(content[unit - 1].span);
        let copy = Span::new(
            content[unit - 1].span.end(),
            content[content.len() - 1].span.end(),
        );
        let repeated = doc.slice(first);
        return Some(
            DuplicateHeader::META
                .diagnostic(copy, format!("header line repeats `{repeated}`"))
                .with_label(Label::new(first, "first written here"))
                .with_help("keep one copy")
                .with_fix(Fix::safe(
                    "Remove the repeated copy",
                    vec![Edit::delete(copy)],
                )),
        );
    }
    None
}

/// A header line written again on the next line.
fn repeated_line(doc: &Document, before: &Line, line: &Line) -> Diagnostic {
    let copy = Span::new(before.span.end(), line.span.end());
    DuplicateHeader::META
        .diagnostic(
            line.span,
            format!(
                "header line `{}` is repeated",
                normalized(doc.slice(line.span))
            ),
        )
        .with_label(Label::new(before.span, "first written here"))
        .with_help("keep one copy")
        .with_fix(Fix::safe(
            "Remove the repeated line",
            vec![Edit::delete(copy)],
        ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    const BODY: &str = "\n\nOn April 10, the group held a meeting. It ended.\n";

    #[test]
    fn header_repeated_on_one_line() {
        let text = format!("DALIAN CHINA  DALIAN CHINA\nA Title\n2019-04-11{BODY}");
        assert_eq!(flagged(&DuplicateHeader, &text), vec!["  DALIAN CHINA"]);
        assert_safe_fix(
            &DuplicateHeader,
            &text,
            &format!("DALIAN CHINA\nA Title\n2019-04-11{BODY}"),
        );
    }

    #[test]
    fn three_copies_and_markdown_headings() {
        assert_eq!(
            flagged(
                &DuplicateHeader,
                &format!("City News City News City News{BODY}")
            ),
            vec![" City News City News"]
        );
        let found = lint_markdown(
            &DuplicateHeader,
            "# Annual Report\n\n# Annual Report\n\nBody text here.\n",
        );
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn header_line_repeated_on_the_next_line() {
        let text = format!("Provincial Party Committee Holds Conference\nProvincial  Party Committee Holds Conference{BODY}");
        assert_eq!(
            flagged(&DuplicateHeader, &text),
            vec!["Provincial  Party Committee Holds Conference"]
        );
        assert_safe_fix(
            &DuplicateHeader,
            &text,
            &format!("Provincial Party Committee Holds Conference{BODY}"),
        );
    }

    #[test]
    fn salutation_ending_in_a_colon_repeated_on_the_next_line() {
        let text = "Dear colleagues and friends:\nDear colleagues and friends:\nThe meeting is on Monday.\n";
        assert_eq!(
            flagged(&DuplicateHeader, text),
            vec!["Dear colleagues and friends:"]
        );
        assert_safe_fix(
            &DuplicateHeader,
            text,
            "Dear colleagues and friends:\nThe meeting is on Monday.\n",
        );
        // Different lines, lines without the colon, or a blank line between
        // are quiet.
        assert_no_lints(
            &DuplicateHeader,
            "Dear colleagues:\nDear friends:\nIt rained.\nIt rained.\n\n\
             Contact us:\n\nContact us:\n",
        );
    }

    #[test]
    fn a_bold_label_repeated_on_the_next_line_fires() {
        let text = "**Important:**\n**Important:**\n\nThe server moves on Friday.\n";
        let found = lint_markdown(&DuplicateHeader, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(&text[found[0].span.range()], "**Important:**");
        // Two different bold labels, and a bold label whose colon stands
        // outside the line's end ("**Important**: read"), are quiet.
        assert!(lint_markdown(
            &DuplicateHeader,
            "**Before you start:**\n**After the upgrade:**\n\n\
             **Step**: read\n**Step**: read\n\nThe server moves.\n",
        )
        .is_empty());
        // A list label that heads each of two lists is written once per list.
        assert!(lint_markdown(
            &DuplicateHeader,
            "**Input:**\n- a name\n\n**Input:**\n- a path\n",
        )
        .is_empty());
    }

    #[test]
    fn names_single_words_and_body_text_are_quiet() {
        assert_no_lints(
            &DuplicateHeader,
            &format!("Bora Bora\nWalla Walla Report\nNew York, New York{BODY}"),
        );
        assert_no_lints(
            &DuplicateHeader,
            "Body text that repeats. Body text that repeats.\n\nIt was fine, fine.\n",
        );
    }
}
