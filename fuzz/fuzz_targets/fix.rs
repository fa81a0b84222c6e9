//! Arbitrary bytes → decode → Document → every rule → apply all safe, then
//! all safe and unsafe fixes, until the text stops changing.
//!
//! Asserted: every span of every pass is in bounds and on character
//! boundaries, each fixed text loads again, fixing converges within
//! `MAX_FIX_PASSES` and fixing the result again changes nothing.
#![no_main]

use std::sync::OnceLock;

use doclint_rules::{invariants, Linter};
use libfuzzer_sys::fuzz_target;

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| invariants::full_linter().expect("built-in packs load"))
}

fuzz_target!(|data: &[u8]| {
    if let Err(violation) = invariants::check_fixes(linter(), data) {
        panic!("invariant broken: {violation}");
    }
});
