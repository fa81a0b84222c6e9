use doclint_core::{
    BlockKind, Diagnostic, Document, Edit, Fix, Label, Paragraph, Quote, QuoteKind, QuoteRole,
    QuoteStyle, Severity,
};

use crate::pairing::{is_notation, nearest_matching};
use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags quotation marks that do not pair within their paragraph: a
    /// closing mark with no opener, an opener that is never closed, a
    /// straight mark closing a curly one, a mark drawn facing the wrong way
    /// (an apostrophe too: "‘cause"), and (as info) curly double quotation marks nested
    /// inside curly double ones (straight marks nest by guess, and in code).
    ///
    /// ## Why is this bad?
    /// Machine translation and copy-and-paste leave stray marks behind
    /// ("implement the ” The strategy of …"), and a reader can no longer
    /// tell where a quotation starts or ends. Apostrophes ("Jinping’s",
    /// "’90s", "members’", "’em") and primes (5'10", a 55” screen) are not quotation marks
    /// and are never flagged. A quotation that runs over several paragraphs,
    /// each opening with a mark and only the last closing, is also fine,
    /// and so is one opened once and closed in one of the next six
    /// paragraphs. A mark named rather than used ("quotes (') or (\")",
    /// "put \" or ' around it", a key pressed: "Compose ' e", a table cell
    /// of marks: "| ' | single |") or among
    /// letters spaced out is no quotation, nor is a string delimiter in
    /// code written in prose: the arguments of a call ("re.sub('\n', ' ',
    /// S)"), a string of a few symbols or spaces ("end with ' *'", "', '"),
    /// a Python triple quote (`"""`), the possessive of a call
    /// ("replace()’s"), a mark between code symbols (":s/\"//g") or
    /// quoted alone by the other straight mark ("'\"'"). German quotation
    /// marks („so“) close with the high mark. A paragraph of one or two words ("nations.\"",
    /// "it\" but") is a fragment left by a reply that cut its start away, and
    /// its marks are not reported, nor is a mark of an excerpt a reply
    /// quotes with ">" that the quoting cut: an opener in an excerpt that
    /// stops mid-sentence, a closer in the first line of one that starts
    /// mid-sentence.
    ///
    /// ## Example
    /// ```text
    /// and implement the ” The strategy of “Five New and Four Cities”
    /// ```
    /// Use instead:
    /// ```text
    /// and implement the strategy of “Five New and Four Cities”
    /// ```
    ///
    /// ## Fix safety
    /// A fix is offered only when the repair is certain: a pair whose
    /// closing mark is straight while the opening one is curly (or the other
    /// way round) gets the matching glyph, and a paired mark drawn facing
    /// the wrong way (”text”) is turned round, and so is an unpaired
    /// opening mark before an elided word (‘til). All are safe. A stray or
    /// unclosed mark has no fix: only a reader knows where the quotation was
    /// meant to start or end; the nearest mark of the same kind is labelled.
    pub struct UnbalancedQuote {
        id: "unbalanced-quote",
        category: Structure,
        severity: Warning,
        fix: Sometimes,
    }
}

impl Rule for UnbalancedQuote {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        // A file of quotation marks is a finding at every byte.
        let mut out = crate::capped::Capped::new(out);
        let quotes = doc.quotes();
        let paragraphs = doc.paragraphs();
        // Unpaired marks (quote index, paragraph), reported at the end: a
        // quotation may run over paragraphs and close only in the last.
        let mut unpaired_marks: Vec<(usize, usize)> = Vec::new();
        for (p, paragraph) in paragraphs.iter().enumerate() {
            let range = paragraph.quotes.start as usize..paragraph.quotes.end as usize;
            // Paired openers enclosing the current position.
            let mut open: Vec<usize> = Vec::new();
            for i in range.clone() {
                let quote = &quotes[i];
                while open
                    .last()
                    .is_some_and(|&j| quotes[j].partner.is_some_and(|k| (k as usize) < i))
                {
                    open.pop();
                }
                match (quote.role, quote.partner) {
                    (QuoteRole::Apostrophe, _) => {}
                    (QuoteRole::Opening, Some(partner)) => {
                        // Only curly marks show their nesting: straight ones
                        // nested ("said "the "raid-disk" one"", code such as
                        // "git log --pretty="%ad"") pair by guess, and e-mail
                        // writers nest them freely.
                        let curly = |q: &Quote| q.style == QuoteStyle::Curly;
                        let nested = quote.kind == QuoteKind::Double
                            && curly(quote)
                            && curly(&quotes[partner as usize])
                            && open
                                .iter()
                                .any(|&j| quotes[j].kind == QuoteKind::Double && curly(&quotes[j]));
                        if nested {
                            out.push(nested_double(quote, &quotes[partner as usize]));
                        }
                        if quote.glyph_role == Some(QuoteRole::Closing) {
                            out.push(turned(doc, quote, QuoteRole::Opening));
                        }
                        open.push(i);
                    }
                    (QuoteRole::Closing, Some(partner)) => {
                        let opener = &quotes[partner as usize];
                        if opener.style != quote.style {
                            // A pair around other marks of its kind ("\"„so“”")
                            // may be paired wrongly (a nested or a German
                            // quotation): its style is no certain repair, and
                            // rewriting it would change how the next pass
                            // pairs the marks. The marks nearest each end
                            // tell (a bounded look, so that a long
                            // quotation is not read again for each pair).
                            let inside = partner as usize + 1..i;
                            let certain = !inside
                                .clone()
                                .take(8)
                                .chain(inside.rev().take(8))
                                .any(|j| quotes[j].kind == quote.kind && quotes[j].is_quote());
                            out.push(style_mismatch(opener, quote, certain));
                        } else if quote.glyph_role == Some(QuoteRole::Opening)
                            // „so“ and ‚so‘: German quotation marks close
                            // with the high mark that opens in English.
                            && !matches!((opener.ch, quote.ch), ('„', '“') | ('‚', '‘'))
                        {
                            out.push(turned(doc, quote, QuoteRole::Closing));
                        }
                    }
                    (QuoteRole::Opening, None) if is_misdrawn_apostrophe(doc, quote) => {
                        out.push(misdrawn_apostrophe(quote));
                    }
                    (QuoteRole::Opening, None) => {
                        if !continues_in_next_paragraph(doc, p, i)
                            && !cut_by_the_reply(doc, quote, true)
                            && !may_be_apostrophe(doc, quote)
                            && !is_notation(doc, quote)
                            && !is_mentioned_mark(doc, quote)
                            && !edges_table_cell(doc, paragraph, quote)
                        {
                            unpaired_marks.push((i, p));
                        }
                    }
                    (QuoteRole::Closing, None) => {
                        if !cut_by_the_reply(doc, quote, false)
                            && !may_be_apostrophe(doc, quote)
                            && !is_notation(doc, quote)
                            && !is_mentioned_mark(doc, quote)
                            && !edges_table_cell(doc, paragraph, quote)
                        {
                            unpaired_marks.push((i, p));
                        }
                    }
                }
            }
        }
        let spanning = quotations_over_paragraphs(doc, &unpaired_marks);
        // Asked once per paragraph: a paragraph of nothing but marks has
        // no word, and counting its tokens for each mark is quadratic.
        let mut fragment = crate::words::LastAnswer::default();
        for (n, &(i, p)) in unpaired_marks.iter().enumerate() {
            let is_fragment = fragment.get(p, || crate::words::is_fragment(doc, p, 2));
            if spanning.binary_search(&n).is_err() && !is_fragment {
                let paragraph = &paragraphs[p];
                let range = paragraph.quotes.start as usize..paragraph.quotes.end as usize;
                out.push(unpaired(doc, range, i));
            }
        }
    }
}

/// The entries of `unpaired` (quote index, paragraph) that pair across
/// paragraphs: an opener left open by one paragraph and the first
/// unpaired closer of its kind in one of the next six ("“…the plan.⏎⏎
/// It will run to 2030.”"), with no other unpaired mark of the kind
/// between them. A mark that ends its paragraph closes, even with a space
/// before it ("since 1997. \"").
fn quotations_over_paragraphs(doc: &Document, unpaired: &[(usize, usize)]) -> Vec<usize> {
    let quotes = doc.quotes();
    let closes = |j: usize, q: usize| {
        quotes[j].role == QuoteRole::Closing
            || doc.text()[quotes[j].span.end()..doc.paragraphs()[q].span.end()]
                .trim()
                .is_empty()
    };
    let mut spanning = Vec::new();
    for (n, &(i, p)) in unpaired.iter().enumerate() {
        if quotes[i].role != QuoteRole::Opening || closes(i, p) {
            continue;
        }
        let next = unpaired[n + 1..]
            .iter()
            .position(|&(j, _)| quotes[j].kind == quotes[i].kind)
            .map(|at| n + 1 + at);
        if let Some(m) = next {
            let (j, q) = unpaired[m];
            if closes(j, q) && q > p && q <= p + 6 && quotes[j].style == quotes[i].style {
                spanning.extend([n, m]);
            }
        }
    }
    spanning.sort_unstable();
    spanning
}

/// How deep a line of a reply is quoted ("> > text" and ">> text" are 2),
/// and its text after the prefix.
fn reply_depth(line: &str) -> (usize, &str) {
    let mut depth = 0;
    let mut rest = line.trim_start();
    while let Some(after) = rest.strip_prefix('>') {
        depth += 1;
        rest = after.trim_start();
    }
    (depth, rest)
}

/// Whether an unpaired mark in an excerpt a reply quotes with ">" was cut
/// by the quoting: an opener whose excerpt (the lines quoted as deep as
/// its own) stops mid-sentence ("> He said \"stop it" and the reply
/// goes on), or a closer in the excerpt's first line when that line
/// starts mid-sentence ("> in the end\" he said"). The replier kept
/// part of a sentence; the other mark is in the part left out.
fn cut_by_the_reply(doc: &Document, quote: &Quote, opening: bool) -> bool {
    if doc.kind() != doclint_core::DocumentKind::PlainText {
        return false;
    }
    let lines = doc.lines();
    let at = doc.line_of(quote.span.start());
    let depth_of = |n: usize| reply_depth(doc.slice(lines[n].span));
    let (depth, _) = depth_of(at);
    if depth == 0 {
        return false;
    }
    let same = |n: usize| depth_of(n).0 == depth && !depth_of(n).1.is_empty();
    // A bounded walk: an excerpt longer than this is a quoted letter.
    const LONGEST_EXCERPT: usize = 40;
    if opening {
        let mut last = at;
        while last + 1 < lines.len() && last - at < LONGEST_EXCERPT && same(last + 1) {
            last += 1;
        }
        let end = depth_of(last).1.trim_end();
        end.ends_with(|c: char| c.is_alphanumeric() || matches!(c, ',' | '-'))
    } else {
        let first_line = at == 0 || !same(at - 1);
        first_line && depth_of(at).1.starts_with(|c: char| c.is_lowercase())
    }
}

/// Whether the mark is named rather than used: in parentheses of its own
/// ("quotes (') or (\")"), in a list of marks ("put \" or ' around it"),
/// or among letters spaced out ("M o m ' s").
fn is_mentioned_mark(doc: &Document, quote: &Quote) -> bool {
    let text = doc.text();
    let before = &text[..quote.span.start()];
    let after = &text[quote.span.end()..];
    let is_mark = |c: char| matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’');
    let in_parentheses = before.ends_with('(') && after.starts_with(')');
    let listed = after
        .strip_prefix(" or ")
        .or_else(|| after.strip_prefix(" and "))
        .and_then(|rest| rest.chars().next())
        .is_some_and(is_mark)
        || [" or ", " and "].iter().any(|joint| {
            before
                .strip_suffix(joint)
                .and_then(|rest| rest.chars().next_back())
                .is_some_and(is_mark)
        });
    let spaced_letter = |s: &mut dyn Iterator<Item = char>| {
        matches!(
            (s.next(), s.next(), s.next()),
            (Some(' '), Some(c), Some(' ')) if c.is_alphabetic()
        )
    };
    let spaced_out = spaced_letter(&mut before.chars().rev()) && spaced_letter(&mut after.chars());
    // "Type Compose ' e to get é": a mark between spaces before a lone
    // letter is a key pressed, not a quotation.
    let key = before.ends_with(' ') && {
        let mut rest = after.chars();
        matches!(
            (rest.next(), rest.next(), rest.next()),
            (Some(' '), Some(c), None | Some(' ' | ',' | '.' | ')')) if c.is_alphabetic()
        )
    };
    in_parentheses || listed || spaced_out || key
}

/// Whether the mark stands at the edge of a Markdown table cell with a
/// space or the other edge beside it: a table of marks names them
/// ("| ' | single |", "| \" or ' | quotes |").
fn edges_table_cell(doc: &Document, paragraph: &Paragraph, quote: &Quote) -> bool {
    if paragraph.block != BlockKind::TableCell {
        return false;
    }
    let cell = doc.slice(paragraph.span);
    let (Some(start), Some(end)) = (
        quote.span.start().checked_sub(paragraph.span.start()),
        quote.span.end().checked_sub(paragraph.span.start()),
    ) else {
        return false;
    };
    let (before, after) = (&cell[..start], &cell[end..]);
    let at_start =
        before.is_empty() && (after.is_empty() || after.starts_with(char::is_whitespace));
    let at_end = after.is_empty() && before.ends_with(char::is_whitespace);
    at_start || at_end
}

/// The printable form of a mark: opening or closing, curly or straight.
fn glyph(kind: QuoteKind, style: QuoteStyle, role: QuoteRole) -> char {
    match (style, kind, role) {
        (QuoteStyle::Straight, QuoteKind::Double, _) => '"',
        (QuoteStyle::Straight, QuoteKind::Single, _) => '\'',
        (QuoteStyle::Curly, QuoteKind::Double, QuoteRole::Opening) => '“',
        (QuoteStyle::Curly, QuoteKind::Double, _) => '”',
        (QuoteStyle::Curly, QuoteKind::Single, QuoteRole::Opening) => '‘',
        (QuoteStyle::Curly, QuoteKind::Single, _) => '’',
    }
}

fn quote_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Double => "quotation mark",
        QuoteKind::Single => "single quotation mark",
    }
}

/// A quotation running over several paragraphs reopens each paragraph and
/// closes only at its end: an opener that is the paragraph's last mark of
/// its kind is fine when the next paragraph starts with the same opener.
fn continues_in_next_paragraph(doc: &Document, paragraph: usize, index: usize) -> bool {
    let quotes = doc.quotes();
    let paragraphs = doc.paragraphs();
    let kind = quotes[index].kind;
    let end = paragraphs[paragraph].quotes.end as usize;
    let later_same_kind = quotes[index + 1..end]
        .iter()
        .any(|q| q.kind == kind && q.is_quote());
    if later_same_kind {
        return false;
    }
    let Some(next) = paragraphs.get(paragraph + 1) else {
        return false;
    };
    let Some(first) = quotes.get(next.quotes.start as usize) else {
        return false;
    };
    next.quotes.start < next.quotes.end
        && first.kind == kind
        && first.role == QuoteRole::Opening
        && doc.slice(next.span).trim_start().as_ptr() == doc.slice(first.span).as_ptr()
}

/// A lone straight single mark touching a word may be an apostrophe, an
/// ayn in a transliteration ("'Ajman") or an elision the quote model does not
/// know: only one standing between spaces is certainly a quotation mark.
fn may_be_apostrophe(doc: &Document, quote: &Quote) -> bool {
    if quote.ch != '\'' {
        return false;
    }
    let text = doc.text();
    let spaced = |c: Option<char>| {
        c.is_none_or(|c| c.is_whitespace() || doclint_core::is_irregular_space(c))
    };
    let before = text[..quote.span.start()].chars().next_back();
    let after = text[quote.span.end()..].chars().next();
    !(spaced(before) && spaced(after))
}

/// The closest other mark of the same kind in the paragraph: the likeliest
/// partner of a stray mark.
fn nearest_same_kind(
    quotes: &[Quote],
    range: std::ops::Range<usize>,
    index: usize,
) -> Option<usize> {
    let kind = quotes[index].kind;
    nearest_matching(
        quotes,
        range,
        index,
        |q| q.span.start,
        |q| q.kind == kind && q.is_quote(),
    )
}

fn unpaired(doc: &Document, range: std::ops::Range<usize>, index: usize) -> Diagnostic {
    let quotes = doc.quotes();
    let quote = &quotes[index];
    let name = quote_name(quote.kind);
    let (message, help) = match quote.role {
        QuoteRole::Opening => (
            format!("opening {name} `{}` is never closed", quote.ch),
            "close the quotation where it ends, or remove the stray mark",
        ),
        _ => (
            format!("closing {name} `{}` has no opening mark", quote.ch),
            "remove the stray mark, or open the quotation where it starts",
        ),
    };
    let mut diagnostic = UnbalancedQuote::META
        .diagnostic(quote.span, message)
        .with_help(help);
    if let Some(j) = nearest_same_kind(quotes, range, index) {
        diagnostic =
            diagnostic.with_label(Label::new(quotes[j].span, "nearest mark of the same kind"));
    }
    diagnostic
}

fn style_mismatch(opener: &Quote, closer: &Quote, certain: bool) -> Diagnostic {
    let (closer_style, opener_style) = match closer.style {
        QuoteStyle::Straight => ("straight", "curly"),
        QuoteStyle::Curly => ("curly", "straight"),
    };
    let replacement = glyph(closer.kind, opener.style, QuoteRole::Closing);
    let diagnostic = UnbalancedQuote::META
        .diagnostic(
            closer.span,
            format!(
                "{closer_style} `{}` closes a {opener_style} `{}`",
                closer.ch, opener.ch
            ),
        )
        .with_label(Label::new(opener.span, "the quotation opens here"))
        .with_help(format!("close it with `{replacement}`"));
    if !certain {
        return diagnostic;
    }
    diagnostic.with_fix(Fix::safe(
        format!("Replace with `{replacement}`"),
        vec![Edit::replace(closer.span, replacement.to_string())],
    ))
}

/// Whether the unpaired opening mark is an apostrophe drawn as an opening
/// single quotation mark ("‘cause", "‘til"), as a word processor
/// draws one before a word: it opens no quotation.
fn is_misdrawn_apostrophe(doc: &Document, quote: &Quote) -> bool {
    let text = doc.text();
    quote.ch == '‘'
        && !text[..quote.span.start()]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        && doclint_core::starts_with_elided_word(&text[quote.span.end()..])
}

fn misdrawn_apostrophe(quote: &Quote) -> Diagnostic {
    UnbalancedQuote::META
        .diagnostic(
            quote.span,
            format!("opening mark `{}` used as an apostrophe", quote.ch),
        )
        .with_help("use `’`")
        .with_fix(Fix::safe(
            "Replace with `’`",
            vec![Edit::replace(quote.span, "’")],
        ))
}

/// A paired mark whose glyph faces the other way (”text” or “text“).
fn turned(doc: &Document, quote: &Quote, role: QuoteRole) -> Diagnostic {
    let replacement = glyph(quote.kind, quote.style, role);
    let (used, as_) = match role {
        QuoteRole::Opening => ("closing", "open"),
        _ => ("opening", "close"),
    };
    let partner = quote
        .partner
        .map(|p| doc.quotes()[p as usize].span)
        .unwrap_or(quote.span);
    UnbalancedQuote::META
        .diagnostic(
            quote.span,
            format!("{used} mark `{}` used to {as_} a quotation", quote.ch),
        )
        .with_label(Label::new(partner, "its partner"))
        .with_help(format!("use `{replacement}`"))
        .with_fix(Fix::safe(
            format!("Replace with `{replacement}`"),
            vec![Edit::replace(quote.span, replacement.to_string())],
        ))
}

fn nested_double(opener: &Quote, closer: &Quote) -> Diagnostic {
    let mut diagnostic = UnbalancedQuote::META
        .diagnostic(
            opener.span,
            "double quotation marks nested inside double quotation marks",
        )
        .with_label(Label::new(closer.span, "the inner quotation closes here"))
        .with_help("use single quotation marks for a quotation inside a quotation");
    diagnostic.severity = Severity::Info;
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn stray_closing_mark_before_a_sentence() {
        let text = "Fight the “six battles”, and implement the ” The strategy of “Five New and Four Cities” focuses on entities.";
        let found = lint(&UnbalancedQuote, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(&text[found[0].span.range()], "”");
        assert!(found[0].message.contains("no opening mark"));
        assert_eq!(found[0].labels.len(), 1, "nearest mark labelled");
        assert!(found[0].fix.is_none(), "no certain repair");
    }

    #[test]
    fn quotations_over_paragraphs_and_named_marks_are_quiet() {
        assert_no_lints(
            &UnbalancedQuote,
            "He wrote: \"After two years of work, the team is proud.\n\n\
             Share and enjoy!\"\n\n\"The index fell.\n\nIt closed down. \"\n\n\
             Enclose it in single quotes (') or double quotes (\"). Put \" or ' around \
             the names. S t . M o m ' s W o r t.",
        );
    }

    #[test]
    fn marks_near_the_quiet_cases_are_flagged() {
        assert_eq!(
            flagged(
                &UnbalancedQuote,
                "He wrote: \"After two years.\n\n1.\n\n2.\n\n3.\n\n4.\n\n5.\n\n6.\n\n7.\"\n\n\
                 Enclose it in quotes ' the names. The plan \" or the map."
            ),
            vec!["\"", "\"", "'", "\""]
        );
    }

    #[test]
    fn quotations_cut_by_a_reply_excerpt_are_quiet() {
        assert_no_lints(
            &UnbalancedQuote,
            "Anna wrote:\n> The support desk told me \"reinstall the\n> driver and\n\n\
             Did that help?\n\n> on the old box\" as they put it.\n\nIt did.\n",
        );
        // An excerpt that ends its sentence holds the whole quotation, and
        // a closer after the excerpt's start has its opener in the excerpt.
        assert_lint_count(
            &UnbalancedQuote,
            "Anna wrote:\n> The support desk told me \"reinstall the\n> driver first.\n\nIt did.\n",
            1,
        );
        assert_lint_count(
            &UnbalancedQuote,
            "Did that help?\n\n> On the old box\" as they put it.\n\nIt did.\n",
            1,
        );
    }

    #[test]
    fn unclosed_opener() {
        assert_eq!(
            flagged(
                &UnbalancedQuote,
                "He called it “the plan and left. Then he came back."
            ),
            vec!["“"]
        );
        assert_eq!(
            flagged(&UnbalancedQuote, "It was ‘the plan and more."),
            vec!["‘"]
        );
    }

    #[test]
    fn inch_marks_literals_and_code_are_quiet() {
        assert_no_lints(
            &UnbalancedQuote,
            "It has 6 x 3½\" drive bays.\n\nSo r\"\\n is two characters.\n\n\
             One of f()’s parameters, then Py_DECREF()‘ing it.\n\n\
             \x20   export CFLAGS=\"-O3 -march=native\n\n<link rel=\"a\" href=\"/a.css>",
        );
    }

    #[test]
    fn stray_marks_beside_numbers_and_code_are_flagged() {
        assert_eq!(
            flagged(
                &UnbalancedQuote,
                "It has 6\"bays and more.\n\nHe said \"export the file and left.\n\nSo\u{a0}\"it went."
            ),
            vec!["\"", "\"", "\""]
        );
    }

    #[test]
    fn apostrophes_and_primes_are_not_quotes() {
        assert_no_lints(
            &UnbalancedQuote,
            "Xi Jinping’s speech in the ’90s, the members’ homes, don't, rock ’em, \
             ’til dawn, a 12\" pipe and a man 5'10\" tall; the '90s and Chris' car.",
        );
    }

    #[test]
    fn call_arguments_triple_quotes_keys_and_possessives_of_calls_are_quiet() {
        assert_no_lints(
            &UnbalancedQuote,
            "Do this with re.sub('\\n', ' ', S) instead. This takes the job beyond \
             replace()’s abilities.\n\n\
             Strings can use triple quotes: \"\"\"...\"\"\" or '''...'''.\n\n\
             Type successively Compose ' e and produce an e-acute.",
        );
        // Outside a call, between words, the marks are still stray.
        assert_eq!(
            flagged(
                &UnbalancedQuote,
                "Do this with re.sub ' , S instead.\n\nType Compose ' each time."
            ),
            vec!["'", "'"]
        );
    }

    #[test]
    fn correctly_paired_and_nested_single_quotes_are_quiet() {
        assert_no_lints(
            &UnbalancedQuote,
            "To “comprehensively understand the ‘two establishments’, and act”. \
             He said \"the 'best' plan\" twice. She asked, “Why?” and left.",
        );
    }

    #[test]
    fn quotation_over_several_paragraphs() {
        assert_no_lints(
            &UnbalancedQuote,
            "Body.\n\n“The first paragraph of the speech.\n\n“The second one ends here.”\n",
        );
        assert_eq!(
            flagged(
                &UnbalancedQuote,
                "Body.\n\n“The first paragraph is never closed.\n\nThe next one is plain.\n"
            ),
            vec!["“"]
        );
    }

    #[test]
    fn transliterations_and_broken_paragraphs_are_quiet() {
        assert_no_lints(
            &UnbalancedQuote,
            "Six states - Abu Dhabi, 'Ajman and Dubayy - merged; the U.N.'s agency helped.\n\n\
             He told us: \"We are strong.\n\nWe are resilient.\" It lives on.",
        );
        assert_eq!(
            flagged(&UnbalancedQuote, "the bastion of freedom.\" ' The economy"),
            vec!["\"", "'"]
        );
    }

    #[test]
    fn straight_mark_closing_a_curly_one_is_fixed() {
        let text = "achieve the “two safeguards\" and unite.";
        assert_eq!(flagged(&UnbalancedQuote, text), vec!["\""]);
        assert_safe_fix(
            &UnbalancedQuote,
            text,
            "achieve the “two safeguards” and unite.",
        );
    }

    #[test]
    fn a_mismatched_pair_around_other_marks_gets_no_fix() {
        // Read one way the straight mark closes the curly one; rewritten,
        // the marks would pair the other way round in the next pass.
        let found = lint(&UnbalancedQuote, "\"„.“” the");
        let mismatch = found
            .iter()
            .find(|d| d.message.contains("closes a straight"))
            .expect("the mismatch is still reported");
        assert!(mismatch.fix.is_none(), "{mismatch:#?}");
        // A plain mismatched pair keeps its fix.
        let found = lint(&UnbalancedQuote, "He said “no\" and left.");
        assert!(found.iter().any(|d| d.fix.is_some()), "{found:#?}");
        // Marks of two styles paragraphs apart are no certain pair:
        // reported, not rewritten.
        let found = lint(
            &UnbalancedQuote,
            "He said: “The plan runs on.\n\nIt ends in 2030.\" Then he left.\n",
        );
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found.iter().all(|d| d.fix.is_none()), "{found:#?}");
    }

    #[test]
    fn marks_facing_the_wrong_way_are_turned() {
        assert_safe_fix(
            &UnbalancedQuote,
            "the ”two safeguards” and the “four consciousnesses“ now.",
            "the “two safeguards” and the “four consciousnesses” now.",
        );
    }

    #[test]
    fn nested_double_quotes_are_info() {
        let text = "to “implement the “four consciousnesses” and act” as the theme.";
        let found = lint(&UnbalancedQuote, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(found[0].span.start(), text.find("“four").expect("present"));
        // Straight marks nested are a guess of the pairing, or code.
        assert_no_lints(
            &UnbalancedQuote,
            "Colm said that \"you want the \"failed-disk\" instead\", and \
             \"git log --pretty=\"%ad\" --date=short\" did not work.",
        );
    }

    #[test]
    fn a_fragment_of_two_words_is_quiet() {
        // What a reply left of a quoted line: its quotation opened in text
        // that is gone.
        assert_no_lints(
            &UnbalancedQuote,
            "Thanks for the note.\n\nnations.\"\n\nit\" but\n",
        );
        // Three words or more are a sentence with a stray mark.
        assert_lint_count(
            &UnbalancedQuote,
            "Thanks for the note.\n\nall the nations.\"\n",
            1,
        );
    }

    #[test]
    fn curly_inch_marks_and_literals_of_symbols_are_quiet() {
        assert_no_lints(
            &UnbalancedQuote,
            "He bought a 55” screen and a 2½” pipe.\n\n\
             The type string should end with ' *', the separator is ', ' and the \
             prompt \"$ \" or \" > \".\n\n\
             A pathspec that means \"everything\" i.e. 'git add \"\"', is now illegal.",
        );
        // A curly mark glued to a word, or a lone mark with a word inside
        // the next pair, is still stray.
        assert_eq!(
            flagged(
                &UnbalancedQuote,
                "He bought a 55”screen.\n\nIt should end with ' * or so.\n\nThe ' plan' was read.\n\n\
                 Set it to \"\" and then say \"more."
            ),
            vec!["”", "'", "'", "\""]
        );
    }

    #[test]
    fn a_mark_at_the_edge_of_a_table_cell_is_quiet() {
        let found = lint_markdown(
            &UnbalancedQuote,
            "| mark | name |\n|---|---|\n| ' | single |\n| \" or ' | both |\n| ' marks | open |\n",
        );
        assert!(found.is_empty(), "{found:#?}");
        // Inside a cell of words, a stray mark is still found.
        let found = lint_markdown(
            &UnbalancedQuote,
            "| mark | name |\n|---|---|\n| the \" plan was read | single |\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
    }

    #[test]
    fn an_apostrophe_drawn_as_an_opening_mark_is_turned() {
        let text = "We left ‘cause it was late, and ‘til dawn.";
        let found = lint(&UnbalancedQuote, text);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found.iter().all(|d| d.message.contains("apostrophe")));
        assert_safe_fix(
            &UnbalancedQuote,
            text,
            "We left ’cause it was late, and ’til dawn.",
        );
        // Before another word, the mark opens a quotation never closed.
        assert_eq!(
            flagged(&UnbalancedQuote, "We left ‘because it was late."),
            vec!["‘"]
        );
    }

    #[test]
    fn commands_after_bracketed_and_dos_prompts_are_quiet() {
        assert_no_lints(
            &UnbalancedQuote,
            "[root@localhost root]# echo \"hello\n\nC:\\> dir \"Program Files\n",
        );
        // A bracket without a host, or a drive letter in a sentence, is prose.
        assert_lint_count(
            &UnbalancedQuote,
            "[Note]# echo \"hello\n\nOn C:\\ the file \"Program Files is gone.\n",
            2,
        );
    }

    #[test]
    fn marks_in_code_named_marks_and_german_quotes_are_quiet() {
        assert_no_lints(
            &UnbalancedQuote,
            "In vim, type :s/\"//g to remove them.\n\nUse the '\"' key.\n\n\
             It is „so“ and ‚so‘ in German.",
        );
        // A mark glued to one symbol only, or closing „ with ”, is still
        // found; an English “so“ is still turned.
        assert_eq!(
            flagged(
                &UnbalancedQuote,
                "Type s/\"text to remove it.\n\nIt is “so“ here."
            ),
            vec!["\"", "“"]
        );
    }
}
