use rustc_hash::{FxHashMap, FxHashSet};

use doclint_core::{Document, Token, TokenKind, WordShape};

use crate::consistency::{
    self, prose, reference_of, ComparisonScope, Form, Occurrence, Verdict, Wording,
};
use crate::words;

declare_rule! {
    /// ## What it does
    /// Flags a multiword term written with different capitals in running
    /// text, with no title-case form needed to compare against: "public
    /// Health" beside "public health", "Economic growth" beside "economic
    /// growth", "rural Revitalization" or "Rural revitalization" beside
    /// "Rural Revitalization", "European union" beside "European Union",
    /// "provincial party committee" beside "Provincial Party Committee". The
    /// form that breaks with the usual one is reported at every place it is
    /// written, with a label at the usual form.
    ///
    /// Terms are runs of two to four content words, led by any name words
    /// ("European", "Chinese"). Words at the start of a sentence, after a
    /// colon or an opening quotation mark, in headings and title lines
    /// (numbered ones too: "6.1. Filling in the sources.list File"), in a
    /// quoted title (“Filling in the sources.list File”: a quotation of at
    /// most twelve words that opens on a capital and holds no full stop),
    /// after "see", "section" or "chapter" (a section cited in sentence
    /// case: "see section Special method names"; "described in Command line
    /// and environment"), in a heading of the document cited word for word
    /// ("see also Virtual packages" for "7.5. Virtual packages - Provides",
    /// "described in Control files and their fields"), and on lines in
    /// capitals do not count (a leading name word is capitalised anyway, so it may
    /// start a sentence). Labels are no words of a term: a key's name
    /// ("Left Alt", "Enter"), a word after a verb of a user interface
    /// ("choose Manual", "hit Enter") or an option's letter ("s for Single
    /// binary package"), a word before a number ("the next
    /// Chapter 5", "PEP 560") and single letters (spaced-out text).
    ///
    /// ## How the usual form is chosen
    /// - The name of a body keeps its capitals: a term of three or more
    ///   words whose last word names a body ("committee", "council",
    ///   "union", "ministry", ...), written in title case somewhere, has its
    ///   title case as the usual form however often the lower case is
    ///   written, so the fix never lowers a proper noun. Where the title
    ///   case is written nowhere, the proper form is unknown: no fix.
    /// - Otherwise the usual form is the most frequent well-formed one (lower
    ///   case, title case, or capitals at the front only); on a tie a form
    ///   with capitals at the front only gives way, and a remaining tie gets
    ///   no fix. A form with a capital after a lower-case word ("party
    ///   Committee") is never the usual one.
    ///
    /// ## What is not reported
    /// Two ordinary words in title case beside lower case ("Social
    /// Security" / "social security"), and a title of a work or product
    /// beside the generic phrase ("Grand Theft Auto" / "grand theft auto"):
    /// they often differ on purpose. A description before a name ("western
    /// Europe" / "Western Europe") is not part of a term. A term touching a
    /// capitalised word or a dotted abbreviation ("the UN Security Council",
    /// "Minority Leader Byrd", "the U.S. Government Rights clause"),
    /// or a term in title case joined to one by "of", "and", "on", "for" or
    /// "per" ("Economic Community of West African States", "White House
    /// Conference on Aging"), owes its capitals to the longer name and is
    /// compared only with the title case; a name then a common noun in
    /// lower case after it ("the Civil Service system", "the West African
    /// states") is the name and a noun, unless the noun names a body.
    /// "True", "False" and "Null" are
    /// the constants of code ("returns True"), not words of a term, and a
    /// name the document's code uses ("SyncHook", "Value.Cast(") before the
    /// kind of thing it is ("Hook classes", "the Cast function") keeps the
    /// code's capital. A participle after an adverb in "-ly" ("the newly
    /// united Kingdom of Italy") describes the name and is not part of it.
    ///
    /// Scope: `document` by default, where a form is reported only within
    /// about 4,000 words of the usual form (a long file's distant sections
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
    /// the house style. When two well-formed forms are equally frequent, or
    /// the name of a body is nowhere written in title case, no fix is
    /// offered.
    pub struct InconsistentCapitalization {
        id: "inconsistent-capitalization",
        category: Consistency,
        severity: Warning,
        fix: Sometimes,
    }
}

/// Scope unless configured otherwise.
const DEFAULT_SCOPE: ComparisonScope = ComparisonScope::Document;

/// Longest term compared, in words.
const MAX_WORDS: usize = 4;

const WORDING: Wording = Wording {
    what: "term capitalised two ways",
    keep_initial_case: false,
};

consistency::consistency_rule!(InconsistentCapitalization);

/// Which words of a form are capitalised, one bit per word.
fn capitals(form: &str) -> u8 {
    form.split(' ')
        .enumerate()
        .filter(|(_, word)| word.chars().next().is_some_and(char::is_uppercase))
        .fold(0, |bits, (i, _)| bits | 1 << i)
}

/// In an occurrence's flags: the term follows or precedes a capitalised
/// word, inside a longer name ("the UN Security Council", "Minority Leader
/// Byrd").
const EXPLAINED: u8 = 1;

/// In an occurrence's flags: the term touches no capitalised word.
const UNEXPLAINED: u8 = 2;

/// In an occurrence's flags: every capital of the term is on a word the
/// text capitalises on its own after a determiner ("the Administration",
/// "our Nation"): a house style for the word, not a term's capitals.
const STYLE: u8 = 4;

/// In an occurrence's flags: the term follows a word, well inside a
/// sentence (not after a dash, a list number or a quotation).
const AFTER_WORD: u8 = 8;

/// Determiners before a word capitalised on its own by house style.
const DETERMINERS: &[&str] = &[
    "her", "his", "its", "my", "our", "that", "the", "their", "these", "this", "those", "your",
];

/// Compass words: "western Pacific" describes a part of a name.
const COMPASS: &[&str] = &[
    "east",
    "eastern",
    "north",
    "northeast",
    "northeastern",
    "northern",
    "northwest",
    "northwestern",
    "south",
    "southeast",
    "southeastern",
    "southern",
    "southwest",
    "southwestern",
    "west",
    "western",
];

/// In an occurrence's flags: which words are names (never written in lower
/// case: "European", "Jinping"), one bit per word from this bit up.
const NAME_SHIFT: u8 = 4;

/// How a form writes the words of its term that can take either case (the
/// words after any leading name words).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// "provincial party committee", "European union"'s tail lowered all.
    Lower,
    /// "Provincial Party Committee", "European Union".
    Title,
    /// Capitals at the front only: "Provincial party committee".
    Prefix,
    /// A capital after a lower-case word: "party Committee", "public Health".
    Mixed,
    /// A name word in lower case: "european Union" beside "European Union".
    LoweredName,
}

impl Shape {
    fn well_formed(self) -> bool {
        matches!(self, Shape::Lower | Shape::Title | Shape::Prefix)
    }
}

fn shape_of(caps: u8, names: u8, words: usize) -> Shape {
    if names & !caps != 0 {
        return Shape::LoweredName;
    }
    // Name words lead the term; the words after them can vary.
    let leading = names.trailing_ones() as usize;
    let tail = ((1u8 << words) - 1) & !((1u8 << leading) - 1);
    let varying = (caps & tail) >> leading;
    if varying == 0 {
        Shape::Lower
    } else if varying == tail >> leading {
        Shape::Title
    } else if varying & (varying + 1) == 0 {
        Shape::Prefix
    } else {
        Shape::Mixed
    }
}

/// Last words that make a title-case term the name of a body ("Provincial
/// Party Committee", "State Council"): then the capitals are the proper
/// form and the lower-case one the slip, however often it is written.
const BODY_NOUNS: &[&str] = &[
    "administration",
    "agency",
    "assembly",
    "association",
    "authority",
    "bank",
    "board",
    "bureau",
    "cabinet",
    "commission",
    "committee",
    "conference",
    "congress",
    "corporation",
    "council",
    "court",
    "department",
    "federation",
    "government",
    "institute",
    "league",
    "legislature",
    "ministry",
    "office",
    "organisation",
    "organization",
    "parliament",
    "party",
    "procuratorate",
    "secretariat",
    "senate",
    "tribunal",
    "union",
    "university",
];

/// Whether a term of `words` ordinary words, written in title case, names a
/// body: three words or more, the last a [`BODY_NOUNS`] word.
fn names_a_body(lower: &str, words: usize) -> bool {
    words >= 3
        && lower
            .rsplit(' ')
            .next()
            .is_some_and(|last| BODY_NOUNS.binary_search(&last).is_ok())
}

/// Whether `form` (of shape `shape`) is reported against `reference` (of
/// shape `usual`). `named` is set when the term leads with a name word,
/// `body` when the title-case form was taken as the name of a body.
fn reported(shape: Shape, usual: Shape, named: bool, body: bool) -> bool {
    use Shape::*;
    match (shape, usual) {
        (Mixed | LoweredName, _) => true,
        // "European union" beside "European Union"; "Rural revitalization"
        // beside "Rural Revitalization".
        (Prefix, Title) | (Prefix, Prefix) => true,
        // "Economic growth" beside "economic growth" (never at a sentence
        // start, nor after a capitalised word).
        (Prefix, Lower) => true,
        // "provincial party committee" beside "Provincial Party Committee";
        // "Chinese communist party" beside "Chinese Communist Party". Two
        // ordinary words in title and lower case ("Social Security",
        // "social security") often differ on purpose, as do a title of a
        // work and a generic phrase: not reported.
        (Lower, Title) => named || body,
        // "Chinese Government" beside the usual "Chinese government".
        (Title, Lower) => named,
        _ => false,
    }
}

fn verdicts(forms: &[Form]) -> Vec<Verdict> {
    let mut found = Vec::new();
    for group in consistency::groups_by(forms, |form| Some(form.text.to_lowercase())) {
        let lower = forms[group[0]].text.to_lowercase();
        let words = lower.split(' ').count();
        let names = group
            .iter()
            .fold(0u8, |bits, &i| bits | forms[i].flags >> NAME_SHIFT);
        let shape = |i: usize| shape_of(capitals(forms[i].text), names, words);
        let named = names != 0;
        // The name of a body keeps its capitals; otherwise the usual
        // well-formed form is the reference.
        let title = group
            .iter()
            .copied()
            .filter(|&i| shape(i) == Shape::Title)
            .max_by_key(|&i| forms[i].count);
        let body = !named && title.is_some() && names_a_body(&lower, words);
        let chosen = match title {
            Some(title) if body => Some((title, false)),
            // Well-formed forms first, then the most frequent; between
            // two as frequent, a capital at the front only ("Economic
            // growth") gives way to the title or the lower case.
            _ => reference_of(forms, &group, |form| {
                let shape = shape_of(capitals(form.text), names, words);
                (shape.well_formed(), form.count, shape != Shape::Prefix)
            })
            .filter(|&(reference, _)| shape(reference).well_formed()),
        };
        let Some((reference, tie)) = chosen else {
            continue;
        };
        let usual = shape(reference);
        // The name of a body nowhere written in title case: its proper form
        // is unknown, and lower case is no fix for a stray capital in it.
        let tie = tie || (!named && title.is_none() && names_a_body(&lower, words));
        for &form in &group {
            let flags = forms[form].flags;
            let explained = flags & EXPLAINED != 0;
            // A reference written only inside longer names ("European
            // Economic Area") says nothing of the phrase on its own.
            let reference_explained = forms[reference].flags & UNEXPLAINED == 0;
            // Against lower case, a capital at the front counts only on one
            // word well inside a sentence ("our Economic system"; not
            // "Social Security system"), and no capital the house style puts
            // on the word alone counts.
            let against_lower = usual != Shape::Lower
                || (flags & STYLE == 0
                    && (shape(form) != Shape::Prefix
                        || (flags & AFTER_WORD != 0
                            && capitals(forms[form].text).count_ones() == 1)));
            if form != reference
                && (!explained || usual == Shape::Title)
                && (!reference_explained || explained)
                && against_lower
                && reported(shape(form), usual, named, body)
            {
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
) -> Neighbour {
    let at = |k: isize| {
        usize::try_from(i as isize + k)
            .ok()
            .and_then(|k| tokens.get(k).map(|t| (k, t)))
    };
    let Some((_, gap)) = at(step) else {
        return Neighbour::None;
    };
    let neighbour = if gap.is_blank() {
        at(2 * step)
    } else {
        at(step)
    };
    let capitalised = |(k, t): (usize, &Token)| {
        // An acronym before a name ("the UN Security Council", "OAS") owns
        // it: the name is still written in its own capitals.
        t.is_word() && !initial(k) && t.shape == WordShape::Capitalized
    };
    let Some((k, t)) = neighbour else {
        return Neighbour::None;
    };
    // A dotted abbreviation before it ("the U.S. Government Rights
    // clause") leads a longer name as an acronym does.
    let dotted = step < 0
        && t.text(text) == "."
        && k >= 1
        && tokens[k - 1].is_word()
        && tokens[k - 1].text(text).len() == 1
        && tokens[k - 1].shape != WordShape::Lower;
    if dotted || capitalised((k, t)) {
        return Neighbour::Adjacent;
    }
    // One connecting word inside a longer name ("Economic Community of West
    // African States", "White House Conference on Child Care", "European
    // Economic and Monetary Union"), then a capitalised word.
    let through = t.is_word()
        && t.shape == WordShape::Lower
        && CONNECTORS.contains(&t.text(text))
        && tokens
            .get(k.wrapping_add_signed(step))
            .is_some_and(|g| g.is_blank())
        && tokens
            .get(k.wrapping_add_signed(2 * step))
            .is_some_and(|next| {
                capitalised((k.wrapping_add_signed(2 * step), next))
                    && !words::is_calendar_name(next.text(text))
            });
    if through {
        Neighbour::ThroughConnector
    } else {
        Neighbour::None
    }
}

/// What stands next to a capitalised word of a term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Neighbour {
    None,
    /// A capitalised word: "the UN Security Council".
    Adjacent,
    /// A connecting word, then a capitalised one: "Conference on Child".
    ThroughConnector,
}

/// Words that join the parts of a longer name ("Bank of England", "Child
/// Care and Development", "Conference on Aging"); not "in" or "to", which
/// lead to a place or a time after the name ("the Assembly in New York").
const CONNECTORS: &[&str] = &["and", "for", "of", "on", "per"];

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
    // The constants of code ("returns True"), not words of a term.
    letters && !crate::words::is_function_word(word) && !matches!(word, "True" | "False" | "Null")
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
    let dictionary = crate::dictionary::Dictionary::builtin();
    let mut found: Vec<Occurrence> = Vec::new();
    // The lower-case forms of the terms with a capital, and their words.
    let mut capitalised: FxHashSet<[u32; MAX_WORDS]> = FxHashSet::default();
    let mut filter = prose::WordFilter::default();
    // The word indices of a run, and per word: its number, whether the
    // document also writes it in lower case, and whether it is ordinary.
    let mut run: Vec<usize> = Vec::new();
    let mut words: Vec<(u32, bool, bool)> = Vec::new();
    // Terms that lead with a name word: their key, capitals, occurrence
    // and the numbers of their capitalised words (for the others, beside
    // `found`); the words capitalised alone after a determiner.
    let mut named: Vec<([u32; MAX_WORDS], u8, Occurrence, [u32; MAX_WORDS])> = Vec::new();
    let mut found_ids: Vec<[u32; MAX_WORDS]> = Vec::new();
    let mut style: FxHashMap<u32, u32> = FxHashMap::default();
    let sentences = || {
        doc.paragraphs()
            .iter()
            .filter(|paragraph| !prose::is_title_paragraph(doc, paragraph))
            .flat_map(|paragraph| {
                &doc.sentences()
                    [paragraph.sentences.start as usize..paragraph.sentences.end as usize]
            })
            .map(|sentence| (doc.tokens_in(&sentence.tokens), sentence.paragraph))
            .filter_map(|(tokens, paragraph)| {
                Some((tokens, tokens.iter().position(|t| t.is_word())?, paragraph))
            })
    };
    let headings = Headings::of(doc);
    let mut cited: Vec<bool> = Vec::new();
    for (tokens, first_word, paragraph) in sentences() {
        let initial = |k: usize| {
            prose::is_initial_word(text, tokens, first_word, k)
                || after_reference_cue(text, tokens, k)
        };
        headings.mark_citations(text, tokens, paragraph, &mut cited);
        let usable = |k: usize| !cited[k] && usable_in(text, doc, &caps, tokens, k);
        let mut done = 0;
        for i in first_word..tokens.len() {
            if i < done
                || tokens[i].shape != WordShape::Capitalized
                || !usable(i)
                || in_quoted_title(doc, tokens, i)
            {
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
            // "the Administration", "our Nation": a word capitalised on its
            // own after a determiner, by the house style, not in a term.
            let alone = |w: usize| {
                w >= 2
                    && tokens[w - 1].is_blank()
                    && DETERMINERS
                        .iter()
                        .any(|d| d.eq_ignore_ascii_case(tokens[w - 2].text(text)))
                    && !initial(w)
                    && (w == end || tokens[w + 2].shape != WordShape::Capitalized)
            };
            let lexicon = lexicon.get_or_insert_with(|| prose::Lexicon::new(doc));
            for w in (start..=end).step_by(2) {
                if tokens[w].shape == WordShape::Capitalized && alone(w) {
                    *style.entry(lexicon.id(&tokens[w])).or_insert(0) += 1;
                }
            }
            if end == start {
                continue;
            }
            run.clear();
            run.extend((start..=end).step_by(2));
            words.clear();
            words.extend(run.iter().map(|&w| {
                let token = &tokens[w];
                let id = lexicon.id(token);
                let word = token.text(text);
                // A dictionary word the text also writes in lower case is
                // ordinary even when it could be Pinyin ("Care", "Long").
                let ordinary = token.shape == WordShape::Lower
                    || lexicon.is_ordinary(word)
                    || (prose::with_lowercase(word, |lower| lexicon.is_written_lower(lower))
                        && dictionary.has_lower_case_entry(word));
                (id, lexicon.id_written_lower(id), ordinary)
            }));
            let capital = |w: usize| tokens[w].shape == WordShape::Capitalized;
            for first in 0..run.len() {
                let w = run[first];
                // A term may lead with name words ("European Union"), whose
                // capital says nothing even at a sentence start.
                let name_start = !words[first].2;
                if (initial(w) && !name_start)
                    || COMPASS.contains(&tokens[w].text(text).to_ascii_lowercase().as_str())
                {
                    continue;
                }
                let after_word = w >= 2
                    && tokens[w - 1].is_blank()
                    && tokens[w - 2].is_word()
                    && matches!(
                        tokens[w - 2].shape,
                        WordShape::Lower | WordShape::Capitalized
                    );
                // Inside a longer name ("the UN Security Council"), a
                // capital says nothing against the lower-case phrase.
                let neighbour_before = if capital(w) {
                    capitalised_neighbour(text, tokens, initial, w, -1)
                } else {
                    Neighbour::None
                };
                let mut leading_names = usize::from(name_start);
                for last in first + 1..run.len().min(first + MAX_WORDS) {
                    // A name word after an ordinary one ("western Europe",
                    // "president Xi") ends the term: a description before a
                    // name is not part of it.
                    if !words[last].2 {
                        if leading_names == last - first {
                            leading_names += 1;
                            continue;
                        }
                        break;
                    }
                    let neighbour_after = if capital(run[last]) {
                        capitalised_neighbour(text, tokens, initial, run[last], 1)
                    } else {
                        Neighbour::None
                    };
                    // Through a connecting word only a term in title case
                    // is part of a longer name ("Conference on Child Care";
                    // not "a safe Haven for Al Qaida").
                    let title_case = run[first..=last].iter().all(|&w| capital(w));
                    let explained = [neighbour_before, neighbour_after].iter().any(|n| {
                        *n == Neighbour::Adjacent
                            || (*n == Neighbour::ThroughConnector && title_case)
                    });
                    // Terms all in lower case are found below.
                    if !run[first..=last].iter().any(|&w| capital(w)) {
                        continue;
                    }
                    // "the Civil Service system", "the West African states":
                    // a longer name, then a common noun after it. The
                    // capitals are the name's, and the noun is no word of
                    // it (unless it names a body: "White House conference"
                    // may be a slip for the Conference).
                    let capitals_end = run[first..=last]
                        .iter()
                        .position(|&w| !capital(w))
                        .unwrap_or(last - first + 1);
                    let name_then_noun = neighbour_before == Neighbour::Adjacent
                        && capitals_end <= last - first
                        && run[first + capitals_end..=last]
                            .iter()
                            .all(|&w| !capital(w))
                        && capitalised_neighbour(text, tokens, initial, run[last], 1)
                            == Neighbour::None
                        && BODY_NOUNS
                            .binary_search(&tokens[run[last]].text(text))
                            .is_err();
                    if name_then_noun {
                        continue;
                    }
                    // "the Exception class", "Hook classes": the name of a
                    // class or function of the code, before the kind of
                    // thing it is, keeps the code's capital.
                    if last == first + 1
                        && capital(w)
                        && !capital(run[last])
                        && CODE_KINDS.contains(&tokens[run[last]].text(text))
                        && is_code_name(text, tokens[w].text(text))
                    {
                        continue;
                    }
                    // "the newly united Kingdom of Italy": a participle
                    // after an adverb in "-ly" describes the name.
                    if !capital(w)
                        && w >= 2
                        && tokens[w - 1].is_blank()
                        && tokens[w].text(text).ends_with("ed")
                        && crate::words::is_ly_adverb(tokens[w - 2].text(text))
                    {
                        continue;
                    }
                    let mut flags = if explained { EXPLAINED } else { UNEXPLAINED };
                    if after_word {
                        flags |= AFTER_WORD;
                    }
                    let mut key = [NO_WORD; MAX_WORDS];
                    let mut capital_ids = [NO_WORD; MAX_WORDS];
                    let mut caps = 0u8;
                    for (k, facts) in words[first..=last].iter().enumerate() {
                        if k < leading_names {
                            flags |= 1 << (k as u8 + NAME_SHIFT);
                        }
                        if capital(run[first + k]) {
                            caps |= 1 << k;
                            if k >= leading_names {
                                capital_ids[k] = facts.0;
                            }
                        }
                        key[k] = facts.0;
                    }
                    let span = tokens[w].span.cover(tokens[run[last]].span);
                    let occurrence = Occurrence { span, flags };
                    if leading_names > 0 {
                        named.push((key, caps, occurrence, capital_ids));
                        continue;
                    }
                    capitalised.insert(key);
                    for &w in &run[first..=last] {
                        prose::with_lowercase(tokens[w].text(text), |lower| filter.insert(lower));
                    }
                    found.push(occurrence);
                    found_ids.push(capital_ids);
                }
            }
        }
    }
    // Terms whose every capital (past leading names) is a word the house
    // style capitalises on its own.
    let styled = |ids: &[u32; MAX_WORDS]| {
        !style.is_empty()
            && ids.iter().any(|&id| id != NO_WORD)
            // Twice at least: once may be the variant itself.
            && ids
                .iter()
                .all(|&id| id == NO_WORD || style.get(&id).is_some_and(|&n| n >= 2))
    };
    for (occurrence, ids) in found.iter_mut().zip(&found_ids) {
        if styled(ids) {
            occurrence.flags |= STYLE;
        }
    }
    // Terms that lead with a name word are never in lower case as a whole:
    // only those the document writes with two patterns of capitals count.
    if !named.is_empty() {
        let mut patterns: FxHashMap<[u32; MAX_WORDS], (u8, bool)> = FxHashMap::default();
        for &(key, caps, _, _) in &named {
            let entry = patterns.entry(key).or_insert((caps, false));
            entry.1 |= entry.0 != caps;
        }
        found.extend(
            named
                .iter()
                .filter(|(key, _, _, _)| patterns.get(key).is_some_and(|&(_, varied)| varied))
                .map(|&(_, _, mut occurrence, ids)| {
                    if styled(&ids) {
                        occurrence.flags |= STYLE;
                    }
                    occurrence
                }),
        );
    }
    // Lower-case terms count only where the document writes them with a
    // capital somewhere.
    if capitalised.is_empty() {
        return found;
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
    for (tokens, first_word, paragraph) in sentences() {
        headings.mark_citations(text, tokens, paragraph, &mut cited);
        for i in first_word..tokens.len() {
            if tokens[i].shape != WordShape::Lower {
                continue;
            }
            let first = id_of(&tokens[i]);
            if first.0 == NOT_IN_A_TERM
                || cited[i]
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
                && !cited[last + 2]
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
                let span = tokens[i].span.cover(tokens[last].span);
                found.push(Occurrence {
                    span,
                    flags: UNEXPLAINED,
                });
            }
        }
    }
    found
}

/// The kinds of things of a program that a name of its code comes before
/// ("the Exception class", "the Cast function", "Hook classes").
const CODE_KINDS: &[&str] = &[
    "class",
    "classes",
    "constructor",
    "enum",
    "enums",
    "function",
    "functions",
    "interface",
    "interfaces",
    "method",
    "methods",
    "struct",
    "structs",
    "trait",
    "traits",
    "type",
    "types",
];

/// Whether the document writes `word` as a part of its code somewhere:
/// glued to letters before it ("SyncHook", "BaseException"), after a dot,
/// a colon or a backtick ("Value.Cast", "`Cast"), or before a bracket, a
/// colon or a backtick ("Cast(", "Fraction::").
fn is_code_name(text: &str, word: &str) -> bool {
    /// Places looked at, at most: a word the code uses shows early.
    const MAX_PLACES: usize = 256;
    text.match_indices(word).take(MAX_PLACES).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        before.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '`'))
            || after.is_some_and(|c| matches!(c, '(' | ':' | '`'))
    })
}

/// Words that introduce the title of a section or chapter, written in
/// sentence case: "see section Special method names", "see Formatted
/// string literals". The title's first capital says nothing.
const REFERENCE_CUES: &[&str] = &["chapter", "chapters", "section", "sections", "see"];

/// Participles that cite a section by its title after "in": "described in
/// Command line and environment", "documented in Data model".
const CITING_PARTICIPLES: &[&str] = &[
    "covered",
    "described",
    "discussed",
    "documented",
    "explained",
];

/// Whether `tokens[k]` follows a word of [`REFERENCE_CUES`], or a
/// [`CITING_PARTICIPLES`] word and "in".
fn after_reference_cue(text: &str, tokens: &[Token], k: usize) -> bool {
    let word = |j: usize| tokens[j].text(text);
    let cited_in = k >= 4
        && tokens[k - 1].is_blank()
        && word(k - 2) == "in"
        && tokens[k - 3].is_blank()
        && CITING_PARTICIPLES.contains(&word(k - 4));
    cited_in
        || (k >= 2
            && tokens[k - 1].is_blank()
            && REFERENCE_CUES
                .iter()
                .any(|cue| cue.eq_ignore_ascii_case(word(k - 2))))
}

/// Longest quoted title, in words.
const QUOTED_TITLE_WORDS: usize = 12;

/// Whether `tokens[k]` is inside a quoted title: a quotation of at most
/// [`QUOTED_TITLE_WORDS`] words that opens on a capital and holds no full
/// stop, question or exclamation mark (“Filling in the sources.list File”,
/// “Description: the control File”). A title keeps its own capitals.
fn in_quoted_title(doc: &Document, tokens: &[Token], k: usize) -> bool {
    let text = doc.text();
    // A full stop ends a sentence before a space or the end, not inside
    // a file name ("sources.list").
    let stops = |j: usize| {
        let mark = tokens[j].text(text);
        matches!(mark, "!" | "?")
            || (mark == "." && tokens.get(j + 1).is_none_or(|next| next.is_blank()))
    };
    let mut words = 0;
    let mut open = None;
    for j in (0..k).rev() {
        let t = &tokens[j];
        if t.kind == TokenKind::Punct {
            if crate::words::opens_quote(doc, t) {
                open = Some(j);
                break;
            }
            if crate::words::closes_quote(doc, t) || stops(j) {
                return false;
            }
        } else if t.is_word() {
            words += 1;
            if words > QUOTED_TITLE_WORDS {
                return false;
            }
        }
    }
    let Some(open) = open else {
        return false;
    };
    if tokens
        .get(open + 1)
        .is_none_or(|t| t.shape != WordShape::Capitalized)
    {
        return false;
    }
    for (j, t) in tokens.iter().enumerate().skip(k + 1) {
        if t.kind == TokenKind::Punct {
            if crate::words::closes_quote(doc, t) {
                return true;
            }
            if crate::words::opens_quote(doc, t) || stops(j) {
                return false;
            }
        } else if t.is_word() {
            words += 1;
            if words > QUOTED_TITLE_WORDS {
                return false;
            }
        }
    }
    false
}

/// Whether `tokens[k]` can be a word of a term: a content word, not part of
/// a hyphenated word ("Grass-roots"), not on a line in capitals.
/// A heading's tokens but spaces, and its paragraph when the line may be
/// running text too.
type Heading<'a> = (Vec<&'a str>, Option<u32>);

/// The headings of a document, as the words a cross-reference to one cites
/// ("see Control files and their fields", "This section has moved to
/// Shared libraries", "described on The shlibs File Format"): a section's
/// title keeps the heading's capitals wherever it is cited.
struct Headings<'a> {
    /// Each heading's words, without its number or a note in brackets
    /// after it ("(from old Packaging Manual)"), by its first word; with
    /// the heading's paragraph when it is a line that may be running text
    /// instead (no title, but no closing punctuation either).
    by_first_word: FxHashMap<&'a str, Vec<Heading<'a>>>,
}

impl<'a> Headings<'a> {
    /// Headings of two words or more, led by a capital.
    fn of(doc: &'a Document) -> Self {
        let text = doc.text();
        let mut by_first_word: FxHashMap<&str, Vec<Heading>> = FxHashMap::default();
        for (index, paragraph) in doc.paragraphs().iter().enumerate() {
            // A title is one line, and a line without closing punctuation
            // ("5. Control files and their fields") may be one in plain
            // text even in sentence case: cited word for word, it is.
            let line = doc.slice(paragraph.span).trim_end();
            let title = prose::is_title_paragraph(doc, paragraph);
            if paragraph.lines.len() != 1
                || (!title && line.ends_with(['.', '!', '?', ':', ';', ',']))
            {
                continue;
            }
            // Such a line is still read as running text where it stands.
            let own_paragraph = (!title).then_some(index as u32);
            // Its tokens but spaces, past a section number ("8.6.4.2.").
            let words: Vec<&str> = doc
                .tokens_in(&paragraph.tokens)
                .iter()
                .filter(|t| !t.is_blank())
                .skip_while(|t| t.kind == TokenKind::Number || t.text(text) == ".")
                .take_while(|t| t.text(text) != "(")
                .map(|t| t.text(text))
                .collect();
            let Some(first) = words.first() else {
                continue;
            };
            let word_count = words
                .iter()
                .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
                .count();
            if word_count < 2 || !first.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            // The title before a dash is cited on its own too ("see also
            // Virtual packages" for "Virtual packages - Provides").
            let dash = words.iter().position(|w| matches!(*w, "-" | "–" | "—"));
            if let Some(dash) = dash.filter(|&dash| dash >= 2) {
                by_first_word
                    .entry(first)
                    .or_default()
                    .push((words[..dash].to_vec(), own_paragraph));
            }
            by_first_word
                .entry(first)
                .or_default()
                .push((words, own_paragraph));
        }
        Headings { by_first_word }
    }

    /// Per token of `tokens` (one sentence of paragraph `paragraph`) into
    /// `cited`: whether it is in the whole of a heading cited word for
    /// word, with its capitals, elsewhere than the heading itself.
    fn mark_citations(&self, text: &str, tokens: &[Token], paragraph: u32, cited: &mut Vec<bool>) {
        cited.clear();
        cited.resize(tokens.len(), false);
        if self.by_first_word.is_empty() {
            return;
        }
        for (k, token) in tokens.iter().enumerate() {
            if token.shape != WordShape::Capitalized || cited[k] {
                continue;
            }
            let Some(headings) = self.by_first_word.get(token.text(text)) else {
                continue;
            };
            let end = headings
                .iter()
                .filter(|(_, own)| *own != Some(paragraph))
                .filter_map(|(words, _)| cited_through(text, &tokens[k..], words))
                .max();
            if let Some(end) = end {
                cited[k..=k + end].fill(true);
            }
        }
    }
}

/// Where `tokens` start with the tokens of a heading, `words` (words and
/// marks, spaces aside), in order: the index of the last one.
fn cited_through(text: &str, tokens: &[Token], words: &[&str]) -> Option<usize> {
    let mut wanted = words.iter().peekable();
    for (j, token) in tokens.iter().enumerate() {
        if token.is_blank() {
            continue;
        }
        if Some(&token.text(text)) != wanted.next() {
            return None;
        }
        if wanted.peek().is_none() {
            return Some(j);
        }
    }
    None
}

fn usable_in(
    text: &str,
    doc: &Document,
    caps: &prose::CapsLines,
    tokens: &[Token],
    k: usize,
) -> bool {
    let hyphen = |j: Option<usize>| {
        j.and_then(|j| tokens.get(j))
            .is_some_and(|t| crate::words::is_hyphen(t.text(text)))
    };
    term_word(text, &tokens[k])
        && !hyphen(k.checked_sub(1))
        && !hyphen(Some(k + 1))
        && !is_label(text, tokens, k)
        && !caps.contains(doc, tokens[k].span.start())
}

/// Names of keys on a keyboard that are no ordinary words ("Left Alt",
/// "press Enter"): a key's label keeps its capital.
const KEY_NAMES: &[&str] = &[
    "alt",
    "backspace",
    "ctrl",
    "del",
    "enter",
    "esc",
    "pgdn",
    "pgup",
    "shift",
    "spacebar",
    "tab",
];

/// Verbs of a user interface before the label of a key, a button or a menu
/// entry ("hit Enter", "choose Manual", "click Save").
const UI_VERBS: &[&str] = &[
    "choose",
    "chooses",
    "choosing",
    "click",
    "clicking",
    "clicks",
    "hit",
    "hitting",
    "press",
    "presses",
    "pressing",
    "select",
    "selecting",
    "selects",
    "tap",
    "type",
];

/// Whether `tokens[k]` is a label rather than a word of a term: a key's
/// name, a word after a verb of a user interface (a key, a button or a
/// menu entry, capitalised as on the screen), a word before a number
/// ("Chapter 5", "PEP 560": a numbered label), or a single letter (a
/// spaced-out word, "S t r e n g t h").
fn is_label(text: &str, tokens: &[Token], k: usize) -> bool {
    let word = tokens[k].text(text);
    if word.chars().nth(1).is_none() {
        return true;
    }
    if tokens[k].shape == WordShape::Capitalized
        && KEY_NAMES.iter().any(|key| key.eq_ignore_ascii_case(word))
    {
        return true;
    }
    let after_verb = k >= 2
        && tokens[k - 1].is_blank()
        && UI_VERBS
            .iter()
            .any(|verb| verb.eq_ignore_ascii_case(tokens[k - 2].text(text)));
    let before_number = matches!(tokens.get(k + 1..k + 3), Some([gap, next])
        if gap.is_blank() && next.kind == TokenKind::Number);
    // An option's letter and "for" ("s for Single binary package, m for
    // Multiple binary packages"): the entry of a menu.
    let after_option = k >= 4
        && tokens[k - 1].is_blank()
        && tokens[k - 2].text(text) == "for"
        && tokens[k - 3].is_blank()
        && tokens[k - 4].is_word()
        && tokens[k - 4].text(text).chars().nth(1).is_none();
    after_verb || before_number || after_option
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::{assert_no_lints, assert_unsafe_fix, flagged, lint};

    const RULE: InconsistentCapitalization = InconsistentCapitalization;

    #[test]
    fn section_cited_after_described_in() {
        // A section's title in sentence case after "described in".
        assert_no_lints(
            &RULE,
            "Body.\n\nWe read the command line first. The command line is short. All options are described in Command line and environment.",
        );
        // Without the citing words the capital is still a slip.
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nWe read the command line first. The command line is short. All options are in our Command line today.",
            ),
            ["Command line"]
        );
    }

    #[test]
    fn keys_menu_entries_and_numbered_labels_are_no_terms() {
        // A key's label, a menu entry after "choose", a numbered chapter
        // and a spaced-out word keep the capitals of the screen or label.
        assert_no_lints(
            &RULE,
            "Body.\n\nPress Left Alt+F4 to switch; hold the left Alt key. \
             If you do not want this, choose Manual from the menu; the choose manual \
             step is rare. The next Chapter 5 explains it; the next chapter is short. \
             Type s for Single binary package; a single binary package is small. \
             E x t r a S t r e n g t h and extra s t r e n g t h.",
        );
        // A stray capital in running text is still one.
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nThe next chapter opened, and the next Chapter closed.",
            ),
            ["next Chapter"]
        );
    }

    #[test]
    fn a_title_case_term_inside_a_longer_name() {
        // "Economic Community" is part of a longer name, joined by "of":
        // it says nothing of the phrase on its own.
        assert_no_lints(
            &RULE,
            "Body.\n\nThe Economic Community of Central States met. An Economic community needs trust.",
        );
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nThe Economic Community met. An Economic community needs trust.",
            ),
            ["Economic community"]
        );
        // Not through a connector for a capital flipped inside a phrase.
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nThe country was once a safe haven. It became a safe Haven for Al Qaida. No safe haven remains.",
            ),
            ["safe Haven"]
        );
    }

    #[test]
    fn code_constants_are_no_capitals() {
        assert_no_lints(
            &RULE,
            "Body.\n\nThe call any() returns True if one is true. The predicate returns true when it holds.",
        );
    }

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
    fn the_name_of_a_body_keeps_its_capitals() {
        // Written less often, the title case is still the proper form.
        let text = "Body.\n\nThe provincial party committee met. Chen, secretary of the Provincial Party Committee, spoke. The provincial party committee agreed.";
        assert_eq!(flagged(&RULE, text), ["provincial party committee"]);
        let found = lint(&RULE, text);
        // The label at the proper form, and one at the variant's second place.
        assert_eq!(found[0].labels.len(), 2);
        assert_eq!(
            &text[found[0].labels[0].span.range()],
            "Provincial Party Committee"
        );
        assert_unsafe_fix(
            &RULE,
            text,
            "Body.\n\nThe Provincial Party Committee met. Chen, secretary of the Provincial Party Committee, spoke. The Provincial Party Committee agreed.",
        );
        // Two-word terms in title and lower case are often deliberate.
        assert_no_lints(
            &RULE,
            "Body.\n\nWe will save Social Security. We need social security for all.",
        );
    }

    #[test]
    fn no_fix_lowers_a_name_never_written_in_full() {
        let found = lint(
            &RULE,
            "Body.\n\nThe provincial party Committee met. Later the provincial party committee rose.",
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].fix.is_none(), "{found:?}");
    }

    #[test]
    fn a_capital_flipped_without_a_title_case_form() {
        let text = "Body.\n\nWe fund public health. Our public Health budget grew. Rural public health matters.";
        assert_eq!(flagged(&RULE, text), ["public Health"]);
        assert_unsafe_fix(
            &RULE,
            text,
            "Body.\n\nWe fund public health. Our public health budget grew. Rural public health matters.",
        );
        let text = "Body.\n\nWe push Rural Revitalization. The rural Revitalization plan and Rural Revitalization work.";
        assert_eq!(flagged(&RULE, text), ["rural Revitalization"]);
        let text = "Body.\n\nWe push Rural Revitalization. The Rural revitalization plan and Rural Revitalization work.";
        assert_eq!(flagged(&RULE, text), ["Rural revitalization"]);
    }

    #[test]
    fn evidence_breaks_an_even_count() {
        // "Care" could be Pinyin, but the text writes "care": a word.
        let text = "Body.\n\nNo one should choose between keeping health Care and a job. We need child care and health care.";
        assert_eq!(flagged(&RULE, text), ["health Care"]);
        // Once each: a capital at the front only gives way.
        let text = "Body.\n\nWe seek in our Free enterprise system a home. The progress of our free enterprise economy.";
        assert_eq!(flagged(&RULE, text), ["Free enterprise"]);
        let text =
            "Body.\n\nI spoke to the General assembly of the OAS. The OAS General Assembly agreed.";
        assert_eq!(flagged(&RULE, text), ["General assembly"]);
        // Against a title case written only inside a longer name, the
        // phrase on its own is not compared.
        assert_no_lints(
            &RULE,
            "Body.\n\nTrade in the European Economic Area grew. We seek European economic integration.",
        );
    }

    #[test]
    fn a_capital_from_a_longer_name() {
        // "Minority Leader" before a name, "Reserve Board" after one: the
        // capitals belong to the longer name.
        let text = "Body.\n\nWe met Senate Minority leader Byrd and House Minority Leader Michel.";
        assert_eq!(flagged(&RULE, text), ["Minority leader"]);
        assert_no_lints(
            &RULE,
            "Body.\n\nThe Federal Reserve Board met. A reserve board of a bank met.",
        );
    }

    #[test]
    fn a_dotted_abbreviation_leads_a_longer_name() {
        // "U.S. Federal Register notice" is a name; the phrase on its own
        // keeps its lower case.
        assert_no_lints(
            &RULE,
            "Body.\n\nThe U.S. Federal Register notice applies. Any federal register of deeds differs.",
        );
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nThe federal register of deeds is open. A Federal register of deeds is kept."
            ),
            ["Federal register"]
        );
    }

    #[test]
    fn a_name_then_a_common_noun() {
        // "Merchant Marine" is a name; "the Merchant Marine fleet" is the
        // name and a noun, beside the "Office of Merchant Marine Fleet".
        assert_no_lints(
            &RULE,
            "Body.\n\nThe Office of Merchant Marine Fleet reported. The Merchant Marine fleet grew.",
        );
        // A noun naming a body may be the Conference itself.
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nThe White House Conference on Aging met. A White House conference followed.",
            ),
            ["House conference"]
        );
        // A stray capital on the noun is still reported.
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nWe meet the merchant fleet. The merchant Fleet grew. The merchant fleet sails.",
            ),
            ["merchant Fleet"]
        );
    }

    #[test]
    fn a_name_word_leads_the_term() {
        let text = "Body.\n\nTalks with the European Union went on. The European union said no. European Union officials left.";
        assert_eq!(flagged(&RULE, text), ["European union"]);
        assert_unsafe_fix(
            &RULE,
            text,
            "Body.\n\nTalks with the European Union went on. The European Union said no. European Union officials left.",
        );
        // The usual form of a generic phrase wins over a stray title case.
        let text = "Body.\n\nThe Chinese government met. The Chinese Government agreed. The Chinese government left.";
        assert_eq!(flagged(&RULE, text), ["Chinese Government"]);
        // One way throughout: nothing to compare.
        assert_no_lints(
            &RULE,
            "Body.\n\nThe European Union met. The European Union agreed. Chinese people spoke.",
        );
    }

    #[test]
    fn code_names_and_participles_before_names_are_fine() {
        // A class of the code, named before its kind.
        assert_no_lints(
            &RULE,
            "Body.\n\nDerive it from the Exception class. An exception class is a class. Another exception class, as in class E(BaseException).",
        );
        // Without the code, the capital is a slip.
        let text = "Body.\n\nDerive it from the Exception class. An exception class is a class. Another exception class.";
        assert_eq!(flagged(&RULE, text), ["Exception class"]);
        // A participle after an adverb in "-ly" describes the name.
        assert_no_lints(
            &RULE,
            "Body.\n\nThe United Kingdom grew. The United Kingdom voted. The newly united Kingdom of Italy.",
        );
        let text = "Body.\n\nThe United Kingdom grew. The United Kingdom voted. The once united Kingdom of Italy.";
        assert_eq!(flagged(&RULE, text), ["united Kingdom"]);
    }

    #[test]
    fn house_style_capitals_and_descriptions_are_fine() {
        // "the Administration": the word is capitalised on its own.
        assert_no_lints(
            &RULE,
            "Body.\n\nThe Administration acted. Our Administration met. A new Administration came, and a new administration left.",
        );
        // Capitals at the front: after a dash, or on two words.
        assert_no_lints(
            &RULE,
            "Body.\n\nWe act — Right now we act. We act right now. We save the Social Security system and the social security system.",
        );
        assert_no_lints(
            &RULE,
            "Body.\n\nIslands of the Western Pacific Ocean. Storms in the western Pacific grew.",
        );
    }

    #[test]
    fn titles_of_works_beside_a_generic_phrase_are_fine() {
        assert_no_lints(
            &RULE,
            "Body.\n\nHe played Grand Theft Auto all night. He was charged with grand theft auto twice.",
        );
        assert_no_lints(
            &RULE,
            "Body.\n\nShe wrote Distant Early Warning last year. The distant early warning line closed.",
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
    fn numbered_headings_quoted_titles_and_cited_sections_do_not_count() {
        let body = "The sources list file is read first. Edit the sources list file.";
        assert_no_lints(
            &RULE,
            &format!("Body.\n\n6.1.\u{a0}Filling in the sources list File\n\n{body} See Section 6.1, “Filling in the sources.list File”, or “Filling in the sources list File”."),
        );
        assert_no_lints(
            &RULE,
            "Body.\n\nSpecial method names are looked up on the type. See section Special method names. A special method name is a hook, and special method names start with underscores.",
        );
        // In running text the capital is still a variant.
        let text = format!("Body.\n\n{body} Then the sources list File is read again.");
        let found = flagged(&RULE, &text);
        assert_eq!(found, ["sources list File"]);
    }

    #[test]
    fn headings_cited_in_running_text_keep_their_capitals() {
        // A manual's cross-references name its sections as their headings
        // write them, in sentence case or title case, with or without
        // the part after a dash.
        let manual =
            "Body.\n\n4. Installed package files\n\nEvery package ships installed package files. \
            The installed package files are listed in one place.\n\n\
            7.2. The Lock File Format - locks\n\nThe lock file format is plain text. \
            Read Installed package files before you start, and consult The Lock File Format \
            to parse the lock file format, or see also The Lock File Format - locks.\n";
        assert_no_lints(&RULE, manual);
        // Outside a citation the stray capitals are still a variant, and a
        // heading written as a line of running text is still read.
        let text = format!("{manual}\nA tool may rewrite installed Package files at will.\n");
        assert_eq!(flagged(&RULE, &text), ["installed Package files"]);
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nThe installed package files differ. Old installed package files go.\n\n\
                 Then we compare Installed package files often\n"
            ),
            ["Installed package files"]
        );
    }

    #[test]
    fn seed_capitalisation_variants() {
        let text = include_str!("../../../../corpus/002_a1473f90297c5d0a.txt");
        let found = flagged(&RULE, text);
        for expected in [
            "municipal party Committee",
            "standing Committee",
            "municipal party committee",
        ] {
            assert!(found.contains(&expected), "{expected} in {found:?}");
        }
        assert!(!found.contains(&"Municipal Party Committee"), "{found:?}");
        // Written there in title case with a no-break space inside: the
        // lower-case form is the variant.
        let text = include_str!("../../../../corpus/004_87e956972208343d.txt");
        let found = flagged(&RULE, text);
        assert!(found.contains(&"provincial party committee"), "{found:?}");
        assert!(
            !found.iter().any(|f| f.starts_with("Provincial")),
            "{found:?}"
        );
    }
}
