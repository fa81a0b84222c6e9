//! Start-up cost of rule packs: compiling the built-in packs alone, and with
//! 50 generated project packs holding 5,000 phrases in total; and the cost
//! of checking one corpus document with all of them.
//!
//! `cargo bench -p doclint-rules --bench packs`; the figures are in the
//! README ("Rule packs").

use std::path::PathBuf;
use std::sync::Arc;

use doclint_core::Document;
use doclint_rules::packs::{self, PackSource};
use doclint_rules::{Linter, Settings};

fn main() {
    divan::main();
}

const PACKS: usize = 50;
const RULES_PER_PACK: usize = 10;
const PHRASES_PER_RULE: usize = 10;

/// A deterministic pseudo-word, so that phrases do not share prefixes more
/// than real ones would.
fn word(seed: &mut u64) -> String {
    const SYLLABLES: [&str; 16] = [
        "ka", "lo", "mi", "ren", "tu", "sha", "vo", "qel", "dan", "pri", "zo", "ne", "ust", "bra",
        "ig", "fen",
    ];
    let mut out = String::new();
    for _ in 0..3 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        out.push_str(SYLLABLES[(*seed >> 60) as usize]);
    }
    out
}

/// 50 packs of 10 rules with 10 two-word phrases each: half existence
/// rules, half substitution rules with one swap per phrase.
fn generated_packs() -> Vec<PackSource> {
    let mut seed = 7u64;
    (0..PACKS)
        .map(|p| {
            let mut text = format!("[pack]\nname = \"bench-{p}\"\n");
            for r in 0..RULES_PER_PACK {
                let phrases: Vec<String> = (0..PHRASES_PER_RULE)
                    .map(|_| format!("{} {}", word(&mut seed), word(&mut seed)))
                    .collect();
                if r % 2 == 0 {
                    let list: Vec<String> = phrases.iter().map(|p| format!("{p:?}")).collect();
                    text.push_str(&format!(
                        "\n[[rules]]\nid = \"rule-{r}\"\nkind = \"existence\"\nmessage = \"{{match}}\"\nphrases = [{}]\n",
                        list.join(", ")
                    ));
                } else {
                    text.push_str(&format!(
                        "\n[[rules]]\nid = \"rule-{r}\"\nkind = \"substitution\"\nmessage = \"{{match}}\"\nfix = \"unsafe\"\n"
                    ));
                    for phrase in &phrases {
                        text.push_str(&format!(
                            "[[rules.swap]]\nphrases = [{phrase:?}]\nto = \"{}\"\n",
                            word(&mut seed)
                        ));
                    }
                }
            }
            PackSource {
                path: PathBuf::from(format!("bench/pack-{p}.toml")),
                text: Arc::from(text),
                builtin: false,
            }
        })
        .collect()
}

#[divan::bench]
fn builtin_packs_only() -> usize {
    packs::compile(packs::builtin_sources())
        .map(|compiled| compiled.rules().count())
        .unwrap_or(0)
}

#[divan::bench]
fn builtin_plus_50_packs_5000_phrases(bencher: divan::Bencher) {
    let generated = generated_packs();
    let phrases: usize = generated
        .iter()
        .map(|s| s.text.matches("\", \"").count())
        .sum();
    assert!(phrases > 0);
    bencher.bench(|| {
        let mut sources = packs::builtin_sources();
        sources.extend(generated.iter().cloned());
        packs::compile(sources)
            .map(|compiled| compiled.rules().count())
            .unwrap_or(0)
    });
}

fn corpus_document() -> Document {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../corpus/002_a1473f90297c5d0a.txt"
    );
    let text = std::fs::read_to_string(path).unwrap_or_default();
    Document::from_text(&text)
}

#[divan::bench]
fn check_document_builtin_packs(bencher: divan::Bencher) {
    let rules = packs::compile(packs::builtin_sources())
        .map(|c| c.into_rules())
        .unwrap_or_default();
    let linter = Linter::new(rules, Settings::default());
    let text = corpus_document().text().to_owned();
    // A fresh document each time: its folded view is built once per document.
    bencher.bench(|| linter.check(&Document::from_text(&text)).len());
}

#[divan::bench]
fn check_document_builtin_plus_50_packs(bencher: divan::Bencher) {
    let mut sources = packs::builtin_sources();
    sources.extend(generated_packs());
    let rules = packs::compile(sources)
        .map(|c| c.into_rules())
        .unwrap_or_default();
    let linter = Linter::new(rules, Settings::default());
    let text = corpus_document().text().to_owned();
    bencher.bench(|| linter.check(&Document::from_text(&text)).len());
}

#[divan::bench]
fn model_document_alone(bencher: divan::Bencher) {
    let text = corpus_document().text().to_owned();
    bencher.bench(|| Document::from_text(&text).paragraphs().len());
}
