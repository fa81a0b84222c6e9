//! Arbitrary text → `doclint.toml` parsing and checking, and rule-pack /
//! glossary compiling (alone and beside the built-in packs), then the
//! compiled pack's examples and a lint of the text with its rules.
//!
//! The input is split at the first NUL byte: the part before is read as the
//! configuration, the part after as the pack file; without a NUL, the whole
//! input is read as both. Asserted: nothing panics or hangs, and every pack
//! error names the file with a line and column.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use doclint_core::Document;
use doclint_rules::packs::{self, CompiledPacks, PackSource};
use doclint_rules::{registry, Context, Rule, Settings};
use libfuzzer_sys::fuzz_target;

// The configuration code lives in the binary crate; it is compiled here
// from its own files, with the modules it uses.
#[allow(dead_code)]
#[path = "../../crates/doclint-cli/src/config.rs"]
mod config;
#[allow(dead_code)]
#[path = "../../crates/doclint-cli/src/selection.rs"]
mod selection;
#[allow(dead_code)]
#[path = "../../crates/doclint-cli/src/suggest.rs"]
mod suggest;
#[allow(dead_code)]
#[path = "../../crates/doclint-cli/src/walk.rs"]
mod walk;

fn all_rules() -> &'static [Box<dyn Rule>] {
    static RULES: OnceLock<Vec<Box<dyn Rule>>> = OnceLock::new();
    RULES.get_or_init(|| registry::all_rules::<&Path>(&[]).expect("built-in packs load"))
}

/// An empty directory the configuration's relative paths resolve against.
fn root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let dir = std::env::temp_dir().join("doclint-fuzz-config-root");
        std::fs::create_dir_all(&dir).expect("temporary directory");
        dir
    })
}

fn check_config(text: &str) {
    let path = root().join("doclint.toml");
    if let Ok(config) = config::Config::parse(&path, text.to_owned(), root()) {
        let _ = config.base_settings();
        let _ = config.resolve_rules(all_rules());
    }
}

fn source(text: &str) -> PackSource {
    PackSource {
        path: PathBuf::from("fuzz.toml"),
        text: Arc::from(text),
        builtin: false,
    }
}

fn check_errors(errors: &packs::PackErrors) {
    for error in &errors.0 {
        if error.text.is_some() {
            assert!(
                error.location().is_some(),
                "a pack error without line and column: {error}"
            );
        }
        assert!(!error.to_string().is_empty());
    }
}

fn exercise(compiled: &CompiledPacks, text: &str) {
    let report = compiled.run_examples(|source| !source.builtin);
    assert!(report.examples <= 100_000);
    let doc = Document::from_text(text);
    let settings = Settings::default();
    let cx = Context {
        settings: &settings,
    };
    let mut out = Vec::new();
    for rule in compiled.rules() {
        rule.check(&doc, &cx, &mut out);
    }
    for diagnostic in &out {
        assert!(text.get(diagnostic.span.range()).is_some());
    }
}

fn check_pack(text: &str) {
    match packs::compile(vec![source(text)]) {
        Ok(compiled) => exercise(&compiled, text),
        Err(errors) => check_errors(&errors),
    }
    let mut with_builtins = packs::builtin_sources();
    with_builtins.push(source(text));
    if let Err(errors) = packs::compile(with_builtins) {
        check_errors(&errors);
    }
}

fuzz_target!(|data: &[u8]| {
    let (config, pack) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, data),
    };
    if let Ok(text) = std::str::from_utf8(config) {
        check_config(text);
    }
    if let Ok(text) = std::str::from_utf8(pack) {
        check_pack(text);
    }
});
