use doclint_core::{Diagnostic, Document, Edit, Fix, TokenKind, WordShape};

use crate::rule::{Context, Rule, RuleMeta};
use crate::word_ranks::WordRanks;
use crate::words::{in_address_besides, is_common_word_at, is_function_word};

declare_rule! {
    /// ## What it does
    /// Flags a word glued to the full stop, question mark, exclamation
    /// mark, comma, semicolon or colon before it: "this year.The
    /// investment", "1.2 billion yuan,and the number", "as follows:the
    /// first".
    ///
    /// ## Why is this bad?
    /// English puts a space after these marks. Translation tools and hasty
    /// editing (two sentences pasted together, a line break deleted) leave
    /// the next word stuck to the mark, and the reader has to stop and
    /// find where one sentence or clause ends and the next begins.
    ///
    /// ## Example
    /// ```text
    /// The city grew by 7% this year.The investment reached 1.2 billion yuan,and the number of firms rose.
    /// ```
    /// Use instead:
    /// ```text
    /// The city grew by 7% this year. The investment reached 1.2 billion yuan, and the number of firms rose.
    /// ```
    ///
    /// ## Fix safety
    /// Safe: one space is inserted after the mark. The rule is deliberately
    /// narrow, to stay quiet on edited English. After a full stop, question
    /// or exclamation mark it needs a word of two or more letters with a
    /// lower-case letter before the mark and a capitalised word after it
    /// ("year.The"); after a full stop it also takes a common word followed
    /// by a lower-case function word ("development.the"). After a comma or
    /// semicolon it needs a word or number before and a word after
    /// ("yuan,and"); after a colon, two common dictionary words, the first of
    /// three letters or more ("follows:the").
    /// Not flagged: numbers ("1,200", "3:30", "5.5%", "No.1", "v2.0"),
    /// anything in a URL, e-mail address, domain or file name ("www.gov.cn",
    /// "report.pdf", "Node.js", "ASP.NET", "http://x"), abbreviations and
    /// initials ("U.S.", "e.g.", "Ph.D.", "J.R.R. Tolkien"), ellipses,
    /// lone letters ("x,y"), HTML entities ("&nbsp;") and Markdown code.
    pub struct MissingSpace {
        id: "missing-space",
        category: Whitespace,
        severity: Warning,
        fix: Always,
    }
}

/// Top-level domains and file extensions: after a dot they make a name
/// ("Sina.Com", "Report.Pdf"), not a new sentence.
const DOMAIN_OR_EXTENSION: &[&str] = &[
    "asp", "aspx", "biz", "cn", "co", "com", "csv", "doc", "docx", "edu", "exe", "gif", "gov",
    "htm", "html", "info", "int", "io", "jpeg", "jpg", "js", "json", "mil", "net", "org", "pdf",
    "php", "png", "ppt", "pptx", "rar", "txt", "uk", "xls", "xlsx", "xml", "zip",
];

/// URL schemes, written with a colon and no space ("mailto:name").
const URL_SCHEMES: &[&str] = &[
    "data", "file", "ftp", "git", "http", "https", "mailto", "news", "sms", "ssh", "tel", "urn",
];

impl Rule for MissingSpace {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &Context, out: &mut Vec<Diagnostic>) {
        let tokens = doc.tokens();
        let text = doc.text();
        // The dictionary is asked only about the few candidates that need it.
        let mut ranks = None;
        for i in 1..tokens.len().saturating_sub(1) {
            let (before, mark, after) = (tokens[i - 1], tokens[i], tokens[i + 1]);
            // Adjacent tokens: no space between them.
            if mark.kind != TokenKind::Punct || after.kind != TokenKind::Word {
                continue;
            }
            let punct = mark.text(text);
            let glued = match punct {
                "." | "?" | "!" => {
                    before.kind == TokenKind::Word
                        && ends_sentence(doc, cx, &mut ranks, i, punct == ".")
                }
                "," | ";" => {
                    matches!(before.kind, TokenKind::Word | TokenKind::Number)
                        && separates_words(doc, i)
                }
                ":" => before.kind == TokenKind::Word && introduces_words(doc, cx, &mut ranks, i),
                _ => false,
            };
            if !glued || in_address_besides(tokens, text, i, Some(i)) {
                continue;
            }
            let next_word = after.text(text);
            out.push(
                Self::META
                    .diagnostic(mark.span, format!("missing space after '{punct}'"))
                    .with_help(format!("put a space between '{punct}' and '{next_word}'"))
                    .with_fix(Fix::safe(
                        "Insert a space",
                        vec![Edit::insert(mark.span.end(), " ")],
                    )),
            );
        }
    }
}

/// Whether a word of letters only (apostrophes allowed inside: "We've").
fn is_letters(word: &str) -> bool {
    word.chars()
        .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
}

/// At least two characters: lone letters are initials or symbols.
fn is_longer_than_a_letter(word: &str) -> bool {
    word.chars().nth(1).is_some()
}

fn is_domain_or_extension(word: &str) -> bool {
    DOMAIN_OR_EXTENSION
        .iter()
        .any(|known| known.eq_ignore_ascii_case(word))
}

/// "year.The", "What?The", "development.the": the mark at token `i` ends
/// one sentence and the word after it starts the next. `full_stop` allows
/// the lower-case reading.
fn ends_sentence(
    doc: &Document,
    cx: &Context,
    ranks: &mut Option<std::sync::Arc<WordRanks>>,
    i: usize,
    full_stop: bool,
) -> bool {
    let tokens = doc.tokens();
    let (before, after) = (tokens[i - 1], tokens[i + 1]);
    let (previous, next) = (doc.slice(before.span), doc.slice(after.span));
    // "U.S", "ASP.NET", "Ph.D": capitals only or a lone letter before.
    let ends_a_word = matches!(
        before.shape,
        WordShape::Lower | WordShape::Capitalized | WordShape::Mixed
    ) && previous.chars().any(char::is_lowercase)
        && is_letters(previous)
        && is_longer_than_a_letter(previous);
    if !ends_a_word || !is_letters(next) || !is_longer_than_a_letter(next) {
        return false;
    }
    match after.shape {
        WordShape::Capitalized => !is_domain_or_extension(next),
        // Lower case after a full stop is a file name or domain ("report.pdf",
        // "Node.js") unless a common word meets a word that opens clauses.
        WordShape::Lower if full_stop => {
            next.len() >= 3
                && is_function_word(next)
                && !is_domain_or_extension(next)
                && is_common_word_at(
                    cx,
                    doc,
                    ranks.get_or_insert_with(|| WordRanks::of(doc)),
                    i - 1,
                )
        }
        _ => false,
    }
}

/// "yuan,and", "Beijing,China", "2019,the": a comma or semicolon at token
/// `i` between a word or number and a word.
fn separates_words(doc: &Document, i: usize) -> bool {
    let tokens = doc.tokens();
    let (previous, next) = (doc.slice(tokens[i - 1].span), doc.slice(tokens[i + 1].span));
    // "x,y", "f(a,b)": letters used as symbols.
    let lone_letter = |word: &str| !is_longer_than_a_letter(word) && !matches!(word, "a" | "I");
    if lone_letter(previous) || lone_letter(next) {
        return false;
    }
    // "&nbsp;", "&#x4e2d;": an HTML entity, not prose.
    let entity = doc.slice(tokens[i].span) == ";"
        && i >= 2
        && matches!(doc.slice(tokens[i - 2].span), "&" | "#");
    !entity
}

/// "follows:the", "Note:see": a colon at token `i` between two common
/// dictionary words, the first of three letters or more and no URL scheme.
fn introduces_words(
    doc: &Document,
    cx: &Context,
    ranks: &mut Option<std::sync::Arc<WordRanks>>,
    i: usize,
) -> bool {
    let tokens = doc.tokens();
    let (previous, next) = (doc.slice(tokens[i - 1].span), doc.slice(tokens[i + 1].span));
    // Two-letter prefixes are namespaces ("dc:title", "og:type").
    if !is_letters(previous)
        || !is_letters(next)
        || previous.chars().count() < 3
        || !is_longer_than_a_letter(next)
        || URL_SCHEMES
            .iter()
            .any(|scheme| scheme.eq_ignore_ascii_case(previous))
    {
        return false;
    }
    let ranks = ranks.get_or_insert_with(|| WordRanks::of(doc));
    is_common_word_at(cx, doc, ranks, i - 1) && is_common_word_at(cx, doc, ranks, i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn flags_word_glued_after_sentence_end() {
        assert_eq!(
            flagged(
                &MissingSpace,
                "It grew this year.The investment rose. What?The city won!Residents cheered."
            ),
            vec![".", "?", "!"]
        );
    }

    #[test]
    fn flags_word_glued_after_comma_semicolon_and_colon() {
        assert_eq!(
            flagged(
                &MissingSpace,
                "It cost 1.2 billion yuan,and the number rose in Beijing,China and in 2019,the \
                 city grew;the port too. The steps are as follows:the first is a plan. \
                 Note:see the annex."
            ),
            vec![",", ",", ",", ";", ":", ":"]
        );
    }

    #[test]
    fn flags_lower_case_function_word_after_full_stop() {
        assert_eq!(
            flagged(
                &MissingSpace,
                "It aids development.the plan works. Mr.Smith came."
            ),
            vec![".", "."]
        );
    }

    #[test]
    fn numbers_are_quiet() {
        assert_no_lints(
            &MissingSpace,
            "It cost 1,200 yuan, 1.2 billion, 5.5% more at 3:30 in a 2:1 vote. See No.1 and \
             v2.0 of Web2.0, the 1,2-dichloroethane and 2.5mm.",
        );
    }

    #[test]
    fn addresses_and_file_names_are_quiet() {
        assert_no_lints(
            &MissingSpace,
            "Visit www.gov.cn or example.com, read report.pdf, open http://x.org/a.html or \
             mailto:name@mail.dl.cn and write to name@mail.dl.cn today. Node.js, ASP.NET and \
             .NET run. See Sina.Com and Report.Pdf, and recovery.gov, the site. Call tel:0411, \
             visit https:Example and C:\\Users\\Docs,Files and a_b,c=d.",
        );
    }

    #[test]
    fn abbreviations_initials_and_ellipses_are_quiet() {
        assert_no_lints(
            &MissingSpace,
            "The U.S. and U.K.-based firms, e.g. banks, i.e. lenders, open at 9 a.m. and \
             close at 5 p.m. A Ph.D. by J.R.R. Tolkien. The U.S.Government met. Wait...Then \
             go… Really?!Yes. See x,y and f(a,b) in R&D,and &nbsp;the text.",
        );
    }

    #[test]
    fn capitals_and_codes_after_a_mark_are_quiet() {
        assert_no_lints(
            &MissingSpace,
            "It joined the CPC.CPC members, VB.Net users and the G20.G7 group and year.CPC \
             met. Call Yahoo!japan and tax?cut raise. It grew.X marks it. Go to the \
             index.html file or data.json and node.js.",
        );
    }

    #[test]
    fn colon_needs_two_dictionary_words() {
        assert_no_lints(
            &MissingSpace,
            "The xmlns:xsi attribute and dc:title field, urn:isbn:0451450523 and std::vec.",
        );
    }

    #[test]
    fn markdown_code_is_quiet() {
        assert!(lint_markdown(
            &MissingSpace,
            "Call `year.The` and `a,b`:\n\n```\nfoo.Bar(x,y);baz\n```\n\nSee [the site](http://a.b/c.The).\n"
        )
        .is_empty());
    }

    #[test]
    fn fix_inserts_one_space() {
        assert_safe_fix(
            &MissingSpace,
            "this year.The investment of 1.2 billion yuan,and as follows:the first",
            "this year. The investment of 1.2 billion yuan, and as follows: the first",
        );
    }
}
