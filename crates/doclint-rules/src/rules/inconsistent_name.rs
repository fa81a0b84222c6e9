use std::collections::BTreeMap;

use std::hash::Hasher;

use rustc_hash::FxHasher;

use doclint_core::{Document, Span, Token, TokenKind};

use crate::consistency::{
    self, edit_distance, prose, reference_of, Form, Occurrence, Scope, Verdict, Wording,
};

declare_rule! {
    /// ## What it does
    /// Flags a name (of a person, organisation or place) written two ways:
    /// - the same letters spaced, hyphenated, dotted or capitalised
    ///   differently: "Xi Jinping" / "Xi Jin-ping" / "Xi Jin Ping" /
    ///   "Xi JinPing", "U.S." / "US";
    /// - a one-letter slip or two letters swapped in one word of a name
    ///   whose other words agree: "Tan Chengxu" / "Tan Chenxu".
    ///
    /// The form written less often is reported, with a label at the usual
    /// form, which may be in another file.
    ///
    /// Names are runs of capitalised words in the text that are not all
    /// ordinary words (the dictionary and the text tell "Chengxu" from
    /// "Committee"; Pinyin surnames such as "Tan" count as names). To keep
    /// different names apart, a slip is only considered in a name of two or
    /// more words whose other words agree, when the differing word is at
    /// least five letters long in both forms and keeps its first and last
    /// letter; and the usual form must be written at least twice and at
    /// least twice as often as the slip. So "Li Ming" and "Li Min" stay two
    /// people, "Colombia" and "Columbia" two places, and two people who are
    /// each named several times are not merged. A one-word name at the start
    /// of a sentence is not counted (it may be any word), nor are lines in
    /// capitals; a surname written in capitals ("Fidel CASTRO") and the glyph
    /// of an apostrophe are house style, not another spelling. "U.S." and
    /// "US" are compared within each document, where either may be usual.
    ///
    /// Scope: `corpus` by default (a name should be written one way in every
    /// document of a run); set `document` to compare each document alone.
    /// In document scope a form is reported only within about 2,000 words of
    /// the usual form.
    ///
    /// ## Why is this bad?
    /// A reader cannot tell whether "Tan Chenxu" is "Tan Chengxu" or somebody
    /// else, and search and indexing split one person in two. Machine
    /// translation romanises the same name differently from one sentence or
    /// one document to the next.
    ///
    /// ## Example
    /// ```text
    /// Tan Chengxu presided over the meeting. ... Tan Chenxu stressed that ...
    /// ```
    /// Use instead:
    /// ```text
    /// Tan Chengxu presided over the meeting. ... Tan Chengxu stressed that ...
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the usual form is not always the right one, and a near-identical
    /// name can belong to someone else. When two forms are equally frequent
    /// no fix is offered.
    pub struct InconsistentName {
        id: "inconsistent-name",
        category: Consistency,
        severity: Warning,
        fix: Sometimes,
    }
}

/// Scope unless configured otherwise.
const DEFAULT_SCOPE: Scope = Scope::Corpus;

const WORDING: Wording = Wording {
    what: "name written two ways",
};

/// Shortest differing word for a slip, in letters.
const MIN_SLIP_LETTERS: usize = 5;

consistency::consistency_rule!(InconsistentName);

/// The letters and digits of a name, in lower case: what its spellings share.
fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of a form, as lower-case letters.
fn words_of(text: &str) -> Vec<String> {
    text.split(' ').map(letters).collect()
}

/// Whether two spellings of the same letters divide them into words alike
/// enough to be one name: the same number of words, or the same first word
/// ("Xi Jinping", "Xi Jin Ping"; but not "Mali" and "Ma Li").
fn same_structure(a: &str, b: &str) -> bool {
    let (wa, wb) = (words_of(a), words_of(b));
    wa.len() == wb.len() || (wa.len() > 1 && wb.len() > 1 && wa[0] == wb[0])
}

/// Whether two forms with the same letters differ in more than the glyph of
/// an apostrophe and a surname written in capitals ("Fidel CASTRO" is a
/// house style for surnames, not another spelling).
fn differs_in_spelling(a: &str, b: &str) -> bool {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    if wa.len() != wb.len() {
        return true;
    }
    let in_capitals = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() > 1 && !w.chars().any(char::is_lowercase)
    };
    wa.iter().zip(&wb).any(|(x, y)| {
        let (x, y) = (x.replace('’', "'"), y.replace('’', "'"));
        x != y && !(x.to_lowercase() == y.to_lowercase() && (in_capitals(&x) || in_capitals(&y)))
    })
}

/// "U.S." and "US": the same name with and without full stops, a house
/// style that is compared within a document only.
fn only_dots_differ(a: &str, b: &str) -> bool {
    a.replace('.', "") == b.replace('.', "")
}

struct Group {
    members: Vec<usize>,
    reference: usize,
    tie: bool,
    count: u32,
    words: Vec<String>,
}

fn verdicts(forms: &[Form]) -> Vec<Verdict> {
    let groups: Vec<Group> = groups_by_letters(forms)
        .into_iter()
        .filter_map(|members| {
            let (reference, tie) = reference_of(forms, &members, |_| 0u8)?;
            Some(Group {
                count: members.iter().map(|&i| forms[i].count).sum(),
                words: words_of(forms[reference].text),
                members,
                reference,
                tie,
            })
        })
        .collect();
    let slips = slips(&groups);
    let mut found = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        if let Some(&majority) = slips.get(&g) {
            let majority = &groups[majority];
            found.extend(group.members.iter().map(|&form| Verdict {
                form,
                reference: majority.reference,
                tie: majority.tie,
                within_file: false,
            }));
            continue;
        }
        let reference = forms[group.reference].text;
        // Dotted and undotted acronyms are compared file by file, where the
        // usual form may be either: every ordered pair is a candidate and
        // the engine keeps the ones where the reference is the usual form.
        for &form in &group.members {
            for &other in &group.members {
                let (a, b) = (forms[form].text, forms[other].text);
                if form != other && a != b && only_dots_differ(a, b) {
                    found.push(Verdict {
                        form,
                        reference: other,
                        tie: false,
                        within_file: true,
                    });
                }
            }
        }
        for &form in &group.members {
            let text = forms[form].text;
            if form == group.reference
                || !same_structure(text, reference)
                || only_dots_differ(text, reference)
            {
                continue;
            }
            if !differs_in_spelling(text, reference) {
                continue;
            }
            found.push(Verdict {
                form,
                reference: group.reference,
                tie: group.tie,
                within_file: false,
            });
        }
    }
    found
}

/// The forms grouped by their letters ([`letters`]), in the order of the
/// letters: first the groups of two or more forms, then each form whose
/// letters no other form shares as a group of one.
fn groups_by_letters(forms: &[Form]) -> Vec<Vec<usize>> {
    let keys: Vec<String> = forms.iter().map(|form| letters(form.text)).collect();
    let mut order: Vec<usize> = (0..forms.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
    let (mut shared, mut single) = (Vec::new(), Vec::new());
    for group in order.chunk_by(|&a, &b| keys[a] == keys[b]) {
        if group.len() > 1 {
            shared.push(group.to_vec());
        } else {
            single.push(group.to_vec());
        }
    }
    shared.extend(single);
    shared
}

/// Groups that are a slip of a more frequent group: minority -> majority.
/// Among equally frequent majorities the first in letter order wins.
fn slips(groups: &[Group]) -> BTreeMap<usize, usize> {
    // Groups whose words agree except one, which is within one deletion of
    // the other's, share a key: (words, position, other words, word with at
    // most one letter deleted). Every distinct name of the run has several
    // keys, so they are 64-bit hashes in one sorted list rather than strings
    // in a map; a shared hash only makes two groups candidates, checked in
    // full below.
    let mut keys: Vec<(u64, u32, u16)> = Vec::new();
    let mut variants: Vec<u64> = Vec::new();
    let mut variant = String::new();
    for (g, group) in groups.iter().enumerate() {
        // A slip needs the other words of the name to agree: one-word
        // names ("Colombia", "Columbia") have none.
        if group.words.len() < 2 {
            continue;
        }
        for (position, word) in group.words.iter().enumerate() {
            if word.chars().count() < MIN_SLIP_LETTERS {
                continue;
            }
            let mut others = FxHasher::default();
            others.write_usize(group.words.len());
            others.write_usize(position);
            for (i, other) in group.words.iter().enumerate() {
                if i != position {
                    others.write(other.as_bytes());
                    others.write_u8(0xff);
                }
            }
            let others = others.finish();
            variants.clear();
            variants.push(hash_of(word));
            for (skip, c) in word.char_indices() {
                variant.clear();
                variant.push_str(&word[..skip]);
                variant.push_str(&word[skip + c.len_utf8()..]);
                variants.push(hash_of(&variant));
            }
            variants.sort_unstable();
            variants.dedup();
            let position = u16::try_from(position).unwrap_or(u16::MAX);
            for &hash in &variants {
                let mut key = FxHasher::default();
                key.write_u64(others);
                key.write_u64(hash);
                keys.push((key.finish(), g as u32, position));
            }
        }
    }
    keys.sort_unstable();
    let mut majority_of: BTreeMap<usize, usize> = BTreeMap::new();
    for bucket in keys.chunk_by(|a, b| a.0 == b.0) {
        if bucket.len() < 2 {
            continue;
        }
        for &(_, minor, position) in bucket {
            for &(_, major, major_position) in bucket {
                let (minor, major, position) = (minor as usize, major as usize, position as usize);
                let (a, b) = (&groups[minor], &groups[major]);
                if minor == major
                    || position != major_position as usize
                    || b.count < 2
                    || b.count < 2 * a.count
                    || !other_words_agree(&a.words, &b.words, position)
                    || !is_slip(&a.words[position], &b.words[position])
                {
                    continue;
                }
                let best = majority_of.entry(minor).or_insert(major);
                let rank = |g: usize| (groups[g].count, std::cmp::Reverse(g));
                if rank(*best) < rank(major) {
                    *best = major;
                }
            }
        }
    }
    majority_of
}

fn hash_of(text: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(text.as_bytes());
    hasher.write_u8(0xff);
    hasher.finish()
}

/// Whether two names of as many words agree in every word but the one at
/// `position`.
fn other_words_agree(a: &[String], b: &[String], position: usize) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .enumerate()
            .all(|(i, (x, y))| i == position || x == y)
}

/// One letter changed, added, dropped or swapped with its neighbour, with
/// the first and last letters kept ("chengxu" / "chenxu").
fn is_slip(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    a.len().min(b.len()) >= MIN_SLIP_LETTERS
        && a.first() == b.first()
        && a.last() == b.last()
        && edit_distance(&a, &b, 1) == Some(1)
}

/// A word that can be part of a name: it starts with a capital. Returns the
/// index of its last token (through hyphenated parts: "Jin-ping") and its
/// span without a possessive ending, and whether it had one.
fn name_word(text: &str, tokens: &[Token], i: usize) -> Option<(usize, Span, bool)> {
    let token = &tokens[i];
    let word = token.text(text);
    if !token.is_word() || !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    if word.chars().count() == 1 {
        return dotted_acronym(text, tokens, i);
    }
    let mut end = i;
    // Hyphenated parts ("Jin-ping", "Guinea-Bissau"); not a hyphen used as
    // a dash before an ordinary word ("Congress-as we", "America-a").
    while end + 2 < tokens.len()
        && tokens[end + 1].kind == TokenKind::Punct
        && matches!(tokens[end + 1].text(text), "-" | "‐")
        && tokens[end + 2].is_word()
        && !tokens[end + 2].text(text).contains(['\'', '’'])
        && tokens[end + 2].text(text).chars().count() > 1
        && !prose::is_function_word(tokens[end + 2].text(text))
    {
        end += 2;
    }
    let last = tokens[end].text(text);
    let possessive = ["'s", "’s", "'S", "’S"]
        .iter()
        .find(|suffix| last.ends_with(*suffix))
        .map_or(0, |suffix| suffix.len());
    if last.contains(['\'', '’']) && possessive == 0 {
        // "O'Brien" is a name; "I've" and "Shi'a" are not names to compare.
        let mut parts = last.split(['\'', '’']);
        let prefix = parts.next().unwrap_or("");
        if prefix.chars().count() != 1 || parts.count() != 1 {
            return None;
        }
    }
    let span = token.span.cover(tokens[end].span);
    Some((
        end,
        Span::new(span.start(), span.end() - possessive),
        possessive > 0,
    ))
}

/// "U.S.", "U.K.": single capitals each followed by a full stop.
fn dotted_acronym(text: &str, tokens: &[Token], i: usize) -> Option<(usize, Span, bool)> {
    let mut end = i;
    let mut letters = 0;
    while end + 1 < tokens.len()
        && tokens[end].is_word()
        && tokens[end].text(text).chars().count() == 1
        && tokens[end].text(text).chars().all(char::is_uppercase)
        && tokens[end + 1].text(text) == "."
    {
        letters += 1;
        end += 2;
    }
    (letters >= 2).then(|| {
        let last = end - 1;
        (last, tokens[i].span.cover(tokens[last].span), false)
    })
}

/// A word of a name run.
struct RunWord {
    span: Span,
    /// It starts the sentence (or follows a colon or an opening quote).
    initial: bool,
    /// An ordinary word in title case ("Secretary"), not a name word.
    ordinary: bool,
}

/// Every name run (and its tails of two or more words that start with a
/// name word) in the document.
fn occurrences(doc: &Document) -> Vec<Occurrence> {
    let text = doc.text();
    let caps = prose::CapsLines::new(doc);
    let mut lexicon = prose::Lexicon::new(doc);
    let mut found = Vec::new();
    let mut initial: Vec<bool> = Vec::new();
    for sentence in doc.sentences() {
        let tokens = doc.tokens_in(&sentence.tokens);
        prose::initial_words_into(text, tokens, &mut initial);
        let mut run: Vec<RunWord> = Vec::new();
        let mut flush = |run: &mut Vec<RunWord>| {
            // An ordinary word capitalised at a sentence start ("Later Wen
            // Xueqiong spoke") is not part of the name.
            if run.first().is_some_and(|w| w.initial && w.ordinary) {
                run.remove(0);
            }
            // A run of ordinary words in title case ("Standing Committee",
            // "Join Us") is not a name; a one-word run at a sentence start
            // may be any word.
            let keep = (run.len() > 1 || run.first().is_some_and(|w| !w.initial))
                && !run.iter().all(|w| w.ordinary);
            if keep {
                let end = run[run.len() - 1].span;
                // The whole run, and its tails that start with a name word
                // ("General Secretary Xi Jinping", "Xi Jinping").
                for (k, word) in run.iter().enumerate() {
                    if k == 0 || (!word.ordinary && k + 1 < run.len()) {
                        found.push(Occurrence {
                            span: word.span.cover(end),
                            flags: 0,
                        });
                    }
                }
            }
            run.clear();
        };
        let mut i = 0;
        let mut last_end: Option<usize> = None;
        while i < tokens.len() {
            let word = name_word(text, tokens, i).filter(|_| {
                !prose::is_function_word(tokens[i].text(text))
                    && !caps.contains(doc, tokens[i].span.start())
            });
            let Some((end, span, possessive)) = word else {
                if tokens[i].is_word() || !tokens[i].is_space() {
                    flush(&mut run);
                    last_end = None;
                }
                i += 1;
                continue;
            };
            let joined = last_end.is_some_and(|prev| prose::word_gap(&tokens[prev + 1..i]));
            if !joined {
                flush(&mut run);
            }
            run.push(RunWord {
                span,
                initial: initial[i],
                ordinary: lexicon.is_ordinary(doc.slice(span)),
            });
            if possessive {
                flush(&mut run);
                last_end = None;
            } else {
                last_end = Some(end);
            }
            i = end + 1;
        }
        flush(&mut run);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consistency::Place;
    use crate::rule::{Context, CorpusRule, Rule, Settings};
    use crate::test_utils::{assert_no_lints, assert_unsafe_fix, flagged, lint};

    const RULE: InconsistentName = InconsistentName;

    #[test]
    fn one_letter_slip_against_the_usual_form() {
        let text = "Body.\n\nTan Chengxu spoke. Mayor Tan Chengxu agreed. Tan Chenxu left. Then Tan Chengxu’s speech ended.";
        assert_eq!(flagged(&RULE, text), ["Tan Chenxu"]);
        let found = lint(&RULE, text);
        assert_eq!(
            found[0].message,
            "name written two ways: 'Tan Chenxu' here, but 'Tan Chengxu' 3 times"
        );
        assert_unsafe_fix(
            &RULE,
            text,
            "Body.\n\nTan Chengxu spoke. Mayor Tan Chengxu agreed. Tan Chengxu left. Then Tan Chengxu’s speech ended.",
        );
    }

    #[test]
    fn forms_group_by_their_letters() {
        let place = Place {
            file: 0,
            span: Span::new(0, 1),
            location: doclint_core::SpanLocation {
                start: doclint_core::Location { line: 1, column: 1 },
                end: doclint_core::Location { line: 1, column: 2 },
            },
        };
        let form = |text| Form {
            text,
            count: 1,
            flags: 0,
            first: place,
            places: Vec::new(),
        };
        let forms = [
            form("Xi Jin-ping"),
            form("Mali"),
            form("Xi Jinping"),
            form("Ma Li"),
            form("Colombia"),
        ];
        // Shared letters first, in the order of the letters ("mali",
        // "xijinping"), then the forms alone ("colombia").
        assert_eq!(groups_by_letters(&forms), [vec![1, 3], vec![0, 2], vec![4]]);
    }

    #[test]
    fn transposed_letters() {
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nWe met Wen Xueqiong. Later Wen Xueqiong spoke, and Wen Xuqeiong left."
            ),
            ["Wen Xuqeiong"]
        );
    }

    #[test]
    fn different_names_stay_apart() {
        // Too short to tell a slip from another name.
        assert_no_lints(
            &RULE,
            "Body.\n\nLi Ming met Li Min. Li Ming spoke and Li Ming left.",
        );
        // Two people each named often are not merged.
        assert_no_lints(
            &RULE,
            "Body.\n\nLi Xiaohong met Li Xiaodong. Li Xiaohong spoke, Li Xiaodong replied, Li Xiaohong left.",
        );
        // Different surname, or a different last letter (an ending).
        assert_no_lints(
            &RULE,
            "Body.\n\nWang Chengxu met Tan Chenxu. Wang Chengxu left, Wang Chengxu came. Trade with Austria and Austrian firms, Austria again.",
        );
    }

    #[test]
    fn spacing_hyphenation_and_capitals() {
        let text = "Body.\n\nXi Jinping spoke. Xi Jinping wrote. Xi Jin-ping came. Xi Jin Ping went. Xi JinPing sat.";
        assert_eq!(
            flagged(&RULE, text),
            ["Xi Jin-ping", "Xi Jin Ping", "Xi JinPing"]
        );
    }

    #[test]
    fn us_and_u_s() {
        let text = "Body.\n\nThe U.S. economy grew, and U.S. exports rose. The US trade deficit fell. Tell us more.";
        assert_eq!(flagged(&RULE, text), ["US"]);
        // A title-case "Us" is the pronoun, not the country.
        assert_no_lints(
            &RULE,
            "Body.\n\nThe US economy grew. Read “Join Us Today” and tell us.",
        );
    }

    #[test]
    fn sentence_starts_and_capitals_lines_do_not_count() {
        assert_no_lints(
            &RULE,
            "DALIAN CHINA\n\nIn Dalian the meeting began. Dalian grew. Dalian is large.",
        );
    }

    #[test]
    fn seed_names_are_consistent() {
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

    #[test]
    fn scope_setting_switches_between_document_and_corpus() {
        let doc =
            Document::from_text("Body.\n\nTan Chengxu spoke. Tan Chengxu left. Tan Chenxu came.");
        let run = |scope: Option<Scope>| {
            let mut settings = Settings::default();
            if let Some(scope) = scope {
                settings.scopes.insert("inconsistent-name".into(), scope);
            }
            let cx = Context {
                settings: &settings,
            };
            let mut out = Vec::new();
            RULE.check(&doc, &cx, &mut out);
            let checked = out.len();
            let facts = RULE.gather(0, &doc, &cx);
            let decided = RULE.decide(vec![(0, facts)], &cx).len();
            (checked, decided)
        };
        assert_eq!(run(None), (0, 1), "corpus scope by default");
        assert_eq!(run(Some(Scope::Corpus)), (0, 1));
        assert_eq!(run(Some(Scope::Document)), (1, 0));
    }
}
