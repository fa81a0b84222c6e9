use doclint_core::{Diagnostic, Document, DocumentKind, Edit, Fix, Token, TokenKind, WordShape};

use super::space_inside_brackets::is_space_inside_brackets;
use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags two or more ordinary spaces between two words inside a line of
    /// running text, and two spaces after a sentence in a plain-text document
    /// that otherwise uses one.
    ///
    /// ## Why is this bad?
    /// A double space is the trace of a deleted word, of two fragments pasted
    /// together, or of a header duplicated on one line. Modern typesetting
    /// uses one space after a full stop.
    ///
    /// Layout is left alone: two spaces after sentences when a plain-text
    /// document uses them at least twice or in one gap in ten (the
    /// typewriter convention), or a paragraph after at least half of its
    /// sentences (a footer or a message pasted from another writer), runs next to numbers or symbols (log lines,
    /// drawings), between single letters (letter-spaced words), runs that
    /// start a column aligned with the line above or below, and lines that
    /// are laid out as a whole (a run of three spaces or more, justified
    /// with a padded neighbour of the same width, a line of 80 characters
    /// or fewer padded in three places among single spaces, or a banner
    /// framed by mirrored marks, ".oO  Overview Oo."), and a hard-wrapped
    /// paragraph joined into one line that kept a space at each old line
    /// end (three double spaces or more inside sentences, a line's width
    /// apart; two in a document where another paragraph shows three).
    /// Also left alone: the halves of a key fingerprint ("E5AB  CAEB"),
    /// a sentence gap whose stop is missing after a bracket or quotation
    /// ("packages"  It is") in a document of two-space gaps, justified
    /// lines whose padded neighbour is a few lines of the same width away,
    /// and the entries of a definition list a blank line apart.
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
        // Two spaces after a sentence are a writer's convention: always in
        // Markdown sources (they render as one), and in plain text when the
        // document uses them often enough to be its own style.
        let wide_sentence_gaps = markdown || uses_wide_sentence_gaps(doc);
        let mut laid_out: Option<(usize, bool)> = None;
        // Asked once, at the first run that needs it.
        let mut rejoined_doc: Option<bool> = None;
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
            if ends_sentence(doc, tokens, i) {
                // Before an emoticon or a symbol the gap is layout.
                if wide_sentence_gaps
                    || !before_text(doc, tokens, i)
                    || paragraph_uses_wide_gaps(doc, tokens, i)
                {
                    continue;
                }
            } else if !between_words(doc, tokens, i)
                || is_letter_spaced(doc, tokens, i)
                || is_code_group(doc, tokens, i)
            {
                // Around numbers, symbols and markup the run pads a log
                // line, a column or a drawing; between single letters it
                // separates the words of letter-spaced text, between
                // groups of capitals and digits the halves of a key.
                continue;
            } else if wide_sentence_gaps && is_unstopped_sentence_gap(doc, tokens, i) {
                // A writer of two-space sentence gaps who left out a stop
                // after a bracket or a quotation: the gap is the sentence's.
                continue;
            }
            if !markdown {
                // One look per line, however many runs it holds.
                let line = doc.line_of(token.span.start());
                if laid_out.is_none_or(|(seen, _)| seen != line) {
                    let rejoined = *rejoined_doc.get_or_insert_with(|| has_rejoined_wraps(doc));
                    laid_out = Some((line, is_laid_out_line(doc, line, rejoined)));
                }
                if laid_out.is_some_and(|(_, yes)| yes) {
                    continue;
                }
            }
            // Just inside a pair the spaces should go, not become one.
            if is_space_inside_brackets(doc, i) {
                continue;
            }
            if is_column_aligned(doc, token.span.end()) {
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

/// Whether the space token `i` follows the end of a sentence or clause:
/// `.`, `!`, `?`, `:` or `;`, perhaps with a closing quotation mark or
/// bracket after it.
fn ends_sentence(doc: &Document, tokens: &[Token], i: usize) -> bool {
    let stop = |t: &Token| {
        t.kind == TokenKind::Punct && matches!(doc.slice(t.span), "." | "!" | "?" | ":" | ";")
    };
    let closer = |t: &Token| {
        t.kind == TokenKind::Punct
            && matches!(
                doc.slice(t.span),
                ")" | "]" | "\"" | "'" | "\u{201d}" | "\u{2019}"
            )
    };
    let Some(prev) = i.checked_sub(1).map(|p| &tokens[p]) else {
        return false;
    };
    stop(prev) || (closer(prev) && i >= 2 && stop(&tokens[i - 2]))
}

/// Whether the space token `i` sits in running text: after a word (or a
/// comma or closing mark after one) and before a word or an opening mark.
fn between_words(doc: &Document, tokens: &[Token], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|p| &tokens[p]) else {
        return false;
    };
    let after_text = prev.is_word()
        || is_inline_code(doc, prev)
        || (prev.kind == TokenKind::Punct
            && matches!(
                doc.slice(prev.span),
                "," | ")" | "\"" | "\u{201d}" | "\u{2019}"
            )
            && i >= 2
            && tokens[i - 2].is_word());
    after_text && before_text(doc, tokens, i)
}

/// Whether `token` is Markdown inline code, which a sentence reads as a
/// word ("the `fastmap`  crate").
fn is_inline_code(doc: &Document, token: &Token) -> bool {
    doc.kind() == doclint_core::DocumentKind::Markdown
        && token.kind == TokenKind::Code
        && doc.slice(token.span).starts_with('`')
}

/// Whether space token `i` is followed by a word or an opening mark before
/// a word.
fn before_text(doc: &Document, tokens: &[Token], i: usize) -> bool {
    let Some(next) = tokens.get(i + 1) else {
        return false;
    };
    next.is_word()
        || is_inline_code(doc, next)
        || (next.kind == TokenKind::Punct
            && matches!(doc.slice(next.span), "(" | "\"" | "\u{201c}")
            && tokens.get(i + 2).is_some_and(Token::is_word))
}

/// Whether the words on both sides of space token `i` are single letters
/// ("G O D  B L E S S"): the wide gap separates letter-spaced words.
fn is_letter_spaced(doc: &Document, tokens: &[Token], i: usize) -> bool {
    let single = |t: Option<&Token>| {
        t.is_some_and(|t| t.is_word() && doc.slice(t.span).chars().count() == 1)
    };
    single(i.checked_sub(1).map(|p| &tokens[p])) && single(tokens.get(i + 1))
}

/// Whether the words on both sides of space token `i` are groups of a
/// code in capitals and digits ("E5AB  CAEB" in a key fingerprint): the
/// wide gap splits the code in halves, by convention.
fn is_code_group(doc: &Document, tokens: &[Token], i: usize) -> bool {
    let group = |t: Option<&Token>| {
        t.is_some_and(|t| {
            let text = doc.slice(t.span);
            t.is_word()
                && text.len() >= 2
                && text
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        })
    };
    let digits = |t: Option<&Token>| {
        t.is_some_and(|t| doc.slice(t.span).bytes().any(|b| b.is_ascii_digit()))
    };
    let (prev, next) = (i.checked_sub(1).map(|p| &tokens[p]), tokens.get(i + 1));
    group(prev) && group(next) && (digits(prev) || digits(next))
}

/// Whether space token `i` follows a closing bracket or quotation mark and
/// comes before a capital ("… packages”  It is not", "(system compromise)
/// I'm also"): a sentence ends there without its stop.
fn is_unstopped_sentence_gap(doc: &Document, tokens: &[Token], i: usize) -> bool {
    let closes = i.checked_sub(1).is_some_and(|p| {
        tokens[p].kind == TokenKind::Punct
            && matches!(doc.slice(tokens[p].span), ")" | "\"" | "\u{201d}")
    });
    let capital = tokens.get(i + 1).is_some_and(|t| {
        t.is_word() && matches!(t.shape, WordShape::Capitalized | WordShape::AllCaps)
    });
    closes && capital
}

/// Whether plain-text line `line` is laid out in columns or
/// drawn (it has a run of three spaces or more after its first visible
/// character), or justified (a neighbouring line of the same width is also
/// padded). Such a line is aligned on purpose, and all of its runs are.
/// In a document with rejoined paragraphs (`rejoined`), two old line ends
/// a line's width apart are enough to show another.
fn is_laid_out_line(doc: &Document, line: usize, rejoined: bool) -> bool {
    let lines = doc.lines();
    let text = doc.slice(lines[line].span).trim();
    if text.contains("   ") || is_rejoined_wrap(text, if rejoined { 2 } else { 3 }) {
        return true;
    }
    // Justified text: spaces are padded so that the lines of a paragraph
    // end at the same column; a neighbour of the same width is padded too.
    let width = |t: &str| t.trim_end().chars().count();
    let own = width(doc.slice(lines[line].span));
    // A line padded in three places or more needs only a neighbour of the
    // same width (the last line of a justified paragraph is not padded).
    let padded = |t: &str| t.trim().matches("  ").count();
    let heavily_padded = padded(text) >= 3;
    // A line of a hard-wrapped paragraph (80 characters or fewer) padded in
    // three places or more, among single gaps, is justified even when its
    // neighbours' widths differ (a paragraph's last line, a reply's
    // prefix): a deleted word leaves one gap, not three in one line. Every
    // gap of a line doubled is a converter's, not justification.
    let single_gaps = text
        .as_bytes()
        .windows(3)
        .filter(|w| w[0] != b' ' && w[1] == b' ' && w[2] != b' ')
        .count();
    if heavily_padded && own <= 80 && single_gaps >= 2 {
        return true;
    }
    if is_banner(text) {
        return true;
    }
    // The same line written again is a copy, not justified text. A line
    // between may fit its words exactly and need no padding, so the block
    // of lines of the same width is searched, a few lines each way.
    let same_width = |other: usize| width(doc.slice(lines[other].span)) == own;
    let justified_with = |other: usize| {
        let other = doc.slice(lines[other].span);
        other.trim() != text && (heavily_padded || padded(other) > 0)
    };
    let up = (line.saturating_sub(JUSTIFIED_REACH)..line)
        .rev()
        .take_while(|&o| same_width(o))
        .any(justified_with);
    up || (line + 1..(line + 1 + JUSTIFIED_REACH).min(lines.len()))
        .take_while(|&o| same_width(o))
        .any(justified_with)
}

/// How many lines each way a justified block is searched for padding.
const JUSTIFIED_REACH: usize = 3;

/// Whether a short line is a banner heading framed by the same two
/// characters at both ends, mirrored (".oO  Overview Oo.", "-= Security
/// Advisory =-", "**  Note  **"): drawn as a whole, its spacing is part
/// of the drawing.
fn is_banner(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let [a, b, .., y, z] = chars[..] else {
        return false;
    };
    let mirror = |c: char| match c {
        '<' => '>',
        c => c,
    };
    chars.len() <= 60
        && "-=*#~.+_<".contains(a)
        && !b.is_whitespace()
        && (mirror(a), b) == (z, y)
        && !text.contains(". ")
}

/// Whether a long line is a hard-wrapped paragraph joined into one line
/// whose old line ends kept their trailing space: `min_gaps` or more
/// double spaces inside sentences, each a line's width (30 to 200
/// characters) after the one before and the line's start. A deleted word
/// leaves one gap, not a gap on every line.
fn is_rejoined_wrap(text: &str, min_gaps: usize) -> bool {
    let mut last = 0;
    let mut gaps = 0;
    for (at, _) in text.match_indices("  ") {
        let width = text[last..at].chars().count();
        if !(30..=200).contains(&width) {
            return false;
        }
        // Sentence gaps may be the writer's own two spaces.
        if !text[..at].ends_with(['.', '!', '?', ':', ';']) {
            gaps += 1;
        }
        last = at + 2;
    }
    gaps >= min_gaps
}

/// Whether some line of a plain-text document is a hard-wrapped paragraph
/// rejoined with its old line ends kept (three gaps or more): the tool
/// that joined it joined the document's other paragraphs too.
fn has_rejoined_wraps(doc: &Document) -> bool {
    doc.lines()
        .iter()
        .any(|line| is_rejoined_wrap(doc.slice(line.span).trim(), 3))
}

/// Whether a plain-text document puts two spaces after its sentences often
/// enough for that to be its style rather than a slip: at least two such
/// gaps, or one in ten.
fn uses_wide_sentence_gaps(doc: &Document) -> bool {
    let tokens = doc.tokens();
    let (mut narrow, mut wide) = (0usize, 0usize);
    for (i, token) in tokens.iter().enumerate() {
        if token.kind != TokenKind::Space
            || !tokens.get(i + 1).is_some_and(Token::is_word)
            || !ends_sentence(doc, tokens, i)
        {
            continue;
        }
        match doc.slice(token.span) {
            " " => narrow += 1,
            run if run.len() >= 2 && run.bytes().all(|b| b == b' ') => wide += 1,
            _ => {}
        }
    }
    wide >= 2 || (wide > 0 && wide * 10 >= narrow + wide)
}

/// Whether the paragraph around space token `i` puts two spaces after at
/// least half of its sentences: a paragraph pasted from another writer
/// (a footer, "Copyright 2002 pudge.  All rights reserved.", a quoted
/// message) keeps that writer's habit, even where the rest of the
/// document uses one space.
fn paragraph_uses_wide_gaps(doc: &Document, tokens: &[Token], i: usize) -> bool {
    let at = tokens[i].span.start();
    let paragraphs = doc.paragraphs();
    let p = paragraphs.partition_point(|p| p.span.end() <= at);
    let Some(paragraph) = paragraphs.get(p).filter(|p| p.span.start() <= at) else {
        return false;
    };
    let (mut narrow, mut wide) = (0usize, 0usize);
    for j in paragraph.tokens.start as usize..paragraph.tokens.end as usize {
        let token = &tokens[j];
        if token.kind != TokenKind::Space
            || !before_text(doc, tokens, j)
            || !ends_sentence(doc, tokens, j)
        {
            continue;
        }
        match doc.slice(token.span) {
            " " => narrow += 1,
            run if run.len() >= 2 && run.bytes().all(|b| b == b' ') => wide += 1,
            _ => {}
        }
    }
    wide >= narrow
}

/// Lines this long or longer are not checked for column alignment.
const ALIGN_COLUMNS_MAX: usize = 400;

/// Whether the text after a run of spaces (at byte `end`) starts a column:
/// the line above or below also has a run of two spaces or more that ends
/// at the same column.
fn is_column_aligned(doc: &Document, end: usize) -> bool {
    let lines = doc.lines();
    let index = doc.line_of(end);
    let line = lines[index];
    if end - line.span.start() >= ALIGN_COLUMNS_MAX {
        return false;
    }
    let before = &doc.text()[line.span.start()..end];
    let column = before.chars().count();
    if column >= ALIGN_COLUMNS_MAX {
        return false;
    }
    let this = doc.slice(line.span);
    // The same line written again is a copy, not a column.
    let aligned = |other: usize| {
        let text = doc.slice(lines[other].span);
        let chars: Vec<char> = text.chars().take(column + 1).collect();
        text != this
            && chars.len() > column
            && column >= 2
            && chars[column] != ' '
            && chars[column - 1] == ' '
            && chars[column - 2] == ' '
    };
    // Entries of a definition list may stand a blank line apart.
    let blank = |other: usize| doc.slice(lines[other].span).trim().is_empty();
    let above = match index {
        0 => None,
        1 => Some(0),
        _ if blank(index - 1) => Some(index - 2),
        _ => Some(index - 1),
    };
    let below = match index + 1 {
        next if next >= lines.len() => None,
        next if blank(next) && next + 1 < lines.len() => Some(next + 1),
        next => Some(next),
    };
    above.is_some_and(aligned) || below.is_some_and(aligned)
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
    fn the_same_line_repeated_is_not_a_column() {
        let copies = "The mayor  opened the meeting.\n".repeat(3);
        assert_eq!(lint(&DoubleSpace, &copies).len(), 3);
        // Two different lines with their gaps at one column are a layout.
        assert_no_lints(&DoubleSpace, "Name   Alice\nTown   Leeds\n");
    }

    #[test]
    fn markdown_sentence_spacing_and_list_markers_are_quiet() {
        let text = "One.  Two  words here.\n\n-   item\n2.  second\n>   quoted\n\n![a](a.svg)  ![b](b.svg)\n";
        let found = lint_markdown(&DoubleSpace, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].span.start(), text.find("Two  ").unwrap_or(0) + 3);
    }

    #[test]
    fn flags_double_space_in_header_and_between_words() {
        assert_eq!(
            flagged(
                &DoubleSpace,
                "DALIAN CHINA  DALIAN CHINA\n\nIt ended. Then the  cat came, and  \u{201c}more\u{201d}."
            ),
            vec!["  ", "  ", "  "]
        );
    }

    #[test]
    fn justified_lines_and_banners_are_quiet() {
        assert_no_lints(
            &DoubleSpace,
            "License: Permission  is  hereby granted,  free  of charge,  to  any
             person obtaining a copy.

.oO  Overview Oo.

-= Security  Advisory =-
",
        );
        // One or two gaps in a short line, or a line that only starts with
        // a frame, are still slips.
        assert_eq!(
            flagged(
                &DoubleSpace,
                "I could  do  at this time.

-- the  end of it

.oO  Overview
"
            ),
            vec!["  ", "  ", "  ", "  "]
        );
    }

    #[test]
    fn sentence_gaps_follow_the_document_style() {
        // One wide gap among many narrow ones is a slip.
        let slip =
            "One. Two. Three. Four. Five. Six. Seven. Eight. Nine. Ten. Eleven. Twelve.  End.";
        assert_eq!(flagged(&DoubleSpace, slip), vec!["  "]);
        // Two spaces after every sentence is the document's convention.
        assert_no_lints(&DoubleSpace, "It ended.  Then more.  And more!  Done.");
        // A paragraph of another writer keeps its own habit: a footer
        // among one-space paragraphs.
        let body = "One. Two. Three. Four. Five. Six. Seven. Eight. Nine. Ten. Eleven. Twelve.";
        assert_no_lints(
            &DoubleSpace,
            &format!("{body}\n\nCopyright 2002 pudge.  All rights reserved.\n"),
        );
        assert_no_lints(
            &DoubleSpace,
            &format!("{body}\n\nIt broke.  He laughed. (It was late.)\n"),
        );
        // A slip among that paragraph's one-space gaps is still flagged.
        assert_eq!(
            flagged(
                &DoubleSpace,
                &format!("{body}\n\nIt broke.  He laughed. We left. It was late.\n")
            ),
            vec!["  "]
        );
    }

    #[test]
    fn plain_text_layout_is_quiet() {
        // Log padding, columns, letter spacing, drawings, justified text.
        assert_no_lints(&DoubleSpace, "Aug  4 11:31:51 host kernel: up\n");
        assert_no_lints(&DoubleSpace, "Name  Size\nfoo   12\nbarbaz  3\n");
        assert_no_lints(&DoubleSpace, "R E L E A S E  D E T A I L S\n");
        assert_no_lints(&DoubleSpace, "Keep the  Air   FREE\n");
        assert_no_lints(
            &DoubleSpace,
            "to  install  it  on  the disk\nbut it  will  not  boot  now!\n",
        );
        assert_no_lints(&DoubleSpace, "- %  - %  - % -\n");
        assert_no_lints(
            &DoubleSpace,
            "the most common setup. You want\nto  install  it  on  the  disks\n",
        );
        // The same padding next to a line of another width is not justified.
        assert_lint_count(
            &DoubleSpace,
            "a short line\nto  install  it  on  the  disks\n",
            5,
        );
        assert_no_lints(
            &DoubleSpace,
            "One. Two. Three. Four. Five. Six. Seven. Eight. Nine. Ten. Eleven. Twelve...  :-)\n",
        );
    }

    #[test]
    fn a_rejoined_hard_wrapped_paragraph_is_quiet() {
        // Each old line ended in a space: a double space every line's width.
        let rejoined = "About: the tool is a userland iptables QUEUE  target handler for \
                        Linux 2.4 kernels running  Netfilter. It gives the illusion that \
                        there are hops between  itself and the rest of the world.\n";
        assert_no_lints(&DoubleSpace, rejoined);
        // Near-misses: gaps closer than a line's width, or only two of them.
        assert_lint_count(
            &DoubleSpace,
            "The tool is a  userland handler for  Linux kernels and  the rest of \
             the world, which it serves well enough for most of its users.\n",
            3,
        );
        assert_lint_count(
            &DoubleSpace,
            "About: the tool is a userland iptables QUEUE  target handler for \
             Linux 2.4 kernels running  Netfilter, and more.\n",
            2,
        );
    }

    #[test]
    fn two_old_line_ends_in_a_document_of_rejoined_paragraphs_are_quiet() {
        let rejoined = "About: the tool is a userland iptables QUEUE  target handler for \
                        Linux 2.4 kernels running  Netfilter. It gives the illusion that \
                        there are hops between  itself and the rest of the world.\n\n";
        let two = "About: The library is user friendly, fully documented and  \
                   dynamic, written in standard C++, exception-safe,  efficient.\n";
        assert_no_lints(&DoubleSpace, &format!("{rejoined}{two}"));
        // Alone, two gaps are still two slips, and so is one gap anywhere.
        assert_lint_count(&DoubleSpace, two, 2);
        assert_lint_count(
            &DoubleSpace,
            &format!("{rejoined}About: the library is user  friendly.\n"),
            1,
        );
    }

    #[test]
    fn key_fingerprints_and_unstopped_sentence_gaps_are_quiet() {
        assert_no_lints(
            &DoubleSpace,
            "Key fingerprint = 43DD 843C FAB9 832A E5AB  CAEB 81F2 8110 75E7 AAD6\n",
        );
        assert_eq!(
            flagged(&DoubleSpace, "The key E5AB  was lost.\n"),
            vec!["  "]
        );
        // A writer of two-space sentence gaps who left out the stop.
        let text = "It failed.  Then it worked.  It says \"fetch the packages\"  It is \
                    not clear (I was told)  I think so.\n";
        assert_no_lints(&DoubleSpace, text);
        // Before a lower-case word the gap is a slip, and so it is for a
        // writer of one-space gaps.
        assert_eq!(
            flagged(
                &DoubleSpace,
                "It failed.  Then it worked, as the manual says it should.  It says \"fetch \
                 it\"  and goes on.\n"
            ),
            vec!["  "]
        );
        assert_eq!(
            flagged(
                &DoubleSpace,
                "It failed. Then it worked. It says \"fetch it\"  It is not.\n"
            ),
            vec!["  "]
        );
    }

    #[test]
    fn justified_blocks_and_spaced_definition_lists_are_quiet() {
        // The padded line's same-width neighbour needed no padding; the
        // next line of the block did.
        assert_no_lints(
            &DoubleSpace,
            "   We're  assuming  that LILO is on the disk's Master Boots\n   \
             Record (MBR); this seems the most common setup. You want\n   \
             to  install  LILO  on  what's  presently the second disk\n   \
             become the first hard disk.\n",
        );
        // Lines of another width break the block.
        assert_lint_count(
            &DoubleSpace,
            "   We're  assuming  that LILO is on the disk's Master Boots\n   \
             Record (MBR); this seems the most common.\n   \
             to  install  LILO  on  what's  presently the second disk\n",
            2,
        );
        assert_no_lints(
            &DoubleSpace,
            "        red     is spam, verified by\n                several sources.\n\n        \
             yellow  This may be spam.\n\n        green   This is not spam.\n",
        );
        // Two blank lines apart, or off the column, it is a slip.
        assert_lint_count(
            &DoubleSpace,
            "        red     is spam.\n\n\n        yellow  This may be spam.\n",
            1,
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
        assert_safe_fix(&DoubleSpace, "the  cat and  dog", "the cat and dog");
    }
}
