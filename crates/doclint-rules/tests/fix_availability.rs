//! Every built-in rule keeps its word about fixes on real text.
//!
//! A rule declares whether it fixes always, sometimes or never
//! ([`FixAvailability`]). This test runs every rule of the registry over the
//! fixtures — the documents of `corpus/`, everything under `tests/fixtures/`
//! (add `tests/fixtures/rule-<rule-id>.txt` or `.md` for a rule whose
//! defect the corpus lacks) and the `## Example` text of each rule's own
//! documentation — corpus-level rules over all of them together, and fails
//! when a rule
//! - emits a fix but declares `Never`,
//! - declares `Always` but emits a diagnostic without a fix,
//! - declares `Always` or `Sometimes` but never emits a fix,
//! - emits a fix that cannot be applied to the text it was made for.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use doclint_core::{apply_fixes, decode, Diagnostic, Document, DocumentKind, FileId};
use doclint_rules::{registry, FixAvailability, Linter, Settings};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            files_under(&path, out);
        } else if path
            .extension()
            .is_some_and(|ext| ext == "txt" || ext == "md")
        {
            out.push(path);
        }
    }
}

/// The text blocks under "## Example" in a rule's documentation.
fn doc_examples(docs: &str) -> Vec<String> {
    let mut examples = Vec::new();
    let mut in_example = false;
    let mut block: Option<String> = None;
    for line in docs.lines() {
        let line = line.strip_prefix(' ').unwrap_or(line);
        if line.starts_with("## ") {
            in_example = line.starts_with("## Example");
            continue;
        }
        if !in_example {
            continue;
        }
        match (&mut block, line.trim_start().starts_with("```")) {
            (None, true) => block = Some(String::new()),
            (Some(_), true) => examples.extend(block.take()),
            (Some(text), false) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, false) => {}
        }
    }
    examples
}

struct Fixture {
    name: String,
    doc: Document,
}

fn fixtures() -> Vec<Fixture> {
    let mut paths = Vec::new();
    files_under(&repo().join("corpus"), &mut paths);
    files_under(&repo().join("tests/fixtures"), &mut paths);
    assert!(paths.len() >= 5, "the corpus is found");
    let mut fixtures: Vec<Fixture> = paths
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).expect("fixture readable");
            let source = decode(bytes).expect("fixture is UTF-8 text");
            Fixture {
                name: path.display().to_string(),
                doc: Document::new(source, DocumentKind::from_path(path)),
            }
        })
        .collect();
    for rule in registry::builtin_rules() {
        for (i, example) in doc_examples(&rule.meta().docs).into_iter().enumerate() {
            fixtures.push(Fixture {
                name: format!("{} docs example {}", rule.meta().id, i + 1),
                doc: Document::from_text(&example),
            });
        }
    }
    fixtures
}

/// Every diagnostic of every built-in rule on every fixture, corpus-level
/// ones decided over all fixtures together.
fn diagnostics(fixtures: &[Fixture]) -> Vec<(usize, Diagnostic)> {
    let linter = Linter::new(registry::builtin_rules(), Settings::default());
    let mut all = Vec::new();
    let mut facts = Vec::new();
    for (id, fixture) in fixtures.iter().enumerate() {
        all.extend(linter.check(&fixture.doc).into_iter().map(|d| (id, d)));
        if linter.has_corpus_rules() {
            facts.push((id as FileId, linter.gather(id as FileId, &fixture.doc)));
        }
    }
    if linter.has_corpus_rules() {
        all.extend(
            linter
                .decide(facts)
                .into_iter()
                .map(|(id, d)| (id as usize, d)),
        );
    }
    all
}

fn declared() -> BTreeMap<String, FixAvailability> {
    registry::builtin_rules()
        .iter()
        .map(|rule| (rule.meta().id.to_string(), rule.meta().fix))
        .collect()
}

/// Every way the diagnostics break the rules' declarations.
fn problems(
    declared: &BTreeMap<String, FixAvailability>,
    fixtures: &[Fixture],
    found: &[(usize, Diagnostic)],
) -> Vec<String> {
    let mut fixes_by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for (id, diagnostic) in found {
        let fixture = &fixtures[*id];
        let Some(&availability) = declared.get(diagnostic.rule.as_ref()) else {
            problems.push(format!("unknown rule id {}", diagnostic.rule));
            continue;
        };
        match (&diagnostic.fix, availability) {
            (Some(_), FixAvailability::Never) => problems.push(format!(
                "{} declares no fixes but emitted one in {}",
                diagnostic.rule, fixture.name
            )),
            (None, FixAvailability::Always) => problems.push(format!(
                "{} declares a fix on every diagnostic but emitted none in {} ({})",
                diagnostic.rule, fixture.name, diagnostic.message
            )),
            _ => {}
        }
        if let Some(fix) = &diagnostic.fix {
            *fixes_by_rule.entry(diagnostic.rule.as_ref()).or_default() += 1;
            let outcome = apply_fixes(fixture.doc.text(), &[fix], fix.applicability);
            if outcome.applied.is_empty() {
                problems.push(format!(
                    "{}: a fix that cannot be applied in {}: {fix:?}",
                    diagnostic.rule, fixture.name
                ));
            }
        }
    }
    for (rule, availability) in declared {
        if *availability != FixAvailability::Never && !fixes_by_rule.contains_key(rule.as_str()) {
            problems.push(format!(
                "{rule} declares fixes ({availability:?}) but emitted none on the fixtures; \
                 add tests/fixtures/rule-{rule}.txt with the defect it fixes"
            ));
        }
    }
    problems
}

#[test]
fn every_rule_keeps_its_word_about_fixes() {
    let fixtures = fixtures();
    let found = diagnostics(&fixtures);
    let problems = problems(&declared(), &fixtures, &found);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_rule_breaking_its_declaration_is_caught() {
    let fixtures = fixtures();
    let found = diagnostics(&fixtures);
    let mut declared = declared();
    declared.insert("never-fires".to_owned(), FixAvailability::Sometimes);
    declared.insert("double-space".to_owned(), FixAvailability::Never);
    let problems = problems(&declared, &fixtures, &found);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("never-fires declares fixes (Sometimes) but emitted none")),
        "{problems:#?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("double-space declares no fixes but emitted one")),
        "{problems:#?}"
    );
}

#[test]
fn documentation_examples_are_fixtures() {
    let docs = "## What it does\nX.\n\n## Example\n```text\nTwo  spaces.\n```\nUse instead:\n```text\nOne space.\n```\n\n## Fix safety\n```text\nnot an example\n```\n";
    assert_eq!(doc_examples(docs), vec!["Two  spaces.\n", "One space.\n"]);
    let names: Vec<String> = fixtures().into_iter().map(|f| f.name).collect();
    assert!(
        names.iter().any(|n| n == "double-space docs example 1"),
        "{names:?}"
    );
}
