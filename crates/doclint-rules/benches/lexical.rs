//! Throughput of the lexical rules over clean English (the State of the
//! Union addresses 1990–2021, 1.2 MB): each rule's check plus its corpus
//! gathering, on a document already built.
//!
//! Run with `cargo bench -p doclint-rules --bench lexical`.

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use doclint_core::Document;
use doclint_rules::{registry, Context, Settings};

const CLEAN_TEXT: &str = include_str!("../../../bench/clean-text/sotu-1990-2021.txt");

fn main() {
    divan::main();
}

fn run_rule(bencher: Bencher, id: &str) {
    let doc = Document::from_text(CLEAN_TEXT);
    let rule = registry::find(id).expect("registered rule");
    let settings = Settings::default();
    let cx = Context {
        settings: &settings,
    };
    bencher
        .counter(BytesCount::new(CLEAN_TEXT.len()))
        .bench(|| {
            let mut out = Vec::new();
            rule.check(black_box(&doc), &cx, &mut out);
            if let Some(corpus) = rule.corpus() {
                drop(corpus.gather(0, &doc, &cx));
            }
            out.len()
        });
}

#[divan::bench]
fn split_word(bencher: Bencher) {
    run_rule(bencher, "split-word");
}

#[divan::bench]
fn truncated_word(bencher: Bencher) {
    run_rule(bencher, "truncated-word");
}

#[divan::bench]
fn repeated_word(bencher: Bencher) {
    run_rule(bencher, "repeated-word");
}

#[divan::bench]
fn misspelling(bencher: Bencher) {
    run_rule(bencher, "misspelling");
}

#[divan::bench]
fn document_model(bencher: Bencher) {
    bencher
        .counter(BytesCount::new(CLEAN_TEXT.len()))
        .bench(|| Document::from_text(black_box(CLEAN_TEXT)).tokens().len());
}
