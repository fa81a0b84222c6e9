use std::hash::{Hash, Hasher};
use std::ops::Range;

use rustc_hash::{FxHashMap, FxHasher};

use doclint_core::{BlockKind, Diagnostic, Document, DocumentKind, Edit, Fix, Label, Span};

use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a paragraph of eight or more words that repeats an earlier
    /// paragraph of the same document, ignoring differences in white space.
    ///
    /// ## Why is this bad?
    /// Stitching translated fragments together, or pasting a page twice,
    /// duplicates whole paragraphs. Readers notice, and a repeated paragraph
    /// in a published article looks like nobody read it.
    ///
    /// ## Example
    /// ```text
    /// The meeting stressed that the study should be carefully organized.
    ///
    /// The meeting stressed that the study should be carefully organized.
    /// ```
    /// Use instead: keep the first copy.
    ///
    /// ## Fix safety
    /// Unsafe: the later copy is removed (with the blank lines before it);
    /// the label points at the first. A reader should check that the copy is
    /// not a deliberate refrain. Not flagged: paragraphs shorter than eight
    /// words ("Thank you.", a repeated sign-off), not counting stage
    /// directions in brackets ("[Applause] Thank you. [Applause]"); chants,
    /// one short unit said over and over ("U.S.A.! U.S.A.! U.S.A.!
    /// U.S.A.!"); in plain text, a paragraph whose every line is indented
    /// (program output, a quoted listing, a licence set in); in Markdown,
    /// repeated list items and table cells, and a
    /// copy under another heading (a note repeated in each section it
    /// applies to, also under a line in bold). Nor a lead-in ending in a
    /// colon (said again before each command or list), the same remark
    /// after two parallel entries (the paragraphs before the copies open
    /// with the same words or both end in a colon), or a copy more than one
    /// paragraph after its
    /// source: a notice under every chapter heading, a clause in each
    /// licence, a caveat after each example is the document's own doing.
    pub struct DuplicateParagraph {
        id: "duplicate-paragraph",
        category: Structure,
        severity: Warning,
        fix: Always,
    }
}

/// Shorter paragraphs repeat legitimately: greetings, sign-offs, refrains.
const MIN_WORDS: usize = 8;
/// A pasted or stitched copy lands next to its source, or one paragraph
/// after it. Further away, a repeat is the document's own doing: a
/// notice under every chapter heading, a licence clause in each licence, a
/// "Changed in version" note or a caveat after each example it applies to.
const MAX_PARAGRAPHS_BETWEEN: usize = 1;

impl Rule for DuplicateParagraph {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        let paragraphs = doc.paragraphs();
        let mut seen: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
        for (index, paragraph) in paragraphs.iter().enumerate() {
            // Repeated list items and table cells are a document's pattern.
            if matches!(paragraph.block, BlockKind::ListItem | BlockKind::TableCell) {
                continue;
            }
            let (words, hash) = fingerprint(doc, &paragraph.tokens);
            if words < MIN_WORDS || is_refrain(doc, &paragraph.tokens, MIN_WORDS) {
                continue;
            }
            let candidates = seen.entry(hash).or_default();
            let first = candidates
                .iter()
                .copied()
                .find(|&earlier| same_text(doc, &paragraphs[earlier].tokens, &paragraph.tokens));
            let Some(first) = first else {
                candidates.push(index);
                continue;
            };
            if is_set_in(doc, paragraph)
                || introduces_a_block(doc, paragraph)
                || follows_parallel_paragraphs(doc, paragraphs, first, index)
            {
                continue;
            }
            if index - first - 1 > MAX_PARAGRAPHS_BETWEEN {
                // Later copies are measured from the nearest earlier one.
                candidates.retain(|&earlier| earlier != first);
                candidates.push(index);
                continue;
            }
            // Reference documentation in Markdown repeats a note in each
            // section it applies to ("Defaults to `true`." under every
            // option's heading): a copy in another section is deliberate.
            if doc.kind() == DocumentKind::Markdown
                && paragraphs[first + 1..index]
                    .iter()
                    .any(|p| p.is_heading || is_bold_line(doc.slice(p.span)))
            {
                candidates.retain(|&earlier| earlier != first);
                candidates.push(index);
                continue;
            }
            // From the end of the paragraph before, so the blank lines go too.
            let copy = Span::new(paragraphs[index - 1].span.end(), paragraph.span.end());
            let location = doc.location(paragraphs[first].span.start());
            out.push(
                Self::META
                    .diagnostic(
                        paragraph.span,
                        format!(
                            "paragraph repeats the one at line {} ({words} words)",
                            location.line
                        ),
                    )
                    .with_label(Label::new(paragraphs[first].span, "first written here"))
                    .with_help("remove the repeated paragraph")
                    .with_fix(Fix::unsafe_(
                        "Remove the repeated paragraph",
                        vec![Edit::delete(copy)],
                    )),
            );
        }
    }
}

/// A paragraph ending in a colon leads in to what follows it (a command,
/// a list, a table): a manual repeats the lead-in before each of them
/// ("If it works, dpkg now calls:"), and plain text may have lost the
/// block between the copies.
fn introduces_a_block(doc: &Document, paragraph: &doclint_core::Paragraph) -> bool {
    doc.slice(paragraph.span)
        .trim_end()
        .ends_with([':', '\u{ff1a}'])
}

/// How many opening words make two paragraphs parallel entries.
const PARALLEL_OPENING_WORDS: usize = 2;

/// The copies follow two different paragraphs written in parallel: they
/// open with the same words ("This field specifies …", "This field
/// represents …") or both lead in with a colon. A manual gives each entry
/// of a series the same remark after it; a pasted copy repeats its own
/// neighbour, not a parallel one.
fn follows_parallel_paragraphs(
    doc: &Document,
    paragraphs: &[doclint_core::Paragraph],
    first: usize,
    index: usize,
) -> bool {
    if first == 0 || index - first < 2 {
        return false;
    }
    let (a, b) = (&paragraphs[first - 1], &paragraphs[index - 1]);
    if same_text(doc, &a.tokens, &b.tokens) {
        return false;
    }
    let opening = |p: &doclint_core::Paragraph| -> Vec<&str> {
        doc.tokens_in(&p.tokens)
            .iter()
            .filter(|t| t.is_word())
            .take(PARALLEL_OPENING_WORDS)
            .map(|t| doc.slice(t.span))
            .collect()
    };
    let same_opening = opening(a).len() == PARALLEL_OPENING_WORDS && opening(a) == opening(b);
    same_opening || (introduces_a_block(doc, a) && introduces_a_block(doc, b))
}

/// A Markdown paragraph all in strong emphasis (`**Negative ranges**`)
/// serves as a heading.
fn is_bold_line(text: &str) -> bool {
    let text = text.trim();
    !text.contains('\n')
        && text.len() > 4
        && ["**", "__"]
            .iter()
            .any(|m| text.starts_with(m) && text.ends_with(m))
}

/// Whether every line of a plain-text paragraph is indented: a block set
/// in from the running text (program output, a quoted listing, code, a
/// licence reproduced in a notice) repeats as its source does.
fn is_set_in(doc: &Document, paragraph: &doclint_core::Paragraph) -> bool {
    doc.kind() == DocumentKind::PlainText
        && doc.lines()[paragraph.lines.start as usize..paragraph.lines.end as usize]
            .iter()
            .all(|line| doc.slice(line.span).starts_with([' ', '\t']))
}

/// The word count of a paragraph or sentence (given by its tokens), and
/// its non-blank tokens, in order, as a hash: white space does not count.
fn fingerprint(doc: &Document, tokens: &Range<u32>) -> (usize, u64) {
    let mut hasher = FxHasher::default();
    let mut words = 0;
    for token in doc.tokens_in(tokens) {
        if !token.is_blank() {
            words += usize::from(token.is_word());
            doc.slice(token.span).hash(&mut hasher);
        }
    }
    (words, hasher.finish())
}

/// Most words a chant's unit has: "U.S.A.!", "Four more years!".
const CHANT_UNIT_WORDS: usize = 5;

/// Whether a paragraph or sentence is a transcript's refrain rather than
/// prose that can be pasted twice: fewer than `min_words` words outside
/// stage directions in brackets ("[Applause]", "(Laughter.)"), or a chant,
/// one short unit said over and over ("U.S.A.! U.S.A.! U.S.A.!").
pub(super) fn is_refrain(doc: &Document, tokens: &Range<u32>, min_words: usize) -> bool {
    let content: Vec<&str> = doc
        .tokens_in(tokens)
        .iter()
        .filter(|t| !t.is_blank())
        .map(|t| doc.slice(t.span))
        .collect();
    let mut depth = 0usize;
    let mut spoken = 0;
    for token in doc.tokens_in(tokens) {
        match doc.slice(token.span) {
            "[" | "(" => depth += 1,
            "]" | ")" => depth = depth.saturating_sub(1),
            _ if depth == 0 && token.is_word() => spoken += 1,
            _ => {}
        }
    }
    if spoken < min_words {
        return true;
    }
    let word_at: Vec<bool> = doc
        .tokens_in(tokens)
        .iter()
        .filter(|t| !t.is_blank())
        .map(|t| t.is_word())
        .collect();
    (1..=content.len() / 2).any(|unit| {
        content.len() % unit == 0
            && word_at[..unit].iter().filter(|&&w| w).count() <= CHANT_UNIT_WORDS
            && content.chunks(unit).all(|chunk| chunk == &content[..unit])
    })
}

/// Whether two token ranges hold the same text apart from white space: the
/// check behind a matching [`fingerprint`], and `duplicate-sentence`'s
/// comparison of neighbours. Stops at the first token that differs.
pub(super) fn same_text(doc: &Document, a: &Range<u32>, b: &Range<u32>) -> bool {
    let content = |tokens: &Range<u32>| {
        doc.tokens_in(tokens)
            .iter()
            .filter(|t| !t.is_blank())
            .map(|t| doc.slice(t.span))
    };
    content(a).eq(content(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn repeated_markdown_list_items_are_quiet() {
        let item =
            "- Feel free to open an issue if your target is not supported yet by this crate.";
        let text = format!("Targets:\n\n{item}\n\nFeatures:\n\n{item}\n");
        assert!(lint_markdown(&DuplicateParagraph, &text).is_empty());
        let text = format!("{PARA}\n\n{PARA}\n");
        assert_eq!(lint_markdown(&DuplicateParagraph, &text).len(), 1);
    }

    #[test]
    fn a_markdown_copy_in_another_section_is_deliberate() {
        let text = format!("## limit\n\n{PARA}\n\n## inflate\n\n{PARA}\n\n{PARA}\n");
        let found = lint_markdown(&DuplicateParagraph, &text);
        assert_eq!(found.len(), 1, "only the copy in the same section");
        assert_eq!(found[0].span.start(), text.rfind(PARA).unwrap_or(0));
    }

    const PARA: &str =
        "The meeting stressed that the study of the two Regulations should be carefully organized.";

    #[test]
    fn repeated_paragraph_points_at_the_first() {
        let text = format!(
            "{PARA}\n\nSomething else happened then.\n\n{}\n",
            PARA.replace(" the two", "  the\ntwo")
        );
        let found = lint(&DuplicateParagraph, &text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].labels[0].span.start, 0);
        assert_unsafe_fix(
            &DuplicateParagraph,
            &text,
            &format!("{PARA}\n\nSomething else happened then.\n"),
        );
    }

    #[test]
    fn stage_directions_and_chants_are_quiet() {
        let text = "Thank you all. [Applause] (Cheers and laughter from the crowd.)\n\n\
                    Thank you all. [Applause] (Cheers and laughter from the crowd.)\n\n\
                    Four more years! Four more years! Four more years!\n\n\
                    Four more years! Four more years! Four more years!\n";
        assert_no_lints(&DuplicateParagraph, text);
        // Eight spoken words repeated, with a stage direction, still fire.
        let spoken = "We will rebuild the roads of this great state. [Applause]";
        assert_lint_count(&DuplicateParagraph, &format!("{spoken}\n\n{spoken}\n"), 1);
    }

    #[test]
    fn indented_blocks_repeat_as_their_source_does() {
        let block = "    Cause: Post by non-member to a members-only list of ours";
        assert_no_lints(
            &DuplicateParagraph,
            &format!("Pending posts:\n\n{block}\n\n{block}\n"),
        );
        // The same paragraph set flush with the text is still a copy.
        let flush = block.trim_start();
        assert_lint_count(
            &DuplicateParagraph,
            &format!("Pending posts:\n\n{block}\n\n{flush}\n"),
            1,
        );
    }

    #[test]
    fn short_or_different_paragraphs_are_quiet() {
        assert_no_lints(
            &DuplicateParagraph,
            "Thank you. God bless America.\n\nMore text.\n\nThank you. God bless America.\n",
        );
        assert_no_lints(
            &DuplicateParagraph,
            &format!("{PARA}\n\n{}\n", PARA.replace("carefully", "properly")),
        );
    }

    #[test]
    fn a_distant_copy_is_deliberate_a_near_one_is_not() {
        let other = "Something else happened then.";
        // Source, one paragraph between, copy: still a stitching error.
        assert_lint_count(
            &DuplicateParagraph,
            &format!("{PARA}\n\n{other}\n\n{PARA}\n"),
            1,
        );
        // The same remark after two parallel entries of a manual.
        let remark = "When it is given in the control file, it also sets the default for each binary package.";
        assert_no_lints(
            &DuplicateParagraph,
            &format!(
                "This option names the section of the archive.\n\n{remark}\n\n\
                 This option gives the priority of the package.\n\n{remark}\n"
            ),
        );
        // A lead-in before a command that plain text lost, said twice.
        let lead_in = "If the script fails, the old version is kept and the tool then calls:";
        assert_no_lints(&DuplicateParagraph, &format!("{lead_in}\n\n{lead_in}\n"));
        // A pair of paragraphs pasted twice is still a copy.
        assert_lint_count(
            &DuplicateParagraph,
            &format!("{PARA}\n\n{remark}\n\n{PARA}\n\n{remark}\n"),
            2,
        );
        // Two paragraphs between: a note repeated where it applies.
        assert_no_lints(
            &DuplicateParagraph,
            &format!("{PARA}\n\n{other}\n\nAnd more.\n\n{PARA}\n"),
        );
        // A copy under a line in bold belongs to another section.
        let text = format!("**Numbers**\n\n{PARA}\n\n**Negative numbers**\n\n{PARA}\n");
        assert!(lint_markdown(&DuplicateParagraph, &text).is_empty());
        let text = format!("**Numbers**\n\n{PARA}\n\nNegative numbers.\n\n{PARA}\n");
        assert_eq!(lint_markdown(&DuplicateParagraph, &text).len(), 1);
    }
}
