use doclint_core::{Diagnostic, Document, DocumentKind, Edit, Fix, QuoteStyle, Span, TokenKind};

use super::mixed_quotes::document_style;
use crate::foreign::{foreign_runs, foreign_script, ForeignRun};
use crate::rule::{Context, Rule, RuleMeta};
use whatlang::Script;

declare_rule! {
    /// ## What it does
    /// Flags full-width and ideographic punctuation in English text
    /// (，。：；！？（）「」、【】《》), and full-width letters and digits
    /// (２０２３, ＣＰＣ).
    ///
    /// ## Why is this bad?
    /// Chinese, Japanese and Korean text uses its own punctuation, which a
    /// translation engine often carries over into the English. The marks are
    /// as wide as a character, carry their own spacing, and look wrong in
    /// an English font; search and spell checking do not treat them as
    /// English punctuation.
    ///
    /// ## Example
    /// ```text
    /// The meeting stressed that，the work should be carried out（in full）。
    /// ```
    /// Use instead:
    /// ```text
    /// The meeting stressed that, the work should be carried out (in full).
    /// ```
    ///
    /// ## Fix safety
    /// Safe: each mark becomes its ASCII equivalent (corner brackets and
    /// book-title marks become quotation marks in the document's quote
    /// style), with a space added after a comma, stop, colon, semicolon,
    /// question or exclamation mark or closing bracket that runs into a word,
    /// and before an opening bracket that follows one. Punctuation inside
    /// untranslated CJK text belongs to that text and is left to
    /// `untranslated-text`, and so is the punctuation of a sentence written
    /// mostly in CJK that code, links or Latin words break up (a README's
    /// translation: "使用 `doclint` 命令，可以检查。"); a stray "，" in an
    /// English sentence that names "大连" is still reported. Marks drawn
    /// rather than written (an emoticon: "(╯°□°）╯︵ ┻━┻", "(´；ω；｀)"), a mark
    /// standing alone as the separator of a bilingual line
    /// ("[English](README.md) ｜ [简体中文](README.zh.md)"), a mark named as a
    /// character (quoted or bracketed: "the ideographic comma (、)", "“，”";
    /// a run of marks: "separators ，、；"; in Markdown also a bare one
    /// between spaces or alone in a table cell: "marks such as （ and ）")
    /// and full-width letters shown beside their ASCII form on the same
    /// line ("turns ＡＢＣ into ABC") are left alone.
    pub struct FullwidthPunctuation {
        id: "fullwidth-punctuation",
        category: Language,
        severity: Warning,
        fix: Always,
    }
}

/// Where English puts a space around the ASCII replacement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Spacing {
    /// A space after, when a word follows: , . : ; ! ? and closing marks.
    After,
    /// A space before, when a word precedes: opening brackets and quotes.
    Before,
    /// Neither: symbols, letters, digits.
    None,
}

/// The ASCII (or typographic quote) equivalent of a full-width mark.
fn replacement(c: char, curly: bool) -> Option<(&'static str, Spacing)> {
    let (open_double, close_double, open_single, close_single) = if curly {
        ("“", "”", "‘", "’")
    } else {
        ("\"", "\"", "'", "'")
    };
    Some(match c {
        '，' | '、' | '､' => (",", Spacing::After),
        '。' | '．' | '｡' => (".", Spacing::After),
        '：' => (":", Spacing::After),
        '；' => (";", Spacing::After),
        '！' => ("!", Spacing::After),
        '？' => ("?", Spacing::After),
        '（' | '〔' | '｟' => ("(", Spacing::Before),
        '）' | '〕' | '｠' => (")", Spacing::After),
        '【' | '［' | '〖' | '〘' | '〚' => ("[", Spacing::Before),
        '】' | '］' | '〗' | '〙' | '〛' => ("]", Spacing::After),
        '｛' => ("{", Spacing::Before),
        '｝' => ("}", Spacing::After),
        '「' | '《' | '｢' => (open_double, Spacing::Before),
        '」' | '》' | '｣' => (close_double, Spacing::After),
        '『' | '〈' => (open_single, Spacing::Before),
        '』' | '〉' => (close_single, Spacing::After),
        '～' | '〜' => ("~", Spacing::None),
        _ => return None,
    })
}

/// A full-width form of an ASCII character (U+FF01..U+FF5E) not covered
/// above: letters, digits and symbols such as ＆ or ％.
fn ascii_form(c: char) -> Option<char> {
    ('\u{FF01}'..='\u{FF5E}')
        .contains(&c)
        .then(|| char::from_u32(c as u32 - 0xFEE0))
        .flatten()
}

impl Rule for FullwidthPunctuation {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        let text = doc.text();
        // Every mark handled here is encoded from 0xE3 (U+3000..) or 0xEF
        // (U+F000..): most documents have neither byte.
        if memchr::memchr2(0xE3, 0xEF, text.as_bytes()).is_none() {
            return;
        }
        let candidates = doc.tokens().iter().filter(|t| {
            !matches!(
                t.kind,
                TokenKind::Space | TokenKind::Newline | TokenKind::Code
            ) && !text[t.span.range()].is_ascii()
        });
        let mut runs: Option<Vec<ForeignRun>> = None;
        let mut curly: Option<bool> = None;
        for token in candidates {
            let slice = &text[token.span.range()];
            let mut chars = slice.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                let marked = replacement(c, false).is_some() || ascii_form(c).is_some();
                if !marked {
                    continue;
                }
                let start = token.span.start() + i;
                let mut end = start + c.len_utf8();
                // Full-width letters and digits are one finding per stretch.
                if c.is_alphanumeric() {
                    while let Some(&(j, next)) = chars.peek() {
                        if !next.is_alphanumeric() || ascii_form(next).is_none() {
                            break;
                        }
                        end = token.span.start() + j + next.len_utf8();
                        chars.next();
                    }
                }
                let span = Span::new(start, end);
                let runs = runs.get_or_insert_with(|| foreign_runs(doc));
                if inside(runs, span)
                    || in_cjk_sentence(text, span)
                    || in_drawing(text, span)
                    || separates_on_a_cjk_line(doc, span)
                    || is_named(doc, span)
                    || is_shown_beside_its_ascii(doc, span)
                {
                    continue;
                }
                let curly =
                    *curly.get_or_insert_with(|| document_style(doc) != Some(QuoteStyle::Straight));
                out.push(report(doc, span, curly));
            }
        }
    }
}

/// How far a sentence is read each way from a mark.
const SENTENCE_WINDOW: usize = 400;

/// Whether the mark at `span` stands in a sentence written mostly in
/// Chinese, Japanese or Korean: a README's translation or a CJK example
/// ("使用 `doclint` 命令，可以检查。") that code, links or Latin words break
/// into several runs. Its punctuation belongs to that sentence. The
/// sentence is read up to a line break or a stop (ideographic, or ASCII
/// before a space) on each side; it is CJK when it has two CJK letters or
/// more and at least as many of them as Latin words, so a stray "，" in an
/// English sentence that names "大连" is still reported.
fn in_cjk_sentence(text: &str, span: Span) -> bool {
    let is_cjk = |c: char| {
        matches!(
            foreign_script(c),
            Some(Script::Mandarin | Script::Hiragana | Script::Katakana | Script::Hangul)
        )
    };
    let stop = |c: char| matches!(c, '\n' | '。' | '！' | '？' | '｡');
    let window = crate::words::char_window(text, span.start(), span.end(), SENTENCE_WINDOW);
    let before = &text[window.start..span.start()];
    let start = before
        .char_indices()
        .rev()
        .find(|&(at, c)| {
            stop(c) || (matches!(c, '.' | '!' | '?') && before[at + 1..].starts_with(' '))
        })
        .map_or(0, |(at, c)| at + c.len_utf8());
    let after = &text[span.end()..window.end];
    let end = after
        .char_indices()
        .find(|&(at, c)| {
            stop(c) || (matches!(c, '.' | '!' | '?') && after[at + 1..].starts_with(' '))
        })
        .map_or(after.len(), |(at, _)| at);
    let (mut cjk, mut latin_words, mut in_word) = (0usize, 0usize, false);
    // Code between backticks is no word of the sentence: "安装：`npm i
    // tool`。" is a Chinese sentence however long its command.
    let mut in_code = false;
    for c in before[start..].chars().chain(after[..end].chars()) {
        if c == '`' {
            in_code = !in_code;
        }
        if is_cjk(c) {
            cjk += 1;
        }
        let latin = c.is_ascii_alphabetic() && !in_code;
        if latin && !in_word {
            latin_words += 1;
        }
        in_word = latin;
    }
    cjk >= 2 && cjk >= latin_words
}

fn is_cjk_letter(c: char) -> bool {
    matches!(
        foreign_script(c),
        Some(Script::Mandarin | Script::Hiragana | Script::Katakana | Script::Hangul)
    )
}

/// Whether the mark is drawn rather than written: its run of non-blank
/// text has no ASCII letter or digit and no CJK letter, but a symbol that
/// is punctuation of neither language: an emoticon ("(╯°□°）╯︵ ┻━┻", a
/// face whose mouth is a Greek letter: "(´；ω；｀)") or a drawing.
fn in_drawing(text: &str, span: Span) -> bool {
    let chunk = crate::words::blank_delimited_chunk(text, span.start(), span.end());
    let chunk = &text[chunk];
    !chunk
        .chars()
        .any(|c| c.is_ascii_alphanumeric() || c.is_numeric() || is_cjk_letter(c))
        && chunk.chars().any(|c| {
            !c.is_ascii()
                && !c.is_alphabetic()
                && replacement(c, false).is_none()
                && ascii_form(c).is_none()
        })
}

/// Whether the mark is named rather than used: its run of non-blank text
/// holds full-width marks only, once quotation marks, brackets and a
/// trailing stop or comma around them are set aside. Such a run is a
/// character being talked about ("the ideographic comma (、)", "“，” is
/// replaced", "separators: ，、；", a table cell "| ， | , |"). In plain
/// text a single bare mark between spaces ("that ， the") may be a
/// translation tool's spaced punctuation, so there the run must be quoted,
/// bracketed or of two marks or more; in Markdown, where such a tool's
/// output is rare and a README describing CJK input is not, any run is.
fn is_named(doc: &Document, span: Span) -> bool {
    let text = doc.text();
    let chunk = &text[crate::words::blank_delimited_chunk(text, span.start(), span.end())];
    let wrapper = |c: char| {
        matches!(
            c,
            '"' | '\'' | '`' | '“' | '”' | '‘' | '’' | '(' | ')' | '[' | ']'
        )
    };
    let unstopped = chunk.trim_end_matches([',', '.', ';', ':']);
    let inner = unstopped.trim_matches(wrapper);
    if inner.is_empty()
        || !inner.chars().all(|c| {
            !c.is_alphanumeric() && (replacement(c, false).is_some() || ascii_form(c).is_some())
        })
    {
        return false;
    }
    let wrapped = inner.len() < unstopped.len();
    wrapped || inner.chars().count() >= 2 || doc.kind() == DocumentKind::Markdown
}

/// Whether a stretch of full-width letters or digits is an example shown
/// beside its ASCII form on the same line ("turns ＡＢＣ１２３ into
/// ABC123", a table row "| ＡＢＣ | ABC |"): a text about the conversion,
/// not a translation tool's output.
fn is_shown_beside_its_ascii(doc: &Document, span: Span) -> bool {
    let found = doc.slice(span);
    if !found.chars().all(char::is_alphanumeric) {
        return false;
    }
    let ascii: String = found.chars().filter_map(ascii_form).collect();
    let line = &doc.text()[crate::words::line_bounds(doc, span)];
    !ascii.is_empty() && line.contains(ascii.as_str())
}

/// Whether the mark stands alone between spaces on a line that also holds
/// CJK letters: the separator of a bilingual line, such as a README's
/// choice of language ("[English](README.md) ｜ [简体中文](README.zh.md)").
fn separates_on_a_cjk_line(doc: &Document, span: Span) -> bool {
    let text = doc.text();
    let alone = text[..span.start()].ends_with(' ') && text[span.end()..].starts_with(' ');
    alone && {
        let line = &text[crate::words::line_bounds(doc, span)];
        line.chars().any(is_cjk_letter)
    }
}

fn inside(runs: &[ForeignRun], span: Span) -> bool {
    let i = runs.partition_point(|r| r.span.end <= span.start);
    runs.get(i).is_some_and(|r| r.span.start <= span.start)
}

fn report(doc: &Document, span: Span, curly: bool) -> Diagnostic {
    let text = doc.text();
    let found = &text[span.range()];
    let before = text[..span.start()].chars().next_back();
    let after = text[span.end()..].chars().next();
    let single = found.chars().next().and_then(|c| replacement(c, curly));
    let (ascii, spacing) = match single {
        Some((ascii, spacing)) => (ascii.to_owned(), spacing),
        None => (
            found.chars().filter_map(ascii_form).collect(),
            Spacing::None,
        ),
    };
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let digit = |c: Option<char>| {
        c.is_some_and(|c| c.is_ascii_digit() || ascii_form(c).is_some_and(|a| a.is_ascii_digit()))
    };
    // 3．5 and 10：30 keep their numbers together.
    let between_digits = digit(before) && digit(after) && matches!(ascii.as_str(), "." | ":" | ",");
    let fixed = match spacing {
        Spacing::After if word(after) && !between_digits => format!("{ascii} "),
        Spacing::Before if word(before) => format!(" {ascii}"),
        _ => ascii.clone(),
    };
    let kind = if found.chars().all(char::is_alphanumeric) {
        "characters"
    } else {
        "punctuation"
    };
    FullwidthPunctuation::META
        .diagnostic(span, format!("full-width {kind} `{found}` in English text"))
        .with_help(format!("use `{ascii}`"))
        .with_fix(Fix::safe(
            format!("Replace with `{}`", fixed.trim()),
            vec![Edit::replace(span, fixed)],
        ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn emoticons_and_bilingual_separators_are_quiet() {
        let text = "Flip it: (╯°□°）╯︵ ┻━┻\n\n[English](README.md) ｜ [简体中文](README.zh.md)\n";
        assert!(flagged(&FullwidthPunctuation, text).is_empty());
        // Near misses: a mark glued to English words, and a lone mark on a
        // line of English only.
        let text = "Flip it: (table）now\n\n[English](README.md) ｜ [German](README.de.md)\n";
        assert_eq!(flagged(&FullwidthPunctuation, text), vec!["）", "｜"]);
    }

    #[test]
    fn faces_with_a_letter_for_a_mouth_are_drawn() {
        let text = "Thanks for trying it (´；ω；｀) and (｀・ω・´) too.\n";
        assert!(lint_markdown(&FullwidthPunctuation, text).is_empty());
        // A full-width mark glued to English words is still a slip.
        assert_eq!(
            lint_markdown(&FullwidthPunctuation, "Thanks for trying it；we will.\n").len(),
            1
        );
    }

    #[test]
    fn marks_named_as_characters_are_quiet() {
        let readme = "Converts marks such as （ and ） to ASCII.\n\n\
                      Set the separators to `，`、 or “，”, or use ，、； as a list.\n\n\
                      | Mark | ASCII |\n| --- | --- |\n| ， | , |\n";
        assert_eq!(
            lint_markdown(&FullwidthPunctuation, readme)
                .iter()
                .map(|d| &readme[d.span.range()])
                .collect::<Vec<_>>(),
            vec!["、"]
        );
        // Plain text: a quoted or bracketed mark, or a run of marks, is
        // named; a bare spaced mark may be a translation tool's comma.
        assert_no_lints(
            &FullwidthPunctuation,
            "Japanese uses the ideographic comma (、) and the stop “。”; the list ，、； is short.",
        );
        assert_eq!(
            flagged(
                &FullwidthPunctuation,
                "The plan was approved ， and the work began."
            ),
            vec!["，"]
        );
    }

    #[test]
    fn full_width_letters_shown_beside_their_ascii_are_examples() {
        let readme = "It turns ＡＢＣ１２３ into ABC123.\n\n| ＦＯＯ | FOO |\n| --- | --- |\n";
        assert!(lint_markdown(&FullwidthPunctuation, readme).is_empty());
        assert_eq!(
            flagged(
                &FullwidthPunctuation,
                "The ＣＰＣ met in ２０２３ at the CPC hall."
            ),
            vec!["２０２３"]
        );
    }

    #[test]
    fn marks_in_english_text_become_ascii_with_spacing() {
        let text = "The meeting stressed that，the work（in full）should go on。It cost 3．5 yuan at 10：30！";
        assert_eq!(
            flagged(&FullwidthPunctuation, text),
            vec!["，", "（", "）", "。", "．", "：", "！"]
        );
        assert_safe_fix(
            &FullwidthPunctuation,
            text,
            "The meeting stressed that, the work (in full) should go on. It cost 3.5 yuan at 10:30!",
        );
    }

    #[test]
    fn corner_brackets_follow_the_document_quote_style() {
        assert_safe_fix(
            &FullwidthPunctuation,
            "Xi Jinping’s 「two establishments」 now.",
            "Xi Jinping’s “two establishments” now.",
        );
        assert_safe_fix(
            &FullwidthPunctuation,
            "The government's 「two establishments」 now.",
            "The government's \"two establishments\" now.",
        );
    }

    #[test]
    fn full_width_letters_and_digits() {
        assert_safe_fix(
            &FullwidthPunctuation,
            "In ２０２３ the ＣＰＣ met.",
            "In 2023 the CPC met.",
        );
    }

    #[test]
    fn punctuation_of_untranslated_text_is_left_alone() {
        assert_no_lints(
            &FullwidthPunctuation,
            "The party committee (市委，召开会议。) met. Ordinary, ASCII; text: fine! Dashes — and … too.",
        );
    }

    #[test]
    fn punctuation_of_a_cjk_sentence_broken_by_code_is_left_alone() {
        // A README's Chinese translation: the runs are broken by inline
        // code and a Latin name, but the sentence is Chinese.
        assert!(lint_markdown(
            &FullwidthPunctuation,
            "## 用法\n\n运行 `doclint check` 命令，可以检查 Markdown 文件：\n\n- 安装：`cargo install doclint`\n"
        )
        .is_empty());
        // Code longer than the Chinese around it is still no English.
        assert!(lint_markdown(
            &FullwidthPunctuation,
            "这是一个工具。安装：`npm install --save-dev doclint`。\n"
        )
        .is_empty());
        // An English sentence that names a Chinese city keeps its finding,
        // and so does a list joined by an ideographic comma in English.
        assert_eq!(
            flagged(
                &FullwidthPunctuation,
                "The mayor of Dalian (大连) held a meeting，and spoke."
            ),
            vec!["，"]
        );
        assert_eq!(
            lint_markdown(
                &FullwidthPunctuation,
                "It discards `console.log`、 `console.info`.\n"
            )
            .len(),
            1
        );
    }
}
