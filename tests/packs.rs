//! End to end: a team adds its own rule pack and glossary to its document
//! repository, sees their findings and fixes in `doclint check`, lists and
//! explains them, verifies them with `doclint test-rules`, and gets pack
//! errors with file:line:col.

use std::path::Path;
use std::process::{Command, Output};

fn doclint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_doclint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("doclint runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const HOUSE: &str = r#"[pack]
name = "house"
description = "Our newsroom's own rules."

[[rules]]
id = "port-name"
kind = "substitution"
message = "our style calls it “{replacement}”, not “{match}”"
fix = "safe"
[[rules.swap]]
phrases = ["Dalian harbour", "Dalian harbor"]
to = "Port of Dalian"
[[rules.examples]]
text = "Ships left Dalian harbour at dawn."
fixed = "Ships left Port of Dalian at dawn."
[[rules.examples]]
text = "Ships left the Port of Dalian at dawn."
triggers = false

[[rules]]
id = "no-hype"
kind = "existence"
severity = "info"
message = "“{match}” is promotional"
patterns = ['\b(?:world-class|state-of-the-art)\b']
[[rules.examples]]
text = "A world-class terminal opened."
[[rules.examples]]
text = "A modern terminal opened."
triggers = false

[[rules]]
id = "cross-border"
kind = "consistency"
message = "“{match}” and “{replacement}” both used in one story"
groups = [["cross-border", "crossborder"]]
[[rules.examples]]
text = "Cross-border trade grew; crossborder trade and cross-border links."
fixed = "Cross-border trade grew; cross-border trade and cross-border links."
[[rules.examples]]
text = "Cross-border trade grew; cross-border links too."
triggers = false
"#;

const GLOSSARY: &str = r#"[glossary]
name = "house-terms"

[[terms]]
preferred = "Liaoning Free Trade Zone"
variants = ["Liaoning FTZ", "Liaoning free trade area"]
note = "Use the zone's registered English name."
[[terms.examples]]
text = "Firms in the Liaoning FTZ grew."
fixed = "Firms in the Liaoning Free Trade Zone grew."
[[terms.examples]]
text = "Firms in the Liaoning Free Trade Zone grew."
triggers = false
"#;

const STORY: &str = "Port news\n\nShips left Dalian harbour at dawn for the world-class terminal. \
Crossborder trade in the Liaoning FTZ grew, and cross-border links and cross-border loans too.\n";

fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("rules/packs")).expect("mkdir");
    std::fs::create_dir_all(root.join("rules/glossary")).expect("mkdir");
    std::fs::create_dir_all(root.join("docs")).expect("mkdir");
    std::fs::write(root.join("rules/packs/house.toml"), HOUSE).expect("write");
    std::fs::write(root.join("rules/glossary/house-terms.toml"), GLOSSARY).expect("write");
    std::fs::write(root.join("docs/story.txt"), STORY).expect("write");
    dir
}

/// Applies the `edits` of the JSON fixes to `text` (they do not overlap).
fn apply(text: &str, diagnostics: &[serde_json::Value]) -> String {
    let mut edits: Vec<(usize, usize, String)> = diagnostics
        .iter()
        .filter_map(|d| d["fix"]["edits"].as_array())
        .flatten()
        .map(|e| {
            (
                e["start"].as_u64().unwrap_or(0) as usize,
                e["end"].as_u64().unwrap_or(0) as usize,
                e["replacement"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    edits.sort();
    let mut out = String::new();
    let mut cursor = 0;
    for (start, end, replacement) in edits {
        out.push_str(&text[cursor..start]);
        out.push_str(&replacement);
        cursor = end;
    }
    out.push_str(&text[cursor..]);
    out
}

#[test]
fn house_pack_findings_and_fixes_in_check() {
    let dir = repository();
    let output = doclint(
        dir.path(),
        &[
            "--packs",
            "rules/packs",
            "--packs",
            "rules/glossary",
            "check",
            "--format",
            "json",
            "docs/",
        ],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let list = value["diagnostics"].as_array().expect("diagnostics");
    let ours: Vec<&serde_json::Value> = list
        .iter()
        .filter(|d| {
            d["rule"]
                .as_str()
                .is_some_and(|r| r.starts_with("house/") || r == "terminology")
        })
        .collect();
    let found: Vec<(&str, &str, &str)> = ours
        .iter()
        .map(|d| {
            let start = d["span"]["start"].as_u64().unwrap_or(0) as usize;
            let end = d["span"]["end"].as_u64().unwrap_or(0) as usize;
            (
                d["rule"].as_str().unwrap_or(""),
                &STORY[start..end],
                d["fix"]["applicability"].as_str().unwrap_or("none"),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("house/port-name", "Dalian harbour", "safe"),
            ("house/no-hype", "world-class", "none"),
            ("house/cross-border", "Crossborder", "unsafe"),
            ("terminology", "Liaoning FTZ", "unsafe"),
        ]
    );
    let port = ours[0];
    assert_eq!(
        port["message"],
        "our style calls it “Port of Dalian”, not “Dalian harbour”"
    );
    assert_eq!(port["span"]["line"], 3);
    assert_eq!(port["span"]["column"], 12);
    assert_eq!(ours[1]["severity"], "info");
    assert_eq!(
        ours[2]["labels"][0]["message"],
        "“cross-border” written 2 times, first here"
    );
    assert_eq!(ours[3]["help"], "Use the zone's registered English name.");

    let fixed: Vec<serde_json::Value> = ours.iter().map(|d| (*d).clone()).collect();
    assert_eq!(
        apply(STORY, &fixed),
        "Port news\n\nShips left Port of Dalian at dawn for the world-class terminal. \
         Cross-border trade in the Liaoning Free Trade Zone grew, and cross-border links and cross-border loans too.\n"
    );

    // Without --packs, only the built-in rules and packs run.
    let plain = doclint(dir.path(), &["check", "--format", "json", "docs/"]);
    let value: serde_json::Value = serde_json::from_slice(&plain.stdout).expect("json");
    assert!(value["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .all(|d| !d["rule"].as_str().unwrap_or("").starts_with("house/")));
}

#[test]
fn doclint_toml_references_the_house_pack_and_glossary() {
    let dir = repository();
    std::fs::write(
        dir.path().join("doclint.toml"),
        "packs = [\"rules/packs\"]\nglossaries = [\"rules/glossary\"]\n",
    )
    .expect("write");
    let output = doclint(dir.path(), &["check", "--format", "json", "docs/"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let rules: Vec<&str> = value["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["rule"].as_str())
        .filter(|r| r.starts_with("house/") || *r == "terminology")
        .collect();
    assert_eq!(
        rules,
        vec![
            "house/port-name",
            "house/no-hype",
            "house/cross-border",
            "terminology"
        ]
    );
    let listing = stdout(&doclint(dir.path(), &["rules"]));
    assert!(listing.contains("house/port-name"), "{listing}");
}

#[test]
fn house_rules_are_listed_and_explained() {
    let dir = repository();
    let rules = doclint(dir.path(), &["--packs", "rules/packs", "rules"]);
    let listing = stdout(&rules);
    for id in [
        "house/port-name",
        "house/no-hype",
        "house/cross-border",
        "terminology",
        "mt-artifacts/founding-mission",
    ] {
        assert!(listing.contains(id), "{id} listed:\n{listing}");
    }
    let explain = doclint(
        dir.path(),
        &["--packs", "rules/packs", "explain", "house/port-name"],
    );
    assert_eq!(explain.status.code(), Some(0), "{}", stderr(&explain));
    let docs = stdout(&explain);
    for part in [
        "# house/port-name",
        "Our newsroom's own rules.",
        "“Dalian harbour”, “Dalian harbor” → “Port of Dalian”",
        "Ships left Dalian harbour at dawn.",
        "Use instead:",
        "Safe (the pack says so)",
    ] {
        assert!(docs.contains(part), "explain shows {part:?}:\n{docs}");
    }
}

#[test]
fn test_rules_runs_the_examples_and_reports_failures_with_their_place() {
    let dir = repository();
    let ok = doclint(dir.path(), &["test-rules", "rules/packs", "rules/glossary"]);
    assert_eq!(ok.status.code(), Some(0), "{}{}", stdout(&ok), stderr(&ok));
    assert!(
        stdout(&ok).contains("8 examples of 4 rules in 2 files: all passed."),
        "{}",
        stdout(&ok)
    );

    // The built-in packs' own examples pass too.
    let builtin = doclint(dir.path(), &["test-rules"]);
    assert_eq!(builtin.status.code(), Some(0), "{}", stdout(&builtin));

    // A wrong example is reported with its rule and its place in the pack.
    let broken = HOUSE.replace(
        "text = \"A modern terminal opened.\"",
        "text = \"A state-of-the-art terminal opened.\"",
    );
    std::fs::write(dir.path().join("rules/packs/house.toml"), broken).expect("write");
    let failed = doclint(dir.path(), &["test-rules", "rules/packs"]);
    assert_eq!(failed.status.code(), Some(1));
    let report = stdout(&failed);
    assert!(
        report.contains("error[house/no-hype]: example of rule `house/no-hype` should not trigger, but flagged “state-of-the-art”"),
        "{report}"
    );
    assert!(report.contains("rules/packs/house.toml:28:1"), "{report}");
    assert!(report.contains("1 failed"), "{report}");
}

#[test]
fn pack_errors_are_reported_with_file_line_and_column() {
    let dir = repository();
    let bad = dir.path().join("bad");
    std::fs::create_dir_all(&bad).expect("mkdir");
    std::fs::write(
        bad.join("house.toml"),
        "[[rules]]\nid = \"a\"\nkind = \"existance\"\nmessage = \"m\"\n\n[[rules]]\nid = \"b\"\nkind = \"existence\"\nmessage = \"m\"\npatterns = ['ok (open']\n\n[[rules]]\nid = \"b\"\nkind = \"existence\"\nmessage = \"m\"\nphrases = [\"x\"]\n",
    )
    .expect("write");
    std::fs::write(bad.join("syntax.toml"), "[[rules]\nid = 1\n").expect("write");
    let output = doclint(dir.path(), &["--packs", "bad", "check", "docs/"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty(), "no file is checked");
    let errors = stderr(&output);
    for expected in [
        "error[pack]: unknown kind `existance`; expected one of: existence, substitution, consistency",
        "bad/house.toml:3:8",
        "error[pack]: invalid regular expression: unclosed group",
        "bad/house.toml:10:17",
        "error[pack]: duplicate rule id `house/b`",
        "bad/house.toml:13:6",
        "first defined here",
        "bad/syntax.toml:1:9",
        "4 errors in rule packs",
    ] {
        assert!(errors.contains(expected), "stderr has {expected:?}:\n{errors}");
    }
}
