use std::collections::BTreeMap;

use std::hash::Hasher;

use rustc_hash::FxHasher;

use doclint_core::{Document, Span, Token, TokenKind, WordShape};

use crate::consistency::{
    self, place_spellings, prose, reference_of, ComparisonScope, Form, Occurrence, Policy, Verdict,
    Wording,
};
use crate::dictionary::Dictionary;

declare_rule! {
    /// ## What it does
    /// Flags a name (of a person, organisation or place) written two ways:
    /// - the same letters spaced, hyphenated, dotted or capitalised
    ///   differently: "Xi Jinping" / "Xi Jin-ping" / "Xi Jin Ping" /
    ///   "Xi JinPing", "U.S." / "US";
    /// - a one-letter slip (a letter dropped, doubled, changed, or two
    ///   swapped) in any word of a name whose other words agree: "Tan
    ///   Chengxu" / "Tan Chenxu", "Li Qiang" / "Li Qaing", "Governor
    ///   Williams" / "Governor Wlliams", "Hong Kong" / "Hong Koong"; and in a
    ///   one-word name the document writes again and again ("Nicaragua" /
    ///   "Nicaruga");
    /// - a Chinese name whose syllables are divided differently: "Taiwan" /
    ///   "Tai Wan", "Hong Kong" / "Hongkong", "Dalian" / "Da Lian";
    /// - a place in two established spellings ("Macao" / "Macau", "Kyiv" /
    ///   "Kiev", "Cote d'Ivoire" / "Côte d'Ivoire"; the pairs are in
    ///   `rules/wordlists/place-spellings.tsv`).
    ///
    /// The form written less often is reported, with labels at its other
    /// places and at the usual form, which may be in another file.
    ///
    /// Names are runs of capitalised words in the text that are not all
    /// ordinary words (the dictionary and the text tell "Chengxu" from
    /// "Committee"; Pinyin surnames such as "Tan" count as names). To keep
    /// different names apart, a slip needs one of two kinds of evidence:
    /// - frequency: a name of two or more words whose other words agree, the
    ///   differing word at least five letters long in both forms with its
    ///   first and last letter kept, and the usual form written at least
    ///   twice and twice as often as the slip;
    /// - the dictionary, within one document: the differing word (four
    ///   letters or more, its first letter kept) is unknown to the
    ///   dictionary and not Pinyin, while the usual one is a known name or
    ///   word, written at least as often (a one-word name: at least twice,
    ///   so three times before the slip; and a one-word name that the rare
    ///   word list knows, with another letter in the place of one,
    ///   "Batswana" beside "Botswana", is another word).
    ///   Where both are written once, the known name is the usual form.
    ///
    /// So "Li Ming" and "Li Min" stay two people (both Pinyin), "Colombia"
    /// and "Columbia" two places (both known), and two people who are each
    /// named several times are not merged. A word's American and British
    /// spellings ("Mozilla Public Licence" / "License", "Labour" / "Labor")
    /// are no slip of a letter. A sentence-initial word counts as
    /// a name only when it is not an ordinary word, and lines in capitals do
    /// not count; a surname written in capitals ("Fidel CASTRO") and the
    /// glyph of an apostrophe are house style, not another spelling. "U.S."
    /// and "US", a place's two spellings and a Chinese name divided into
    /// words differently are compared within each document, where either may
    /// be usual (the one in the usual shape when both are written as often).
    ///
    /// Scope: `corpus` by default (a name should be written one way in every
    /// document of a run); set `document` to compare each document alone.
    /// In document scope a form is reported only within about 2,000 words of
    /// the usual form. In corpus scope, a document that never writes the
    /// usual form is compared with the documents that do only when they
    /// belong together: they share a rare name of two or more words, or two
    /// rare names (rare: written in at most five documents of the run), as a
    /// newsroom's stories of one day or the messages of one thread do.
    /// Unrelated documents by different writers keep their own styles
    /// ("RedHat" in one e-mail, "Redhat" in another). Such a finding says so
    /// ("... but 'Netease' 3 times in other documents"); where the document
    /// writes the usual form itself, the count and the label are its own.
    /// Capitals that differ only where one form is written in headings and
    /// title lines ("Rust Quasi-Quoting" above "Quasi-quoting is ...") are
    /// title case, not another spelling, and "US$" is a currency code. A
    /// date or time format ("YYYYMMDD", "YYYY-MM-DD") is notation, and
    /// capitals that spell out an abbreviation of their sentence ("dpkg
    /// ... Debian PacKaGe") are written so on purpose. A
    /// word joined to an identifier by "_" ("Ftoc_RescanLine") is code, a
    /// hyphenated word of common English words ("Run-time") is no Pinyin
    /// name, and one at a sentence start that the text also writes in lower
    /// case is an ordinary compound.
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
    /// no fix is offered. A document that writes a name one way throughout is
    /// not rewritten toward other documents' form ("NetEase" is a house
    /// style, not a slip of "Netease") unless that form is clearly the
    /// established one: the document's form is a slip of a known name, or a
    /// Pinyin name hyphenated, spaced or with an inner capital ("Xi
    /// Jin-ping" beside "Xi Jinping").
    pub struct InconsistentName {
        id: "inconsistent-name",
        category: Consistency,
        severity: Warning,
        fix: Sometimes,
    }
}

/// Scope unless configured otherwise.
const DEFAULT_SCOPE: ComparisonScope = ComparisonScope::Corpus;

const WORDING: Wording = Wording {
    what: "name written two ways",
    keep_initial_case: false,
};

/// In an occurrence's flags: written in running text, not in a heading or
/// a title line.
const IN_RUNNING_TEXT: u8 = 1;

/// Shortest differing word for a slip told by frequency alone, in letters.
const MIN_SLIP_LETTERS: usize = 5;

/// Shortest differing word for a slip told by the dictionary (an unknown
/// word one letter from a known name: "Koong" / "Kong"), in letters.
const MIN_UNKNOWN_SLIP_LETTERS: usize = 4;

const POLICY: Policy = Policy {
    reference_wins_tie: evidence_decides,
    fix_across_files: established,
    whole_file: |forms, verdict| {
        slip_evidence(forms[verdict.form].text, forms[verdict.reference].text)
    },
};

consistency::consistency_rule!(InconsistentName, POLICY);

/// Whether `word` is a known name or word beside `usual`, the word it may be
/// a slip of: one the dictionary has (in any case), or, beside a Chinese name
/// the dictionary lacks, one made of Pinyin syllables ("Min" beside "Ming":
/// another name). Beside an English name, a Pinyin-shaped word is no evidence
/// ("Anerica" splits into syllables too).
fn is_known_beside(word: &str, usual: &str) -> bool {
    let dictionary = Dictionary::builtin();
    dictionary.rank_any_case(word).is_some()
        || (dictionary.rank_any_case(usual).is_none() && dictionary.is_pinyin_name(word))
}

/// The one word in which two forms of as many words differ.
fn differing_word<'a>(a: &'a str, b: &'a str) -> Option<(&'a str, &'a str)> {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    if wa.len() != wb.len() {
        return None;
    }
    let mut differing = wa.iter().zip(&wb).filter(|(x, y)| x != y);
    let found = differing.next()?;
    differing.next().is_none().then_some((*found.0, *found.1))
}

/// `form` is a slip of `reference` by the dictionary's evidence: they differ
/// in one word by one letter, and that word of the form is unknown while the
/// reference's is a known name or word ("Qaing" / "Qiang", "Anerica" /
/// "America").
fn slip_evidence(form: &str, reference: &str) -> bool {
    differing_word(form, reference).is_some_and(|(f, r)| {
        !in_capitals(f)
            && !in_capitals(r)
            && is_loose_slip(&letters(f), &letters(r))
            && !is_known_beside(f, r)
            && is_known_beside(r, r)
            && (f != form || f.chars().count() != r.chars().count() || !is_rare_name(f))
    })
}

/// A one-word name the rare word list knows ("Batswana", the people of
/// Botswana; "Amerika", a magazine's title): with another letter in the
/// place of one, another word, no slip. (A letter dropped or doubled is a
/// slip of typing even where it makes a rare name: "Elie" for "Ellie".)
fn is_rare_name(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && Dictionary::builtin().rare_rank(word).is_some()
}

/// A word in capitals: an acronym ("ISIL", "ISIS") or a surname in house
/// style ("ABDALLAH"), whose near neighbours are other names.
fn in_capitals(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() > 1 && !word.chars().any(char::is_lowercase)
}

/// Written as a name usually is: no hyphen, each word capitalised once or in
/// capitals ("Xi Jinping", not "Xi Jin-ping" or "Xi JinPing").
fn standard_shape(text: &str) -> bool {
    text.split(' ').all(|word| {
        let mut chars = word.chars();
        !word.contains(crate::words::HYPHENS)
            && (chars.next().is_some_and(|c| !c.is_lowercase())
                && (chars.clone().all(|c| !c.is_uppercase()) || chars.all(|c| !c.is_lowercase())))
    })
}

/// Every word (and hyphenated part) of `text` is made of Pinyin syllables.
fn is_pinyin_text(text: &str) -> bool {
    let dictionary = Dictionary::builtin();
    text.split([' ', '-', '‐'])
        .all(|part| !part.is_empty() && dictionary.is_pinyin_name(part))
}

/// [`is_pinyin_text`], and so is every part between inner capitals: "Xi
/// JinPing" ("Jin", "Ping"), not "NetEase" ("Net" is no syllable).
fn is_pinyin_parts(text: &str) -> bool {
    let dictionary = Dictionary::builtin();
    is_pinyin_text(text)
        && text.split([' ', '-', '‐']).all(|word| {
            let mut start = 0;
            let mut parts = Vec::new();
            for (i, c) in word.char_indices().skip(1) {
                if c.is_uppercase() {
                    parts.push(&word[start..i]);
                    start = i;
                }
            }
            parts.push(&word[start..]);
            parts.iter().all(|part| dictionary.is_pinyin_name(part))
        })
}

/// Where a file writes a verdict's two forms equally often: the reference is
/// the usual one when the form is a slip of it, or the same letters written
/// in a name's usual shape ("Beijing" beside "Bei Jing").
fn evidence_decides(forms: &[Form], verdict: &Verdict) -> bool {
    let (form, reference) = (forms[verdict.form].text, forms[verdict.reference].text);
    slip_evidence(form, reference)
        || (letters(form) == letters(reference)
            && standard_shape(reference)
            && !standard_shape(form))
}

/// Whether a file that writes only `form` may be rewritten to the reference
/// another file writes: when the form is a slip of a known name, or a Pinyin
/// name hyphenated, spaced or with an inner capital beside its usual shape.
/// Not for capitals alone ("NetEase" / "Netease": a house style).
fn established(forms: &[Form], verdict: &Verdict) -> bool {
    let (form, reference) = (forms[verdict.form].text, forms[verdict.reference].text);
    slip_evidence(form, reference)
        || (letters(form) == letters(reference)
            && standard_shape(reference)
            && !standard_shape(form)
            && is_pinyin_text(reference)
            && is_pinyin_parts(form))
}

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

/// An apostrophe makes another word of the same letters: a contraction
/// ("I'd" / "ID", "I'm" / "IM").
fn has_apostrophe(text: &str) -> bool {
    text.contains(['\'', '’'])
}

/// Markup left in a run of words ("See [LICENSE-APACHE", "MIT** OR
/// **Apache"): not a spelling of the name.
fn has_markup(text: &str) -> bool {
    text.contains(['[', ']', '*', '`', '_'])
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
    let slips = slips(forms, &groups);
    let mut found = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        if let Some(&(majority, within_file)) = slips.get(&g) {
            let majority = &groups[majority];
            found.extend(group.members.iter().map(|&form| Verdict {
                form,
                reference: majority.reference,
                tie: majority.tie,
                within_file,
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
        // A Chinese name whose syllables are divided into words differently
        // ("Tai Wan" / "Taiwan", "Hongkong" / "Hong Kong") is compared
        // within each document, where either may be usual.
        for &form in &group.members {
            for &other in &group.members {
                let (a, b) = (forms[form].text, forms[other].text);
                if form != other && !same_structure(a, b) && is_pinyin_text(a) && is_pinyin_text(b)
                {
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
            // Initials beside a name of the same letters ("A.J." / "Aj") are
            // two names.
            if form == group.reference
                || !same_structure(text, reference)
                || only_dots_differ(text, reference)
                || text.contains('.') != reference.contains('.')
                || has_apostrophe(text) != has_apostrophe(reference)
                || has_markup(text)
                || has_markup(reference)
            {
                continue;
            }
            // Capitals that differ where one form is written only in
            // headings and title lines ("Rust Quasi-Quoting" above
            // "Quasi-quoting is ..."): title case, not another spelling.
            let in_titles_only = |i: usize| forms[i].flags & IN_RUNNING_TEXT == 0;
            if !differs_in_spelling(text, reference)
                || (letters(text) == letters(reference)
                    && text.to_lowercase() == reference.to_lowercase()
                    && (in_titles_only(form) || in_titles_only(group.reference)))
            {
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
    found.extend(place_verdicts(forms));
    found
}

/// A place in two established spellings ("Macao" / "Macau"): compared
/// within each document, where either may be usual (publications differ).
fn place_verdicts(forms: &[Form]) -> Vec<Verdict> {
    let mut by_pair: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, form) in forms.iter().enumerate() {
        if let Some(pair) = place_spellings::pair_of(form.text) {
            by_pair.entry(pair).or_default().push(i);
        }
    }
    let mut found = Vec::new();
    for members in by_pair.values().filter(|m| m.len() > 1) {
        for &form in members {
            for &other in members {
                if form != other {
                    found.push(Verdict {
                        form,
                        reference: other,
                        tie: false,
                        within_file: true,
                    });
                }
            }
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

/// Groups that are a slip of another group: minority -> (majority, whether
/// they are compared within each document only). A slip is told by
/// frequency (a name of two or more words, its usual form at least twice
/// and twice as often, the differing word of five letters or more with its
/// first and last letters kept) or by the dictionary (the differing word is
/// unknown, the usual one a known name or word, of four letters or more with
/// the first kept; a one-word name must be written at least twice more);
/// the dictionary's evidence is weighed within each document. Among equally
/// frequent majorities the first in letter order wins.
fn slips(forms: &[Form], groups: &[Group]) -> BTreeMap<usize, (usize, bool)> {
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
        for (position, word) in group.words.iter().enumerate() {
            if word.chars().count() < MIN_UNKNOWN_SLIP_LETTERS {
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
    let mut majority_of: BTreeMap<usize, (usize, bool)> = BTreeMap::new();
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
                    || !other_words_agree(&a.words, &b.words, position)
                {
                    continue;
                }
                let (word, usual) = (&a.words[position], &b.words[position]);
                if another_name(forms, forms[a.reference].text, position, usual)
                    || same_word_spelt_apart(word, usual)
                {
                    continue;
                }
                // One-word names ("Colombia", "Columbia") have no other
                // words to agree: only the dictionary tells a slip there.
                let by_frequency = a.words.len() > 1
                    && b.count >= 2
                    && b.count >= 2 * a.count
                    && is_slip(word, usual);
                let by_dictionary = !by_frequency
                    && b.count >= a.count
                    && (a.words.len() > 1 || b.count >= 2)
                    && is_loose_slip(word, usual)
                    && slip_evidence(forms[a.reference].text, forms[b.reference].text);
                if !by_frequency && !by_dictionary {
                    continue;
                }
                let best = majority_of.entry(minor).or_insert((major, by_dictionary));
                let rank = |g: usize| (groups[g].count, std::cmp::Reverse(g));
                if rank(best.0) < rank(major) {
                    *best = (major, by_dictionary);
                }
            }
        }
    }
    majority_of
}

/// Whether `a` and `b` (lower-case letters) are one word's American and
/// British spellings ("License" / "Licence" in "Mozilla Public Licence"):
/// the name of a licence or a body keeps the spelling of its country or
/// its translator, no slip of a letter.
fn same_word_spelt_apart(a: &str, b: &str) -> bool {
    let american = crate::consistency::spelling_variants::american_of;
    // The noun "licence" is British where the verb is not, so the list
    // leaves "-ence" / "-ense" out; in a name it is the noun.
    let ence_ense = |x: &str, y: &str| {
        x.strip_suffix("ence")
            .is_some_and(|stem| y.strip_suffix("ense") == Some(stem))
    };
    american(a).is_some_and(|usual| american(b) == Some(usual))
        || ence_ense(a, b)
        || ence_ense(b, a)
}

/// A name written on its own at least this often is a word of its own.
const NAME_ALONE: u32 = 3;

/// Whether word `position` of `text` is another name the run writes on its
/// own, not a slip of `usual` (lower-case letters): a part of a hyphenated
/// word ("Central American-Dominican Republic" beside "America-Dominican
/// Republic", with "American" written alone), or the plural of a name
/// ("mini-Indias" beside "Indians", with "India" written alone).
fn another_name(forms: &[Form], text: &str, position: usize, usual: &str) -> bool {
    let Some(word) = text.split(' ').nth(position) else {
        return false;
    };
    let alone = |name: &str| {
        letters(name) != usual
            && forms
                .binary_search_by(|form| form.text.cmp(name))
                .is_ok_and(|i| forms[i].count >= NAME_ALONE)
    };
    let plural_of = |part: &str| part.strip_suffix('s').is_some_and(alone);
    let mut parts = word.split(crate::words::HYPHENS);
    if word.contains(crate::words::HYPHENS) {
        parts.any(|part| alone(part) || plural_of(part))
    } else {
        plural_of(word)
    }
}

/// One letter changed, added, dropped or swapped with its neighbour, the
/// first letter kept, in words of at least four letters ("kong" / "koong").
/// The last letter may only be swapped with the one before it ("Asia" /
/// "Asai") or doubled: another ending is not a slip ("Baltic" / "Baltics",
/// "Uzbekistan" / "Uzbekistani", "Ghana" / "Ghani").
fn is_loose_slip(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().min(b.len()) < MIN_UNKNOWN_SLIP_LETTERS
        || a.first() != b.first()
        || crate::words::edit_distance(&a, &b, 1) != Some(1)
    {
        return false;
    }
    if a.last() == b.last() {
        return true;
    }
    let n = a.len();
    let swapped_end = n == b.len() && a[n - 2] == b[n - 1] && a[n - 1] == b[n - 2];
    let (long, short) = if a.len() > b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let doubled_end = long.len() == short.len() + 1
        && long[long.len() - 1] == long[long.len() - 2]
        && long[..short.len()] == short[..];
    // The last letter struck on a key beside it ("Soutj" / "South",
    // "Westerb" / "Western") in a word of five letters or more: a typing
    // slip, where an ending changes to another letter ("Ghana" / "Ghani").
    let struck_beside_end = n == b.len()
        && n >= MIN_SLIP_LETTERS
        && a[..n - 1] == b[..n - 1]
        && keys_beside(a[n - 1], b[n - 1]);
    swapped_end || doubled_end || struck_beside_end
}

/// Whether two letters are neighbours in a row of a QWERTY keyboard.
fn keys_beside(a: char, b: char) -> bool {
    const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
    let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
    ROWS.iter().any(|row| match (row.find(a), row.find(b)) {
        (Some(i), Some(j)) => i.abs_diff(j) == 1,
        _ => false,
    })
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
        && crate::words::edit_distance(&a, &b, 1) == Some(1)
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
        && crate::words::is_hyphen(tokens[end + 1].text(text))
        && tokens[end + 2].is_word()
        && !tokens[end + 2].text(text).contains(['\'', '’'])
        && tokens[end + 2].text(text).chars().count() > 1
        && !crate::words::is_function_word(tokens[end + 2].text(text))
    {
        end += 2;
    }
    let last = tokens[end].text(text);
    let possessive = crate::words::strip_possessive(last).map_or(0, |stem| last.len() - stem.len());
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

/// Whether `text` writes `word` (capitalised) in lower case as a word of
/// its own somewhere.
fn written_lower_elsewhere(text: &str, word: &str) -> bool {
    let lower = word.to_lowercase();
    text.match_indices(lower.as_str()).any(|(at, found)| {
        let before = text[..at].chars().next_back();
        let after = text[at + found.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric() && c != '-')
            && after.is_none_or(|c| !c.is_alphanumeric() && c != '-')
    })
}

/// The letters of a date or time format ("YYYYMMDD", "YYYY-MM-DD",
/// "HH"): each letter repeated, as a format writes its fields. Such a
/// pattern is notation, and two of them are two formats, not one name
/// spelt two ways.
fn is_format_placeholder(word: &str) -> bool {
    let bytes: Vec<u8> = word
        .bytes()
        .filter(|b| !matches!(b, b'-' | b'.' | b'/' | b':'))
        .collect();
    !bytes.is_empty()
        && bytes.iter().all(|b| b"YMDHSW".contains(b))
        && bytes.chunk_by(|a, b| a == b).all(|field| field.len() >= 2)
}

/// Whether the capitals of a name run, in order, spell a word its sentence
/// writes in lower case, and a word of it has two capitals inside it:
/// "dpkg, an abbreviation of Debian PacKaGe" spells out an abbreviation on
/// purpose, no other spelling of "Debian Package".
fn spells_out_abbreviation(sentence: &str, run: &str) -> bool {
    let inner_capitals = |word: &str| word.chars().skip(1).filter(|c| c.is_uppercase()).count();
    if !run.split(' ').any(|word| inner_capitals(word) >= 2) {
        return false;
    }
    let acronym: String = run
        .chars()
        .filter(|c| c.is_uppercase())
        .flat_map(char::to_lowercase)
        .collect();
    acronym.chars().count() >= 3
        && sentence
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word == acronym)
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
    let titles: Vec<bool> = doc
        .paragraphs()
        .iter()
        .map(|paragraph| prose::is_title_paragraph(doc, paragraph))
        .collect();
    for sentence in doc.sentences() {
        let tokens = doc.tokens_in(&sentence.tokens);
        let flags = if titles.get(sentence.paragraph as usize) == Some(&true) {
            0
        } else {
            IN_RUNNING_TEXT
        };
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
            // is a name only if it is not an ordinary word.
            let keep = !run.is_empty()
                && !run.iter().all(|w| w.ordinary)
                && !spells_out_abbreviation(
                    doc.slice(sentence.span),
                    doc.slice(run[0].span.cover(run[run.len() - 1].span)),
                );
            if keep {
                let end = run[run.len() - 1].span;
                // The whole run, and its tails that start with a name word
                // ("General Secretary Xi Jinping", "Xi Jinping").
                for (k, word) in run.iter().enumerate() {
                    if k == 0 || (!word.ordinary && k + 1 < run.len()) {
                        found.push(Occurrence {
                            span: word.span.cover(end),
                            flags,
                        });
                    }
                }
            }
            run.clear();
        };
        let mut i = 0;
        let mut last_end: Option<usize> = None;
        while i < tokens.len() {
            // A dotted acronym may start with a letter that is a word of
            // its own ("I.M.F.", "A.U.", "A.D.").
            let word = name_word(text, tokens, i).filter(|&(end, _, _)| {
                let dotted = end > i && tokens[i].text(text).chars().count() == 1;
                (dotted || !crate::words::is_function_word(tokens[i].text(text)))
                    && !caps.contains(doc, tokens[i].span.start())
                    // A currency code ("US$"), not the name.
                    && tokens.get(end + 1).is_none_or(|t| t.text(text) != "$")
                    // Part of a code identifier ("Ftoc_RescanLine").
                    && !(i > 0 && tokens[i - 1].text(text) == "_")
                    && tokens.get(end + 1).is_none_or(|t| t.text(text) != "_")
                    && !is_format_placeholder(doc.slice(tokens[i].span.cover(tokens[end].span)))
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
            let written = doc.slice(span);
            run.push(RunWord {
                span,
                initial: initial[i],
                // A hyphenated word at a sentence start that the text also
                // writes in lower case ("Run-time linking" beside "run-time
                // errors") is an ordinary compound.
                ordinary: lexicon.is_ordinary(written)
                    || (initial[i] && end > i && written_lower_elsewhere(text, written)),
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
    places_into(doc, &caps, &mut found);
    found
}

/// Every listed place spelling in the text ("Macau", "Viet Nam", "Cote
/// d'Ivoire"), wherever it stands in a name run, outside capitals lines.
fn places_into(doc: &Document, caps: &prose::CapsLines, found: &mut Vec<Occurrence>) {
    let text = doc.text();
    for token in doc.tokens() {
        if !token.is_word() || token.shape != WordShape::Capitalized {
            continue;
        }
        let word = token.text(text);
        let first = word.split(['\'', '’']).next().unwrap_or(word);
        let candidates = [word, first];
        let names = candidates
            .iter()
            .map(|w| place_spellings::starting_with(w))
            .find(|names| !names.is_empty());
        let Some(names) = names else {
            continue;
        };
        let rest = &text[token.span.start()..];
        let Some(name) = names.iter().find(|name| {
            rest.starts_with(**name)
                && !rest[name.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphanumeric() || c == '-')
        }) else {
            continue;
        };
        if caps.contains(doc, token.span.start()) {
            continue;
        }
        let start = token.span.start();
        found.push(Occurrence {
            span: Span::new(start, start + name.len()),
            flags: IN_RUNNING_TEXT,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consistency::Place;
    use crate::rule::{Context, CorpusRule, Rule, Settings};
    use crate::test_utils::{assert_no_lints, assert_unsafe_fix, flagged, lint};

    const RULE: InconsistentName = InconsistentName;

    #[test]
    fn ordinary_compounds_and_code_identifiers_are_no_names() {
        // A sentence-initial compound the text writes in lower case, and
        // the parts of a code identifier.
        assert_no_lints(
            &RULE,
            "Body.\n\nRun-time linking is simple; run-time errors are rare. \
             Install the C Runtime update.\n\n\
             Ftoc_RescanLine is called, then Ftoc_RescanLIne again; a RescanLine will do.",
        );
        assert_no_lints(
            &RULE,
            "Body.\n\nRun-time linking is simple.\n\nInstall the C Runtime update.\n",
        );
        // A name written two ways in running text is still reported.
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nApple ships QuickTime. QuickTime plays films. QuickTime is free. \
                 Apple's Quicktime player was third."
            ),
            ["Quicktime"]
        );
    }

    #[test]
    fn format_patterns_and_spelt_out_abbreviations_are_no_names() {
        // Two date formats are two notations.
        assert_no_lints(
            &RULE,
            "Body.\n\nName the file YYYY-MM-DD.log, one per day. Logs older than \
             YYYY-MM-DD are dropped. A tag in the YYYYMMDD format also works.",
        );
        // Capitals that spell out the abbreviation beside them.
        assert_no_lints(
            &RULE,
            "Body.\n\nThe Lisp Package Manager ships today. Our lpkgm (from Lisp PacKaGe \
             Manager) is small. The Lisp Package Manager is free.",
        );
        // A capital changed inside a product's name is still reported.
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nThe Debian Package tracker lists it. See the Debian Package tracker. \
                 The Debian PackAge tracker is slow.",
            ),
            ["Debian PackAge"]
        );
    }

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
        // An acronym whose first letter is a word of its own ("I", "A").
        let text = "Body.\n\nThe IMF lent more, and the IMF cut aid. The I.M.F. left. I met them.";
        assert_eq!(flagged(&RULE, text), ["I.M.F."]);
        assert_no_lints(
            &RULE,
            "Body.\n\nThe IMF lent more, and the IMF cut aid. I. M. Fraser wrote. A. U. Smith too.",
        );
        assert_no_lints(
            &RULE,
            "Body.\n\nThanks to Aj and to Aj again, and to Aj once more. A.J. wrote back.",
        );
        // A contraction is another word of the same letters.
        assert_no_lints(
            &RULE,
            "Body.\n\nI'd say so, and I'd go. I'd stay. Send your ID first.",
        );
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nWe use GitHub. GitHub is fine, GitHub works. Github too."
            ),
            ["Github"]
        );
        // A title-case "Us" is the pronoun, not the country.
        assert_no_lints(
            &RULE,
            "Body.\n\nThe US economy grew. Read “Join Us Today” and tell us.",
        );
    }

    #[test]
    fn british_and_american_spellings_of_a_name_are_no_slip() {
        // A licence translated in Europe writes its neighbours' names with
        // the British noun; an organisation keeps its country's spelling.
        assert_no_lints(
            &RULE,
            "Body.\n\nThe Harbour Public Licence allows it. The Harbour Public License text \
             is American. See the Harbour Public License notice and the Harbour Public License FAQ. \
             The Labour Council met; the Labor Council of the city met too, as the Labor Council \
             does, and the Labor Council voted.",
        );
        // A letter slipped in the same name is still one.
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nThe Harbour Public License allows it. See the Harbour Public License notice \
                 and the Harbour Public License FAQ. The Harbour Pubic License says so."
            ),
            ["Harbour Pubic License"]
        );
    }

    #[test]
    fn slip_in_any_word_of_a_multiword_name() {
        let text = "Body.\n\nPremier Li Qiang visited the port, and Premier Li Qiang met the mayor. Later Li Qaing spoke.";
        assert_eq!(flagged(&RULE, text), ["Li Qaing"]);
        // A first word, a four-letter word, a doubled letter.
        let text = "Body.\n\nThe talks with Governor Williams began; later Governor Wlliams agreed on trade with Hong Kong, and Hong Kong firms came. Hong Koong banks too.";
        assert_eq!(flagged(&RULE, text), ["Governor Wlliams", "Hong Koong"]);
    }

    #[test]
    fn a_name_written_twice_once_slipped_goes_by_the_dictionary() {
        // One each: the known name is the usual form, wherever it stands.
        let text = "Body.\n\nI visited Senator Russll in the hospital. We miss Senator Russell.";
        assert_eq!(flagged(&RULE, text), ["Senator Russll"]);
        assert_unsafe_fix(
            &RULE,
            text,
            "Body.\n\nI visited Senator Russell in the hospital. We miss Senator Russell.",
        );
        // Two known names one letter apart stay two people; an ending is
        // not a slip; acronyms and surnames in capitals are other names.
        assert_no_lints(
            &RULE,
            "Body.\n\nWe met Governor Carter. Later Governor Carver spoke. \
             We thank Judy Anderson, and the Judy Andersons of America. \
             The fight against ISIS went on, and ISIL fell. ISIS lost.",
        );
    }

    #[test]
    fn another_name_written_alone_is_no_slip() {
        // "American" is written alone, and "Indias" is the plural of "India".
        assert_no_lints(
            &RULE,
            "Body.\n\nThe US-Central American-Dominican Republic Free Trade Agreement. \
             American firms, American banks and American farms. The America-Dominican \
             Republic Free Trade Agreement and the America-Dominican Republic Free Trade Agreement.",
        );
        assert_no_lints(
            &RULE,
            "Body.\n\nIndians in India, Indians abroad, and India again. Indians built \
             mini-Indias, and India grew. Indians and Indians.",
        );
        // A part written nowhere else is a slip.
        let text = "Body.\n\nThe Amerca-Dominican Republic Free Trade Agreement. The America-Dominican \
                    Republic Free Trade Agreement and the America-Dominican Republic Free Trade Agreement.";
        assert_eq!(
            flagged(&RULE, text),
            ["Amerca-Dominican Republic Free Trade Agreement"]
        );
    }

    #[test]
    fn slip_in_a_recurring_one_word_name() {
        let text = "Body.\n\nAid to Nicaragua grew. Trade with Nicaragua fell, and the Contras in Nicaragua fought. Peace in Nicargua came.";
        assert_eq!(flagged(&RULE, text), ["Nicargua"]);
        // The last two letters swapped, or the last doubled.
        let text = "Body.\n\nTrade with Nicaragua grew, Nicaragua gained, and Nicaragau lost; Nicaraguaa too.";
        assert_eq!(flagged(&RULE, text), ["Nicaragau", "Nicaraguaa"]);
        // Beside an English name, a word that splits into Pinyin syllables is
        // no name of its own.
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nWe love America. God bless America, all across Anerica."
            ),
            ["Anerica"]
        );
        // The last letter struck on the key beside it, by the dictionary's
        // evidence; another ending is not a slip.
        let text = "Body.\n\nTrade with South American states and South American firms. Soutj American banks.";
        assert_eq!(flagged(&RULE, text), ["Soutj American"]);
        assert_no_lints(
            &RULE,
            "Body.\n\nPresident Ashraf Ghani met Ghana's leaders; Ghana and Ghana again, and Ghani.",
        );
        // A name written once, and a known word near a name, are not slips.
        assert_no_lints(
            &RULE,
            "Body.\n\nTrade with Nicaragua grew, and Nicargua answered. Austria and Austrian firms met Austria.",
        );
    }

    #[test]
    fn chinese_names_divided_into_words_differently() {
        let text = "Body.\n\nExports from Taiwan rose. Investors in Taiwan gained, but Tai Wan banks lost. The HongKong office and the Hong Kong office merged; Hong Kong grew.";
        assert_eq!(flagged(&RULE, text), ["Tai Wan", "HongKong"]);
        // Another document's division is its own house style.
        let found = corpus(&[
            "Body.\n\nExports from Taiwan rose. Investors in Taiwan gained.",
            "Body.\n\nBanks in Tai Wan lost.",
        ]);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_place_in_two_established_spellings() {
        let text = "Body.\n\nCasinos in Macau grew, and Macau's economy rose. Tourists left Macao.";
        assert_eq!(flagged(&RULE, text), ["Macao"]);
        let found = lint(&RULE, text);
        assert_eq!(
            found[0].message,
            "name written two ways: 'Macao' here, but 'Macau' 2 times"
        );
        // Publications differ: each document on its own is consistent.
        let found = corpus(&[
            "Body.\n\nCasinos in Macau grew, and Macau rose.",
            "Body.\n\nTourists left Macao.",
        ]);
        assert!(found.is_empty(), "{found:?}");
        // Not inside a longer word, nor in a capitals line.
        assert_no_lints(&RULE, "MACAO NEWS\n\nIn Macau it rained. Macau grew.");
    }

    #[test]
    fn another_documents_form_is_named_and_not_forced() {
        // The three stories share a rare name ("Ding Lei"): they belong
        // together.
        let found = corpus(&[
            "Body.\n\nShares of NetEase rose, Ding Lei said. NetEase said so.",
            "Body.\n\nNetease grew, said Ding Lei. The Netease games sold.",
            "Body.\n\nNetease was founded in 1997 by Ding Lei.",
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
        let (file, d) = &found[0];
        assert_eq!(*file, 0);
        assert_eq!(
            d.message,
            "name written two ways: 'NetEase' here and once more, but 'Netease' 3 times in other documents"
        );
        assert!(d.fix.is_none(), "a house style is not rewritten");
        // A Pinyin name hyphenated beside its usual shape is clearly a variant.
        let found = corpus(&[
            "Body.\n\nXi Jinping spoke. Xi Jinping wrote to Li Qiang. Xi Jinping left.",
            "Body.\n\nXi Jin-ping came with Li Qiang.",
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.message.ends_with("in other documents"));
        assert!(found[0].1.fix.is_some());
    }

    #[test]
    fn a_one_word_name_of_the_rare_list_is_another_word() {
        // "Batswana" (the people of Botswana) is in the rare word list.
        assert_no_lints(
            &RULE,
            "Body.\n\nBotswana grew. Botswana voted. Botswana traded. Batswana forces left.",
        );
        // An unknown word one letter from the name is a slip.
        let found = lint(
            &RULE,
            "Body.\n\nBotswana grew. Botswana voted. Botswana traded. Botswama forces left.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        // A letter dropped is a slip even where it makes a rare name.
        let found = lint(
            &RULE,
            "Body.\n\nEllie grew. Ellie voted. Ellie traded. Elie left.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn accents_and_capitals_of_another_house_are_its_style() {
        // Related documents (they share "Kate Smith" and "Heanet"): a
        // surname in capitals, a name without its accent and a capital
        // after a hyphen are the other document's style.
        let found = corpus(&[
            "Body.\n\nKate Smith met Nicolás Maduro at Heanet. Nicolás Maduro left. The Blu-ray disc and the Blu-ray drive.",
            "Body.\n\nKate Smith says Nicolas MADURO came to Heanet. A Blu-Ray drive.",
        ]);
        assert!(found.is_empty(), "{found:?}");
        // Capitals inside a brand's name still count.
        let found = corpus(&[
            "Body.\n\nKate Smith met Nicolás Maduro at Heanet. RedHat boots. RedHat runs.",
            "Body.\n\nKate Smith says Nicolas MADURO came to Heanet with Redhat.",
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.message.contains("'Redhat'"), "{found:?}");
    }

    #[test]
    fn unrelated_documents_keep_their_own_styles() {
        // Two writers on two topics, each consistent: nothing in common but
        // the name, so no evidence that one should follow the other.
        let found = corpus(&[
            "Body.\n\nI installed RedHat on the Dell. RedHat boots fine.",
            "Body.\n\nThe Redhat mirror at Heanet is down again.",
        ]);
        assert!(found.is_empty(), "{found:?}");
        // The same two once they share rare names ("Kate Smith", "Heanet").
        let found = corpus(&[
            "Body.\n\nKate Smith installed RedHat from Heanet. RedHat boots fine.",
            "Body.\n\nKate Smith says the Redhat mirror at Heanet is down.",
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.message.ends_with("in other documents"));
        // A slip in one word of a longer name: its other words are the
        // evidence ("Tan Chenxu" / "Tan Chengxu").
        let found = corpus(&[
            "Body.\n\nTan Chengxu spoke. Tan Chengxu left.",
            "Body.\n\nThe mayor, Tan Chengxu, said so.",
            "Body.\n\nTan Chenxu attended.",
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn title_case_in_a_heading_is_no_other_spelling() {
        assert_no_lints(
            &RULE,
            "Rust Quasi-Quoting\n\nQuasi-quoting is a solution. We use quasi-quoting here. Quasi-quoting helps.",
        );
        // In running text the same capitals are another spelling.
        let found = corpus(&[
            "Body.\n\nJustin Mason wrote SpamAssassin. SpamAssassin runs.",
            "Body.\n\nWe run Spamassassin, says Justin Mason.",
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
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

    /// The rule in corpus scope over several documents.
    fn corpus(texts: &[&str]) -> Vec<(doclint_core::FileId, doclint_core::Diagnostic)> {
        let settings = Settings::default();
        let cx = Context {
            settings: &settings,
        };
        let facts = texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let file = i as doclint_core::FileId;
                (file, RULE.gather(file, &Document::from_text(text), &cx))
            })
            .collect();
        RULE.decide(facts, &cx)
    }

    #[test]
    fn scope_setting_switches_between_document_and_corpus() {
        let doc =
            Document::from_text("Body.\n\nTan Chengxu spoke. Tan Chengxu left. Tan Chenxu came.");
        let run = |scope: Option<ComparisonScope>| {
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
        assert_eq!(run(Some(ComparisonScope::Corpus)), (0, 1));
        assert_eq!(run(Some(ComparisonScope::Document)), (1, 0));
    }
}
