//! `docs/rules.md` is generated from the rules' own documentation (their
//! `declare_rule!` doc comments and the pack files). This test regenerates
//! it and fails when the checked-in file differs.

use std::path::{Path, PathBuf};
use std::process::Command;

/// How to bring the file up to date, named in the failure message.
const REGENERATE: &str =
    "cargo run -q -p doclint-cli -- rules --isolated --format markdown > docs/rules.md \
     (or DOCLINT_BLESS=1 cargo test -p doclint-cli --test docs)";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn rules_reference_is_current() {
    let output = Command::new(env!("CARGO_BIN_EXE_doclint"))
        .args(["rules", "--isolated", "--format", "markdown"])
        .current_dir(repo())
        .output()
        .expect("doclint runs");
    assert!(
        output.status.success(),
        "doclint rules failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let actual = String::from_utf8(output.stdout).expect("utf-8");
    let path = repo().join("docs/rules.md");
    if std::env::var_os("DOCLINT_BLESS").is_some() {
        std::fs::write(&path, &actual).expect("write docs/rules.md");
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if actual != expected {
        let line = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, e)| a != e)
            .unwrap_or_else(|| actual.lines().count().min(expected.lines().count()));
        panic!(
            "docs/rules.md is stale: run `{REGENERATE}`.\n\
             First difference at line {}:\n  generated: {:?}\n  in file:   {:?}",
            line + 1,
            actual.lines().nth(line).unwrap_or("<end of text>"),
            expected.lines().nth(line).unwrap_or("<end of file>"),
        );
    }
}

#[test]
fn rules_reference_is_the_same_on_every_run() {
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_doclint"))
            .args(["rules", "--isolated", "--format", "markdown"])
            .current_dir(repo())
            .output()
            .expect("doclint runs")
            .stdout
    };
    let first = run();
    assert!(!first.is_empty());
    assert_eq!(first, run());
}
