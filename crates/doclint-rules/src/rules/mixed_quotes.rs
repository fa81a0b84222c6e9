use doclint_core::{
    Diagnostic, Document, Edit, Fix, Label, Quote, QuoteKind, QuoteRole, QuoteStyle,
};

use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a document that mixes straight (`"` `'`) and curly (`“ ” ‘ ’`)
    /// quotation marks and apostrophes: one finding per document, on the
    /// marks of the minority style. One paragraph whose marks are all of
    /// the other style (a passage pasted from a web page into an e-mail)
    /// is not a mix.
    ///
    /// ## Why is this bad?
    /// A document assembled from several sources, or partly retyped after
    /// machine translation, ends up with "government's" in one paragraph and
    /// "Jinping’s" in the next. The mix looks careless in print and defeats
    /// search for the affected words.
    ///
    /// ## Example
    /// ```text
    /// the municipal government's CPC leading group … General Secretary Xi Jinping’s …
    /// ```
    /// Use instead:
    /// ```text
    /// the municipal government's CPC leading group … General Secretary Xi Jinping's …
    /// ```
    ///
    /// ## Fix safety
    /// Safe: every minority mark is converted to the majority style (curly
    /// wins a tie), choosing the opening or closing form from how the mark
    /// pairs. The fix is unsafe when a straight mark that would become curly
    /// is unpaired, so its direction is a guess. Primes after digits (5'10")
    /// are not quotation marks and are left alone; a straight mark closing a
    /// curly one is reported by `unbalanced-quote` instead.
    pub struct MixedQuotes {
        id: "mixed-quotes",
        category: Structure,
        severity: Warning,
        fix: Always,
    }
}

/// How many minority marks are labelled; the fix converts them all.
const MAX_LABELS: usize = 8;

impl Rule for MixedQuotes {
    fn meta(&self) -> &RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        let quotes = doc.quotes();
        // Straight marks of code quoted in plain text ("os.listdir('.')",
        // "'\\n'") are string delimiters, never converted; a pair is left
        // whole, or a fix would turn one of its marks and not the other.
        let code =
            |q: &Quote| q.style == QuoteStyle::Straight && crate::pairing::is_notation(doc, q);
        let counted = |q: &&Quote| {
            !is_prime(doc, q)
                && !in_mismatched_pair(quotes, q)
                && !code(q)
                && !q.partner.is_some_and(|p| code(&quotes[p as usize]))
        };
        let (mut straight, mut curly) = (0usize, 0usize);
        for quote in quotes.iter().filter(counted) {
            match quote.style {
                QuoteStyle::Straight => straight += 1,
                QuoteStyle::Curly => curly += 1,
            }
        }
        if straight == 0 || curly == 0 {
            return;
        }
        let majority = if straight > curly {
            QuoteStyle::Straight
        } else {
            QuoteStyle::Curly
        };
        let minority: Vec<&Quote> = quotes
            .iter()
            .filter(counted)
            .filter(|q| q.style != majority)
            .collect();
        let (Some(first), Some(example)) = (
            minority.first(),
            quotes.iter().filter(counted).find(|q| q.style == majority),
        ) else {
            return;
        };
        // "“racial profiling”" in a reply, "can’t" in one notice: one
        // paragraph whose marks are all of the other style is a passage
        // pasted from elsewhere, uniform in itself. Careless assembly mixes
        // the styles within paragraphs or across several.
        let paragraph_of = |q: &Quote| doc.paragraph_at(q.span.start()).map(|p| p.span.start());
        let pasted = minority
            .iter()
            .all(|q| paragraph_of(q) == paragraph_of(first))
            && !quotes
                .iter()
                .filter(counted)
                .any(|q| q.style == majority && paragraph_of(q) == paragraph_of(first));
        if pasted {
            return;
        }
        let (minority_name, majority_name) = match majority {
            QuoteStyle::Straight => ("curly", "straight"),
            QuoteStyle::Curly => ("straight", "curly"),
        };
        let mut certain = true;
        let edits = minority
            .iter()
            .map(|q| {
                certain &= majority == QuoteStyle::Straight || q.is_paired() || !q.is_quote();
                Edit::replace(q.span, converted(q, majority).to_string())
            })
            .collect();
        let title = format!("Convert to {majority_name} marks");
        let fix = if certain {
            Fix::safe(title, edits)
        } else {
            Fix::unsafe_(title, edits)
        };
        let mut diagnostic = Self::META
            .diagnostic(
                first.span,
                format!(
                    "{} {minority_name} quotation mark{} or apostrophe{} in a document that uses {} {majority_name} ones",
                    minority.len(),
                    plural(minority.len()),
                    plural(minority.len()),
                    straight.max(curly),
                ),
            )
            .with_label(Label::new(
                example.span,
                format!("the document's style: {majority_name}"),
            ))
            .with_help(format!("use {majority_name} marks throughout"))
            .with_fix(fix);
        for quote in minority.iter().skip(1).take(MAX_LABELS) {
            diagnostic = diagnostic.with_label(Label::new(quote.span, minority_name));
        }
        out.push(diagnostic);
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A straight mark right after a digit that is not a quotation: a prime.
fn is_prime(doc: &Document, quote: &Quote) -> bool {
    quote.style == QuoteStyle::Straight
        && quote.role == QuoteRole::Apostrophe
        && doc.text()[..quote.span.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit())
}

/// A pair whose two marks differ in style is `unbalanced-quote`'s finding.
fn in_mismatched_pair(quotes: &[Quote], quote: &Quote) -> bool {
    quote
        .partner
        .is_some_and(|p| quotes[p as usize].style != quote.style)
}

/// The mark in `style`, keeping its kind and its role in the text.
pub(crate) fn converted(quote: &Quote, style: QuoteStyle) -> char {
    match (style, quote.kind, quote.role) {
        (QuoteStyle::Straight, QuoteKind::Double, _) => '"',
        (QuoteStyle::Straight, QuoteKind::Single, _) => '\'',
        (QuoteStyle::Curly, QuoteKind::Double, QuoteRole::Opening) => '“',
        (QuoteStyle::Curly, QuoteKind::Double, _) => '”',
        (QuoteStyle::Curly, QuoteKind::Single, QuoteRole::Opening) => '‘',
        (QuoteStyle::Curly, QuoteKind::Single, _) => '’',
    }
}

/// The style most quotation marks and apostrophes of `doc` use, if any.
pub(crate) fn document_style(doc: &Document) -> Option<QuoteStyle> {
    let (mut straight, mut curly) = (0usize, 0usize);
    for quote in doc.quotes().iter().filter(|q| !is_prime(doc, q)) {
        match quote.style {
            QuoteStyle::Straight => straight += 1,
            QuoteStyle::Curly => curly += 1,
        }
    }
    match (straight, curly) {
        (0, 0) => None,
        (s, c) if s > c => Some(QuoteStyle::Straight),
        _ => Some(QuoteStyle::Curly),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::*;

    #[test]
    fn curly_apostrophe_in_a_straight_document() {
        let text = "The municipal government's group met. Dalian's mayor spoke.\n\n\
                    General Secretary Xi Jinping’s instructions on the \"two-pre zone\".";
        let found = lint(&MixedQuotes, text);
        assert_eq!(found.len(), 1, "one finding per document");
        assert_eq!(&text[found[0].span.range()], "’");
        assert!(
            found[0].message.starts_with("1 curly"),
            "{}",
            found[0].message
        );
        assert_safe_fix(&MixedQuotes, text, &text.replace("Jinping’s", "Jinping's"));
    }

    #[test]
    fn straight_minority_becomes_curly_with_the_right_direction() {
        let text = "Xi Jinping’s “two establishments” and the people’s \"four consciousnesses\" and members' homes.";
        assert_safe_fix(
            &MixedQuotes,
            text,
            "Xi Jinping’s “two establishments” and the people’s “four consciousnesses” and members’ homes.",
        );
    }

    #[test]
    fn consistent_documents_and_primes_are_quiet() {
        assert_no_lints(
            &MixedQuotes,
            "The government’s “plan” and Jinping’s ‘two establishments’; a 5'10\" man, a 12\" pipe.",
        );
        assert_no_lints(&MixedQuotes, "The government's \"plan\" and 'two' of them.");
    }

    #[test]
    fn string_delimiters_of_code_are_neither_counted_nor_converted() {
        // A manual with curly quotation marks in its prose and straight
        // ones in the calls it quotes.
        let text = "The “os” module’s “listdir” call: os.listdir('.') returns names, \
                    and getattr(o, 'name', None) one value.";
        assert_no_lints(&MixedQuotes, text);
        // A straight quotation in its prose is still the minority.
        let text = "The “os” module’s “listdir” call: os.listdir('.') returns the \"names\".";
        assert_safe_fix(
            &MixedQuotes,
            text,
            "The “os” module’s “listdir” call: os.listdir('.') returns the “names”.",
        );
    }

    #[test]
    fn a_curly_mark_on_a_line_that_reads_as_code_is_still_counted() {
        // "# “" reads as a shell prompt, but a curly mark is never code:
        // leaving it out while its partner is converted would undo
        // `unbalanced-quote`'s fix in the next pass, and so on forever.
        let text = "# “\nthe”\"\nIt's";
        let found = lint(&MixedQuotes, text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].message.contains("uses 2 curly"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn unpaired_straight_mark_makes_the_fix_unsafe() {
        let text = "The people’s “plan” and Jinping’s “idea” and a stray \" here.";
        let found = lint(&MixedQuotes, text);
        assert_eq!(found.len(), 1);
        let fix = found[0].fix.as_ref().expect("fix");
        assert_eq!(fix.applicability, doclint_core::Applicability::Unsafe);
    }

    #[test]
    fn one_pasted_paragraph_of_the_other_style_is_quiet() {
        let quiet = "I don't agree, and he said \"no\".\n\n\
                     > Debates over “racial profiling” would disappear.\n\n\
                     That's all I'm saying.";
        assert_no_lints(&MixedQuotes, quiet);
        // The other style in two paragraphs, or beside the document's own
        // style in one, is a mix.
        let two = format!("{quiet}\n\nIt’s late.");
        assert_lint_count(&MixedQuotes, &two, 1);
        assert_lint_count(
            &MixedQuotes,
            "I don't agree, and he said \"no\".\n\nIt’s “racial profiling”, isn't it?",
            1,
        );
    }

    #[test]
    fn mismatched_pair_is_left_to_unbalanced_quote() {
        assert_no_lints(
            &MixedQuotes,
            "The people’s “two safeguards\" and Jinping’s idea.",
        );
    }
}
