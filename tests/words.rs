//! End-to-end: the word-level rules on the seed documents in `corpus/`.

use std::path::PathBuf;
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The lexical diagnostics of `doclint check --format json corpus/`:
/// (rule, flagged text, help).
fn lexical_findings() -> Vec<(String, String, String)> {
    let output = Command::new(env!("CARGO_BIN_EXE_doclint"))
        .current_dir(repo())
        .args(["check", "--format", "json", "corpus/"])
        .output()
        .expect("doclint runs");
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json output");
    let list = value["diagnostics"].as_array().expect("diagnostics array");
    list.iter()
        .filter(|d| {
            matches!(
                d["rule"].as_str(),
                Some("split-word" | "truncated-word" | "repeated-word" | "misspelling")
            )
        })
        .map(|d| {
            let path = repo().join(d["path"].as_str().expect("path"));
            let text = std::fs::read(&path).expect("corpus file");
            let start = d["span"]["start"].as_u64().expect("start") as usize;
            let end = d["span"]["end"].as_u64().expect("end") as usize;
            (
                d["rule"].as_str().unwrap_or_default().to_owned(),
                String::from_utf8_lossy(&text[start..end]).into_owned(),
                d["help"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn find<'a>(
    findings: &'a [(String, String, String)],
    rule: &str,
    flagged: &str,
) -> &'a (String, String, String) {
    findings
        .iter()
        .find(|(r, text, _)| r == rule && text == flagged)
        .unwrap_or_else(|| panic!("{rule} does not flag {flagged:?}: {findings:#?}"))
}

#[test]
fn corpus_word_defects_are_found_with_the_right_suggestions() {
    let findings = lexical_findings();

    let (_, _, help) = find(&findings, "split-word", "s tick");
    assert!(help.contains("`stick`"), "{help}");

    let (_, _, help) = find(&findings, "truncated-word", "Organizati");
    assert!(help.contains("`Organization`"), "{help}");

    let (_, _, help) = find(&findings, "repeated-word", "expert and expert");
    assert!(help.contains("`expert`"), "{help}");
    find(
        &findings,
        "repeated-word",
        "Conscientiously and conscientiously",
    );

    let (_, _, help) = find(&findings, "misspelling", "speechs");
    assert!(help.starts_with("did you mean `speeches`"), "{help}");
}

#[test]
fn corpus_names_are_not_reported_as_words() {
    let findings = lexical_findings();
    for name in [
        "Chengxu", "Qiufa", "Xueqiong", "Jinping", "Chunqiu", "Dalian", "Zhiyuan",
    ] {
        assert!(
            !findings.iter().any(|(_, text, _)| text.contains(name)),
            "{name} was reported: {findings:#?}"
        );
    }
    // Nothing but the five seeded defects.
    assert_eq!(findings.len(), 5, "{findings:#?}");
}
