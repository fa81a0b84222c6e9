use std::sync::Arc;

use doclint_core::{Diagnostic, Document, Edit, Fix, Quote, QuoteRole, Token, TokenKind};

use crate::rule::{Context, Rule, RuleMeta};
use crate::words;
use crate::words::{in_code_like_line, in_link_or_path};

declare_rule! {
    /// ## What it does
    /// Flags a space just inside a pair of brackets or quotation marks:
    /// after an opening `(` `[` `“` `‘` or before a closing `)` `]` `”` `’`
    /// on the same line ("( CPPCC )", "[ 1 ]", "the “ people-centred ”
    /// idea"). Straight marks (`"` `'`) are checked only where they pair.
    ///
    /// ## Why is this bad?
    /// English sets brackets and quotation marks directly against the words
    /// they enclose. Translation tools that tokenise a sentence leave these
    /// spaces behind, and they make the marks look detached from the text.
    ///
    /// ## Example
    /// ```text
    /// the Chinese People's Political Consultative Conference ( CPPCC ) and the “ two upholds ”
    /// ```
    /// Use instead:
    /// ```text
    /// the Chinese People's Political Consultative Conference (CPPCC) and the “two upholds”
    /// ```
    ///
    /// ## Fix safety
    /// Safe: only the space is removed. Only marks that pair within their
    /// paragraph are checked, so apostrophes ("the workers’ union", "’90s",
    /// "rock ’n’ roll"), stray marks and Markdown link text are left alone.
    /// Not flagged: a space before an opening mark or after a closing one,
    /// an empty pair ("( )", a Markdown task box "[ ]"), an omission mark
    /// ("[ … ]", "[ ... ]"), Markdown code spaced off inside a pair ("( `-` )"),
    /// a mark at the end or start of a line, a URL or path spaced off inside
    /// a pair ("( http://x.org/a )"), nested quotation marks spaced apart
    /// ("‘Great,’ ” he said"), a pair framed by dashes or stars ("-[ A ]-"),
    /// a pair with a backslash inside ("[ \t\n]"), a shell test or code
    /// ("[ -d $dir ]", "“ {pre,post}”") and lines of code,
    /// commands or program output in plain text, marks named as characters
    /// ("the [ and ] keys", "add a [ on a line"), a quoted word with its
    /// space ("\"From \"") and a
    /// smiley set off before a closing mark ("(as planned ;) )"), a pair
    /// with only marks and symbols inside ("( ^_^ )", "[ * ]", "( ͡° ͜ʖ ͡°)"),
    /// a pair around an operator of code or a pattern ("( a | b )",
    /// "( key = value )") and an array literal ("[ 1, 2, 3 ]",
    /// "[ foo, bar ]"), a bracket glued to the name it calls or indexes
    /// ("foo( a, b )", "items[ i ]") and key caps joined by a plus sign
    /// ("[ Ctrl ] + [ C ]"). A
    /// no-break space inside a pair is reported here rather than by
    /// `irregular-whitespace`, whose fix (one ordinary space) would leave
    /// the defect; a run of only zero-width characters is left to that rule.
    pub struct SpaceInsideBrackets {
        id: "space-inside-brackets",
        category: Whitespace,
        severity: Warning,
        fix: Always,
    }
}

/// Key of the document memo holding [`InsideSpace`]s (shared with
/// `double-space` and `irregular-whitespace`, which leave these runs to
/// this rule).
const MEMO_KEY: u64 = 0x696e_7369_6465_7370; // "insidesp"

/// A run of spaces just inside a pair of marks.
#[derive(Clone, Copy, Debug)]
struct InsideSpace {
    /// Index of the space token.
    space: usize,
    /// Index of the mark token it touches.
    mark: usize,
    /// Whether that mark opens the pair (the space follows it).
    opening: bool,
}

/// Every space just inside a pair of `doc`, sorted by token, computed once
/// per document.
fn inside_spaces(doc: &Document) -> Arc<Vec<InsideSpace>> {
    doc.memo(MEMO_KEY, find_inside_spaces)
}

/// Whether the space token `i` of `doc` stands just inside a pair of
/// brackets or quotation marks: this rule's finding.
pub(crate) fn is_space_inside_brackets(doc: &Document, i: usize) -> bool {
    // Most runs touch no mark: answer those without pairing the document.
    let tokens = doc.tokens();
    let is_mark = |j: Option<usize>| {
        j.and_then(|j| tokens.get(j)).is_some_and(|t| {
            t.kind == TokenKind::Punct && {
                let mark = doc.slice(t.span);
                matches!(mark, "(" | "[" | ")" | "]") || words::is_quote_glyph(mark)
            }
        })
    };
    if !is_mark(i.checked_sub(1)) && !is_mark(Some(i + 1)) {
        return false;
    }
    inside_spaces(doc)
        .binary_search_by_key(&i, |found| found.space)
        .is_ok()
}

fn find_inside_spaces(doc: &Document) -> Vec<InsideSpace> {
    let tokens = doc.tokens();
    let mut found = Vec::new();
    for (open, close) in bracket_pairs(doc).chain(quote_pairs(doc)) {
        check_pair(doc, tokens, open, close, &mut found);
    }
    found.sort_by_key(|s| s.space);
    found.dedup_by_key(|s| s.space);
    found
}

/// Token indexes of the brackets that pair within each paragraph.
fn bracket_pairs(doc: &Document) -> impl Iterator<Item = (usize, usize)> + '_ {
    let tokens = doc.tokens();
    let mut pairs = Vec::new();
    let mut open: Vec<(usize, &str)> = Vec::new();
    for paragraph in doc.paragraphs() {
        // Most paragraphs open no bracket: skip them at memory speed.
        if memchr::memchr2(b'(', b'[', doc.slice(paragraph.span).as_bytes()).is_none() {
            continue;
        }
        open.clear();
        let start = paragraph.tokens.start as usize;
        for (offset, token) in doc.tokens_in(&paragraph.tokens).iter().enumerate() {
            if token.kind != TokenKind::Punct {
                continue;
            }
            let i = start + offset;
            // An escaped mark (`\(`) is a literal character, not a bracket.
            if i > 0 && doc.slice(tokens[i - 1].span) == "\\" {
                continue;
            }
            let closes = match doc.slice(token.span) {
                mark @ ("(" | "[") => {
                    open.push((i, mark));
                    continue;
                }
                ")" => "(",
                "]" => "[",
                _ => continue,
            };
            // Openers above the match were never closed.
            if let Some(at) = open.iter().rposition(|&(_, mark)| mark == closes) {
                pairs.push((open[at].0, i));
                open.truncate(at);
            }
        }
    }
    pairs.into_iter()
}

/// Token indexes of the quotation marks the document model pairs with
/// confidence: an apostrophe or a mark it cannot pair is never one of them.
fn quote_pairs(doc: &Document) -> impl Iterator<Item = (usize, usize)> + '_ {
    let quotes = doc.quotes();
    let token_of = |offset: usize| {
        let i = doc.token_at_or_after(offset);
        doc.tokens()
            .get(i)
            .is_some_and(|t| t.span.start() == offset && t.kind == TokenKind::Punct)
            .then_some(i)
    };
    quotes.iter().enumerate().filter_map(move |(i, quote)| {
        let partner = quote.partner? as usize;
        let closer = quotes.get(partner)?;
        if quote.role != QuoteRole::Opening || closer.role != QuoteRole::Closing {
            return None;
        }
        if !is_confident_pair(quotes, i, partner) {
            return None;
        }
        Some((
            token_of(quote.span.start())?,
            token_of(closer.span.start())?,
        ))
    })
}

/// Whether the pair of quotes `open` and `close` is more than the model's
/// best guess. A stray mark ("implement the ” The strategy of “Five New”")
/// gets paired with an opener left open sentences earlier, across whole
/// quotations of its own kind, or with a mark drawn facing the wrong way;
/// its space is then no defect of spacing, and `unbalanced-quote` has the
/// finding.
fn is_confident_pair(quotes: &[Quote], open: usize, close: usize) -> bool {
    let kind = quotes[open].kind;
    // Searching only to the next mark of the same kind keeps this linear.
    let next_same_kind = quotes[open + 1..]
        .iter()
        .position(|q| q.kind == kind && q.is_quote())
        .map(|at| open + 1 + at);
    let facing_its_role = |q: &Quote| q.glyph_role.is_none_or(|glyph| glyph == q.role);
    next_same_kind == Some(close)
        && facing_its_role(&quotes[open])
        && facing_its_role(&quotes[close])
}

/// Records the spaces just inside the pair of marks at tokens `open` and
/// `close`.
fn check_pair(
    doc: &Document,
    tokens: &[Token],
    open: usize,
    close: usize,
    found: &mut Vec<InsideSpace>,
) {
    let Some(inside) = tokens.get(open + 1..close) else {
        return;
    };
    // An empty pair ("( )", a task box "[ ]") or an omission mark ("[ … ]").
    let only_spaces_or_ellipsis = inside.iter().all(|t| {
        t.is_space() || (t.kind == TokenKind::Punct && matches!(doc.slice(t.span), "…" | "."))
    });
    // Markdown code set off inside a pair ("dashes ( `-` )") is spaced on
    // purpose, to stand apart from the marks.
    let only_code = inside
        .iter()
        .all(|t| t.is_space() || t.kind == TokenKind::Code);
    if only_spaces_or_ellipsis || only_code || is_not_prose_pair(doc, tokens, open, close) {
        return;
    }
    let visible_space = |t: &Token| t.is_space() && !doc.slice(t.span).chars().all(is_zero_width);
    // A space at a line's end or start belongs to the whitespace rules of
    // the line's edges; the pair may run over the line break.
    let not_newline = |i: usize| tokens.get(i).is_some_and(|t| t.kind != TokenKind::Newline);
    let text = doc.text();
    // "( http://example.org/a )": a URL or path is spaced off on purpose,
    // so that the mark is not read as part of it. "‘Great,’ ” he said":
    // nested quotation marks are spaced apart, not from the words.
    let set_off = |i: usize| {
        tokens.get(i).is_some_and(|t| {
            in_link_or_path(text, t.span.start())
                || (t.kind == TokenKind::Punct && words::is_quotation_mark(doc, t))
        })
    };
    if visible_space(&tokens[open + 1]) && not_newline(open + 2) && !set_off(open + 2) {
        found.push(InsideSpace {
            space: open + 1,
            mark: open,
            opening: true,
        });
    }
    if visible_space(&tokens[close - 1])
        && close >= 2
        && not_newline(close - 2)
        && !set_off(close - 2)
    {
        found.push(InsideSpace {
            space: close - 1,
            mark: close,
            opening: false,
        });
    }
}

/// Whether the pair at tokens `open` and `close` is not an aside of prose:
/// in a line of code, a command or program output in plain text ("[ 1]" in
/// a log line), with a backslash inside (a character class "[ \t\n]"),
/// or drawn as a frame with dashes, stars or equals signs glued outside it
/// ("-[ G O D ]-").
fn is_not_prose_pair(doc: &Document, tokens: &[Token], open: usize, close: usize) -> bool {
    let decoration = |t: Option<&Token>| {
        t.is_some_and(|t| {
            matches!(t.kind, TokenKind::Punct | TokenKind::Symbol)
                && matches!(doc.slice(t.span), "-" | "*" | "=" | "~" | "#")
        })
    };
    let framed = open
        .checked_sub(1)
        .is_some_and(|j| decoration(tokens.get(j)))
        || decoration(tokens.get(close + 1));
    // "load (string [ , options ])", "then( val => )", "(read ; nc > f )":
    // an argument list or a command, not words of a sentence.
    let inside: Vec<&Token> = tokens[open + 1..close]
        .iter()
        .filter(|t| !t.is_blank())
        .collect();
    let is_code_mark = |t: &&Token| {
        matches!(t.kind, TokenKind::Punct | TokenKind::Symbol)
            && matches!(
                doc.slice(t.span),
                "," | ";" | "=" | ">" | "<" | "|" | "$" | "{" | "}"
            )
    };
    // "[ -d $dir ]", "[ ! -f x ]": a shell test opens with an option flag
    // or a negation glued to what it tests.
    let flag = (open + 1..close)
        .find(|&j| !tokens[j].is_blank())
        .is_some_and(|j| {
            matches!(doc.slice(tokens[j].span), "-" | "!")
                && tokens
                    .get(j + 1)
                    .is_some_and(|u| u.is_word() || doc.slice(u.span) == "-")
        });
    // "( a | b )", "( key = value )", "( x => x * 2 )": an operator of code
    // or a pattern between the terms.
    let operator = inside.iter().any(|t| {
        matches!(t.kind, TokenKind::Punct | TokenKind::Symbol)
            && matches!(
                doc.slice(t.span),
                "|" | "=" | "=>" | "->" | "==" | "!=" | "&&" | "||" | "<=" | ">="
            )
    });
    // "[ 1, 2, 3 ]", "[ \"a\", \"b\" ]", "[ foo, bar ]": an array literal,
    // items of one term each between commas.
    let array = doc.slice(tokens[open].span) == "["
        && inside.iter().any(|t| doc.slice(t.span) == ",")
        && doc.text()[tokens[open].span.end()..tokens[close].span.start()]
            .split(',')
            .all(|item| {
                let item = item.trim().trim_matches(['"', '\'']);
                !item.is_empty() && !item.contains(char::is_whitespace)
            });
    // "foo( a, b )", "items[ i ]", "then( fn )": a bracket glued to the
    // name before it calls or indexes it; spaces inside are a code style.
    // A bracket of prose follows a space.
    let call = open.checked_sub(1).is_some_and(|j| {
        let before = &tokens[j];
        before.span.end() == tokens[open].span.start()
            && (before.is_word()
                || before.kind == TokenKind::Number
                || matches!(doc.slice(before.span), ")" | "]"))
    });
    // "[ Ctrl ] + [ C ]", "[ Alt ]+[ F2 ]": key caps joined by a plus sign.
    let plus_beside = |j: Option<usize>, step: isize| {
        let mut j = j;
        while let Some(k) = j.filter(|&k| tokens.get(k).is_some_and(Token::is_space)) {
            j = k.checked_add_signed(step);
        }
        j.and_then(|k| tokens.get(k))
            .is_some_and(|t| doc.slice(t.span) == "+")
    };
    let key_cap = doc.slice(tokens[open].span) == "["
        && inside.len() <= 2
        && (plus_beside(open.checked_sub(1), -1) || plus_beside(Some(close + 1), 1));
    let notation = flag
        || operator
        || array
        || call
        || key_cap
        || inside.first().is_some_and(is_code_mark)
        || inside.last().is_some_and(is_code_mark)
        || inside
            .iter()
            .filter(|t| is_code_mark(t) && doc.slice(t.span) != ",")
            .count()
            >= 2;
    // "the [ and ] keys": the marks are named, not used; "“From ”": a
    // quoted word with its space is a literal string.
    let text_inside = doc.text()[tokens[open].span.end()..tokens[close].span.start()].trim();
    let one_word = inside.len() == 1 && inside[0].is_word();
    // "add a [ here and a ] there": an article before a closing mark names
    // it (an aside does not end in "a").
    let named = |i: usize| {
        i >= 2
            && tokens[i - 1].is_space()
            && matches!(
                doc.slice(tokens[i - 2].span),
                "a" | "an" | "the" | "A" | "An" | "The"
            )
    };
    let named_marks =
        named(close) || one_word && matches!(text_inside, "and" | "or" | "to" | "through" | "vs");
    let is_quote = |i: usize| words::is_quotation_mark(doc, &tokens[i]);
    let ascii_spaced = |i: usize| doc.slice(tokens[i].span) == " ";
    let literal = one_word && is_quote(open) && (ascii_spaced(open + 1) || ascii_spaced(close - 1));
    // "(as Craig's ;} )": the space sets off a smiley, not the words.
    let smiley = [":)", ";)", ":-)", ";-)", ":}", ";}", ":(", ":-("]
        .iter()
        .any(|s| text_inside.ends_with(s));
    // "( ^_^ )", "[ * ]", "( >_< )": only marks and symbols inside, so the
    // pair is a kaomoji's face or notation, not an aside of words.
    // "( ͡° ͜ʖ ͡°)" draws its face with IPA letters and combining marks: no
    // Latin letter, digit or CJK word inside.
    let only_symbols = inside
        .iter()
        .all(|t| matches!(t.kind, TokenKind::Punct | TokenKind::Symbol))
        || doc.text()[tokens[open].span.end()..tokens[close].span.start()]
            .chars()
            .all(|c| {
                !(c.is_ascii_alphanumeric()
                    || (c.is_alphanumeric() && !('\u{250}'..='\u{2AF}').contains(&c)))
            });
    framed
        || notation
        || named_marks
        || literal
        || smiley
        || only_symbols
        || tokens[open + 1..close]
            .iter()
            .any(|t| t.kind == TokenKind::Punct && doc.slice(t.span) == "\\")
        || in_code_like_line(doc, tokens[open].span.start())
        || in_code_like_line(doc, tokens[close].span.start())
}

fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

impl Rule for SpaceInsideBrackets {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        let tokens = doc.tokens();
        for found in inside_spaces(doc).iter() {
            let space = tokens[found.space].span;
            let mark = doc.slice(tokens[found.mark].span);
            let (message, help) = if found.opening {
                (
                    format!("space after opening '{mark}'"),
                    format!("remove the space so that the text follows '{mark}'"),
                )
            } else {
                (
                    format!("space before closing '{mark}'"),
                    format!("remove the space so that '{mark}' follows the text"),
                )
            };
            out.push(
                Self::META
                    .diagnostic(space, message)
                    .with_help(help)
                    .with_fix(Fix::safe("Remove the space", vec![Edit::delete(space)])),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn shell_tests_and_braces_are_notation() {
        assert_no_lints(
            &SpaceInsideBrackets,
            "Loop while [ -d $d/debian ] holds, or if ! [ -z $X ] then stop; \
             see Section 5.18, “ {pre,post}{inst,rm}”.\n",
        );
        // Near-misses: a dash spaced off, or glued inside, in an aside of words.
        assert_lint_count(
            &SpaceInsideBrackets,
            "The modem ( - the old one ) failed, and ( the new -one ) too.\n",
            4,
        );
    }

    #[test]
    fn markdown_code_spaced_inside_a_pair_is_quiet() {
        assert!(lint_markdown(
            &SpaceInsideBrackets,
            "Names have no dashes ( `-` ) in them.\n"
        )
        .is_empty());
        assert_eq!(
            lint_markdown(
                &SpaceInsideBrackets,
                "Names have no dashes ( `-` or `_`) in them.\n"
            )
            .len(),
            1
        );
    }

    #[test]
    fn flags_spaces_inside_brackets() {
        assert_eq!(
            flagged(
                &SpaceInsideBrackets,
                "the Conference ( CPPCC ) and note [ 1 ]."
            ),
            vec![" ", " ", " ", " "]
        );
    }

    #[test]
    fn flags_spaces_inside_curly_quotes() {
        let text = "adhere to the “ people-centred ” idea and the ‘ two upholds ’ now.";
        assert_lint_count(&SpaceInsideBrackets, text, 4);
    }

    #[test]
    fn flags_one_side_only() {
        let text = "the Conference (CPPCC ) and the “people-centred ” idea";
        let found = lint(&SpaceInsideBrackets, text);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].message, "space before closing ')'");
        assert_eq!(found[1].message, "space before closing '”'");
    }

    #[test]
    fn flags_paired_straight_quotes() {
        assert_eq!(
            flagged(&SpaceInsideBrackets, r#"the " people-centered" idea"#),
            vec![" "]
        );
    }

    #[test]
    fn clean_typography_is_quiet() {
        assert_no_lints(
            &SpaceInsideBrackets,
            "The plan (adopted in 2019) and “the idea” [1] work. \
             The workers’ union in the ’90s played rock ’n’ roll, 'cause \
             members' homes. He said \"yes\" and 'no'.",
        );
    }

    #[test]
    fn empty_pairs_and_omissions_are_quiet() {
        assert_no_lints(
            &SpaceInsideBrackets,
            "Call f( ) or fill [ ] and “ ”. He said “we [ … ] will” and [ ... ] more [...].",
        );
    }

    #[test]
    fn markdown_task_lists_and_code_are_quiet() {
        let text = "- [ ] todo\n- [x] done\n\nRun `f( x )` and see [ the link ](http://a.b).\n";
        let found = lint_markdown(&SpaceInsideBrackets, text);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn unpaired_marks_and_smileys_are_quiet() {
        assert_no_lints(
            &SpaceInsideBrackets,
            "That was sad :( but (really) fine.\n\nA stray ” mark and a lone ‘ one.\n\n1 ) first",
        );
    }

    #[test]
    fn stray_marks_the_model_pairs_by_guess_are_quiet() {
        // An opener left open pairs with the stray mark across whole
        // quotations; a mark drawn facing the wrong way pairs by guess.
        assert_no_lints(
            &SpaceInsideBrackets,
            "It should \"be organised, fight the \"six battles\", and implement the \" The \
             strategy of \"Five New\" now.\n\nAt all levels ”should do a job, and implement the ” \
             The strategy of “Five New” now.",
        );
    }

    #[test]
    fn line_breaks_inside_a_pair_are_quiet() {
        assert_no_lints(
            &SpaceInsideBrackets,
            "The plan (\nadopted in 2019\n) and (see\n  the annex) here.",
        );
    }

    #[test]
    fn no_break_space_inside_is_reported_here() {
        let text = "the Conference (\u{a0}CPPCC) met.";
        assert_eq!(flagged(&SpaceInsideBrackets, text), vec!["\u{a0}"]);
        let mut doc_tokens = 0;
        let doc = Document::from_text(text);
        for (i, t) in doc.tokens().iter().enumerate() {
            if t.is_space() && is_space_inside_brackets(&doc, i) {
                doc_tokens += 1;
            }
        }
        assert_eq!(doc_tokens, 1);
    }

    #[test]
    fn zero_width_run_is_left_to_irregular_whitespace() {
        assert_no_lints(&SpaceInsideBrackets, "the Conference (\u{200b}CPPCC) met.");
    }

    #[test]
    fn links_nested_quotes_frames_and_code_are_quiet() {
        assert_no_lints(
            &SpaceInsideBrackets,
            "See the site ( http://example.org/a/b ) now. \"This is great,' \" he said. \
             -[ G O D ]- and the class [ \\t\\n].\nJul 22 10:59:39 check[29891]: [ 1] started (ok )\n\
             Call load (string [ , options ]) or then( val => ) or (read ; nc -l > in.fifo ).",
        );
    }

    #[test]
    fn asides_beside_links_and_quotes_are_flagged() {
        assert_eq!(
            flagged(
                &SpaceInsideBrackets,
                "My modem ( LASAT Speed ) and the site (see http://example.org/a ) work."
            ),
            vec![" ", " "]
        );
    }

    #[test]
    fn kaomoji_faces_and_symbol_notation_are_quiet() {
        assert_no_lints(
            &SpaceInsideBrackets,
            "Happy hacking ( ^_^ ) and ( >_< ) today, and mark it with [ * ] or ( + ).",
        );
        // Near-miss: a word beside the symbols makes it an aside.
        assert_lint_count(&SpaceInsideBrackets, "Happy hacking ( ^_^ yes ) today.", 2);
    }

    #[test]
    fn named_marks_literals_and_smileys_are_quiet() {
        assert_no_lints(
            &SpaceInsideBrackets,
            "Press the [ and ] keys. Each line starting with \"From \" is a header \
             (as Craig's ;} ). Add a [ on a line before the group and a ] after it.",
        );
        // The same shapes around ordinary asides still fire.
        assert_lint_count(
            &SpaceInsideBrackets,
            "Press the [ left ] key, the “ From line” (really ).",
            4,
        );
    }

    #[test]
    fn fix_removes_the_spaces() {
        assert_safe_fix(
            &SpaceInsideBrackets,
            "the ( CPPCC ) and “ people-centred ” and ‘ two upholds ’ and [  1\t]",
            "the (CPPCC) and “people-centred” and ‘two upholds’ and [1]",
        );
        assert_safe_fix(
            &SpaceInsideBrackets,
            "a ( ( x ) ) and “ ( q ) ” b",
            "a ((x)) and “(q)” b",
        );
    }

    #[test]
    fn calls_indexes_and_key_caps_are_notation() {
        assert_no_lints(
            &SpaceInsideBrackets,
            "Call foo( a, b ) or $( this ) or items[ i ] then( done ).\n\n\
             Press [ Ctrl ] + [ C ] or [ Alt ]+[ F2 ] to stop.\n",
        );
        // An aside after a space, and a bracketed word with no plus sign,
        // are still flagged.
        assert_eq!(
            flagged(
                &SpaceInsideBrackets,
                "Call foo ( a, b ) now, or press [ Enter ] and wait ( see 2 + 2 )."
            ),
            vec![" ", " ", " ", " ", " ", " "]
        );
    }

    #[test]
    fn operators_array_literals_and_drawn_faces_are_notation() {
        assert_no_lints(
            &SpaceInsideBrackets,
            "Patterns ( a | b ), pairs ( key = value ), lambdas ( x => x * 2 ), \
             arrays [ 1, 2, 3 ] and [ \"a\", \"b\" ] and [ foo, bar ], and a face ( ͡° ͜ʖ ͡°).",
        );
        // Words of an aside, even listed with commas, are still flagged,
        // and so is a Chinese word spaced inside a pair.
        assert_eq!(
            flagged(
                &SpaceInsideBrackets,
                "the list [ see page 4, line 2 ] and the city ( 大连 ) now"
            ),
            vec![" ", " ", " ", " "]
        );
    }
}
