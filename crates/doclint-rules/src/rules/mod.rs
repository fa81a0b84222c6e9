//! One rule per file; each file holds the rule's docs, code and tests.

mod blank_lines;
mod double_space;
mod duplicate_header;
mod duplicate_paragraph;
mod fullwidth_punctuation;
mod irregular_whitespace;
mod leading_whitespace;
mod lowercase_sentence_start;
mod merged_dateline;
mod mixed_quotes;
mod mojibake;
mod space_before_punctuation;
mod trailing_whitespace;
mod unbalanced_quote;
mod untranslated_text;

pub use blank_lines::BlankLines;
pub use double_space::DoubleSpace;
pub use duplicate_header::DuplicateHeader;
pub use duplicate_paragraph::DuplicateParagraph;
pub use fullwidth_punctuation::FullwidthPunctuation;
pub use irregular_whitespace::IrregularWhitespace;
pub use leading_whitespace::LeadingWhitespace;
pub use lowercase_sentence_start::LowercaseSentenceStart;
pub use merged_dateline::MergedDateline;
pub use mixed_quotes::MixedQuotes;
pub use mojibake::Mojibake;
pub use space_before_punctuation::SpaceBeforePunctuation;
pub use trailing_whitespace::TrailingWhitespace;
pub use unbalanced_quote::UnbalancedQuote;
pub use untranslated_text::UntranslatedText;
