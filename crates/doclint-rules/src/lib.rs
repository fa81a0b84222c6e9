//! The rules of doclint.
//!
//! Each rule lives in its own file under `rules/`, with its documentation (the
//! text `doclint explain` prints) and its tests beside the code. The
//! [`registry`] lists them all; a [`Linter`] runs a chosen set over documents.
//!
//! This crate never prints.

#[macro_use]
mod rule;
pub mod capped;
pub mod consistency;
mod corpus_fix;
pub mod dictionary;
mod fixer;
mod foreign;
pub mod invariants;
mod linter;
pub mod packs;
mod pairing;
pub mod registry;
pub mod rules;
#[cfg(test)]
pub(crate) mod test_utils;
mod word_ranks;
mod words;

pub use consistency::ComparisonScope;
pub use corpus_fix::{FixGuard, FixInput, FixedFile};
pub use dictionary::{Dictionary, WordList};
pub use fixer::{FixResult, NonConvergence, MAX_FIX_PASSES};
pub use linter::{sort_diagnostics, Linter, RuleTiming, RunFacts};
pub use rule::{
    Category, Context, CorpusRule, Facts, FixAvailability, OptionValue, Rule, RuleMeta, RuleOption,
    Settings,
};
