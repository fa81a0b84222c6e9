use doclint_core::{Diagnostic, Document, Edit, Fix, Span, Token, TokenKind, WordShape};

use crate::dictionary::Dictionary;
use crate::rule::{Context, Rule, RuleMeta};
use crate::words;
use crate::words::{in_address, COMMON_RANK};

declare_rule! {
    /// ## What it does
    /// Flags a comma, semicolon or colon written twice ("economy,, and",
    /// ";;"), a doubled full stop ("livelihood.."), and a comma glued to a
    /// full stop (",." or ".,").
    ///
    /// ## Why is this bad?
    /// Editing in a hurry, or a translation tool joining two segments,
    /// leaves one mark too many; English never doubles these marks. Not
    /// flagged: an ellipsis ("...", ". . .", "...."), dots in paths,
    /// addresses and ranges ("../dir", "1..10", "example.com.."), and an
    /// abbreviation's full stop before a comma ("etc.,", "e.g.,", "U.S.,",
    /// "Inc.,", "Calif.,"), which is correct: ".," is flagged only after a
    /// common dictionary word that is not an abbreviation. Two dots as an
    /// informal pause are not a doubled stop: before a lower-case word, an
    /// emoticon or a closing bracket ("anyway.. i think", "some say.. ;)"),
    /// or from a writer who pauses so (twice or more, and once in a thousand words). Nor is
    /// "::" or ";;" at the end of a line: reStructuredText's literal-block
    /// mark ("invoke::"), a definition ("--quiet::") or a shell case's end
    /// ("stop) halt ;;"). Doubled question
    /// and exclamation marks ("!!", "?!") are a matter of register, left to
    /// the `news-style/doubled-punctuation` pack rule.
    ///
    /// ## Example
    /// ```text
    /// to improve people's livelihood.. The economy,, and trade grew,.
    /// ```
    /// Use instead:
    /// ```text
    /// to improve people's livelihood. The economy, and trade grew.
    /// ```
    ///
    /// ## Fix safety
    /// Safe: one mark is kept. For ",." and ".," the comma is kept when a
    /// lower-case word follows (the sentence goes on) and the full stop
    /// otherwise; when ".," is followed by a capitalised word, which may be
    /// a name in the same sentence or the start of the next one, the fix
    /// (keeping the full stop) is unsafe.
    pub struct RepeatedPunctuation {
        id: "repeated-punctuation",
        category: Structure,
        severity: Warning,
        fix: Always,
    }
}

impl Rule for RepeatedPunctuation {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        let tokens = doc.tokens();
        let mut i = 0;
        let mut habit = None;
        while i < tokens.len() {
            let Some(mark) = mark_at(doc, tokens, i) else {
                i += 1;
                continue;
            };
            let end = run_end(doc, tokens, i, mark);
            if in_literal(
                doc.text(),
                tokens[i].span.start(),
                tokens[end - 1].span.end(),
            ) {
                i = end;
                continue;
            }
            // "invoke::", "--quiet::", "stop ;;": a reST literal block or
            // a definition, or a shell case's end, at the end of a line.
            let markup_at_line_end = matches!(mark, ':' | ';')
                && end - i == 2
                && tokens.get(end).is_none_or(|t| t.kind == TokenKind::Newline);
            let found = match (mark, end - i) {
                _ if markup_at_line_end => None,
                (',' | ';', n) if n >= 2 => doubled(doc, tokens, i, end),
                (':', 2) => doubled(doc, tokens, i, end),
                ('.', 2) => doubled_stop(doc, tokens, i, end, &mut habit),
                (',', 1) => comma_then_stop(doc, tokens, i),
                ('.', 1) => stop_then_comma(doc, tokens, i),
                _ => None,
            };
            out.extend(found);
            i = end;
        }
    }
}

/// "[\s,.]", "ffff:ffff::": marks inside an escaped literal (a regular
/// expression, a Windows path) or an IPv6 address are characters of the
/// literal, not punctuation.
fn in_literal(text: &str, start: usize, end: usize) -> bool {
    let chunk = &text[crate::words::blank_delimited_chunk(text, start, end)];
    let ipv6 = chunk.contains("::")
        && chunk.bytes().any(|b| b.is_ascii_hexdigit())
        && chunk.bytes().all(|b| b.is_ascii_hexdigit() || b == b':');
    ipv6 || chunk.contains('\\')
}

/// The mark of token `i` if it is one of `,` `;` `:` `.`.
fn mark_at(doc: &Document, tokens: &[Token], i: usize) -> Option<char> {
    let token = tokens.get(i)?;
    if token.kind != TokenKind::Punct || token.span.len() != 1 {
        return None;
    }
    // One byte: the first byte of the token is the whole mark.
    match doc.text().as_bytes()[token.span.start()] {
        b',' => Some(','),
        b';' => Some(';'),
        b':' => Some(':'),
        b'.' => Some('.'),
        _ => None,
    }
}

/// The end of the run of `mark` starting at token `i`.
fn run_end(doc: &Document, tokens: &[Token], i: usize, mark: char) -> usize {
    let mut end = i + 1;
    while mark_at(doc, tokens, end) == Some(mark) {
        end += 1;
    }
    end
}

/// Whether the token before `i` ends a word the mark can follow: a word, a
/// number, or a closing bracket or quotation mark.
fn follows_word(doc: &Document, tokens: &[Token], i: usize) -> bool {
    let Some(previous) = i.checked_sub(1).map(|j| tokens[j]) else {
        return false;
    };
    match previous.kind {
        TokenKind::Word | TokenKind::Number => true,
        TokenKind::Punct => {
            matches!(doc.slice(previous.span), ")" | "]")
                || words::ends_quote_or_word(doc, &previous)
        }
        _ => false,
    }
}

/// Whether the marks end at token `end`: white space, the end of the text,
/// or a closing bracket or quotation mark follows.
fn ends_here(doc: &Document, tokens: &[Token], end: usize) -> bool {
    tokens.get(end).is_none_or(|next| {
        next.is_blank()
            || (next.kind == TokenKind::Punct
                && (matches!(doc.slice(next.span), ")" | "]")
                    || words::ends_quote_or_word(doc, next)))
    })
}

fn name(mark: char) -> &'static str {
    match mark {
        ',' => "comma",
        ';' => "semicolon",
        ':' => "colon",
        _ => "full stop",
    }
}

/// `,,` `;;` `::` (and `,,,`): one mark kept.
fn doubled(doc: &Document, tokens: &[Token], i: usize, end: usize) -> Option<Diagnostic> {
    if !follows_word(doc, tokens, i) || !ends_here(doc, tokens, end) {
        return None;
    }
    let mark = doc.slice(tokens[i].span);
    let span = Span::new(tokens[i].span.start(), tokens[end - 1].span.end());
    let times = match end - i {
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    };
    let name = name(mark.chars().next().unwrap_or(','));
    Some(
        RepeatedPunctuation::META
            .diagnostic(span, format!("{name} written {times}"))
            .with_help(format!("keep one `{mark}`"))
            .with_fix(Fix::safe(
                format!("Keep one `{mark}`"),
                vec![Edit::delete(Span::new(tokens[i].span.end(), span.end()))],
            )),
    )
}

/// `..` after a word, not part of an ellipsis, path, address or range.
fn doubled_stop(
    doc: &Document,
    tokens: &[Token],
    i: usize,
    end: usize,
    habit: &mut Option<bool>,
) -> Option<Diagnostic> {
    if !follows_word(doc, tokens, i) || !ends_here(doc, tokens, end) {
        return None;
    }
    // Two dots as an informal ellipsis: the sentence trails off into a
    // lower-case word, an emoticon or a closing bracket ("anyway.. i
    // don't", "some say.. ;)"), or the writer pauses with ".." often (at
    // least twice, and once in a thousand words).
    let next = tokens.get(end + 1).filter(|_| tokens[end].is_space());
    let trails_off = next.is_some_and(|t| {
        (t.is_word() && t.shape == WordShape::Lower)
            || crate::words::emoticon_at(doc.text(), t.span.start()).is_some()
    }) || tokens.get(end).is_some_and(|t| doc.slice(t.span) == ")");
    if trails_off || *habit.get_or_insert_with(|| uses_two_dot_pauses(doc, tokens)) {
        return None;
    }
    // ".. ." is a spaced ellipsis.
    let spaced_ellipsis =
        tokens.get(end).is_some_and(Token::is_space) && mark_at(doc, tokens, end + 1) == Some('.');
    let word = i - 1;
    let address = matches!(tokens[word].kind, TokenKind::Word | TokenKind::Number)
        && in_address(tokens, doc.text(), word);
    if spaced_ellipsis || address {
        return None;
    }
    doubled(doc, tokens, i, end)
}

/// Whether the writer pauses with two dots after a word often enough for
/// that to be their style: at least twice, and once in a thousand words.
fn uses_two_dot_pauses(doc: &Document, tokens: &[Token]) -> bool {
    let (mut pauses, mut words) = (0usize, 0usize);
    for (j, token) in tokens.iter().enumerate() {
        if token.is_word() {
            words += 1;
        }
        if j > 0
            && mark_at(doc, tokens, j) == Some('.')
            && mark_at(doc, tokens, j - 1) != Some('.')
            && run_end(doc, tokens, j, '.') == j + 2
            && follows_word(doc, tokens, j)
        {
            pauses += 1;
        }
    }
    pauses >= 2 && pauses * 1000 >= words
}

/// `,.` after a word: the comma is dropped, unless the sentence goes on.
fn comma_then_stop(doc: &Document, tokens: &[Token], i: usize) -> Option<Diagnostic> {
    let stop = i + 1;
    let single_stop =
        mark_at(doc, tokens, stop) == Some('.') && mark_at(doc, tokens, stop + 1) != Some('.');
    if !single_stop || !follows_word(doc, tokens, i) || !ends_here(doc, tokens, stop + 1) {
        return None;
    }
    let goes_on = next_word_shape(tokens, stop + 1) == Some(WordShape::Lower);
    let (keep, drop) = if goes_on { (",", stop) } else { (".", i) };
    Some(glued(tokens, i, ",.", keep, drop, true))
}

/// `.,` after a common word that is not an abbreviation ("etc.," and
/// "U.S.," are correct English).
fn stop_then_comma(doc: &Document, tokens: &[Token], i: usize) -> Option<Diagnostic> {
    let comma = i + 1;
    let single_comma =
        mark_at(doc, tokens, comma) == Some(',') && mark_at(doc, tokens, comma + 1) != Some(',');
    if !single_comma || !ends_here(doc, tokens, comma + 1) || !ends_plain_word(doc, tokens, i) {
        return None;
    }
    let (keep, drop, safe) = match next_word_shape(tokens, comma + 1) {
        Some(WordShape::Lower) => (",", i, true),
        None => (".", comma, true),
        Some(_) => (".", comma, false),
    };
    Some(glued(tokens, i, ".,", keep, drop, safe))
}

/// Whether the token before the full stop at `i` is a word that cannot be
/// an abbreviation: a common dictionary word of four letters or more in
/// lower case (six when capitalised: "Mass.", "Wash." are abbreviations
/// too) not on an abbreviation list, or a number of three digits or more.
/// Never after another full stop ("U.S.", "e.g.", "Ph.D.").
fn ends_plain_word(doc: &Document, tokens: &[Token], i: usize) -> bool {
    let Some(word_at) = i.checked_sub(1) else {
        return false;
    };
    let after_stop = word_at > 0 && doc.slice(tokens[word_at - 1].span) == ".";
    if after_stop {
        return false;
    }
    let token = tokens[word_at];
    let word = doc.slice(token.span);
    let letters = word.chars().count();
    match token.kind {
        TokenKind::Number => letters >= 3 && word.bytes().all(|b| b.is_ascii_digit()),
        TokenKind::Word => {
            let long_enough = match token.shape {
                WordShape::Lower => letters >= 4,
                WordShape::Capitalized => letters >= 6,
                _ => false,
            };
            long_enough
                && !crate::words::is_abbreviation(word)
                && Dictionary::builtin()
                    .rank(word)
                    .is_some_and(|rank| rank <= COMMON_RANK)
        }
        _ => false,
    }
}

/// The shape of the word after the white space at `from`, on the same
/// line; `None` at a line's or the text's end or before a non-word.
fn next_word_shape(tokens: &[Token], from: usize) -> Option<WordShape> {
    let mut j = from;
    while tokens.get(j).is_some_and(Token::is_space) {
        j += 1;
    }
    tokens
        .get(j)
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
        .map(|t| match t.kind {
            TokenKind::Number => WordShape::Lower,
            _ => t.shape,
        })
}

/// A comma and a full stop glued together (`pair` as written), fixed by
/// deleting token `drop` so that `keep` stays.
fn glued(
    tokens: &[Token],
    i: usize,
    pair: &str,
    keep: &str,
    drop: usize,
    safe: bool,
) -> Diagnostic {
    let span = Span::new(tokens[i].span.start(), tokens[i + 1].span.end());
    let title = format!("Keep the `{keep}`");
    let edits = vec![Edit::delete(tokens[drop].span)];
    let fix = if safe {
        Fix::safe(title, edits)
    } else {
        Fix::unsafe_(title, edits)
    };
    let message = match pair {
        ",." => "comma before a full stop",
        _ => "full stop before a comma",
    };
    RepeatedPunctuation::META
        .diagnostic(span, format!("`{pair}`: {message}"))
        .with_help(format!("keep one mark: `{keep}`"))
        .with_fix(fix)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn literals_and_addresses_are_quiet() {
        assert_no_lints(
            &RepeatedPunctuation,
            "For example, [\\s,.] is a character class. The netmask is ffff:ffff:ffff:ffff:: here.",
        );
        assert_eq!(
            flagged(
                &RepeatedPunctuation,
                "The class is broad,. The mask is wide:: here."
            ),
            vec![",.", "::"]
        );
    }

    #[test]
    fn doubled_marks() {
        assert_eq!(
            flagged(
                &RepeatedPunctuation,
                "the economy,, and trade;; then this:: and people's livelihood.. Next"
            ),
            vec![",,", ";;", "::", ".."]
        );
        assert_eq!(
            flagged(
                &RepeatedPunctuation,
                "He left,,, then came back (in 2023).."
            ),
            vec![",,,", ".."]
        );
    }

    #[test]
    fn two_dot_pauses_are_quiet() {
        // Trailing off into a lower-case word, a smiley or a bracket, or a
        // writer who pauses with two dots throughout.
        assert_no_lints(
            &RepeatedPunctuation,
            "anyway.. i dont like mice. Life sucks, some say.. ;) (and a cookie too..)\n",
        );
        assert_no_lints(
            &RepeatedPunctuation,
            "Dunno.. Some of the new ones work. So.. Tell me again how.\n",
        );
        // Markup and a shell case's end close a line.
        assert_no_lints(
            &RepeatedPunctuation,
            "To run the tests, invoke::\n\n    make check\n\n  stop) halt ;;\n",
        );
        // Near-miss: one doubled stop before a capital in longer prose,
        // and doubled marks inside a line.
        assert_eq!(
            flagged(
                &RepeatedPunctuation,
                "It didn't work.. \"Really\".\nThe list:: Then;; go.\n"
            ),
            vec!["..", "::", ";;"]
        );
        let prose = format!(
            "{} The climate.. The government is eager.\n",
            "The economy grew and trade rose. ".repeat(200)
        );
        assert_eq!(flagged(&RepeatedPunctuation, &prose), vec![".."]);
    }

    #[test]
    fn ellipses_paths_and_ranges_are_quiet() {
        assert_no_lints(
            &RepeatedPunctuation,
            "Wait... then go. A home . . . for all. It ends.... Next, see ../dir and \
             pages 1..10, visit example.com.. or main..dev. Use std::vector, a,,b \
             and 1,,000. Words .. alone.",
        );
    }

    #[test]
    fn comma_and_full_stop_glued() {
        assert_eq!(
            flagged(
                &RepeatedPunctuation,
                "The trade grew,. The city said., and the people agreed., Then 2023., too"
            ),
            vec![",.", ".,", ".,", ".,"]
        );
    }

    #[test]
    fn abbreviations_before_a_comma_are_quiet() {
        assert_no_lints(
            &RepeatedPunctuation,
            "Cities, towns, etc., all grew; e.g., Dalian, U.S., Inc., Ltd., Corp., \
             Calif., Mass., Wash., a.m., Ph.D., Co., No., approx., Dept., et al., \
             Jr., and Plan B., too. The vol., ch., sec., and pp., noted. See figs., \
             vols., temp., info., (2023)., too.",
        );
    }

    #[test]
    fn fixes_keep_one_mark() {
        assert_safe_fix(
            &RepeatedPunctuation,
            "economy,, and livelihood.. The trade grew,. Done;; ok",
            "economy, and livelihood. The trade grew. Done; ok",
        );
        assert_safe_fix(
            &RepeatedPunctuation,
            "the plan,. and the city said., and then the report.,\n",
            "the plan, and the city said, and then the report.\n",
        );
    }

    #[test]
    fn capitalised_word_after_stop_and_comma_is_unsafe() {
        assert_unsafe_fix(
            &RepeatedPunctuation,
            "the city said., Li Ming added.",
            "the city said. Li Ming added.",
        );
    }

    #[test]
    fn question_and_exclamation_marks_are_left_to_the_pack() {
        assert_no_lints(&RepeatedPunctuation, "Really?? Yes!! Who pays?!");
    }
}
