//! One rule per file; each file holds the rule's docs, code and tests.

mod blank_lines;
mod double_space;
mod irregular_whitespace;
mod leading_whitespace;
mod mixed_quotes;
mod space_before_punctuation;
mod stale_baseline_entry;
mod trailing_whitespace;
mod unbalanced_quote;
mod unused_suppression;

pub use blank_lines::BlankLines;
pub use double_space::DoubleSpace;
pub use irregular_whitespace::IrregularWhitespace;
pub use leading_whitespace::LeadingWhitespace;
pub use mixed_quotes::MixedQuotes;
pub use space_before_punctuation::SpaceBeforePunctuation;
pub use stale_baseline_entry::StaleBaselineEntry;
pub use trailing_whitespace::TrailingWhitespace;
pub use unbalanced_quote::UnbalancedQuote;
pub use unused_suppression::UnusedSuppression;
