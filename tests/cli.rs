//! End-to-end tests of the `doclint` binary on the real corpus and fixtures.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn doclint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_doclint"))
        .args(args)
        .current_dir(repo())
        .env_remove("NO_COLOR")
        .output()
        .expect("doclint runs")
}

fn json(args: &[&str]) -> (serde_json::Value, i32) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let output = doclint(&all);
    let value = serde_json::from_slice(&output.stdout).expect("stdout is one JSON object");
    (value, output.status.code().expect("exit code"))
}

fn diagnostics(value: &serde_json::Value) -> &Vec<serde_json::Value> {
    value["diagnostics"].as_array().expect("diagnostics array")
}

#[test]
fn json_contract_on_corpus() {
    let (value, code) = json(&["corpus/"]);
    assert_eq!(code, 1, "warnings make exit code 1");
    assert_eq!(value["version"], 1);
    let summary = &value["summary"];
    assert_eq!(summary["files"], 5);
    let list = diagnostics(&value);
    assert_eq!(summary["diagnostics"].as_u64(), Some(list.len() as u64));
    let count = |severity: &str| list.iter().filter(|d| d["severity"] == severity).count() as u64;
    assert_eq!(summary["warnings"].as_u64(), Some(count("warning")));
    assert_eq!(summary["infos"].as_u64(), Some(count("info")));
    assert_eq!(summary["errors"].as_u64(), Some(count("error")));

    let first = &list[0];
    for key in [
        "rule", "severity", "message", "path", "span", "labels", "help", "fix",
    ] {
        assert!(first.get(key).is_some(), "diagnostic has `{key}`: {first}");
    }
    for key in ["start", "end", "line", "column", "end_line", "end_column"] {
        assert!(first["span"][key].is_u64(), "span has `{key}`");
    }
    // Sorted by path, then start offset.
    let keys: Vec<(String, u64)> = list
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap_or("").to_owned(),
                d["span"]["start"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(
        keys[0].0.starts_with("corpus/"),
        "paths stay relative as given"
    );
}

/// Byte offsets in the JSON point at the flagged bytes of the original file.
fn flagged_text(d: &serde_json::Value) -> String {
    let bytes = std::fs::read(repo().join(d["path"].as_str().expect("path"))).expect("file");
    let start = d["span"]["start"].as_u64().expect("start") as usize;
    let end = d["span"]["end"].as_u64().expect("end") as usize;
    String::from_utf8(bytes[start..end].to_vec()).expect("span on char boundaries")
}

#[test]
fn corpus_whitespace_defects_are_all_found() {
    let (value, _) = json(&["corpus/"]);
    let list = diagnostics(&value);
    let of = |rule: &'static str| list.iter().filter(move |d| d["rule"] == rule);

    // Every no-break space in every document lies inside some finding.
    for entry in std::fs::read_dir(repo().join("corpus")).expect("corpus") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("utf-8");
        let name = format!(
            "corpus/{}",
            path.file_name().expect("name").to_string_lossy()
        );
        for (offset, _) in text.match_indices('\u{a0}') {
            let covered = list.iter().any(|d| {
                d["path"] == name.as_str()
                    && d["span"]["start"]
                        .as_u64()
                        .is_some_and(|s| s as usize <= offset)
                    && d["span"]["end"]
                        .as_u64()
                        .is_some_and(|e| e as usize > offset)
            });
            assert!(covered, "no-break space at {name}:{offset} is reported");
        }
    }
    let double: Vec<_> = of("double-space").collect();
    assert!(
        double.iter().any(|d| d["span"]["line"] == 1
            && d["span"]["column"] == 13
            && d["path"].as_str().is_some_and(|p| p.contains("002_"))),
        "DALIAN CHINA  DALIAN CHINA"
    );
    let before: Vec<String> = of("space-before-punctuation").map(flagged_text).collect();
    assert_eq!(before, vec![" "]);
    assert!(
        of("leading-whitespace").any(|d| d["path"].as_str().is_some_and(|p| p.contains("003_"))),
        "\" date 2023-02-12\""
    );
    assert!(of("trailing-whitespace").count() >= 1);
}

#[test]
fn clean_paragraph_has_no_findings() {
    let (value, code) = json(&["tests/fixtures/clean.txt"]);
    assert_eq!(diagnostics(&value).len(), 0, "{value}");
    assert_eq!(code, 0);
}

#[test]
fn exit_codes_follow_the_contract() {
    assert_eq!(
        json(&["--fail-on", "error", "corpus/"]).1,
        0,
        "only warnings and infos"
    );
    assert_eq!(
        json(&["--fail-on", "info", "tests/fixtures/clean.txt"]).1,
        0
    );
    let missing = doclint(&["check", "no/such/path.txt"]);
    assert_eq!(missing.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(
        stderr.contains("no/such/path.txt") && stderr.contains("no such file"),
        "{stderr}"
    );
    assert_eq!(
        doclint(&["check", "--format", "yaml", "corpus/"])
            .status
            .code(),
        Some(2),
        "usage error"
    );
}

#[test]
fn unreadable_files_are_named_and_others_still_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("a_bad.txt"),
        b"Good start \xC3\x28 bad byte",
    )
    .expect("write");
    std::fs::write(dir.path().join("b_binary.txt"), b"PK\x03\x04\x00\x00\x00").expect("write");
    std::fs::write(dir.path().join("c_good.txt"), "A line with  two spaces.\n").expect("write");
    std::fs::write(dir.path().join("d_empty.txt"), "").expect("write");
    std::fs::write(
        dir.path().join("e_bom.txt"),
        "\u{feff}Title\r\n\r\nBody  text.\r\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("ignored.rs"), "fn  main() {}").expect("write");
    let dir_arg = dir.path().to_str().expect("utf-8 path");
    let output = doclint(&["check", "--format", "json", dir_arg]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("a_bad.txt") && stderr.contains("byte offset 11"),
        "{stderr}"
    );
    assert!(
        stderr.contains("b_binary.txt") && stderr.contains("binary"),
        "{stderr}"
    );
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let list = diagnostics(&value);
    let paths: Vec<&str> = list.iter().filter_map(|d| d["path"].as_str()).collect();
    assert!(
        paths.iter().any(|p| p.ends_with("c_good.txt")),
        "good file still checked"
    );
    assert!(
        !paths.iter().any(|p| p.ends_with("ignored.rs")),
        "only .txt and .md are walked"
    );
    // BOM and CRLF do not shift offsets: the double space is at byte 3+5+2+2+4.
    let bom = list
        .iter()
        .find(|d| d["path"].as_str().is_some_and(|p| p.ends_with("e_bom.txt")))
        .expect("bom file finding");
    assert_eq!(bom["span"]["start"], 16);
    assert_eq!(bom["span"]["line"], 3);
    assert_eq!(bom["span"]["column"], 5);

    // A file named explicitly is checked whatever its extension.
    let rs = dir.path().join("ignored.rs");
    let (value, _) = json(&[rs.to_str().expect("utf-8")]);
    assert!(
        diagnostics(&value)
            .iter()
            .any(|d| d["rule"] == "double-space"),
        "{value}"
    );
}

#[test]
fn human_output_snapshot() {
    let output = doclint(&[
        "check",
        "--color",
        "never",
        "corpus/003_b8ac175d91083a77.txt",
    ]);
    let actual = String::from_utf8(output.stdout).expect("utf-8");
    let snapshot = repo().join("tests/snapshots/human_003.txt");
    if std::env::var_os("DOCLINT_BLESS").is_some() {
        std::fs::write(&snapshot, &actual).expect("bless snapshot");
    }
    let expected =
        std::fs::read_to_string(&snapshot).expect("snapshot exists (DOCLINT_BLESS=1 to create)");
    assert_eq!(
        actual, expected,
        "human output changed; DOCLINT_BLESS=1 cargo test re-blesses"
    );
    assert!(actual.contains("corpus/003_b8ac175d91083a77.txt:1:1"));
    assert!(actual.contains("[leading-whitespace]"));
    assert!(actual.contains("= help:"));
}

#[test]
fn flags_the_fix_path_does_not_honour_are_refused_not_ignored() {
    for (args, refused) in [
        (&["check", "--timings", "--fix", "corpus/"][..], "--timings"),
        (&["check", "--timings", "-"][..], "--timings"),
        (
            &["check", "--write-baseline", "never-written.json", "-"][..],
            "--write-baseline",
        ),
        (
            &[
                "check",
                "--write-baseline",
                "never-written.json",
                "--fix",
                "corpus/",
            ][..],
            "--write-baseline",
        ),
    ] {
        let output = doclint(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(refused) && stderr.contains("cannot be"),
            "{args:?}: {stderr}"
        );
        assert!(!repo().join("never-written.json").exists());
    }
}
