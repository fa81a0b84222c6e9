use rustc_hash::FxHashSet;

use doclint_core::{Document, Token, TokenKind, WordShape};

use crate::consistency::{
    self, prose, reference_of, spelling_variants, ComparisonScope, Form, Occurrence, Verdict,
    Wording,
};

declare_rule! {
    /// ## What it does
    /// Flags a word spelt two ways: a compound in two of its three shapes,
    /// hyphenated, closed and spaced ("grass-roots" / "grassroots",
    /// "cross-border" / "cross border", "long-term" / "longterm"), or a word
    /// in its American and its British spelling ("organization" /
    /// "organisation", "center" / "centre"). The form written less often is
    /// reported at every place it is written, with a label at the usual form.
    ///
    /// Compounds are found in the text itself: a hyphenated word, and the
    /// same letters written as one word or as two. The spaced form is
    /// weighed, since two words are often a phrase of their own ("in the
    /// long term" beside "long-term plans"): it counts where it stands
    /// before a noun as a compound modifier does ("cross border trade", "an
    /// all time low", "well developed ports"), where its first part is a
    /// prefix that is no word ("non governmental"), for a spelled fraction
    /// ("two thirds"; not before an adverb in "-ly": "written in functional
    /// style usually" is a noun phrase), where the dictionary writes it as
    /// one common word
    /// ("cease fire": "ceasefire"), where its second part is a participle
    /// in "-ed" that takes no object ("faith based and local"), and where
    /// the document writes the compound both hyphenated and closed; never
    /// with a phrasal verb's particle ("set up committees") or a word such
    /// as "the" or "and" beside a hyphen used as a dash. American/British
    /// pairs come from SCOWL's spelling lists (`rules/wordlists/en-us-gb.tsv`,
    /// 2,826 pairs). A word capitalised by its position (a sentence start,
    /// after a colon, a heading) compares with the lower-case ones, and the
    /// fix keeps its capital; a word capitalised inside a name compares only
    /// with the capitalised ones ("World Trade Organization" / "Agriculture
    /// Organisation"), so "the Labour Party" beside "labor" keeps its
    /// spelling, unless the whole document is on the name's side: where
    /// its other paired words in lower case (two at least) are all of the
    /// name's variety, a lower-case word of the other one ("the Department
    /// of Defense" and "labor", "center" beside "our defence") compares
    /// with the name. A possessive ending is not part of the word ("a
    /// start-up's managers" is no spelling of "startups"), and letters
    /// glued to a comma, "=" or "+" are code ("u=rwx,g+rw,o-r"), as are
    /// the words of a plain-text line of configuration (braces, or a quoted
    /// value closed by ";": `server-name "servername";`). A
    /// hyphenated word that the document also writes as part of a path or
    /// a dotted name ("debian/package.bash-completion", "user/generic-array")
    /// is the name of a package or a file, and its ordinary words ("the bash
    /// completion feature") are no spelling of it. An adverb in "-ly" before
    /// a participle is never hyphenated ("a similarly named package"), and
    /// two words before a verb with its object ("the instruction set lacked
    /// a ...") or a modal ("the type system cannot") are a noun, not a
    /// modifier, as are two words ending a list item or a heading. A word
    /// its line also writes inside an identifier ("| ERR_CANCELED | ... is
    /// canceled", "`builtins`") echoes the code's spelling. A hyphenated name the text
    /// marks as one, the whole text of a link, of inline code or of a
    /// heading ("[critical-section]", "# generic-array"), is a package's
    /// name, no spelling of its ordinary words. Both spellings listed as
    /// values, side by side ("gray &mdash; grey") or each alone in a table
    /// cell, are two names, not a slip. (The same
    /// abbreviation dotted and undotted, "U.S." / "US", is
    /// `inconsistent-name`'s.)
    ///
    /// ## How the usual form is chosen
    /// The most frequent of the hyphenated and closed forms, or of the two
    /// spellings. The spaced form is never the usual one, and is reported
    /// only where the usual form is at least as frequent. A tie gets no fix.
    ///
    /// Scope: `document` by default, where a form is reported only within
    /// about 4,000 words of the usual form (a long file's distant sections
    /// are often by other hands); set `corpus` to compare every document of
    /// the run. In corpus scope a document contributes its hyphenated
    /// compounds and paired spellings, and the closed or open forms of the
    /// compounds it hyphenates somewhere itself.
    ///
    /// ## Why is this bad?
    /// A word spelt two ways in one text reads as carelessness, and it
    /// defeats search: a reader looking for "grassroots" misses
    /// "grass-roots". Machine translation produces both spellings freely.
    ///
    /// ## Example
    /// ```text
    /// Strengthen grassroots organizations ... rural grass-roots organizations ...
    /// the grassroots party committees
    /// ```
    /// Use instead:
    /// ```text
    /// ... rural grassroots organizations ...
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the fix writes the more frequent form, which a house style may
    /// not prefer. When two forms are equally frequent no fix is offered.
    pub struct InconsistentSpelling {
        id: "inconsistent-spelling",
        category: Consistency,
        severity: Warning,
        fix: Sometimes,
    }
}

/// Scope unless configured otherwise.
const DEFAULT_SCOPE: ComparisonScope = ComparisonScope::Document;

const WORDING: Wording = Wording {
    what: "word spelt two ways",
    keep_initial_case: true,
};

consistency::consistency_rule!(InconsistentSpelling);

/// The key every spelling of one word shares: the letters of a compound
/// without hyphen or space, or the American spelling of a paired word.
fn key_of(form: &str) -> String {
    if form.contains(['-', '‐', ' ']) {
        // A possessive is not a plural: "a start-up's managers" is no
        // spelling of "startups".
        let form = crate::words::strip_possessive(form).unwrap_or(form);
        return form.chars().filter(|c| c.is_alphabetic()).collect();
    }
    let lower = lower_initial(form);
    spelling_variants::american_of(&lower)
        .map(str::to_owned)
        .unwrap_or(lower)
}

/// `word` with its first letter in lower case ("Defense" -> "defense").
fn lower_initial(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// Flag of a paired word capitalised inside a name ("Department of
/// Defense"): compared only with the capitalised forms, since a name may
/// keep a spelling of its own ("the Labour Party" beside "labor").
const IN_NAME: u8 = 1;

/// Which forms a form is compared with: compounds and lower-case words
/// (with the words capitalised only by their position at a sentence start
/// or in a heading), or the words capitalised in names.
fn class_of(form: &Form) -> u8 {
    u8::from(form.flags & IN_NAME != 0)
}

/// Adverbs and particles that make an open form a phrase of its own ("build
/// up" beside "buildup", "well trained" beside "well-trained"), besides the
/// function words.
const OPEN_FORM_PARTICLES: &[&str] = &["away", "back", "down", "off", "out", "well"];

/// Spelled numbers and fractions: "two thirds", "one half".
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];
const FRACTIONS: &[&str] = &[
    "half", "halves", "third", "thirds", "quarter", "quarters", "fourth", "fourths", "fifth",
    "fifths", "sixth", "sixths", "seventh", "sevenths", "eighth", "eighths", "ninth", "ninths",
    "tenth", "tenths",
];

/// Prefixes that are no words of their own: spaced from the rest of a
/// compound ("non governmental", "co operation") they are a slip wherever
/// they stand.
const PREFIXES: &[&str] = &[
    "anti", "co", "inter", "intra", "macro", "micro", "mid", "multi", "non", "post", "pre", "re",
    "semi", "socio", "sub", "ultra",
];

/// Particles of phrasal verbs: "set up committees", "turn down offers" are
/// a verb and its particle before the object, not a spaced "set-up".
const PHRASAL_PARTICLES: &[&str] = &[
    "about", "along", "around", "away", "back", "down", "in", "off", "on", "out", "over",
    "through", "up",
];

/// The function words that begin or end a compound modifier ("after-school",
/// "all-time", "one-party", "stand-by", "well-being"); any other ("the",
/// "and", "is") beside a hyphen is a dash ("the world-the cities") or a
/// name ("is-interactive").
const MODIFIER_PARTS: &[&str] = &[
    "after", "all", "being", "by", "in", "off", "on", "one", "over",
];

/// Words after an open participle form that make it a verb: an object or
/// an agent ("the state owned the land", "a plan led by experts").
const VERB_OBJECTS: &[&str] = &[
    "a", "an", "by", "her", "him", "his", "it", "its", "me", "my", "our", "that", "the", "their",
    "them", "these", "this", "those", "us", "you", "your",
];

/// Both parts function words ("in to", "any way"): a phrase of its own.
fn particle_pair(first: &str, second: &str) -> bool {
    crate::words::is_function_word(first) && crate::words::is_function_word(second)
}

/// A second part in "-ed": a participle compound ("faith based", "military
/// backed") is one word, hyphenated or spaced. Not "-eed" ("high speed")
/// nor "hundred"; "-ing" is left out, as many such words are nouns ("byte
/// string", "office building").
fn is_participle(word: &str) -> bool {
    word.len() >= 5 && word.ends_with("ed") && !word.ends_with("eed") && word != "hundred"
}

/// Whether the dictionary writes the two parts as one common word
/// ("ceasefire", "peacekeeping", "workforce"): written apart, the compound
/// is broken wherever it stands. Rare entries ("longterm") do not count.
fn is_one_word(first: &str, second: &str) -> bool {
    const COMMON_RANK: u8 = 40;
    let mut joined = String::with_capacity(first.len() + second.len());
    joined.push_str(first);
    joined.push_str(second);
    crate::dictionary::Dictionary::builtin()
        .rank(&joined)
        .is_some_and(|rank| rank <= COMMON_RANK)
}

fn is_open(form: &str) -> bool {
    form.contains(' ')
}

fn verdicts(forms: &[Form]) -> Vec<Verdict> {
    let mut found = Vec::new();
    for group in consistency::groups_by(forms, |form| Some((class_of(form), key_of(form.text)))) {
        // The open form ("long time", "health care") is often a phrase of
        // its own: it is never the reference, and is reported only where the
        // reference is at least as frequent.
        let Some((reference, tie)) = reference_of(forms, &group, |form| !is_open(form.text)) else {
            continue;
        };
        if is_open(forms[reference].text) {
            continue;
        }
        found.extend(
            group
                .iter()
                .filter(|&&i| i != reference)
                // "Paralyzed" at a sentence start beside "paralyzed".
                .filter(|&&i| lower_initial(forms[i].text) != lower_initial(forms[reference].text))
                .filter(|&&i| !is_open(forms[i].text) || forms[i].count <= forms[reference].count)
                .map(|&form| Verdict {
                    form,
                    reference,
                    tie,
                    within_file: false,
                }),
        );
    }
    found
}

fn lower_word(text: &str, token: &Token) -> bool {
    token.is_word()
        && token.shape == WordShape::Lower
        && token
            .text(text)
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
}

/// A word's text and span without a possessive ending ("neighbors'",
/// "organization's").
fn without_possessive<'t>(text: &'t str, token: &Token) -> (&'t str, doclint_core::Span) {
    let word = token.text(text);
    let stem = crate::words::strip_possessive(word)
        .or_else(|| {
            word.strip_suffix(['\'', '’'])
                .filter(|stem| !stem.is_empty())
        })
        .unwrap_or(word);
    let span = doclint_core::Span::new(token.span.start(), token.span.start() + stem.len());
    (stem, span)
}

/// A paired word in title case ("Defense", "Organisation"), not joined to
/// other words by hyphens: an occurrence flagged [`IN_NAME`] unless it is
/// capitalised by its position (a sentence start, after a colon, in a
/// heading), where it compares with the lower-case words.
fn capitalised_pair(doc: &Document, i: usize) -> Option<Occurrence> {
    let text = doc.text();
    let tokens = doc.tokens();
    let token = &tokens[i];
    if !token.is_word() || token.shape != WordShape::Capitalized {
        return None;
    }
    let hyphen = |t: Option<&Token>| t.is_some_and(|t| crate::words::is_hyphen(t.text(text)));
    if hyphen(i.checked_sub(1).map(|p| &tokens[p])) || hyphen(tokens.get(i + 1)) {
        return None;
    }
    let (word, span) = without_possessive(text, token);
    if !word.chars().all(char::is_alphabetic) {
        return None;
    }
    if !prose::with_lowercase(word, |lc| spelling_variants::american_of(lc).is_some()) {
        return None;
    }
    let after_colon = tokens[..i]
        .iter()
        .rev()
        .find(|t| !t.is_blank())
        .is_some_and(|t| t.text(text) == ":");
    let by_position = after_colon || crate::words::capitalised_by_position(doc, i);
    Some(Occurrence {
        span,
        flags: if by_position { 0 } else { IN_NAME },
    })
}

/// A paired word's American spelling and whether `word` is the British one.
fn spelling_of(word: &str) -> Option<(&'static str, bool)> {
    let lower = lower_initial(word);
    spelling_variants::american_of(&lower).map(|american| (american, american != lower))
}

/// Lets a name's paired word compare with the lower-case words when the
/// whole document is on the name's side: "the Department of Defense" twice,
/// "labor", "center" and "program" in lower case, and one lower-case
/// "defence". A word in lower case is no name, so the name's spelling is
/// the document's own and "defence" the slip. The document's spelling
/// system is told by its other paired words in lower case: at least two,
/// all of the name's variety. A name against the document's variety ("the
/// Labour Party" in a text that writes "labor" and "center") keeps its own
/// spelling.
fn release_names(doc: &Document, found: &mut [Occurrence]) {
    // Per lower-case occurrence: its American spelling and variety.
    let mut lower: Vec<(&'static str, bool)> = Vec::new();
    for occurrence in found.iter().filter(|o| o.flags & IN_NAME == 0) {
        if let Some(spelling) = spelling_of(doc.slice(occurrence.span)) {
            lower.push(spelling);
        }
    }
    if lower.len() < 3 || !found.iter().any(|o| o.flags & IN_NAME != 0) {
        return;
    }
    for occurrence in found.iter_mut().filter(|o| o.flags & IN_NAME != 0) {
        let Some((american, british)) = spelling_of(doc.slice(occurrence.span)) else {
            continue;
        };
        let same_word = |variety: bool| lower.iter().any(|&(a, b)| a == american && b == variety);
        if !same_word(!british) || same_word(british) {
            continue;
        }
        let others = lower.iter().filter(|&&(a, _)| a != american);
        let (agree, disagree) = others.fold((0, 0), |(agree, disagree), &(_, b)| {
            if b == british {
                (agree + 1, disagree)
            } else {
                (agree, disagree + 1)
            }
        });
        if agree >= 2 && disagree == 0 {
            occurrence.flags &= !IN_NAME;
        }
    }
}

/// Hyphenated compounds, paired spellings, and the closed and open forms of
/// the compounds this document hyphenates.
fn occurrences(doc: &Document) -> Vec<Occurrence> {
    let text = doc.text();
    let tokens = doc.tokens();
    let mut found = Vec::new();
    // Hyphenated compounds: letters-hyphen-letters, all lower case.
    let mut hyphenated: FxHashSet<String> = FxHashSet::default();
    let mut singles: Vec<usize> = Vec::new();
    // The parts of the two-part compounds ("cross", "border").
    let mut pairs: FxHashSet<(&str, &str)> = FxHashSet::default();
    // Hyphenated words written in a path or a dotted name: names of code.
    let mut code_names: FxHashSet<String> = FxHashSet::default();
    for paragraph in doc.paragraphs() {
        let range = paragraph.tokens.start as usize..paragraph.tokens.end as usize;
        let mut i = range.start;
        while i < range.end {
            if !lower_word(text, &tokens[i]) {
                if let Some(occurrence) = capitalised_pair(doc, i) {
                    found.push(occurrence);
                }
                i += 1;
                continue;
            }
            let mut end = i;
            while end + 2 < range.end
                && tokens[end + 1].kind == TokenKind::Punct
                && crate::words::is_hyphen(tokens[end + 1].text(text))
                && lower_word(text, &tokens[end + 2])
            {
                end += 2;
            }
            // Glued to more letters, digits, hyphens, apostrophes or slashes:
            // not a plain compound.
            let glued = |t: Option<&Token>| {
                t.is_some_and(|t| {
                    !t.is_blank()
                        && (t.kind != TokenKind::Punct
                            || matches!(
                                t.text(text),
                                "-" | "‐" | "'" | "’" | "‘" | "/" | "&" | "_"
                            ))
                })
            };
            let before = i.checked_sub(1).map(|p| &tokens[p]);
            // Code: letters glued to a comma, an equals or a plus sign
            // ("u=rwx,g+rw,o-r" is no spelling of "or").
            let in_code = before.is_some_and(|t| matches!(t.text(text), "," | "=" | "+"));
            // A plural's possessive apostrophe ("neighbors' rights") ends
            // the word.
            let possessive = end == i
                && tokens
                    .get(end + 1)
                    .is_some_and(|t| matches!(t.text(text), "'" | "’"))
                && tokens.get(end + 2).is_none_or(|t| !t.is_word());
            // In a path or a dotted name ("package.bash-completion",
            // "user/generic-array/"): the name of a package or a file.
            let dotted = |mark: Option<usize>, word: Option<usize>| {
                mark.and_then(|m| tokens.get(m))
                    .is_some_and(|t| matches!(t.text(text), "." | "/"))
                    && word.and_then(|w| tokens.get(w)).is_some_and(Token::is_word)
            };
            if end > i
                && (dotted(i.checked_sub(1), i.checked_sub(2))
                    || dotted(Some(end + 1), Some(end + 2)))
            {
                code_names.insert(key_of(doc.slice(tokens[i].span.cover(tokens[end].span))));
                i = end + 1;
                continue;
            }
            if in_code || glued(before) || (!possessive && glued(tokens.get(end + 1))) {
                i = end + 1;
                continue;
            }
            if end > i {
                // Without a possessive ending ("a start-up's managers").
                let (_, last) = without_possessive(text, &tokens[end]);
                let span = tokens[i].span.cover(last);
                hyphenated.insert(key_of(doc.slice(span)));
                if end == i + 2 {
                    pairs.insert((tokens[i].text(text), tokens[end].text(text)));
                }
                found.push(Occurrence { span, flags: 0 });
            } else {
                singles.push(i);
                let (word, span) = without_possessive(text, &tokens[i]);
                if spelling_variants::american_of(word).is_some() {
                    found.push(Occurrence { span, flags: 0 });
                }
            }
            i = end + 1;
        }
    }
    release_names(doc, &mut found);
    code_names.extend(marked_names(text).map(key_of));
    if hyphenated.is_empty() {
        return without_code_names(doc, found, &code_names);
    }
    // Closed forms of those compounds, then open forms of the compounds the
    // document writes both hyphenated and closed.
    let mut closed: FxHashSet<&str> = FxHashSet::default();
    for &i in &singles {
        let word = tokens[i].text(text);
        if hyphenated.contains(word) {
            closed.insert(word);
            found.push(Occurrence {
                span: tokens[i].span,
                flags: 0,
            });
        }
    }
    // Whether `a` and `b` written together are a closed form (there are a
    // few at most: compared in place, without joining the two).
    let is_closed = |a: &str, b: &str| {
        closed
            .iter()
            .any(|c| c.len() == a.len() + b.len() && c.starts_with(a) && c.ends_with(b))
    };
    // Whether the word after `tokens[b]` is a lower-case content word: the
    // open form then modifies a noun as the hyphenated one does ("cross
    // border trade"), where "in the long term." is a phrase of its own.
    let paragraphs = doc.paragraphs();
    // Whether `tokens[a]` and `tokens[b]` are in one paragraph: the word
    // after a list item or a heading ("* A return to monkey patching" then
    // "* wrap process.cwd") is no noun the open form modifies.
    let same_paragraph = |a: usize, b: usize| {
        let at = paragraphs.partition_point(|p| p.tokens.end as usize <= a);
        paragraphs
            .get(at)
            .is_some_and(|p| (p.tokens.start as usize..p.tokens.end as usize).contains(&b))
    };
    let before_noun = |b: usize| {
        matches!(tokens.get(b + 1..b + 3), Some([gap, next])
            if gap.is_blank()
                && same_paragraph(b, b + 2)
                && next.is_word()
                // A modal verb after it makes it a subject: "the type
                // system cannot be used" ("can" is a function word).
                && next.text(text) != "cannot"
                && matches!(next.shape, WordShape::Lower | WordShape::Capitalized)
                && !crate::words::is_function_word(next.text(text))
                // An adverb after it is no noun: "written in functional
                // style usually" is a noun phrase of its own.
                && !crate::words::is_ly_adverb(next.text(text)))
    };
    // Whether the word after `tokens[b]` takes the open form as a verb
    // ("the state owned the land", "led by"): an object or an agent.
    let before_object = |b: usize| {
        matches!(tokens.get(b + 1..b + 3), Some([gap, next])
            if gap.is_blank() && next.is_word() && VERB_OBJECTS.contains(&next.text(text)))
    };
    // Whether the words after `tokens[b]` are a verb in "-ed" and its
    // object ("the instruction set lacked a ..."): the open form is the
    // verb's subject, a noun.
    let before_verb = |b: usize| {
        matches!(tokens.get(b + 1..b + 3), Some([gap, next])
            if gap.is_blank() && next.is_word() && is_participle(next.text(text)))
            && before_object(b + 2)
    };
    for pair in singles.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if b != a + 2 || !prose::word_gap(&tokens[a + 1..b]) {
            continue;
        }
        let particle = |i: usize| {
            let word = tokens[i].text(text);
            crate::words::is_function_word(word) || OPEN_FORM_PARTICLES.contains(&word)
        };
        let (first, second) = (tokens[a].text(text), tokens[b].text(text));
        // "a similarly named package": an adverb before a participle.
        if crate::words::is_ly_adverb(first) && is_participle(second) {
            continue;
        }
        if !pairs.contains(&(first, second)) {
            if is_closed(first, second) && !particle(a) && !particle(b) {
                found.push(Occurrence {
                    span: tokens[a].span.cover(tokens[b].span),
                    flags: 0,
                });
            }
            continue;
        }
        // "two thirds", "one half": a fraction is hyphenated as a noun too.
        let fraction = NUMBER_WORDS.contains(&first) && FRACTIONS.contains(&second);
        let particles = !fraction && (particle(a) || particle(b));
        let spaced_compound = if fraction {
            true
        } else if particles {
            // Before a noun a function word or "well" is part of the
            // modifier ("an all time low", "a one party system", "well
            // developed services", "after school programs"), unless the
            // second part is the particle of a phrasal verb ("set up
            // committees").
            before_noun(b)
                && !PHRASAL_PARTICLES.contains(&second)
                && !particle_pair(first, second)
                && [first, second]
                    .iter()
                    .all(|w| !crate::words::is_function_word(w) || MODIFIER_PARTS.contains(w))
        } else {
            (before_noun(b) && !before_verb(b))
                || PREFIXES.binary_search(&first).is_ok()
                || is_one_word(first, second)
                || (is_participle(second) && !before_object(b))
        };
        if spaced_compound || (!particles && is_closed(first, second)) {
            found.push(Occurrence {
                span: tokens[a].span.cover(tokens[b].span),
                flags: 0,
            });
        }
    }
    without_code_names(doc, found, &code_names)
}

/// `found` without the shapes of the compounds that are names of code,
/// and without the words on lines of code.
fn without_code_names(
    doc: &Document,
    mut found: Vec<Occurrence>,
    code_names: &FxHashSet<String>,
) -> Vec<Occurrence> {
    if !code_names.is_empty() {
        found.retain(|o| !code_names.contains(&key_of(doc.slice(o.span))));
    }
    without_listed_spellings(doc, &mut found);
    // A word the same line writes inside an identifier echoes the code's
    // spelling ("| ERR_CANCELED | ... is canceled", "`builtins`: allow
    // mangling of builtin properties"): the API's word, not the writer's.
    {
        let text = doc.text();
        // Occurrences come in text order: each line's identifiers are
        // gathered once.
        let mut line_identifiers: Option<(usize, Vec<String>)> = None;
        found.retain(|o| {
            let word = doc.slice(o.span);
            if word.contains(['-', '‐', ' ']) {
                return true;
            }
            let line = crate::words::line_bounds(doc, o.span);
            if line_identifiers
                .as_ref()
                .is_none_or(|(start, _)| *start != line.start)
            {
                line_identifiers = Some((line.start, identifiers_of(&text[line.clone()])));
            }
            let word = word.to_lowercase();
            !line_identifiers
                .as_ref()
                .is_some_and(|(_, names)| names.iter().any(|name| name.contains(&word)))
        });
    }
    // Markdown marks its code; plain text shows it by its punctuation.
    if doc.kind() == doclint_core::DocumentKind::PlainText {
        let text = doc.text();
        // Occurrences come in text order: each line is judged once.
        let mut known = crate::words::LastAnswer::default();
        found.retain(|o| {
            let line = crate::words::line_bounds(doc, o.span);
            let code = known.get(line.start, || is_code_line(&text[line.clone()]));
            !code
        });
    }
    found
}

/// Identifiers of code on `line`, in lower case: names with "_"
/// ("err_canceled"), in camel case ("preflightcontinue"), or between
/// backticks ("builtins"). A few at most: a line of prose names few.
fn identifiers_of(line: &str) -> Vec<String> {
    const MAX_IDENTIFIERS: usize = 64;
    if !line.contains(['_', '`']) && line.bytes().all(|b| !b.is_ascii_uppercase()) {
        return Vec::new();
    }
    let is_chunk = |c: char| c.is_alphanumeric() || c == '_';
    line.split('`')
        .enumerate()
        .flat_map(|(n, part)| {
            let in_backticks = n % 2 == 1;
            part.split(move |c: char| !is_chunk(c))
                .filter(move |chunk| {
                    let camel = chunk
                        .chars()
                        .zip(chunk.chars().skip(1))
                        .any(|(a, b)| a.is_lowercase() && b.is_uppercase());
                    !chunk.is_empty() && (in_backticks || camel || chunk.contains('_'))
                })
        })
        .take(MAX_IDENTIFIERS)
        .map(str::to_lowercase)
        .collect()
}

/// Whether `word` reads as the name of a package: lower-case letters and
/// digits joined by hyphens ("critical-section", "generic-array").
fn is_package_name(word: &str) -> bool {
    word.len() >= 3
        && word.contains('-')
        && !word.starts_with('-')
        && !word.ends_with('-')
        && word
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Hyphenated names the text marks as names: the whole text of a link or
/// of inline code ("[critical-section]", "`generic-array`") or of a
/// heading ("# generic-array", the package a README is about). A writer
/// marks a package's name so; the same words unmarked ("a critical section
/// implementation") are ordinary words, no spelling of it. One pass.
fn marked_names(text: &str) -> impl Iterator<Item = &str> {
    text.lines().flat_map(|line| {
        let heading = line
            .trim_start()
            .strip_prefix('#')
            .map(|rest| rest.trim_start_matches('#').trim());
        let code = line.split('`').skip(1).step_by(2);
        let mut links = Vec::new();
        let mut rest = line;
        while let Some(open) = rest.find('[') {
            let Some(close) = rest[open..].find(']') else {
                break;
            };
            links.push(&rest[open + 1..open + close]);
            rest = &rest[open + close + 1..];
        }
        heading
            .into_iter()
            .chain(code)
            .chain(links)
            .filter(|name| is_package_name(name))
    })
}

/// Most bytes between two spellings written side by side ("gray — grey",
/// "gray &mdash; grey", "color/colour").
const SIDE_BY_SIDE: usize = 16;

/// Whether `gap` joins two listed values: within one sentence, with one
/// word or mark at most between them ("gray, grey", "gray or grey",
/// "gray &mdash; grey"; not "its colour and its color").
fn side_by_side(gap: &str) -> bool {
    let words = gap
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .count();
    gap.len() <= SIDE_BY_SIDE && !gap.contains(['.', '!', '?', '\n']) && words <= 1
}

/// Drops the paired words written as listed values: both spellings side by
/// side on one line ("white, gray, grey"), or each alone in a cell of a
/// table ("| gray |" and "| grey |"). A writer who lists both names them
/// as two values (a library's colours, aliases), knowingly; it is no slip.
fn without_listed_spellings(doc: &Document, found: &mut Vec<Occurrence>) {
    let text = doc.text();
    let paired =
        |o: &Occurrence| !doc.slice(o.span).contains(['-', '‐', ' ']) && o.flags & IN_NAME == 0;
    // The word alone in a cell of a table row.
    let in_cell = |o: &Occurrence| {
        let line = crate::words::line_bounds(doc, o.span);
        let (before, after) = (
            &text[line.start..o.span.start()],
            &text[o.span.end()..line.end],
        );
        text[line.clone()].trim_start().starts_with('|')
            && before.trim_end().ends_with('|')
            && after.trim_start().starts_with('|')
    };
    let mut listed: FxHashSet<usize> = FxHashSet::default();
    // Per key, the first spelling written alone in a cell, and whether
    // another one is too.
    let mut cells: rustc_hash::FxHashMap<String, (String, bool)> = Default::default();
    let mut previous: Option<usize> = None;
    // In text order: the closed forms of compounds come after the rest.
    let mut order: Vec<usize> = (0..found.len()).filter(|&n| paired(&found[n])).collect();
    order.sort_unstable_by_key(|&n| found[n].span.start());
    for n in order {
        let o = &found[n];
        let word = doc.slice(o.span);
        if in_cell(o) {
            let entry = cells
                .entry(key_of(word))
                .or_insert_with(|| (lower_initial(word), false));
            entry.1 |= entry.0 != lower_initial(word);
        }
        if let Some(p) = previous {
            let before = &found[p];
            let gap = &text[before.span.end()..o.span.start()];
            if side_by_side(gap)
                && key_of(doc.slice(before.span)) == key_of(word)
                && lower_initial(doc.slice(before.span)) != lower_initial(word)
            {
                listed.extend([p, n]);
            }
        }
        previous = Some(n);
    }
    let mut n = 0;
    found.retain(|o| {
        let in_listed_cells =
            paired(o) && in_cell(o) && cells.get(&key_of(doc.slice(o.span))).is_some_and(|c| c.1);
        let keep = !listed.contains(&n) && !in_listed_cells;
        n += 1;
        keep
    });
}

/// A line of configuration or code in plain text: braces, or a quoted
/// value closed by a semicolon (`server-name "servername";`). Its words
/// are settings and values, not spellings.
fn is_code_line(line: &str) -> bool {
    line.contains(['{', '}']) || line.contains("\";")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::{assert_no_lints, assert_unsafe_fix, flagged, lint};

    const RULE: InconsistentSpelling = InconsistentSpelling;

    #[test]
    fn hyphenated_and_closed_compounds() {
        let text =
            "Title\n\nThe grassroots units met. Two grassroots teams and one grass-roots team.";
        assert_eq!(flagged(&RULE, text), ["grass-roots"]);
        let found = lint(&RULE, text);
        assert_eq!(
            found[0].message,
            "word spelt two ways: 'grass-roots' here, but 'grassroots' 2 times"
        );
        assert_eq!(&text[found[0].labels[0].span.range()], "grassroots");
        assert_unsafe_fix(
            &RULE,
            text,
            "Title\n\nThe grassroots units met. Two grassroots teams and one grassroots team.",
        );
    }

    #[test]
    fn marked_package_names_are_no_spellings() {
        use crate::test_utils::lint_markdown;
        // A link's text, inline code or a heading naming a package.
        let text = "# generic-array\n\nSee the [critical-section] docs and `critical-section` \
                    support. Provide a critical section implementation of the critical section \
                    kind. This crate implements generic array types, generic array kinds.\n";
        assert!(lint_markdown(&RULE, text).is_empty());
        // The same words unmarked are still a spelling.
        let text = "# Title\n\nSee the critical-section docs and critical-section \
                    support. Provide a critical section implementation.\n";
        let found = lint_markdown(&RULE, text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].span.range()], "critical section");
    }

    #[test]
    fn spellings_listed_as_values_are_no_slip() {
        use crate::test_utils::lint_markdown;
        // Two colours of a library: side by side, or each alone in a cell.
        let text = "# Colours\n\nblack &mdash; gray &mdash; grey &mdash; white\n\n\
                    | name | code |\n| --- | --- |\n| gray | 1 |\n| grey | 2 |\n\n\
                    Use gray text.\n";
        assert!(
            lint_markdown(&RULE, text).is_empty(),
            "{:?}",
            lint_markdown(&RULE, text)
        );
        // Apart in running text they are still a spelling.
        let text = "# Colours\n\nThe gray text. The gray frame and then a grey border.\n";
        let found = lint_markdown(&RULE, text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].span.range()], "grey");
    }

    #[test]
    fn open_form_counts_only_beside_both_others() {
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nA grass-roots move, a grass-roots plan, grass roots and grassroots."
            ),
            ["grass roots", "grassroots"]
        );
        // "long term" beside "long-term" is grammar: not reported.
        assert_no_lints(&RULE, "Body.\n\nA long-term plan for the long term.");
        assert_no_lints(&RULE, "Body.\n\nWe walk every day; it is an everyday walk.");
    }

    #[test]
    fn spaced_compound_before_a_noun() {
        let text = "Body.\n\nWe expand cross-border trade and cross-border travel. The cross border rail link opened.";
        assert_eq!(flagged(&RULE, text), ["cross border"]);
        assert_unsafe_fix(
            &RULE,
            text,
            "Body.\n\nWe expand cross-border trade and cross-border travel. The cross-border rail link opened.",
        );
        // A prefix spaced off is a slip wherever it stands.
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nThe non-governmental groups and non-governmental bodies were non governmental."
            ),
            ["non governmental"]
        );
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nTwo-thirds of voters and two-thirds of members; two thirds of all."
            ),
            ["two thirds"]
        );
        // A noun phrase of its own: "in the long term", "at a high level".
        assert_no_lints(
            &RULE,
            "Body.\n\nA long-term plan and long-term aims pay off in the long term. A high-level meeting was held at a high level.",
        );
    }

    #[test]
    fn spaced_compound_before_an_adverb_is_a_noun() {
        // "written in functional style usually": a noun phrase, beside the
        // hyphenated modifier.
        assert_no_lints(
            &RULE,
            "Body.\n\nUse functional-style code and functional-style tools. \
             Programs written in functional style usually avoid state.",
        );
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nHelp long-term jobless and long-term poor; help the long term unemployed enjoyed by few."
            ),
            ["long term"]
        );
        // Before a noun it is still the modifier, spaced.
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nUse functional-style code and functional-style tools. \
                 Write functional style programs."
            ),
            ["functional style"]
        );
    }

    #[test]
    fn spaced_compound_ending_a_list_item_or_before_a_modal_is_a_noun() {
        // The word after a list item starts the next item, and a modal
        // after the words makes them a subject.
        let items = "# Changes\n\nWe dropped tree-shaking helpers and tree-shaking hints.\n\n\
                     * Back to tree shaking\n* rename the cache\n\n\
                     The tree shaking cannot run twice.\n";
        assert!(
            crate::test_utils::lint_markdown(&RULE, items).is_empty(),
            "{:?}",
            crate::test_utils::lint_markdown(&RULE, items)
        );
        // Before a noun of its own sentence it is still the modifier.
        let text = "# Changes\n\nWe dropped tree-shaking helpers and tree-shaking hints.\n\n\
                    * Back to tree shaking passes\n";
        let found = crate::test_utils::lint_markdown(&RULE, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&text[found[0].span.range()], "tree shaking");
    }

    #[test]
    fn a_word_echoing_an_identifier_on_its_line_is_the_codes() {
        // The prose beside a constant or an option repeats its spelling.
        assert_no_lints(
            &RULE,
            "Body.\n\nA cancelled job stops. A cancelled task stops.\n\n\
             | JOB_CANCELED | The job was canceled by the user. |\n\n\
             - `defaultBehaviour`: the behaviour of the merge. The behavior is kept.\n",
        );
        // The same word with no identifier on its line is still a slip.
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nA cancelled job stops. A cancelled task stops. The job was canceled by the user."
            ),
            ["canceled"]
        );
    }

    #[test]
    fn settings_on_lines_of_configuration_are_no_spellings() {
        assert_no_lints(
            &RULE,
            "Body.\n\nhost client { filename \"/boot.img\"; server-name \"servername\"; }\n\n\
             Change the servername option.",
        );
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nA server-name is needed. Each server-name is short. The servername is set."
            ),
            ["servername"]
        );
    }

    #[test]
    fn spaced_compound_by_its_words() {
        // A function word or "well" inside a modifier before a noun.
        let text = "Body.\n\nA one-party state, a one-party rule; a one party system. Well-developed roads, well-developed ports and well developed services.";
        assert_eq!(flagged(&RULE, text), ["one party", "well developed"]);
        // A hyphen used as a dash, or a package name, is no compound.
        assert_no_lints(
            &RULE,
            "Body.\n\nWe built the world-the cities and the world-the roads. The world the cities need. Use is-interactive and is-interactive, or is interactive shells.",
        );
        // A phrasal verb before its object, and a noun phrase, stay quiet.
        assert_no_lints(
            &RULE,
            "Body.\n\nThe set-up costs and set-up fees. They set up committees. An all-time high and all-time lows, for all time.",
        );
        // The dictionary writes it as one word: broken wherever it stands.
        let text =
            "Body.\n\nThe cease-fire held and a cease-fire was signed. A cease fire, which failed.";
        assert_eq!(flagged(&RULE, text), ["cease fire"]);
        assert_no_lints(
            &RULE,
            "Body.\n\nLong-term plans and long-term aims pay off in the long term.",
        );
        // A participle compound, unless the participle is a verb with an object.
        let text = "Body.\n\nFaith-based groups and faith-based schools. We fund groups that are faith based and local.";
        assert_eq!(flagged(&RULE, text), ["faith based"]);
        assert_no_lints(
            &RULE,
            "Body.\n\nState-owned firms and state-owned banks. The state owned the land. High-speed rail and high-speed links at high speed.",
        );
    }

    #[test]
    fn names_of_code_adverbs_and_subjects_are_no_compounds() {
        // A hyphenated word also written in a path or a dotted name is a
        // package's name; the same words as prose are no spelling of it.
        assert_no_lints(
            &RULE,
            "Body.\n\nAdd the bash completion feature. Install the bash-completion package, which reads debian/package.bash-completion.",
        );
        let text = "Body.\n\nInstall the bash-completion package and the bash-completion files. Add the bash completion feature.";
        assert_eq!(flagged(&RULE, text), ["bash completion"]);
        // An adverb in "-ly" before a participle is never hyphenated.
        assert_no_lints(
            &RULE,
            "Body.\n\nThe similarly-named tools and similarly-named files. Use the similarly named package.",
        );
        let text = "Body.\n\nFamily-owned firms and family-owned banks. A family owned business.";
        assert_eq!(flagged(&RULE, text), ["family owned"]);
        // Two words before a verb and its object are its subject, a noun.
        assert_no_lints(
            &RULE,
            "Body.\n\nThe instruction-set manual and instruction-set tables. The instruction set lacked a multiply.",
        );
        let text = "Body.\n\nThe instruction-set manual and instruction-set tables. The instruction set tables.";
        assert_eq!(flagged(&RULE, text), ["instruction set"]);
    }

    #[test]
    fn american_and_british_spellings() {
        let text =
            "Body.\n\nThe organization grew. The organization split. The organisation ended.";
        assert_eq!(flagged(&RULE, text), ["organisation"]);
        // A tie is reported without a fix.
        let tie = lint(&RULE, "Body.\n\nIts colour and its color.");
        assert_eq!(tie.len(), 1);
        assert!(tie[0].fix.is_none());
        // Names keep their spelling; different words are not variants.
        assert_no_lints(
            &RULE,
            "Body.\n\nThe Labour Party and organized labor. The World Food Programme program.",
        );
    }

    #[test]
    fn capitalised_and_possessive_spellings() {
        // Capitalised by its position, a word compares with the lower-case
        // ones, and the fix keeps its capital.
        let text = "Body.\n\nThe paralyzed man walked; paralyzed men too.\n\nParalysed in a crash, he walked.";
        assert_eq!(flagged(&RULE, text), ["Paralysed"]);
        assert_unsafe_fix(
            &RULE,
            text,
            "Body.\n\nThe paralyzed man walked; paralyzed men too.\n\nParalyzed in a crash, he walked.",
        );
        // A possessive ending is no part of the spelling.
        let text =
            "Body.\n\nOur neighbors' rights and our neighbors' lands. Their neighbours left.";
        assert_eq!(flagged(&RULE, text), ["neighbours"]);
        assert_unsafe_fix(
            &RULE,
            text,
            "Body.\n\nOur neighbors' rights and our neighbors' lands. Their neighbors left.",
        );
        // A word glued to a quotation mark inside a longer word is not one.
        assert_no_lints(&RULE, "Body.\n\nThe neighbors'ville and neighbours.");
        // Inside names, a word compares with the capitalised ones only.
        let text = "Body.\n\nThe World Trade Organization and the Organization of American States. The Food and Agriculture Organisation.";
        assert_eq!(flagged(&RULE, text), ["Organisation"]);
        assert_no_lints(
            &RULE,
            "Body.\n\nThe Labour Party met. Organized labor and labor unions. At the start: labor law.",
        );
    }

    #[test]
    fn one_finding_per_form_fixes_every_occurrence() {
        let text = "Body.\n\nThe grassroots met, the grassroots spoke, the grassroots left. A grass-roots plan, a grass-roots team.";
        let found = lint(&RULE, text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "word spelt two ways: 'grass-roots' here and once more, but 'grassroots' 3 times"
        );
        assert_eq!(
            found[0].labels.len(),
            2,
            "the reference and the second occurrence"
        );
        assert_unsafe_fix(
            &RULE,
            text,
            "Body.\n\nThe grassroots met, the grassroots spoke, the grassroots left. A grassroots plan, a grassroots team.",
        );
    }

    #[test]
    fn variants_far_apart_in_a_long_file_are_not_compared() {
        let filler = "The committee met and spoke at length about the harvest. ".repeat(500);
        let near = format!("Body.\n\nA grassroots plan and a grass-roots team.\n\n{filler}\n");
        assert_eq!(flagged(&RULE, &near).len(), 1);
        let far = format!("Body.\n\nA grassroots plan.\n\n{filler}\n\nA grass-roots team.\n");
        assert_no_lints(&RULE, &far);
    }

    #[test]
    fn possessives_and_code_are_no_spellings() {
        // "start-up's" is no spelling of "startups".
        assert_no_lints(
            &RULE,
            "Body.\n\nA start-up's managers. Many startups and more startups grew.",
        );
        assert_no_lints(
            &RULE,
            "Body.\n\nA start-up's managers, a start-up and another start-up.",
        );
        assert_eq!(
            flagged(
                &RULE,
                "Body.\n\nThe start-ups grew. Many startups and more startups grew."
            ),
            ["start-ups"]
        );
        // Letters glued to a comma or an operator are code.
        assert_no_lints(
            &RULE,
            "Body.\n\nThus u=rwx,g+rw,o-r gives the owner read or write, or neither, or both.",
        );
    }

    #[test]
    fn a_name_on_the_documents_side_decides_a_lower_case_word() {
        let text = "Body.\n\nThe Department of Defense and the Defense Secretary spoke. \
                    Organized labor, the center and the color of our defence.";
        assert_eq!(flagged(&RULE, text), ["defence"]);
        // A name against the document's variety keeps its own spelling.
        assert_no_lints(
            &RULE,
            "Body.\n\nThe Ministry of Defence and the Defence Secretary spoke. \
             Organized labor, the center and the color of our defense.",
        );
        // The document's variety agrees with the lower-case word.
        assert_no_lints(
            &RULE,
            "Body.\n\nThe Department of Defense and the Defense Secretary spoke. \
             Organised labour, the centre and the colour of our defence.",
        );
    }

    #[test]
    fn seed_grass_roots() {
        let text = include_str!("../../../../corpus/002_a1473f90297c5d0a.txt");
        let found = flagged(&RULE, text);
        assert!(!found.is_empty());
        assert!(found
            .iter()
            .all(|f| *f == "grass-roots" || *f == "grassroots"));
    }
}
