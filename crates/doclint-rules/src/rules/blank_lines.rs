use doclint_core::{
    BlockKind, Diagnostic, Document, DocumentKind, Edit, Fix, Line, LineKind, Span,
};

use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports more than one blank line between two paragraphs (as
    /// information, not a warning).
    ///
    /// ## Why is this bad?
    /// One blank line separates paragraphs. Extra ones usually come from
    /// converting HTML `<p>` and `<br>` markup and make the spacing of a
    /// published page uneven.
    ///
    /// ## Example
    /// ```text
    /// ... presided over the meeting.
    ///
    ///
    /// Prior to the meeting, ...
    /// ```
    /// Use instead a single blank line.
    ///
    /// ## Fix safety
    /// Safe: the extra blank lines are removed, one blank line stays. Blank
    /// lines inside Markdown code blocks are not touched, nor those before
    /// or after a Markdown heading, code block, table, HTML or a line of
    /// markup only (they set a section off and render as one), nor those
    /// after the end of a Markdown list or around a line that is only a link
    /// or badge or only bold text (a title set in bold), nor (in plain text) those before a heading: a line that
    /// ends no sentence and stands alone, is underlined or is indented to
    /// centre it (a licence's or a manual's sections), a numbered clause
    /// ("4.5 Limits of Share Alike.", "(b) Any other use"), a separator or
    /// an e-mail signature ("-- "), a reply's quoted lines ("> ") or the
    /// next line of a centred title page.
    pub struct BlankLines {
        id: "blank-lines",
        category: Whitespace,
        severity: Info,
        fix: Always,
    }
}

impl Rule for BlankLines {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        let lines = doc.lines();
        let mut i = 0;
        while i < lines.len() {
            if lines[i].kind != LineKind::Blank {
                i += 1;
                continue;
            }
            let start = i;
            while i < lines.len() && lines[i].kind == LineKind::Blank {
                i += 1;
            }
            // In Markdown, extra blank lines set off headings, code and
            // HTML on purpose (and render as one): only those between
            // two lines of running text are reported.
            // A list's end and a lone link or badge line are set off on
            // purpose too: the text before the gap must be a paragraph.
            let markdown_prose = |line: usize, list: bool| {
                let running_text = |offset: usize| {
                    doc.paragraph_at(offset).is_some_and(|p| match p.block {
                        BlockKind::Paragraph => true,
                        BlockKind::ListItem => list,
                        _ => false,
                    })
                };
                let span = lines[line].span;
                lines[line].kind == LineKind::Prose
                    && !is_link_only(doc.slice(span))
                    && !is_bold_title(doc.slice(span))
                    && (running_text(span.start()) || running_text(span.end()))
            };
            let between_paragraphs = start > 0
                && i < lines.len()
                && if doc.kind() == DocumentKind::Markdown {
                    markdown_prose(start - 1, false) && markdown_prose(i, true)
                } else {
                    !sets_off_section(doc, lines, i) && !sets_off_block(doc, lines, start, i)
                };
            let count = i - start;
            if !between_paragraphs || count < 2 {
                continue;
            }
            // Keep the first blank line; remove the rest.
            let span = Span::new(
                lines[start].end_with_terminator as usize,
                lines[i - 1].end_with_terminator as usize,
            );
            out.push(
                Self::META
                    .diagnostic(span, format!("{count} blank lines between paragraphs"))
                    .with_help("use one blank line between paragraphs")
                    .with_fix(Fix::safe(
                        "Remove the extra blank lines",
                        vec![Edit::delete(span)],
                    )),
            );
        }
    }
}

/// Whether the plain-text line `after` a gap is a heading the gap sets
/// off, as a writer lays out a licence or a manual: it ends no sentence
/// and stands alone, is underlined ("====") or is indented to centre it.
/// Extra blank lines before running text are the converter's, even after
/// a title.
fn sets_off_section(doc: &Document, lines: &[Line], after: usize) -> bool {
    let text = |i: usize| lines.get(i).map_or("", |l| doc.slice(l.span));
    let heading = text(after);
    let bare = heading.trim_end_matches(|c: char| c.is_whitespace() || "\"'”’)]»".contains(c));
    if bare.ends_with(['.', '!', '?', '…', ',', ';', ':']) {
        return false;
    }
    let next = text(after + 1).trim();
    let underline = !next.is_empty() && next.chars().all(|c| matches!(c, '=' | '-' | '~' | '*'));
    let indent = heading.len() - heading.trim_start().len();
    lines
        .get(after + 1)
        .is_none_or(|l| l.kind == LineKind::Blank)
        || underline
        || indent >= 4
}

/// Whether a plain-text gap between lines `before_gap - 1` and `after`
/// sets off a block laid out on purpose: a numbered clause ("4.5 Limits
/// of Share Alike."), a separator or an e-mail signature ("-- ", "____"),
/// a reply's quoted lines ("> "), or a centred title page (both lines
/// indented by four spaces or more). Such gaps are the writer's layout,
/// not a converter's doubled paragraph breaks.
fn sets_off_block(doc: &Document, lines: &[Line], before_gap: usize, after: usize) -> bool {
    let text = |i: usize| lines.get(i).map_or("", |l| doc.slice(l.span));
    let heading = text(after);
    let bare = heading.trim();
    let indent = |line: &str| line.len() - line.trim_start().len();
    let numbered = bare.split_once(' ').is_some_and(|(label, rest)| {
        is_clause_number(label) && rest.starts_with(char::is_uppercase)
    });
    let separator = bare.len() >= 2
        && bare
            .chars()
            .all(|c| matches!(c, '-' | '_' | '=' | '*' | '~'));
    let centred = before_gap > 0 && indent(heading) >= 4 && indent(text(before_gap - 1)) >= 4;
    numbered || separator || bare.starts_with('>') || centred
}

/// "4.5", "12.", "3)", "(b)": the number of a clause or section (a bare
/// number such as "4" starts a sentence instead).
fn is_clause_number(label: &str) -> bool {
    let bracketed = label.ends_with(')');
    let inner = label.trim_start_matches('(').trim_end_matches(')');
    let dotted = inner.contains('.');
    let inner = inner.trim_end_matches('.');
    let number = inner.starts_with(|c: char| c.is_ascii_digit())
        && inner.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let letter = inner.len() == 1 && inner.bytes().all(|b| b.is_ascii_lowercase());
    (number && (dotted || bracketed)) || (letter && bracketed)
}

/// Whether a Markdown line is only strong text ("**more details**",
/// "__Usage__"), perhaps with a colon: a title set in bold instead of a
/// heading, which a gap sets off like one.
fn is_bold_title(line: &str) -> bool {
    let bare = line.trim().trim_end_matches(':');
    ["**", "__"].iter().any(|m| {
        bare.len() > 4
            && bare.starts_with(m)
            && bare.ends_with(m)
            && !bare[2..bare.len() - 2].contains(m)
    })
}

/// Whether a Markdown line is only a link or an image (perhaps emphasised):
/// navigation or a badge, not running text.
fn is_link_only(line: &str) -> bool {
    let bare = line.trim().trim_matches(|c| c == '_' || c == '*');
    (bare.starts_with('[') || bare.starts_with("!["))
        && (bare.ends_with(')') || bare.ends_with(']'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    fn markdown_spans(text: &str) -> Vec<&str> {
        lint_markdown(&BlankLines, text)
            .iter()
            .map(|d| &text[d.span.range()])
            .collect()
    }

    #[test]
    fn markdown_blank_lines_around_headings_and_code_are_quiet() {
        let text = "Intro text.\n\n\n## Usage\n\n```\nx\n```\n\n\nOne.\n\n\n\nTwo.\n\n\n| a | b |\n|---|---|\n";
        assert_eq!(markdown_spans(text), ["\n\n"]);
    }

    #[test]
    fn markdown_list_ends_and_link_lines_are_quiet() {
        let text = "- one\n- two\n\n\nAfter the list.\n\n__[Demo](https://x.y/)__\n\n\nText here.\n\n\nMore text.\n";
        assert_eq!(markdown_spans(text), ["\n"]);
    }

    #[test]
    fn markdown_bold_titles_are_set_off_like_headings() {
        let text = "Grab them all.\n\n\n\n**more details**\nAs some think.\n\n\nA **bold** word, then **more**.\n";
        assert_eq!(markdown_spans(text), ["\n"]);
    }

    #[test]
    fn flags_two_blank_lines() {
        assert_lint_count(&BlankLines, "One.\n\n\nTwo.\n\nThree.", 1);
    }

    #[test]
    fn single_blank_lines_and_file_edges_are_quiet() {
        assert_no_lints(&BlankLines, "\n\nOne.\n\nTwo.\n\n\n");
    }

    #[test]
    fn gaps_that_set_off_plain_text_sections_are_quiet() {
        assert_no_lints(
            &BlankLines,
            "Under an Apache-2.0 license.\n\n\n                 Apache License\n       Version 2.0\n\n\
             END OF TERMS AND CONDITIONS\n\n\nCreative Commons Zero v1.0\n\n\
             A list ends here.\n\n\nPython License\n==============\n",
        );
        // Before running text the gap is still reported, after a title too,
        // however the paragraph's first line ends.
        assert_lint_count(
            &BlankLines,
            "Annual Report\n\n\nThe meeting ended.\n\n\nPrior to the meeting, members\nof the group met.\n",
            2,
        );
    }

    #[test]
    fn gaps_before_clauses_signatures_quotes_and_title_pages_are_quiet() {
        assert_no_lints(
            &BlankLines,
            "3.2 Scope. The terms apply to all copies.\n\n\n3.3 Notices. Keep them intact.\n\n\n\
             (b) Any other use needs consent.\n\nThanks for the help.\n\n\n-- \nAnna\n\n\n\
             > You wrote that it works.\n\n        THE FIELD GUIDE\n\n\n        by A. Writer, 1902.\n",
        );
        // Running text after the gap is still reported, numbered or not.
        assert_lint_count(
            &BlankLines,
            "The budget passed.\n\n\nIn 2.5 hours the meeting ended.\n\n\n4 members left early.\n",
            2,
        );
    }

    #[test]
    fn fix_keeps_one_blank_line() {
        assert_safe_fix(&BlankLines, "One.\r\n\r\n\r\n\r\nTwo.", "One.\r\n\r\nTwo.");
    }
}
