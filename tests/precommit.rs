//! The README's pre-commit recipe, run as written: its `.pre-commit-config.yaml`
//! block is copied into a sample repository and `pre-commit run` checks a
//! document with a defect (the hook fails and names it) and a clean one
//! (the hook passes). It needs `pre-commit` (`pip install pre-commit`;
//! `.ci/run` installs it): under `CI` its absence fails the test, elsewhere
//! the test is skipped, saying so.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The YAML block of the README's pre-commit section.
fn readme_hook_config() -> String {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README");
    let section = readme
        .split("\n### pre-commit\n")
        .nth(1)
        .expect("the README has a pre-commit section");
    let block = section
        .split("```yaml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the pre-commit section has a YAML block");
    block.to_owned()
}

#[allow(clippy::print_stderr)] // the skip is said out loud
fn pre_commit_or_skip() -> bool {
    let found = Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    if !found {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
        assert!(
            !ci,
            "CI is set but pre-commit was not found: install it (pip install pre-commit)"
        );
        eprintln!(
            "SKIPPED: the pre-commit recipe test needs pre-commit (pip install pre-commit); it is required when CI is set"
        );
    }
    found
}

fn run(dir: &Path, program: &str, args: &[&str], cache: &Path) -> Output {
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_doclint"));
    let bin_dir = binary.parent().expect("the binary's directory");
    let path = std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("PATH");
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("PATH", path)
        .env("PRE_COMMIT_HOME", cache)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|err| panic!("{program} runs: {err}"))
}

#[test]
fn the_readme_pre_commit_hook_checks_a_sample_repository() {
    if !pre_commit_or_skip() {
        return;
    }
    let sample = tempfile::tempdir().expect("temporary directory");
    let cache = tempfile::tempdir().expect("temporary directory");
    let dir = sample.path();
    let git = |args: &[&str]| {
        let output = run(dir, "git", args, cache.path());
        assert!(output.status.success(), "git {args:?}: {output:?}");
    };
    git(&["init", "--quiet"]);
    std::fs::write(dir.join(".pre-commit-config.yaml"), readme_hook_config()).expect("write");
    std::fs::write(dir.join("notes.md"), "The mayor  opened the meeting.\n").expect("write");
    std::fs::write(dir.join("code.rs"), "fn main()  {}\n").expect("write");
    git(&["add", "."]);

    let failing = run(dir, "pre-commit", &["run", "--all-files"], cache.path());
    let out = String::from_utf8_lossy(&failing.stdout);
    assert!(!failing.status.success(), "a defect fails the hook: {out}");
    assert!(
        out.contains("notes.md") && out.contains("double-space"),
        "the hook's output names the file and the rule: {out}"
    );
    assert!(!out.contains("code.rs"), "only documents are passed: {out}");

    std::fs::write(dir.join("notes.md"), "The mayor opened the meeting.\n").expect("write");
    git(&["add", "."]);
    let passing = run(dir, "pre-commit", &["run", "--all-files"], cache.path());
    assert!(
        passing.status.success(),
        "a clean document passes: {}",
        String::from_utf8_lossy(&passing.stdout)
    );
}
