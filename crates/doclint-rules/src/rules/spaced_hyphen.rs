use doclint_core::{Diagnostic, Document, Edit, Fix, Token, TokenKind, WordShape};
use rustc_hash::FxHashSet;

use crate::rule::{Context, Rule, RuleMeta};
use crate::word_ranks::WordRanks;
use crate::words::{
    capitalised_by_position, folded_hash, has_digit, in_address, is_common_word, is_function_word,
    is_prefix, is_word_at,
};

declare_rule! {
    /// ## What it does
    /// Flags a hyphenated compound broken by a space on one side of the
    /// hyphen: "high -quality", "people- centred", "grass- roots".
    ///
    /// It fires on a word, a hyphen and a word with a single space on
    /// exactly one side of the hyphen, when the compound is real:
    /// - the document writes the same compound unspaced elsewhere
    ///   ("high-quality");
    /// - the two parts closed up make a common word ("grass- roots");
    /// - the first part is a word-forming prefix ("non- communist",
    ///   "e- commerce");
    /// - or both parts are lower-case dictionary words, neither a function
    ///   word (a particle such as "off" or "up" may be: "well -off"), in a
    ///   document that never uses the hyphen as a dash.
    ///
    /// Not flagged: a hyphen spaced on both sides (a dash), suspended
    /// hyphens ("high- and low-income", "short- to medium-term",
    /// "small-, medium- and large-sized"), numbers and signs ("-5",
    /// "1990 -1995"), list bullets, command-line flags ("-v", "--fix") and
    /// a hyphen ending a line (a word broken across lines, not a stray
    /// space).
    ///
    /// `inconsistent-spelling` does not read the spaced form, so the two
    /// rules never report one span; once fixed, the compound may be
    /// compared with its closed form ("grassroots") there.
    ///
    /// ## Why is this bad?
    /// Machine translation and careless editing leave a space beside the
    /// hyphen of a compound. The reader sees a dash or a stray sign, and a
    /// search for the compound misses it.
    ///
    /// ## Example
    /// ```text
    /// promote high -quality development and a people- centred approach
    /// ```
    /// Use instead:
    /// ```text
    /// promote high-quality development and a people-centred approach
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the space. Safe when the compound is attested: the
    /// document writes it unspaced, the parts closed up are a common word,
    /// or the first part is a word-forming prefix ("non", "anti", but not
    /// the particles "out", "over", "under"). Unsafe otherwise: two words may be a dash between phrases
    /// in a text that spaces its dashes unevenly.
    pub struct SpacedHyphen {
        id: "spaced-hyphen",
        category: Lexical,
        severity: Warning,
        fix: Always,
    }
}

/// Words after a hyphen and a space (or before a space and a hyphen) that
/// make it a suspended hyphen: "high- and low-income", "pre- or post-war".
const SUSPENDING: &[&str] = &[
    "and", "or", "nor", "to", "versus", "vs", "through", "than", "plus", "but", "as",
];

/// Function words that are common parts of compounds ("well-off",
/// "follow-up", "in-depth", "all-round"); other function words beside a
/// spaced hyphen read as a dash ("the record- thanks to").
const COMPOUND_PARTICLES: &[&str] = &[
    "after", "all", "by", "down", "in", "off", "on", "out", "over", "under", "up",
];

/// A word, a hyphen and a word with a single space on one side.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    left: usize,
    hyphen: usize,
    right: usize,
    space: usize,
}

impl Candidate {
    /// The candidate whose hyphen is token `h`, if there is one.
    fn at(tokens: &[Token], text: &str, h: usize) -> Option<Self> {
        let is_word = |j: usize| tokens.get(j).is_some_and(|t| t.kind == TokenKind::Word);
        let is_single_space = |j: usize| {
            tokens
                .get(j)
                .is_some_and(|t| t.kind == TokenKind::Space && t.text(text).chars().count() == 1)
        };
        let before = h.checked_sub(1)?;
        if is_word(before) && is_single_space(h + 1) && is_word(h + 2) {
            // "people- centred"
            return Some(Self {
                left: before,
                hyphen: h,
                right: h + 2,
                space: h + 1,
            });
        }
        let first = h.checked_sub(2)?;
        if is_word(first) && is_single_space(before) && is_word(h + 1) {
            // "high -quality"
            return Some(Self {
                left: first,
                hyphen: h,
                right: h + 1,
                space: before,
            });
        }
        None
    }

    /// Whether the space follows the hyphen ("people- centred").
    fn space_after(&self) -> bool {
        self.space > self.hyphen
    }
}

fn is_hyphen_token(tokens: &[Token], text: &str, j: usize) -> bool {
    tokens
        .get(j)
        .is_some_and(|t| t.kind == TokenKind::Punct && crate::words::is_hyphen(t.text(text)))
}

fn lower_in(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether `word` beside a spaced hyphen reads as a dash: a function word
/// other than the particles that make compounds.
fn reads_as_dash(word: &str) -> bool {
    is_function_word(word) && !lower_in(COMPOUND_PARTICLES, word)
}

/// Whether the candidate's outer word carries the compound on with another
/// unspaced hyphen: "face- to-face", "state-of -the-art".
fn is_chained(tokens: &[Token], text: &str, c: &Candidate) -> bool {
    let word_at = |j: Option<usize>| {
        j.and_then(|j| tokens.get(j))
            .is_some_and(|t| t.kind == TokenKind::Word)
    };
    (is_hyphen_token(tokens, text, c.right + 1) && word_at(Some(c.right + 2)))
        || (c
            .left
            .checked_sub(1)
            .is_some_and(|j| is_hyphen_token(tokens, text, j))
            && word_at(c.left.checked_sub(2)))
}

/// Whether the candidate is a suspended hyphen: "high- and low-income",
/// "small- medium- and large-sized", or the rarer "full-time and -paid".
fn is_suspended(tokens: &[Token], text: &str, c: &Candidate) -> bool {
    if c.space_after() {
        let right = tokens[c.right].text(text);
        // "people- to-people" is a compound chain, not a suspension.
        if lower_in(SUSPENDING, right) && !is_chained(tokens, text, c) {
            return true;
        }
        // Another suspended part follows: "small- medium- and".
        is_hyphen_token(tokens, text, c.right + 1)
            && tokens.get(c.right + 2).is_none_or(|t| t.is_blank())
    } else {
        lower_in(SUSPENDING, tokens[c.left].text(text))
    }
}

/// What the document says about hyphens, gathered once when it has a
/// candidate.
struct HyphenUse {
    /// Folded hashes of "left-right" for every pair of words joined by an
    /// unspaced hyphen.
    joined_pairs: FxHashSet<u64>,
    /// Whether the document uses a hyphen as a dash: spaced on both sides
    /// between words ("the economy - which"), or spaced on one side next to
    /// a function word ("care- we", "and -the").
    dash_style: bool,
}

impl HyphenUse {
    fn of(doc: &Document) -> Self {
        let tokens = doc.tokens();
        let text = doc.text();
        let mut joined_pairs = FxHashSet::default();
        let mut dash_style = false;
        let mut pair = String::new();
        for h in 1..tokens.len().saturating_sub(1) {
            if tokens[h].kind != TokenKind::Punct || !crate::words::is_hyphen(tokens[h].text(text))
            {
                continue;
            }
            let (prev, next) = (tokens[h - 1], tokens[h + 1]);
            if prev.kind == TokenKind::Word && next.kind == TokenKind::Word {
                pair.clear();
                pair.push_str(prev.text(text));
                pair.push('-');
                pair.push_str(next.text(text));
                joined_pairs.insert(folded_hash(&pair));
                continue;
            }
            if dash_style {
                continue;
            }
            let word_beyond = |j: Option<usize>| {
                j.and_then(|j| tokens.get(j))
                    .is_some_and(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
            };
            if prev.kind == TokenKind::Space
                && next.kind == TokenKind::Space
                && word_beyond(h.checked_sub(2))
                && word_beyond(Some(h + 2))
            {
                dash_style = true;
            } else if let Some(c) = Candidate::at(tokens, text, h) {
                dash_style = !is_suspended(tokens, text, &c)
                    && !is_chained(tokens, text, &c)
                    && (reads_as_dash(tokens[c.left].text(text))
                        || reads_as_dash(tokens[c.right].text(text)));
            }
        }
        Self {
            joined_pairs,
            dash_style,
        }
    }
}

/// How sure the rule is that the candidate is a broken compound.
enum Evidence {
    /// Attested: written unspaced in the document, a common closed word,
    /// or a word-forming prefix that is not also a particle.
    Attested(String),
    /// Two words that read as a compound, without attestation.
    Plausible,
}

impl Rule for SpacedHyphen {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &Context, out: &mut Vec<Diagnostic>) {
        let tokens = doc.tokens();
        let text = doc.text();
        let mut hyphen_use: Option<HyphenUse> = None;
        let mut ranks: Option<std::sync::Arc<WordRanks>> = None;
        let mut pair = String::new();
        for h in 1..tokens.len().saturating_sub(1) {
            if tokens[h].kind != TokenKind::Punct || !crate::words::is_hyphen(tokens[h].text(text))
            {
                continue;
            }
            let Some(c) = Candidate::at(tokens, text, h) else {
                continue;
            };
            let (left, right) = (tokens[c.left].text(text), tokens[c.right].text(text));
            if has_digit(left)
                || has_digit(right)
                || is_suspended(tokens, text, &c)
                || in_address(tokens, text, c.left)
                || in_address(tokens, text, c.right)
                || is_command_option(doc, &c)
            {
                continue;
            }
            let hyphen_use = hyphen_use.get_or_insert_with(|| HyphenUse::of(doc));
            pair.clear();
            pair.push_str(left);
            pair.push('-');
            pair.push_str(right);
            // A text that writes its dashes unspaced ("own-and") attests
            // pairs with function words only inside compound chains
            // ("face-to-face").
            let attested = hyphen_use.joined_pairs.contains(&folded_hash(&pair))
                && (is_chained(tokens, text, &c) || !(reads_as_dash(left) || reads_as_dash(right)));
            let evidence = if attested {
                Some(Evidence::Attested(format!(
                    "the document writes `{pair}` elsewhere"
                )))
            } else {
                let ranks = ranks.get_or_insert_with(|| WordRanks::of(doc));
                judge(doc, cx, ranks, &c, hyphen_use.dash_style)
            };
            let Some(evidence) = evidence else {
                continue;
            };
            let span = tokens[c.left].span.cover(tokens[c.right].span);
            let title = format!("Remove the space: `{pair}`");
            let edits = vec![Edit::delete(tokens[c.space].span)];
            let (fix, why) = match evidence {
                Evidence::Attested(why) => (Fix::safe(title, edits), why),
                Evidence::Plausible => (
                    Fix::unsafe_(title, edits),
                    "both parts are words".to_owned(),
                ),
            };
            out.push(
                Self::META
                    .diagnostic(
                        span,
                        format!(
                            "`{}` looks like the compound `{pair}` broken by a stray space ({why})",
                            doc.slice(span)
                        ),
                    )
                    .with_help(format!("remove the space beside the hyphen: `{pair}`"))
                    .with_fix(fix),
            );
        }
    }
}

/// "razor-admin -create", "rpm -ta", "specify -rs": a hyphen glued to the
/// word after it and spaced from the word before starts a command-line
/// option when that option is short (three letters at most, not a function
/// word: "well -off" is a compound), when the word
/// before is itself hyphenated (a command name), when other options, paths
/// or code stand near it on its line ("-diff (hence -binary)"), on a short
/// indented line ("\tjava -zero"), or in a plain-text line of code or a
/// command.
fn is_command_option(doc: &Document, c: &Candidate) -> bool {
    if c.space_after() {
        return false;
    }
    let tokens = doc.tokens();
    let text = doc.text();
    let option = tokens[c.right].text(text);
    let short = option.chars().count() <= 3 && !is_function_word(option);
    let hyphenated_before = c
        .left
        .checked_sub(1)
        .is_some_and(|j| is_hyphen_token(tokens, text, j));
    // "to -diff (hence -binary)", "use -static with /usr/lib": an option
    // among other options, paths or code on its line.
    let start = tokens[c.left].span.start();
    let among_code =
        crate::words::code_like_chunks_in_line(doc, start, tokens[c.right].span.end(), 2) > 0;
    short
        || hyphenated_before
        || among_code
        || is_command_shown(doc, start)
        || crate::words::in_code_like_line(doc, start)
}

/// Whether the line holding `offset` is a short command set apart by its
/// indentation: "\tjava -zero", "    gcc -static": three words at most.
fn is_command_shown(doc: &Document, offset: usize) -> bool {
    let Some(line) = doc.lines().get(doc.line_of(offset)) else {
        return false;
    };
    let text = doc.slice(line.span);
    let indented = text.starts_with('\t') || text.starts_with("  ");
    indented && text.split_whitespace().nth(3).is_none()
}

/// The evidence that a candidate not written unspaced elsewhere is a
/// compound, if there is enough.
fn judge(
    doc: &Document,
    cx: &Context,
    ranks: &WordRanks,
    c: &Candidate,
    dash_style: bool,
) -> Option<Evidence> {
    let tokens = doc.tokens();
    let text = doc.text();
    let (left, right) = (&tokens[c.left], &tokens[c.right]);
    let left_ok = left.shape == WordShape::Lower
        || (left.shape == WordShape::Capitalized && capitalised_by_position(doc, c.left));
    if !left_ok || right.shape != WordShape::Lower || !is_word_at(cx, doc, ranks, c.right) {
        return None;
    }
    let (left_word, right_word) = (left.text(text), right.text(text));
    if reads_as_dash(left_word) || reads_as_dash(right_word) {
        return None;
    }
    // "e-" (electronic) is a prefix though a lone letter: "e- commerce".
    if is_prefix(left_word) || left_word.eq_ignore_ascii_case("e") {
        return Some(if is_function_word(left_word) {
            // "out", "over", "under" are words of their own too: "it was
            // over- rooted" may be a dash.
            Evidence::Plausible
        } else {
            Evidence::Attested(format!("`{left_word}-` is a prefix"))
        });
    }
    if !is_word_at(cx, doc, ranks, c.left) {
        return None;
    }
    let closed = format!("{left_word}{right_word}");
    if is_common_word(cx, &closed) {
        return Some(Evidence::Attested(format!("`{closed}` is a word")));
    }
    (!dash_style).then_some(Evidence::Plausible)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn flags_a_space_on_either_side() {
        assert_eq!(
            flagged(
                &SpacedHyphen,
                "We promote high -quality development with a people- centred approach \
                 and build a well -off society."
            ),
            vec!["high -quality", "people- centred", "well -off"]
        );
    }

    #[test]
    fn plausible_compounds_get_an_unsafe_fix() {
        assert_unsafe_fix(
            &SpacedHyphen,
            "We promote high -quality development.",
            "We promote high-quality development.",
        );
    }

    #[test]
    fn attested_compounds_get_a_safe_fix() {
        // Written unspaced elsewhere in the document.
        assert_safe_fix(
            &SpacedHyphen,
            "High-quality growth needs high -quality jobs.",
            "High-quality growth needs high-quality jobs.",
        );
        // Closed up, a dictionary word.
        assert_safe_fix(
            &SpacedHyphen,
            "Support grass- roots organisations.",
            "Support grass-roots organisations.",
        );
        // A word-forming prefix.
        assert_safe_fix(
            &SpacedHyphen,
            "The non- governmental sector grew.",
            "The non-governmental sector grew.",
        );
        assert_safe_fix(
            &SpacedHyphen,
            "Rural e- commerce grew.",
            "Rural e-commerce grew.",
        );
    }

    #[test]
    fn compound_chains_with_function_words_are_attested() {
        assert_safe_fix(
            &SpacedHyphen,
            "Face-to-face talks and people- to-people ties; face- to-face meetings.",
            "Face-to-face talks and people- to-people ties; face-to-face meetings.",
        );
    }

    #[test]
    fn dashes_written_unspaced_attest_nothing() {
        // "own-and" is a dash here, not a compound.
        assert_no_lints(
            &SpacedHyphen,
            "Our own-and only-plan. They have their own -and it works.",
        );
    }

    #[test]
    fn inconsistent_spelling_leaves_the_spaced_form_alone() {
        use crate::rules::InconsistentSpelling;
        let text = "Grassroots work and grassroots cadres. Rural grass- roots groups.";
        assert_eq!(flagged(&SpacedHyphen, text), vec!["grass- roots"]);
        assert_no_lints(&InconsistentSpelling, text);
    }

    #[test]
    fn dashes_are_quiet() {
        assert_no_lints(
            &SpacedHyphen,
            "The economy - which grew - slowed. The economy- which grew -slowed.\n\
             We met last year- and the year before.",
        );
    }

    #[test]
    fn suspended_hyphens_are_quiet() {
        assert_no_lints(
            &SpacedHyphen,
            "For high- and low-income families, pre- and post-war, first- or \
             second-class, short- to medium-term, 19th- and 20th-century, \
             small-, medium- and large-sized firms, small- medium- and large-sized \
             ones, full-time and -paid staff.",
        );
    }

    #[test]
    fn numbers_signs_bullets_and_flags_are_quiet() {
        assert_no_lints(
            &SpacedHyphen,
            "It was -5 degrees, a rise of -0.3%, temperatures of -10, in 1990 -1995.\n\
             - first item\n- second item\n---\nRun doclint --fix or doclint -v now.",
        );
    }

    #[test]
    fn markdown_lists_and_code_are_quiet() {
        let found = lint_markdown(
            &SpacedHyphen,
            "# Notes\n\n- [ ] a task\n- another item\n\n---\n\nRun `tool -verbose` here.\n",
        );
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn command_options_are_quiet() {
        assert_no_lints(
            &SpacedHyphen,
            "Run razor-admin -create and razor-admin -register. When I do a rpm -ta on it, \
             or specify -rs on the check, it works.",
        );
        assert_eq!(
            flagged(
                &SpacedHyphen,
                "Run razor-admin -create, then promote high -quality work and non- communist ties."
            ),
            vec!["high -quality", "non- communist"]
        );
        // Options among options or paths, and a command shown indented.
        assert_no_lints(
            &SpacedHyphen,
            "It did not pay attention to -diff (hence -binary) attributes. Link \
             /usr/lib/libc.a with -static here.\n\n\tjava -zero\n",
        );
        assert_eq!(
            flagged(
                &SpacedHyphen,
                "It did not pay attention to the high -quality one.\n\n\tjava -zero is slow\n"
            ),
            vec!["high -quality", "java -zero"]
        );
    }

    #[test]
    fn a_hyphen_ending_a_line_is_quiet() {
        assert_no_lints(
            &SpacedHyphen,
            "The develop-\nment of the city. The high- \nquality of it.",
        );
    }

    #[test]
    fn two_words_in_a_dash_style_document_are_quiet() {
        // The document spaces its dashes unevenly: two words beside a
        // one-sided spaced hyphen may be a dash.
        assert_no_lints(
            &SpacedHyphen,
            "Education is not my top priority- education is. Care- we must.",
        );
        // Attested compounds still fire there.
        assert_eq!(
            flagged(
                &SpacedHyphen,
                "The economy - which grew - slowed. Our grass- roots work."
            ),
            vec!["grass- roots"]
        );
    }

    #[test]
    fn names_and_lone_letters_are_quiet() {
        assert_no_lints(
            &SpacedHyphen,
            "They met in Africa- Nigeria and saw Xi -Jinping. Press x -y now.",
        );
    }
}
