//! Arbitrary bytes → decode → Document → every rule.
//!
//! The input is split at NUL bytes into up to four files (a NUL makes a file
//! binary anyway), so corpus-level rules see several documents in one run.
//! Each file is loaded as plain text and as Markdown.
#![no_main]

use std::sync::OnceLock;

use doclint_rules::{invariants, Linter};
use libfuzzer_sys::fuzz_target;

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| invariants::full_linter().expect("built-in packs load"))
}

fuzz_target!(|data: &[u8]| {
    let files: Vec<&[u8]> = data.splitn(4, |&b| b == 0).collect();
    if let Err(violation) = invariants::check_files(linter(), &files) {
        panic!("invariant broken: {violation}");
    }
});
