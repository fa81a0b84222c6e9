use doclint_core::{Diagnostic, Document, Edit, Fix, TokenKind, WordShape};
use rustc_hash::FxHashSet;

use crate::dictionary::{Dictionary, Suggestion};
use crate::rule::{Context, Rule, RuleMeta};
use crate::word_ranks::WordRanks;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::words::{
    find_split, folded_hash, has_digit, in_address, is_common_word, is_glued, is_prefix,
    is_quoted_mention, is_sentence_start, linked_word, prefixes, truncation_completions,
    COMMON_RANK, RAREST_PIECE,
};

/// The shortest piece of a closed compound ("redtape", "warzone").
const SHORTEST_PART: usize = 3;

/// How many corrections the help offers.
const SUGGESTIONS: usize = 3;

declare_rule! {
    /// ## What it does
    /// Flags lower-case words that are not in the dictionary ("speechs"),
    /// with up to three corrections ranked by edit distance and commonness.
    ///
    /// Never checked: capitalised words (names, or sentence starts), words in
    /// capitals, words with digits, URLs, e-mail addresses and file names,
    /// romanised Chinese names (words made of Pinyin syllables) unless the
    /// dictionary knows the word as a name, words
    /// the same document also writes capitalised as a name, abbreviations
    /// (two letters or no vowel: "nm"), regular formations the word list
    /// lacks (a prefix and a word, "nonoil"; two words closed up,
    /// "redtape"; a known word with a clitic, "else's"; an accented
    /// spelling, "naïve"), words next to another foreign or very rare word
    /// ("de facto", "Euphausia superba") and terms in quotation marks with at
    /// most two other words ("the “cuentapropistas”"), and words marked
    /// "[sic]". Words broken by
    /// a space or cut short at a line end are left to `split-word` and
    /// `truncated-word`. A project adds its own words in
    /// `rules/dictionary/*.txt`.
    ///
    /// A name the dictionary knows only capitalised ("europe", "beijing",
    /// "marxism", "celsius") is reported as a name written in lower case,
    /// with the capitalised form; names that are also lower-case words
    /// ("china", "turkey", "internet") are not, and neither is one that
    /// starts a sentence (`lowercase-sentence-start` reports that).
    ///
    /// ## Why is this bad?
    /// A misspelt word looks careless and defeats search; machine
    /// translation produces regular-looking but wrong forms ("speechs",
    /// "childs") that a reader notices at once.
    ///
    /// ## Example
    /// ```text
    /// Leading cadres made speechs.
    /// ```
    /// Use instead:
    /// ```text
    /// Leading cadres made speeches.
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe, and offered only when exactly one correction is one edit away;
    /// otherwise the help lists the candidates. For a name in lower case:
    /// unsafe, capitalising it.
    pub struct Misspelling {
        id: "misspelling",
        category: Lexical,
        severity: Warning,
        fix: Sometimes,
    }
}

impl Rule for Misspelling {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &Context, out: &mut Vec<Diagnostic>) {
        let tokens = doc.tokens();
        let text = doc.text();
        let dict = Dictionary::builtin();
        let ranks = WordRanks::of(doc);
        let mut unknown: Vec<usize> = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            if token.kind != TokenKind::Word || token.shape != WordShape::Lower {
                continue;
            }
            let word = token.text(text);
            let known = ranks.rank(doc, i).is_some() || cx.settings.extra_words.contains(word);
            if !known && !has_digit(word) {
                unknown.push(i);
            }
        }
        if unknown.is_empty() {
            return;
        }
        let names = capitalised_words(doc);
        for i in unknown {
            let word = tokens[i].text(text);
            // "europe", "beijing", "marxism": a name the dictionary knows
            // only capitalised is reported as such, even where the letters
            // also read as Pinyin ("american" = a-me-ri-can).
            let name = name_form(dict, word);
            if is_abbreviation(word)
                || (name.is_none()
                    && (names.contains(&folded_hash(word)) || dict.is_pinyin_name(word)))
                || known_without_accents(cx, word)
                || is_clitic_form(cx, word)
                || is_word_formation(cx, word)
                || (is_prefix(word) && linked_word(tokens, text, i, true).is_some())
                || in_foreign_phrase(doc, cx, i)
                || is_quoted_mention(tokens, text, i, i)
                || is_marked_sic(tokens, text, i)
                || in_address(tokens, text, i)
                || doc.is_code_word(word)
                || is_glued(tokens, text, i, true)
                || is_glued(tokens, text, i, false)
                || find_split(doc, cx, i).is_some()
                || !truncation_completions(doc, cx, i).is_empty()
            {
                continue;
            }
            if let Some(name) = name {
                // At a sentence start `lowercase-sentence-start` reports it.
                if !is_sentence_start(doc, i) {
                    out.push(name_diagnostic(doc, i, word, name));
                }
                continue;
            }
            let suggestions = dict.suggestions_memo(word, SUGGESTIONS);
            out.push(diagnostic(doc, i, word, &suggestions));
        }
    }
}

/// Two letters or fewer, or no vowel: an abbreviation or unit ("nm",
/// "npm", "fn"), not a misspelt word.
fn is_abbreviation(word: &str) -> bool {
    word.chars().count() <= 2
        || !word
            .chars()
            .any(|c| matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
}

/// A known word with a possessive or contracted ending the word list
/// lacks: "else's", "there'll".
fn is_clitic_form(cx: &Context, word: &str) -> bool {
    let Some(at) = word.rfind(['\'', '\u{2019}']) else {
        return false;
    };
    let apostrophe = word[at..].chars().next().map_or(1, char::len_utf8);
    let clitic = &word[at + apostrophe..];
    at > 0
        && matches!(clitic, "s" | "ll" | "d" | "ve" | "re" | "m")
        && cx.is_known_word(&word[..at])
}

/// "naïve", "rôle": known once the accents are taken off.
fn known_without_accents(cx: &Context, word: &str) -> bool {
    if word.is_ascii() {
        return false;
    }
    let plain: String = word.nfd().filter(|c| !is_combining_mark(*c)).collect();
    plain != word && cx.is_known_word(&plain)
}

/// A regular English formation the word list does not hold: a prefix and
/// a common word ("nonoil", "cybersecurity", "rebased") or two common words
/// written closed ("redtape", "decisionmaking", "warzone").
fn is_word_formation(cx: &Context, word: &str) -> bool {
    let starts_with_prefix = prefixes().any(|prefix| {
        word.len() >= prefix.len() + SHORTEST_PART
            && word.is_char_boundary(prefix.len())
            && word[..prefix.len()].eq_ignore_ascii_case(prefix)
            && is_common_word(cx, &word[prefix.len()..])
    });
    starts_with_prefix
        || word
            .char_indices()
            .map(|(at, _)| at)
            .filter(|&at| at >= SHORTEST_PART && word.len() - at >= SHORTEST_PART)
            .any(|at| is_common_word(cx, &word[..at]) && is_common_word(cx, &word[at..]))
}

/// Part of a phrase in another language or a scientific name: next to
/// another word that is not (common) English ("de facto", "sui generis",
/// "doi moi", "Euphausia superba", "D. mawsoni").
fn in_foreign_phrase(doc: &Document, cx: &Context, i: usize) -> bool {
    let tokens = doc.tokens();
    let text = doc.text();
    let foreign = |j: usize| {
        let word = tokens[j].text(text);
        !has_digit(word)
            && (Dictionary::builtin()
                .rank(word)
                .map_or(!cx.is_known_word(word), |rank| rank >= RAREST_PIECE))
    };
    let neighbours = [
        linked_word(tokens, text, i, false),
        linked_word(tokens, text, i, true),
    ];
    if neighbours.into_iter().flatten().any(foreign) {
        return true;
    }
    // An abbreviated genus: "D. mawsoni".
    i >= 3
        && tokens[i - 1].kind == TokenKind::Space
        && tokens[i - 2].text(text) == "."
        && tokens[i - 3].kind == TokenKind::Word
        && tokens[i - 3].shape == WordShape::Capitalized
        && tokens[i - 3].span.len() == 1
}

/// "exstrenuously [sic]": the writer keeps the spelling on purpose.
fn is_marked_sic(tokens: &[doclint_core::Token], text: &str, i: usize) -> bool {
    let mut next = tokens[i + 1..]
        .iter()
        .filter(|t| t.kind != TokenKind::Space)
        .map(|t| t.text(text));
    matches!(
        (next.next(), next.next(), next.next()),
        (Some("[" | "("), Some(sic), Some("]" | ")")) if sic.eq_ignore_ascii_case("sic")
    )
}

/// The capitalised form of `word` when the dictionary has it only as a
/// common enough name ("Europe", "Beijing", "Marxism"): not for words that
/// are also ordinary lower-case words ("china", "turkey", "internet").
fn name_form(dict: &Dictionary, word: &str) -> Option<String> {
    if dict.has_lower_case_entry(word) || dict.name_rank(word).is_none_or(|r| r > COMMON_RANK) {
        return None;
    }
    let mut chars = word.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

fn name_diagnostic(doc: &Document, i: usize, word: &str, name: String) -> Diagnostic {
    let span = doc.tokens()[i].span;
    Misspelling::META
        .diagnostic(span, format!("`{word}` is a name, written in lower case"))
        .with_help(format!("write `{name}`"))
        .with_fix(Fix::unsafe_(
            format!("Capitalise as `{name}`"),
            vec![Edit::replace(span, name)],
        ))
}

fn diagnostic(doc: &Document, i: usize, word: &str, suggestions: &[Suggestion]) -> Diagnostic {
    let span = doc.tokens()[i].span;
    let diagnostic =
        Misspelling::META.diagnostic(span, format!("`{word}` is not in the dictionary"));
    let one_edit: Vec<&Suggestion> = suggestions.iter().filter(|s| s.distance == 1).collect();
    let listed: Vec<String> = suggestions
        .iter()
        .map(|s| format!("`{}`", s.word))
        .collect();
    match (listed.as_slice(), one_edit.as_slice()) {
        ([], _) => diagnostic
            .with_help("if it is a word, add it to a word list in the project's rules/dictionary/"),
        (_, [only]) => diagnostic
            .with_help(format!("did you mean {}?", listed.join(", ")))
            .with_fix(Fix::unsafe_(
                format!("Replace with `{}`", only.word),
                vec![Edit::replace(span, only.word.clone())],
            )),
        _ => diagnostic.with_help(format!("did you mean {}?", listed.join(", "))),
    }
}

/// Folded hashes of the words the document writes capitalised mid-sentence
/// or in capitals: names, which the document also uses in lower case
/// ("the xiaokang society … Xiaokang").
fn capitalised_words(doc: &Document) -> FxHashSet<u64> {
    doc.tokens()
        .iter()
        .filter(|t| {
            t.kind == TokenKind::Word
                && matches!(t.shape, WordShape::Capitalized | WordShape::AllCaps)
        })
        .map(|t| folded_hash(doc.slice(t.span)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn markdown_identifiers_written_in_code_are_not_misspellings() {
        let text = "The `rustix` crate wraps system calls. Today rustix calls [errno](https://docs.rs/errno).\n\nAn errno and a minumum.\n";
        let found = lint_markdown(&Misspelling, text);
        let words: Vec<&str> = found.iter().map(|d| &text[d.span.range()]).collect();
        assert_eq!(words, ["minumum"]);
    }

    #[test]
    fn flags_an_unknown_word_with_ranked_suggestions() {
        let found = lint(&Misspelling, "Leading cadres made speechs at the meeting.");
        assert_eq!(found.len(), 1);
        let help = found[0].help.as_deref().unwrap_or("");
        assert!(help.starts_with("did you mean `speeches`"), "{help}");
    }

    #[test]
    fn one_correction_at_one_edit_is_an_unsafe_fix() {
        assert_unsafe_fix(
            &Misspelling,
            "The goverment met on Monday.",
            "The government met on Monday.",
        );
    }

    #[test]
    fn known_words_names_and_codes_are_quiet() {
        assert_no_lints(
            &Misspelling,
            "The Mayor met Tan Chengxu and Wen Xueqiong in Dalian. NATO and the \
             CPC sent a G20 note to info@example.com about https://example.org/docs/page \
             and the file report_v2.txt. It’s the mayor’s speech. Don't stop.",
        );
    }

    #[test]
    fn lower_case_pinyin_and_names_used_capitalised_are_quiet() {
        assert_no_lints(
            &Misspelling,
            "The xiaokang society. Zorblat said so, and zorblat agreed.",
        );
    }

    #[test]
    fn near_misses_of_real_words_are_quiet() {
        // British and American spellings, inflections, contractions.
        assert_no_lints(
            &Misspelling,
            "The organisation and organization honoured the colours; they're cooperating.",
        );
    }

    #[test]
    fn regular_formations_foreign_phrases_and_quoted_terms_are_quiet() {
        assert_no_lints(
            &Misspelling,
            "Cut the redtape in the warzone with nonoil cybersecurity and cyber threats. \
             It was a de facto state. Krill (Euphausia superba) and D. mawsoni swim. \
             The so-called “cuentapropistas” rose. It was naïve; 12 nm away. \
             Someone else's idea: there'll be “have nots,” too. It was exstrenuously [sic] limited.",
        );
    }

    #[test]
    fn names_written_in_lower_case_are_reported_as_names() {
        let text = "The american team toured europe and beijing; 20 degrees celsius.";
        assert_eq!(
            flagged(&Misspelling, text),
            vec!["american", "europe", "beijing", "celsius"]
        );
        let diagnostics = lint(&Misspelling, text);
        assert_eq!(
            diagnostics[0].message,
            "`american` is a name, written in lower case"
        );
        let fix = diagnostics[0].fix.as_ref().expect("a fix");
        assert_eq!(fix.edits[0].replacement, "American");
    }

    #[test]
    fn names_that_are_also_words_addresses_and_sentence_starts_are_quiet() {
        // "china", "turkey", "shanghai" and "internet" are lower-case words
        // too; an address keeps its case; a sentence start is left to
        // lowercase-sentence-start.
        assert_no_lints(
            &Misspelling,
            "Fine china and a turkey on the internet. They shanghai sailors. \
             See www.beijing.gov.cn and info@europe.eu. It ended. europe was next.",
        );
    }

    #[test]
    fn words_of_the_supplement_are_known() {
        // rules/dictionary/supplement.txt: parts of Latin and French
        // phrases and loanwords that SCOWL lacks.
        assert_no_lints(
            &Misspelling,
            "Growth was 3% per annum after the coup d'etat; protesters came en masse. \
             An ad valorem duty; habeas corpus; a special byelection; the EU acquis.",
        );
        // Near misses of those words are still reported.
        assert_eq!(
            flagged(&Misspelling, "Growth was 3% per anum after the byelecion."),
            vec!["anum", "byelecion"]
        );
    }

    #[test]
    fn misspellings_near_those_patterns_still_fire() {
        // A regular-looking plural of a word that has another plural.
        assert_eq!(
            flagged(&Misspelling, "The childs made speechs."),
            vec!["childs", "speechs"]
        );
        // Misspelt next to ordinary words, outside quotes.
        assert_eq!(
            flagged(&Misspelling, "We recieve the goverment report."),
            vec!["recieve", "goverment"]
        );
    }

    #[test]
    fn project_words_are_known() {
        let text = "The qozxuvwk appeared.";
        let doc = Document::from_text(text);
        let mut settings = crate::Settings::default();
        let cx = Context {
            settings: &settings,
        };
        let mut out = Vec::new();
        Misspelling.check(&doc, &cx, &mut out);
        assert_eq!(out.len(), 1);
        settings.extra_words.insert("qozxuvwk");
        let cx = Context {
            settings: &settings,
        };
        let mut out = Vec::new();
        Misspelling.check(&doc, &cx, &mut out);
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn unknown_word_without_suggestion_explains_how_to_add_it() {
        let found = lint(&Misspelling, "The qozxuvwk appeared.");
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .help
            .as_deref()
            .is_some_and(|h| h.contains("rules/dictionary")));
        assert!(found[0].fix.is_none());
    }
}
