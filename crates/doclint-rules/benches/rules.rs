//! `cargo bench -p doclint-rules`: what each rule costs, what building the
//! document model costs, and a whole default run, on a fixed 1 MB sample of
//! the benchmark corpus (`xtask bench-corpus`, default seed). Every rule of
//! the registry is measured, so a new rule is covered without touching this
//! file. Throughput is in bytes of text.

use std::hint::black_box;
use std::sync::LazyLock;

use divan::counter::BytesCount;
use divan::Bencher;
use doclint_core::{decode, Document, DocumentKind};
use doclint_rules::{registry, Linter, Settings};

const SAMPLE_BYTES: u64 = 1_000_000;

/// The sample's files: name and text.
static SAMPLE: LazyLock<Vec<(DocumentKind, String)>> = LazyLock::new(|| {
    let sources = xtask::Sources::from_repo().expect("corpus/ and rules/dictionary/");
    sources
        .documents(xtask::DEFAULT_SEED, SAMPLE_BYTES)
        .into_iter()
        .map(|doc| (DocumentKind::from_path(&doc.path), doc.text))
        .collect()
});

static DOCUMENTS: LazyLock<Vec<Document>> = LazyLock::new(|| {
    SAMPLE
        .iter()
        .map(|(kind, text)| build(*kind, text.as_bytes().to_vec()))
        .collect()
});

fn build(kind: DocumentKind, bytes: Vec<u8>) -> Document {
    Document::new(decode(bytes).expect("generated text is UTF-8"), kind)
}

fn sample_bytes() -> BytesCount {
    BytesCount::new(SAMPLE.iter().map(|(_, text)| text.len()).sum::<usize>())
}

fn rule_ids() -> impl Iterator<Item = String> {
    registry::builtin_rules()
        .into_iter()
        .map(|rule| rule.meta().id.to_string())
}

/// Checks (and, for corpus rules, gathers and decides) every document.
fn run(linter: &Linter, docs: &[Document]) -> usize {
    let corpus = linter.has_corpus_rules();
    let mut found = 0;
    let mut facts = Vec::new();
    for (id, doc) in docs.iter().enumerate() {
        found += black_box(linter.check(doc)).len();
        if corpus {
            facts.push((id as u32, linter.gather(id as u32, doc)));
        }
    }
    if corpus {
        found += linter.decide(facts).len();
    }
    found
}

/// One rule alone over the sample.
#[divan::bench(args = rule_ids())]
fn rule(bencher: Bencher, id: &str) {
    let rule = registry::find(id).expect("a registered rule");
    let linter = Linter::new(vec![rule], Settings::default());
    let docs = &*DOCUMENTS;
    bencher.counter(sample_bytes()).bench(|| run(&linter, docs));
}

/// Decoding and building the document model (lines, tokens, paragraphs,
/// sentences, quotes) of every file of the sample.
#[divan::bench]
fn build_documents(bencher: Bencher) {
    bencher
        .counter(sample_bytes())
        .with_inputs(|| {
            SAMPLE
                .iter()
                .map(|(kind, text)| (*kind, text.as_bytes().to_vec()))
                .collect::<Vec<_>>()
        })
        .bench_values(|files| {
            files
                .into_iter()
                .map(|(kind, bytes)| build(kind, bytes).tokens().len())
                .sum::<usize>()
        });
}

/// Every default rule over the sample, documents built inside the loop:
/// the work of `doclint check` minus reading files and printing.
#[divan::bench]
fn all_rules_end_to_end(bencher: Bencher) {
    let linter = Linter::new(registry::builtin_rules(), Settings::default());
    bencher
        .counter(sample_bytes())
        .with_inputs(|| {
            SAMPLE
                .iter()
                .map(|(kind, text)| (*kind, text.as_bytes().to_vec()))
                .collect::<Vec<_>>()
        })
        .bench_values(|files| {
            let docs: Vec<Document> = files
                .into_iter()
                .map(|(kind, bytes)| build(kind, bytes))
                .collect();
            run(&linter, &docs)
        });
}

fn main() {
    divan::main();
}
