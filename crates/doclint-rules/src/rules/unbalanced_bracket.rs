use doclint_core::{BlockKind, Diagnostic, Document, Label, Span, Token, TokenKind};

use crate::pairing::{nearest_matching, quoted_stretches};
use crate::rule::{Context, Rule, RuleMeta};
use crate::words::{emoticon_at, in_code_like_line};

declare_rule! {
    /// ## What it does
    /// Flags a parenthesis or square bracket that does not pair within its
    /// paragraph: an opener that is never closed, a closing mark with no
    /// opener, and a pair whose marks do not match ("(text]").
    ///
    /// ## Why is this bad?
    /// Machine translation and hasty editing drop one mark of a pair ("The
    /// conference (held in Dalian discussed the plan."), and the reader can
    /// no longer tell where the aside ends. Not flagged: list labels such as
    /// "1) first", "1.) first", "a) second" or "iv) third" at the start of a line (or
    /// after a bullet), after a comma, semicolon, colon, "and" or "or", or
    /// several in one paragraph; a mark inside a quotation (quoted words
    /// are reproduced as written, and an excerpt may cut an aside short:
    /// the “(” key, “the plan (draft”); an escaped mark (`\(`); an
    /// emoticon (":)", ";-(", ";--)", "=)", ":))", "8-)", "B-)", and runs of three or more
    /// identical marks such as ")))" or "((((", but not an opening mark
    /// glued to the word after it: "as follows:^[8]" is a footnote); a
    /// half-open interval ("[0, 1)", "(a, b]"); a closing mark that starts
    /// a line in a document where three or more lines start with it (an
    /// e-mail reply quoted with ")" or "--]" like ">"); a closing mark in
    /// the first sentence of a reply excerpt whose line starts with a quote
    /// prefix (">", "&>", "--]"): the quoting writer cut off the aside's
    /// start; an aside that a smiley closes ("(if friendlier :-) threat");
    /// Markdown link syntax and code (a line of plain text that reads as
    /// code, a command or program output pairs its marks with the prose
    /// around it, "(set in⏎$HOME/.profile)", but they are never reported); a mark standing alone between spaces
    /// or at the edge of a table cell ("to match a [ or \", "| ( | open |"),
    /// or alone in an HTML element ("<kbd>]</kbd>"); a key of a key
    /// combination ("Control+]"); a word label in a list labelled "a) …
    /// b)" ("none) of the above"); and an opener in a paragraph that ends with a colon: the aside runs on through the
    /// display the colon introduces; an opener in a paragraph that stops
    /// mid-sentence, closed in the next paragraph when that one goes on in
    /// lower case (a display between was cut out: "and doing⏎⏎at module
    /// level)"); a label of one small letter set apart mid-sentence before
    /// a word ("either a) reboot the box"); a paragraph of one word ("Picasso)"), which a reply cut
    /// down from a longer line; and a mark in a run of four kinds
    /// of symbol or more with no letter ("{|}~]"), a list of characters,
    /// or on a line drawn with symbols, with no letter or digit ("|____)"); and a
    /// mark inside notation written into a sentence: a glob ("*.[ch"), a
    /// pattern quoted as a literal ("'(warn|err'") or an identifier or URL
    /// ("Parser_(computing").
    /// Full-width brackets （） pair with ASCII ones but are never reported
    /// here: `fullwidth-punctuation` already reports each of them.
    ///
    /// ## Example
    /// ```text
    /// The conference (held in Dalian discussed the plan.
    /// ```
    /// Use instead:
    /// ```text
    /// The conference (held in Dalian) discussed the plan.
    /// ```
    ///
    /// ## Fix safety
    /// No fix: only a reader knows where the aside was meant to start or
    /// end. The nearest mark of the same kind is labelled.
    pub struct UnbalancedBracket {
        id: "unbalanced-bracket",
        category: Structure,
        severity: Warning,
        fix: Never,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Round,
    Square,
}

/// One bracket of a paragraph.
#[derive(Clone, Copy, Debug)]
struct Mark {
    span: Span,
    /// Index of its token within the paragraph's tokens.
    token: usize,
    shape: Shape,
    opening: bool,
    /// False for marks that pair but are not this rule's to report:
    /// full-width ones (`fullwidth-punctuation` reports each) and the `]`
    /// of Markdown link syntax.
    reportable: bool,
}

impl Mark {
    fn name(&self) -> &'static str {
        match self.shape {
            Shape::Round => "parenthesis",
            Shape::Square => "square bracket",
        }
    }
}

/// The bracket a punctuation token is: (shape, opening, reportable).
fn bracket(punct: &str) -> Option<(Shape, bool, bool)> {
    Some(match punct {
        "(" => (Shape::Round, true, true),
        ")" => (Shape::Round, false, true),
        "[" => (Shape::Square, true, true),
        "]" => (Shape::Square, false, true),
        "（" => (Shape::Round, true, false),
        "）" => (Shape::Round, false, false),
        "［" | "【" => (Shape::Square, true, false),
        "］" | "】" => (Shape::Square, false, false),
        _ => return None,
    })
}

impl Rule for UnbalancedBracket {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        // A file of brackets is a finding at every other byte.
        let mut out = crate::capped::Capped::new(out);
        let mut marks: Vec<Mark> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let mut found: Vec<(usize, Problem)> = Vec::new();
        let mut quoted: Vec<Span> = Vec::new();
        let mut prefixes: Option<QuotePrefixes> = None;
        // Closing marks read as something else (a face's mouth, a key),
        // which may still close an aside left open before them.
        let mut faces: Vec<(Shape, Span)> = Vec::new();
        // Openers left open by a paragraph that stops mid-sentence: the
        // next paragraph may close them (a display was cut out between).
        let mut carried: Vec<(Shape, Diagnostic)> = Vec::new();
        for (p, paragraph) in doc.paragraphs().iter().enumerate() {
            // Three paragraphs on, the aside was never closed.
            let tokens = doc.tokens_in(&paragraph.tokens);
            let range = paragraph.quotes.start as usize..paragraph.quotes.end as usize;
            quoted_stretches(doc.quotes(), range, &mut quoted);
            collect_marks(doc, tokens, &quoted, &mut prefixes, &mut marks, &mut faces);
            let body = doc.slice(paragraph.span).trim();
            // "…by adding new packages and doing⏎⏎at module level).": the
            // sentence goes on in lower case after the break.
            let goes_on = body.starts_with(|c: char| c.is_lowercase());
            if !goes_on || marks.is_empty() {
                for (_, diagnostic) in carried.drain(..) {
                    out.push(diagnostic);
                }
            }
            if marks.is_empty() {
                continue;
            }
            open.clear();
            found.clear();
            for (m, mark) in marks.iter().enumerate() {
                if mark.opening {
                    open.push(m);
                    continue;
                }
                match open.iter().rposition(|&o| marks[o].shape == mark.shape) {
                    Some(at) => {
                        // Openers of the other shape inside this pair never
                        // closed: "(see [1) for".
                        for &o in &open[at + 1..] {
                            found.push((o, Problem::Unclosed));
                        }
                        open.truncate(at);
                    }
                    None => match open.last() {
                        // "[0, 1)": a half-open interval.
                        Some(&o) if is_interval(doc, tokens, marks[o].token, mark.token) => {
                            open.pop();
                        }
                        // "(text]": one mistaken mark, reported once.
                        Some(&o) => {
                            found.push((m, Problem::Mismatched(o)));
                            open.pop();
                        }
                        None => found.push((m, Problem::Stray)),
                    },
                }
            }
            // "(albeit friendlier :-) threat": the smiley closes the aside;
            // so do the mouth of "[epoch:]" and the key of "(LiLiQ-R+)".
            found.extend(
                open.iter()
                    .filter(|&&o| {
                        !faces.iter().any(|&(shape, f)| {
                            shape == marks[o].shape && f.start > marks[o].span.start
                        })
                    })
                    .map(|&o| (o, Problem::Unclosed)),
            );
            drop_list_labels(doc, tokens, &marks, &mut found);
            drop_quote_prefixes(doc, tokens, &marks, &mut prefixes, &mut found);
            drop_cut_excerpt_closers(doc, paragraph.span, &marks, &mut found);
            let in_cell = paragraph.block == BlockKind::TableCell;
            found.retain(|&(m, _)| !stands_alone(tokens, marks[m].token, in_cell));
            found.retain(|&(m, problem)| {
                matches!(problem, Problem::Mismatched(_))
                    || !in_notation(doc.text(), marks[m].span, marks[m].opening)
            });
            // "(but they may lose it:" before a display: the aside runs on
            // through the lines the colon introduces.
            if doc.slice(paragraph.span).trim_end().ends_with(':') {
                found.retain(|&(_, problem)| !matches!(problem, Problem::Unclosed));
            }
            found.sort_by_key(|&(m, _)| m);
            // A stray closer of the sentence carried over closes its aside.
            found.retain(|&(m, problem)| {
                if !matches!(problem, Problem::Stray) {
                    return true;
                }
                match carried
                    .iter()
                    .rposition(|(shape, _)| *shape == marks[m].shape)
                {
                    Some(at) => {
                        carried.remove(at);
                        false
                    }
                    None => true,
                }
            });
            for (_, diagnostic) in carried.drain(..) {
                out.push(diagnostic);
            }
            // "Picasso)": a line a reply cut down to one word ("Dalian)
            // met." may be the end of an aside a paragraph break split).
            if crate::words::is_fragment(doc, p, 1) {
                continue;
            }
            let stops_mid_sentence = body.ends_with(|c: char| c.is_alphanumeric() || c == ',');
            for &(m, problem) in &found {
                if marks[m].reportable {
                    let diagnostic = report(&marks, m, problem);
                    if stops_mid_sentence && matches!(problem, Problem::Unclosed) {
                        carried.push((marks[m].shape, diagnostic));
                    } else {
                        out.push(diagnostic);
                    }
                }
            }
        }
        for (_, diagnostic) in carried.drain(..) {
            out.push(diagnostic);
        }
    }
}

/// Whether the mark at token `i` stands alone inside a line, between
/// spaces: "to match a [ or \", "it might ) be": a mark named or left
/// over, not one that opens or closes an aside. The edges of a table
/// cell count as spaces: a table of marks names them ("| [ | bracket |").
fn stands_alone(tokens: &[Token], i: usize, in_cell: bool) -> bool {
    let space_before = (in_cell && i == 0)
        || (i.checked_sub(1).is_some_and(|j| tokens[j].is_space())
            && i.checked_sub(2).is_some_and(|j| !tokens[j].is_blank()));
    space_before && tokens.get(i + 1).is_none_or(|t| t.is_blank())
}

#[derive(Clone, Copy, Debug)]
enum Problem {
    Unclosed,
    Stray,
    /// Closes the opener at this index, of the other shape.
    Mismatched(usize),
}

/// The brackets of a paragraph's tokens, in text order, into `marks`.
/// Brackets in quotation marks are left out: a quotation reproduces words
/// as written (“(see the annex]”) and an excerpt may cut an aside short.
fn collect_marks(
    doc: &Document,
    tokens: &[Token],
    quoted: &[Span],
    prefixes: &mut Option<QuotePrefixes>,
    marks: &mut Vec<Mark>,
    faces: &mut Vec<(Shape, Span)>,
) {
    marks.clear();
    faces.clear();
    let mut next_quoted = 0;
    // Runs of glued marks, each measured once: measuring a run again for
    // each of its marks is quadratic in a line of ten thousand brackets.
    let mut same_run = Run::default();
    let mut symbol_run = Run::default();
    let mut drawing: Option<(usize, bool)> = None;
    for (i, token) in tokens.iter().enumerate() {
        let found = match token.kind {
            TokenKind::Punct => bracket(doc.slice(token.span)),
            // A Markdown link's target "](url)" or reference "][id]" is
            // not prose, but its `]` closes the link text's `[` (the
            // target may be merged with inline code before it).
            TokenKind::Code if is_link_end(doc.slice(token.span)) => {
                Some((Shape::Square, false, false))
            }
            _ => None,
        };
        let Some((shape, opening, reportable)) = found else {
            continue;
        };
        // "\(" is escaped (the backslash is a token in plain text, markup in
        // Markdown), but "(\)" names the backslash in parentheses.
        let escaped = token.span.start() > 0
            && doc.text().as_bytes()[token.span.start() - 1] == b'\\'
            && !(!opening && i > 1 && doc.slice(tokens[i - 2].span) == "(");
        // ":)", ";-(", ":))", ")))": an emoticon, not a bracket.
        let emoticon = is_emoticon(doc, tokens, i, &mut same_run);
        while quoted
            .get(next_quoted)
            .is_some_and(|q| q.end <= token.span.start)
        {
            next_quoted += 1;
        }
        let in_quotation = quoted
            .get(next_quoted)
            .is_some_and(|q| q.start < token.span.start);
        let key = is_key_name(doc, tokens, i);
        if (emoticon || key) && !opening {
            faces.push((shape, token.span));
        }
        // An escaped mark is written as meant: it still pairs ("\[0, 1)",
        // "(except \) inside"), but is never reported. "ESC [" is a terminal
        // escape sequence (`control-character`), not a bracket.
        let in_escape_sequence =
            token.span.start() > 0 && doc.text().as_bytes()[token.span.start() - 1] == 0x1b;
        if emoticon
            || in_escape_sequence
            || in_quotation
            || is_quoted_alone(doc, tokens, i)
            || key
            || is_element_text(doc.text(), token.span)
        {
            continue;
        }
        // "(:" is a face too, but "(;)" names the semicolon.
        let text = doc.text();
        let face_opens = opening
            && emoticon_at(text, token.span.start())
                .is_some_and(|len| !text[token.span.start() + len..].starts_with(')'));
        if face_opens
            || in_symbol_run(doc, tokens, i, &mut symbol_run)
            || in_drawing(doc, token.span.start(), &mut drawing)
        {
            continue;
        }
        // ") text", "--]text": a reply's quote prefix, like "> ", is no
        // bracket; left out before pairing, it cannot close an aside the
        // quoted text opened.
        if !opening && is_quote_prefix(doc, tokens, i, prefixes) {
            continue;
        }
        let len = doc
            .slice(token.span)
            .chars()
            .next()
            .map_or(1, char::len_utf8);
        marks.push(Mark {
            span: Span::new(token.span.start(), token.span.start() + len),
            token: i,
            shape,
            opening,
            // Written as meant: it still pairs ("\(parentheses)").
            // A slice pairs if it can, but its ":]" may read as a face.
            // A line of code, a command or program output in plain text
            // pairs its brackets by its own rules, but its marks still
            // close or open an aside of the prose around it: "(set in
            // $HOME/.profile)" wrapped over two lines, "( echo a⏎ cat f ) | nc".
            reportable: reportable
                && !escaped
                && !is_slice(doc, tokens, i)
                && !in_code_like_line(doc, token.span.start()),
        });
    }
}

/// Whether the mark at token `i` is one of a run of symbols glued
/// together, with no letter or digit, no code and four other kinds of
/// mark at least ("{|}~]", "@[\\]^_"): a list of characters (a regular
/// expression's class, a pattern whose inline code broke at a backtick),
/// not an aside. A mark glued to code ("`/** */`)") is read apart from it.
fn in_symbol_run(doc: &Document, tokens: &[Token], i: usize, cache: &mut Run) -> bool {
    if let Some(known) = cache.answer(i) {
        return known;
    }
    let part = |t: &Token| !t.is_blank() && t.kind != TokenKind::Code;
    let (first, last) = glued_run(tokens, i, |a, b| {
        part(&tokens[a]) && part(&tokens[b]) && tokens[a].span.end() == tokens[b].span.start()
    });
    let run = &doc.text()[tokens[first].span.start()..tokens[last].span.end()];
    let symbols = !run.chars().any(char::is_alphanumeric) && {
        let mut kinds: Vec<char> = run
            .chars()
            .filter(|&c| c.is_ascii_punctuation() && !matches!(c, '(' | ')' | '[' | ']'))
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        kinds.len() >= 4
    };
    *cache = Run {
        tokens: first..last + 1,
        answer: symbols,
    };
    symbols
}

/// Whether the line holding `offset` is drawn rather than written: no
/// letter or digit, and three strokes or more ("|____)", "\_/)"): ASCII
/// art or a rule, where a mark is a stroke. A line of a lone closer or
/// of dots (")", "...)") is not one: it may close an aside of the line
/// before. Each line is measured once (`cache`).
fn in_drawing(doc: &Document, offset: usize, cache: &mut Option<(usize, bool)>) -> bool {
    let line = doc.line_of(offset);
    if let Some((known_line, known)) = *cache {
        if known_line == line {
            return known;
        }
    }
    // A long line is text, and the bound keeps a row of many table cells,
    // each measuring the line again, linear.
    const LONGEST_DRAWING: usize = 200;
    let text = doc.lines().get(line).map_or("", |l| doc.slice(l.span));
    let drawn = text.len() <= LONGEST_DRAWING
        && !text.chars().any(char::is_alphanumeric)
        && text
            .chars()
            .filter(|c| {
                matches!(
                    c,
                    '|' | '_' | '/' | '\\' | '-' | '=' | '+' | '*' | '#' | '~'
                )
            })
            .take(3)
            .count()
            == 3;
    *cache = Some((line, drawn));
    drawn
}

/// A run of tokens measured once, with what was found of it.
#[derive(Default)]
struct Run {
    tokens: std::ops::Range<usize>,
    answer: bool,
}

impl Run {
    fn answer(&self, i: usize) -> Option<bool> {
        self.tokens.contains(&i).then_some(self.answer)
    }
}

/// The first and last token of the run around token `i` in which each
/// neighbouring pair `(a, a + 1)` satisfies `joined`.
fn glued_run(tokens: &[Token], i: usize, joined: impl Fn(usize, usize) -> bool) -> (usize, usize) {
    let mut first = i;
    while first > 0 && joined(first - 1, first) {
        first -= 1;
    }
    let mut last = i;
    while last + 1 < tokens.len() && joined(last, last + 1) {
        last += 1;
    }
    (first, last)
}

/// Whether the bracket at token `i` belongs to an emoticon: the mouth
/// itself, a mouth drawn with several marks (":))"), or a run of three or
/// more identical marks (")))", "((((").
fn is_emoticon(doc: &Document, tokens: &[Token], i: usize, cache: &mut Run) -> bool {
    if let Some(known) = cache.answer(i) {
        return known;
    }
    let text = doc.slice(tokens[i].span);
    let (first, last) = glued_run(tokens, i, |a, b| {
        doc.slice(tokens[a].span) == text
            && doc.slice(tokens[b].span) == text
            && tokens[a].span.end() == tokens[b].span.start()
    });
    // A run glued to a word closes nested asides: "f(g(h(x)))".
    let free = first == 0 || tokens[first - 1].span.end() < tokens[first].span.start() || {
        let before = tokens[first - 1];
        before.is_blank() || doc.slice(before.span) == "."
    };
    let emoticon = (last - first >= 2 && free) || is_emoticon_mouth(doc, tokens, first);
    *cache = Run {
        tokens: first..last + 1,
        answer: emoticon,
    };
    emoticon
}

/// Whether the bracket at token `i` is the mouth of an emoticon: glued
/// after the eyes ":", ";" or "=", with an optional nose ("-", "--", "'",
/// "^"): ":)", ";-(", ":-]", ";--)". Eyes glued to an opening bracket are
/// a slice, not a face ("a[:]").
fn is_emoticon_mouth(doc: &Document, tokens: &[Token], i: usize) -> bool {
    let glued_text = |j: usize| {
        tokens
            .get(j)
            .filter(|t| t.span.end() == tokens[j + 1].span.start())
            .map(|t| doc.slice(t.span))
    };
    let mut eyes_at = i.checked_sub(1);
    let mut nose = false;
    for _ in 0..2 {
        if eyes_at
            .and_then(glued_text)
            .is_some_and(|t| matches!(t, "-" | "'" | "^"))
        {
            eyes_at = eyes_at.and_then(|j| j.checked_sub(1));
            nose = true;
        }
    }
    let Some(eyes_at) = eyes_at else {
        return false;
    };
    // "as follows:^[8]", "see:(a)": an opening mark glued to the word or
    // number after it opens that word; a face ends where it is drawn.
    if tokens.get(i + 1).is_some_and(|t| {
        (t.is_word() || t.kind == TokenKind::Number)
            && t.span.start() == tokens[i].span.end()
            && matches!(doc.slice(tokens[i].span), "(" | "[")
    }) {
        return false;
    }
    let eyes = glued_text(eyes_at);
    // "8-)", "B-)", "X-(": eyes drawn with a letter or digit need a nose
    // and stand apart; "4-8)" and "AB-)" end a range or a name.
    let letter_eyes = nose
        && matches!(eyes, Some("8" | "B" | "X" | "x"))
        && eyes_at
            .checked_sub(1)
            .is_none_or(|j| tokens[j].is_blank() || glued_text(j).is_none());
    if letter_eyes {
        return true;
    }
    if !matches!(eyes, Some(":" | ";" | "=")) {
        return false;
    }
    // "operator=(const X& y)", "x=(a + b)": "=" glued after a word assigns
    // or names an operator; a face stands apart ("thanks =)").
    if eyes == Some("=")
        && eyes_at
            .checked_sub(1)
            .is_some_and(|j| glued_text(j).is_some() && tokens[j].is_word())
        && doc.slice(tokens[i].span) == "("
    {
        return false;
    }
    !eyes_at
        .checked_sub(1)
        .and_then(glued_text)
        .is_some_and(|t| matches!(t, "[" | "("))
}

/// Whether the mark is the whole text of an inline HTML element:
/// "<kbd>]</kbd>", "<code>(</code>" name the mark.
fn is_element_text(text: &str, span: Span) -> bool {
    text[..span.start()].ends_with('>') && text[span.end()..].starts_with("</")
}

/// Whether the mark at token `i` names a key of a key combination:
/// "Control+]", "Ctrl+[", "Alt+(": glued after a `+` that is glued to a
/// word, and not followed by a word.
fn is_key_name(doc: &Document, tokens: &[Token], i: usize) -> bool {
    let glued = |a: usize, b: usize| tokens[a].span.end() == tokens[b].span.start();
    let after_plus = i >= 2
        && doc.slice(tokens[i - 1].span) == "+"
        && glued(i - 1, i)
        && glued(i - 2, i - 1)
        && tokens[i - 2].is_word();
    after_plus
        && tokens
            .get(i + 1)
            .is_none_or(|t| !t.is_word() || !glued(i, i + 1))
}

/// Whether a stretch of Markdown that is not prose holds the end of a
/// link's text: "](url)", "][id]". Inside inline code these are text of
/// the code ("`[[:alpha:][:digit:]]`"), not markup: only marks outside
/// backticks count.
fn is_link_end(code: &str) -> bool {
    let mut outside = String::with_capacity(code.len());
    let mut in_code = false;
    for c in code.chars() {
        if c == '`' {
            in_code = !in_code;
            // Keep the stretches apart: "`a]`(x)" has no "](".
            outside.push(' ');
        } else if !in_code {
            outside.push(c);
        }
    }
    outside.starts_with(']') || outside.contains("](") || outside.contains("][")
}

/// Whether the marks at tokens `open` and `close` (of different shapes)
/// bound a half-open interval: two short terms (numbers, single letters,
/// "∞") around one comma, "[0, 1)", "(a, b]".
fn is_interval(doc: &Document, tokens: &[Token], open: usize, close: usize) -> bool {
    let inner: Vec<&Token> = tokens[open + 1..close]
        .iter()
        .filter(|t| !t.is_blank())
        .collect();
    let mut parts = inner.split(|t| doc.slice(t.span) == ",");
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let term = |part: &[&Token]| {
        let rest = match part {
            [first, rest @ ..] if matches!(doc.slice(first.span), "-" | "+" | "−") => rest,
            _ => part,
        };
        match rest {
            [t] => {
                t.kind == TokenKind::Number
                    || doc.slice(t.span) == "∞"
                    || (t.is_word() && doc.slice(t.span).chars().count() == 1)
            }
            _ => false,
        }
    };
    term(a) && term(b)
}

/// How many lines of the document start with each closing mark: e-mail
/// replies quoted with ")" or "--]" before every line.
struct QuotePrefixes {
    round: usize,
    square: usize,
}

impl QuotePrefixes {
    fn of(doc: &Document) -> Self {
        let mut prefixes = QuotePrefixes {
            round: 0,
            square: 0,
        };
        for line in doc.lines() {
            let text = doc.slice(line.span).trim_start();
            let bare = text.trim_start_matches('-');
            // "--]" inside a line is counted below.
            if bare.len() + 2 <= text.len() {
                continue;
            }
            if bare.starts_with(')') {
                prefixes.round += 1;
            } else if bare.starts_with(']') {
                prefixes.square += 1;
            }
        }
        prefixes.round += doc.text().matches("--)").count();
        prefixes.square += doc.text().matches("--]").count();
        prefixes
    }
}

/// "a[len(a):]", "s[:i]", "coding[=:]": a square bracket glued to the
/// word before it, with a colon before the next blank, indexes or slices
/// code rather than opening an aside: it is never reported.
fn is_slice(doc: &Document, tokens: &[Token], i: usize) -> bool {
    if doc.slice(tokens[i].span) != "[" || i == 0 || tokens[i - 1].kind != TokenKind::Word {
        return false;
    }
    tokens[i + 1..]
        .iter()
        .take_while(|t| !t.is_blank())
        .any(|t| doc.slice(t.span) == ":")
}

/// Whether the closing mark at token `i` quotes a reply: "--]" glued to
/// two dashes anywhere (no prose writes it), or a ")" or "]" that starts a
/// line (perhaps after dashes) before a blank or ">" in a document where
/// three or more lines start so.
fn is_quote_prefix(
    doc: &Document,
    tokens: &[Token],
    i: usize,
    prefixes: &mut Option<QuotePrefixes>,
) -> bool {
    let mut before = skip_spaces_back(tokens, i);
    let mut dashes = 0;
    while before > 0 && doc.slice(tokens[before - 1].span) == "-" {
        before -= 1;
        dashes += 1;
    }
    if dashes >= 2 && before + dashes == i && doc.slice(tokens[i].span) == "]" {
        return true;
    }
    let at_line_start = before == 0 || tokens[before - 1].kind == TokenKind::Newline;
    let then_blank = tokens
        .get(i + 1)
        .is_none_or(|t| t.is_blank() || doc.slice(t.span) == ">");
    if !at_line_start || !then_blank {
        return false;
    }
    let prefixes = prefixes.get_or_insert_with(|| QuotePrefixes::of(doc));
    let lines = match bracket(doc.slice(tokens[i].span)) {
        Some((Shape::Round, ..)) => prefixes.round,
        Some((Shape::Square, ..)) => prefixes.square,
        None => 0,
    };
    lines >= 3
}

/// Takes out of `found` the stray closing marks that start a line (perhaps
/// after dashes), or follow two dashes glued ("--]"), in a document where
/// at least three lines start so: the marks that quote an e-mail reply,
/// like ">".
fn drop_quote_prefixes(
    doc: &Document,
    tokens: &[Token],
    marks: &[Mark],
    prefixes: &mut Option<QuotePrefixes>,
    found: &mut Vec<(usize, Problem)>,
) {
    found.retain(|&(m, problem)| {
        let mark = &marks[m];
        if !matches!(problem, Problem::Stray) {
            return true;
        }
        let mut before = skip_spaces_back(tokens, mark.token);
        let mut dashes = 0;
        while before > 0 && doc.slice(tokens[before - 1].span) == "-" {
            before -= 1;
            dashes += 1;
        }
        let at_line_start = before == 0 || tokens[before - 1].kind == TokenKind::Newline;
        // The prefix "--]" also survives inside lines the reply reflowed.
        let glued_prefix = dashes >= 2 && before + dashes == mark.token;
        if !at_line_start && !glued_prefix {
            return true;
        }
        let prefixes = prefixes.get_or_insert_with(|| QuotePrefixes::of(doc));
        let lines = match mark.shape {
            Shape::Round => prefixes.round,
            Shape::Square => prefixes.square,
        };
        lines < 3
    });
}

/// Takes out of `found` the stray closing marks of a reply excerpt that
/// starts mid-sentence: in a paragraph whose first line starts with a
/// reply's quote prefix (">", "|", "&>", "--]"), a closer before the
/// excerpt's first sentence ends closes an aside the quoting writer cut
/// off ("--]Stephen Hawking) are happy").
fn drop_cut_excerpt_closers(
    doc: &Document,
    paragraph: Span,
    marks: &[Mark],
    found: &mut Vec<(usize, Problem)>,
) {
    let text = doc.slice(paragraph);
    let body = text.trim_start();
    let prefix_len = body
        .find(|c: char| !matches!(c, '>' | '|' | '&' | '-' | ']' | ' '))
        .unwrap_or(body.len());
    let prefix = &body[..prefix_len];
    if !(prefix.contains('>') || prefix.contains('|') || prefix.trim_end().ends_with("--]")) {
        return;
    }
    let start = paragraph.start() + (text.len() - body.len());
    let sentence_end = text
        .char_indices()
        .find(|&(at, c)| {
            matches!(c, '.' | '!' | '?') && text[at + 1..].starts_with(char::is_whitespace)
        })
        .map_or(paragraph.end(), |(at, _)| paragraph.start() + at);
    found.retain(|&(m, problem)| {
        let at = marks[m].span.start();
        !(matches!(problem, Problem::Stray) && at > start && at < sentence_end)
    });
}

/// Takes out of `found` the stray closing marks that end list labels
/// ("1) roads, 2) bridges"): each one that starts a line or follows `,` `;`
/// `:` "and" or "or", and all of them when the paragraph has several.
fn drop_list_labels(
    doc: &Document,
    tokens: &[Token],
    marks: &[Mark],
    found: &mut Vec<(usize, Problem)>,
) {
    let label = |&(m, problem): &(usize, Problem)| {
        matches!(problem, Problem::Stray) && label_before(doc, tokens, marks[m].token).is_some()
    };
    if found.iter().filter(|f| label(f)).count() >= 2 {
        // "c) … d) all of the above. moron) none": in a list labelled so,
        // a closer after a line's first word is one more label.
        found.retain(|&(m, problem)| {
            let word_label = matches!(problem, Problem::Stray)
                && ends_first_word_of_line(tokens, marks[m].token);
            !(label(&(m, problem)) || word_label)
        });
    } else {
        found.retain(|&(m, problem)| {
            !matches!(problem, Problem::Stray) || !is_item_label(doc, tokens, marks[m].token)
        });
    }
}

/// The index of the short list label ("1", "b", "iv") the closing mark at
/// `at` ends, if it ends one.
fn label_before(doc: &Document, tokens: &[Token], at: usize) -> Option<usize> {
    let mut label_at = at.checked_sub(1)?;
    // "1.)", "b.)": a point between the label and its mark.
    let glued = |a: usize, b: usize| tokens[a].span.end() == tokens[b].span.start();
    if doc.slice(tokens[label_at].span) == "." && label_at > 0 && glued(label_at, at) {
        label_at -= 1;
        // "i.e.)" is no label: one stands apart.
        let apart = label_at == 0 || !glued(label_at - 1, label_at);
        if !glued(label_at, label_at + 1) || !apart {
            return None;
        }
    }
    let label = tokens[label_at];
    let text = doc.slice(label.span);
    let short = match label.kind {
        // "2)", "2.1)"
        TokenKind::Number => {
            text.len() <= 5
                && text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && !text.ends_with('.')
        }
        TokenKind::Word => {
            let mut chars = text.chars();
            matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
                || is_roman_numeral(text)
        }
        _ => false,
    };
    short.then_some(label_at)
}

/// Whether the closing mark at `at` ends a short list label that starts a
/// line (perhaps after a bullet) or follows `,` `;` `:` "and" or "or".
fn is_item_label(doc: &Document, tokens: &[Token], at: usize) -> bool {
    let Some(label_at) = label_before(doc, tokens, at) else {
        return false;
    };
    let before = skip_spaces_back(tokens, label_at);
    let Some(previous) = before.checked_sub(1).map(|j| tokens[j]) else {
        return true;
    };
    // "either a) reboot": a label of one small letter set apart
    // mid-sentence, a word after it ("item 8) is" may have lost its "(").
    let letter = {
        let label = doc.slice(tokens[label_at].span);
        label.len() == 1 && label.bytes().all(|b| b.is_ascii_lowercase())
    };
    let word_after = tokens.get(at + 1).is_some_and(|t| t.is_space())
        && tokens.get(at + 2).is_some_and(|t| t.is_word());
    if previous.kind == TokenKind::Word && before < label_at && letter && word_after {
        return true;
    }
    match (previous.kind, doc.slice(previous.span)) {
        (TokenKind::Newline, _) => true,
        // ") 1) What exactly": after a reply's quote prefix.
        (TokenKind::Punct, ")" | ">") => starts_line(tokens, before - 1),
        (TokenKind::Punct, "," | ";" | ":") => true,
        (TokenKind::Punct | TokenKind::Symbol, "-" | "*" | "•" | "·" | "–") => {
            starts_line(tokens, before - 1)
        }
        (TokenKind::Word, "and" | "or") => before < label_at,
        _ => false,
    }
}

/// The index of the first of the spaces just before token `i`.
fn skip_spaces_back(tokens: &[Token], mut i: usize) -> usize {
    while i > 0 && tokens[i - 1].is_space() {
        i -= 1;
    }
    i
}

/// Whether the mark at token `at` is glued after a word that starts its
/// line.
fn ends_first_word_of_line(tokens: &[Token], at: usize) -> bool {
    at.checked_sub(1).is_some_and(|word| {
        tokens[word].kind == TokenKind::Word
            && tokens[word].span.end() == tokens[at].span.start()
            && starts_line(tokens, word)
    })
}

/// Whether only white space stands between token `i` and its line's start.
fn starts_line(tokens: &[Token], i: usize) -> bool {
    let before = skip_spaces_back(tokens, i);
    before == 0 || tokens[before - 1].kind == TokenKind::Newline
}

/// "ii", "iv", "viii", "XII": a list numeral, not a word.
fn is_roman_numeral(word: &str) -> bool {
    word.len() <= 4
        && (word.bytes().all(|b| matches!(b, b'i' | b'v' | b'x'))
            || word.bytes().all(|b| matches!(b, b'I' | b'V' | b'X')))
}

/// Whether the bracket at `span` is part of notation written into the
/// prose: a glob ("*.[ch]"), a regular expression ("'(foo|bar'"), a URL
/// or an identifier ("Foo_(bar"): the run of non-blank text around it
/// holds a glob's "*." or a mark of patterns and names (`_ | \ ^ $ { }`), and the mark is inside the run
/// (an opener glued after a character, a closer glued before one) or the
/// whole run is a literal in straight quotes or backticks. Such a mark
/// pairs by the notation's rules, not the sentence's. A mark at the edge
/// of its run still opens or closes an aside: "(see /etc/passwd".
fn in_notation(text: &str, span: Span, opening: bool) -> bool {
    let chunk = crate::words::blank_delimited_chunk(text, span.start(), span.end());
    let (before, after) = (
        &text[chunk.start..span.start()],
        &text[span.end()..chunk.end],
    );
    let whole = &text[chunk];
    let is_edge = |c: char| {
        matches!(
            c,
            '(' | ')' | '[' | ']' | '"' | '\'' | '`' | '“' | '”' | '‘' | '’'
        )
    };
    let inside = if opening {
        !before.trim_start_matches(is_edge).is_empty()
    } else {
        !after
            .trim_end_matches(|c: char| {
                is_edge(c) || matches!(c, '.' | ',' | ';' | ':' | '!' | '?')
            })
            .is_empty()
    };
    let literal = whole.len() > 2
        && ["'", "\"", "`"].iter().any(|q| {
            whole.starts_with(q) && whole.trim_end_matches(['.', ',', ';', ':']).ends_with(q)
        });
    // Marks of patterns and names only: a path or markup ("s/(foo/",
    // "<kbd>Alt]</kbd>", "operator=(const") may still hold an aside's mark.
    let glob = whole.contains("*.") || whole.contains(".*");
    let pattern = whole
        .chars()
        .any(|c| matches!(c, '_' | '|' | '\\' | '^' | '$' | '{' | '}'));
    (inside || literal) && (glob || pattern)
}

/// Whether the mark at `at` stands alone in quotation marks: the “(” key,
/// a mark mentioned rather than used.
fn is_quoted_alone(doc: &Document, tokens: &[Token], at: usize) -> bool {
    let quote = |j: Option<usize>| {
        j.and_then(|j| tokens.get(j)).is_some_and(|t| {
            t.kind == TokenKind::Punct
                && matches!(doc.slice(t.span), "\"" | "'" | "“" | "”" | "‘" | "’")
        })
    };
    // "'^]'", "'[:'": a short run of marks glued inside the quotes.
    let glued = |a: usize, b: usize| {
        tokens[a].span.end() == tokens[b].span.start()
            && !tokens[a].is_blank()
            && !tokens[b].is_blank()
    };
    let mut first = at;
    while first > 0
        && at - first < 2
        && tokens[first - 1].kind != TokenKind::Word
        && !quote(Some(first - 1))
        && glued(first - 1, first)
    {
        first -= 1;
    }
    let mut last = at;
    while last + 1 < tokens.len()
        && last - at < 2
        && tokens[last + 1].kind != TokenKind::Word
        && !quote(Some(last + 1))
        && glued(last, last + 1)
    {
        last += 1;
    }
    quote(first.checked_sub(1)) && quote(Some(last + 1))
}

fn report(marks: &[Mark], m: usize, problem: Problem) -> Diagnostic {
    let mark = &marks[m];
    let name = mark.name();
    let glyph = match (mark.shape, mark.opening) {
        (Shape::Round, true) => '(',
        (Shape::Round, false) => ')',
        (Shape::Square, true) => '[',
        (Shape::Square, false) => ']',
    };
    let (message, help) = match problem {
        Problem::Unclosed => (
            format!("opening {name} `{glyph}` is never closed in its paragraph"),
            "close it where the aside ends, or remove the stray mark",
        ),
        Problem::Stray => (
            format!("closing {name} `{glyph}` has no opening mark"),
            "remove the stray mark, or open the aside where it starts",
        ),
        Problem::Mismatched(opener) => {
            return UnbalancedBracket::META
                .diagnostic(
                    mark.span,
                    format!(
                        "closing {name} `{glyph}` closes an opening {}",
                        marks[opener].name()
                    ),
                )
                .with_label(Label::new(marks[opener].span, "opened here"))
                .with_help("make the two marks match");
        }
    };
    let mut diagnostic = UnbalancedBracket::META
        .diagnostic(mark.span, message)
        .with_help(help);
    let nearest = nearest_matching(
        marks,
        0..marks.len(),
        m,
        |other| other.span.start,
        |other| other.shape == mark.shape,
    );
    if let Some(j) = nearest {
        diagnostic =
            diagnostic.with_label(Label::new(marks[j].span, "nearest mark of the same kind"));
    }
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn markdown_links_and_escaped_marks_are_not_brackets() {
        let text = "[![badge](https://x/b.svg)](https://x) See [`Type`], [text][r] and [x](y).\nAn escaped \\( mark, \\(literal).\n\n[r]: https://r.org\n";
        assert!(lint_markdown(&UnbalancedBracket, text).is_empty());
        assert_eq!(
            lint_markdown(&UnbalancedBracket, "A [link](x) (unclosed.\n").len(),
            1
        );
        // The bracket of a terminal escape sequence is not an aside's.
        assert_no_lints(
            &UnbalancedBracket,
            "It was approved\u{1b}[31m by the council.\n",
        );
        assert_eq!(
            lint(&UnbalancedBracket, "It was approved [by the council.\n").len(),
            1
        );
    }

    #[test]
    fn unclosed_opener_and_stray_closer() {
        assert_eq!(
            flagged(
                &UnbalancedBracket,
                "The conference (held in Dalian discussed the plan."
            ),
            vec!["("]
        );
        assert_eq!(
            flagged(&UnbalancedBracket, "After the vote the plan) was adopted."),
            vec![")"]
        );
        assert_eq!(
            flagged(&UnbalancedBracket, "As reported [1 the city grew."),
            vec!["["]
        );
    }

    #[test]
    fn globs_patterns_and_identifiers_in_prose_are_notation() {
        assert_no_lints(
            &UnbalancedBracket,
            "Remove the sources matching *.[oa when done. Search with grep -E '(warn|err' in \
             the log, or read the page Parser_(computing for the details.",
        );
        // The same marks at the edge of a word open or close an aside.
        assert_eq!(
            flagged(
                &UnbalancedBracket,
                "Remove the objects (*.o and *.a when done. Read it (see /etc/fstab first."
            ),
            vec!["(", "("]
        );
    }

    #[test]
    fn displays_after_a_colon_and_lone_marks_are_quiet() {
        assert_no_lints(
            &UnbalancedBracket,
            "They combine with them (but lose the flag:\n\n\
             The negation works.\n\n\
             To match a [ or a backslash, escape it. It might ) be so. Press '^]' now.\n\n\
             a) one,\nb) two,\nnone) of them.",
        );
    }

    #[test]
    fn marks_near_the_quiet_cases_are_flagged() {
        assert_eq!(
            flagged(
                &UnbalancedBracket,
                "They combine (but lose the flag.\n\nIt might) be so. Press ^] now.\n\n\
                 a) one,\nnone) of them.",
            ),
            vec!["(", ")", "]", ")"]
        );
    }

    #[test]
    fn mismatched_pair_is_one_finding() {
        let text = "The plan (see the annex] was adopted.";
        let found = lint(&UnbalancedBracket, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(&text[found[0].span.range()], "]");
        assert_eq!(found[0].labels.len(), 1);
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn nearest_mark_is_labelled() {
        let text = "The fund (2023) and the plan (draft were approved.";
        let found = lint(&UnbalancedBracket, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].span.start(), text.find("(draft").expect("present"));
        assert_eq!(found[0].labels.len(), 1);
    }

    #[test]
    fn list_labels_are_quiet() {
        assert_no_lints(
            &UnbalancedBracket,
            "The tasks are: 1) roads, 2) bridges; 3) parks.\n2.1) a sub-item\n\
             a) first item\nb) second item\n  iv) a numbered line\n- c) a bullet\n\n\
             We will a) plan, b) build and c) review.\n\n1.) Compile the files:\n",
        );
        assert_eq!(
            flagged(&UnbalancedBracket, "It covers the city plan) in full."),
            vec![")"]
        );
        assert_eq!(
            flagged(
                &UnbalancedBracket,
                "It covers the plan in full.) Or not.\n1) One, i.e.) two.\n"
            ),
            vec![")", ")"]
        );
    }

    #[test]
    fn nested_quoted_and_escaped_marks_are_quiet() {
        assert_no_lints(
            &UnbalancedBracket,
            "Both ((a) and (b)) passed [with changes (minor)]. Press the “(” key, \
             then \"]\". An escaped \\( is literal. He said: “the plan (draft) is final.” \
             The typo “(see the annex]” and the excerpt “roads, 2) bridges” (2023).",
        );
    }

    #[test]
    fn emoticons_are_quiet() {
        assert_no_lints(
            &UnbalancedBracket,
            "Smile :) said the note ;-( and :-] too.",
        );
        // A list label after a colon with a space is still a label, and a
        // stray mark glued to a word is still reported.
        assert_eq!(
            flagged(&UnbalancedBracket, "The plan) was adopted."),
            vec![")"]
        );
    }

    #[test]
    fn reply_prefixes_faces_code_and_escapes_are_quiet() {
        assert_no_lints(
            &UnbalancedBracket,
            "--]Leave it to Tom, he said. Gots my helmet (:\n\n\
             ) I wrote it (I guess there are no bits\n) in the assignment)\n) and so on\n\n\
             \x20   if (x == 1) {\n\n\
             Metacharacters (except \\) are not active.",
        );
        assert_no_lints(
            &UnbalancedBracket,
            "    export CFLAGS=\"-O3 (fast\"\nJul 22 10:59:41 check[29891]: [ 3] Unable (to",
        );
    }

    #[test]
    fn an_aside_may_close_on_a_line_that_reads_as_code() {
        assert_no_lints(
            &UnbalancedBracket,
            "The old use case was bogus (i.e. install it to /opt/foo and run it\n\
             without having /opt/foo on $PATH), and it is gone.\n\n\
             \x20   ( echo CONNECT host\n\
             \x20     cat in.fifo ) | nc -lp 80 > in.fifo\n",
        );
        // A stray mark of the prose is still found; one of the code is not.
        assert_lint_count(
            &UnbalancedBracket,
            "The old use case was bogus (i.e. install it to /opt/foo and run it\n\
             without having /opt/foo on $PATH, and it is gone.\n\n\
             \x20     cat in.fifo ) | nc -lp 80 > in.fifo\n",
            1,
        );
    }

    #[test]
    fn labels_after_reply_prefixes_and_intervals_over_a_line_are_quiet() {
        assert_no_lints(
            &UnbalancedBracket,
            ") I have questions.\n)\n) 1) What is it?\n) 2) Why?\n) and more\n\n\
             The first set is [0,\n0x800), the second [0x800, 0x10000).",
        );
    }

    #[test]
    fn a_letter_label_mid_sentence_is_quiet() {
        assert_no_lints(
            &UnbalancedBracket,
            "You may either a) wait for the bus or walk home.",
        );
        // A stray closer after a longer word or a number is still found.
        assert_eq!(
            flagged(
                &UnbalancedBracket,
                "The event ended) early. It was held in 2005) and ended."
            ),
            vec![")", ")"]
        );
    }

    #[test]
    fn a_mark_read_as_a_face_or_key_still_closes_an_open_aside() {
        // A parenthesised semicolon, an optional part ending in a colon, a
        // name ending in a plus: each closer ends the aside it opened.
        assert_no_lints(
            &UnbalancedBracket,
            "Names use printable characters (the codes 0x21 (!) to 0x3A (:), \
             then 0x3C (;) to 0x7E (~), inclusive).\n\n\
             A version reads [era:]release[-patch] in the index.\n\n\
             It is covered by the Mozilla licence (MPL) or the Strong Copyleft (SCL+).",
        );
        // An aside left open before a real face is still closed by it, but
        // one with no closer at all is found.
        assert_no_lints(
            &UnbalancedBracket,
            "It was fine (or so I hoped :-) and we left.",
        );
        assert_eq!(
            flagged(
                &UnbalancedBracket,
                "The field (see the format [era: release. Done."
            ),
            vec!["(", "["]
        );
    }

    #[test]
    fn slices_and_settings_are_quiet() {
        assert_no_lints(
            &UnbalancedBracket,
            "Equivalent to a[len(a):] = iterable, and s[:i] + s[i:] is s.\n\n\
             \x20   merge = emacs -q --eval '(ediff-merge-files\n",
        );
        assert_eq!(flagged(&UnbalancedBracket, "See list[1 for it."), vec!["["]);
    }

    #[test]
    fn asides_beside_prefixes_and_faces_are_flagged() {
        assert_eq!(
            flagged(
                &UnbalancedBracket,
                "He left (for good :-(\n\nThe plan) was adopted (in May."
            ),
            vec!["(", ")", "("]
        );
    }

    #[test]
    fn longer_emoticons_and_runs_are_quiet() {
        assert_no_lints(
            &UnbalancedBracket,
            "Thanks a lot :)) see you ;--) and =) soon. He laughed ))) and cried ((((.",
        );
        // A slice is not a face, and two closing marks after a word are
        // still stray.
        assert_eq!(
            flagged(&UnbalancedBracket, "Copy it with a[:]. Then it ended))."),
            vec![")", ")"]
        );
    }

    #[test]
    fn half_open_intervals_are_quiet() {
        assert_no_lints(
            &UnbalancedBracket,
            "Pick x in [0, 1) or in (a, b], never in [-1, ∞).",
        );
        assert_eq!(
            flagged(
                &UnbalancedBracket,
                "The plan (see the annex, part 2] was read."
            ),
            vec!["]"]
        );
    }

    #[test]
    fn reply_quote_prefixes_are_quiet() {
        assert_no_lints(
            &UnbalancedBracket,
            "On Monday, Ann wrote:\n) I tried the new build.\n) It fails to start.\n)\n\
             ) Any ideas?\n\nTry a clean checkout.\n--]Working late\n--]again and --]again\n--]today\n\n\
             Upon a similar (if friendlier :-) threat we left. The backslash (\\) escapes. \
             Use f(g(h(x))) rarely.",
        );
        assert_eq!(
            flagged(
                &UnbalancedBracket,
                "On Monday, Ann wrote:\n) I tried the new build.\nIt fails to start.\n"
            ),
            vec![")"]
        );
    }

    #[test]
    fn cut_reply_excerpts_and_footnote_marks_are_quiet() {
        assert_no_lints(
            &UnbalancedBracket,
            "--]Stephen Hawking) are quite happy.\n\n             &> >> near close as one can get, without the real &> >> thing)\n\n             Change the paths as follows:^[99]\n",
        );
        // After the excerpt's first sentence, or without a prefix, a stray
        // closer is the writer's; a face before a space is still a face.
        assert_eq!(
            flagged(
                &UnbalancedBracket,
                "> It fails. Stephen Hawking) agrees.\n\nBELLEVUE, Wash. AP) - News.\n\n                 It broke :-[ sadly (really).\n"
            ),
            vec![")", ")"]
        );
    }

    #[test]
    fn a_paragraph_may_span_lines() {
        assert_no_lints(
            &UnbalancedBracket,
            "The conference (held in\nDalian) discussed the plan.\n",
        );
        assert_eq!(
            flagged(
                &UnbalancedBracket,
                "The conference (held in\n\nDalian) met.\n"
            ),
            vec!["(", ")"]
        );
    }

    #[test]
    fn markdown_links_and_code_are_quiet() {
        let found = lint_markdown(
            &UnbalancedBracket,
            "See [the plan](https://example.org/a_(b)) and [docs][ref], `f(x` and ![map](m.png).\n\n\
             A [`regex`](https://docs.rs/regex) link.\n\n\
             ```\nif (x {\n```\n\n[ref]: <https://example.org/x_(y>\n",
        );
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn an_operator_before_a_parenthesis_is_no_face() {
        assert_no_lints(
            &UnbalancedBracket,
            "A bug in Polyhedron::operator=(const Polyhedron& y) was fixed.\n",
        );
        // The opener is counted, so an unclosed one is still found.
        assert_eq!(
            flagged(
                &UnbalancedBracket,
                "A bug in operator=(const y was fixed.\n"
            ),
            vec!["("]
        );
        // A face standing apart is still a face.
        assert_no_lints(&UnbalancedBracket, "It broke again =( sadly.\n");
    }

    #[test]
    fn keys_of_a_key_combination_are_quiet() {
        assert_no_lints(
            &UnbalancedBracket,
            "Detaching is done with the Control+] key combination.\n",
        );
        // A plus sign in a sum is no key combination.
        assert_eq!(
            flagged(&UnbalancedBracket, "The sum (3+4 is seven.\n"),
            vec!["("]
        );
    }

    #[test]
    fn link_syntax_inside_inline_code_is_code() {
        // "][" inside inline code closes no link text.
        let found = lint_markdown(
            &UnbalancedBracket,
            "* [POSIX classes](#posix) (`[[:alpha:][:digit:]]`) are kept.\n",
        );
        assert!(found.is_empty(), "{found:#?}");
        // Outside the code, the aside is still unclosed.
        let found = lint_markdown(
            &UnbalancedBracket,
            "* [POSIX classes](#posix) (`[[:alpha:][:digit:]]` are kept.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
    }

    #[test]
    fn fullwidth_marks_pair_but_are_left_to_fullwidth_punctuation() {
        assert_no_lints(
            &UnbalancedBracket,
            "The meeting (in full）ended. A stray （ mark and another ） one.",
        );
        assert_eq!(
            flagged(&UnbalancedBracket, "The plan （draft] was read."),
            vec!["]"]
        );
    }

    #[test]
    fn an_aside_over_a_cut_display_pairs_across_the_break() {
        assert_no_lints(
            &UnbalancedBracket,
            "each new logger (which they add by importing modules and doing\n\n\
             at module level). It is one more thing to think of.",
        );
        // A paragraph that ends its sentence, or a next one that starts
        // a new one, keeps both findings.
        assert_lint_count(
            &UnbalancedBracket,
            "each new logger (which they add by importing modules.\n\n\
             at module level). It is one more thing to think of.",
            2,
        );
        assert_lint_count(
            &UnbalancedBracket,
            "each new logger (which they add by importing modules and doing\n\n\
             At module level). It is one more thing to think of.",
            2,
        );
    }

    #[test]
    fn fragments_and_symbol_runs_are_quiet() {
        assert_no_lints(&UnbalancedBracket, "Thanks.\n\nGary\n\nInc\n\nPicasso)\n");
        assert_lint_count(
            &UnbalancedBracket,
            "Thanks.\n\nHe painted like Picasso).\n",
            1,
        );
        assert!(lint_markdown(
            &UnbalancedBracket,
            "* `[:punct:]` - equivalent to `[!\"#$%&'()*+,./:;<=>?@[\\]^_`{|}~]`.\n"
        )
        .is_empty());
        assert_lint_count(&UnbalancedBracket, "Press the key ~] to go on.", 1);
        // A mark glued to code is not part of a run of symbols.
        assert_eq!(
            lint_markdown(
                &UnbalancedBracket,
                "or switch to block comments (`/** */`.\n"
            )
            .len(),
            1
        );
    }

    #[test]
    fn faces_with_letter_eyes_are_quiet() {
        assert_no_lints(&UnbalancedBracket, "Cool 8-) and B-) and X-( too.\n");
        // A range or a name before the mark is no face; nor are eyes
        // without a nose.
        assert_eq!(
            flagged(
                &UnbalancedBracket,
                "See pages 4-8) and Plan AB-) now.\n\nThe item 8) is long.\n"
            ),
            vec![")", ")", ")"]
        );
    }

    #[test]
    fn a_mark_alone_in_a_table_cell_is_quiet() {
        let found = lint_markdown(
            &UnbalancedBracket,
            "| mark | name |\n|---|---|\n| [ | bracket |\n| ) | paren |\n",
        );
        assert!(found.is_empty(), "{found:#?}");
        let found = lint_markdown(
            &UnbalancedBracket,
            "| mark | name |\n|---|---|\n| [x is open | bracket |\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
    }

    #[test]
    fn a_mark_alone_in_an_html_element_is_quiet() {
        let found = lint_markdown(
            &UnbalancedBracket,
            "Press <kbd>Ctrl</kbd>+<kbd>]</kbd> or <code>(</code> to go on.\n",
        );
        assert!(found.is_empty(), "{found:#?}");
        // A mark beside other text in the element is an aside's.
        let found = lint_markdown(
            &UnbalancedBracket,
            "Press <kbd>Ctrl</kbd>+<kbd>Alt]</kbd> to go on.\n",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
    }

    #[test]
    fn commands_after_bracketed_and_dos_prompts_are_quiet() {
        assert_no_lints(
            &UnbalancedBracket,
            "[root@localhost root]# sed -e 's/(foo/' a\n\nC:\\TEMP>echo (done\n",
        );
        assert_lint_count(
            &UnbalancedBracket,
            "[Note]# sed -e s/(foo/ a\n\nOn C:\\ it says (done\n",
            2,
        );
    }

    #[test]
    fn marks_in_lines_drawn_with_symbols_are_quiet() {
        assert_no_lints(
            &UnbalancedBracket,
            "Our logo:\n\n  ____\n |    |\n |____)\n   \\_/]\n",
        );
        // A lone closer on its line still pairs; a line with a word is prose.
        assert_no_lints(
            &UnbalancedBracket,
            "The plan (in full\n)\nwas read. (Or so:\n ...\n ...)\n",
        );
        assert_lint_count(
            &UnbalancedBracket,
            "Our logo:\n\n __ the box is here __)\n",
            1,
        );
    }
}
