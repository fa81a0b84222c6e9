use doclint_core::{
    Diagnostic, Document, Edit, Fix, LineEnding, Span, Token, TokenKind, WordShape,
};

use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a date or dateline glued onto a title or onto the first
    /// sentence of the body: "date 2023-02-12 The party group of …",
    /// "Provincial Conference Opens 2019-11-26".
    ///
    /// ## Why is this bad?
    /// When a page is scraped, the publication date printed above or beside
    /// the title lands on the same line, and the title no longer reads as a
    /// title. Search, indexing and a reader all take the date for part of
    /// the headline.
    ///
    /// ## Example
    /// ```text
    ///  date 2023-02-12 The party group of the municipal government held the meeting
    /// ```
    /// Use instead:
    /// ```text
    /// date 2023-02-12
    /// The party group of the municipal government held the meeting
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the fix puts the dateline on its own line, which is usually
    /// right, but the reader may prefer to delete it or move it below the
    /// title. Only full dates are recognised (2023-02-12, 2023/2/12,
    /// 12.02.2023, February 12, 2023, 12 Feb 2023, with an optional time and
    /// an optional label such as "date" or "Published:"). A date that reads
    /// as part of the sentence is left alone: one after a preposition
    /// ("Held on February 11, 2023") or followed by punctuation
    /// ("DALIAN, Feb. 12, 2023 (Xinhua) --"), and a timestamp that heads a
    /// metadata line, its next word a label ("2023-02-12 10:30 Source:
    /// Xinhua Author: Li Wei").
    pub struct MergedDateline {
        id: "merged-dateline",
        category: Structure,
        severity: Warning,
        fix: Always,
    }
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Words that introduce a dateline.
const LABELS: &[&str] = &[
    "date",
    "dated",
    "time",
    "published",
    "posted",
    "updated",
    "released",
    "release",
];

/// Words after which a date is part of the sentence.
const PREPOSITIONS: &[&str] = &[
    "on", "in", "at", "of", "from", "to", "since", "until", "till", "by", "before", "after", "for",
    "as", "and", "or", "between", "through", "dated", "the",
];

impl Rule for MergedDateline {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        let lines = doc.lines();
        let header = doc.header_lines();
        for (at, line) in lines[header.clone()].iter().enumerate() {
            let tokens = line_tokens(doc, line.span);
            let under_byline =
                at > 0 && is_byline(doc, line_tokens(doc, lines[header.start + at - 1].span));
            let found = leading(doc, tokens).or_else(|| {
                // "John Council\nTexas Lawyer 08-05-2002": under a byline, a
                // publication's name and date are the credit, not a title.
                (!under_byline).then(|| trailing(doc, tokens)).flatten()
            });
            if let Some(d) = found {
                out.push(d);
            }
        }
        // The first line of the body.
        let body = lines[header.end..]
            .iter()
            .find(|l| l.kind == doclint_core::LineKind::Prose);
        if let Some(line) = body {
            if let Some(d) = leading(doc, line_tokens(doc, line.span)) {
                out.push(d);
            }
        }
    }
}

/// Most words a byline's name has ("John Council", "Mary Ann Lee").
const BYLINE_WORDS: usize = 3;

/// A line that is a person's name alone: two or three capitalised words
/// (not in capitals, as an all-caps dateline's place is), nothing else.
fn is_byline(doc: &Document, tokens: &[Token]) -> bool {
    let words: Vec<&Token> = tokens.iter().filter(|t| !t.is_blank()).collect();
    (2..=BYLINE_WORDS).contains(&words.len())
        && words.iter().all(|t| {
            t.is_word()
                && t.shape == WordShape::Capitalized
                && !crate::words::is_function_word(doc.slice(t.span))
        })
}

fn line_tokens(doc: &Document, span: Span) -> &[Token] {
    let start = doc.token_at_or_after(span.start());
    let end = doc.token_at_or_after(span.end());
    &doc.tokens()[start..end]
}

fn word_is(doc: &Document, token: &Token, list: &[&str]) -> bool {
    token.is_word() && {
        let text = doc.slice(token.span);
        list.iter().any(|w| w.eq_ignore_ascii_case(text))
    }
}

/// "date 2023-02-12 The title…": a dateline opening the line, then a
/// capitalised word with only a space between.
fn leading(doc: &Document, tokens: &[Token]) -> Option<Diagnostic> {
    let mut i = tokens.iter().position(|t| !t.is_blank())?;
    let start = i;
    i = skip_label(doc, tokens, i);
    let end = date_at(doc, tokens, i)?;
    let space = tokens.get(end).filter(|t| t.is_space())?;
    let next = tokens.get(end + 1)?;
    let starts_text =
        next.is_word() && matches!(next.shape, WordShape::Capitalized | WordShape::AllCaps);
    // "2023-02-12 10:30 Source: Xinhua Author: Li": a metadata line the
    // timestamp heads, not a title.
    let label = tokens
        .get(end + 2)
        .is_some_and(|t| matches!(doc.slice(t.span), ":" | "："));
    if !starts_text || label {
        return None;
    }
    let dateline = tokens[start].span.cover(tokens[end - 1].span);
    Some(report(
        doc,
        dateline,
        space.span,
        "before the text that follows",
    ))
}

/// "… Conference Opens 2019-11-26": a title ending in a dateline.
fn trailing(doc: &Document, tokens: &[Token]) -> Option<Diagnostic> {
    let last = tokens.iter().rposition(|t| !t.is_blank())?;
    // Try each place a dateline could start; the date must end the line.
    // The words before it are counted as the loop goes (a long line stays
    // linear).
    let mut title_words = 0;
    for i in 2..=last {
        let before = &tokens[i - 2];
        title_words += usize::from(before.is_word());
        if !tokens[i - 1].is_space() {
            continue;
        }
        if !before.is_word() || title_words < 2 || word_is(doc, before, PREPOSITIONS) {
            continue;
        }
        let date_start = skip_label(doc, tokens, i);
        if date_at(doc, tokens, date_start).is_some_and(|end| end == last + 1) {
            let dateline = tokens[i].span.cover(tokens[last].span);
            return Some(report(doc, dateline, tokens[i - 1].span, "after the title"));
        }
    }
    None
}

fn report(doc: &Document, dateline: Span, space: Span, where_: &str) -> Diagnostic {
    let newline = match doc.source().line_ending {
        LineEnding::Lf => "\n",
        LineEnding::CrLf => "\r\n",
    };
    MergedDateline::META
        .diagnostic(
            dateline,
            format!("dateline `{}` is glued to the title", doc.slice(dateline)),
        )
        .with_help(format!(
            "put the dateline on its own line, or remove it ({where_})"
        ))
        .with_fix(Fix::unsafe_(
            "Put the dateline on its own line",
            vec![Edit::replace(space, newline)],
        ))
}

/// Skips a label such as "date", "Published:" at `i`.
fn skip_label(doc: &Document, tokens: &[Token], mut i: usize) -> usize {
    if !tokens.get(i).is_some_and(|t| word_is(doc, t, LABELS)) {
        return i;
    }
    i += 1;
    if tokens.get(i).is_some_and(|t| doc.slice(t.span) == ":") {
        i += 1;
    }
    if tokens.get(i).is_some_and(Token::is_space) {
        i += 1;
    }
    i
}

fn number_len(doc: &Document, token: Option<&Token>) -> Option<usize> {
    let token = token.filter(|t| t.kind == TokenKind::Number)?;
    let text = doc.slice(token.span);
    text.bytes()
        .all(|b| b.is_ascii_digit())
        .then_some(text.len())
}

fn is_year(doc: &Document, token: Option<&Token>) -> bool {
    number_len(doc, token) == Some(4)
}

fn is_day_or_month(doc: &Document, token: Option<&Token>) -> bool {
    matches!(number_len(doc, token), Some(1 | 2))
}

fn punct_is(doc: &Document, token: Option<&Token>, marks: &[&str]) -> bool {
    token.is_some_and(|t| t.kind == TokenKind::Punct && marks.contains(&doc.slice(t.span)))
}

/// The end (exclusive token index) of a full date starting at `i`, with an
/// optional time after it.
fn date_at(doc: &Document, tokens: &[Token], i: usize) -> Option<usize> {
    let end = numeric_date(doc, tokens, i).or_else(|| named_month_date(doc, tokens, i))?;
    Some(time_after(doc, tokens, end))
}

/// 2023-02-12, 2023/2/12, 2023.02.12, 12/02/2023, 12.02.2023.
fn numeric_date(doc: &Document, tokens: &[Token], i: usize) -> Option<usize> {
    let first = tokens.get(i)?;
    if first.kind != TokenKind::Number {
        return None;
    }
    // "2019.04.11" and "11.04.2019" are single number tokens.
    let parts: Vec<&str> = doc.slice(first.span).split('.').collect();
    if parts.len() == 3 && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
        let ok = matches!(lens.as_slice(), [4, 1..=2, 1..=2] | [1..=2, 1..=2, 4]);
        return ok.then_some(i + 1);
    }
    let seps = ["-", "/", "."];
    let t = |k: usize| tokens.get(i + k);
    let same_sep = punct_is(doc, t(1), &seps)
        && t(1)
            .zip(t(3))
            .is_some_and(|(a, b)| doc.slice(a.span) == doc.slice(b.span));
    if !same_sep {
        return None;
    }
    let year_first = is_year(doc, t(0)) && is_day_or_month(doc, t(2)) && is_day_or_month(doc, t(4));
    let year_last = is_day_or_month(doc, t(0)) && is_day_or_month(doc, t(2)) && is_year(doc, t(4));
    (year_first || year_last).then_some(i + 5)
}

/// February 12, 2023 / Feb. 12 2023 / 12 February 2023.
fn named_month_date(doc: &Document, tokens: &[Token], i: usize) -> Option<usize> {
    let mut k = i;
    let is_month = |k: usize| tokens.get(k).is_some_and(|t| word_is(doc, t, MONTHS));
    let skip = |k: &mut usize, mark: &str| {
        if tokens.get(*k).is_some_and(|t| doc.slice(t.span) == mark) {
            *k += 1;
        }
    };
    let space = |k: &mut usize| -> bool {
        let ok = tokens.get(*k).is_some_and(Token::is_space);
        *k += 1;
        ok
    };
    if is_month(k) {
        k += 1;
        skip(&mut k, ".");
        if !space(&mut k) || !is_day_or_month(doc, tokens.get(k)) {
            return None;
        }
        k += 1;
        skip(&mut k, ",");
    } else if is_day_or_month(doc, tokens.get(k)) {
        k += 1;
        if !space(&mut k) || !is_month(k) {
            return None;
        }
        k += 1;
        skip(&mut k, ".");
        skip(&mut k, ",");
    } else {
        return None;
    }
    if !space(&mut k) || !is_year(doc, tokens.get(k)) {
        return None;
    }
    Some(k + 1)
}

/// An optional " 10:30" or " 10:30:15" after a date.
fn time_after(doc: &Document, tokens: &[Token], end: usize) -> usize {
    let t = |k: usize| tokens.get(end + k);
    let is_two = |tok: Option<&Token>| number_len(doc, tok) == Some(2);
    if t(0).is_some_and(Token::is_space)
        && is_day_or_month(doc, t(1))
        && punct_is(doc, t(2), &[":"])
        && is_two(t(3))
    {
        if punct_is(doc, t(4), &[":"]) && is_two(t(5)) {
            return end + 6;
        }
        return end + 4;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn a_publication_and_date_under_a_byline_are_the_credit() {
        assert_no_lints(
            &MergedDateline,
            "Court Rejects Claim Over Online Posts\n\nMaria Lopez\nHouston Courier 2002-08-05\n\n\
             A jury rejected the claim last week, after a trial of two weeks.\n",
        );
        assert_lint_count(
            &MergedDateline,
            "Court Rejects Claim Over Online Posts 2002-08-05\n\n\
             A jury rejected the claim last week, after a trial of two weeks.\n",
            1,
        );
    }

    #[test]
    fn labelled_iso_date_before_the_title() {
        let text = " date 2023-02-12 The party group of the municipal government held the meeting\n\nAccording to the plan, it met.\n";
        assert_eq!(flagged(&MergedDateline, text), vec!["date 2023-02-12"]);
        assert_unsafe_fix(
            &MergedDateline,
            text,
            " date 2023-02-12\nThe party group of the municipal government held the meeting\n\nAccording to the plan, it met.\n",
        );
    }

    #[test]
    fn other_date_forms_and_places() {
        let body = "\n\nThe meeting was held. It ended.\n";
        for (title, date) in [
            (
                "February 12, 2023 Provincial Conference Opens",
                "February 12, 2023",
            ),
            (
                "12 Feb 2023 10:30 Provincial Conference Opens",
                "12 Feb 2023 10:30",
            ),
            (
                "Published: 2019/4/11 City Holds Meeting",
                "Published: 2019/4/11",
            ),
            ("Provincial Conference Opens 2019.11.26", "2019.11.26"),
            (
                "Provincial Conference Opens Updated 26/11/2019",
                "Updated 26/11/2019",
            ),
        ] {
            assert_eq!(
                flagged(&MergedDateline, &format!("{title}{body}")),
                vec![date],
                "{title}"
            );
        }
        // Glued to the first sentence of the body.
        assert_eq!(
            flagged(
                &MergedDateline,
                "2023-02-12 The party group held a meeting. It ended."
            ),
            vec!["2023-02-12"]
        );
    }

    #[test]
    fn a_timestamp_heading_a_metadata_line_is_quiet() {
        assert_no_lints(
            &MergedDateline,
            "City Council Approves Budget\n2021-06-03 09:15 Source: City News Author: Mary Hale\n\n\
             The council voted on Tuesday.\n",
        );
        assert_lint_count(
            &MergedDateline,
            "2021-06-03 09:15 Sources Say Council Approves Budget\n\nThe council voted on Tuesday.\n",
            1,
        );
    }

    #[test]
    fn dates_that_belong_to_the_sentence_are_quiet() {
        assert_no_lints(
            &MergedDateline,
            "Meeting Held on February 11, 2023\n2019-04-11\n\n\
             DALIAN, Feb. 12, 2023 (Xinhua) -- The city met. On 12 May 2023 The Times wrote.\n",
        );
        assert_no_lints(
            &MergedDateline,
            "A Title Without A Date\n\nIn 2023 The Times wrote about 2019-04-11 events.\n",
        );
    }
}
