use doclint_core::{Diagnostic, Document, Edit, Fix, Span, TokenKind, WordShape};

use crate::dictionary::Dictionary;
use crate::rule::{Context, Rule, RuleMeta};
use crate::words::{
    is_function_word, is_glued, is_quoted_mention, is_sentence_start, linked_word,
    next_across_blanks,
};

/// Idioms of the form "X and X" ("more and more", "again and again").
/// Comparatives ("better and better", "louder and louder") are recognised
/// without being listed.
const REDUPLICATION_ALLOWED: &str =
    include_str!("../../../../rules/wordlists/reduplication-allow.txt");

/// Words English doubles on purpose: "what it is is …", "he had had
/// enough", "said that that was …", "gave her her book".
const GRAMMATICAL_DOUBLES: &[&str] = &["did", "do", "had", "her", "is", "that", "was"];

declare_rule! {
    /// ## What it does
    /// Flags a word written twice in a row ("the the"), also across a line
    /// break and whatever the case, and the machine-translation
    /// reduplication "X and X" ("an expert and expert leader",
    /// "Conscientiously and conscientiously").
    ///
    /// Grammatical doubles ("had had", "that that", "is is") are skipped, and
    /// so are names ("Bora Bora") and idioms ("more and more", "again and
    /// again", "on and on", comparatives such as "better and better"; the
    /// list is `rules/wordlists/reduplication-allow.txt`), doubled plurals
    /// ("millions and millions"), coordinated compounds ("fish and fish
    /// products"), emphatic chains ("tax and tax and spend and spend"), a
    /// first copy that ends a phrase of its own ("Federal employment and
    /// employment with contractors") and examples quoted with at most a few
    /// other words. Also skipped: emphatic doubles ("very very", "yada
    /// yada", "a long long time", "hush hush", any word three times in a
    /// row), letters spaced out ("A l l"),
    /// codes with digits, a copy glued into a compound or an address
    /// ("built-in in", "Beberg beberg@example.com") or a second copy that
    /// starts a hyphenated compound ("use in in-memory maps"), a name's
    /// last word before the same common noun ("the New World world
    /// population"), lines of code, commands
    /// or program output in plain text, and in "X and X" lone letters,
    /// copies in different case ("y and y", "foo and Foo": identifiers), a
    /// second copy that is a call ("bool and bool()") and an urgent adverb
    /// after it ("we must move and move now").
    /// Nor a phrasal verb's particle before the same preposition ("the
    /// money it took in in taxes"), a word alone on its line (a label)
    /// above a line that starts with it, operators named in a list ("the
    /// operators and and or") and a word the text uses as a parameter name
    /// in a signature ("set(self, instance, value)": "an instance instance"),
    /// or a keyword and its placeholder in a command's template after
    /// "syntax:" or "usage:" ("nft add rule table chain handle handle"),
    /// a placeholder the text names ("-T title … the window title title",
    /// "the package package … package-doc"), a series of three ("location,
    /// location and location"),
    /// and cells of a table's columns (copies parted by a tab, by three
    /// spaces or more, or by two on a line with another such gap).
    ///
    /// ## Why is this bad?
    /// A doubled word is a slip every reader notices. "X and X" is what a
    /// translation engine makes of a Chinese reduplication or of two
    /// synonyms it rendered alike ("an expert and professional leader").
    ///
    /// ## Example
    /// ```text
    /// We will strive to become an expert and expert leader.
    /// It was the the first meeting.
    /// ```
    /// Use instead:
    /// ```text
    /// We will strive to become an expert leader.
    /// It was the first meeting.
    /// ```
    ///
    /// ## Fix safety
    /// Safe for an adjacent duplicate: the second copy and the space before
    /// it are removed. None for "X and X": the intended second word is
    /// unknown.
    pub struct RepeatedWord {
        id: "repeated-word",
        category: Lexical,
        severity: Warning,
        fix: Sometimes,
    }
}

impl Rule for RepeatedWord {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        let tokens = doc.tokens();
        let text = doc.text();
        for (i, token) in tokens.iter().enumerate() {
            if token.kind != TokenKind::Word {
                continue;
            }
            let Some(next) = next_word_across_blanks(doc, i) else {
                continue;
            };
            let word = token.text(text);
            let second = tokens[next].text(text);
            if same_word(word, second) {
                if !is_grammatical_double(word)
                    && !is_name_pair(doc, i, next)
                    && !is_quoted_mention(doc, i, next)
                    && !is_deliberate_double(doc, i, next)
                    && !is_particle_then_preposition(doc, i)
                    && !is_stranded_preposition(doc, i)
                    && !is_label_line_then_text(doc, i, next)
                    && !is_mentioned_term(doc, i, next)
                    && !in_command_synopsis(doc, i)
                    && !are_table_cells(doc, i, next)
                {
                    let span = token.span.cover(tokens[next].span);
                    out.push(
                        Self::META
                            .diagnostic(span, format!("`{word}` is written twice"))
                            .with_help("remove the second copy")
                            .with_fix(Fix::safe(
                                "Remove the repeated word",
                                vec![Edit::delete(Span::new(
                                    token.span.end(),
                                    tokens[next].span.end(),
                                ))],
                            )),
                    );
                }
                continue;
            }
            if second.eq_ignore_ascii_case("and") {
                if let Some(repeat) = x_and_x(doc, i, next) {
                    let span = token.span.cover(tokens[repeat].span);
                    out.push(
                        Self::META
                            .diagnostic(
                                span,
                                format!("`{}` says the same word twice", doc.slice(span)),
                            )
                            .with_help(format!(
                                "say `{word}` once, or put the second word that was meant"
                            )),
                    );
                }
            }
        }
    }
}

/// The next word after word token `i` with only spaces and at most one
/// line break between, in the same paragraph.
fn next_word_across_blanks(doc: &Document, i: usize) -> Option<usize> {
    next_across_blanks(doc, i).filter(|&j| doc.tokens()[j].kind == TokenKind::Word)
}

fn same_word(a: &str, b: &str) -> bool {
    // Almost every pair differs in its first letter: two ASCII first bytes
    // settle it without a pass over either word.
    if let (Some(x), Some(y)) = (a.as_bytes().first(), b.as_bytes().first()) {
        if x.is_ascii() && y.is_ascii() && !x.eq_ignore_ascii_case(y) {
            return false;
        }
    }
    if a.len() != b.len() && (a.is_ascii() || b.is_ascii()) {
        return false;
    }
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .eq(b
            .chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c == '\u{2019}' { '\'' } else { c }))
}

/// Words doubled for emphasis or as sound ("very very", "far far more",
/// "yada yada", "bye bye", "etc etc", "ha ha", "a long long time", "way
/// way back", "hush hush", "wink wink, nudge nudge"), and C's type
/// "long long".
const EMPHATIC_DOUBLES: &[&str] = &[
    "aha", "bang", "bla", "blah", "boom", "bye", "chop", "etc", "far", "ha", "hah", "hee", "heh",
    "hey", "hip", "hmm", "ho", "hush", "knock", "la", "long", "many", "much", "na", "no", "now",
    "nudge", "oh", "ok", "okay", "pretty", "really", "so", "tick", "tsk", "tut", "very", "way",
    "well", "wink", "yada", "yea", "yeah", "yes", "yo",
];

/// Whether the adjacent copies at word tokens `first` and `second` are
/// written so on purpose or are not words of a sentence: an emphatic
/// double ("very very", "yeah yeah yeah": any word written three times in
/// a row), letters spaced out ("A l l"), codes with digits ("gnome2
/// gnome2"), a copy glued into a compound or an address ("built-in in",
/// "Beberg beberg@example.com"), or a line of code, a command or program
/// output in plain text ("-rw-r--r-- 1 john john").
fn is_deliberate_double(doc: &Document, first: usize, second: usize) -> bool {
    let tokens = doc.tokens();
    let text = doc.text();
    let word = tokens[first].text(text);
    let lower = word.to_lowercase();
    if EMPHATIC_DOUBLES.contains(&lower.as_str()) {
        return true;
    }
    let third =
        next_word_across_blanks(doc, second).is_some_and(|j| same_word(word, tokens[j].text(text)));
    let before = first
        .checked_sub(2)
        .filter(|&j| tokens[j].kind == TokenKind::Word && tokens[first - 1].is_blank());
    let third_before = before.is_some_and(|j| same_word(word, tokens[j].text(text)));
    if third || third_before {
        return true;
    }
    let lone_letter = word.chars().count() == 1 && !matches!(word, "a" | "A" | "I");
    if lone_letter || crate::words::has_digit(word) {
        return true;
    }
    // "snip snip circ circ": doubles in a row are play on sounds.
    let next_pair = next_word_across_blanks(doc, second).is_some_and(|j| {
        next_word_across_blanks(doc, j)
            .is_some_and(|k| same_word(tokens[j].text(text), tokens[k].text(text)))
    });
    let previous_pair = before.is_some_and(|j| {
        j.checked_sub(2).is_some_and(|k| {
            tokens[k].kind == TokenKind::Word
                && tokens[j - 1].is_blank()
                && same_word(tokens[j].text(text), tokens[k].text(text))
        })
    });
    if next_pair || previous_pair {
        return true;
    }
    // "for use in in-memory maps", "install apparmor apparmor-profiles":
    // the second copy starts a hyphenated compound, another word.
    let starts_compound = tokens.get(second + 1).is_some_and(|t| {
        crate::words::is_hyphen(t.text(text)) && t.span.start() == tokens[second].span.end()
    }) && tokens
        .get(second + 2)
        .is_some_and(|t| t.kind == TokenKind::Word);
    // "the New World world population": a capitalised copy mid-sentence
    // ends a name, the lower-case one after it is the common noun.
    let name_then_noun = tokens[first].shape == WordShape::Capitalized
        && tokens[second].shape == WordShape::Lower
        && !is_sentence_start(doc, first);
    starts_compound
        || name_then_noun
        || is_glued(tokens, text, first, true)
        || crate::words::in_address(tokens, text, second)
        || crate::words::in_code_like_line(doc, tokens[first].span.start())
        || crate::words::in_code_like_line(doc, tokens[second].span.start())
        || in_code_or_table(doc, first, second)
}

/// Chunks either side that [`in_code_or_table`] looks at, and how many of
/// them must read as code.
const CODE_REACH: usize = 5;
const CODE_CHUNKS: usize = 3;

/// "then mkdir $d/debian/patches; fi fi", "#2 primary 551.0 MB swap swap
/// #3": the copies sit among paths, options and numbered fields of a
/// command or a table flattened into running text, not in a sentence.
fn in_code_or_table(doc: &Document, first: usize, second: usize) -> bool {
    let tokens = doc.tokens();
    crate::words::code_like_chunks_in_line(
        doc,
        tokens[first].span.start(),
        tokens[second].span.end(),
        CODE_REACH,
    ) >= CODE_CHUNKS
}

/// Verbs that take a particle ("took in", "came out", "gave up"), in the
/// forms a phrasal verb is written with.
const PHRASAL_HEADS: &[&str] = &[
    "bring", "brought", "call", "came", "cash", "check", "come", "factor", "fill", "gave", "get",
    "give", "given", "got", "hand", "let", "log", "move", "pay", "paid", "phase", "plug", "put",
    "send", "sent", "set", "sign", "take", "taken", "took", "turn",
];

/// "the money it took in in taxes", "what they gave up up there": a
/// phrasal verb's particle followed by the same word as a preposition.
fn is_particle_then_preposition(doc: &Document, first: usize) -> bool {
    let tokens = doc.tokens();
    let text = doc.text();
    let particle = tokens[first].text(text).to_ascii_lowercase();
    if !matches!(
        particle.as_str(),
        "in" | "on" | "up" | "out" | "off" | "over" | "down" | "back"
    ) {
        return false;
    }
    let Some(verb) = linked_word(tokens, text, first, false) else {
        return false;
    };
    let verb = tokens[verb].text(text).to_ascii_lowercase();
    if PHRASAL_HEADS.contains(&verb.as_str()) {
        return true;
    }
    // "handed", "moved", "logged", "takes", "taking".
    let Some(stem) = ["ing", "ed", "es", "s"]
        .iter()
        .find_map(|suffix| verb.strip_suffix(suffix))
    else {
        return false;
    };
    let undoubled = stem.get(..stem.len().saturating_sub(1)).unwrap_or(stem);
    [stem.to_owned(), format!("{stem}e"), undoubled.to_owned()]
        .iter()
        .any(|form| PHRASAL_HEADS.contains(&form.as_str()))
}

/// Verbs a relative clause may end with, before their stranded
/// preposition (besides any form in "-ing" or "-ed").
const STRANDING_VERBS: &[&str] = &[
    "ask", "asks", "came", "care", "cares", "come", "comes", "count", "deal", "dealt", "depend",
    "go", "goes", "hope", "knew", "know", "live", "look", "looks", "pay", "paid", "rely", "talk",
    "think", "thought", "wait", "waits", "went", "work", "works",
];

/// "the server which I'd been looking for for ages", "what you're looking
/// for for the razor1 protocol": a relative or wh- clause ends with its
/// verb's stranded preposition, and the next phrase starts with the same
/// preposition. The first copy follows a verb, and "which", "what",
/// "that", "who" or "whom" opens the clause within a few words before it,
/// with no punctuation between.
fn is_stranded_preposition(doc: &Document, first: usize) -> bool {
    let tokens = doc.tokens();
    let text = doc.text();
    let preposition = tokens[first].text(text).to_ascii_lowercase();
    if !matches!(
        preposition.as_str(),
        "for" | "about" | "on" | "with" | "of" | "from" | "at" | "into"
    ) {
        return false;
    }
    // The verb may end the line before ("looking\nfor for").
    let Some(verb) = tokens[..first]
        .iter()
        .rev()
        .find(|t| !t.is_blank())
        .filter(|t| t.kind == TokenKind::Word && first > 0 && tokens[first - 1].is_blank())
    else {
        return false;
    };
    let verb = verb.text(text).to_ascii_lowercase();
    let verb_like = STRANDING_VERBS.contains(&verb.as_str())
        || (verb.len() > 4 && (verb.ends_with("ing") || verb.ends_with("ed")));
    if !verb_like {
        return false;
    }
    let mut words = 0;
    let mut newlines = 0;
    for token in tokens[..first].iter().rev() {
        match token.kind {
            TokenKind::Word => {
                let w = token.text(text).to_ascii_lowercase();
                if matches!(w.as_str(), "which" | "what" | "that" | "who" | "whom") {
                    return words >= 2;
                }
                words += 1;
                if words > 8 {
                    return false;
                }
            }
            TokenKind::Space => {}
            TokenKind::Newline => {
                newlines += 1;
                if newlines > 1 {
                    return false;
                }
            }
            _ => return false,
        }
    }
    false
}

/// "alpha     passed    passed", "foo\tint\tint": copies parted by a tab,
/// by three spaces or more, or by two spaces on a line that has another
/// such gap, sit in the columns of a table or aligned output; a slip
/// leaves one space, or at most two ("the  the", a deleted word).
fn are_table_cells(doc: &Document, first: usize, second: usize) -> bool {
    let text = doc.text();
    let tokens = doc.tokens();
    let gap = &text[tokens[first].span.end()..tokens[second].span.start()];
    if gap.contains('\n') {
        return false;
    }
    if gap.contains('\t') || gap.contains("   ") {
        return true;
    }
    if !gap.contains("  ") {
        return false;
    }
    let at = tokens[first].span.start();
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |n| at + n);
    let line = &text[line_start..line_end];
    let content = line.trim_start_matches([' ', '\t']);
    let gaps = content
        .split(|c: char| c != ' ' && c != '\t')
        .filter(|run| run.len() >= 2 || run.contains('\t'))
        .count();
    gaps >= 2
}

/// Words that introduce a command's template: "the following syntax:",
/// "Usage:", "SYNOPSIS:".
const SYNOPSIS_LEAD_INS: &[&str] = &["syntax", "synopsis", "usage"];

/// "with the following syntax: nft add rule [family] table chain handle
/// handle statement": after "syntax:" or "usage:" on the same line comes a
/// template, where a keyword and the placeholder for its value routinely
/// share a name ("handle handle", "--file file"), not a sentence.
fn in_command_synopsis(doc: &Document, first: usize) -> bool {
    let tokens = doc.tokens();
    let text = doc.text();
    let mut before = tokens[..first].iter().rev();
    while let Some(token) = before.next() {
        if token.kind == TokenKind::Newline {
            return false;
        }
        match token.text(text) {
            // The template ends at the first sentence end after it.
            "." | "?" | "!" => return false,
            ":" => {
                return before.find(|t| !t.is_blank()).is_some_and(|t| {
                    t.kind == TokenKind::Word
                        && SYNOPSIS_LEAD_INS
                            .iter()
                            .any(|lead_in| lead_in.eq_ignore_ascii_case(t.text(text)))
                })
            }
            _ => {}
        }
    }
    false
}

/// "Database\nDatabase :: Engines": a word alone on its line (a label or a
/// title) and the line after it that starts with the same word.
fn is_label_line_then_text(doc: &Document, first: usize, second: usize) -> bool {
    let text = doc.text();
    let tokens = doc.tokens();
    let (start, end) = (tokens[first].span.start(), tokens[first].span.end());
    let line_start = text[..start].rfind('\n').map_or(0, |at| at + 1);
    let gap = &text[end..tokens[second].span.start()];
    text[line_start..start].trim().is_empty() && gap.contains('\n')
}

/// "the Boolean operators and and or", "an instance instance of the
/// class" (where `instance` names a parameter): the second copy is a
/// keyword or an identifier the text talks about, not a slip.
fn is_mentioned_term(doc: &Document, first: usize, second: usize) -> bool {
    let tokens = doc.tokens();
    let text = doc.text();
    let word = tokens[first].text(text);
    // "and and or", "or or and": operators listed by name.
    let operators = ["and", "or", "not", "in", "is"];
    let listed_operator = operators.contains(&word)
        && linked_word(tokens, text, second, true)
            .is_some_and(|next| operators.contains(&tokens[next].text(text)));
    listed_operator || is_parameter_name(text, word) || is_placeholder(doc, first, word)
}

/// "Support the option -T title, which opens a window with the window
/// title title", "the documentation package for the package package is
/// named package-doc", "by the replacement replacement. … replacement can
/// also be a function": the second copy is a placeholder the text names.
/// It shows as one when the paragraph gives it as an option's argument
/// ("-T title") or glues it into a name ("package-doc", "<title>"), or
/// when a sentence of the document opens with it in lower case, as only a
/// name is written.
fn is_placeholder(doc: &Document, first: usize, word: &str) -> bool {
    // "the the", "to to": a function word is never a placeholder, and a
    // writer may open sentences with it in lower case by habit.
    if word.chars().next().is_none_or(|c| !c.is_lowercase()) || is_function_word(word) {
        return false;
    }
    let tokens = doc.tokens();
    let text = doc.text();
    let paragraph = doc.paragraph_at(tokens[first].span.start());
    let range = paragraph.map_or(0..0, |p| p.tokens.start as usize..p.tokens.end as usize);
    let is_option = |t: &doclint_core::Token| {
        let option = t.text(text);
        option.len() >= 2
            && option.starts_with('-')
            && option
                .trim_start_matches('-')
                .chars()
                .all(|c| c.is_ascii_alphanumeric())
    };
    let punct = |j: Option<usize>, marks: &[&str]| {
        j.and_then(|j| tokens.get(j))
            .is_some_and(|t| t.kind == TokenKind::Punct && marks.contains(&t.text(text)))
    };
    let named_in_paragraph = range.clone().any(|i| {
        if tokens[i].text(text) != word || i == first || i == first + 2 {
            return false;
        }
        // An option before it: "-T title" (the flag may be one token or a
        // dash and a letter).
        let option_before = i >= 2
            && tokens[i - 1].is_blank()
            && (is_option(&tokens[i - 2])
                || (i >= 3
                    && punct(Some(i - 3), &["-", "--"])
                    && tokens[i - 2].is_word()
                    && tokens[i - 2].text(text).len() == 1));
        let glued = punct(i.checked_sub(1), &["<"])
            || (punct(Some(i + 1), &["-", "_"]) && tokens.get(i + 2).is_some_and(|t| t.is_word()));
        option_before || glued
    });
    named_in_paragraph
        || doc.sentences().iter().any(|sentence| {
            tokens[sentence.tokens.start as usize..sentence.tokens.end as usize]
                .iter()
                .find(|t| !t.is_blank())
                .is_some_and(|t| t.is_word() && t.text(text) == word)
        })
}

/// Whether `text` uses `word` as the name of a parameter in a call or a
/// signature: "(type[, value])", "__set__(self, instance, value)",
/// "sub(replacement, string)".
fn is_parameter_name(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].trim_end_matches(' ').chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let opened_by = matches!(before, Some('(' | ','));
        let glued_before = text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        opened_by && !glued_before && matches!(after, Some(',' | ')' | '[' | '='))
    })
}

fn is_grammatical_double(word: &str) -> bool {
    GRAMMATICAL_DOUBLES
        .iter()
        .any(|double| double.eq_ignore_ascii_case(word))
}

/// Two capitalised copies are a name ("Bora Bora", "Johnson and
/// Johnson"), not a slip: mid-sentence, or at a sentence start when the
/// word is not an ordinary lower-case word.
fn is_name_pair(doc: &Document, first: usize, second: usize) -> bool {
    let tokens = doc.tokens();
    tokens[second].shape != WordShape::Lower
        && tokens[first].shape != WordShape::Lower
        && (!is_sentence_start(doc, first)
            || !Dictionary::builtin().has_lower_case_entry(tokens[first].text(doc.text())))
}

/// For "X and X" with `and` at token `and`: the index of the second X, when
/// the doubling is not an idiom.
fn x_and_x(doc: &Document, first: usize, and: usize) -> Option<usize> {
    let tokens = doc.tokens();
    let text = doc.text();
    let space = tokens.get(and + 1)?;
    let repeat = and + 2;
    let second = tokens.get(repeat)?;
    if space.kind != TokenKind::Space || second.kind != TokenKind::Word {
        return None;
    }
    let word = tokens[first].text(text);
    if !same_word(word, second.text(text)) || is_idiom(word) {
        return None;
    }
    // "x < y and y <= z", "bindings for foo and Foo": variables and
    // identifiers, not a doubled word.
    let lone_letter = word.chars().count() == 1 && !matches!(word, "a" | "A" | "I");
    let case_differs = tokens[first].shape == WordShape::Lower && second.shape != WordShape::Lower;
    // "type it and it will", "this and this": a function word on each side
    // of "and" is grammar; translation doubles content words.
    if lone_letter || case_differs || is_function_word(word) {
        return None;
    }
    // "yield and yield from" written again and again: a term of the text.
    let phrase = &text[tokens[first].span.start()..second.span.end()];
    if text.matches(phrase).nth(1).is_some() {
        return None;
    }
    // Capitalised pairs mid-sentence are names ("Johnson and Johnson").
    if is_name_pair(doc, first, repeat) || is_plural(word) || is_quoted_mention(doc, first, repeat)
    {
        return None;
    }
    // "terrorism and terrorism-related offences": the second is part of a
    // compound. "bool and bool()": the second is a call, code.
    let called = tokens
        .get(repeat + 1)
        .is_some_and(|t| t.text(text) == "(" && t.span.start() == second.span.end());
    if is_glued(tokens, text, repeat, false) || called {
        return None;
    }
    // "we move and move now", "fight and fight hard": an adverb of urgency
    // after the second copy makes the doubling emphasis.
    let urgent = linked_word(tokens, text, repeat, true).is_some_and(|next| {
        matches!(
            tokens[next].text(text).to_ascii_lowercase().as_str(),
            "now" | "fast" | "hard" | "quickly" | "immediately" | "today"
        )
    });
    if urgent {
        return None;
    }
    // "of oil and oil production", "fish and fish products": the second
    // copy modifies a noun and the first stands alone. After an article
    // ("an expert and expert leader") both would modify the same noun.
    let modifies_next = linked_word(tokens, text, repeat, true)
        .is_some_and(|next| !is_function_word(tokens[next].text(text)));
    let after_article = linked_word(tokens, text, first, false).is_some_and(|prev| {
        matches!(
            tokens[prev].text(text).to_ascii_lowercase().as_str(),
            "a" | "an" | "the"
        )
    });
    if modifies_next && !after_article {
        return None;
    }
    // "imagination, imagination and imagination": a series of three
    // copies is rhetoric, as any word three times in a row is.
    let series = first >= 3
        && tokens[first - 1].is_blank()
        && tokens[first - 2].text(text) == ","
        && tokens[first - 3].is_word()
        && same_word(tokens[first - 3].text(text), word);
    if series {
        return None;
    }
    let before = linked_word(tokens, text, first, false);
    let after = linked_word(tokens, text, repeat, true);
    // "tax and tax and spend and spend", "rejected and rejected and then":
    // a chain of pairs repeats for emphasis.
    let is_and = |j: usize| tokens[j].text(text).eq_ignore_ascii_case("and");
    if before.is_some_and(is_and) || after.is_some_and(is_and) {
        return None;
    }
    // "Federal employment and employment with Federal contractors", "our
    // trade balance and balance it": the first copy ends a phrase of its
    // own. Translation doubles after a function word or an adverb
    // ("will strengthen and strengthen", "actively promote and promote").
    let ends_own_phrase = before.is_some_and(|prev| {
        let word = tokens[prev].text(text);
        !is_function_word(word) && !word.to_ascii_lowercase().ends_with("ly")
    });
    if ends_own_phrase {
        return None;
    }
    Some(repeat)
}

/// "millions and millions", "years and years": doubled plurals intensify.
fn is_plural(word: &str) -> bool {
    let dict = Dictionary::builtin();
    word.len() > 3
        && (word
            .strip_suffix('s')
            .is_some_and(|stem| !stem.ends_with('s') && dict.contains(stem))
            || word
                .strip_suffix("es")
                .is_some_and(|stem| dict.contains(stem))
            || word
                .strip_suffix("ies")
                .is_some_and(|stem| dict.contains(&format!("{stem}y"))))
}

fn is_idiom(word: &str) -> bool {
    let lower = word.to_lowercase();
    REDUPLICATION_ALLOWED.lines().any(|line| line == lower) || is_comparative(&lower)
}

/// "better and better", "louder and louder", "bigger and bigger",
/// "happier and happier", "closer and closer".
fn is_comparative(lower: &str) -> bool {
    let Some(stem) = lower.strip_suffix("er") else {
        return false;
    };
    let dict = Dictionary::builtin();
    let bytes = stem.as_bytes();
    let doubled = bytes.len() >= 2 && bytes[bytes.len() - 1] == bytes[bytes.len() - 2];
    dict.contains(stem)
        || dict.contains(&format!("{stem}e"))
        || (doubled && dict.contains(&stem[..stem.len() - 1]))
        || stem
            .strip_suffix('i')
            .is_some_and(|base| dict.contains(&format!("{base}y")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn a_series_of_three_copies_is_rhetoric() {
        assert_no_lints(
            &RepeatedWord,
            "What the trade needs first is location, location and location, said the agent.",
        );
        assert_eq!(
            flagged(
                &RepeatedWord,
                "We will build an expert and expert leadership team."
            ),
            vec!["expert and expert"]
        );
    }

    #[test]
    fn placeholders_named_by_the_text_are_quiet() {
        assert_no_lints(
            &RepeatedWord,
            "The viewer must support the option -n name, which opens a tab with the tab name name.",
        );
        assert_no_lints(
            &RepeatedWord,
            "The data files for the package package are installed as package-data in the tree.",
        );
        assert_no_lints(
            &RepeatedWord,
            "Each match is replaced by the pattern pattern. pattern may also be a function.",
        );
        // A plain slip in the same kind of sentence still fires, and so does
        // a doubled function word in a text that opens sentences in lower case.
        assert_eq!(
            flagged(
                &RepeatedWord,
                "we met at the the station. the train was late."
            ),
            vec!["the the"]
        );
        assert_eq!(
            flagged(
                &RepeatedWord,
                "It opens a tab with the tab name name shown at the top."
            ),
            vec!["name name"]
        );
    }

    #[test]
    fn deliberate_doubles_are_quiet() {
        assert_no_lints(
            &RepeatedWord,
            "That was very very rude. Yeah yeah yeah, I know. It is built-in in most \
             tools. Mail Adam Beberg\n beberg@example.com now. S u p e r A l l.\n\
             rpm http://example.org/ gnome2 gnome2\n\
             -r-xr-xr-x    1 john  john  5333 Sep 27 beatles.wav\n\
             It holds x < y and y <= z and bindings for foo and Foo. Type at it and it \
             answers; (snip snip circ circ). Use yield and yield from, yield and yield from.",
        );
    }

    #[test]
    fn particles_labels_and_mentioned_terms_are_quiet() {
        assert_no_lints(
            &RepeatedWord,
            "It spent more than it took in in taxes. It is what they paid back back then.\n\n\
             Storage\nStorage :: Engines\n\n\
             The operators and and or short-circuit.\n\n\
             Call set(obj, instance, value) on an instance instance of the class.",
        );
    }

    #[test]
    fn a_stranded_preposition_before_the_same_preposition_is_quiet() {
        assert_no_lints(
            &RepeatedWord,
            "It is the server which I'd been looking for for ages. It is what you're \
             looking\nfor for the new protocol.",
        );
        // Without the relative clause the double is a slip.
        assert_eq!(
            flagged(
                &RepeatedWord,
                "We have been looking for for a server. Which one? The one for for loops."
            ),
            vec!["for for", "for for"]
        );
    }

    #[test]
    fn keyword_and_placeholder_in_a_command_synopsis_are_quiet() {
        assert_no_lints(
            &RepeatedWord,
            "Sets are created with this syntax: nft add set [family] table set set \
             { type type ; }. Usage: mkfs [-t type] [-L label label] device",
        );
        // Outside the template, or after a colon that does not introduce
        // one, the double is a slip.
        assert_eq!(
            flagged(
                &RepeatedWord,
                "The syntax: nft add rule chain. Then set set the handle. \
                 Note: the the handle is printed."
            ),
            vec!["set set", "the the"]
        );
    }

    #[test]
    fn reduplications_of_speech_and_the_long_long_type_are_quiet() {
        assert_no_lints(
            &RepeatedWord,
            "We met a long long time ago, way way back in school. The deal was hush hush, \
             wink wink, nudge nudge. Okay okay, I will declare it unsigned long long.",
        );
        // Beside them a slip still fires.
        assert_eq!(
            flagged(
                &RepeatedWord,
                "It took a long time time to load, and the the way back was slow."
            ),
            vec!["time time", "the the"]
        );
    }

    #[test]
    fn copies_in_the_columns_of_a_table_are_quiet() {
        assert_no_lints(
            &RepeatedWord,
            "Mirror    Status    Checked\nftp.se    stale     stale\n\
             ftp.de  up  up  yesterday\n\
             Name\tType\tType\nlimit\tint\tint\n",
        );
        // One or two spaces in a line of prose are still a slip.
        assert_eq!(
            flagged(
                &RepeatedWord,
                "Both mirrors are up and the  the last sync was fine. It was the the end."
            ),
            vec!["the  the", "the the"]
        );
    }

    #[test]
    fn doubles_near_the_quiet_cases_are_flagged() {
        assert_eq!(
            flagged(
                &RepeatedWord,
                "The plan gathered steam in in 2014. The list\nlist holds an instance instance."
            ),
            vec!["in in", "list\nlist", "instance instance"]
        );
    }

    #[test]
    fn doubles_beside_deliberate_ones_are_flagged() {
        assert_eq!(
            flagged(
                &RepeatedWord,
                "I was looking for for ages. It was a a test. We met in in May. Use in in memory."
            ),
            vec!["for for", "a a", "in in", "in in"]
        );
    }

    #[test]
    fn a_second_copy_starting_a_compound_or_after_a_name_is_quiet() {
        assert_no_lints(
            &RepeatedWord,
            "It is meant for use in in-memory maps. Run apt install apparmor \
             apparmor-profiles now. Funny how the New World world population grew.",
        );
        // The same words without the compound or the name are doubled.
        assert_eq!(
            flagged(
                &RepeatedWord,
                "It is meant for use in in memory maps. The world world population grew."
            ),
            vec!["in in", "world world"]
        );
    }

    #[test]
    fn x_and_x_as_a_call_or_with_an_urgent_adverb_is_quiet() {
        assert_no_lints(
            &RepeatedWord,
            "Thus bool and bool() are the same converters. Priorities demand that we \
             move and move now.",
        );
        assert_eq!(
            flagged(
                &RepeatedWord,
                "Thus bool and bool are the same converters. Priorities demand that we \
                 move and move the plan."
            ),
            vec!["bool and bool", "move and move"]
        );
    }

    #[test]
    fn doubles_inside_flattened_code_or_tables_are_quiet() {
        assert_no_lints(
            &RepeatedWord,
            "Run if ! [ -d $d/debian/patches ]; then mkdir $d/debian/patches; fi fi and see. \
             The table reads #1 primary 16.4 MB ext2 #2 primary 551.0 MB swap swap #3 primary 5.8 GB ntfs.",
        );
        // A slip beside a number or a name in code is still one.
        assert_eq!(
            flagged(
                &RepeatedWord,
                "The recovery gathered steam in in 2014. Please refer to the the docs of Py_TYPE and tp_traverse."
            ),
            vec!["in in", "the the"]
        );
    }

    #[test]
    fn flags_adjacent_duplicates_in_any_case_and_across_a_line_break() {
        assert_eq!(
            flagged(
                &RepeatedWord,
                "It was the the first. The the second.\nWe met in\nin May."
            ),
            vec!["the the", "The the", "in\nin"]
        );
        assert_safe_fix(
            &RepeatedWord,
            "It was the the first meeting.",
            "It was the first meeting.",
        );
        assert_safe_fix(&RepeatedWord, "The the second.", "The second.");
    }

    #[test]
    fn quoted_examples_are_mentions() {
        assert_no_lints(
            &RepeatedWord,
            "It finds a doubled word (“the the”) and reduplication (\"an expert and expert\nleader\"), \"steam in in 2014\".",
        );
    }

    #[test]
    fn header_lines_are_separate() {
        assert_no_lints(&RepeatedWord, "DALIAN CHINA\nChina Daily\n\nText here.");
    }

    #[test]
    fn grammatical_doubles_names_and_paragraph_breaks_are_quiet() {
        assert_no_lints(
            &RepeatedWord,
            "He had had enough. She said that that was all. What it is is clear. \
             They flew to Bora Bora. It ended in\n\nin May. Go on, on time.",
        );
    }

    #[test]
    fn flags_x_and_x_reduplication_without_a_fix() {
        let text = "We strive to become an expert and expert leader. \
                    Conscientiously and conscientiously in one’s own position.";
        assert_eq!(
            flagged(&RepeatedWord, text),
            vec!["expert and expert", "Conscientiously and conscientiously"]
        );
        assert!(lint(&RepeatedWord, text).iter().all(|d| d.fix.is_none()));
    }

    #[test]
    fn idioms_and_comparatives_of_x_and_x_are_quiet() {
        assert_no_lints(
            &RepeatedWord,
            "More and more people came, again and again, over and over, on and on. \
             By and by it got better and better, bigger and bigger, happier and happier, \
             closer and closer. They talked round and round, through and through. \
             Johnson and Johnson sells soap. Millions and millions came for years and years.",
        );
    }

    #[test]
    fn emphatic_chains_and_contrasted_phrases_are_quiet() {
        assert_no_lints(
            &RepeatedWord,
            "They are the inheritance of decades of tax and tax and spend and spend. \
             I rejected and rejected and then accepted. Equal access to Federal \
             employment and employment with Federal contractors. Improve our trade \
             balance and balance it.",
        );
    }

    #[test]
    fn x_and_x_after_a_function_word_or_an_adverb_still_fires() {
        let text = "We will strengthen and strengthen the team. \
                    Cadres should actively promote and promote the reform.";
        assert_eq!(
            flagged(&RepeatedWord, text),
            vec!["strengthen and strengthen", "promote and promote"]
        );
    }

    #[test]
    fn coordinated_compounds_are_quiet() {
        assert_no_lints(
            &RepeatedWord,
            "Exports of fish and fish products rose, as did oil and oil production. \
             Convicted of terrorism and terrorism-related offences.",
        );
    }

    #[test]
    fn allow_list_is_sorted_lower_case_and_without_duplicates() {
        let lines: Vec<&str> = REDUPLICATION_ALLOWED.lines().collect();
        assert!(!lines.is_empty());
        assert!(
            lines.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
        for line in &lines {
            assert!(
                !line.is_empty() && line.chars().all(|c| c.is_ascii_lowercase()),
                "{line:?}"
            );
        }
        for idiom in ["again", "by", "more", "on", "over", "round", "through"] {
            assert!(lines.contains(&idiom), "{idiom}");
        }
    }
}
