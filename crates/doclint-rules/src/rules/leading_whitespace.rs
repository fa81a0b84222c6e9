use doclint_core::{Diagnostic, Document, DocumentKind, Edit, Fix, LineKind, Span};

use super::trailing_whitespace::is_space;
use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags indentation at the start of a prose line that is an anomaly:
    /// no-break or ideographic spaces before the first word anywhere, and in
    /// plain text a stray ordinary space opening one paragraph of a document
    /// whose paragraphs are otherwise not indented.
    ///
    /// ## Why is this bad?
    /// Scraped and pasted pages often keep the source's first-line indent (a
    /// no-break space, a full-width space) or a stray space before a title.
    /// Published English paragraphs are separated by blank lines, not
    /// indented with pasted spaces.
    ///
    /// Plain-text layout is left alone when it is consistent or deliberate:
    /// a block indented as a whole (quotations, code, logs, lists), lines
    /// after the first of a block (signatures, hanging indents), indents of
    /// two spaces or more or with tabs, lines starting with a bullet, digit
    /// or symbol, indented first lines used in at least one block in
    /// five (the document's own paragraph style), and a reply's excerpt
    /// that lost its ">": a block after a line ending in a colon ("On
    /// Friday, Tom wrote:") or one that ends in a colon itself.
    ///
    /// ## Example
    /// ```text
    ///  date 2023-02-12 The party group of the municipal government met
    /// ```
    /// Use instead:
    /// ```text
    /// date 2023-02-12 The party group of the municipal government met
    /// ```
    ///
    /// ## Fix safety
    /// Safe: only white space before the first visible character is removed.
    /// In Markdown, ordinary spaces and tabs are structure (lists, code) and
    /// are not flagged; code blocks are never checked.
    pub struct LeadingWhitespace {
        id: "leading-whitespace",
        category: Whitespace,
        severity: Warning,
        fix: Always,
    }
}

impl Rule for LeadingWhitespace {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        let markdown = doc.kind() == DocumentKind::Markdown;
        let lines = doc.lines();
        let layout = (!markdown).then(|| PlainLayout::of(doc));
        for (index, line) in lines.iter().enumerate() {
            if !matches!(line.kind, LineKind::Prose | LineKind::Heading) {
                continue;
            }
            let content = doc.slice(line.span);
            let rest = content.trim_start_matches(is_space);
            let indent = &content[..content.len() - rest.len()];
            if indent.is_empty() {
                continue;
            }
            let ordinary = indent.chars().all(|c| c == ' ' || c == '\t');
            // In Markdown, ordinary indentation is structure; only pasted
            // irregular spaces are defects.
            if markdown && ordinary {
                continue;
            }
            // In plain text, ordinary indentation is layout unless it is an
            // anomaly against the document's own convention.
            if let Some(layout) = &layout {
                if ordinary && !layout.is_stray_indent(doc, index, indent, rest) {
                    continue;
                }
            }
            let span = Span::new(line.span.start(), line.span.start() + indent.len());
            if markdown {
                // Keep the structural indent; remove only irregular spaces.
                let edits: Vec<Edit> = indent
                    .char_indices()
                    .filter(|&(_, c)| c != ' ' && c != '\t')
                    .map(|(i, c)| {
                        let start = line.span.start() + i;
                        Edit::delete(Span::new(start, start + c.len_utf8()))
                    })
                    .collect();
                out.push(
                    Self::META
                        .diagnostic(span, "irregular space in the indentation of a line")
                        .with_help("remove the pasted space characters")
                        .with_fix(Fix::safe("Remove pasted spaces", edits)),
                );
                continue;
            }
            out.push(
                Self::META
                    .diagnostic(span, "line starts with white space")
                    .with_help("remove the indentation before the first word")
                    .with_fix(Fix::safe(
                        "Remove leading white space",
                        vec![Edit::delete(span)],
                    )),
            );
        }
    }
}

/// The widest ordinary indent that still reads as a slip of the keyboard
/// rather than deliberate layout (code, quotations, signatures, columns).
const STRAY_INDENT_MAX: usize = 1;

/// How a plain-text document lays out its blocks (runs of non-blank lines).
struct PlainLayout {
    /// For each line, the index of the first line of its block (blank lines
    /// map to themselves).
    block_start: Vec<usize>,
    /// For each line, one past the last line of its block.
    block_end: Vec<usize>,
    /// Blocks in the document.
    blocks: usize,
    /// Blocks whose first line is indented with ordinary spaces or tabs.
    indented_blocks: usize,
}

impl PlainLayout {
    fn of(doc: &Document) -> Self {
        let lines = doc.lines();
        let mut block_start = vec![0; lines.len()];
        let mut block_end = vec![0; lines.len()];
        let (mut blocks, mut indented_blocks) = (0, 0);
        let mut i = 0;
        while i < lines.len() {
            if lines[i].kind == LineKind::Blank {
                block_start[i] = i;
                block_end[i] = i + 1;
                i += 1;
                continue;
            }
            let start = i;
            while i < lines.len() && lines[i].kind != LineKind::Blank {
                i += 1;
            }
            for j in start..i {
                block_start[j] = start;
                block_end[j] = i;
            }
            blocks += 1;
            if doc.slice(lines[start].span).starts_with([' ', '\t']) {
                indented_blocks += 1;
            }
        }
        PlainLayout {
            block_start,
            block_end,
            blocks,
            indented_blocks,
        }
    }

    /// Whether an ordinary indent on line `index` is an anomaly: a narrow
    /// run of spaces before a word, opening a block whose other lines are
    /// not indented, in a document whose blocks are otherwise not indented.
    fn is_stray_indent(&self, doc: &Document, index: usize, indent: &str, rest: &str) -> bool {
        let lines = doc.lines();
        let start = self.block_start[index];
        if start != index || indent.len() > STRAY_INDENT_MAX || indent.contains('\t') {
            return false;
        }
        // Bullets, numbers and symbols start lists, tables and art.
        if !rest.starts_with(char::is_alphabetic) {
            return false;
        }
        // A block indented as a whole is a quotation, code or a list.
        let others_indented = (start + 1..self.block_end[index])
            .any(|j| doc.slice(lines[j].span).starts_with([' ', '\t', '\u{a0}']));
        if others_indented {
            return false;
        }
        // A reply's excerpt whose "> " lost its ">": the block follows an
        // attribution or an introduction ("On Monday, Kate wrote:") or is
        // one itself (" Quoting Kate:"). The indent marks the quotation.
        let introduced = rest.trim_end().ends_with(':')
            || (0..start)
                .rev()
                .map(|j| doc.slice(lines[j].span).trim_end())
                .find(|line| !line.is_empty())
                .is_some_and(|line| line.ends_with(':'));
        if introduced {
            return false;
        }
        // Indented first lines used throughout are the document's style;
        // the one indented block among unindented ones is the slip.
        let others = self.indented_blocks.saturating_sub(1);
        others == 0 || others * 5 < self.blocks
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn an_excerpt_after_an_attribution_keeps_its_indent() {
        let text = "On Friday, 3 May, Tom Hale wrote:\n\n Right, that works now. I think the\n\
                    cable was loose.\n\nAnna\n\n Quoting Tom Hale:\n\nNo idea.\n";
        assert_no_lints(&LeadingWhitespace, text);
        // The same stray space after a sentence is still found.
        let text = "On Friday the cable was loose.\n\n Right, that works now. I think the\n\
                    cable was loose.\n\nAnna\n\nNo idea.\n";
        assert_eq!(flagged(&LeadingWhitespace, text), vec![" "]);
    }

    #[test]
    fn flags_pasted_indent() {
        assert_eq!(
            flagged(
                &LeadingWhitespace,
                "Title\n\n\u{a0} The meeting stressed that.\n"
            ),
            vec!["\u{a0} "]
        );
        assert_eq!(
            flagged(&LeadingWhitespace, " date 2023-02-12 The party met"),
            vec![" "]
        );
    }

    #[test]
    fn stray_space_before_one_paragraph_is_flagged() {
        let text =
            "First paragraph.\n\n Second paragraph, which\nwraps here.\n\nThird.\n\nFourth.\n";
        assert_eq!(flagged(&LeadingWhitespace, text), vec![" "]);
    }

    #[test]
    fn consistent_plain_text_layout_is_quiet() {
        // Indented first lines used throughout.
        assert_no_lints(
            &LeadingWhitespace,
            " First paragraph\nwraps.\n\n Second paragraph\nwraps.\n\n Third.\n\nFourth.\n",
        );
        // In a document of unindented paragraphs: a block indented as a
        // whole (a quotation or code), a signature under its closing, a
        // wide indent, a list bullet.
        for layout in [
            " quoted line one\n quoted line two\n",
            "Thanks,\n Kate\n",
            "   set x=1\n",
            " - item\n",
        ] {
            let text = format!("One.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n\n{layout}");
            assert_no_lints(&LeadingWhitespace, &text);
        }
    }

    #[test]
    fn unindented_text_is_quiet() {
        assert_no_lints(
            &LeadingWhitespace,
            "Title\n\nThe meeting stressed that.\n\nNext.",
        );
    }

    #[test]
    fn markdown_structure_is_not_flagged() {
        let text = "- item\n  continued item\n\n```\n   code\n```\n\n    indented code\n";
        assert!(lint_markdown(&LeadingWhitespace, text).is_empty());
        assert_eq!(
            lint_markdown(&LeadingWhitespace, "\u{3000}Pasted indent.\n").len(),
            1
        );
    }

    #[test]
    fn fix_removes_indent() {
        assert_safe_fix(
            &LeadingWhitespace,
            "\u{a0} The meeting.\n\n Next.\n\nLast.",
            "The meeting.\n\nNext.\n\nLast.",
        );
    }
}
