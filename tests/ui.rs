//! Per-rule UI fixtures: `tests/ui/<rule-id>/` for every rule doclint lists
//! (`doclint rules --isolated`). A pack rule `pack/rule` lives in the nested
//! folder `tests/ui/pack/rule/`.
//!
//! Each folder holds:
//! - `input.txt`, or `input.md` for a rule about Markdown: at least one true
//!   hit and one clean near-miss;
//! - `expected.txt`: the human output of
//!   `doclint check --isolated --color never --select <rule-id> input.*`,
//!   run in the folder (so paths are relative);
//! - for a rule with fixes, `fixed.txt`: the input after `--fix`, and
//!   `fixed-unsafe.txt` when `--unsafe-fixes` gives other text;
//! - optionally `args`: more arguments for `check`, one per line (such as
//!   `--baseline` and a file of the folder).
//!
//! `DOCLINT_BLESS=1 cargo test -p doclint-cli --test ui` rewrites the
//! expected files. A rule with no folder fails the test, and so does a
//! folder that names no rule.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BLESS: &str = "DOCLINT_BLESS=1 cargo test -p doclint-cli --test ui";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn ui_dir() -> PathBuf {
    repo().join("tests/ui")
}

fn blessing() -> bool {
    std::env::var_os("DOCLINT_BLESS").is_some()
}

/// Every rule id with its fixability, from `doclint rules --isolated`.
fn rules() -> Vec<(String, String)> {
    let output = Command::new(env!("CARGO_BIN_EXE_doclint"))
        .args(["rules", "--isolated"])
        .current_dir(repo())
        .output()
        .expect("doclint runs");
    assert!(output.status.success(), "doclint rules failed");
    let text = String::from_utf8(output.stdout).expect("utf-8");
    let rules: Vec<(String, String)> = text
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let id = fields.next()?;
            let fix = fields.nth(2)?;
            Some((id.to_owned(), fix.to_owned()))
        })
        .collect();
    assert!(rules.len() > 30, "the listing names every rule: {text}");
    rules
}

/// The folder's input file, if it has exactly one.
fn input_of(dir: &Path) -> Result<&'static str, String> {
    let found: Vec<&'static str> = ["input.txt", "input.md"]
        .into_iter()
        .filter(|name| dir.join(name).is_file())
        .collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err("has no input.txt or input.md".to_owned()),
        _ => Err("has both input.txt and input.md".to_owned()),
    }
}

fn extra_args(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("args"))
        .map(|text| {
            text.lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn check(dir: &Path, rule: &str, input: &str, extra: &[String]) -> (String, String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_doclint"))
        .args(["check", "--isolated", "--color", "never", "--select", rule])
        .args(extra)
        .arg(input)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("doclint runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

/// The input after `--fix` (and `--unsafe-fixes` when `unsafe_too`), read
/// from standard input so the fixture is never written.
fn fixed(dir: &Path, rule: &str, input: &str, unsafe_too: bool) -> Result<String, String> {
    let bytes = std::fs::read(dir.join(input)).map_err(|e| e.to_string())?;
    let mut command = Command::new(env!("CARGO_BIN_EXE_doclint"));
    command
        .args(["check", "--isolated", "--color", "never", "--select", rule])
        .args(["--fix", "--stdin-filename", input])
        .args(unsafe_too.then_some("--unsafe-fixes"))
        .arg("-")
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().map_err(|e| e.to_string())?;
    child
        .stdin
        .take()
        .ok_or("no stdin")?
        .write_all(&bytes)
        .map_err(|e| e.to_string())?;
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    if output.status.code() == Some(2) {
        return Err(format!(
            "--fix failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8(output.stdout).map_err(|e| e.to_string())
}

/// Compares `actual` with the file `name` of `dir` (writing it first when
/// blessing); a difference goes to `failures`.
fn compare(dir: &Path, name: &str, actual: &str, rule: &str, failures: &mut Vec<String>) {
    let path = dir.join(name);
    if blessing() {
        if let Err(err) = std::fs::write(&path, actual) {
            failures.push(format!("{rule}: cannot write {name}: {err}"));
            return;
        }
    }
    match std::fs::read_to_string(&path) {
        Ok(expected) if expected == actual => {}
        Ok(expected) => failures.push(format!(
            "{rule}: {name} differs.\n--- expected ({})\n{expected}\n--- actual\n{actual}",
            path.display()
        )),
        Err(_) => failures.push(format!("{rule}: {name} is missing")),
    }
}

fn run_fixture(rule: &str, fix: &str, failures: &mut Vec<String>) {
    let dir = ui_dir().join(rule);
    let input = match input_of(&dir) {
        Ok(input) => input,
        Err(problem) => {
            failures.push(format!(
                "{rule}: tests/ui/{rule}/ {problem}: every rule needs a fixture folder \
                 (an input with a true hit and a clean near-miss; then `{BLESS}`)"
            ));
            return;
        }
    };
    let extra = extra_args(&dir);
    let (stdout, stderr, code) = check(&dir, rule, input, &extra);
    if code != 0 && code != 1 {
        failures.push(format!("{rule}: doclint check exited {code}: {stderr}"));
        return;
    }
    if !stdout.contains(&format!("[{rule}]")) {
        failures.push(format!(
            "{rule}: tests/ui/{rule}/{input} holds no finding of the rule; a fixture shows \
             at least one true hit.\n{stdout}"
        ));
    }
    compare(&dir, "expected.txt", &stdout, rule, failures);

    if fix == "never" || !extra.is_empty() {
        return;
    }
    let safe = match fixed(&dir, rule, input, false) {
        Ok(text) => text,
        Err(err) => return failures.push(format!("{rule}: {err}")),
    };
    compare(&dir, "fixed.txt", &safe, rule, failures);
    let unsafe_fixed = match fixed(&dir, rule, input, true) {
        Ok(text) => text,
        Err(err) => return failures.push(format!("{rule}: {err}")),
    };
    let unsafe_path = dir.join("fixed-unsafe.txt");
    if unsafe_fixed == safe {
        if blessing() {
            let _ = std::fs::remove_file(&unsafe_path);
        } else if unsafe_path.exists() {
            failures.push(format!(
                "{rule}: fixed-unsafe.txt exists but --unsafe-fixes gives fixed.txt"
            ));
        }
    } else {
        compare(&dir, "fixed-unsafe.txt", &unsafe_fixed, rule, failures);
    }
}

/// Folders with an input that name no rule (a renamed or removed rule).
fn orphans(known: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![ui_dir()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .file_name()
                .is_some_and(|name| name == "input.txt" || name == "input.md")
            {
                let id = dir
                    .strip_prefix(ui_dir())
                    .map(|rel| rel.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default();
                if !known.contains(&id) {
                    found.push(id);
                }
            }
        }
    }
    found.sort();
    found
}

#[test]
fn every_rule_has_a_ui_fixture_and_it_matches() {
    let rules = rules();
    let mut failures = Vec::new();
    for (rule, fix) in &rules {
        run_fixture(rule, fix, &mut failures);
    }
    let ids: Vec<String> = rules.into_iter().map(|(id, _)| id).collect();
    for orphan in orphans(&ids) {
        failures.push(format!(
            "tests/ui/{orphan}/ names no rule of `doclint rules --isolated`"
        ));
    }
    assert!(
        failures.is_empty(),
        "{} UI fixture problem(s) (after a deliberate change, `{BLESS}` re-blesses):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
