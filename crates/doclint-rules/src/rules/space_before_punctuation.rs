use doclint_core::{Diagnostic, Document, Edit, Fix, TokenKind};

use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a space before a full stop, comma, semicolon, colon, question
    /// mark or exclamation mark: "meeting ." / "word ,".
    ///
    /// ## Why is this bad?
    /// English sets these marks directly after the word. A space before them
    /// is left behind when a word or a footnote marker was deleted, or by a
    /// translation tool tokenising the sentence.
    ///
    /// ## Example
    /// ```text
    /// laying a solid foundation for a good democratic life meeting .
    /// ```
    /// Use instead:
    /// ```text
    /// laying a solid foundation for a good democratic life meeting.
    /// ```
    ///
    /// ## Fix safety
    /// Safe: only the space is removed. Not flagged: a mark that starts a
    /// number or a name (" .5", " .NET"), an ellipsis (" ...", " . . ."), a colon
    /// between numbers ("3 : 1"), and a mark at the start of a line.
    pub struct SpaceBeforePunctuation {
        id: "space-before-punctuation",
        category: Whitespace,
        severity: Warning,
        fix: Always,
    }
}

impl Rule for SpaceBeforePunctuation {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        let tokens = doc.tokens();
        for i in 1..tokens.len().saturating_sub(1) {
            let (prev, space, mark) = (tokens[i - 1], tokens[i], tokens[i + 1]);
            if space.kind != TokenKind::Space || mark.kind != TokenKind::Punct {
                continue;
            }
            let punct = doc.slice(mark.span);
            if !matches!(punct, "." | "," | ";" | ":" | "?" | "!") {
                continue;
            }
            if !matches!(prev.kind, TokenKind::Word | TokenKind::Number)
                && !matches!(doc.slice(prev.span), ")" | "”" | "’" | "\"" | "]")
            {
                continue;
            }
            // What follows the mark: it must end the word, not start one.
            let after = tokens.get(i + 2);
            let ends_here = after.is_none_or(|t| {
                t.is_blank()
                    || (t.kind == TokenKind::Punct
                        && matches!(doc.slice(t.span), "”" | "’" | "\"" | "'" | ")"))
            });
            if !ends_here {
                continue;
            }
            if punct == ":" && prev.kind == TokenKind::Number {
                continue;
            }
            // A spaced ellipsis ("home . . . for") is a deliberate style.
            let spaced_ellipsis = punct == "."
                && tokens.get(i + 2).is_some_and(|t| t.is_space())
                && tokens.get(i + 3).is_some_and(|t| doc.slice(t.span) == ".");
            if spaced_ellipsis {
                continue;
            }
            out.push(
                Self::META
                    .diagnostic(space.span, format!("space before '{punct}'"))
                    .with_help(format!(
                        "remove the space so that '{punct}' follows the word"
                    ))
                    .with_fix(Fix::safe(
                        "Remove the space",
                        vec![Edit::delete(space.span)],
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
    fn flags_space_before_stop_and_comma() {
        assert_eq!(
            flagged(
                &SpaceBeforePunctuation,
                "a good democratic life meeting . At the meeting , we met."
            ),
            vec![" ", " "]
        );
    }

    #[test]
    fn near_misses_are_quiet() {
        assert_no_lints(
            &SpaceBeforePunctuation,
            "Use .NET and .5 mm, wait ... then go. It was 3 : 1.\n. Starts a line. A home . . . for all.",
        );
    }

    #[test]
    fn fix_removes_space() {
        assert_safe_fix(
            &SpaceBeforePunctuation,
            "the meeting .\nWhy ?",
            "the meeting.\nWhy?",
        );
    }
}
