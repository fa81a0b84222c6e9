//! Rule packs: declarative rules in TOML that teams write and test without
//! recompiling doclint.
//!
//! A pack file holds `[[rules]]` of three kinds — `existence` (flag listed
//! phrases or patterns), `substitution` (wrong → right, with a fix whose
//! applicability the rule states) and `consistency` (variants not to mix in
//! one document) — and/or glossary `[[terms]]`, which all together make the
//! `terminology` rule. Every rule and term carries examples that
//! [`CompiledPacks::run_examples`] checks (`doclint test-rules`).
//!
//! The built-in packs (`rules/packs/*.toml`) and glossary
//! (`rules/glossary/*.toml`) are embedded in the binary; [`load`] adds a
//! project's files to them. Pack rule ids are `pack/rule`.

mod consistency;
mod docs;
mod errors;
mod existence;
mod glossary;
mod load;
mod matcher;
mod schema;
mod substitution;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use doclint_core::{apply_fixes, Applicability, Diagnostic, Document, Fix};

pub use errors::{PackError, PackErrors, PackLabel};
pub use glossary::TERMINOLOGY;
pub use load::{compile, read_pack_paths};

use crate::rule::{Context, Rule, Settings};

/// The text of one pack or glossary file.
#[derive(Clone, Debug)]
pub struct PackSource {
    /// Where it was read from (for built-ins: its path in the repository).
    pub path: PathBuf,
    pub text: Arc<str>,
    /// Embedded in the binary rather than read from the project.
    pub builtin: bool,
}

/// The built-in packs and glossaries, embedded at build time.
const BUILTIN: &[(&str, &str)] = &[
    (
        "rules/glossary/cpc-terms.toml",
        include_str!("../../../../rules/glossary/cpc-terms.toml"),
    ),
    (
        "rules/packs/mt-artifacts.toml",
        include_str!("../../../../rules/packs/mt-artifacts.toml"),
    ),
    (
        "rules/packs/news-style.toml",
        include_str!("../../../../rules/packs/news-style.toml"),
    ),
];

/// The built-in pack and glossary files.
pub fn builtin_sources() -> Vec<PackSource> {
    BUILTIN
        .iter()
        .map(|(path, text)| PackSource {
            path: PathBuf::from(path),
            text: Arc::from(*text),
            builtin: true,
        })
        .collect()
}

/// The built-in packs plus the project's pack and glossary files found at
/// `paths` (files, or directories of `*.toml`), compiled together: this is
/// what `doclint check` runs. A project pack named like a built-in pack
/// replaces it.
pub fn load<P: AsRef<Path>>(paths: &[P]) -> Result<CompiledPacks, PackErrors> {
    let mut sources = builtin_sources();
    sources.extend(read_pack_paths(paths)?);
    compile(sources)
}

/// One example of a rule or glossary term.
#[derive(Clone, Debug)]
pub(crate) struct Example {
    pub text: String,
    pub triggers: bool,
    pub fixed: Option<String>,
    /// Index of the file in [`CompiledPacks::sources`].
    pub source: usize,
    /// The example's table in that file.
    pub span: Range<usize>,
    /// "rule `pack/id`" or "term “…”".
    pub subject: String,
}

pub(crate) struct CompiledRule {
    pub rule: Box<dyn Rule>,
    pub examples: Vec<Example>,
}

/// Compiled packs: their rules and the examples that test them.
pub struct CompiledPacks {
    sources: Vec<PackSource>,
    rules: Vec<CompiledRule>,
}

impl std::fmt::Debug for CompiledPacks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompiledPacks")
            .field("sources", &self.sources.len())
            .field("rules", &self.rules.len())
            .finish()
    }
}

/// An example whose rule did not behave as the example says.
#[derive(Clone, Debug)]
pub struct ExampleFailure {
    pub rule: String,
    /// "rule `pack/id`" or "term “…”".
    pub subject: String,
    pub path: PathBuf,
    /// The pack file's text and the example's place in it.
    pub pack_text: Arc<str>,
    pub span: Range<usize>,
    pub example: String,
    pub problem: String,
}

/// What running examples found.
#[derive(Clone, Debug, Default)]
pub struct ExampleReport {
    pub files: usize,
    pub rules: usize,
    pub examples: usize,
    pub failures: Vec<ExampleFailure>,
}

impl CompiledPacks {
    pub fn sources(&self) -> &[PackSource] {
        &self.sources
    }

    pub fn rules(&self) -> impl Iterator<Item = &dyn Rule> {
        self.rules.iter().map(|compiled| compiled.rule.as_ref())
    }

    pub fn into_rules(self) -> Vec<Box<dyn Rule>> {
        self.rules
            .into_iter()
            .map(|compiled| compiled.rule)
            .collect()
    }

    /// Runs the examples written in the files that `include` selects.
    pub fn run_examples(&self, include: impl Fn(&PackSource) -> bool) -> ExampleReport {
        let mut report = ExampleReport {
            files: self.sources.iter().filter(|s| include(s)).count(),
            ..ExampleReport::default()
        };
        for compiled in &self.rules {
            let mut counted = false;
            for example in &compiled.examples {
                let Some(source) = self.sources.get(example.source) else {
                    continue;
                };
                if !include(source) {
                    continue;
                }
                if !counted {
                    report.rules += 1;
                    counted = true;
                }
                report.examples += 1;
                if let Some(problem) = check_example(compiled.rule.as_ref(), example) {
                    report.failures.push(ExampleFailure {
                        rule: compiled.rule.meta().id.to_string(),
                        subject: example.subject.clone(),
                        path: source.path.clone(),
                        pack_text: source.text.clone(),
                        span: example.span.clone(),
                        example: example.text.clone(),
                        problem,
                    });
                }
            }
        }
        report
    }
}

fn lint_example(rule: &dyn Rule, text: &str) -> Vec<Diagnostic> {
    let settings = Settings::default();
    let cx = Context {
        settings: &settings,
    };
    let mut out = Vec::new();
    rule.check(&Document::from_text(text), &cx, &mut out);
    out
}

/// What is wrong with `example`, if anything.
fn check_example(rule: &dyn Rule, example: &Example) -> Option<String> {
    let found = lint_example(rule, &example.text);
    if !example.triggers {
        if found.is_empty() {
            return None;
        }
        let listed: Vec<String> = found
            .iter()
            .map(|d| format!("“{}” ({})", &example.text[d.span.range()], d.message))
            .collect();
        return Some(format!(
            "should not trigger, but flagged {}",
            listed.join(", ")
        ));
    }
    if found.is_empty() {
        return Some("should trigger, but nothing was flagged".to_owned());
    }
    let expected = example.fixed.as_ref()?;
    let fixed = fixed_text(rule, &example.text);
    if &fixed == expected {
        None
    } else {
        Some(format!(
            "the fixed text differs\n  expected: {expected}\n       got: {fixed}"
        ))
    }
}

/// Applies the rule's fixes, safe and unsafe, until nothing changes.
fn fixed_text(rule: &dyn Rule, text: &str) -> String {
    let mut current = text.to_owned();
    for _ in 0..10 {
        let found = lint_example(rule, &current);
        let fixes: Vec<&Fix> = found.iter().filter_map(|d| d.fix.as_ref()).collect();
        let outcome = apply_fixes(&current, &fixes, Applicability::Unsafe);
        if outcome.applied.is_empty() {
            break;
        }
        current = outcome.text;
    }
    current
}

/// The text of `span` as a message quotes it: white space runs (a line
/// break inside a phrase) shown as one space.
pub(crate) fn shown(doc: &Document, span: doclint_core::Span) -> String {
    doc.slice(span)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` in curly quotation marks, unless it carries its own.
pub(crate) fn quoted(text: &str) -> String {
    let own = |c: Option<char>| c.is_some_and(|c| matches!(c, '“' | '”' | '"' | '‘' | '’' | '\''));
    if own(text.chars().next()) && own(text.chars().next_back()) {
        text.to_owned()
    } else {
        format!("“{text}”")
    }
}

/// Fills `{match}` and `{replacement}` in a message or help template.
pub(crate) fn render(template: &str, matched: &str, replacement: Option<&str>) -> String {
    let out = template.replace("{match}", matched);
    match replacement {
        Some(replacement) => out.replace("{replacement}", replacement),
        None => out,
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// Compiles `toml` as the pack `test` and returns the rule `test/<id>`
    /// (or `terminology`).
    #[track_caller]
    pub(crate) fn pack_rule(toml: &str, id: &str) -> Box<dyn Rule> {
        let compiled =
            compile_test(toml).unwrap_or_else(|errors| panic!("pack compiles: {errors}"));
        let wanted = if id == TERMINOLOGY {
            id.to_owned()
        } else {
            format!("test/{id}")
        };
        compiled
            .into_rules()
            .into_iter()
            .find(|rule| rule.meta().id == wanted)
            .unwrap_or_else(|| panic!("rule {wanted} in the test pack"))
    }

    pub(crate) fn compile_test(toml: &str) -> Result<CompiledPacks, PackErrors> {
        compile(vec![PackSource {
            path: PathBuf::from("test.toml"),
            text: Arc::from(toml),
            builtin: false,
        }])
    }
}

#[cfg(test)]
mod tests;
