//! Measures what the consistency rules keep per document in corpus scope.
//!
//! ```sh
//! cargo run --release -p doclint-rules --example consistency_facts -- [N] FILES...
//! ```
//!
//! Gathers the corpus-scope facts of `inconsistent-name`,
//! `inconsistent-capitalization` and `inconsistent-spelling` for N documents
//! (default 10,000), cycling through FILES, holds them all as a run does,
//! then decides. Prints the bytes the facts occupy per document.
#![allow(clippy::print_stdout)]

use std::time::Instant;

use doclint_core::{decode, Document, DocumentKind, FileId};
use doclint_rules::consistency::facts_footprint;
use doclint_rules::{registry, ComparisonScope, Linter, Settings};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let count = match args.first().and_then(|a| a.parse::<usize>().ok()) {
        Some(n) => {
            args.remove(0);
            n
        }
        None => 10_000,
    };
    if args.is_empty() {
        return Err("usage: consistency_facts [N] FILES...".into());
    }
    let mut docs = Vec::new();
    for path in &args {
        let source = decode(std::fs::read(path)?)?;
        docs.push(Document::new(
            source,
            DocumentKind::from_path(std::path::Path::new(path)),
        ));
    }
    let ids = [
        "inconsistent-name",
        "inconsistent-capitalization",
        "inconsistent-spelling",
    ];
    let mut settings = Settings::default();
    for id in ids {
        settings
            .scopes
            .insert(id.to_owned(), ComparisonScope::Corpus);
    }
    let rules = registry::builtin_rules()
        .into_iter()
        .filter(|rule| ids.contains(&rule.meta().id.as_ref()))
        .collect();
    let linter = Linter::new(rules, settings);

    let started = Instant::now();
    let mut facts = Vec::with_capacity(count);
    let mut per_rule = [0usize; 3];
    let mut words = 0usize;
    for i in 0..count {
        let doc = &docs[i % docs.len()];
        words += doc.tokens().iter().filter(|t| t.is_word()).count();
        let gathered = linter.gather(i as FileId, doc);
        for (slot, fact) in per_rule.iter_mut().zip(&gathered) {
            *slot += fact.as_ref().and_then(facts_footprint).unwrap_or(0);
        }
        facts.push((i as FileId, gathered));
    }
    let gathered_in = started.elapsed();
    let total: usize = per_rule.iter().sum();
    println!(
        "{count} documents ({} distinct files, {} words each on average)",
        docs.len(),
        words / count
    );
    for (id, bytes) in ids.iter().zip(per_rule) {
        println!("{id:<30} {:>8} bytes per document", bytes / count);
    }
    println!(
        "{:<30} {:>8} bytes per document, {:.1} MiB for {count}",
        "total",
        total / count,
        total as f64 / (1024.0 * 1024.0)
    );
    let started = Instant::now();
    let found = linter.decide(facts);
    println!(
        "gather {:.2?}, decide {:.2?}, {} findings",
        gathered_in,
        started.elapsed(),
        found.len()
    );
    Ok(())
}
