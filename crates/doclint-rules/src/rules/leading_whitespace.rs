use doclint_core::{Diagnostic, Document, DocumentKind, Edit, Fix, LineKind, Span};

use super::trailing_whitespace::is_space;
use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags indentation at the start of a prose line: spaces, tabs,
    /// no-break spaces or ideographic spaces before the first word.
    ///
    /// ## Why is this bad?
    /// Scraped and pasted pages often keep the source's first-line indent (a
    /// no-break space, a full-width space) or a stray space before a title.
    /// Published English paragraphs are separated by blank lines, not
    /// indented with pasted spaces.
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
        for line in doc.lines() {
            if !matches!(line.kind, LineKind::Prose | LineKind::Heading) {
                continue;
            }
            let content = doc.slice(line.span);
            let rest = content.trim_start_matches(is_space);
            let indent = &content[..content.len() - rest.len()];
            if indent.is_empty() {
                continue;
            }
            // In Markdown, ordinary indentation is structure; only pasted
            // irregular spaces are defects.
            if markdown && indent.chars().all(|c| c == ' ' || c == '\t') {
                continue;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

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
            "\u{a0} The meeting.\n\tNext.",
            "The meeting.\nNext.",
        );
    }
}
