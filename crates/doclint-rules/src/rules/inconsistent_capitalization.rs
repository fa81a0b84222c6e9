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
    initial: impl Fn(usize) -> bool,
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
        t.is_word() && !initial(k) && t.text(text).chars().next().is_some_and(char::is_uppercase)
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

/// Every run of two to four content words in running text whose lower-case
/// form the document also writes with a capital somewhere.
///
/// Only the words that matter are looked at closely: the runs around a
/// capitalised word give the terms with a capital; then, if there are any,
/// the words in lower case that are in one of them start the terms in lower
/// case. Every other word costs a glance at its shape.
fn occurrences(doc: &Document) -> Vec<Occurrence> {
    let text = doc.text();
    let caps = prose::CapsLines::new(doc);
    let mut lexicon: Option<prose::Lexicon> = None;
    let mut found: Vec<Occurrence> = Vec::new();
    // The lower-case forms of the terms with a capital, and their words.
    let mut capitalised: FxHashSet<[u32; MAX_WORDS]> = FxHashSet::default();
    let mut filter = prose::WordFilter::default();
    // The word indices of a run, and per word: its number, whether the
    // document also writes it in lower case, and whether it is ordinary.
    let mut run: Vec<usize> = Vec::new();
    let mut words: Vec<(u32, bool, bool)> = Vec::new();
    let sentences = || {
        doc.paragraphs()
            .iter()
            .filter(|paragraph| !prose::is_title_paragraph(doc, paragraph))
            .flat_map(|paragraph| {
                &doc.sentences()
                    [paragraph.sentences.start as usize..paragraph.sentences.end as usize]
            })
            .map(|sentence| doc.tokens_in(&sentence.tokens))
            .filter_map(|tokens| Some((tokens, tokens.iter().position(|t| t.is_word())?)))
    };
    for (tokens, first_word) in sentences() {
        let initial = |k: usize| prose::is_initial_word(text, tokens, first_word, k);
        let usable = |k: usize| usable_in(text, doc, &caps, tokens, k);
        let mut done = 0;
        for i in first_word..tokens.len() {
            if i < done || tokens[i].shape != WordShape::Capitalized || !usable(i) {
                continue;
            }
            // The run of content words around it, one gap apart.
            let mut start = i;
            while start >= 2 && tokens[start - 1].is_blank() && usable(start - 2) {
                start -= 2;
            }
            let mut end = i;
            while end + 2 < tokens.len() && tokens[end + 1].is_blank() && usable(end + 2) {
                end += 2;
            }
            done = end + 1;
            if end == start {
                continue;
            }
            run.clear();
            run.extend((start..=end).step_by(2));
            let lexicon = lexicon.get_or_insert_with(|| prose::Lexicon::new(doc));
            words.clear();
            words.extend(run.iter().map(|&w| {
                let token = &tokens[w];
                let id = lexicon.id(token);
                let ordinary =
                    token.shape == WordShape::Lower || lexicon.is_ordinary(token.text(text));
                (id, lexicon.id_written_lower(id), ordinary)
            }));
            let capital = |w: usize| tokens[w].shape == WordShape::Capitalized;
            for first in 0..run.len() {
                let w = run[first];
                if initial(w)
                    || !words[first].2
                    || (capital(w) && capitalised_neighbour(text, tokens, initial, w, -1))
                {
                    continue;
                }
                for last in first + 1..run.len().min(first + MAX_WORDS) {
                    // A name word ("Jinping", "Europe") is always
                    // capitalised: no term with one varies in case.
                    if !words[last].2 {
                        break;
                    }
                    if capital(run[last])
                        && capitalised_neighbour(text, tokens, initial, run[last], 1)
                    {
                        continue;
                    }
                    // Terms all in lower case are found below.
                    if !run[first..=last].iter().any(|&w| capital(w)) {
                        continue;
                    }
                    let mut flags = 0u8;
                    let mut key = [NO_WORD; MAX_WORDS];
                    for (k, facts) in words[first..=last].iter().enumerate() {
                        if facts.1 {
                            flags |= 1 << k;
                        }
                        key[k] = facts.0;
                    }
                    capitalised.insert(key);
                    for &w in &run[first..=last] {
                        prose::with_lowercase(tokens[w].text(text), |lower| filter.insert(lower));
                    }
                    let span = tokens[w].span.cover(tokens[run[last]].span);
                    found.push(Occurrence { span, flags });
                }
            }
        }
    }
    // Keep only terms the document writes with a capital somewhere.
    if capitalised.is_empty() {
        return Vec::new();
    }
    let Some(lexicon) = lexicon.as_mut() else {
        return found;
    };
    // Terms in lower case: those whose words are all in lower case, start
    // with a word in a term with a capital, and read like one.
    // A word's number, and whether it counts as written in lower case.
    let mut id_of = |token: &Token| {
        let word = token.text(text);
        if token.shape == WordShape::Lower && (!word.is_ascii() || filter.may_contain(word)) {
            let id = lexicon.id(token);
            (id, word.is_ascii() || lexicon.id_written_lower(id))
        } else {
            (NOT_IN_A_TERM, false)
        }
    };
    let mut ids: Vec<(u32, bool)> = Vec::new();
    for (tokens, first_word) in sentences() {
        for i in first_word..tokens.len() {
            if tokens[i].shape != WordShape::Lower {
                continue;
            }
            let first = id_of(&tokens[i]);
            if first.0 == NOT_IN_A_TERM
                || !usable_in(text, doc, &caps, tokens, i)
                || prose::is_initial_word(text, tokens, first_word, i)
            {
                continue;
            }
            ids.clear();
            ids.push(first);
            let mut key = [NO_WORD; MAX_WORDS];
            key[0] = first.0;
            let mut last = i;
            while ids.len() < MAX_WORDS
                && last + 2 < tokens.len()
                && tokens[last + 1].is_blank()
                && tokens[last + 2].shape == WordShape::Lower
                && usable_in(text, doc, &caps, tokens, last + 2)
            {
                last += 2;
                let next = id_of(&tokens[last]);
                if next.0 == NOT_IN_A_TERM {
                    break;
                }
                key[ids.len()] = next.0;
                ids.push(next);
                if !capitalised.contains(&key) {
                    continue;
                }
                let flags =
                    ids.iter().enumerate().fold(
                        0u8,
                        |bits, (k, &(_, lower))| if lower { bits | 1 << k } else { bits },
                    );
                let span = tokens[i].span.cover(tokens[last].span);
                found.push(Occurrence { span, flags });
            }
        }
    }
    found
}

/// Whether `tokens[k]` can be a word of a term: a content word, not part of
/// a hyphenated word ("Grass-roots"), not on a line in capitals.
fn usable_in(
    text: &str,
    doc: &Document,
    caps: &prose::CapsLines,
    tokens: &[Token],
    k: usize,
) -> bool {
    let hyphen = |j: Option<usize>| {
        j.and_then(|j| tokens.get(j))
            .is_some_and(|t| matches!(t.text(text), "-" | "‐"))
    };
    term_word(text, &tokens[k])
        && !hyphen(k.checked_sub(1))
        && !hyphen(Some(k + 1))
        && !caps.contains(doc, tokens[k].span.start())
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
