use doclint_core::{Diagnostic, Document, Edit, Fix, TokenKind, WordShape};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::dictionary::{Dictionary, Suggestion};
use crate::rule::{Context, Rule, RuleMeta};
use crate::word_ranks::WordRanks;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::words::{
    find_split, folded_hash, has_digit, in_address, in_heading, is_common_word, is_glued,
    is_prefix, is_quoted_mention, is_sentence_start, linked_word, prefixes, truncation_completions,
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
    /// words the same document writes as identifiers (in code, a URL or
    /// path, a dotted name, a call "asend()", a manual page "uupdate(1)",
    /// with a number "hda1") or that begin such an identifier (a tool and
    /// its file: "anacron" beside "/etc/anacrontab"), daemons named with a
    /// "d" in a text about daemons ("journald"), the
    /// mailbox of an address written out ("jo AT example.org"), names of
    /// JavaScript packages ("phantomjs"),
    /// romanised Chinese names (words made of Pinyin syllables) unless the
    /// dictionary knows the word as a name, words
    /// the same document also writes capitalised as a name, abbreviations
    /// (two letters or no vowel: "nm"), regular formations the word list
    /// lacks (a prefix and a word, "nonoil"; two words closed up,
    /// "redtape"; a known word with a clitic, "else's"; an accented
    /// spelling, "naïve"), words next to another foreign or very rare word
    /// ("de facto", "Euphausia superba") and terms in quotation marks with at
    /// most two other words ("the “cuentapropistas”"), words marked
    /// "[sic]", placeholders alone in braces or brackets ("{srcdir}",
    /// "[servname]"), the rest of a word after a bracketed menu key
    /// ("[I]nstall"), a word spelled out ("a poor way to spell
    /// muskeeter"), an item of a series beside a name no dictionary knows
    /// ("aide, integrit or samhain"), daemons in the plural ("buildds"),
    /// old verb forms and the elisions of verse ("pulleth", "o'er"),
    /// words in a paragraph written in old spelling (two or more of "ye",
    /// "unto", "doth" or words like "nowe", "syde", "evill" besides the
    /// word) and in a sentence mostly of another language ("Recordare,
    /// Jesu pie, quod sum causa tuae viae"), words drawn out for emphasis ("tooo", "yesss"),
    /// jargon endings on known words ("lossitude", "kludgey") and other
    /// forms of a term the document uses that the dictionary lacks too
    /// ("gronked" beside "gronk"). Words broken by
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
        let ranks = WordRanks::of(doc);
        let mut unknown: Vec<usize> = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            if token.kind != TokenKind::Word
                || !matches!(token.shape, WordShape::Lower | WordShape::Capitalized)
            {
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
        // The document's own words the dictionary lacks, in lower case: a
        // word made from one of them is the writer's term ("gronk",
        // "gronked"). Only a word with a slip's evidence asks for it.
        let vocabulary = std::cell::OnceCell::new();
        let vocabulary = || {
            vocabulary.get_or_init(|| {
                unknown
                    .iter()
                    .map(|&i| tokens[i].text(text).to_lowercase())
                    .collect::<FxHashSet<String>>()
            })
        };
        let names = std::cell::OnceCell::new();
        let names = || names.get_or_init(|| capitalised_words(doc));
        // Names repeat: the evidence about a capitalised word, once per
        // distinct word.
        let mut capitalised: FxHashMap<&str, Option<Evidence>> = FxHashMap::default();
        let identifiers = std::cell::OnceCell::new();
        // Per paragraph (by its start): its evidence of an archaic or
        // mock-archaic spelling.
        let mut archaic: FxHashMap<usize, usize> = FxHashMap::default();
        for &i in &unknown {
            let word = tokens[i].text(text);
            if is_obfuscated_address(tokens, text, i)
                || is_mixed_script(word)
                || is_broken_at_hyphen(cx, tokens, text, i)
                || is_identifier_word(
                    identifiers.get_or_init(|| {
                        let mut sorted: Vec<String> = identifier_words(doc).into_iter().collect();
                        sorted.sort_unstable();
                        sorted
                    }),
                    word,
                )
            {
                continue;
            }
            let finding = if tokens[i].shape == WordShape::Lower {
                lower_case_finding(doc, cx, names(), &vocabulary, i, word)
            } else {
                let evidence = capitalised
                    .entry(word)
                    .or_insert_with(|| capitalised_evidence(cx, word));
                match evidence {
                    Some(evidence) => capitalised_finding(doc, cx, names, i, evidence.clone()),
                    None => None,
                }
            };
            match finding {
                Some(Finding::Name(name)) => out.push(name_diagnostic(doc, i, word, name)),
                Some(Finding::Slip(evidence)) => {
                    let markers = doc.paragraph_at(tokens[i].span.start()).map_or(0, |p| {
                        *archaic
                            .entry(p.span.start())
                            .or_insert_with(|| archaic_evidence(doc, cx, p))
                    });
                    // The word's own archaic look does not count for itself.
                    let others = markers - usize::from(is_archaic_form(cx, word));
                    let deliberate = others >= ARCHAIC_EVIDENCE || in_foreign_sentence(doc, cx, i);
                    if !deliberate {
                        out.push(diagnostic(doc, i, word, &evidence));
                    }
                }
                None => {}
            }
        }
    }
}

/// The words (in lower case) the document writes as or in identifiers,
/// outside code: in a URL, path, e-mail address or dotted name
/// ("freshmeat.net/users/shermann", "agen.asend"), before the parenthesis
/// of a call ("asend()"), or with a number glued on ("hda1"). Elsewhere in
/// the same document the bare word is that identifier, not a slip.
fn identifier_words(doc: &Document) -> FxHashSet<String> {
    let tokens = doc.tokens();
    let text = doc.text();
    let mut words = FxHashSet::default();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].is_blank() {
            i += 1;
            continue;
        }
        // One run of non-blank tokens.
        let start = i;
        while i < tokens.len() && !tokens[i].is_blank() {
            i += 1;
        }
        let chunk = &tokens[start..i];
        let code_like = is_code_like_chunk(chunk, text);
        for (k, token) in chunk.iter().enumerate() {
            if token.kind != TokenKind::Word {
                continue;
            }
            let word = token.text(text);
            let letters = word.trim_end_matches(|c: char| c.is_ascii_digit());
            let call = chunk.get(k + 1).is_some_and(|t| t.text(text) == "(")
                && chunk.get(k + 2).is_some_and(|t| {
                    t.text(text) == ")"
                        || t.kind == TokenKind::Word
                        // A manual page, "uupdate(1)".
                        || (t.kind == TokenKind::Number
                            && chunk.get(k + 3).is_some_and(|t| t.text(text) == ")"))
                })
                && word.chars().next().is_some_and(char::is_lowercase);
            if code_like || call {
                words.insert(word.to_lowercase());
            }
            if letters.len() < word.len() && letters.len() >= 2 {
                words.insert(letters.to_lowercase());
            }
        }
    }
    words
}

/// Whether a run of non-blank tokens reads as an identifier, address or
/// path rather than words and punctuation: it holds `@`, `_`, a backslash,
/// `=`, two slashes or a leading one, or a dot followed by a lower-case
/// letter between word characters ("agen.asend", "lilo.conf"; not a missing
/// space, "year.The").
fn is_code_like_chunk(chunk: &[doclint_core::Token], text: &str) -> bool {
    let mut slashes = 0;
    for (k, token) in chunk.iter().enumerate() {
        let t = token.text(text);
        match t {
            "@" | "_" | "\\" | "=" => return true,
            "/" => {
                slashes += 1;
                if k == 0 || slashes >= 2 {
                    return true;
                }
            }
            "." => {
                let word_before =
                    k > 0 && matches!(chunk[k - 1].kind, TokenKind::Word | TokenKind::Number);
                let lower_after = chunk.get(k + 1).is_some_and(|next| {
                    next.kind == TokenKind::Word
                        && next
                            .text(text)
                            .chars()
                            .next()
                            .is_some_and(char::is_lowercase)
                });
                if word_before && lower_after {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// Whether `word` (or the stem of its plural or possessive) is one of the
/// document's `identifiers` (sorted), or begins one of them.
fn is_identifier_word(identifiers: &[String], word: &str) -> bool {
    if identifiers.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    let stem = crate::words::strip_possessive(&lower).or_else(|| lower.strip_suffix('s'));
    let contains = |w: &str| {
        identifiers
            .binary_search_by(|id| id.as_str().cmp(w))
            .is_ok()
    };
    if contains(&lower) || stem.is_some_and(contains) {
        return true;
    }
    // "anacron" beside "/etc/anacrontab" and "anacrontab(5)": the word
    // starts a file or command name of the document (a tool and its
    // table, "crontab"), so it is that tool's name. The identifiers that
    // start with the word follow it in sorted order.
    // "leo" beside "initleo()": a name the document glues after a prefix
    // to make an identifier (a module and its init function).
    let ends_one = lower.len() >= 3
        && identifiers.iter().any(|id| {
            id.len() >= lower.len() + 3
                && id.ends_with(&lower)
                && id[..id.len() - lower.len()]
                    .bytes()
                    .all(|b| b.is_ascii_lowercase())
        });
    if ends_one {
        return true;
    }
    if lower.len() < 5 {
        return false;
    }
    let from = identifiers.partition_point(|id| id.as_str() < lower.as_str());
    identifiers[from..]
        .iter()
        .take_while(|id| id.starts_with(&lower))
        // A bound, for a document of thousands of such names.
        .take(64)
        .any(|id| {
            id.len() >= lower.len() + 2 && id[lower.len()..].bytes().all(|b| b.is_ascii_lowercase())
        })
}

/// "auto- matically", "auto-\nmatically": the end of a word hyphenated at
/// a line break that has since moved; with the piece before, it is a
/// known word (the broken word is the defect, not a misspelling).
fn is_broken_at_hyphen(cx: &Context, tokens: &[doclint_core::Token], text: &str, i: usize) -> bool {
    if i < 3
        || !tokens[i - 1].is_blank()
        || tokens[i - 2].text(text) != "-"
        || tokens[i - 3].kind != TokenKind::Word
    {
        return false;
    }
    let whole = format!("{}{}", tokens[i - 3].text(text), tokens[i].text(text));
    cx.is_known_word(&whole) || cx.is_known_word(&whole.to_lowercase())
}

/// "hostyle AT csn.ul.ie", "jo [at] example.org": the user name of an
/// e-mail address written out so that harvesters miss it.
fn is_obfuscated_address(tokens: &[doclint_core::Token], text: &str, i: usize) -> bool {
    let mut next = tokens[i + 1..]
        .iter()
        .filter(|t| t.kind != TokenKind::Space);
    let at = match (next.next(), next.next(), next.next()) {
        (Some(a), _, _) if a.text(text) == "AT" => true,
        (Some(open), Some(a), Some(close)) => {
            matches!(open.text(text), "(" | "[" | "<")
                && a.text(text).eq_ignore_ascii_case("at")
                && matches!(close.text(text), ")" | "]" | ">")
        }
        _ => false,
    };
    if !at {
        return false;
    }
    // Then a domain: a word, a dot and a word with no space between.
    let rest: Vec<&doclint_core::Token> = tokens[i + 1..]
        .iter()
        .skip_while(|t| t.kind == TokenKind::Space)
        .skip_while(|t| t.kind != TokenKind::Space)
        .skip_while(|t| t.kind == TokenKind::Space)
        .take(3)
        .collect();
    matches!(rest.as_slice(), [a, dot, b]
        if a.kind == TokenKind::Word && dot.text(text) == "." && b.kind == TokenKind::Word)
}

/// "journald", "buildd", "fingerd": in a document that speaks of daemons,
/// a known word with a "d" appended is a daemon's name (the Unix naming
/// convention), not a dropped "e" ("solderd" in a text about soldering).
fn is_daemon_name(doc: &Document, cx: &Context, word: &str) -> bool {
    // "buildds": several daemons.
    let Some(stem) = word.strip_suffix("ds").or_else(|| word.strip_suffix('d')) else {
        return false;
    };
    let known = |stem: &str| {
        stem.chars().count() >= SHORTEST_PART
            && (cx.is_known_word(stem) || Dictionary::builtin().rare_rank(stem).is_some())
    };
    known(stem)
        && doc.tokens().iter().any(|t| {
            t.kind == TokenKind::Word && {
                let w = t.text(doc.text());
                w.eq_ignore_ascii_case("daemon") || w.eq_ignore_ascii_case("daemons")
            }
        })
}

/// Whether the document writes the pronoun "I" in lower case: "i" as a
/// word of its own before a contraction ("i'm", "i've") or a verb ("i
/// think", "i was"), or after "am" ("am i the only one"); not a variable
/// or a list item ("(i)", "for i in").
fn writes_lower_case_i(doc: &Document) -> bool {
    const VERBS: &[&str] = &[
        "am", "was", "have", "had", "think", "thought", "know", "knew", "will", "would", "can",
        "could", "do", "did", "don't", "didn't", "can't", "guess", "mean", "want", "wanted", "got",
        "need", "learned", "learnt", "see", "saw", "said", "tried", "just", "really", "also",
        "still", "never", "hope", "use", "used", "found",
    ];
    let tokens = doc.tokens();
    let text = doc.text();
    let word_at = |k: usize| {
        tokens
            .get(k)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.text(text))
    };
    tokens.iter().enumerate().any(|(k, t)| {
        if t.kind != TokenKind::Word {
            return false;
        }
        let w = t.text(text);
        if let Some(rest) = w.strip_prefix("i'").or_else(|| w.strip_prefix("i\u{2019}")) {
            return matches!(rest, "m" | "ve" | "ll" | "d");
        }
        if w != "i"
            || k < 2
            || !tokens[k - 1].is_blank()
            || !tokens[k + 1..].first().is_some_and(|n| n.is_blank())
        {
            return false;
        }
        word_at(k + 2).is_some_and(|next| VERBS.contains(&next))
            || word_at(k - 2).is_some_and(|before| before.eq_ignore_ascii_case("am"))
    })
}

/// "the iptables, ip6tables and ebtables commands", "when running
/// soffice": a word the sentence names as a command, tool or package (it
/// or the series it ends comes before such a noun, or it follows a verb of
/// running), not a slip of a word one edit away.
fn is_named_command(doc: &Document, i: usize) -> bool {
    const NOUNS: &[&str] = &[
        "command",
        "commands",
        "tool",
        "tools",
        "utility",
        "utilities",
        "program",
        "programs",
        "daemon",
        "binary",
        "binaries",
        "package",
        "packages",
        "script",
        "scripts",
        "module",
        "modules",
        "plugin",
        "plugins",
        "library",
        "executable",
    ];
    const RUN: &[&str] = &[
        "run",
        "runs",
        "running",
        "ran",
        "invoke",
        "invoking",
        "launch",
        "launching",
    ];
    let tokens = doc.tokens();
    let text = doc.text();
    let before = tokens[..i]
        .iter()
        .rev()
        .find(|t| t.kind != TokenKind::Space);
    if tokens[..i]
        .last()
        .is_some_and(|t| t.kind == TokenKind::Space)
        && before.is_some_and(|t| {
            t.kind == TokenKind::Word
                && RUN.iter().any(|run| run.eq_ignore_ascii_case(t.text(text)))
        })
    {
        return true;
    }
    // Forward over a series ("x, y and z"), at most a few items.
    let mut k = i + 1;
    for _ in 0..8 {
        while tokens.get(k).is_some_and(|t| t.kind == TokenKind::Space) {
            k += 1;
        }
        let Some(t) = tokens.get(k) else {
            return false;
        };
        let w = t.text(text);
        if t.kind == TokenKind::Word && NOUNS.iter().any(|noun| noun.eq_ignore_ascii_case(w)) {
            return true;
        }
        let joins = w == "," || (t.kind == TokenKind::Word && matches!(w, "and" | "or"));
        if !joins {
            return false;
        }
        k += 1;
        while tokens.get(k).is_some_and(|t| t.kind == TokenKind::Space) {
            k += 1;
        }
        if tokens
            .get(k)
            .is_some_and(|t| t.kind == TokenKind::Word && matches!(t.text(text), "and" | "or"))
        {
            k += 1;
            while tokens.get(k).is_some_and(|t| t.kind == TokenKind::Space) {
                k += 1;
            }
        }
        // One more item of the series.
        if !tokens
            .get(k)
            .is_some_and(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
        {
            return false;
        }
        while tokens
            .get(k)
            .is_some_and(|t| !t.is_blank() && t.text(text) != ",")
        {
            k += 1;
        }
    }
    false
}

/// "aide, integrit or samhain": an item of a series ("x, y and z") next
/// to an item that is a single word the dictionary knows in no form, no
/// slip of one: a series of names of tools or people, which this word
/// is one of.
fn in_series_of_unknown_names(
    cx: &Context,
    tokens: &[doclint_core::Token],
    text: &str,
    i: usize,
) -> bool {
    let dict = Dictionary::builtin();
    let is_joint = |t: &doclint_core::Token| {
        let w = t.text(text);
        w == "," || (t.kind == TokenKind::Word && matches!(w, "and" | "or"))
    };
    let unknown_name = |j: usize| {
        let token = &tokens[j];
        let word = token.text(text);
        token.kind == TokenKind::Word
            && word.chars().count() >= 3
            && !has_digit(word)
            && !cx.is_known_word(word)
            && dict.rank_any_case(word).is_none()
            && dict.rare_rank(&word.to_lowercase()).is_none()
            && dict.known_misspelling(word).is_none()
            && near_evidence(dict, word, false).is_none()
            // A whole item: a blank or a joint on its other side.
            && !is_glued(tokens, text, j, true)
            && !is_glued(tokens, text, j, false)
    };
    // The item beside token `i` in `step` direction, past one or two
    // joints (", and") and the spaces between.
    let neighbour = |forward: bool| {
        let mut k = i;
        let mut joints = 0;
        loop {
            k = if forward { k + 1 } else { k.checked_sub(1)? };
            let token = tokens.get(k)?;
            if token.kind == TokenKind::Space {
                continue;
            }
            if is_joint(token) {
                joints += 1;
                if joints > 2 {
                    return None;
                }
                continue;
            }
            return (joints > 0 && token.kind == TokenKind::Word).then_some(k);
        }
    };
    // A comma right after the word, or one of "and"/"or" either side: a
    // series, not a clause.
    [neighbour(false), neighbour(true)]
        .into_iter()
        .flatten()
        .any(unknown_name)
}

/// "blech writes \"Damian Conway will…\"", "jdoe wrote:": the user name
/// of a writer that a quotation is attributed to, not a slip.
fn is_attributed_writer(doc: &Document, i: usize) -> bool {
    let tokens = doc.tokens();
    let text = doc.text();
    if is_attribution_verb(tokens, text, i) {
        return true;
    }
    tokens
        .get(i + 1)
        .is_some_and(|t| t.kind == TokenKind::Space)
        && tokens
            .get(i + 2)
            .is_some_and(|t| matches!(t.text(text), "writes" | "wrote"))
}

/// Words of an archaic register: old pronouns and verb forms, and the
/// "y" of "ye", "yt" for the thorn ("ye olde", "unto ys daye").
const ARCHAIC_MARKERS: &[&str] = &[
    "ye",
    "yt",
    "ys",
    "yr",
    "thee",
    "thou",
    "thy",
    "thine",
    "hath",
    "hast",
    "doth",
    "dost",
    "unto",
    "shalt",
    "saith",
    "'tis",
    "'twas",
    "'twixt",
    "\u{2019}tis",
    "\u{2019}twas",
    "\u{2019}twixt",
];

/// How much archaic evidence a paragraph needs besides the word judged:
/// one "ye" or "greate" may be a joke or a slip; two mark a passage
/// written in old spelling, on purpose.
const ARCHAIC_EVIDENCE: usize = 2;

/// A word the dictionary lacks that is a known word in an old spelling: a
/// final "e" added ("nowe", "esteeme"), a "y" for an "i" or inserted
/// ("certayn", "syde", "villayge"), a final "l" doubled ("evill",
/// "immorall"), or an "-eth" verb ("pulleth").
fn is_archaic_form(cx: &Context, word: &str) -> bool {
    let lower = word.to_lowercase();
    if lower.chars().count() < 3 || cx.is_known_word(&lower) || cx.is_known_word(word) {
        return false;
    }
    let common = |w: &str| {
        w.chars().count() >= 2
            && Dictionary::builtin()
                .rank_any_case(w)
                .is_some_and(|rank| rank <= COMMON_RANK)
    };
    let final_e = lower.strip_suffix('e').is_some_and(common);
    let final_ll = lower.ends_with("ll") && common(&lower[..lower.len() - 1]);
    let y_for_i = lower.contains('y')
        && (common(&lower.replace('y', "i"))
            || lower
                .match_indices('y')
                .any(|(at, _)| common(&format!("{}{}", &lower[..at], &lower[at + 1..]))));
    let eth = lower.strip_suffix("eth").is_some_and(|stem| {
        stem.chars().count() >= 3 && (common(stem) || common(&format!("{stem}e")))
    });
    final_e || final_ll || y_for_i || eth
}

/// The archaic evidence of a paragraph: its archaic markers ("ye",
/// "unto", "doth") and the distinct words in it spelled the old way
/// ([`is_archaic_form`]).
fn archaic_evidence(doc: &Document, cx: &Context, paragraph: &doclint_core::Paragraph) -> usize {
    let text = doc.text();
    let mut forms: FxHashSet<String> = FxHashSet::default();
    let mut markers = 0;
    for token in doc.tokens_in(&paragraph.tokens) {
        if token.kind != TokenKind::Word {
            continue;
        }
        let word = token.text(text);
        if ARCHAIC_MARKERS.iter().any(|m| m.eq_ignore_ascii_case(word)) {
            markers += 1;
        } else if is_archaic_form(cx, word) {
            forms.insert(word.to_lowercase());
        }
    }
    markers + forms.len()
}

/// Fewest words of another language a sentence needs around the word
/// judged to be a quotation in that language.
const FOREIGN_WORDS: usize = 3;

/// Whether token `i` is in a sentence that is mostly not English: at least
/// [`FOREIGN_WORDS`] of its other words, and half of them, are unknown or
/// very rare words and no known misspellings ("Recordare, Jesu pie, Quod
/// sum causa tuae viae", a quoted line of French). The word is then a
/// word of that language, not a slip of an English one.
fn in_foreign_sentence(doc: &Document, cx: &Context, i: usize) -> bool {
    let sentences = doc.sentences();
    let s = sentences.partition_point(|s| (s.tokens.end as usize) <= i);
    let Some(sentence) = sentences.get(s) else {
        return false;
    };
    let text = doc.text();
    let dict = Dictionary::builtin();
    let (mut words, mut foreign) = (0, 0);
    for (k, token) in doc.tokens_in(&sentence.tokens).iter().enumerate() {
        if token.kind != TokenKind::Word || sentence.tokens.start as usize + k == i {
            continue;
        }
        let word = token.text(text);
        let at = sentence.tokens.start as usize + k;
        // Addresses and paths are no language.
        if has_digit(word)
            || is_glued(doc.tokens(), text, at, true)
            || is_glued(doc.tokens(), text, at, false)
        {
            continue;
        }
        words += 1;
        let lower = word.to_lowercase();
        let rare = dict
            .rank(word)
            .or_else(|| dict.rank(&lower))
            .map_or(!cx.is_known_word(word), |rank| rank >= RAREST_PIECE);
        if rare && dict.known_misspelling(word).is_none() {
            foreign += 1;
        }
    }
    foreign >= FOREIGN_WORDS && 2 * foreign >= words
}

/// "Mark Page <mpage@example.ie> printfd": the word after the address
/// of a reply's attribution line, ending the line, is the writer's verb
/// for "wrote", often a joke ("printfd", "scribbled", "spake").
fn is_attribution_verb(tokens: &[doclint_core::Token], text: &str, i: usize) -> bool {
    let before = tokens[..i]
        .iter()
        .rev()
        .take_while(|t| t.kind != TokenKind::Newline)
        .filter(|t| t.kind != TokenKind::Space);
    let mut before = before.map(|t| t.text(text));
    if before.next() != Some(">") {
        return false;
    }
    let address = before.take_while(|&t| t != "<").any(|t| t == "@");
    let line_ends = tokens[i + 1..]
        .iter()
        .take_while(|t| t.kind != TokenKind::Newline)
        .all(|t| t.kind == TokenKind::Space || t.text(text) == ":");
    address && line_ends
}

/// What the rule reports about an unknown word.
enum Finding {
    /// A name the dictionary knows only capitalised, written in lower case.
    Name(String),
    /// A slip, with the evidence for it.
    Slip(Evidence),
}

/// Positive evidence that an unknown word is a slip.
#[derive(Clone, Debug)]
enum Evidence {
    /// The word is in the list of known misspellings, with its corrections.
    Known(Vec<String>),
    /// One edit from much commoner words (best first).
    Near(Vec<String>),
}

/// Whether another rule reports token `i` (`split-word`, `truncated-word`)
/// or it is not prose: an address, a glued token, a quoted mention, a word
/// marked "[sic]", an identifier the Markdown also writes as code.
fn left_alone(doc: &Document, cx: &Context, i: usize) -> bool {
    let tokens = doc.tokens();
    let text = doc.text();
    is_quoted_mention(doc, i, i)
        || is_marked_sic(tokens, text, i)
        || is_menu_key_word(cx, tokens, text, i)
        || is_spelling_mention(tokens, text, i)
        || is_placeholder(tokens, text, i)
        || in_address(tokens, text, i)
        || doc.is_code_word(tokens[i].text(text))
        || is_glued(tokens, text, i, true)
        || is_glued(tokens, text, i, false)
        || find_split(doc, cx, i).is_some()
        || !truncation_completions(doc, cx, i).is_empty()
}

fn lower_case_finding<'v>(
    doc: &Document,
    cx: &Context,
    names: &FxHashSet<u64>,
    vocabulary: &dyn Fn() -> &'v FxHashSet<String>,
    i: usize,
    word: &str,
) -> Option<Finding> {
    let dict = Dictionary::builtin();
    let tokens = doc.tokens();
    let text = doc.text();
    if is_daemon_name(doc, cx, word) || is_drawn_out(word) {
        return None;
    }
    // A known misspelling is reported however often the document repeats
    // it and whatever it looks like ("comission" reads as co- + mission).
    if let Some(fixes) = dict.known_misspelling(word) {
        if dict.is_pinyin_name(word)
            || !plausible_known_slip(word, &fixes)
            || in_foreign_phrase(doc, cx, i)
            || left_alone(doc, cx, i)
        {
            return None;
        }
        return Some(Finding::Slip(Evidence::Known(fixes)));
    }
    // "europe", "beijing", "marxism": a name the dictionary knows only
    // capitalised is reported as such, even where the letters also read as
    // Pinyin ("american" = a-me-ri-can).
    let name = name_form(dict, word);
    if looks_like_abbreviation(word)
        || (name.is_none() && (names.contains(&folded_hash(word)) || dict.is_pinyin_name(word)))
        || known_without_accents(cx, word)
        || is_clitic_form(cx, word)
        || is_them_run_on(dict, word)
        || (is_prefix(word) && linked_word(tokens, text, i, true).is_some())
        || left_alone(doc, cx, i)
    {
        return None;
    }
    if let Some(name) = name {
        // At a sentence start `lowercase-sentence-start` reports it. Names
        // of software, packages and people are often lower case by design
        // ("linux", "unicode", "perl", "len"): only common names are
        // reported.
        let common = dict
            .name_rank(word)
            .is_some_and(|rank| rank <= COMMON_NAME_RANK);
        // A writer who types the pronoun "i" in lower case does not
        // capitalise names either ("i learned french"): their habit, not a
        // slip.
        return (common && !is_sentence_start(doc, i) && !writes_lower_case_i(doc))
            .then_some(Finding::Name(name));
    }
    if dict.rare_rank(word).is_some()
        || is_word_formation(cx, word)
        || is_derived_form(cx, word)
        || in_foreign_phrase(doc, cx, i)
        || is_named_command(doc, i)
        || is_attributed_writer(doc, i)
        || in_series_of_unknown_names(cx, tokens, text, i)
    {
        return None;
    }
    let evidence = near_evidence(dict, word, false)?;
    (!is_form_of_document_word(dict, vocabulary(), word)).then_some(Finding::Slip(evidence))
}

/// Endings that make one word from another, for finding the other forms
/// of a word in its document.
const FORMING_SUFFIXES: [&str; 24] = [
    "", "s", "es", "ed", "d", "ing", "er", "ers", "or", "ors", "ly", "ness", "able", "ation",
    "ize", "ized", "izes", "izing", "ism", "ist", "ists", "ish", "y", "age",
];

/// "gronked" beside "gronk", "hacktivism" beside "hacktivist": another
/// form of the word, made with a regular ending from the same stem, that
/// the document also uses and the dictionary lacks too, and that has no
/// slip of its own (its own closest word is not one edit away). A writer's
/// term or coinage is used in several forms; a slip is made in one
/// ("equivulent", "equivulents" are both one edit from a word).
fn is_form_of_document_word(dict: &Dictionary, vocabulary: &FxHashSet<String>, word: &str) -> bool {
    let lower = word.to_lowercase();
    let sibling = |candidate: &str| {
        candidate != lower
            && vocabulary.contains(candidate)
            && dict.known_misspelling(candidate).is_none()
            && near_evidence(dict, candidate, false).is_none()
    };
    FORMING_SUFFIXES.iter().any(|ending| {
        let Some(stem) = lower.strip_suffix(ending) else {
            return false;
        };
        if stem.chars().count() < 4 {
            return false;
        }
        // "hacktivism" → "hacktiv", "gronked" → "gronk", "snarfage" →
        // "snarf"; with an "e" dropped before a vowel, "munging" → "munge".
        let mut stems = vec![stem.to_owned()];
        if ending.starts_with(['a', 'e', 'i', 'o', 'y']) {
            stems.push(format!("{stem}e"));
        }
        stems.iter().any(|stem| {
            FORMING_SUFFIXES
                .iter()
                .any(|other| sibling(&format!("{stem}{other}")))
        })
    })
}

/// The evidence that a capitalised word the dictionary does not know is a
/// slip rather than a name, whatever its position: in the list of known
/// misspellings, or a much commoner word one edit away.
fn capitalised_evidence(cx: &Context, word: &str) -> Option<Evidence> {
    let dict = Dictionary::builtin();
    if looks_like_abbreviation(word)
        || is_drawn_out(word)
        || dict.rank_any_case(word).is_some()
        || dict.is_pinyin_name(word)
        || dict.rare_rank(word).is_some()
    {
        return None;
    }
    if let Some(fixes) = dict.known_misspelling(word) {
        return plausible_known_slip(word, &fixes).then_some(Evidence::Known(fixes));
    }
    let lower = word.to_lowercase();
    if dict.rare_rank(&lower).is_some()
        || known_without_accents(cx, &lower)
        || is_clitic_form(cx, &lower)
        || is_word_formation(cx, &lower)
        || is_derived_form(cx, &lower)
    {
        return None;
    }
    near_evidence(dict, word, true)
}

/// A capitalised word with `evidence` of a slip, at token `i`: a known
/// misspelling anywhere ("the Goverment") but inside a foreign name; a
/// word one edit from a commoner one only at a sentence start, where the
/// capital says nothing ("Employemnt fell"), and when the document does
/// not write it capitalised elsewhere.
fn capitalised_finding<'a>(
    doc: &Document,
    cx: &Context,
    names: impl FnOnce() -> &'a FxHashSet<u64>,
    i: usize,
    evidence: Evidence,
) -> Option<Finding> {
    let quiet = match evidence {
        // Mid-sentence, a capitalised word may be a foreign name
        // ("Stichting Mathematisch Centrum").
        Evidence::Known(_) => {
            !is_sentence_start(doc, i) && (in_foreign_phrase(doc, cx, i) || in_unknown_name(doc, i))
        }
        Evidence::Near(_) => {
            !is_sentence_start(doc, i)
                || in_heading(doc, i)
                || names().contains(&folded_hash(doc.slice(doc.tokens()[i].span)))
                || in_foreign_phrase(doc, cx, i)
        }
    };
    (!quiet && !left_alone(doc, cx, i)).then_some(Finding::Slip(evidence))
}

/// Names at most this rare (SCOWL size) are reported in lower case without
/// the document writing them capitalised: "europe", "american", "tuesday".
const COMMON_NAME_RANK: u8 = 40;

/// Known misspellings of three letters or fewer are often codes or words
/// of other languages ("hda", "ist"): only a swap of the correction's
/// letters ("teh") counts.
fn plausible_known_slip(word: &str, fixes: &[String]) -> bool {
    let letters = word.chars().count();
    let typed: Vec<char> = word.to_lowercase().chars().collect();
    // "uupdate" for "update", "hokay" for "okay": a letter before a word
    // is how tools and dialect are named ("plocate", "mlocate"), not a
    // typing slip; "xwindows" for "x": a correction far from the word is
    // a word run together or a name, not a misspelling of it.
    let near = |fix: &String| {
        let wanted: Vec<char> = fix.to_lowercase().chars().collect();
        let letter_before = typed.len() == wanted.len() + 1 && typed[1..] == wanted[..];
        let reach = (typed.len() / 2).max(3);
        !letter_before && crate::words::edit_distance(&typed, &wanted, reach).is_some()
    };
    if !fixes.iter().any(near) {
        return false;
    }
    letters > 3
        || fixes.iter().any(|fix| {
            let typed: Vec<char> = word.to_lowercase().chars().collect();
            let wanted: Vec<char> = fix.to_lowercase().chars().collect();
            typed.len() == wanted.len() && slip_kind(&typed, &wanted) == Slip::Swap
        })
}

/// Words this long (in letters) or longer may be judged by edit evidence:
/// shorter ones are one edit from too many words by chance.
const SHORTEST_NEAR_MISS: usize = 5;
/// The rarest correction that counts as evidence (SCOWL size): much
/// commoner than an unknown word.
const EVIDENCE_RANK: u8 = 50;

/// How a typed word differs from a dictionary word one edit away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slip {
    /// Two neighbouring letters swapped ("incldues").
    Swap,
    /// A letter doubled or a double letter written once ("comission").
    Double,
    /// Any other single edit.
    Other,
}

/// Evidence that `word` (unknown in every vocabulary) is a slip of a much
/// commoner word: one edit away, a swap or doubling for words of five or
/// six letters, any edit from seven. `strict` (a capitalised word) asks a
/// letter more.
fn near_evidence(dict: &Dictionary, word: &str, strict: bool) -> Option<Evidence> {
    let letters = word.chars().count();
    let shortest = SHORTEST_NEAR_MISS + usize::from(strict);
    let typed: Vec<char> = word.to_lowercase().chars().collect();
    // A possessive of an unknown word is a name's ("serde's"); a letter
    // written three times is expressive ("hisss", "merrrier"); no English
    // word ends in "js", a JavaScript package's name does ("phantomjs").
    if letters < shortest
        || !english_onset(&typed)
        || typed.ends_with(&['j', 's'])
        || word.ends_with("'s")
        || word.ends_with("\u{2019}s")
        || typed.windows(3).any(|w| w[0] == w[1] && w[1] == w[2])
    {
        return None;
    }
    // A plural of an unknown word is evidence only if the word itself is
    // ("moutains"; not "distros", "pthreads").
    if let Some(stem) = word.strip_suffix('s') {
        let unknown = dict.rank_any_case(stem).is_none() && dict.rare_rank(stem).is_none();
        if unknown && !stem.ends_with('s') && near_evidence(dict, stem, strict).is_none() {
            return None;
        }
    }
    // "plocate", "mlocate", "xlock": a letter before a known word names a
    // tool after it, whatever else lies one edit away ("placate").
    let common = |w: &str| {
        dict.rank_any_case(w)
            .is_some_and(|rank| rank <= COMMON_RANK)
    };
    if typed.len() > 5 {
        let rest: String = typed[1..].iter().collect();
        if common(&rest) {
            return None;
        }
    }
    // "systemd", "containerd": a noun with a "d" that makes no past tense
    // ("systemed") is a daemon's name ("soldered" is one: "solderd" is a
    // slip; so is a doubled "d", "buildd"); "squashfs", "procfs": a word
    // with "fs" is a file system's.
    let lower: String = typed.iter().collect();
    if let Some(stem) = lower.strip_suffix('d') {
        if stem.chars().count() >= 4
            && !stem.ends_with(['d', 'e'])
            && common(stem)
            && !common(&format!("{stem}ed"))
        {
            return None;
        }
    }
    if let Some(stem) = lower.strip_suffix("fs") {
        if stem.chars().count() >= 3 && !stem.ends_with('f') && common(stem) {
            return None;
        }
    }
    let one_edit: Vec<Suggestion> = dict.one_edit_suggestions_memo(word, SUGGESTIONS);
    let counts = |s: &Suggestion| {
        let wanted: Vec<char> = s.word.to_lowercase().chars().collect();
        let slip = slip_kind(&typed, &wanted);
        // Writers rarely get the first letter wrong; a letter before a
        // word is a prefix or a code ("pthread", "ncurses", "fflush").
        let first_letter = (slip != Slip::Swap && typed.first() != wanted.first())
            || (typed.len() > wanted.len() && typed.get(1) == wanted.first());
        s.rank <= EVIDENCE_RANK && !first_letter && (slip != Slip::Other || letters >= shortest + 2)
    };
    if !one_edit.iter().any(counts) {
        return None;
    }
    // The words that count first; the other words one edit away are
    // listed too, so that a fix is offered only when there is one.
    let (mut near, others): (Vec<Suggestion>, Vec<Suggestion>) =
        one_edit.into_iter().partition(counts);
    near.extend(others);
    Some(Evidence::Near(near.into_iter().map(|s| s.word).collect()))
}

/// "sooo", "tooo", "yesss", "pleeease", "hmmmm": a word drawn out for
/// emphasis, a vowel or its last letter written three times or any letter
/// four times. A finger that slips repeats a consonant inside the word
/// ("acccept"), which stays a misspelling.
fn is_drawn_out(word: &str) -> bool {
    let letters: Vec<char> = word.to_lowercase().chars().collect();
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    letters.windows(4).any(|w| w.iter().all(|&c| c == w[0]))
        || letters
            .windows(3)
            .enumerate()
            .any(|(at, w)| w[0] == w[1] && w[1] == w[2] && (vowel(w[0]) || at + 3 == letters.len()))
}

/// A word in Latin letters with a look-alike of another script inside
/// ("identiсal" with a Cyrillic "с"): `untranslated-text` reports the
/// letter, and no correction by edit would be honest.
fn is_mixed_script(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_alphabetic())
        && word.chars().any(|c| {
            ('\u{0370}'..='\u{03FF}').contains(&c) || ('\u{0400}'..='\u{04FF}').contains(&c)
        })
}

/// Whether a word starts as English words do: with a vowel, or with
/// consonants that begin English words ("str", "ch", "pl"). Commands,
/// codes and names of software often do not ("gzipped", "lseek",
/// "rbcheck"), and are no evidence of a slip.
fn english_onset(word: &[char]) -> bool {
    const ONSETS: [&str; 40] = [
        "bl", "br", "ch", "cl", "cr", "cz", "dr", "dw", "fl", "fr", "gh", "gl", "gn", "gr", "kh",
        "kl", "kn", "kr", "ph", "pl", "pn", "pr", "ps", "pt", "qu", "rh", "sc", "sh", "sk", "sl",
        "sm", "sn", "sp", "sq", "st", "sv", "sw", "th", "tr", "tw",
    ];
    const MORE: [&str; 4] = ["wh", "wr", "ts", "zh"];
    let consonant = |c: &char| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    match word {
        [first, second, ..] if consonant(first) && consonant(second) => {
            let pair: String = [*first, *second].iter().collect();
            ONSETS.contains(&pair.as_str()) || MORE.contains(&pair.as_str())
        }
        _ => true,
    }
}

/// The kind of a single edit between `typed` and `word`.
fn slip_kind(typed: &[char], word: &[char]) -> Slip {
    let first = typed.iter().zip(word).take_while(|(a, b)| a == b).count();
    match typed.len().cmp(&word.len()) {
        std::cmp::Ordering::Equal => {
            let swapped = first + 1 < typed.len()
                && typed[first] == word[first + 1]
                && typed[first + 1] == word[first]
                && typed[first + 2..] == word[first + 2..];
            if swapped {
                Slip::Swap
            } else {
                Slip::Other
            }
        }
        // An extra letter: doubled if it repeats a neighbour.
        std::cmp::Ordering::Greater => doubled(typed, first),
        // A dropped letter: a double written once if it repeats a neighbour.
        std::cmp::Ordering::Less => doubled(word, first),
    }
}

/// Whether the letter at `at` of `longer` repeats a neighbour.
fn doubled(longer: &[char], at: usize) -> Slip {
    let Some(&letter) = longer.get(at) else {
        return Slip::Other;
    };
    let repeats = (at > 0 && longer[at - 1] == letter) || longer.get(at + 1) == Some(&letter);
    if repeats {
        Slip::Double
    } else {
        Slip::Other
    }
}

/// A regular derivation or inflection of a known word that the word lists
/// lack: "encodings", "tokenizing", "impactful", "digitalization",
/// "validators". Not a plural in -s of a word that takes -es ("speechs").
fn is_derived_form(cx: &Context, word: &str) -> bool {
    // With a prefix too: "undecodable", "reinitializing".
    let prefixed = prefixes().any(|prefix| {
        word.len() > prefix.len() + SHORTEST_PART
            && word.is_char_boundary(prefix.len())
            && word[..prefix.len()].eq_ignore_ascii_case(prefix)
            && derived_form(cx, &word[prefix.len()..])
    });
    prefixed || derived_form(cx, word)
}

/// [`is_derived_form`] without a prefix.
fn derived_form(cx: &Context, word: &str) -> bool {
    // "-eth" is the old third person of a verb ("pulleth", "pileth").
    const SUFFIXES: [&str; 35] = [
        "s", "es", "ed", "d", "ing", "er", "ers", "or", "ors", "ly", "ness", "less", "ful", "able",
        "ability", "ation", "ations", "ization", "isation", "ize", "ise", "ized", "ised", "izes",
        "ism", "ist", "ish", "ishly", "ishness", "itude", "y", "age", "dom", "hood", "eth",
    ];
    let known = |stem: &str| {
        stem.chars().count() >= SHORTEST_PART
            && (cx.is_known_word(stem) || Dictionary::builtin().rare_rank(stem).is_some())
    };
    // "hacktivism" ← "hacktivist": one of the pair of endings for a
    // doctrine and its follower, the other known.
    const PAIRED: [(&str, &str); 4] = [
        ("ism", "ist"),
        ("isms", "ist"),
        ("ist", "ism"),
        ("ists", "ism"),
    ];
    let paired = PAIRED.iter().any(|(ending, other)| {
        word.strip_suffix(ending)
            .is_some_and(|stem| known(&format!("{stem}{other}")))
    });
    paired
        || SUFFIXES.iter().any(|suffix| {
            let Some(stem) = word.strip_suffix(suffix) else {
                return false;
            };
            let sibilant =
                stem.ends_with(['s', 'x', 'z']) || stem.ends_with("ch") || stem.ends_with("sh");
            if (*suffix == "s" && sibilant) || (*suffix == "d" && !stem.ends_with('e')) {
                return false;
            }
            // "kludgy" ← "kludge", "foggy" ← "fog", like the vowel endings.
            let vowel_suffix = suffix.starts_with(['a', 'e', 'i', 'o', 'y']);
            known(stem)
            // "tokenizing" ← "tokenize", "pessimization" ← "pessimize"
            || (vowel_suffix && known(&format!("{stem}e")))
            // "happiness" ← "happy"
            || stem.strip_suffix('i').is_some_and(|s| known(&format!("{s}y")))
            // "pessimization" ← "pessimize": -ize + -ation
            || (suffix.starts_with("ation") && known(&format!("{stem}e")))
            // "mapped", "mapping" ← "map"; not before "-age", where a
            // doubled letter is a slip ("outtage").
            || (vowel_suffix
                && *suffix != "age"
                && stem.len() >= 2
                && stem.as_bytes()[stem.len() - 1] == stem.as_bytes()[stem.len() - 2]
                && known(&stem[..stem.len() - 1]))
        })
}

/// Two letters or fewer, or no vowel: an abbreviation or unit ("nm",
/// "npm", "fn"), not a misspelt word.
fn looks_like_abbreviation(word: &str) -> bool {
    word.chars().count() <= 2
        || !word
            .chars()
            .any(|c| matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
}

/// A known word with a possessive or contracted ending the word list
/// lacks: "else's", "there'll"; or a known word with a letter elided, as
/// in verse ("howsoe'er", "heav'n").
fn is_clitic_form(cx: &Context, word: &str) -> bool {
    let Some(at) = word.rfind(['\'', '\u{2019}']) else {
        return false;
    };
    let apostrophe = word[at..].chars().next().map_or(1, char::len_utf8);
    // A poet's elision: "howsoe'er" (howsoever), "heav'n" (heaven).
    let elided = ["v", "e"].iter().any(|letter| {
        at > 0 && {
            let whole = format!("{}{letter}{}", &word[..at], &word[at + apostrophe..]);
            whole.chars().count() > 3 && cx.is_known_word(&whole)
        }
    });
    if elided {
        return true;
    }
    let clitic = &word[at + apostrophe..];
    at > 0
        && matches!(clitic, "s" | "ll" | "d" | "ve" | "re" | "m")
        && cx.is_known_word(&word[..at])
}

/// "feedem", "changem": a common verb run together with a spoken "'em"
/// (them), an informal spelling rather than a slip.
fn is_them_run_on(dict: &Dictionary, word: &str) -> bool {
    let common = |w: &str| {
        w.chars().count() >= SHORTEST_PART && dict.rank(w).is_some_and(|rank| rank <= COMMON_RANK)
    };
    word.strip_suffix("em").is_some_and(common)
        // "change" + "'em", its "e" shared.
        || word
            .strip_suffix('m')
            .is_some_and(|stem| stem.ends_with('e') && common(stem))
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
        let dict = Dictionary::builtin();
        !has_digit(word)
            && (dict
                .rank(word)
                .map_or(!cx.is_known_word(word), |rank| rank >= RAREST_PIECE))
            // A misspelt neighbour is no foreign word.
            && dict.known_misspelling(word).is_none()
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

/// "{srcdir}", "[servname]", "%appdata%": a word alone between braces,
/// square brackets or percent signs is a placeholder or variable of a
/// template or command line, named by its own conventions.
fn is_placeholder(tokens: &[doclint_core::Token], text: &str, i: usize) -> bool {
    let (Some(before), Some(after)) = (
        i.checked_sub(1).and_then(|k| tokens.get(k)),
        tokens.get(i + 1),
    ) else {
        return false;
    };
    // "[text](url)" is a Markdown link, whose text is prose.
    let link = tokens.get(i + 2).is_some_and(|t| t.text(text) == "(");
    matches!(
        (before.text(text), after.text(text)),
        ("{", "}") | ("[", "]") | ("%", "%")
    ) && !link
}

/// "[I]nstall", "[C]onfigure": the rest of a word whose first letter is
/// bracketed as the key that chooses it in a menu; with the letter, a
/// known word.
fn is_menu_key_word(cx: &Context, tokens: &[doclint_core::Token], text: &str, i: usize) -> bool {
    if i < 3
        || tokens[i - 1].text(text) != "]"
        || tokens[i - 3].text(text) != "["
        || tokens[i - 2].kind != TokenKind::Word
        || tokens[i - 2].text(text).chars().count() != 1
    {
        return false;
    }
    let whole = format!("{}{}", tokens[i - 2].text(text), tokens[i].text(text));
    cx.is_known_word(&whole) || cx.is_known_word(&whole.to_lowercase())
}

/// "a poor way to spell muskeeter": a word the sentence spells out, as
/// a mention, not a use.
fn is_spelling_mention(tokens: &[doclint_core::Token], text: &str, i: usize) -> bool {
    const SPELL: &[&str] = &[
        "spell",
        "spells",
        "spelt",
        "spelled",
        "spelling",
        "misspell",
        "misspells",
        "misspelt",
        "misspelled",
        "misspelling",
    ];
    linked_word(tokens, text, i, false).is_some_and(|j| {
        SPELL
            .iter()
            .any(|w| w.eq_ignore_ascii_case(tokens[j].text(text)))
    })
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

fn diagnostic(doc: &Document, i: usize, word: &str, evidence: &Evidence) -> Diagnostic {
    let span = doc.tokens()[i].span;
    let (message, fixes) = match evidence {
        Evidence::Known(fixes) => (format!("`{word}` is a common misspelling"), fixes),
        Evidence::Near(fixes) => (format!("`{word}` looks like a misspelling"), fixes),
    };
    let diagnostic = Misspelling::META.diagnostic(span, message);
    let listed: Vec<String> = fixes.iter().map(|fix| format!("`{fix}`")).collect();
    match fixes.as_slice() {
        [] => diagnostic,
        // Only when the evidence singles out one correction.
        [only] => diagnostic
            .with_help(format!("did you mean `{only}`?"))
            .with_fix(Fix::unsafe_(
                format!("Replace with `{only}`"),
                vec![Edit::replace(span, only.clone())],
            )),
        _ => diagnostic.with_help(format!("did you mean {}?", listed.join(", "))),
    }
}

/// Folded hashes of the words the document writes capitalised mid-sentence
/// or in capitals: names, which the document also uses in lower case
/// ("the xiaokang society … Xiaokang"). A capital at a sentence start says
/// nothing.
fn capitalised_words(doc: &Document) -> FxHashSet<u64> {
    doc.tokens()
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            t.kind == TokenKind::Word
                && (t.shape == WordShape::AllCaps
                    || (t.shape == WordShape::Capitalized && !is_sentence_start(doc, *i)))
        })
        .map(|(_, t)| folded_hash(doc.slice(t.span)))
        .collect()
}

/// Whether a neighbour of capitalised token `i` is another capitalised
/// word the dictionary does not know: part of a foreign or unusual name
/// ("Stichting Mathematisch Centrum"), also across the line break of a
/// wrapped line ("at Stichting\nMathematisch Centrum").
fn in_unknown_name(doc: &Document, i: usize) -> bool {
    let tokens = doc.tokens();
    let text = doc.text();
    let wrapped = |newline: Option<usize>, word: Option<usize>| {
        let (newline, word) = (newline?, word?);
        (tokens.get(newline)?.kind == TokenKind::Newline
            && tokens.get(word)?.kind == TokenKind::Word)
            .then_some(word)
    };
    [
        linked_word(tokens, text, i, false),
        linked_word(tokens, text, i, true),
        wrapped(i.checked_sub(1), i.checked_sub(2)),
        wrapped(Some(i + 1), Some(i + 2)),
    ]
    .into_iter()
    .flatten()
    .any(|j| {
        tokens[j].shape == WordShape::Capitalized
            && Dictionary::builtin().rank(tokens[j].text(text)).is_none()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn tool_names_made_of_a_letter_and_a_word_are_not_misspellings() {
        assert_no_lints(
            &Misspelling,
            "As an example, plocate might be a faster replacement for mlocate. \
             He said hokay and left. The Xwindows setup failed. \
             The behaviour remains identi\u{0441}al to before. \
             If the name of the module is leo, the init function is called initleo().",
        );
        // Slips one edit from a word are still found, known or not.
        assert_eq!(
            flagged(
                &Misspelling,
                "We recieve mail. It can placatte them. The noone there, and otehrs."
            ),
            vec!["recieve", "placatte", "noone", "otehrs"]
        );
    }

    #[test]
    fn a_passage_in_old_spelling_is_left_alone() {
        // Markers ("ye", "unto") and words spelt the old way around the
        // word: the passage is archaic on purpose.
        assert_no_lints(
            &Misspelling,
            "And ye olde kynge rode unto ye toune, where his ryders were holden in \
             greate esteeme and his evill was forgotte.\n\n\
             It is sayd that on one syde of the hille the folke are carefull of \
             theyr neighboures.\n",
        );
        // One "ye" in a modern paragraph is no archaic passage: the slips
        // around it are still found.
        assert_eq!(
            flagged(
                &Misspelling,
                "Hear ye, the meeting moved. We recieve mail and the comittee met.\n"
            ),
            vec!["recieve", "comittee"]
        );
    }

    #[test]
    fn old_verb_forms_and_elisions_of_verse_are_words() {
        assert_no_lints(
            &Misspelling,
            "He pulleth the rope and the bell ringeth. Howe'er they roam, \
             the stars shine o'er the heav'nly hills.\n",
        );
        // A slip in the same verse is still one.
        assert_eq!(
            flagged(&Misspelling, "He pulleth the rope o'er a beutiful bell.\n"),
            vec!["beutiful"]
        );
    }

    #[test]
    fn a_sentence_in_another_language_is_not_english_slips() {
        assert_no_lints(
            &Misspelling,
            "The hymn goes on:\n\nConfutatis maledictis, flammis acribus addictis, \
             voca me cum benedictis.\n",
        );
        // An English sentence with a few slips is still English.
        assert_eq!(
            flagged(
                &Misspelling,
                "The goverment was put there by the mass of people who recieve thier mail.\n"
            ),
            vec!["goverment", "recieve", "thier"]
        );
    }

    #[test]
    fn a_menu_key_in_brackets_and_a_spelled_out_word_are_no_slips() {
        assert_no_lints(
            &Misspelling,
            "First choose [U]pdate, then [I]nstall, then [C]onfigure. \
             That is a poor way to spell fotograph.\n",
        );
        assert_eq!(
            flagged(&Misspelling, "Then nstall it and take a fotograph.\n"),
            vec!["nstall", "fotograph"]
        );
    }

    #[test]
    fn several_daemons_named_with_a_d_are_no_slips() {
        assert_no_lints(
            &Misspelling,
            "Each daemon logs. The buildds pick up the upload and the watchdogs wait.\n",
        );
        assert_eq!(
            flagged(&Misspelling, "The buildds pick up the upload.\n"),
            vec!["buildds"]
        );
    }

    #[test]
    fn an_item_in_a_series_of_unknown_names_is_a_name() {
        // "samhain" is no word and no slip: the series names tools.
        assert_no_lints(
            &Misspelling,
            "Checkers such as tripwire, integrit or samhain watch the disk.\n",
        );
        // Beside known words, the same item is judged as any word.
        assert_eq!(
            flagged(
                &Misspelling,
                "Checkers watch the disk, the integrit and the files.\n"
            ),
            vec!["integrit"]
        );
    }

    #[test]
    fn a_writer_a_quotation_is_attributed_to_is_a_name() {
        assert_no_lints(&Misspelling, "Then blech writes that the talk is on.");
        // The verb of an attribution line, after the writer's address.
        assert_no_lints(
            &Misspelling,
            "Jo Bloggs <jo@example.org> scribbld:\n\n> The talk is on.\n",
        );
        assert_eq!(
            flagged(
                &Misspelling,
                "Jo Bloggs <jo@example.org> said the talk is on, i recieve it.\n"
            ),
            vec!["recieve"]
        );
        assert_eq!(
            flagged(&Misspelling, "Then blech said that the talk is on."),
            vec!["blech"]
        );
    }

    #[test]
    fn daemon_file_system_and_tool_terms_are_not_misspellings() {
        assert_no_lints(
            &Misspelling,
            "Then systemd starts containerd and mounts the squashfs image.",
        );
        // A dropped "e" of a past tense, a doubled letter and a slip one
        // edit from a common word still fire.
        assert_eq!(
            flagged(
                &Misspelling,
                "It was solderd in place; buildd it again on the systme."
            ),
            vec!["solderd", "buildd", "systme"]
        );
    }

    #[test]
    fn markdown_identifiers_written_in_code_are_not_misspellings() {
        let text = "The `rustix` crate wraps system calls. Today rustix calls [errno](https://docs.rs/errno).\n\nAn errno and a minumum.\n";
        let found = lint_markdown(&Misspelling, text);
        let words: Vec<&str> = found.iter().map(|d| &text[d.span.range()]).collect();
        assert_eq!(words, ["minumum"]);
    }

    #[test]
    fn words_the_document_writes_as_identifiers_are_not_misspellings() {
        // A method called "asend()", a user in a URL, a device "hda1", a
        // JavaScript package, a mailbox written out: the bare word is the
        // identifier. The same slips with no such use are still found.
        let text = "Call agen.asend(value) later. When asend is awaited, it runs.\n\
                    Posted by shermann (http://freshmeat.net/users/shermann/).\n\
                    Partitions: hda1 hda2. Keep root as hda here.\n\
                    Old phantomjs builds fail.\n\
                    Lee Hosty -x- hostyle AT csn.ul.ie\n";
        assert!(
            flagged(&Misspelling, text).is_empty(),
            "{:?}",
            flagged(&Misspelling, text)
        );
        let text = "When asend is awaited, it runs. Posted by hostyle at noon.\n";
        assert_eq!(flagged(&Misspelling, text), vec!["asend", "hostyle"]);
    }

    #[test]
    fn a_word_that_starts_a_file_or_command_name_is_that_tool() {
        let text = "The anacron daemon reads /etc/anacrontab; see anacrontab(5). \
                    Please note that anacron runs late.\n";
        assert!(
            flagged(&Misspelling, text).is_empty(),
            "{:?}",
            flagged(&Misspelling, text)
        );
        // Without the file name, or with a file name that only shares a
        // short beginning, it is judged as any word.
        let text = "Please note that anacron runs late. See /etc/anac.\n";
        assert_eq!(flagged(&Misspelling, text), vec!["anacron"]);
    }

    #[test]
    fn commands_named_as_manual_pages_and_daemons_are_not_misspellings() {
        // "uupdate(1)" names a command; a document about daemons names
        // them with a "d" ("journald", "buildd").
        let text = "Run udpate(1) first; udpate makes a new tree.\n\
                    The journald daemon and the buildd daemons log.\n";
        assert!(
            flagged(&Misspelling, text).is_empty(),
            "{:?}",
            flagged(&Misspelling, text)
        );
        // Without the manual page or the daemons: slips.
        let text = "Run udpate first. It was solderd in place; buildd it again.\n";
        assert_eq!(
            flagged(&Misspelling, text),
            vec!["udpate", "solderd", "buildd"]
        );
    }

    #[test]
    fn the_end_of_a_word_broken_at_a_hyphen_is_no_misspelling() {
        let text = "They are auto- matically reported and auto-\nmatically revoked.\n";
        assert!(flagged(&Misspelling, text).is_empty());
        // Not a word with the piece before: still a slip.
        let text = "They are well- recieved.\n";
        assert_eq!(flagged(&Misspelling, text), vec!["recieved"]);
    }

    #[test]
    fn a_foreign_name_wrapped_over_a_line_is_a_name() {
        let text = "Python was created at Stichting\nMathematisch Centrum in Amsterdam.\n";
        assert!(flagged(&Misspelling, text).is_empty());
        // A known slip next to known words is still one.
        let text = "Python was created at the\nGoverment Centre in Amsterdam.\n";
        assert_eq!(flagged(&Misspelling, text), vec!["Goverment"]);
    }

    #[test]
    fn a_slip_in_a_sentence_does_not_become_an_identifier() {
        // "it.Then" is a missing space, not a dotted name; "recieve/send"
        // is no path: the slips elsewhere stay slips (the one inside
        // "recieve/send" is left alone as an address-like run, as before).
        let text = "We recieve it.Then we recieve/send mail. We recieve more.\n";
        assert_eq!(flagged(&Misspelling, text), vec!["recieve", "recieve"]);
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
    fn known_misspellings_are_reported_however_often_they_recur() {
        // A word used several times is not thereby a term.
        let text = "The comission met on Monday. Its report went to the comission's \
                    chair, and the comission agreed to publish it.";
        assert_eq!(
            flagged(&Misspelling, text),
            vec!["comission", "comission's", "comission"]
        );
        assert_unsafe_fix(
            &Misspelling,
            "The budget incldues a reserve.",
            "The budget includes a reserve.",
        );
        assert_unsafe_fix(
            &Misspelling,
            "We were, unfortunetly, too late.",
            "We were, unfortunately, too late.",
        );
    }

    #[test]
    fn capitalised_slips_at_a_sentence_start_are_not_names() {
        let text = "Aditionally, the ministry cut fees. Goverment spending rose. \
                    Employemnt fell in the north.";
        assert_eq!(
            flagged(&Misspelling, text),
            vec!["Aditionally", "Goverment", "Employemnt"]
        );
        assert_unsafe_fix(
            &Misspelling,
            "It rose. Aditionally, it fell.",
            "It rose. Additionally, it fell.",
        );
        // Unknown capitalised words without evidence are names, wherever
        // they stand; so is a known one mid-sentence.
        assert_no_lints(
            &Misspelling,
            "Zorblat opened. Kwenta traded on Friday. The Marlowe group met Xu Wen.",
        );
    }

    #[test]
    fn slips_of_common_words_are_found_by_edit_evidence() {
        // Not in the list of known misspellings: a swap, a dropped letter,
        // a substitution in a long word, a plural of a slip.
        let text = "The employemnt figures existnig before the telivision report \
                    on moutains were revised.";
        assert_eq!(
            flagged(&Misspelling, text),
            vec!["employemnt", "existnig", "telivision", "moutains"]
        );
        assert_unsafe_fix(&Misspelling, "It was existnig law.", "It was existing law.");
    }

    #[test]
    fn unknown_words_without_evidence_are_quiet() {
        // Rare, technical and borrowed words, coinages, agency credits,
        // software written in lower case, codes, possessives of names,
        // expressive spellings.
        assert_no_lints(
            &Misspelling,
            "An impactful digitalization of clinics: acetaminophen was tested in situ \
             (dpa). Reporting by afp. The undecodable encodings were tokenizing inlined \
             code in gzipped files with lseek and pthreads. It was serde's fault; \
             hisss, said the snake. The qozxuvwk appeared.",
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
        // A foreign name that happens to be a known misspelling of English.
        assert_no_lints(
            &Misspelling,
            "It is a gift of the Stichting Mathematisch Centrum.",
        );
    }

    #[test]
    fn names_written_in_lower_case_are_reported_as_names() {
        let text = "The american team toured europe on a tuesday; 20 degrees celsius.";
        assert_eq!(
            flagged(&Misspelling, text),
            vec!["american", "europe", "tuesday", "celsius"]
        );
        let diagnostics = lint(&Misspelling, text);
        assert_eq!(
            diagnostics[0].message,
            "`american` is a name, written in lower case"
        );
        let fix = diagnostics[0].fix.as_ref().expect("a fix");
        assert_eq!(fix.edits[0].replacement, "American");
        // Software and less common names are often lower case by design.
        assert_no_lints(
            &Misspelling,
            "They run linux and perl on debian with emacs.",
        );
    }

    #[test]
    fn a_writer_who_types_a_lower_case_i_writes_names_so_too() {
        assert_no_lints(
            &Misspelling,
            "yep, i learned spanish at school. am i the only one on friday?",
        );
        // A lower-case "i" that is a variable or a list item is no habit.
        assert_eq!(
            flagged(&Misspelling, "Set i to 2. Then (i) we met on friday."),
            vec!["friday"]
        );
    }

    #[test]
    fn a_word_named_as_a_command_is_that_command() {
        assert_no_lints(
            &Misspelling,
            "Use the iptables, arptables and ebtables commands. Set it when running soffice.",
        );
        // The same slips outside such a naming are still reported.
        assert_eq!(
            flagged(
                &Misspelling,
                "The ebtables were set. We saw monoplistic tendencies."
            ),
            vec!["ebtables", "monoplistic"]
        );
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
        // Slips next to those words are still reported.
        assert_eq!(
            flagged(&Misspelling, "Growth was 3% per annum, the goverment said."),
            vec!["goverment"]
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
    fn a_fix_only_when_the_evidence_singles_out_one_word() {
        // The list gives "abbout" two corrections: both are listed, none
        // is applied.
        let found = lint(&Misspelling, "They talked abbout the plan.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].help.as_deref(),
            Some("did you mean `about`, `abbot`?")
        );
        assert!(found[0].fix.is_none());
        let one = lint(&Misspelling, "The nation is strong becuase it is free.");
        assert!(one[0].fix.is_some(), "{one:?}");
    }

    #[test]
    fn project_words_are_known() {
        let text = "The employemnt appeared.";
        let doc = Document::from_text(text);
        let mut settings = crate::Settings::default();
        let cx = Context {
            settings: &settings,
        };
        let mut out = Vec::new();
        Misspelling.check(&doc, &cx, &mut out);
        assert_eq!(out.len(), 1);
        settings.extra_words.insert("employemnt");
        let cx = Context {
            settings: &settings,
        };
        let mut out = Vec::new();
        Misspelling.check(&doc, &cx, &mut out);
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn edit_kinds() {
        let chars = |w: &str| w.chars().collect::<Vec<_>>();
        assert_eq!(
            slip_kind(&chars("incldues"), &chars("includes")),
            Slip::Swap
        );
        assert_eq!(
            slip_kind(&chars("comission"), &chars("commission")),
            Slip::Double
        );
        assert_eq!(slip_kind(&chars("untill"), &chars("until")), Slip::Double);
        assert_eq!(
            slip_kind(&chars("speechs"), &chars("speeches")),
            Slip::Other
        );
        assert_eq!(slip_kind(&chars("struct"), &chars("struck")), Slip::Other);
    }

    #[test]
    fn other_forms_of_a_document_term_are_not_slips() {
        // A coinage the text uses in several forms, none one edit from a
        // word of its own.
        assert_no_lints(
            &Misspelling,
            "To gronk a board is to wedge it; my board is gronked again. \
             A hacktivist practises hacktivism.",
        );
        // Alone, the same form is one edit from a common word; a slip
        // made in two forms, each one edit from a word, still fires.
        assert_eq!(
            flagged(&Misspelling, "My board is gronked again."),
            vec!["gronked"]
        );
        assert_eq!(
            flagged(
                &Misspelling,
                "It is faster than equivulent code, and the equivulents too."
            ),
            vec!["equivulent", "equivulents"]
        );
    }

    #[test]
    fn jargon_suffixes_on_known_stems_are_formations() {
        assert_no_lints(
            &Misspelling,
            "Such lossitude is kludgey, and its fixes look hackishly done.",
        );
        assert_eq!(
            flagged(
                &Misspelling,
                "The code is kludgey, the sky cloduy and the outtage long."
            ),
            vec!["cloduy", "outtage"]
        );
    }

    #[test]
    fn drawn_out_words_are_emphasis_not_slips() {
        assert_no_lints(
            &Misspelling,
            "It was sooo slow and tooo expensive, yesss, and pleeease hmmmm.",
        );
        // A consonant repeated inside a word is a stuck key.
        assert_eq!(
            flagged(&Misspelling, "Please acccept the change."),
            vec!["acccept"]
        );
    }

    #[test]
    fn a_word_alone_in_braces_or_brackets_is_a_placeholder() {
        assert_no_lints(
            &Misspelling,
            "Set {buildir} and {usrname} in the template, or pass [optionz] and %appdta%.",
        );
        // In the running text around them a slip still fires.
        assert_eq!(
            flagged(
                &Misspelling,
                "Set {buildir} in the templaet, the usrname in [the file], see [documnetation](x)."
            ),
            vec!["templaet", "usrname", "documnetation"]
        );
    }

    #[test]
    fn a_verb_run_together_with_em_is_informal() {
        assert_no_lints(
            &Misspelling,
            "Catch the mice and feedem, then bathem and changem and send them off.",
        );
        // A slip that happens to end in "em" still fires.
        assert_eq!(
            flagged(&Misspelling, "The operating sytem and its probelm."),
            vec!["sytem", "probelm"]
        );
    }
}
