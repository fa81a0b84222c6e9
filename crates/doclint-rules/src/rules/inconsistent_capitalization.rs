use rustc_hash::FxHashSet;

use doclint_core::{Document, Token, WordShape};

use crate::consistency::{self, prose, reference_of, Form, Occurrence, Scope, Verdict, Wording};

declare_rule! {
    /// ## What it does
    /// Flags a multiword term written with different capitals in running
    /// text: "municipal party Committee" beside "Municipal Party Committee"
    /// and "municipal party committee", or "standing Committee" beside
    /// "Standing Committee". The form that breaks with the usual one is
    /// reported, with a label at the usual form.
    ///
    /// Terms are runs of two to four content words. Words at the start of a
    /// sentence, after a colon or an opening quotation mark, in headings and
    /// title lines, and on lines in capitals do not count. A term counts as
    /// written two ways when:
    /// - one form capitalises a word after a lower-case one ("party
    ///   Committee"), that word is an ordinary word, written in lower case
    ///   elsewhere in the text, and the text also writes the term in title
    ///   case up to that word ("standing Committee" beside "Standing
    ///   Committee"; not "great Nation" beside "great nation"); or
    /// - a term of three or more words appears both in title case and in
    ///   lower case ("Provincial Party Committee", "provincial party
    ///   committee"). Two-word pairs such as "Social Security" and "social
    ///   security" often differ on purpose (a programme, a concept) and are
    ///   not reported on their own.
    ///
    /// Terms with a name word ("western Europe", "Xi Jinping") never vary in
    /// case, and a term inside a longer name ("the US-Peru Free Trade
    /// Agreement") is capitalised for that reason: neither counts. A form
    /// that capitalises a word after a lower-case one is never taken as the
    /// usual form, however often it is written.
    ///
    /// Scope: `document` by default, where a form is reported only within
    /// about 2,000 words of the usual form (a long file's distant sections
    /// are often by other hands); set `corpus` to compare every document of
    /// the run. In corpus scope a document contributes the terms it writes
    /// with a capital at least once.
    ///
    /// ## Why is this bad?
    /// The same body written three ways in one text makes readers wonder
    /// whether three bodies are meant, and looks unedited. Machine
    /// translation capitalises words of a term at random.
    ///
    /// ## Example
    /// ```text
    /// Tan Zuojun, member of the standing Committee of the provincial party
    /// Committee ... members of the Standing Committee of the Municipal Party
    /// Committee ...
    /// ```
    /// Use instead:
    /// ```text
    /// ... member of the Standing Committee of the Provincial Party Committee ...
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the fix rewrites the term in the usual form, which may not be
    /// the house style. When two well-formed forms are equally frequent no
    /// fix is offered.
    pub struct InconsistentCapitalization {
        id: "inconsistent-capitalization",
        category: Consistency,
        severity: Warning,
        fix: Sometimes,
    }
}

/// Scope unless configured otherwise.
const DEFAULT_SCOPE: Scope = Scope::Document;

/// Longest term compared, in words.
const MAX_WORDS: usize = 4;

const WORDING: Wording = Wording {
    what: "term capitalised two ways",
};

consistency::consistency_rule!(InconsistentCapitalization);

/// Which words of a form are capitalised, one bit per word.
fn capitals(form: &str) -> u8 {
    form.split(' ')
        .enumerate()
        .filter(|(_, word)| word.chars().next().is_some_and(char::is_uppercase))
        .fold(0, |bits, (i, _)| bits | 1 << i)
}

/// Bits of the capitalised words that follow a lower-case word ("party
/// Committee"): the mark of a term capitalised at random.
fn capitals_after_lower(bits: u8, words: usize) -> u8 {
    let mut after = 0;
    let mut seen_lower = false;
    for i in 0..words {
        if bits & (1 << i) == 0 {
            seen_lower = true;
        } else if seen_lower {
            after |= 1 << i;
        }
    }
    after
}

fn verdicts(forms: &[Form]) -> Vec<Verdict> {
    let mut found = Vec::new();
    for group in consistency::groups_by(forms, |form| Some(form.text.to_lowercase())) {
        let words = forms[group[0]].text.split(' ').count();
        let bits = |i: usize| capitals(forms[i].text);
        let misplaced = |i: usize| capitals_after_lower(bits(i), words);
        // Well-formed forms (capitals only at the front) are preferred.
        let Some((reference, tie)) = reference_of(forms, &group, |form| {
            capitals_after_lower(capitals(form.text), words) == 0
        }) else {
            continue;
        };
        let all = (1u8 << words) - 1;
        for &form in &group {
            if form == reference {
                continue;
            }
            // A capital after a lower-case word, on an ordinary word (the
            // flags say which words the text also writes in lower case), in
            // a term the text also writes in title case up to that word
            // ("standing Committee" beside "Standing Committee"; not "great
            // Nation" beside "great nation").
            let through_last_capital = u8::MAX >> (7 - highest_bit(bits(form)));
            let random = misplaced(form) != 0
                && misplaced(form) & !forms[form].flags == 0
                && group
                    .iter()
                    .any(|&g| bits(g) & through_last_capital == through_last_capital);
            let title_against_lower = words >= 3
                && ((bits(form) == all && bits(reference) == 0)
                    || (bits(form) == 0 && bits(reference) == all));
            if random || title_against_lower {
                found.push(Verdict {
                    form,
                    reference,
                    tie,
                    within_file: false,
                });
            }
        }
    }
    found
}

fn highest_bit(bits: u8) -> u32 {
    7u32.saturating_sub(bits.leading_zeros())
}

/// Whether the word next to `tokens[i]` (across one gap; `step` is -1 for
/// the word before, +1 for the word after) is capitalised: then a term
/// ending or starting at `i` is part of a longer name ("the US-Peru Free
/// Trade Agreement"), capitalised for that reason.
fn capitalised_neighbour(
    text: &str,
    tokens: &[Token],
    initial: &[bool],
    i: usize,
    step: isize,
) -> bool {
    let at = |k: isize| {
        usize::try_from(i as isize + k)
            .ok()
            .and_then(|k| tokens.get(k).map(|t| (k, t)))
    };
    let Some((_, gap)) = at(step) else {
        return false;
    };
    let neighbour = if gap.is_blank() {
        at(2 * step)
    } else {
        at(step)
    };
    neighbour.is_some_and(|(k, t)| {
        t.is_word() && !initial[k] && t.text(text).chars().next().is_some_and(char::is_uppercase)
    })
}

fn term_word(text: &str, token: &Token) -> bool {
    if !token.is_word() || !matches!(token.shape, WordShape::Lower | WordShape::Capitalized) {
        return false;
    }
    let word = token.text(text);
    let letters = if word.is_ascii() {
        word.bytes().all(|b| b.is_ascii_alphabetic() || b == b'\'')
    } else {
        word.chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
    };
    letters && !prose::is_function_word(word)
}

/// In a term's lower-case form ([`prose::Lexicon::id`] per word): a word
/// that is in no term written with a capital, and a place past the last word.
const NOT_IN_A_TERM: u32 = u32::MAX - 1;
const NO_WORD: u32 = u32::MAX;

/// A word of a run of content words.
#[derive(Clone, Copy)]
struct RunWord {
    token: u32,
    initial: bool,
    /// It has a capital (it is capitalised: content words have no other
    /// shape with one).
    capital: bool,
    /// For a capitalised word: the word before it, or after it, is
    /// capitalised too (then the word is part of a longer name).
    capital_before: bool,
    capital_after: bool,
}

/// Every run of two to four content words in running text whose lower-case
/// form the document also writes with a capital somewhere.
///
/// Runs with a capital are turned into terms as they are found; runs all in
/// lower case (most of them) are kept as token numbers and looked at only if
/// some term has a capital, and then only their words that are in one.
fn occurrences(doc: &Document) -> Vec<Occurrence> {
    let text = doc.text();
    let tokens = doc.tokens();
    let caps = prose::CapsLines::new(doc);
    let mut lexicon: Option<prose::Lexicon> = None;
    let mut found: Vec<Occurrence> = Vec::new();
    // Terms in lower case in a run with a capital (their form, their index
    // in `found`), and the forms of the terms with a capital.
    let mut lower_terms: Vec<([u32; MAX_WORDS], usize)> = Vec::new();
    let mut capitalised: FxHashSet<[u32; MAX_WORDS]> = FxHashSet::default();
    let mut filter = prose::WordFilter::default();
    // Runs in lower case: their words, one after another, and where each ends.
    let mut lower_words: Vec<RunWord> = Vec::new();
    let mut lower_runs: Vec<(usize, usize)> = Vec::new();
    let mut run: Vec<RunWord> = Vec::new();
    // Per word of a run with a capital: its number, whether the document
    // also writes it in lower case, and whether it is an ordinary word.
    let mut words: Vec<(u32, bool, bool)> = Vec::new();
    let mut flush = |run: &mut Vec<RunWord>| {
        if run.len() < 2 {
            run.clear();
            return;
        }
        if !run.iter().any(|w| w.capital) {
            lower_runs.push((lower_words.len(), lower_words.len() + run.len()));
            lower_words.append(run);
            return;
        }
        let lexicon = lexicon.get_or_insert_with(|| prose::Lexicon::new(doc));
        // Looked up once per word, not per n-gram.
        words.clear();
        words.extend(run.iter().map(|w| {
            let token = &tokens[w.token as usize];
            let id = lexicon.id(token);
            let ordinary = token.shape == WordShape::Lower || lexicon.is_ordinary(token.text(text));
            (id, lexicon.id_written_lower(id), ordinary)
        }));
        for start in 0..run.len() {
            let first = &run[start];
            if first.initial || !words[start].2 || first.capital_before {
                continue;
            }
            for end in start + 1..run.len().min(start + MAX_WORDS) {
                // A name word ("Jinping", "Europe") is always capitalised:
                // no term with one varies in case.
                if !words[end].2 {
                    break;
                }
                if run[end].capital_after {
                    continue;
                }
                let span = tokens[first.token as usize]
                    .span
                    .cover(tokens[run[end].token as usize].span);
                let mut flags = 0u8;
                let mut key = [NO_WORD; MAX_WORDS];
                let mut has_capital = false;
                for (k, (word, facts)) in
                    run[start..=end].iter().zip(&words[start..=end]).enumerate()
                {
                    if facts.1 {
                        flags |= 1 << k;
                    }
                    key[k] = facts.0;
                    has_capital |= word.capital;
                }
                if has_capital {
                    capitalised.insert(key);
                    for word in &run[start..=end] {
                        let word = tokens[word.token as usize].text(text);
                        prose::with_lowercase(word, |lower| filter.insert(lower));
                    }
                    found.push(Occurrence { span, flags });
                } else {
                    lower_terms.push((key, found.len()));
                    found.push(Occurrence { span, flags });
                }
            }
        }
        run.clear();
    };
    let mut initial: Vec<bool> = Vec::new();
    for paragraph in doc.paragraphs() {
        if prose::is_title_paragraph(doc, paragraph) {
            continue;
        }
        for sentence in
            &doc.sentences()[paragraph.sentences.start as usize..paragraph.sentences.end as usize]
        {
            let sentence_tokens = doc.tokens_in(&sentence.tokens);
            let offset = sentence.tokens.start as usize;
            prose::initial_words_into(text, sentence_tokens, &mut initial);
            for (i, token) in sentence_tokens.iter().enumerate() {
                if !token.is_word() {
                    continue;
                }
                // Parts of a hyphenated word ("Grass-roots") are not words
                // of a term.
                let hyphenated = [i.checked_sub(1), Some(i + 1)]
                    .into_iter()
                    .flatten()
                    .filter_map(|j| sentence_tokens.get(j))
                    .any(|t| matches!(t.text(text), "-" | "‐"));
                let usable = term_word(text, token)
                    && !hyphenated
                    && !caps.contains(doc, token.span.start());
                let joined = run.last().is_some_and(|prev| {
                    prose::word_gap(&sentence_tokens[prev.token as usize - offset + 1..i])
                });
                if !usable || !joined {
                    flush(&mut run);
                }
                if usable {
                    let capital = token.shape == WordShape::Capitalized;
                    run.push(RunWord {
                        token: (offset + i) as u32,
                        initial: initial[i],
                        capital,
                        capital_before: capital
                            && capitalised_neighbour(text, sentence_tokens, &initial, i, -1),
                        capital_after: capital
                            && capitalised_neighbour(text, sentence_tokens, &initial, i, 1),
                    });
                }
            }
            flush(&mut run);
        }
    }
    drop(flush);
    // Keep only terms the document writes with a capital somewhere.
    if capitalised.is_empty() {
        return Vec::new();
    }
    let mut keep = vec![true; found.len()];
    for (key, i) in lower_terms {
        keep[i] = capitalised.contains(&key);
    }
    let mut kept: Vec<Occurrence> = found
        .into_iter()
        .zip(keep)
        .filter_map(|(occurrence, keep)| keep.then_some(occurrence))
        .collect();
    let lexicon = lexicon.get_or_insert_with(|| prose::Lexicon::new(doc));
    let mut ids: Vec<u32> = Vec::new();
    for (start, end) in lower_runs {
        let words = &lower_words[start..end];
        ids.clear();
        ids.extend(words.iter().map(|w| {
            let token = &tokens[w.token as usize];
            let word = token.text(text);
            if !word.is_ascii() || filter.may_contain(word) {
                lexicon.id(token)
            } else {
                NOT_IN_A_TERM
            }
        }));
        for start in 0..words.len() {
            if words[start].initial || ids[start] == NOT_IN_A_TERM {
                continue;
            }
            let mut key = [NO_WORD; MAX_WORDS];
            key[0] = ids[start];
            for end in start + 1..words.len().min(start + MAX_WORDS) {
                if ids[end] == NOT_IN_A_TERM {
                    break;
                }
                key[end - start] = ids[end];
                if !capitalised.contains(&key) {
                    continue;
                }
                let flags = (start..=end).enumerate().fold(0u8, |bits, (k, w)| {
                    let word = tokens[words[w].token as usize].text(text);
                    if word.is_ascii() || lexicon.id_written_lower(ids[w]) {
                        bits | 1 << k
                    } else {
                        bits
                    }
                });
                let span = tokens[words[start].token as usize]
                    .span
                    .cover(tokens[words[end].token as usize].span);
                kept.push(Occurrence { span, flags });
            }
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::{assert_no_lints, assert_unsafe_fix, flagged, lint};

    const RULE: InconsistentCapitalization = InconsistentCapitalization;

    #[test]
    fn random_capital_in_a_term() {
        let text = "Body.\n\nMembers of the Standing Committee met. A member of the standing Committee spoke. The committee rose.";
        assert_eq!(flagged(&RULE, text), ["standing Committee"]);
        let found = lint(&RULE, text);
        assert_eq!(
            found[0].message,
            "term capitalised two ways: 'standing Committee' here, but 'Standing Committee' once"
        );
        assert_eq!(&text[found[0].labels[0].span.range()], "Standing Committee");
        assert_unsafe_fix(
            &RULE,
            text,
            "Body.\n\nMembers of the Standing Committee met. A member of the Standing Committee spoke. The committee rose.",
        );
    }

    #[test]
    fn proper_nouns_after_a_lower_case_word_are_fine() {
        // "Europe" is never written in lower case: "western Europe" is a
        // description, "Western Europe" a region; both are correct.
        assert_no_lints(
            &RULE,
            "Body.\n\nTrade with Western Europe grew. Farms in western Europe shrank.",
        );
    }

    #[test]
    fn long_terms_in_title_and_lower_case() {
        let text = "Body.\n\nThe provincial party committee met. Chen, secretary of the Provincial Party Committee, spoke. The provincial party committee agreed.";
        assert_eq!(flagged(&RULE, text), ["Provincial Party Committee"]);
        // Two-word terms in title and lower case are often deliberate.
        assert_no_lints(
            &RULE,
            "Body.\n\nWe will save Social Security. We need social security for all.",
        );
    }

    #[test]
    fn sentence_starts_titles_and_capitals_lines_do_not_count() {
        assert_no_lints(
            &RULE,
            "Municipal Party Committee Meets\n\nThe municipal party committee met. Municipal party committee members spoke.\n\nMUNICIPAL PARTY COMMITTEE\n",
        );
        assert_no_lints(
            &RULE,
            "Body.\n\nThe municipal party committee met. He said: “Municipal party committee members agree.”",
        );
    }

    #[test]
    fn seed_capitalisation_variants() {
        let text = include_str!("../../../../corpus/002_a1473f90297c5d0a.txt");
        let found = flagged(&RULE, text);
        for expected in [
            "municipal party Committee",
            "standing Committee",
            "Municipal Party Committee",
        ] {
            assert!(found.contains(&expected), "{expected} in {found:?}");
        }
        // Written there with a no-break space inside.
        let text = include_str!("../../../../corpus/004_87e956972208343d.txt");
        let found = flagged(&RULE, text);
        assert!(
            found.contains(&"Provincial\u{a0}Party Committee"),
            "{found:?}"
        );
    }
}
