//! The TOML schema of a rule pack or glossary file, as written.
//!
//! Every value that a later check may reject keeps its position
//! (`Spanned`), so that the error points at it. Kinds are a plain string
//! rather than a serde enum: an unknown kind then gets a message that lists
//! the known ones, at the kind's own position.

use serde::Deserialize;
use toml::Spanned;

/// One `.toml` file: a pack header, rules, glossary terms (any of them).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFile {
    #[serde(alias = "glossary")]
    pub pack: Option<RawPackHeader>,
    #[serde(default)]
    pub rules: Vec<Spanned<RawRule>>,
    #[serde(default)]
    pub terms: Vec<Spanned<RawTerm>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPackHeader {
    /// Defaults to the file stem.
    pub name: Option<Spanned<String>>,
    pub description: Option<String>,
    /// Defaults for the pack's rules.
    pub category: Option<Spanned<String>>,
    pub severity: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRule {
    pub id: Spanned<String>,
    pub kind: Spanned<String>,
    pub message: Spanned<String>,
    /// One line for `doclint rules`; defaults to the message.
    pub description: Option<String>,
    pub severity: Option<Spanned<String>>,
    pub category: Option<Spanned<String>>,
    pub help: Option<String>,
    pub link: Option<String>,
    /// Where the established form comes from.
    pub source: Option<String>,
    pub case: Option<Spanned<String>>,
    pub scope: Option<Spanned<String>>,
    /// existence: phrases and regular expressions to flag.
    pub phrases: Option<Vec<Spanned<String>>>,
    pub patterns: Option<Vec<Spanned<String>>>,
    /// substitution: wrong → right.
    pub swap: Option<Vec<Spanned<RawSwap>>>,
    /// substitution: `safe`, `unsafe` or `none`.
    pub fix: Option<Spanned<String>>,
    /// consistency: groups of variants not to mix in one document.
    pub groups: Option<Vec<Spanned<Vec<Spanned<String>>>>>,
    #[serde(default)]
    pub examples: Vec<Spanned<RawExample>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSwap {
    #[serde(default)]
    pub phrases: Vec<Spanned<String>>,
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    pub to: Spanned<String>,
}

/// A glossary entry: compiled into the `terminology` rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTerm {
    pub preferred: Spanned<String>,
    #[serde(default)]
    pub variants: Vec<Spanned<String>>,
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    pub note: Option<String>,
    pub severity: Option<Spanned<String>>,
    pub case: Option<Spanned<String>>,
    pub source: Option<String>,
    pub link: Option<String>,
    #[serde(default)]
    pub examples: Vec<Spanned<RawExample>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawExample {
    pub text: String,
    /// Whether the text must trigger the rule (default: true).
    pub triggers: Option<bool>,
    /// The text after applying the rule's fixes (safe and unsafe).
    pub fixed: Option<String>,
}
