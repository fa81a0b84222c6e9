//! End-to-end tests of the consistency rules (`inconsistent-name`,
//! `inconsistent-capitalization`, `inconsistent-spelling`) on the real
//! corpus and on multi-document fixtures.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The JSON output of `doclint check --format json PATHS`.
fn check(paths: &[&str]) -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_doclint"))
        .args(["check", "--format", "json"])
        .args(paths)
        .current_dir(repo())
        .output()
        .expect("doclint runs");
    serde_json::from_slice(&output.stdout).expect("stdout is one JSON object")
}

/// One finding of a rule: its file, the text it flags, and its labels as
/// (path or None for the same file, flagged text).
#[derive(Debug)]
struct Finding {
    path: String,
    text: String,
    labels: Vec<(Option<String>, String)>,
    fix: Option<(String, Vec<String>)>,
}

fn slice(path: &str, span: &Value) -> String {
    let text = std::fs::read_to_string(repo().join(path)).expect("readable fixture");
    let start = span["start"].as_u64().expect("start") as usize;
    let end = span["end"].as_u64().expect("end") as usize;
    text[start..end].to_owned()
}

fn findings(value: &Value, rule: &str) -> Vec<Finding> {
    value["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == rule)
        .map(|d| {
            let path = d["path"].as_str().expect("path").to_owned();
            let labels = d["labels"]
                .as_array()
                .expect("labels")
                .iter()
                .map(|label| {
                    let other = label["path"].as_str().map(str::to_owned);
                    let text = slice(other.as_deref().unwrap_or(&path), &label["span"]);
                    (other, text)
                })
                .collect();
            let fix = d["fix"].as_object().map(|fix| {
                (
                    fix["applicability"].as_str().unwrap_or("").to_owned(),
                    fix["edits"]
                        .as_array()
                        .expect("edits")
                        .iter()
                        .map(|e| e["replacement"].as_str().unwrap_or("").to_owned())
                        .collect(),
                )
            });
            Finding {
                text: slice(&path, &d["span"]),
                path,
                labels,
                fix,
            }
        })
        .collect()
}

fn normalized(text: &str) -> String {
    text.replace('\u{a0}', " ")
}

#[test]
fn corpus_capitalisation_variants_are_reported_with_both_places() {
    let value = check(&["corpus/"]);
    let found = findings(&value, "inconsistent-capitalization");
    let in_file =
        |file: &str| -> Vec<&Finding> { found.iter().filter(|f| f.path.ends_with(file)).collect() };
    // The Dalian study-meeting document: every variant against the proper
    // noun's title case.
    let dalian = in_file("002_a1473f90297c5d0a.txt");
    for (variant, other) in [
        ("municipal party Committee", "Municipal Party Committee"),
        ("municipal party committee", "Municipal Party Committee"),
        ("standing Committee", "Standing Committee"),
        ("municipal Committee", "Municipal Committee"),
    ] {
        let finding = dalian
            .iter()
            .find(|f| f.text == variant)
            .unwrap_or_else(|| panic!("{variant} reported in {dalian:#?}"));
        assert!(
            finding
                .labels
                .iter()
                .any(|(path, text)| path.is_none() && text == other),
            "label at {other}: {finding:#?}"
        );
    }
    // The provincial conference document: the lower case is the variant,
    // labelled at each of its places, and fixed toward the proper noun.
    let provincial = in_file("004_87e956972208343d.txt");
    let finding = provincial
        .iter()
        .find(|f| f.text == "provincial party committee")
        .unwrap_or_else(|| panic!("provincial party committee in {provincial:#?}"));
    assert!(finding
        .labels
        .iter()
        .any(|(_, text)| normalized(text) == "Provincial Party Committee"));
    let (applicability, edits) = finding.fix.as_ref().expect("a fix to the proper noun");
    assert_eq!(applicability, "unsafe");
    assert!(edits.iter().all(|e| e == "Provincial Party Committee"));
    let again = finding
        .labels
        .iter()
        .filter(|(_, t)| t == "provincial party committee");
    assert_eq!(
        again.count() + 1,
        edits.len(),
        "a label at every other place"
    );
    // No fix on the seeds lowers a capital.
    for finding in &found {
        let Some((_, edits)) = &finding.fix else {
            continue;
        };
        for edit in edits {
            let capitals = |s: &str| -> Vec<bool> {
                s.split_whitespace()
                    .map(|w| w.starts_with(char::is_uppercase))
                    .collect()
            };
            let (before, after) = (capitals(&finding.text), capitals(edit));
            assert!(
                before.iter().zip(&after).all(|(b, a)| !b || *a),
                "{finding:#?} lowers a capital"
            );
        }
    }
}

#[test]
fn corpus_grass_roots_spellings_are_reported_with_both_places() {
    let value = check(&["corpus/"]);
    let found = findings(&value, "inconsistent-spelling");
    assert!(!found.is_empty());
    for finding in &found {
        assert!(
            finding.path.ends_with("002_a1473f90297c5d0a.txt"),
            "{finding:#?}"
        );
        assert_eq!(finding.text, "grassroots");
        assert!(finding
            .labels
            .iter()
            .any(|(path, text)| path.is_none() && text == "grass-roots"));
    }
}

#[test]
fn corpus_names_are_consistent() {
    // The seed documents write every pinyin name one way.
    let value = check(&["corpus/"]);
    assert!(findings(&value, "inconsistent-name").is_empty());
}

#[test]
fn name_slip_in_one_file_is_found_against_the_others() {
    let value = check(&["tests/fixtures/consistency/names"]);
    let found = findings(&value, "inconsistent-name");
    // "Li Ming" / "Li Min" are two people and stay apart: one finding only.
    assert_eq!(found.len(), 1, "{found:#?}");
    let slip = &found[0];
    assert!(slip.path.ends_with("c_conference.txt"));
    assert_eq!(slip.text, "Tan Chenxu");
    let (path, text) = &slip.labels[0];
    assert!(
        path.as_deref()
            .is_some_and(|p| p.ends_with("a_meeting.txt")),
        "label in another file: {slip:#?}"
    );
    assert_eq!(text, "Tan Chengxu");
    // The conference document writes its one form throughout, and both
    // spellings read as Pinyin names: reported, not rewritten toward the
    // other files' form (the rule's fix-safety section).
    assert_eq!(slip.fix, None);
}

#[test]
fn us_and_u_s_mixed_in_one_document() {
    let value = check(&["tests/fixtures/consistency/acronyms"]);
    let found = findings(&value, "inconsistent-name");
    // The style guide writes "US" throughout: a house style, not a slip, even
    // though the other document prefers "U.S.".
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].path.ends_with("trade_report.txt"));
    assert_eq!(found[0].text, "US");
    assert!(found[0]
        .labels
        .iter()
        .any(|(path, text)| path.is_none() && text == "U.S."));
}

#[test]
fn name_scope_from_configuration() {
    // In document scope each file is compared alone: the slip in
    // c_conference.txt has nothing to be compared with there.
    let value = check(&[
        "--config",
        "tests/fixtures/consistency/document-scope.toml",
        "tests/fixtures/consistency/names",
    ]);
    assert!(findings(&value, "inconsistent-name").is_empty());
    let value = check(&["tests/fixtures/consistency/names"]);
    assert_eq!(findings(&value, "inconsistent-name").len(), 1);
}
