use std::any::Any;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use doclint_core::{Diagnostic, Document, FileId, Severity, Span};
use serde::Serialize;

use crate::consistency::ComparisonScope;
use crate::dictionary::{Dictionary, WordList};

/// Groups of rules, selectable by name with `--select` and `--ignore`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Spaces, blank lines and invisible characters.
    Whitespace,
    /// Words: split, truncated, repeated or misspelt; compounds broken at the hyphen.
    Lexical,
    /// One thing written two ways.
    Consistency,
    /// Headers, paragraphs, quotation marks and sentence shape.
    Structure,
    /// Untranslated or mis-encoded text, terminology.
    Language,
    /// doclint's notes about its own configuration: unused suppressions,
    /// stale baseline entries.
    Meta,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Whitespace,
        Category::Lexical,
        Category::Consistency,
        Category::Structure,
        Category::Language,
        Category::Meta,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Whitespace => "whitespace",
            Category::Lexical => "lexical",
            Category::Consistency => "consistency",
            Category::Structure => "structure",
            Category::Language => "language",
            Category::Meta => "meta",
        }
    }

    /// One line on what the rules of this category look for.
    pub fn description(self) -> &'static str {
        match self {
            Category::Whitespace => "spaces, blank lines and invisible characters",
            Category::Lexical => {
                "words: split, truncated, repeated or misspelt; compounds broken at the hyphen"
            }
            Category::Consistency => "one name, term or spelling written two ways",
            Category::Structure => "headers, paragraphs, quotation marks and sentence shape",
            Category::Language => "untranslated or mis-encoded text, terminology",
            Category::Meta => "doclint's own notes: unused suppressions, stale baseline entries",
        }
    }

    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a rule offers fixes; tests hold each rule to its word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixAvailability {
    /// Every diagnostic carries a fix.
    Always,
    /// Some diagnostics carry a fix.
    Sometimes,
    /// No diagnostic carries a fix.
    Never,
}

/// What a rule is: its id, category, default severity, fixability and docs.
#[derive(Clone, Debug)]
pub struct RuleMeta {
    /// Kebab-case id; pack rules are `pack/rule`.
    pub id: Cow<'static, str>,
    pub category: Category,
    pub default_severity: Severity,
    pub fix: FixAvailability,
    /// Markdown: what it finds, why it matters, an example, fix safety.
    pub docs: Cow<'static, str>,
}

impl RuleMeta {
    /// The first sentence of "What it does", for listings.
    pub fn summary(&self) -> &str {
        let mut lines = self.docs.lines().map(str::trim);
        lines
            .by_ref()
            .find(|line| line.starts_with("## What it does"))
            .and_then(|_| lines.find(|line| !line.is_empty()))
            .unwrap_or("")
    }

    /// A diagnostic of this rule at its default severity.
    pub fn diagnostic(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.id.clone(), self.default_severity, span, message)
    }
}

/// Settings shared by all rules in one run (filled from `doclint.toml`).
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Words the checked project adds to the dictionary (its
    /// `rules/dictionary/*.txt` and the configuration's `words`).
    pub extra_words: WordList,
    /// Scope of the consistency rules, by rule id (`inconsistent-name`,
    /// `inconsistent-capitalization`, `inconsistent-spelling`). A rule not
    /// listed uses its default: `corpus` for names, `document` otherwise.
    pub scopes: BTreeMap<String, ComparisonScope>,
    /// Extra glossary files or directories (`glossaries`), absolute or
    /// relative to the working directory.
    pub glossaries: Vec<PathBuf>,
    /// Extra rule-pack directories (`packs`), absolute or relative to the
    /// working directory.
    pub packs: Vec<PathBuf>,
    /// Per-rule options (`[rules.RULE]` tables), by rule id then option name.
    /// Only options a rule declares in [`Rule::options`] get here.
    pub rule_options: BTreeMap<String, BTreeMap<String, OptionValue>>,
}

impl Settings {
    /// Every rule-pack and glossary path of a run: the configuration's
    /// `packs`, then its `glossaries`, then `--packs` (`cli_packs`).
    pub fn pack_paths(&self, cli_packs: &[PathBuf]) -> Vec<PathBuf> {
        self.packs
            .iter()
            .chain(&self.glossaries)
            .chain(cli_packs)
            .cloned()
            .collect()
    }

    /// The scope configured for `rule` (its `scope` option in
    /// `doclint.toml`, or `scopes`), or `default`.
    pub fn scope(&self, rule: &str, default: ComparisonScope) -> ComparisonScope {
        self.option(rule, "scope")
            .and_then(OptionValue::as_str)
            .and_then(ComparisonScope::from_name)
            .or_else(|| self.scopes.get(rule).copied())
            .unwrap_or(default)
    }

    /// The value of `rule`'s option `name`, if the configuration sets it.
    pub fn option(&self, rule: &str, name: &str) -> Option<&OptionValue> {
        self.rule_options.get(rule)?.get(name)
    }
}

/// A per-rule option value from the configuration.
#[derive(Clone, Debug, PartialEq)]
pub enum OptionValue {
    Bool(bool),
    Integer(i64),
    Float(f64),
    String(String),
    List(Vec<OptionValue>),
}

impl OptionValue {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            OptionValue::String(s) => Some(s),
            _ => None,
        }
    }
}

/// An option a rule accepts in its `[rules.RULE]` table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleOption {
    pub name: &'static str,
    /// What it does and which values it takes, for `doclint explain` and
    /// error messages.
    pub help: &'static str,
}

/// What a rule may consult besides the document.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    pub settings: &'a Settings,
}

impl Context<'_> {
    /// The built-in English dictionary.
    #[inline]
    pub fn dictionary(&self) -> &'static Dictionary {
        Dictionary::builtin()
    }

    /// Whether `word` is in the built-in dictionary or the project's words,
    /// with the dictionary's case rules.
    #[inline]
    pub fn is_known_word(&self, word: &str) -> bool {
        Dictionary::builtin().contains(word) || self.settings.extra_words.contains(word)
    }
}

/// A rule over one document.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &RuleMeta;

    /// Appends this rule's findings in `doc` to `out`.
    fn check(&self, doc: &Document, cx: &Context, out: &mut Vec<Diagnostic>);

    /// Rules that also look across documents return their corpus phase.
    fn corpus(&self) -> Option<&dyn CorpusRule> {
        None
    }

    /// The options this rule reads from [`Settings::option`]; the
    /// configuration refuses any other key in the rule's table.
    fn options(&self) -> &[RuleOption] {
        &[]
    }
}

/// Compact facts one document contributes to a corpus-level rule.
pub type Facts = Box<dyn Any + Send + Sync>;

/// The corpus phase of a rule: gather compact facts per document (in
/// parallel, while the text is alive), then decide over all of them.
pub trait CorpusRule: Send + Sync {
    fn gather(&self, file: FileId, doc: &Document, cx: &Context) -> Facts;

    /// Adds one document's facts to `kept`, what [`CorpusRule::decide`]
    /// will receive, as documents arrive in file order. The default keeps
    /// every document's facts. A rule whose decision needs only a summary of
    /// the run (a union of words) folds each document into it here, so the
    /// run's memory does not grow with its number of documents.
    fn keep(&self, kept: &mut Vec<(FileId, Facts)>, file: FileId, facts: Facts) {
        kept.push((file, facts));
    }

    /// `facts` holds what [`CorpusRule::keep`] kept, in file order (one
    /// entry per document unless the rule folds them).
    fn decide(&self, facts: Vec<(FileId, Facts)>, cx: &Context) -> Vec<(FileId, Diagnostic)>;
}

/// Declares a rule: a unit struct whose doc comment is the rule's
/// documentation, and its [`RuleMeta`] as `Self::META`.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     pub struct TrailingWhitespace {
///         id: "trailing-whitespace",
///         category: Whitespace,
///         severity: Warning,
///         fix: Always,
///     }
/// }
/// ```
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            id: $id:literal,
            category: $category:ident,
            severity: $severity:ident,
            fix: $fix:ident $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Default, Clone, Copy)]
        $vis struct $name;

        impl $name {
            pub const META: $crate::RuleMeta = $crate::RuleMeta {
                id: ::std::borrow::Cow::Borrowed($id),
                category: $crate::Category::$category,
                default_severity: ::doclint_core::Severity::$severity,
                fix: $crate::FixAvailability::$fix,
                docs: ::std::borrow::Cow::Borrowed(concat!($($doc, "\n"),*)),
            };
        }
    };
}
