use doclint_core::{Diagnostic, Document, DocumentKind, Edit, Fix, TokenKind};

use super::space_inside_brackets::is_space_inside_brackets;
use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags two or more ordinary spaces between words or after sentence
    /// punctuation, inside a line.
    ///
    /// ## Why is this bad?
    /// A double space is the trace of a deleted word, of two fragments pasted
    /// together, or of a header duplicated on one line. Modern typesetting
    /// uses one space after a full stop.
    ///
    /// ## Example
    /// ```text
    /// DALIAN CHINA  DALIAN CHINA
    /// ```
    /// Use instead:
    /// ```text
    /// DALIAN CHINA DALIAN CHINA
    /// ```
    /// (and see `duplicate-header` for the repetition itself).
    ///
    /// ## Fix safety
    /// Safe: the run becomes one space. Runs that contain no-break or other
    /// Unicode spaces belong to `irregular-whitespace`, indentation to
    /// `leading-whitespace`, line ends to `trailing-whitespace`; Markdown
    /// table rows are aligned on purpose and are skipped, and so are two
    /// spaces after a sentence in Markdown (a convention of the source that
    /// renders as one space; between words they are still reported;
    /// list markers and other markup are never prose). Runs just inside
    /// brackets or quotation marks ("(  CPPCC)") belong to
    /// `space-inside-brackets`, which removes them.
    pub struct DoubleSpace {
        id: "double-space",
        category: Whitespace,
        severity: Warning,
        fix: Always,
    }
}

impl Rule for DoubleSpace {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        let tokens = doc.tokens();
        let markdown = doc.kind() == DocumentKind::Markdown;
        for (i, token) in tokens.iter().enumerate() {
            if token.kind != TokenKind::Space || token.span.len() < 2 {
                continue;
            }
            let interior = i > 0
                && tokens[i - 1].kind != TokenKind::Newline
                && tokens
                    .get(i + 1)
                    .is_some_and(|next| next.kind != TokenKind::Newline);
            if !interior || !doc.slice(token.span).bytes().all(|b| b == b' ') {
                continue;
            }
            if markdown && is_table_row(doc, token.span.start()) {
                continue;
            }
            // Between two pieces of non-prose (badges, images) the run is
            // layout, not text.
            let code =
                |t: Option<&doclint_core::Token>| t.is_some_and(|t| t.kind == TokenKind::Code);
            if markdown && code(tokens.get(i - 1)) && code(tokens.get(i + 1)) {
                continue;
            }
            // Two spaces after a sentence are a writer's convention in
            // Markdown sources, and render as one.
            if markdown && matches!(doc.slice(tokens[i - 1].span), "." | "!" | "?" | ":") {
                continue;
            }
            // Just inside a pair the spaces should go, not become one.
            if is_space_inside_brackets(doc, i) {
                continue;
            }
            out.push(
                Self::META
                    .diagnostic(token.span, format!("{} spaces in a row", token.span.len()))
                    .with_help("use a single space")
                    .with_fix(Fix::safe(
                        "Replace with one space",
                        vec![Edit::replace(token.span, " ")],
                    )),
            );
        }
    }
}

fn is_table_row(doc: &Document, offset: usize) -> bool {
    let line = doc.lines()[doc.line_of(offset)];
    doc.slice(line.span).trim_start().starts_with('|')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn markdown_sentence_spacing_and_list_markers_are_quiet() {
        let text = "One.  Two  words here.\n\n-   item\n2.  second\n>   quoted\n\n![a](a.svg)  ![b](b.svg)\n";
        let found = lint_markdown(&DoubleSpace, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].span.start(), text.find("Two  ").unwrap_or(0) + 3);
    }

    #[test]
    fn flags_double_space_in_header_and_after_stop() {
        assert_eq!(
            flagged(
                &DoubleSpace,
                "DALIAN CHINA  DALIAN CHINA\n\nIt ended.  Then   more."
            ),
            vec!["  ", "  ", "   "]
        );
    }

    #[test]
    fn single_spaces_and_indentation_are_quiet() {
        assert_no_lints(&DoubleSpace, "  Indented line.\nOne space. Each time.  \n");
    }

    #[test]
    fn irregular_runs_belong_to_another_rule() {
        assert_no_lints(&DoubleSpace, "Dalian\u{a0} and more.");
    }

    #[test]
    fn spaces_inside_brackets_belong_to_their_rule() {
        assert_no_lints(&DoubleSpace, "the Conference (  CPPCC) and “people  ”.");
    }

    #[test]
    fn markdown_tables_are_skipped() {
        assert!(lint_markdown(&DoubleSpace, "| a  | b |\n|----|---|\n| 1  | 2 |\n").is_empty());
    }

    #[test]
    fn fix_collapses_to_one_space() {
        assert_safe_fix(&DoubleSpace, "a  b   c", "a b c");
    }
}
