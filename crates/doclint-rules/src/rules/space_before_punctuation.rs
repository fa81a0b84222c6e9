use doclint_core::{Diagnostic, Document, Edit, Fix, TokenKind};

use crate::rule::{Context, Rule, RuleMeta};
use crate::words;
use crate::words::{emoticon_at, emoticon_before, in_code_like_line, in_link_or_path};

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
    /// between numbers ("3 : 1"), a mark at the start of a line, an
    /// emoticon (" :)", " ;-)") and a mark after one, a mark kept apart
    /// from a URL, address or path ("http://x.org/a ."), a mark named as a
    /// character ("add a ? to") or as a key ("type ! at the prompt", "use
    /// *, +, or ?"), a mark after a run of padding (a column: "500   ?"),
    /// a mark between numbers or single letters (a numbered listing "22 .
    /// 23", letter-spaced text "S t . M o m"), and lines of code, commands
    /// or program output in plain text ("color : black;", "$ ls ;"), a mark
    /// after an article or a conjunction ("while ! forbids"), a lone stop
    /// before a quoted argument in lower case ("folder-hook .  'set x'") or
    /// another lone mark (a list of characters: "the marks . + - ~") and
    /// a mark after a number with padding after it ("640 ?        Ss").
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
                && !matches!(doc.slice(prev.span), ")" | "]")
                && !words::ends_quote_or_word(doc, &prev)
            {
                continue;
            }
            // What follows the mark: it must end the word, not start one.
            let after = tokens.get(i + 2);
            let ends_here = after.is_none_or(|t| {
                t.is_blank()
                    || (t.kind == TokenKind::Punct
                        && (doc.slice(t.span) == ")" || words::ends_quote_or_word(doc, t)))
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
            if is_not_prose_punctuation(doc, i) {
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

/// Whether the mark after the space at token `i` is not punctuation set
/// after a word: an emoticon (" :)", " ;-)"), a mark after an emoticon
/// ("doesn't :-) ."), a mark kept apart from a URL, address or path so as
/// not to be read as part of it ("see http://x.org/a ."), a mark named as a
/// character ("add a ? to the URL", "known as . (one dot)"), or a mark in a line of code, a command
/// or program output ("color : black;").
fn is_not_prose_punctuation(doc: &Document, i: usize) -> bool {
    let tokens = doc.tokens();
    let text = doc.text();
    let (space, mark) = (tokens[i].span, tokens[i + 1].span);
    let prev = tokens[i - 1];
    if emoticon_at(text, mark.start()).is_some() || emoticon_before(text, space.start()) {
        return true;
    }
    if in_link_or_path(text, prev.span.start()) {
        return true;
    }
    // After an article or a conjunction no clause ends: the mark is a
    // character being talked about ("while ! marks a negation").
    let named = prev.kind == TokenKind::Word
        && matches!(
            doc.slice(prev.span),
            "a" | "an"
                | "the"
                | "A"
                | "An"
                | "The"
                | "nor"
                | "but"
                | "while"
                | "whereas"
                | "because"
                | "unless"
        );
    // A key to press or a mark to type: "type ! to", "Typing ? prints",
    // "use *, +, or ? when you can".
    let keyed = prev.kind == TokenKind::Word
        && matches!(doc.slice(mark), "!" | "?")
        && matches!(
            doc.slice(prev.span),
            "type" | "types" | "typed" | "typing" | "Type" | "Typing"
        );
    let in_list_of_marks = prev.kind == TokenKind::Word
        && matches!(doc.slice(prev.span), "or" | "and")
        && i >= 4
        && doc.slice(tokens[i - 2].span) == " "
        && doc.slice(tokens[i - 3].span) == ","
        && matches!(tokens[i - 4].kind, TokenKind::Punct | TokenKind::Symbol);
    // A run of padding lays out a column ("500   ?   S", "Women      ."),
    // not a slip of one space.
    let space_run = doc.slice(space);
    // After a number two spaces are enough: a column of program output
    // ("1332  500  ?  S").
    let least = if prev.kind == TokenKind::Number { 2 } else { 3 };
    let padding = space_run.chars().count() >= least;
    // Between numbers or single letters the mark is part of a numbered
    // listing or of letter-spaced text ("version. 23 . 24", "S t . M o m").
    let after = tokens.get(i + 3).filter(|_| tokens[i + 2].is_space());
    let single = |t: &doclint_core::Token| t.is_word() && doc.slice(t.span).chars().count() == 1;
    let between_numbers =
        prev.kind == TokenKind::Number && after.is_some_and(|t| t.kind == TokenKind::Number);
    // "1332 500 ?        S": padding after the mark lays out a column too.
    let padded_after = prev.kind == TokenKind::Number
        && tokens
            .get(i + 2)
            .is_some_and(|t| t.is_space() && doc.slice(t.span).chars().count() >= 3);
    let letter_spaced = single(&prev) && after.is_some_and(single);
    if keyed || in_list_of_marks || padding || padded_after || between_numbers || letter_spaced {
        return true;
    }
    // "known as . (one dot)", "from . import x": a lone full stop that no
    // capital or line end follows does not end a sentence.
    // "send-hook .  'my_hdr From'": nor does one before a quoted argument
    // that starts in lower case.
    let lone_stop = doc.slice(mark) == "."
        && tokens.get(i + 2).is_some_and(|t| t.is_space())
        && tokens.get(i + 3).is_some_and(|t| {
            let next = doc.slice(t.span);
            let quoted_lower = matches!(next, "'" | "\"")
                && text[t.span.end()..].starts_with(|c: char| c.is_lowercase());
            // "the characters . + - ~": one of a list of marks.
            let listed_mark = matches!(
                next,
                "+" | "~" | "*" | "/" | "#" | "@" | "&" | "%" | "=" | "|" | "^" | "<" | ">" | "_"
            ) && tokens.get(i + 4).is_none_or(|t| t.is_blank());
            next == "("
                || listed_mark
                || quoted_lower
                || (t.is_word() && next.starts_with(|c: char| c.is_lowercase()))
        });
    named || lone_stop || in_code_like_line(doc, mark.start())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn a_stop_in_a_list_of_marks_is_quiet() {
        assert_no_lints(
            &SpaceBeforePunctuation,
            "Tags may hold letters, digits and the marks . + - ~ only.",
        );
        assert_lint_count(
            &SpaceBeforePunctuation,
            "Tags hold letters . Digits + marks too.",
            1,
        );
    }

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
    fn a_space_after_any_closing_quotation_mark_is_flagged() {
        // The Document reads the straight single marks as a closing quote
        // and a possessive apostrophe.
        assert_eq!(
            flagged(
                &SpaceBeforePunctuation,
                "Ran 'apt-get update' , then the members' . Done."
            ),
            vec![" ", " "]
        );
        assert_no_lints(
            &SpaceBeforePunctuation,
            "Ran 'apt-get update', then the members'. Done.",
        );
    }

    #[test]
    fn shell_lines_and_output_columns_are_quiet() {
        let text = "Try this:\n\n  if ! [ -d $d/patches ]; then mkdir $d/patches ; fi\n  \
                    (read ; read ; nc -lp 80 ) | cat\n  root  422  1332  500  ?  S\n\n\
                    Did it work ? It cost 500 ? No.\n";
        assert_eq!(flagged(&SpaceBeforePunctuation, text), vec![" ", " "]);
    }

    #[test]
    fn near_misses_are_quiet() {
        assert_no_lints(
            &SpaceBeforePunctuation,
            "Use .NET and .5 mm, wait ... then go. It was 3 : 1.\n. Starts a line. A home . . . for all.",
        );
    }

    #[test]
    fn emoticons_links_and_code_are_quiet() {
        assert_no_lints(
            &SpaceBeforePunctuation,
            "It worked :) and then ;-) it broke. No it doesn't :-) . See http://example.org/a . \
             Mail me at a@b.ie , then add a ? to the URL.\n    color : black;\n",
        );
    }

    #[test]
    fn prose_beside_emoticons_and_links_is_flagged() {
        assert_eq!(
            flagged(
                &SpaceBeforePunctuation,
                "Is this normal ? Try this list : it works :)\nSee the site , then mail."
            ),
            vec![" ", " ", " "]
        );
    }

    #[test]
    fn a_named_full_stop_is_quiet() {
        assert_no_lints(
            &SpaceBeforePunctuation,
            "The directory is known as . (one dot), so run from . import mod here.",
        );
        // A spaced stop before the next sentence is still a slip.
        assert_lint_count(
            &SpaceBeforePunctuation,
            "It runs RH7.3 . The server is up.",
            1,
        );
    }

    #[test]
    fn keys_listings_and_padding_are_quiet() {
        assert_no_lints(
            &SpaceBeforePunctuation,
            "To answer nothing, type ! at the prompt. Typing ? will print the list. \
             Use *, +, or ? when you can.\nroot 422 0.4 500   ?   S 03:18\n\
             Read the License. 23 . 24 This program\nS t . M o m\n",
        );
        // Near-misses: the same marks after ordinary words.
        assert_eq!(
            flagged(
                &SpaceBeforePunctuation,
                "I type too fast ! Use this, or ? It ran in 2013 . The end. A dog . M o\n\
                 Press Enter ; then the type , as before.\n",
            ),
            vec![" ", " ", " ", " ", " ", " "]
        );
    }

    #[test]
    fn marks_talked_about_columns_and_quoted_arguments_are_quiet() {
        assert_no_lints(
            &SpaceBeforePunctuation,
            "In the grammar, & asks for a match while ! forbids one.\n\
             Add the rule:\n\n    folder-hook .   'set sort=threads'\n\n\
             daemon  88  0.0  0.1  2020 640 ?        Ss   09:12  0:00 /usr/sbin/atd\n",
        );
        // The same shapes after ordinary words are slips.
        assert_eq!(
            flagged(
                &SpaceBeforePunctuation,
                "It failed again ! Then we rebooted .  'Done', she said. It cost 2020 ? No.\n"
            ),
            vec![" ", " ", " "]
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
