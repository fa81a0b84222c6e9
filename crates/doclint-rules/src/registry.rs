//! The one list of built-in rules. Adding a rule: its file under `rules/`,
//! one `mod` line in `rules/mod.rs`, and one line here.

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
        Box::new(SpaceBeforePunctuation),
        Box::new(BlankLines),
        // structure
        Box::new(DuplicateHeader),
        Box::new(DuplicateParagraph),
        Box::new(MergedDateline),
        Box::new(UnbalancedQuote),
        Box::new(MixedQuotes),
        Box::new(LowercaseSentenceStart),
        // lexical
        Box::new(SplitWord),
        Box::new(TruncatedWord),
        Box::new(RepeatedWord),
        Box::new(Misspelling),
        // consistency
        Box::new(InconsistentName),
        Box::new(InconsistentCapitalization),
        Box::new(InconsistentSpelling),
    ]
}

/// The built-in rule with this id.
pub fn find(id: &str) -> Option<Box<dyn Rule>> {
    builtin_rules()
        .into_iter()
        .find(|rule| rule.meta().id == id)
}
