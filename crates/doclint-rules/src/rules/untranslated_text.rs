use doclint_core::{Diagnostic, Document, DocumentKind, Paragraph, Span, WordShape};
use whatlang::{Lang, Script};

use crate::foreign::{foreign_runs, script_name, ForeignRun};
use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags text the translation left in the source language: Chinese,
    /// Japanese or Korean characters (even a single one), Cyrillic, Arabic
    /// and other non-Latin script inside English prose, and paragraphs
    /// that language identification (`whatlang`) says are not English with
    /// high confidence.
    ///
    /// ## Why is this bad?
    /// Untranslated fragments are unreadable to the audience of the English
    /// version and are often the untranslated half of a sentence whose
    /// other half is missing. A Cyrillic letter inside a Latin word
    /// ("Сommittee") looks right but breaks search and spell checking.
    ///
    /// ## Example
    /// ```text
    /// the theoretical study center group of the municipal party committee (市委) held a meeting
    /// ```
    /// Use instead:
    /// ```text
    /// the theoretical study center group of the municipal party committee held a meeting
    /// ```
    ///
    /// ## Fix safety
    /// No fix: only a translator can supply the missing English. A paragraph
    /// mostly in another script is one finding, and so is a whole document
    /// in another language, not one per fragment. Greek letters used as
    /// symbols (π, μm, α-helix) are not flagged; a Greek word of three
    /// letters or more is. Language identification runs only on paragraphs
    /// of at least 12 words that look foreign (few common English words,
    /// mostly lower-case), so tables, lists of names and headings are left
    /// alone. In Markdown, a bilingual README is not a translation that
    /// left text behind: a language-switcher link ("[简体中文](README.zh-CN.md)")
    /// and a section under a heading in or naming another language whose
    /// body is mostly in that script are left alone. A paragraph that a
    /// chat log gives to a speaker ("Pierre> …", "<anne> …") or that a mail
    /// quotes ("> …") is what someone wrote in their language, and is not
    /// identified.
    pub struct UntranslatedText {
        id: "untranslated-text",
        category: Language,
        severity: Warning,
        fix: Never,
    }
}

/// One ideograph or syllable block carries about as much text as two or
/// three Latin letters: weigh them when comparing amounts of text.
const FOREIGN_LETTER_WEIGHT: usize = 2;
/// Paragraphs shorter than this are too short to identify reliably.
const MIN_WORDS_FOR_IDENTIFICATION: usize = 12;
/// English prose has a third or more of its words from [`is_commonest_english_word`];
/// below this share (in percent) a paragraph is worth identifying.
const MAX_FUNCTION_WORD_PERCENT: usize = 15;
/// Words after which a paragraph whose share of common English words is
/// already [`ENGLISH_SAMPLE_PERCENT`] is taken as English without reading on.
const SAMPLE_WORDS: usize = 32;
const ENGLISH_SAMPLE_PERCENT: usize = 25;
/// whatlang's confidence (0..1) needed to call a paragraph foreign.
const MIN_CONFIDENCE: f64 = 0.95;

impl Rule for UntranslatedText {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        let paragraphs = doc.paragraphs();
        let markdown = doc.kind() == DocumentKind::Markdown;
        let runs: Vec<ForeignRun> = foreign_runs(doc)
            .into_iter()
            .filter(|run| run.script != Script::Greek || run.letters >= 3)
            .filter(|run| !(markdown && is_language_link(doc, run.span)))
            .collect();

        if !runs.is_empty() {
            let foreign: usize = runs.iter().map(|r| r.letters).sum();
            let latin: usize = paragraphs.iter().map(|p| latin_letters(doc, p)).sum();
            if foreign * FOREIGN_LETTER_WEIGHT > latin {
                out.push(whole_document(doc, &runs));
                return;
            }
        }

        let by_design = if markdown {
            sections_in_another_language(doc, &runs)
        } else {
            vec![false; paragraphs.len()]
        };
        let mut findings: Vec<Diagnostic> = Vec::new();
        let mut run_index = 0;
        let mut identified = 0usize;
        let mut eligible = 0usize;
        for (p, paragraph) in paragraphs.iter().enumerate() {
            let start = run_index;
            while run_index < runs.len() && runs[run_index].paragraph == p {
                run_index += 1;
            }
            let in_paragraph = &runs[start..run_index];
            if by_design[p] {
                continue;
            }
            if !in_paragraph.is_empty() {
                report_runs(doc, paragraph, in_paragraph, &mut findings);
                continue;
            }
            if paragraph.is_heading
                || is_code_or_markup(doc.slice(paragraph.span))
                || is_reported_speech(doc.slice(paragraph.span))
            {
                continue;
            }
            let Some(looks_foreign) = looks_foreign(doc, paragraph) else {
                continue;
            };
            eligible += 1;
            if !looks_foreign {
                continue;
            }
            if let Some(info) = whatlang::detect(doc.slice(paragraph.span)) {
                if info.lang() != Lang::Eng && info.confidence() >= MIN_CONFIDENCE {
                    identified += 1;
                    findings.push(
                        Self::META
                            .diagnostic(
                                first_line(doc, paragraph),
                                format!("paragraph is in {}, not English", info.lang().eng_name()),
                            )
                            .with_help("translate the paragraph"),
                    );
                }
            }
        }
        // A document in another language is one finding.
        if identified >= 3 && identified * 2 >= eligible {
            let first = findings
                .iter()
                .find(|d| d.message.starts_with("paragraph is in"))
                .map(|d| {
                    (
                        d.span,
                        d.message.trim_start_matches("paragraph is in ").to_owned(),
                    )
                });
            if let Some((span, language)) = first {
                out.push(
                    Self::META
                        .diagnostic(
                            span,
                            format!(
                                "document is in {language} ({identified} of {eligible} paragraphs)"
                            ),
                        )
                        .with_help("this document was not translated"),
                );
                return;
            }
        }
        out.extend(findings);
    }
}

/// Letters of Latin words in the paragraph (a byte count of ASCII words).
fn latin_letters(doc: &Document, paragraph: &Paragraph) -> usize {
    doc.tokens_in(&paragraph.tokens)
        .iter()
        .filter(|t| t.is_word())
        .map(|t| {
            let text = doc.slice(t.span);
            if text.is_ascii() {
                text.len()
            } else {
                text.chars()
                    .filter(|c| c.is_alphabetic() && *c <= '\u{2AF}')
                    .count()
            }
        })
        .sum()
}

fn first_line(doc: &Document, paragraph: &Paragraph) -> Span {
    let line = &doc.lines()[paragraph.lines.start as usize];
    Span::new(
        paragraph.span.start(),
        line.span.end().min(paragraph.span.end()),
    )
}

fn whole_document(doc: &Document, runs: &[ForeignRun]) -> Diagnostic {
    let letters: usize = runs.iter().map(|r| r.letters).sum();
    let script = main_script(runs);
    let first = &runs[0];
    let span = first_line(doc, &doc.paragraphs()[first.paragraph]);
    UntranslatedText::META
        .diagnostic(
            span,
            format!(
                "document is in {} script ({letters} letters), not English",
                script_name(script)
            ),
        )
        .with_help("this document was not translated")
}

/// The script with the most letters among `runs`.
fn main_script(runs: &[ForeignRun]) -> Script {
    let mut totals: Vec<(Script, usize)> = Vec::new();
    for run in runs {
        match totals.iter_mut().find(|(s, _)| *s == run.script) {
            Some((_, n)) => *n += run.letters,
            None => totals.push((run.script, run.letters)),
        }
    }
    totals
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map_or(Script::Mandarin, |(s, _)| s)
}

fn report_runs(
    doc: &Document,
    paragraph: &Paragraph,
    runs: &[ForeignRun],
    out: &mut Vec<Diagnostic>,
) {
    let foreign: usize = runs.iter().map(|r| r.letters).sum();
    if foreign * FOREIGN_LETTER_WEIGHT >= latin_letters(doc, paragraph) {
        let span = runs[0].span.cover(runs[runs.len() - 1].span);
        out.push(
            UntranslatedText::META
                .diagnostic(
                    span,
                    format!(
                        "paragraph is mostly {} text",
                        script_name(main_script(runs))
                    ),
                )
                .with_help("translate the paragraph"),
        );
        return;
    }
    let paragraph_text = doc.slice(paragraph.span);
    let glossed = names_a_language_gloss(paragraph_text);
    for run in runs {
        let inside_word = |c: Option<char>| c.is_some_and(|c| c.is_alphabetic());
        let before = doc.text()[..run.span.start()].chars().next_back();
        let after = doc.text()[run.span.end()..].chars().next();
        // Only an alphabet with letters drawn like Latin ones ("Сommittee")
        // makes a look-alike inside a Latin word; Chinese before "Thanks"
        // ("李四。Thanks") is a fragment beside a word.
        let look_alike = matches!(
            run.script,
            Script::Cyrillic | Script::Greek | Script::Armenian
        );
        let in_latin_word = look_alike && (inside_word(before) || inside_word(after));
        if !in_latin_word && (glossed || in_emoticon(doc.text(), run.span)) {
            continue;
        }
        let text = doc.slice(run.span);
        let name = script_name(run.script);
        let diagnostic = if in_latin_word {
            UntranslatedText::META
                .diagnostic(
                    run.span,
                    format!("{name} letter `{text}` inside a Latin word"),
                )
                .with_help("a look-alike letter from another alphabet: retype it in Latin")
        } else {
            UntranslatedText::META
                .diagnostic(run.span, format!("untranslated {name} text `{text}`"))
                .with_help("translate it, or remove it if the English already says it")
        };
        out.push(diagnostic);
    }
}

/// Language tags that name a translation in a link target
/// ("README.zh-CN.md", "docs/ja/", "README_RU.md").
const LANGUAGE_TAGS: &[&str] = &[
    "ar", "bg", "cn", "el", "fa", "he", "hi", "hk", "ja", "jp", "kk", "ko", "kr", "mn", "ru", "sr",
    "th", "tw", "ua", "uk", "zh", "chinese", "japanese", "korean", "russian",
];
/// Names of languages in their own script, as README language switchers
/// write them ("简体中文", "日本語", "Русский").
const NATIVE_LANGUAGE_NAMES: &[&str] = &[
    "中文",
    "汉语",
    "漢語",
    "华语",
    "日本語",
    "한국어",
    "Русский",
    "Українська",
    "العربية",
    "فارسی",
    "עברית",
    "ไทย",
    "हिन्दी",
    "Ελληνικά",
    "Български",
    "Српски",
];

/// In Markdown, foreign text that is the whole text of a link naming a
/// translation ("[简体中文](README.zh-CN.md)", "[日本語](docs/ja/)"): a
/// language switcher, which points to the other version, not text left
/// untranslated.
fn is_language_link(doc: &Document, span: Span) -> bool {
    let text = doc.text();
    let (start, end) = (span.start(), span.end());
    let opened = start > 0
        && text.as_bytes()[start - 1] == b'['
        && doc.is_non_prose(Span::new(start - 1, start));
    let after = text[end..].trim_start_matches([' ', '\u{3000}']);
    if !opened || !after.starts_with(']') {
        return false;
    }
    let label = doc.slice(span);
    if NATIVE_LANGUAGE_NAMES
        .iter()
        .any(|name| label.contains(name))
    {
        return true;
    }
    let Some(target) = after.strip_prefix("](") else {
        return false;
    };
    let target = &target[..target.find([')', ' ', '\n']).unwrap_or(target.len())];
    // The path names the translation; a host ("juejin.cn") names a site.
    let path = match target.split_once("://") {
        Some((_, rest)) => rest.split_once('/').map_or("", |(_, path)| path),
        None => target,
    };
    path.split(['/', '.', '_', '-', '#', '?', '='])
        .any(|tag| LANGUAGE_TAGS.iter().any(|t| t.eq_ignore_ascii_case(tag)))
}

/// For each paragraph of a Markdown document, whether it belongs to a
/// section written in another language on purpose: a heading in that
/// language or naming it ("## 中文说明", "## Chinese") over a body mostly in
/// a foreign script. A bilingual README is not a translation that left
/// text behind; an English section under a foreign heading, or a foreign
/// paragraph under an English one, still is.
fn sections_in_another_language(doc: &Document, runs: &[ForeignRun]) -> Vec<bool> {
    let paragraphs = doc.paragraphs();
    let mut foreign = vec![0usize; paragraphs.len()];
    for run in runs {
        foreign[run.paragraph] += run.letters;
    }
    let latin: Vec<usize> = paragraphs.iter().map(|p| latin_letters(doc, p)).collect();
    let levels: Vec<Option<usize>> = paragraphs
        .iter()
        .map(|p| p.is_heading.then(|| heading_level(doc, p)))
        .collect();
    let mut by_design = vec![false; paragraphs.len()];
    for (h, level) in levels.iter().enumerate() {
        let Some(level) = *level else { continue };
        let heading = doc.slice(paragraphs[h].span);
        let foreign_heading = foreign[h] > 0 && foreign[h] * FOREIGN_LETTER_WEIGHT >= latin[h];
        if !foreign_heading && !names_a_language(heading) {
            continue;
        }
        let end = (h + 1..paragraphs.len())
            .find(|&i| levels[i].is_some_and(|l| l <= level))
            .unwrap_or(paragraphs.len());
        let body_foreign: usize = foreign[h + 1..end].iter().sum();
        let body_latin: usize = latin[h + 1..end].iter().sum();
        if body_foreign > 0 && body_foreign * FOREIGN_LETTER_WEIGHT > body_latin {
            by_design[h..end].iter_mut().for_each(|b| *b = true);
        }
    }
    by_design
}

/// Whether a heading names a language, in English or in its own script.
fn names_a_language(heading: &str) -> bool {
    NATIVE_LANGUAGE_NAMES
        .iter()
        .any(|name| heading.contains(name))
        || heading
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| LANGUAGE_NAMES.contains(&w))
}

/// The level of a Markdown heading: its `#` marks, or 1 for a `===`
/// underline and 2 for a `---` one.
fn heading_level(doc: &Document, paragraph: &Paragraph) -> usize {
    let lines = doc.lines();
    let first = doc.slice(lines[paragraph.lines.start as usize].span);
    let marks = first
        .trim_start_matches(|c: char| c == '>' || c.is_whitespace())
        .bytes()
        .take_while(|&b| b == b'#')
        .count();
    if marks > 0 {
        return marks;
    }
    let underline = (paragraph.lines.end as usize
        ..lines.len().min(paragraph.lines.end as usize + 1))
        .chain(paragraph.lines.end.saturating_sub(1) as usize..paragraph.lines.end as usize)
        .map(|i| doc.slice(lines[i].span).trim())
        .find(|line| !line.is_empty() && line.chars().all(|c| c == '=' || c == '-'));
    match underline {
        Some(line) if line.starts_with('=') => 1,
        _ => 2,
    }
}

/// Code and markup (`for (;;) {`, a list of links with their targets) are
/// dense in brackets, operators and slashes, which prose rarely uses:
/// language identification reads their keywords as some other language.
fn is_code_or_markup(text: &str) -> bool {
    // The symbols are ASCII, so counting bytes counts characters (a UTF-8
    // continuation byte is never ASCII), without a search per character.
    let symbols = text
        .bytes()
        .filter(|b| {
            matches!(
                b,
                b'{' | b'}'
                    | b'['
                    | b']'
                    | b'('
                    | b')'
                    | b'<'
                    | b'>'
                    | b';'
                    | b'='
                    | b'|'
                    | b'/'
                    | b'\\'
                    | b'`'
                    | b'*'
                    | b'_'
                    | b'#'
            )
        })
        .count();
    let words = text.split_whitespace().count();
    // Configuration, shell sessions and box-drawn tables flattened into a
    // paragraph ("option subnet-mask 255.255.255.0;", "$ tar -cvzf
    // hello-1.0.tar.gz", "│ttyS0 │Serial port"): a third of the chunks are
    // paths, options, dotted numbers or table lines.
    let code_chunks = text
        .split_whitespace()
        .filter(|chunk| crate::words::is_code_like_chunk(chunk))
        .count();
    symbols * 2 >= words || code_chunks * 3 >= words
}

/// Languages whose words an English text quotes in their own script.
const LANGUAGE_NAMES: &[&str] = &[
    "Arabic",
    "Bengali",
    "Chinese",
    "Greek",
    "Hebrew",
    "Hindi",
    "Japanese",
    "Korean",
    "Mandarin",
    "Cantonese",
    "Marathi",
    "Nepali",
    "Persian",
    "Farsi",
    "Punjabi",
    "Russian",
    "Sanskrit",
    "Tamil",
    "Thai",
    "Ukrainian",
    "Urdu",
    "Yiddish",
];
/// Words with which English introduces a quoted foreign word.
const GLOSS_CUES: &[&str] = &[
    "word",
    "term",
    "meaning",
    "means",
    "called",
    "transliteration",
    "spelled",
    "spelt",
    "written",
];

/// A paragraph that names a language and says it is quoting one of its
/// words ("a Hindi word meaning 'watchman', चौकीदार") glosses the foreign
/// text on purpose: nothing was left untranslated.
fn names_a_language_gloss(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| LANGUAGE_NAMES.contains(w))
        && words
            .iter()
            .any(|w| GLOSS_CUES.contains(&w.to_lowercase().as_str()))
}

/// A foreign letter among symbols, as in a kaomoji (`¯\_(°ペ)_/¯`): the
/// whitespace-delimited chunk around it has three or more symbols that are
/// not sentence punctuation or brackets.
fn in_emoticon(text: &str, span: Span) -> bool {
    // Bounded, and on character boundaries whatever the white space is.
    let chunk = &text[crate::words::blank_delimited_chunk(text, span.start(), span.end())];
    let symbols = chunk
        .chars()
        .filter(|c| !c.is_alphanumeric() && !".,;:!?\"'()[]«»「」『』（）、。".contains(*c))
        .count();
    symbols >= 3
}

/// "Frenchie> Je suis…", "<anne> ja, genau…", "> Hola, …": a paragraph
/// that a chat log gives to a speaker or a mail quotes is what someone
/// wrote in their language, not text a translation left behind.
fn is_reported_speech(paragraph: &str) -> bool {
    let line = paragraph.trim_start();
    if line.starts_with('>') {
        return true;
    }
    let label = line.strip_prefix('<').unwrap_or(line);
    let Some(end) = label.find('>') else {
        return false;
    };
    let name = &label[..end];
    (1..=20).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// `None` when the paragraph is too short to judge; otherwise whether it is
/// worth running language identification on: few common English words and
/// mostly lower-case words (so not a list of names or a table).
fn looks_foreign(doc: &Document, paragraph: &Paragraph) -> Option<bool> {
    let (mut words, mut function, mut lower) = (0usize, 0usize, 0usize);
    for token in doc.tokens_in(&paragraph.tokens) {
        if !token.is_word() {
            continue;
        }
        words += 1;
        if token.shape == WordShape::Lower {
            lower += 1;
        }
        if is_commonest_english_word(doc.slice(token.span)) {
            function += 1;
        }
        // Plainly English after its first few dozen words: stop counting.
        if words == SAMPLE_WORDS && function * 100 >= words * ENGLISH_SAMPLE_PERCENT {
            return Some(false);
        }
    }
    if words < MIN_WORDS_FOR_IDENTIFICATION {
        return None;
    }
    Some(function * 100 < words * MAX_FUNCTION_WORD_PERCENT && lower * 2 >= words)
}

/// The commonest English words, which make up a third or more of any
/// English prose.
fn is_commonest_english_word(word: &str) -> bool {
    if word.len() > 5 {
        return false;
    }
    let mut buf = [0u8; 5];
    for (slot, b) in buf.iter_mut().zip(word.bytes()) {
        *slot = b.to_ascii_lowercase();
    }
    matches!(
        &buf[..word.len()],
        b"the"
            | b"of"
            | b"and"
            | b"to"
            | b"a"
            | b"in"
            | b"is"
            | b"that"
            | b"for"
            | b"it"
            | b"as"
            | b"was"
            | b"with"
            | b"be"
            | b"by"
            | b"on"
            | b"not"
            | b"he"
            | b"i"
            | b"this"
            | b"are"
            | b"or"
            | b"his"
            | b"from"
            | b"at"
            | b"which"
            | b"but"
            | b"have"
            | b"an"
            | b"they"
            | b"you"
            | b"were"
            | b"has"
            | b"been"
            | b"their"
            | b"we"
            | b"will"
            | b"would"
            | b"its"
            | b"our"
            | b"there"
            | b"can"
            | b"all"
            | b"more"
            | b"also"
            | b"who"
            | b"than"
            | b"these"
            | b"had"
            | b"must"
            | b"into"
            | b"should"
            | b"shall"
            | b"may"
            | b"new"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn a_wide_space_before_a_foreign_word_is_a_boundary_not_a_panic() {
        // U+205F is three bytes: the chunk around the word must start after it.
        let text = "The delegation met the\u{205f}大连 committee on the plan for the year.";
        assert_eq!(flagged(&UntranslatedText, text), vec!["大连"]);
    }

    #[test]
    fn one_chinese_word_in_parentheses_is_reported_once() {
        let text = "The theoretical study center group of the municipal party committee (市委) held a meeting.";
        let found = lint(&UntranslatedText, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(&text[found[0].span.range()], "市委");
        assert!(found[0].message.contains("Chinese"));
    }

    #[test]
    fn single_characters_and_other_scripts() {
        assert_eq!(
            flagged(
                &UntranslatedText,
                "The meeting of the 市 party group in Москва discussed the plan at length with the members."
            ),
            vec!["市", "Москва"]
        );
        let found = lint(
            &UntranslatedText,
            "The municipal party Сommittee met on Monday.",
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("inside a Latin word"));
    }

    #[test]
    fn mostly_chinese_paragraph_and_document_are_one_finding() {
        let text = "The meeting was held in Dalian on Monday and it was attended by many officials from the city.\n\n\
                    中共大连市委召开理论学习中心组学习会议，市委书记谭作钧主持会议并讲话。CPC 会议强调，要认真学习。\n\n\
                    The meeting stressed that the study of the regulations should be carefully organized by all.";
        let found = lint(&UntranslatedText, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].message.contains("mostly Chinese"));

        let chinese = "中共大连市委召开理论学习中心组学习会议，市委书记谭作钧主持会议并讲话。\n\n会议强调，要认真学习贯彻两个条例。CPC\n\n市委常委出席会议。";
        let found = lint(&UntranslatedText, chinese);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].message.starts_with("document is in Chinese"));
    }

    #[test]
    fn speech_given_to_a_speaker_or_quoted_mail_is_not_a_leftover() {
        let french = "Nous avons passé une journée très agréable au bord de la mer avec les \
                      enfants et nous rentrerons demain soir après le dîner chez les voisins.";
        let log = format!(
            "The chat went on for hours and nobody noticed the time at all.\n\n\
             Pierre> {french}\n\n<marie> {french}\n\n> {french}"
        );
        assert_no_lints(&UntranslatedText, &log);
        // The same paragraph without a speaker is still reported.
        let plain = format!("The chat went on for hours and nobody noticed.\n\n{french}");
        assert_eq!(lint(&UntranslatedText, &plain).len(), 1);
    }

    #[test]
    fn foreign_latin_script_paragraph_is_identified() {
        let text = "The meeting was held in Dalian on Monday and it was attended by many officials of the city.\n\n\
                    La réunion a souligné que les comités du parti à tous les niveaux doivent prendre la promotion \
                    de la construction des branches du parti comme contenu fondamental de leur travail quotidien.";
        let found = lint(&UntranslatedText, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].message.contains("French"), "{}", found[0].message);
    }

    #[test]
    fn english_names_symbols_and_borrowed_words_are_quiet() {
        assert_no_lints(
            &UntranslatedText,
            "Tan Chengxu, Wen Xueqiong, Li Chunqiu, Zhou Bo, Lu Zhiyuan, Xia Deren, Chen Qiufa, Tang Yijun, \
             Zhao Daguang, Yu Dequan and Zeng Bo attended.\n\n\
             The ratio π is about 3.14, a 5 μm filter traps α particles, and the café in Zürich serves crème brûlée \
             à la carte, a raison d'être for the visit.\n\n\
             Exports: petroleum, natural gas, cotton, coffee, tea, cocoa, timber, rubber, palm oil, fish, copper, gold.",
        );
    }

    #[test]
    fn glossed_words_and_kaomoji_are_quiet_but_bare_fragments_are_not() {
        assert_no_lints(
            &UntranslatedText,
            "The name is a transliteration of a Hindi word meaning 'watchman', चौकीदार, also used in Urdu as (چوکیدار).\n\n\
             Anyhow ¯\\_(°ペ)_/¯ is fine.",
        );
        // Near-misses: a bare fragment with no gloss, a kana letter in brackets.
        assert_eq!(
            flagged(
                &UntranslatedText,
                "The watchman चौकीदार came to the gate. The committee (ペ) met."
            ),
            vec!["चौकीदार", "ペ"]
        );
    }

    #[test]
    fn a_bilingual_readme_is_quiet_but_leftovers_in_its_english_are_not() {
        let readme = "# demo\n\n[English](README.md) | [简体中文](README.zh-CN.md) | [日本語](docs/ja/README.md)\n\n\
                      A parser for the configuration files of the demo tool, with good errors.\n\n\
                      ## 中文说明\n\n这是一个用于解析配置文件的库，支持多种格式。\n\n### 安装\n\n使用 npm 安装即可。\n\n\
                      ## Chinese\n\n中文用户请参阅文档。\n\n## Usage\n\nCall the parser on a file.\n";
        let found = lint_markdown(&UntranslatedText, readme);
        assert!(found.is_empty(), "{found:#?}");
        // Near-misses: a foreign paragraph under an English heading, a
        // foreign heading over English text, a fragment in English prose.
        let leftovers = "# demo\n\nA parser for the configuration files of the demo tool.\n\n\
                         ## Usage\n\n这是一个用于解析配置文件的库，支持多种格式。\n\n\
                         ## 安装\n\nInstall it with npm and call the parser on a file of your own.\n\n\
                         The name 掘金 is the story behind the tool and its [docs](https://x.org/zh/).\n";
        let found = lint_markdown(&UntranslatedText, leftovers);
        let texts: Vec<&str> = found.iter().map(|d| &leftovers[d.span.range()]).collect();
        assert_eq!(
            texts,
            [
                "这是一个用于解析配置文件的库，支持多种格式。",
                "安装",
                "掘金"
            ],
            "{found:#?}"
        );
        // In plain text a foreign section is still reported.
        let plain =
            "Usage\n\nA parser for the configuration files of the demo tool, with errors.\n\n\
                     中文说明\n\n这是一个用于解析配置文件的库，支持多种格式。\n";
        assert_eq!(lint(&UntranslatedText, plain).len(), 2);
    }

    #[test]
    fn chinese_glued_to_a_latin_word_is_a_fragment_not_a_look_alike() {
        let found = lint(
            &UntranslatedText,
            "It was maintained by Li Si and 李四。Thanks to all of the people here.",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].message.starts_with("untranslated Chinese text"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn code_paragraphs_are_not_identified_but_prose_still_is() {
        assert_no_lints(
            &UntranslatedText,
            "for (;;) { len = sizeof(sock_out); if (n < 0) { perror(\"recv\"); exit(1); } buf[n] = 0; printf(\"%s\", buf); }",
        );
        for code in [
            "option domain-name \"example.com\"; option domain-name-servers ns1.example.com; \
             option subnet-mask 255.255.255.0; default-lease-time 600; max-lease-time 7200; \
             server-name \"servername\";",
            "$ mkdir -p hello-sh/hello-sh-1.0; cd hello-sh/hello-sh-1.0 $ cat > hello <<EOF \
             #!/bin/sh # (C) 2011 Foo Bar, GPL2+ echo \"Hello!\" EOF $ chmod 755 hello $ cd .. \
             $ tar -cvzf hello-sh-1.0.tar.gz hello-sh-1.0",
            "┌───────┬──────────┐ │ttyS0 │Serial port 0, COM1 under MS-DOS │ ├───────┼──────────┤ \
             │ttyS1 │Serial port 1, COM2 under MS-DOS │ ├───────┼──────────┤ │psaux │PS/2 mouse \
             device │ └───────┴──────────┘",
        ] {
            assert_no_lints(&UntranslatedText, code);
        }
        let prose = "La réunion a souligné que les comités du parti à tous les niveaux doivent prendre la promotion \
                     de la construction des branches du parti comme contenu fondamental de leur travail quotidien.";
        assert_eq!(lint(&UntranslatedText, prose).len(), 1);
    }
}
