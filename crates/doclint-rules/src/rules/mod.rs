//! One rule per file; each file holds the rule's docs, code and tests.

mod blank_lines;
mod double_space;
mod inconsistent_capitalization;
mod inconsistent_name;
mod inconsistent_spelling;
mod irregular_whitespace;
mod leading_whitespace;
mod space_before_punctuation;
mod trailing_whitespace;

pub use blank_lines::BlankLines;
pub use double_space::DoubleSpace;
pub use inconsistent_capitalization::InconsistentCapitalization;
pub use inconsistent_name::InconsistentName;
pub use inconsistent_spelling::InconsistentSpelling;
pub use irregular_whitespace::IrregularWhitespace;
pub use leading_whitespace::LeadingWhitespace;
pub use space_before_punctuation::SpaceBeforePunctuation;
pub use trailing_whitespace::TrailingWhitespace;
