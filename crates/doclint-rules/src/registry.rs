//! The one list of built-in rules. Adding a rule: its file under `rules/`,
//! one `mod` line in `rules/mod.rs`, and one line here.

use std::path::Path;

use crate::packs::{self, PackErrors};
use crate::rule::Rule;
use crate::rules::*;

/// Every built-in rule, in the order they are documented.
pub fn builtin_rules() -> Vec<Box<dyn Rule>> {
    vec![
        // whitespace
        Box::new(TrailingWhitespace),
        Box::new(LeadingWhitespace),
        Box::new(DoubleSpace),
        Box::new(IrregularWhitespace),
        Box::new(ControlCharacter),
        Box::new(SpaceBeforePunctuation),
        Box::new(MissingSpace),
        Box::new(SpaceInsideBrackets),
        Box::new(BlankLines),
        // lexical
        Box::new(SplitWord),
        Box::new(SpacedHyphen),
        Box::new(TruncatedWord),
        Box::new(RepeatedWord),
        Box::new(ArticleSound),
        Box::new(Misspelling),
        // consistency
        Box::new(InconsistentName),
        Box::new(InconsistentCapitalization),
        Box::new(InconsistentSpelling),
        Box::new(InconsistentFormat),
        // structure
        Box::new(DuplicateHeader),
        Box::new(DuplicateParagraph),
        Box::new(DuplicateSentence),
        Box::new(MergedDateline),
        Box::new(UnbalancedQuote),
        Box::new(UnbalancedBracket),
        Box::new(RepeatedPunctuation),
        Box::new(MixedQuotes),
        Box::new(LowercaseSentenceStart),
        Box::new(CapitalAfterComma),
        // language
        Box::new(UntranslatedText),
        Box::new(FullwidthPunctuation),
        Box::new(Mojibake),
        // meta: reported by the check command's suppression and baseline passes
        Box::new(UnusedSuppression),
        Box::new(StaleBaselineEntry),
    ]
}

/// Every rule a run can use: the built-in rules, then the `terminology`
/// glossary rule and the rules of the built-in packs, then those of the
/// project's pack and glossary files at `extra_packs` (files, or directories
/// of `*.toml`). A project pack named like a built-in pack replaces it.
pub fn all_rules<P: AsRef<Path>>(extra_packs: &[P]) -> Result<Vec<Box<dyn Rule>>, PackErrors> {
    let mut rules = builtin_rules();
    rules.extend(packs::load(extra_packs)?.into_rules());
    Ok(rules)
}

/// The built-in rule with this id.
pub fn find(id: &str) -> Option<Box<dyn Rule>> {
    builtin_rules()
        .into_iter()
        .find(|rule| rule.meta().id == id)
}
