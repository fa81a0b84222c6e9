use std::cell::OnceCell;
use std::sync::Arc;

use doclint_core::{Diagnostic, Document, Edit, Fix, Token, TokenKind, WordShape};

use crate::rule::{Context, Rule, RuleMeta};
use crate::word_ranks::WordRanks;
use crate::words;
use crate::words::{in_address_besides, is_common_word_at, is_function_word, is_glued, is_word_at};

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
    /// Safe: one space is inserted after the mark.
    ///
    /// The rule is deliberately narrow, to stay quiet on edited English
    /// and on technical notation. After a full stop, question or
    /// exclamation mark it needs a word of two or more letters with a
    /// lower-case letter before the mark and a capitalised word after it
    /// ("year.The"); after a full stop it also takes a common word before a
    /// lower-case word that opens a clause ("development.the"). After a
    /// comma or semicolon it needs a word or number before and a word after,
    /// one of them a common word and neither a lower-case non-word
    /// ("yuan,and", "Beijing,China"). After a colon it needs a
    /// common word of three letters or more before a capitalised word or a
    /// clause-opening word ("follows:the", "Americans:First"), so "Note:see"
    /// is missed.
    ///
    /// Not flagged: numbers ("1,200", "3:30", "5.5%", "No.1", "v2.0"),
    /// anything in a URL, e-mail address, domain or file name ("www.gov.cn",
    /// "report.pdf", "Node.js", "ASP.NET", "http://x"), abbreviations and
    /// initials ("U.S.", "e.g.", "Ph.D.", "J.R.R. Tolkien", "TL;DR"),
    /// ellipses, lone letters ("x,y"), the numeral "one" after a full stop
    /// (a name's part: "parent.one"), HTML entities ("&nbsp;"), lists of
    /// values ("time,overhead,sym"), keys and references ("host:port",
    /// "HEAD:branch"), text with braces or closed brackets ("f(a,b)",
    /// "{diff,merge}"), qualified names ("string.Template", "asyncio.Future",
    /// "Buffer.from(": a call, a lower-case module that is not a word, a
    /// name that repeats the module, or a pair the document writes twice
    /// or in its code), a literal followed by a noun naming its kind ("the
    /// queue.Full exception", "the package:any syntax"), literals in
    /// quotation marks that hold no space
    /// ("'Content-Type,Authorization'"), a mark ending a Markdown table
    /// cell before the next one, and Markdown code.
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
        let words = Words {
            doc,
            cx,
            ranks: OnceCell::new(),
        };
        for i in 1..tokens.len().saturating_sub(1) {
            let (before, mark, after) = (tokens[i - 1], tokens[i], tokens[i + 1]);
            // Adjacent tokens: no space between them. In Markdown, markup
            // may lie between them; the word is glued only if no white
            // space does too and it is in the same block (the next cell of
            // a table row is not).
            if mark.kind != TokenKind::Punct
                || after.kind != TokenKind::Word
                || text[mark.span.end()..after.span.start()].contains(char::is_whitespace)
                || doc
                    .paragraph_at(mark.span.start())
                    .is_some_and(|p| p.span.end() < after.span.end())
            {
                continue;
            }
            let punct = mark.text(text);
            let glued = match punct {
                "." | "?" | "!" => {
                    before.kind == TokenKind::Word && ends_sentence(&words, i, punct == ".")
                }
                "," | ";" => {
                    matches!(before.kind, TokenKind::Word | TokenKind::Number)
                        && separates_words(&words, i)
                }
                ":" => before.kind == TokenKind::Word && introduces_words(&words, i),
                _ => false,
            };
            if !glued
                || in_address_besides(tokens, text, i, Some(i))
                || looks_like_code(tokens, text, i)
                || in_quoted_literal(tokens, text, i)
                || (punct == "." && is_qualified_name(&words, i))
            {
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

/// Dictionary facts about the words of one document, looked up only for
/// the few candidates that need them.
struct Words<'a> {
    doc: &'a Document,
    cx: &'a Context<'a>,
    ranks: OnceCell<Arc<WordRanks>>,
}

impl Words<'_> {
    fn text(&self, i: usize) -> &str {
        self.doc.slice(self.doc.tokens()[i].span)
    }

    fn ranks(&self) -> &WordRanks {
        self.ranks.get_or_init(|| WordRanks::of(self.doc))
    }

    /// Token `i` is a dictionary word, not among its rarest entries.
    fn is_known(&self, i: usize) -> bool {
        is_word_at(self.cx, self.doc, self.ranks(), i)
    }

    /// Token `i` is a common dictionary word.
    fn is_common(&self, i: usize) -> bool {
        is_common_word_at(self.cx, self.doc, self.ranks(), i)
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

fn has_lower_case(word: &str) -> bool {
    word.chars().any(char::is_lowercase)
}

fn is_domain_or_extension(word: &str) -> bool {
    DOMAIN_OR_EXTENSION
        .iter()
        .any(|known| known.eq_ignore_ascii_case(word))
}

/// A lower-case word that opens a clause and names no domain or file type
/// ("the", "which"; not "js", "com"). Not the numeral "one": after a dot
/// it is a part of a name ("parent.one", "step.one") as often as a
/// pronoun.
fn opens_clause(word: &str) -> bool {
    word.len() >= 3
        && is_function_word(word)
        && !is_domain_or_extension(word)
        && !word.eq_ignore_ascii_case("one")
}

/// "year.The", "What?The", "development.the": the mark at token `i` ends
/// one sentence and the word after it starts the next. `full_stop` allows
/// the lower-case reading.
fn ends_sentence(words: &Words, i: usize, full_stop: bool) -> bool {
    let tokens = words.doc.tokens();
    let (previous, next) = (words.text(i - 1), words.text(i + 1));
    // "U.S", "ASP.NET", "Ph.D": capitals only or a lone letter before.
    let ends_a_word =
        has_lower_case(previous) && is_letters(previous) && is_longer_than_a_letter(previous);
    if !ends_a_word || !is_letters(next) || !is_longer_than_a_letter(next) {
        return false;
    }
    match tokens[i + 1].shape {
        WordShape::Capitalized => !is_domain_or_extension(next),
        // Lower case after a full stop is a file name, domain or key
        // ("report.pdf", "Node.js", "user.name") unless a common word meets
        // a word that opens clauses.
        WordShape::Lower if full_stop => opens_clause(next) && words.is_common(i - 1),
        _ => false,
    }
}

/// "yuan,and", "Beijing,China", "2019,the": a comma or semicolon at token
/// `i` between a word or number and a word.
fn separates_words(words: &Words, i: usize) -> bool {
    let tokens = words.doc.tokens();
    let (previous, next) = (words.text(i - 1), words.text(i + 1));
    // "x,y", "f(a,b)": letters used as symbols.
    let lone_letter = |word: &str| !is_longer_than_a_letter(word) && !matches!(word, "a" | "I");
    if lone_letter(previous) || lone_letter(next) {
        return false;
    }
    if words.text(i) == ";" {
        // "&nbsp;", "&#x4e2d;": an HTML entity, not prose.
        let entity = i >= 2 && matches!(words.text(i - 2), "&" | "#");
        // "TL;DR": an abbreviation written with a semicolon.
        let in_capitals = !has_lower_case(previous) && !has_lower_case(next);
        if entity || in_capitals {
            return false;
        }
    }
    // "comm,dso", "sym,srcline": option values, not prose. Prose has a
    // common word on one side, and a lower-case word on either side is a
    // dictionary word.
    let is_number = tokens[i - 1].kind == TokenKind::Number;
    let plausible = |j: usize| {
        (is_number && j == i - 1) || tokens[j].shape != WordShape::Lower || words.is_known(j)
    };
    let common_on_one_side = is_number || words.is_common(i - 1) || words.is_common(i + 1);
    common_on_one_side && plausible(i - 1) && plausible(i + 1) && !in_value_list(words, i)
}

/// "event,ip,sym": a second comma or semicolon between words in the same
/// run of text makes a list of values (options, CSV), not a sentence.
fn in_value_list(words: &Words, i: usize) -> bool {
    let tokens = words.doc.tokens();
    let (start, end) = chunk(tokens, i);
    (start + 1..end.saturating_sub(1)).any(|j| {
        j != i
            && matches!(words.text(j), "," | ";")
            && tokens[j - 1].kind != TokenKind::Punct
            && tokens[j + 1].kind != TokenKind::Punct
    })
}

/// "follows:the", "Americans:First": a colon at token `i` after a common
/// word of three letters or more and before a capitalised word or a common
/// word that opens a clause. Not a URL scheme, not a key or reference
/// ("host:port", "HEAD:branch", "dc:title", "master:for-linus").
fn introduces_words(words: &Words, i: usize) -> bool {
    let tokens = words.doc.tokens();
    let (previous, next) = (words.text(i - 1), words.text(i + 1));
    if !is_letters(previous)
        || !is_letters(next)
        || previous.chars().count() < 3
        || !has_lower_case(previous)
        || !is_longer_than_a_letter(next)
        || URL_SCHEMES
            .iter()
            .any(|scheme| scheme.eq_ignore_ascii_case(previous))
        || is_glued(tokens, words.doc.text(), i + 1, false)
    {
        return false;
    }
    let starts_clause = match tokens[i + 1].shape {
        WordShape::Capitalized => true,
        WordShape::Lower => opens_clause(next),
        _ => false,
    };
    starts_clause && words.is_common(i - 1) && !named_by_kind(words, i)
}

/// The run of non-blank tokens around token `i`, as a range of indices.
fn chunk(tokens: &[Token], i: usize) -> (usize, usize) {
    let mut start = i;
    while start > 0 && !tokens[start - 1].is_blank() {
        start -= 1;
    }
    let mut end = i + 1;
    while end < tokens.len() && !tokens[end].is_blank() {
        end += 1;
    }
    (start, end)
}

/// Whether the run of text around token `i` reads as code or notation:
/// braces or a percent sign ("{author,committer}", "%(contents:size)"), or
/// a closed pair of brackets ("f(NULL,NULL)", "HEAD:Foo[BAR]Baz").
fn looks_like_code(tokens: &[Token], text: &str, i: usize) -> bool {
    let (start, end) = chunk(tokens, i);
    let (mut parens, mut brackets) = ((false, false), (false, false));
    for token in &tokens[start..end] {
        if token.kind != TokenKind::Punct {
            continue;
        }
        match token.text(text) {
            "{" | "}" | "%" => return true,
            "(" => parens.0 = true,
            ")" => parens.1 = true,
            "[" => brackets.0 = true,
            "]" => brackets.1 = true,
            _ => {}
        }
    }
    parens == (true, true) || brackets == (true, true)
}

/// "'Content-Type,Authorization'", "\"GET;POST\"": the mark at token `i`
/// is inside quotation marks that hold no space, so the quoted stretch is
/// a literal value (a header list, a key, an option string), not a
/// sentence.
fn in_quoted_literal(tokens: &[Token], text: &str, i: usize) -> bool {
    let (start, end) = chunk(tokens, i);
    let quote = |j: usize| {
        let token = tokens[j];
        token.kind == TokenKind::Punct
            && (words::is_quote_glyph(token.text(text)) || token.text(text) == "`")
    };
    let closes = |open: &str, close: &str| match open {
        "‘" => close == "’",
        "“" => close == "”",
        _ => open == close,
    };
    (start..i).filter(|&j| quote(j)).any(|open| {
        let open_text = tokens[open].text(text);
        (i + 1..end).any(|close| quote(close) && closes(open_text, tokens[close].text(text)))
    })
}

/// "string.Template", "asyncio.Future", "glob.Glob(", "Buffer.from(": the
/// full stop at token `i` joins a module or object to one of its names. A
/// call ("(" right after the name) makes it one; so does a lower-case
/// identifier before a capitalised name when the name repeats the module
/// ("decimal.Decimal", "fractions.Fraction"), has inner capitals
/// ("http.WebSocket"), the module is not a dictionary word ("asyncio"),
/// or the document writes the same pair again or in its code.
fn is_qualified_name(words: &Words, i: usize) -> bool {
    let doc = words.doc;
    let tokens = doc.tokens();
    let text = doc.text();
    if tokens
        .get(i + 2)
        .is_some_and(|t| t.kind == TokenKind::Punct && t.text(text) == "(")
    {
        return true;
    }
    let (module, name) = (words.text(i - 1), words.text(i + 1));
    let identifier = |w: &str| w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    // "them.The", "phere.They": a word that opens sentences starts one.
    if !identifier(module)
        || tokens[i + 1].shape != WordShape::Capitalized
        || !name.is_ascii()
        || is_function_word(name)
    {
        return false;
    }
    let lower_name = name.to_ascii_lowercase();
    let repeats_module = module.starts_with(&lower_name) || lower_name.starts_with(module);
    let inner_capital = name.bytes().skip(1).any(|b| b.is_ascii_uppercase());
    if repeats_module || inner_capital || !words.is_known(i - 1) {
        return true;
    }
    let pair = &text[tokens[i - 1].span.start()..tokens[i + 1].span.end()];
    let in_code = doc
        .non_prose()
        .iter()
        .any(|range| doc.slice(*range).contains(pair));
    in_code || text.matches(pair).nth(1).is_some() || named_by_kind(words, i)
}

/// Nouns that say what kind of literal the word before them is: "the
/// queue.Full exception", "the base logging.Handler class", "the
/// package:any syntax", "the -w any:any option".
const KIND_NOUNS: &[&str] = &[
    "attribute",
    "class",
    "constant",
    "exception",
    "field",
    "flag",
    "format",
    "function",
    "method",
    "module",
    "notation",
    "object",
    "option",
    "package",
    "parameter",
    "setting",
    "syntax",
    "type",
    "value",
    "variable",
];

/// The run of text glued together at token `i` is followed by a noun
/// naming its kind ("the queue.Full exception", "the package:any syntax"):
/// one literal the text talks about, not two sentences or a clause after
/// a colon. Prose glued by a lost space goes on with its own words.
fn named_by_kind(words: &Words, i: usize) -> bool {
    let tokens = words.doc.tokens();
    let text = words.doc.text();
    let (_, end) = chunk(tokens, i);
    let after_space = tokens.get(end).is_some_and(|t| t.kind == TokenKind::Space)
        && !text[tokens[end].span.start()..tokens[end].span.end()].contains('\n');
    after_space
        && tokens
            .get(end + 1)
            .is_some_and(|t| t.is_word() && KIND_NOUNS.contains(&t.text(text)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn literals_followed_by_a_noun_of_their_kind_are_quiet() {
        assert_no_lints(
            &MissingSpace,
            "Catch the pool.Empty exception and retry. Unlike the plain parser.Reader class, it \
             buffers. Pin it with the version:any syntax, or pass the -p all:all option.",
        );
        // The same glue before an ordinary word is a lost space.
        assert_eq!(
            lint(
                &MissingSpace,
                "We catch the pool.Empty rooms first. Read this:any book will do."
            )
            .len(),
            2
        );
    }

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
    fn a_mark_ending_a_table_cell_is_not_glued_to_the_next_cell() {
        let table = "| Tool | Status | Since |\n|---|---|---|\n| Debug Client | ? | Yes |\n| Profiler | done.|Next |\n";
        assert!(lint_markdown(&MissingSpace, table).is_empty());
        // Near-miss: emphasis markup between the mark and the word.
        let found = lint_markdown(&MissingSpace, "It grew this year.**The** city won.\n");
        assert_eq!(found.len(), 1, "{found:#?}");
    }

    #[test]
    fn quoted_literals_are_quiet_but_quoted_prose_is_not() {
        assert_no_lints(
            &MissingSpace,
            "Expects a comma-delimited string (ex: 'Content-Type,Authorization') or \"Accept;Origin\".",
        );
        // Near-miss: the quotation holds a space, so it is prose.
        assert_eq!(
            flagged(&MissingSpace, "He said \"it cost a lot,and rose\" again."),
            vec![","]
        );
    }

    #[test]
    fn qualified_names_are_quiet() {
        assert_no_lints(
            &MissingSpace,
            "Use string.Template or asyncio.Future (string.Template is older), see glob.Glob(pattern) and \
             decimal.Decimal, and catch queue.Full; queue.Full is raised.",
        );
    }

    #[test]
    fn sentences_glued_after_lower_case_words_are_flagged() {
        assert_eq!(
            flagged(
                &MissingSpace,
                "We want peace.We will pass it on. It was in the queue.Then it left. \
                 Deliver for them.The end. Deliver for them.The start. The atmos- phere.They fell."
            ),
            vec![".", ".", ".", ".", "."]
        );
    }

    #[test]
    fn flags_word_glued_after_comma_semicolon_and_colon() {
        assert_eq!(
            flagged(
                &MissingSpace,
                "It cost 1.2 billion yuan,and the number rose in Beijing,China and in 2019,the \
                 city grew;the port too. The steps are as follows:the first is a plan. \
                 Note:See the annex."
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
             go… Really?!Yes. See x,y and f(a,b) in R&D,and &nbsp;the text. TL;DR: fine.",
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
    fn keys_references_and_namespaces_after_a_colon_are_quiet() {
        assert_no_lints(
            &MissingSpace,
            "The xmlns:xsi attribute and dc:title field, urn:isbn:0451450523 and std::vec. \
             Push HEAD:branch or split:master and master:for-linus to host:port. Note:see \
             the plug:trident device.",
        );
    }

    #[test]
    fn notation_and_value_lists_are_quiet() {
        assert_no_lints(
            &MissingSpace,
            "Set {author,committer}.{name,email} or %(contents:subject) and call \
             SortCondition(NULL,NULL) or get{pw,gr}nam(). Use --sort time,overhead,sym and \
             -s sym,srcline or comm,dso. Show HEAD:Foo[BAR]Baz.",
        );
    }

    #[test]
    fn a_numeral_after_a_dot_is_a_name_part() {
        assert_no_lints(&MissingSpace, "Importing parent.one will run the package.");
        assert_eq!(
            flagged(&MissingSpace, "We need more development.the plan is clear."),
            vec!["."]
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
