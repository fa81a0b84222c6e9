use doclint_core::{Diagnostic, Document, Edit, Fix, Label, Span, Token, TokenKind};

use crate::rule::{Context, Rule, RuleMeta};
use crate::words::MONTHS;

declare_rule! {
    /// ## What it does
    /// Flags one kind of value written in two formats in one document:
    /// - dates: "February 19" beside "19 February", and "Feb. 19" beside
    ///   "February 19" (March to July, never abbreviated in news style, do
    ///   not count for the abbreviation);
    /// - thousands separators: "1,000" beside "1000". A four-digit number
    ///   counts only after a currency sign, before a unit or count word, or
    ///   when it cannot be a year; a number after a capitalised word is a
    ///   label ("Order 13769"). A document that writes two or more
    ///   four-digit numbers without a comma and none with one keeps the house
    ///   style that separates only five digits and more ("1500", "15,000").
    ///   A number after an acronym is a label even at a sentence start
    ///   ("RFC 5424"), and where most long numbers are written plain (ports,
    ///   identifiers, codes: "port 10000", "UID 65534") a quantity with
    ///   commas beside them is not reported (on a tie it is, without a fix);
    /// - the percent sign: "5%" beside "5 percent" or "5 per cent".
    ///
    /// A date alone on its line (the dateline or byline date under a
    /// headline, "August 4, 2002") keeps its own format beside the body's,
    /// a date on a line that writes about formats ("DD.MM.YY (27.07.22 thus
    /// representing 27 July 2022)", "the YYYY-MM-DD format") is an example,
    /// and a possible year before "won" ("in 1990 won control") is no
    /// amount of Korean won. A date in a heading, on a line that names a
    /// version ("2.1.0 (March 3, 2020)"), in a header field ("Date: ...")
    /// or in a quotation's attribution ("On August 22, 2002, Ann wrote:")
    /// has a role of its own. Values in code keep the code's format: after
    /// "=" ("size=10000"), on a prompt line (">>> ", "$ "), glued to ":",
    /// "_" or a quotation mark ("host:8080", "iso_8859"), and plain powers
    /// of two and one less ("65536", "4095").
    ///
    /// The format written less often is reported once, at its first place,
    /// with labels at its other places and at the first value in the usual
    /// format. When both are written as often, the first written is taken
    /// as usual and no fix is offered.
    ///
    /// ## Why is this bad?
    /// A document that writes the same kind of value two ways reads as
    /// pasted together from sources with different house styles, which is
    /// what machine translation and rushed edits produce.
    ///
    /// ## Example
    /// ```text
    /// The plan was adopted on 4 March 2013 and revised on Dec. 14, 2015.
    /// Output rose 5% in 2014 and 7 percent in 2015.
    /// ```
    /// Use instead:
    /// ```text
    /// The plan was adopted on 4 March 2013 and revised on 14 December 2015.
    /// Output rose 5% in 2014 and 7% in 2015.
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: rewrites every value in the minority format to the usual one;
    /// a quotation or a title may keep its own format.
    pub struct InconsistentFormat {
        id: "inconsistent-format",
        category: Consistency,
        severity: Info,
        fix: Sometimes,
    }
}

/// News-style abbreviations (and the common short forms) of each month,
/// the first being the one a fix writes; March to July have none in news
/// style.
const ABBREVIATIONS: [&[&str]; 12] = [
    &["Jan"],
    &["Feb"],
    &["Mar"],
    &["Apr"],
    &[],
    &["Jun"],
    &["Jul"],
    &["Aug"],
    &["Sept", "Sep"],
    &["Oct"],
    &["Nov"],
    &["Dec"],
];

/// Words after a four-digit number that make it a quantity, not a year.
const COUNT_WORDS: &[&str] = &[
    "people",
    "persons",
    "residents",
    "households",
    "families",
    "workers",
    "employees",
    "jobs",
    "students",
    "children",
    "members",
    "soldiers",
    "troops",
    "cases",
    "deaths",
    "units",
    "copies",
    "yuan",
    "dollars",
    "euros",
    "pounds",
    "rupees",
    "yen",
    "won",
    "tons",
    "tonnes",
    "kilograms",
    "kg",
    "km",
    "kilometers",
    "kilometres",
    "miles",
    "meters",
    "metres",
    "hectares",
    "acres",
    "mu",
    "square",
    "cubic",
    "companies",
    "enterprises",
    "firms",
    "projects",
    "villages",
    "schools",
    "hospitals",
    "vehicles",
    "cars",
    "times",
    "items",
    "pieces",
    "sets",
    "rooms",
    "beds",
    "visitors",
    "tourists",
    "votes",
    "signatures",
    "participants",
    "applications",
    "million",
    "billion",
];

/// What a value's format is compared on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Aspect {
    /// Month before or after the day.
    DateOrder,
    /// A month that has a news-style abbreviation, written in full or not.
    MonthAbbreviation,
    /// Numbers of four or more digits: with a comma or without.
    Thousands,
    /// "%", "percent" or "per cent".
    Percent,
}

impl Aspect {
    const ALL: [Aspect; 4] = [
        Aspect::DateOrder,
        Aspect::MonthAbbreviation,
        Aspect::Thousands,
        Aspect::Percent,
    ];

    fn what(self) -> &'static str {
        match self {
            Aspect::DateOrder | Aspect::MonthAbbreviation => "date written in two formats",
            Aspect::Thousands => "number written in two formats",
            Aspect::Percent => "percentage written in two formats",
        }
    }
}

/// A format of a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    MonthDay,
    DayMonth,
    FullMonth,
    AbbreviatedMonth,
    Comma,
    Plain,
    Sign,
    Percent,
    PerCent,
}

impl Style {
    fn describe(self) -> &'static str {
        match self {
            Style::MonthDay => "month before day",
            Style::DayMonth => "day before month",
            Style::FullMonth => "month in full",
            Style::AbbreviatedMonth => "month abbreviated",
            Style::Comma => "with a thousands separator",
            Style::Plain => "without a thousands separator",
            Style::Sign => "with '%'",
            Style::Percent => "with 'percent'",
            Style::PerCent => "with 'per cent'",
        }
    }
}

/// A value as written, and what a fix needs to write it another way.
#[derive(Clone, Copy, Debug)]
enum Value<'a> {
    Date {
        month: usize,
        day: &'a str,
        year: Option<&'a str>,
        abbreviated: bool,
        month_first: bool,
    },
    Number {
        digits: &'a str,
        /// Four digits in its whole part.
        four: bool,
    },
    Percent {
        number: &'a str,
    },
}

#[derive(Clone, Copy, Debug)]
struct Found<'a> {
    aspect: Aspect,
    style: Style,
    span: Span,
    value: Value<'a>,
}

impl Rule for InconsistentFormat {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        let found = values(doc);
        if found.len() < 2 {
            return;
        }
        let mut reported: Vec<Span> = Vec::new();
        for aspect in Aspect::ALL {
            let mut of_aspect: Vec<&Found> = found.iter().filter(|f| f.aspect == aspect).collect();
            if aspect == Aspect::Thousands && is_four_digit_house_style(&of_aspect) {
                of_aspect.retain(|f| !(f.style == Style::Plain && is_four_digit(f)));
            }
            if of_aspect.len() < 2 {
                continue;
            }
            let mut styles: Vec<(Style, Vec<&Found>)> = Vec::new();
            for f in &of_aspect {
                match styles.iter_mut().find(|(s, _)| *s == f.style) {
                    Some((_, list)) => list.push(f),
                    None => styles.push((f.style, vec![f])),
                }
            }
            if styles.len() < 2 {
                continue;
            }
            // The usual format: the most frequent, then the first written
            // (styles are in the order first written).
            let usual = styles
                .iter()
                .enumerate()
                .max_by(|(i, a), (j, b)| a.1.len().cmp(&b.1.len()).then(j.cmp(i)))
                .map(|(i, _)| i)
                .unwrap_or(0);
            let (usual_style, usual_list) = (&styles[usual].0, &styles[usual].1);
            let tie = styles
                .iter()
                .enumerate()
                .any(|(i, (_, list))| i != usual && list.len() == usual_list.len());
            for (i, (style, list)) in styles.iter().enumerate() {
                // Most long numbers written plain: ports, identifiers and
                // codes of a technical text ("port 10000", "UID 65534"),
                // beside which a quantity with commas is no slip. (On a tie
                // the plain one may be the slip.)
                if i == usual || (*usual_style == Style::Plain && *style == Style::Comma && !tie) {
                    continue;
                }
                let list: Vec<&&Found> = list
                    .iter()
                    .filter(|f| !reported.iter().any(|r| r.overlaps(f.span)))
                    .collect();
                let Some(first) = list.first() else {
                    continue;
                };
                reported.extend(list.iter().map(|f| f.span));
                out.push(diagnostic(
                    doc,
                    aspect,
                    *style,
                    &list,
                    *usual_style,
                    usual_list,
                    tie,
                    first.span,
                ));
            }
        }
    }
}

fn is_four_digit(found: &Found) -> bool {
    matches!(found.value, Value::Number { four: true, .. })
}

/// Four-digit numbers written without a comma at least twice and never
/// with one: a house style ("1500", "15,000"), not a slip.
fn is_four_digit_house_style(found: &[&Found]) -> bool {
    let plain = found
        .iter()
        .filter(|f| f.style == Style::Plain && is_four_digit(f))
        .count();
    let comma = found
        .iter()
        .filter(|f| f.style == Style::Comma && is_four_digit(f))
        .count();
    plain >= 2 && comma == 0
}

/// Further places labelled, beyond the first.
const MAX_LABELS: usize = 20;

#[allow(clippy::too_many_arguments)]
fn diagnostic(
    doc: &Document,
    aspect: Aspect,
    style: Style,
    list: &[&&Found],
    usual_style: Style,
    usual: &[&Found],
    tie: bool,
    first: Span,
) -> Diagnostic {
    let times = |n: usize| match n {
        1 => "once".to_owned(),
        n => format!("{n} times"),
    };
    let more = match list.len() {
        1 => String::new(),
        2 => " and once more".to_owned(),
        n => format!(" and {} more times", n - 1),
    };
    let example = doc.slice(usual[0].span);
    let message = format!(
        "{}: '{}' ({}) here{more}, but {} {} in this document ('{}')",
        aspect.what(),
        doc.slice(first),
        style.describe(),
        usual_style.describe(),
        times(usual.len()),
        example,
    );
    let mut d = InconsistentFormat::META
        .diagnostic(first, message)
        .with_label(Label::new(
            usual[0].span,
            format!(
                "'{}' ({}) first written here",
                example,
                usual_style.describe()
            ),
        ));
    for f in list.iter().skip(1).take(MAX_LABELS) {
        d = d.with_label(Label::new(f.span, format!("'{}' again", doc.slice(f.span))));
    }
    if tie {
        return d.with_help("both formats are written as often: choose one and use it throughout");
    }
    let edits: Vec<Edit> = list
        .iter()
        .filter_map(|f| rewrite(f.value, usual_style).map(|text| Edit::replace(f.span, text)))
        .collect();
    let d = d.with_help(format!(
        "write {} throughout, as the document mostly does",
        describe_plural(usual_style)
    ));
    if edits.len() == list.len() {
        d.with_fix(Fix::unsafe_(
            format!("Write {}", describe_plural(usual_style)),
            edits,
        ))
    } else {
        d
    }
}

fn describe_plural(style: Style) -> &'static str {
    match style {
        Style::MonthDay => "dates month first ('February 19')",
        Style::DayMonth => "dates day first ('19 February')",
        Style::FullMonth => "months in full",
        Style::AbbreviatedMonth => "months abbreviated ('Feb. 19')",
        Style::Comma => "numbers with thousands separators ('1,000')",
        Style::Plain => "numbers without thousands separators ('1000')",
        Style::Sign => "percentages with '%'",
        Style::Percent => "percentages with 'percent'",
        Style::PerCent => "percentages with 'per cent'",
    }
}

/// `value` written in `style`, if that is a way to write it.
fn rewrite(value: Value, style: Style) -> Option<String> {
    match value {
        Value::Date {
            month,
            day,
            year,
            abbreviated,
            month_first,
        } => {
            let full = MONTHS[month];
            let (name, month_first) = match style {
                Style::MonthDay => (
                    if abbreviated {
                        abbreviation(month)?
                    } else {
                        full.to_owned()
                    },
                    true,
                ),
                Style::DayMonth => (full.to_owned(), false),
                Style::FullMonth => (full.to_owned(), month_first),
                Style::AbbreviatedMonth => (abbreviation(month)?, month_first),
                _ => return None,
            };
            Some(match (month_first, year) {
                (true, Some(year)) => format!("{name} {day}, {year}"),
                (true, None) => format!("{name} {day}"),
                (false, Some(year)) => format!("{day} {name} {year}"),
                (false, None) => format!("{day} {name}"),
            })
        }
        Value::Number { digits, .. } => match style {
            Style::Plain => Some(digits.replace(',', "")),
            Style::Comma => Some(with_commas(digits)),
            _ => None,
        },
        Value::Percent { number } => match style {
            Style::Sign => Some(format!("{number}%")),
            Style::Percent => Some(format!("{number} percent")),
            Style::PerCent => Some(format!("{number} per cent")),
            _ => None,
        },
    }
}

fn abbreviation(month: usize) -> Option<String> {
    ABBREVIATIONS[month].first().map(|a| format!("{a}."))
}

/// "12345.6" -> "12,345.6".
fn with_commas(digits: &str) -> String {
    let (int, frac) = digits
        .split_once('.')
        .map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// Every date, number of thousands and percentage of the document, in
/// text order.
fn values(doc: &Document) -> Vec<Found<'_>> {
    let text = doc.text();
    let tokens = doc.tokens();
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        let next = match token.kind {
            TokenKind::Word => month_first_date(text, tokens, i, &mut found),
            TokenKind::Number => number_value(text, tokens, i, &mut found),
            _ => None,
        };
        i = next.unwrap_or(i + 1);
    }
    // A date on a line of its own is a dateline or a byline's date ("August
    // 4, 2002" under a headline), in a format of its own beside the body's.
    // What a line says of its dates is judged once per line: findings
    // come in text order, and a line may hold thousands of them.
    let mut known = crate::words::LastAnswer::default();
    found.retain(|f| {
        if !matches!(f.value, Value::Date { .. }) {
            return true;
        }
        let line = crate::words::line_bounds(doc, f.span);
        let of_own = known.get(line.start, || {
            about_formats(&text[line.clone()]) || in_own_role(doc, f.span, &text[line.clone()])
        });
        !(of_own || alone_on_line(text, line, f.span))
    });
    // Values in code keep the code's format ("size=10000", ">>> n = 65536").
    found.retain(|f| {
        let line = crate::words::line_bounds(doc, f.span);
        !in_code_line(&text[line.clone()], f.span.start() - line.start)
    });
    found
}

/// Whether a value at byte `at` of `line` is in code: the line is an
/// interpreter's or a shell's prompt line (">>> ", "$ "), or an "=" comes
/// just before the value ("size=10000", "limit = 25000").
fn in_code_line(line: &str, at: usize) -> bool {
    let trimmed = line.trim_start();
    if trimmed.starts_with(">>>") || trimmed.starts_with("$ ") {
        return true;
    }
    line[..at.min(line.len())].trim_end().ends_with('=')
}

/// Whether the date at `span` has a role of its own beside the body's
/// dates: in a heading (a release's "2.1.0 (March 3, 2020)"), on a line
/// that names a version ("Version 1.2, released 3 June 2020"), in a
/// header field ("Date: ...", "Sent: ...") or a quotation's attribution
/// ("On August 22, 2002, Ann wrote:").
fn in_own_role(doc: &Document, span: Span, line: &str) -> bool {
    if doc
        .paragraph_at(span.start())
        .is_some_and(|paragraph| paragraph.is_heading)
    {
        return true;
    }
    let trimmed = line.trim();
    if trimmed.ends_with("wrote:") {
        return true;
    }
    // A header field: one word (or hyphenated words) and a colon first.
    let field = trimmed.split_once(':').is_some_and(|(name, _)| {
        !name.is_empty()
            && name.len() <= 20
            && name.starts_with(|c: char| c.is_ascii_uppercase())
            && name.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
    });
    field || has_version(line)
}

/// Whether `line` writes a version number: digits, a dot, digits, a dot and
/// digits ("2.1.0"), or "v" and a dotted number ("v1.2").
fn has_version(line: &str) -> bool {
    let bytes = line.as_bytes();
    (0..bytes.len()).any(|i| {
        let run = |from: usize| {
            bytes[from..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count()
        };
        let at_word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric() && bytes[i - 1] != b'.';
        if !at_word_start {
            return false;
        }
        let (digits_from, need_dots) = match bytes[i] {
            b'v' | b'V' if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => (i + 1, 1),
            b if b.is_ascii_digit() => (i, 2),
            _ => return false,
        };
        let mut j = digits_from;
        let mut dots = 0;
        loop {
            let n = run(j);
            if n == 0 {
                return false;
            }
            j += n;
            if dots >= need_dots {
                return true;
            }
            if bytes.get(j) == Some(&b'.') && bytes.get(j + 1).is_some_and(u8::is_ascii_digit) {
                dots += 1;
                j += 1;
            } else {
                return false;
            }
        }
    })
}

/// Whether `line` (a date's) writes about date formats: it names a
/// format or spells one out ("DD.MM.YY (27.07.22 thus representing 27 July
/// 2022), YYYY-MM-DD ..."). A date there is an example of a format, not the
/// document's own choice.
fn about_formats(line: &str) -> bool {
    line.contains("YYYY")
        || line.contains("yyyy")
        || line
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w.eq_ignore_ascii_case("format") || w.eq_ignore_ascii_case("formats"))
}

/// Whether `span` is all its line holds, but for a year after it.
fn alone_on_line(text: &str, line: std::ops::Range<usize>, span: Span) -> bool {
    let before = &text[line.start..span.start()];
    let after = text[span.end()..line.end].trim();
    before.trim().is_empty() && (after.is_empty() || is_year(after))
}

fn text_of<'a>(text: &'a str, tokens: &[Token], i: usize) -> &'a str {
    tokens.get(i).map_or("", |t| t.text(text))
}

/// Whether token `i` is one plain space.
fn is_space(text: &str, tokens: &[Token], i: usize) -> bool {
    tokens
        .get(i)
        .is_some_and(|t| t.kind == TokenKind::Space && t.text(text) == " ")
}

/// A day of the month: one or two digits, 1 to 31.
fn day_of(word: &str) -> Option<&str> {
    (word.len() <= 2 && word.bytes().all(|b| b.is_ascii_digit()))
        .then_some(word)
        .filter(|d| d.parse::<u8>().is_ok_and(|n| (1..=31).contains(&n)))
}

fn is_year(word: &str) -> bool {
    word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit())
}

/// Whether the token after `i` continues a number ("19-20", "19.5", "19th").
fn continues(text: &str, tokens: &[Token], i: usize) -> bool {
    matches!(text_of(text, tokens, i + 1), "-" | "–" | "/" | ":")
        && tokens
            .get(i + 2)
            .is_some_and(|t| t.kind == TokenKind::Number)
}

/// "February 19", "February 19, 2019", "Feb. 19, 2019" at token `i`.
fn month_first_date<'a>(
    text: &'a str,
    tokens: &[Token],
    i: usize,
    found: &mut Vec<Found<'a>>,
) -> Option<usize> {
    let word = tokens[i].text(text);
    let (month, abbreviated) = month_of(word)?;
    let mut j = i + 1;
    if abbreviated {
        if text_of(text, tokens, j) != "." {
            return None;
        }
        j += 1;
    }
    if !is_space(text, tokens, j) {
        return None;
    }
    let day = day_of(text_of(text, tokens, j + 1))?;
    j += 1;
    if continues(text, tokens, j) {
        return None;
    }
    // "May 5" at a sentence start may be the verb; "may" is the verb.
    if month == 4 && starts_sentence(text, tokens, i) {
        return None;
    }
    let mut end = j;
    let mut year = None;
    if text_of(text, tokens, j + 1) == ","
        && is_space(text, tokens, j + 2)
        && is_year(text_of(text, tokens, j + 3))
    {
        year = Some(text_of(text, tokens, j + 3));
        end = j + 3;
    }
    let span = tokens[i].span.cover(tokens[end].span);
    let value = Value::Date {
        month,
        day,
        year,
        abbreviated,
        month_first: true,
    };
    found.push(Found {
        aspect: Aspect::DateOrder,
        style: Style::MonthDay,
        span,
        value,
    });
    if !(2..=6).contains(&month) {
        found.push(Found {
            aspect: Aspect::MonthAbbreviation,
            style: if abbreviated {
                Style::AbbreviatedMonth
            } else {
                Style::FullMonth
            },
            span,
            value,
        });
    }
    Some(end + 1)
}

/// Whether token `i` starts a sentence, a line or a quotation.
fn starts_sentence(text: &str, tokens: &[Token], i: usize) -> bool {
    tokens[..i]
        .iter()
        .rev()
        .find(|t| t.kind != TokenKind::Space)
        .is_none_or(|t| {
            t.kind == TokenKind::Newline
                || matches!(t.text(text), "." | "!" | "?" | "“" | "\"" | ":" | "(")
        })
}

/// The month a word names, and whether it is abbreviated.
fn month_of(word: &str) -> Option<(usize, bool)> {
    // Most words are no month: one cheap test before the lists.
    if !(3..=9).contains(&word.len()) || !word.as_bytes()[0].is_ascii_uppercase() {
        return None;
    }
    if let Some(m) = MONTHS.iter().position(|m| *m == word) {
        return Some((m, false));
    }
    ABBREVIATIONS
        .iter()
        .position(|list| list.contains(&word))
        .map(|m| (m, true))
}

/// A date day first ("19 February 2019"), a number of thousands or a
/// percentage at token `i`.
fn number_value<'a>(
    text: &'a str,
    tokens: &[Token],
    i: usize,
    found: &mut Vec<Found<'a>>,
) -> Option<usize> {
    let word = tokens[i].text(text);
    let previous = i.checked_sub(1).map_or("", |p| text_of(text, tokens, p));
    // Part of a longer number or code ("3.1.2", "No. 5", "v2", "host:8080",
    // "iso_8859"), or a quoted literal ('8859').
    if matches!(
        previous,
        "." | "," | "-" | "/" | "#" | ":" | "_" | "=" | "'" | "‘" | "\"" | "“"
    ) {
        return None;
    }
    if let Some(day) = day_of(word) {
        if is_space(text, tokens, i + 1) {
            if let Some(month) = MONTHS
                .iter()
                .position(|m| *m == text_of(text, tokens, i + 2))
            {
                let mut end = i + 2;
                let mut year = None;
                if is_space(text, tokens, i + 3) && is_year(text_of(text, tokens, i + 4)) {
                    year = Some(text_of(text, tokens, i + 4));
                    end = i + 4;
                }
                found.push(Found {
                    aspect: Aspect::DateOrder,
                    style: Style::DayMonth,
                    span: tokens[i].span.cover(tokens[end].span),
                    value: Value::Date {
                        month,
                        day,
                        year,
                        abbreviated: false,
                        month_first: false,
                    },
                });
                return Some(end + 1);
            }
        }
    }
    if let Some(style) = percent_after(text, tokens, i) {
        if is_plain_number(word) {
            let end = match style {
                Style::Sign if text_of(text, tokens, i + 1) == "%" => i + 1,
                Style::Sign => i + 2,
                Style::Percent => i + 2,
                _ => i + 4,
            };
            found.push(Found {
                aspect: Aspect::Percent,
                style,
                span: tokens[i].span.cover(tokens[end].span),
                value: Value::Percent { number: word },
            });
            return Some(end + 1);
        }
    }
    if continues(text, tokens, i) {
        return None;
    }
    let (style, int_digits) = thousands_style(word)?;
    if style == Style::Plain {
        // A label's number ("Order 13769", "DC 20500", "Form 1040"); a
        // capitalised word at a sentence start is any word ("Some 35000").
        let label = i
            .checked_sub(2)
            .filter(|&p| is_space(text, tokens, p + 1))
            .is_some_and(|p| {
                let before = tokens[p].text(text);
                // "H.R. 3434", "No. 5"; an acronym names a standard or a
                // code even at a sentence start ("RFC 5424 requires").
                before == "."
                    || (tokens[p].kind == TokenKind::Word
                        && before.starts_with(char::is_uppercase)
                        && (!starts_sentence(text, tokens, p) || is_acronym(before)))
            });
        if label
            || (int_digits == 4 && !is_quantity(text, tokens, i, word))
            || is_binary_constant(word)
        {
            return None;
        }
    }
    found.push(Found {
        aspect: Aspect::Thousands,
        style,
        span: tokens[i].span,
        value: Value::Number {
            digits: word,
            four: int_digits == 4,
        },
    });
    Some(i + 1)
}

/// A power of two or one less, 1024 and up ("4096", "65535", "65536"):
/// sizes and limits of computing, written plain by convention.
fn is_binary_constant(word: &str) -> bool {
    word.parse::<u64>()
        .is_ok_and(|n| n >= 1024 && (n.is_power_of_two() || (n + 1).is_power_of_two()))
}

/// Two or more capitals and nothing else ("RFC", "ISO").
fn is_acronym(word: &str) -> bool {
    word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase())
}

/// Digits with an optional decimal part ("5", "5.2").
fn is_plain_number(word: &str) -> bool {
    let (int, frac) = word.split_once('.').unwrap_or((word, "0"));
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && !frac.is_empty()
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// "5%", "5 %", "5 percent", "5 per cent" after the number at token `i`.
fn percent_after(text: &str, tokens: &[Token], i: usize) -> Option<Style> {
    let next = text_of(text, tokens, i + 1);
    if next == "%" {
        return Some(Style::Sign);
    }
    if !is_space(text, tokens, i + 1) {
        return None;
    }
    match text_of(text, tokens, i + 2) {
        "%" => Some(Style::Sign),
        "percent" => Some(Style::Percent),
        "per" if is_space(text, tokens, i + 3) && text_of(text, tokens, i + 4) == "cent" => {
            Some(Style::PerCent)
        }
        _ => None,
    }
}

/// The thousands style of a number of 1,000 or more, and the digits of its
/// whole part: "1,000" (comma), "1000" (plain).
fn thousands_style(word: &str) -> Option<(Style, usize)> {
    let int = word.split_once('.').map_or(word, |(int, frac)| {
        if frac.bytes().all(|b| b.is_ascii_digit()) && !frac.is_empty() {
            int
        } else {
            ""
        }
    });
    if int.is_empty() || int.starts_with('0') {
        return None;
    }
    if int.contains(',') {
        let mut groups = int.split(',');
        let head = groups.next()?;
        let ok = (1..=3).contains(&head.len())
            && head.bytes().all(|b| b.is_ascii_digit())
            && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
        return ok.then(|| (Style::Comma, int.len() - int.matches(',').count()));
    }
    (int.len() >= 4 && int.bytes().all(|b| b.is_ascii_digit())).then_some((Style::Plain, int.len()))
}

/// Whether a plain four-digit number is a quantity rather than a year: after
/// a currency sign, before a count or unit word, or not a possible year.
fn is_quantity(text: &str, tokens: &[Token], i: usize, word: &str) -> bool {
    let previous = i.checked_sub(1).map_or("", |p| text_of(text, tokens, p));
    if matches!(previous, "$" | "€" | "£" | "¥") {
        return true;
    }
    let next = if is_space(text, tokens, i + 1) {
        text_of(text, tokens, i + 2)
    } else {
        ""
    };
    let value: u32 = word
        .split('.')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let possible_year = (1000..=2100).contains(&value);
    // "in 1990 won control": a year before the verb, not Korean won.
    if COUNT_WORDS.contains(&next) && !(possible_year && next == "won") {
        return true;
    }
    !possible_year && !next.starts_with(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::{assert_no_lints, assert_unsafe_fix, flagged, lint};

    const RULE: InconsistentFormat = InconsistentFormat;

    #[test]
    fn dates_day_first_beside_month_first() {
        let text = "The law took effect on 4 March 2013 and was amended on 20 May 2014. \
                    Elections followed on Dec. 14, 2015.";
        assert_eq!(flagged(&RULE, text), ["Dec. 14, 2015"]);
        let found = lint(&RULE, text);
        assert_eq!(
            found[0].message,
            "date written in two formats: 'Dec. 14, 2015' (month before day) here, but day before month 2 times in this document ('4 March 2013')"
        );
        assert_unsafe_fix(
            &RULE,
            text,
            "The law took effect on 4 March 2013 and was amended on 20 May 2014. \
             Elections followed on 14 December 2015.",
        );
    }

    #[test]
    fn months_abbreviated_beside_in_full() {
        let text = "Talks began on January 9 and resumed on February 2. A deal came on Feb. 19.";
        assert_eq!(flagged(&RULE, text), ["Feb. 19"]);
        assert_unsafe_fix(
            &RULE,
            text,
            "Talks began on January 9 and resumed on February 2. A deal came on February 19.",
        );
    }

    #[test]
    fn news_style_dates_are_one_format() {
        // March to July are never abbreviated in news style; a month
        // without a day is not a date format; "may" is a verb.
        assert_no_lints(
            &RULE,
            "The vote on Jan. 5 and the rally on March 3 came before the Oct. 2 deadline. \
             In March 2019 prices rose. May 5 people come? Talks on June 4 ended.",
        );
    }

    #[test]
    fn thousands_separator_dropped() {
        let text = "About 25,000 people fled and 12,500 homes burned; 40000 more were at risk.";
        assert_eq!(flagged(&RULE, text), ["40000"]);
        assert_unsafe_fix(
            &RULE,
            text,
            "About 25,000 people fled and 12,500 homes burned; 40,000 more were at risk.",
        );
        let text = "It cost $1,500 in 2019 and 3,200 yuan later, then 1800 yuan.";
        assert_eq!(flagged(&RULE, text), ["1800"]);
    }

    #[test]
    fn years_labels_and_house_styles_are_not_numbers_to_compare() {
        // Years, a label's number, and "1500" beside "15,000" written as a
        // house style (twice, and no four-digit number with a comma).
        assert_no_lints(
            &RULE,
            "In 1990 about 15,000 people and 2,500,000 tons moved. Executive Order 13769 \
             came in 2017; the 2020 census counted 1500 villages and 2400 schools.",
        );
        // Once, it is a slip.
        assert_eq!(
            flagged(
                &RULE,
                "About 15,000 people and 2,500,000 tons moved to 1500 villages."
            ),
            ["1500"]
        );
        // At a sentence start a capitalised word is no label.
        assert_eq!(
            flagged(
                &RULE,
                "About 15,000 fled and 20,000 stayed. Some 35000 came back."
            ),
            ["35000"]
        );
    }

    #[test]
    fn codes_and_technical_numbers_are_not_quantities_to_compare() {
        // Plain numbers mostly: ports and codes; a quantity with commas
        // beside them is no slip.
        assert_no_lints(
            &RULE,
            "It listens on ports 12345 and 54321, or over 60000. \
             The quota allows 102,400 bytes.",
        );
        // After an acronym at a sentence start, a number is a label.
        assert_no_lints(
            &RULE,
            "About 25,000 people and 12,500 homes. RFC 54245 requires it.",
        );
        // On a tie either may be the slip: reported, without a fix.
        assert_eq!(
            flagged(
                &RULE,
                "An estimated 42000 MW. The quota allows 102,400 bytes."
            ),
            ["102,400"]
        );
        // The other way round it is a slip.
        assert_eq!(
            flagged(
                &RULE,
                "About 25,000 people and 12,500 homes. Some 54245 left."
            ),
            ["54245"]
        );
    }

    #[test]
    fn percent_sign_beside_the_word() {
        let text = "Growth was 5.2% in 2018, 6% in 2019 and 4 percent in 2020.";
        assert_eq!(flagged(&RULE, text), ["4 percent"]);
        assert_unsafe_fix(
            &RULE,
            text,
            "Growth was 5.2% in 2018, 6% in 2019 and 4% in 2020.",
        );
        assert_eq!(
            flagged(
                &RULE,
                "Rates: 3 per cent, 4 per cent, 5 percent, 6 per cent."
            ),
            ["5 percent"]
        );
        assert_no_lints(
            &RULE,
            "Growth was 5 percent, then 6 percent; the top 1 percent gained 2 percentage points.",
        );
    }

    #[test]
    fn a_date_as_an_example_of_a_format_is_no_choice() {
        assert_no_lints(
            &RULE,
            "Body.\n\nIt met on December 25, 2022 and on March 3, 2023.\n\nFormats include DD.MM.YY (27.07.22 thus representing 27 July 2022) and YYYY-MM-DD.\n",
        );
        let found = lint(
            &RULE,
            "Body.\n\nIt met on December 25, 2022 and on March 3, 2023.\n\nIt ended on 27 July 2023.\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn values_in_code_and_binary_constants_are_not_compared() {
        // An assignment, a prompt line and a power of two keep the format
        // of code; the prose's numbers are still compared.
        assert_no_lints(
            &RULE,
            "The cache holds 10,000 entries and 25,000 at most.\n\n\
             >>> cache = Cache(size=10000)\n\
             >>> cache.limit = 25000\n\n\
             A colour table has 65536 entries; the server listens on example.com:8080 \
             and 'iso_8859_1' is '8859'.\n",
        );
        assert_eq!(
            flagged(
                &RULE,
                "The cache holds 10,000 entries and 25,000 at most, and 40000 in all.\n"
            ),
            ["40000"]
        );
    }

    #[test]
    fn dates_of_releases_fields_and_attributions_have_their_own_role() {
        assert_no_lints(
            &RULE,
            "Version 2.1.0 (March 3, 2020) fixed it.\n\n\
             Date: September 9, 2002\n\n\
             On August 22, 2002, Ann wrote:\n\n\
             The branch was cut on 4 April 2021 and merged on 9 May 2021.\n",
        );
        assert_eq!(
            flagged(
                &RULE,
                "The branch was cut on 4 April 2021 and merged on 9 May 2021. \
                 It shipped on June 3, 2021.\n"
            ),
            ["June 3, 2021"]
        );
    }

    #[test]
    fn a_dateline_keeps_its_own_format() {
        // The date under a headline is a dateline; the body's dates agree.
        assert_no_lints(
            &RULE,
            "Limits of Civil Liberty\n\nAugust 4, 2002\n\nAfter Sept. 11, the court met. By Oct. 2, it ruled.\n",
        );
        // In running text the month in full is another format.
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nOn August 4, 2002 the court met. After Sept. 11, it met. By Oct. 2, it ruled.\n",
            ),
            ["August 4, 2002"]
        );
    }

    #[test]
    fn a_year_before_won_is_no_amount() {
        assert_no_lints(
            &RULE,
            "Body.\n\nIn 1990 won control of 100,000 seats and 25,000 offices.\n",
        );
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nIt cost 5400 won, then 100,000 won and 25,000 won.\n",
            ),
            ["5400"]
        );
    }

    #[test]
    fn a_tie_is_reported_without_a_fix() {
        let found = lint(&RULE, "It rose 5% and then 6 percent.");
        assert_eq!(found.len(), 1);
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn every_occurrence_of_the_variant_is_labelled() {
        let found = lint(
            &RULE,
            "On 1 May 2001, 2 May 2002, 3 May 2003 and 4 May 2004; on June 5 and June 6.",
        );
        assert_eq!(found.len(), 1);
        let labels: Vec<&str> = found[0].labels.iter().map(|l| l.message.as_str()).collect();
        assert_eq!(
            labels,
            [
                "'1 May 2001' (day before month) first written here",
                "'June 6' again"
            ]
        );
    }

    #[test]
    fn seed_documents_write_one_format() {
        for text in [
            include_str!("../../../../corpus/000_235ce14a263a412f.txt"),
            include_str!("../../../../corpus/001_c0a954b847b3ef5e.txt"),
            include_str!("../../../../corpus/002_a1473f90297c5d0a.txt"),
            include_str!("../../../../corpus/003_b8ac175d91083a77.txt"),
            include_str!("../../../../corpus/004_87e956972208343d.txt"),
        ] {
            assert_no_lints(&RULE, text);
        }
    }
}
