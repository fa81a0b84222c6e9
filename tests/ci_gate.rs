//! End-to-end tests of doclint as a CI gate: output formats on the corpus,
//! configuration, rule selection, baselines, suppressions and Markdown.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn doclint_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_doclint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CI")
        .output()
        .expect("doclint runs")
}

fn doclint(args: &[&str]) -> Output {
    doclint_in(&repo(), args)
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json_in(dir: &Path, args: &[&str]) -> (Value, i32) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let output = doclint_in(dir, &all);
    let value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("one JSON object; stderr: {}", stderr(&output)));
    (value, output.status.code().expect("exit code"))
}

fn diagnostics(value: &Value) -> Vec<Value> {
    value["diagnostics"].as_array().expect("array").clone()
}

fn rules_of(value: &Value) -> Vec<String> {
    let mut rules: Vec<String> = diagnostics(value)
        .iter()
        .map(|d| d["rule"].as_str().expect("rule").to_owned())
        .collect();
    rules.sort();
    rules.dedup();
    rules
}

/// The corpus's findings in the JSON contract: the reference every other
/// format is compared with.
fn corpus_json() -> Vec<Value> {
    let (value, _) = json_in(&repo(), &["--isolated", "corpus/"]);
    diagnostics(&value)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create dir");
    }
    std::fs::write(&path, text).expect("write");
    path
}

// ---------------------------------------------------------------- formats

#[test]
fn concise_is_one_line_per_problem() {
    let reference = corpus_json();
    let output = doclint(&["check", "--isolated", "--format", "concise", "corpus/"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.len(),
        reference.len() + 1,
        "one per problem + summary"
    );
    for (line, d) in lines.iter().zip(&reference) {
        let expected = format!(
            "{}:{}:{}: {} [{}] {}",
            d["path"].as_str().expect("path"),
            d["span"]["line"],
            d["span"]["column"],
            d["severity"].as_str().expect("severity"),
            d["rule"].as_str().expect("rule"),
            d["message"].as_str().expect("message")
        );
        assert_eq!(*line, expected);
    }
    assert!(lines[lines.len() - 1].starts_with("Found "));
}

#[test]
fn github_annotations_match_the_documented_format() {
    let reference = corpus_json();
    let output = doclint(&["check", "--isolated", "--format", "github", "corpus/"]);
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), reference.len());
    for (line, d) in lines.iter().zip(&reference) {
        let command = match d["severity"].as_str() {
            Some("error") => "error",
            Some("warning") => "warning",
            _ => "notice",
        };
        let span = &d["span"];
        let expected = format!(
            "::{command} file={},line={},col={},endLine={},endColumn={},title=doclint({})::{}",
            d["path"].as_str().expect("path"),
            span["line"],
            span["column"],
            span["end_line"],
            span["end_column"],
            d["rule"].as_str().expect("rule"),
            d["message"].as_str().expect("message")
        );
        assert_eq!(*line, expected);
    }
    assert!(text.contains(
        "::warning file=corpus/002_a1473f90297c5d0a.txt,line=1,col=13,endLine=1,endColumn=15,title=doclint(double-space)::2 spaces in a row"
    ));
}

#[test]
fn sarif_validates_against_the_schema_and_matches_the_findings() {
    let reference = corpus_json();
    let output = doclint(&["check", "--isolated", "--format", "sarif", "corpus/"]);
    assert_eq!(output.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&output.stdout).expect("SARIF is JSON");

    let schema_text =
        std::fs::read_to_string(repo().join("tests/data/sarif-schema-2.1.0.json")).expect("schema");
    let schema: Value = serde_json::from_str(&schema_text).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "SARIF schema errors: {errors:#?}");

    let run = &sarif["runs"][0];
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let double = rules
        .iter()
        .find(|r| r["id"] == "double-space")
        .expect("double-space described");
    assert!(double["help"]["markdown"]
        .as_str()
        .is_some_and(|h| h.contains("## Why is this bad?")));
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), reference.len());
    for (result, d) in results.iter().zip(&reference) {
        assert_eq!(result["ruleId"], d["rule"]);
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], d["rule"]);
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], d["path"]);
        let region = &location["region"];
        assert_eq!(region["startLine"], d["span"]["line"]);
        assert_eq!(region["startColumn"], d["span"]["column"]);
        assert_eq!(region["endLine"], d["span"]["end_line"]);
        assert_eq!(region["endColumn"], d["span"]["end_column"]);
        assert_eq!(region["byteOffset"], d["span"]["start"]);
        if let Some(edits) = d["fix"]["edits"].as_array() {
            let replacements = &result["fixes"][0]["artifactChanges"][0]["replacements"];
            assert_eq!(replacements.as_array().map(Vec::len), Some(edits.len()));
            assert_eq!(
                replacements[0]["deletedRegion"]["byteOffset"],
                edits[0]["start"]
            );
            assert_eq!(
                replacements[0]["insertedContent"]["text"],
                edits[0]["replacement"]
            );
        } else {
            assert!(result.get("fixes").is_none());
        }
        assert!(result["partialFingerprints"]["doclint/v1"].is_string());
    }
}

#[test]
fn junit_has_one_test_case_per_file() {
    let output = doclint(&["check", "--isolated", "--format", "junit", "corpus/"]);
    let text = stdout(&output);
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut cases = Vec::new();
    let mut failures = 0;
    let mut in_case = String::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                match e.name().as_ref() {
                    b"testcase" => {
                        let name = e
                            .try_get_attribute("name")
                            .expect("attribute")
                            .expect("name")
                            .unescape_value()
                            .expect("value")
                            .into_owned();
                        in_case = name.clone();
                        cases.push(name);
                    }
                    b"failure" => {
                        failures += 1;
                        assert!(!in_case.is_empty());
                    }
                    _ => {}
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    let mut expected: Vec<String> = std::fs::read_dir(repo().join("corpus"))
        .expect("corpus")
        .map(|e| format!("corpus/{}", e.expect("entry").file_name().to_string_lossy()))
        .collect();
    expected.sort();
    assert_eq!(cases, expected);
    // 001 has only infos and nested-quote notes: with --fail-on warning it passes.
    let failing_files = corpus_json()
        .iter()
        .filter(|d| d["severity"] != "info")
        .map(|d| d["path"].as_str().expect("path").to_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    assert_eq!(failures, failing_files);
    assert!(text.contains(&format!("tests=\"5\" failures=\"{failing_files}\"")));
}

#[test]
fn output_file_and_statistics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = dir.path().join("report.sarif");
    let report_arg = report.to_str().expect("utf-8");
    let output = doclint(&[
        "check",
        "--isolated",
        "--format",
        "sarif",
        "--output-file",
        report_arg,
        "corpus/",
    ]);
    assert_eq!(output.status.code(), Some(1), "exit code still reports");
    assert!(output.stdout.is_empty());
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(&report).expect("report written"))
            .expect("json");
    assert_eq!(sarif["version"], "2.1.0");

    let reference = corpus_json();
    let output = doclint(&[
        "check",
        "--isolated",
        "--statistics",
        "--format",
        "json",
        "corpus/",
    ]);
    let stats: Value = serde_json::from_slice(&output.stdout).expect("json");
    let stats = stats.as_array().expect("array");
    let total: u64 = stats
        .iter()
        .map(|s| s["count"].as_u64().expect("count"))
        .sum();
    assert_eq!(total as usize, reference.len());
    let counts: Vec<u64> = stats
        .iter()
        .map(|s| s["count"].as_u64().expect("count"))
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "sorted by count");
    let nbsp = stats
        .iter()
        .find(|s| s["rule"] == "irregular-whitespace")
        .expect("irregular-whitespace counted");
    let expected = reference
        .iter()
        .filter(|d| d["rule"] == "irregular-whitespace")
        .count();
    assert_eq!(nbsp["count"].as_u64(), Some(expected as u64));
    assert_eq!(nbsp["fixable"], nbsp["count"]);

    let text = stdout(&doclint(&[
        "check",
        "--isolated",
        "--statistics",
        "corpus/",
    ]));
    assert!(text
        .lines()
        .next()
        .is_some_and(|l| l.contains("count") && l.contains("fixable")));
    assert!(text.contains(&format!("{expected:>6}  irregular-whitespace")));
    let refused = doclint(&["check", "--statistics", "--format", "sarif", "corpus/"]);
    assert_eq!(refused.status.code(), Some(2));
}

// ---------------------------------------------------------- configuration

#[test]
fn config_is_found_walking_up_from_the_checked_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "doclint.toml",
        "exclude = [\"drafts\"]\n[rules]\ndouble-space = \"error\"\nblank-lines = \"off\"\n",
    );
    write(dir.path(), "docs/a.txt", "One  two.\n\n\n\nThree.\n");
    write(dir.path(), "docs/drafts/b.txt", "Four  five.\n");
    let outside = tempfile::tempdir().expect("tempdir");
    let docs = dir.path().join("docs");
    let (value, code) = json_in(outside.path(), &[docs.to_str().expect("utf-8")]);
    let list = diagnostics(&value);
    assert_eq!(code, 1);
    assert_eq!(list.len(), 1, "blank-lines off, drafts excluded: {list:#?}");
    assert_eq!(list[0]["rule"], "double-space");
    assert_eq!(list[0]["severity"], "error");

    // --isolated ignores it; --config names another.
    let (value, _) = json_in(
        outside.path(),
        &["--isolated", docs.to_str().expect("utf-8")],
    );
    assert_eq!(
        rules_of(&value),
        vec!["blank-lines", "double-space"],
        "drafts walked too: {value}"
    );
    assert_eq!(diagnostics(&value).len(), 3);
    let other = write(
        outside.path(),
        "other.toml",
        "[rules]\nwhitespace = \"off\"\n",
    );
    let (value, code) = json_in(
        outside.path(),
        &[
            "--config",
            other.to_str().expect("utf-8"),
            docs.to_str().expect("utf-8"),
        ],
    );
    assert_eq!((diagnostics(&value).len(), code), (0, 0));
}

#[test]
fn config_errors_name_the_place_and_suggest() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.txt", "Text.\n");
    write(dir.path(), "doclint.toml", "exlude = [\"x\"]\n");
    let output = doclint_in(dir.path(), &["check", "a.txt"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("doclint.toml:1:1: unknown key `exlude`; did you mean `exclude`?"),
        "{message}"
    );

    write(
        dir.path(),
        "doclint.toml",
        "[rules]\ndouble-space = \"warning\"\ntrailing-whitspace = \"off\"\n",
    );
    let message = stderr(&doclint_in(dir.path(), &["check", "a.txt"]));
    assert!(
        message.contains("doclint.toml:3:1: in [rules]: unknown rule or category `trailing-whitspace`; did you mean `trailing-whitespace`?"),
        "{message}"
    );

    write(
        dir.path(),
        "doclint.toml",
        "[rules]\ndouble-space = \"eror\"\n",
    );
    let message = stderr(&doclint_in(dir.path(), &["check", "a.txt"]));
    assert!(message.contains("did you mean `error`?"), "{message}");

    write(
        dir.path(),
        "doclint.toml",
        "[per-file-ignores]\n\"*.txt\" = [\"dubble-space\"]\n",
    );
    let message = stderr(&doclint_in(dir.path(), &["check", "a.txt"]));
    assert!(
        message.contains("did you mean `double-space`?"),
        "{message}"
    );

    write(dir.path(), "doclint.toml", "packs = [\"no-such-dir\"]\n");
    let message = stderr(&doclint_in(dir.path(), &["check", "a.txt"]));
    assert!(
        message.contains("packs: `no-such-dir` does not exist"),
        "{message}"
    );

    write(dir.path(), "doclint.toml", "include = [\"a.txt\"\n");
    let output = doclint_in(dir.path(), &["check", "a.txt"]);
    assert_eq!(output.status.code(), Some(2), "TOML syntax error");
}

#[test]
fn init_writes_a_starter_the_checker_accepts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = doclint_in(dir.path(), &["init"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = std::fs::read_to_string(dir.path().join("doclint.toml")).expect("written");
    assert!(text.contains("# double-space = \"warning\""));
    assert!(text.contains("[per-file-ignores]") && text.contains("[rules]"));
    write(dir.path(), "a.txt", "One  two.\n");
    let (value, _) = json_in(dir.path(), &["a.txt"]);
    assert_eq!(diagnostics(&value).len(), 1, "the starter changes nothing");
    let again = doclint_in(dir.path(), &["init"]);
    assert_eq!(again.status.code(), Some(2), "refuses to overwrite");
    assert!(stderr(&again).contains("--force"));
}

#[test]
fn per_file_ignores_silence_plain_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "doclint.toml",
        "[per-file-ignores]\n\"legacy/*.txt\" = [\"double-space\"]\n\"*.md\" = [\"whitespace\"]\n",
    );
    write(dir.path(), "legacy/a.txt", "One  two.\u{a0}Three.\n");
    write(dir.path(), "new/b.txt", "One  two.\n");
    write(dir.path(), "c.md", "One  two.\n");
    let (value, _) = json_in(dir.path(), &["."]);
    let found: Vec<(String, String)> = diagnostics(&value)
        .iter()
        .map(|d| {
            (
                d["path"].as_str().expect("path").to_owned(),
                d["rule"].as_str().expect("rule").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "./legacy/a.txt".to_owned(),
                "irregular-whitespace".to_owned()
            ),
            ("./new/b.txt".to_owned(), "double-space".to_owned()),
        ]
    );
}

#[test]
fn include_exclude_and_force_exclude() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "doclint.toml",
        "include = [\"docs\"]\nexclude = [\"*.draft.md\"]\nextensions = [\"md\", \"text\"]\n",
    );
    write(dir.path(), "docs/a.md", "One  two.\n");
    write(dir.path(), "docs/b.text", "One  two.\n");
    write(dir.path(), "docs/c.txt", "One  two.\n");
    write(dir.path(), "docs/d.draft.md", "One  two.\n");
    write(dir.path(), "other/e.md", "One  two.\n");
    let paths = |value: &Value| -> Vec<String> {
        diagnostics(value)
            .iter()
            .map(|d| d["path"].as_str().expect("path").to_owned())
            .collect()
    };
    let (value, _) = json_in(dir.path(), &["."]);
    assert_eq!(paths(&value), vec!["./docs/a.md", "./docs/b.text"]);
    // Named files are checked unless --force-exclude.
    let (value, _) = json_in(dir.path(), &["docs/d.draft.md"]);
    assert_eq!(paths(&value), vec!["docs/d.draft.md"]);
    let (value, _) = json_in(
        dir.path(),
        &["--force-exclude", "docs/d.draft.md", "docs/a.md"],
    );
    assert_eq!(paths(&value), vec!["docs/a.md"]);
}

// -------------------------------------------------------------- selection

#[test]
fn select_and_ignore_by_rule_and_category() {
    let all = rules_of(&json_in(&repo(), &["--isolated", "corpus/"]).0);
    assert!(
        all.contains(&"double-space".to_owned()) && all.contains(&"unbalanced-quote".to_owned())
    );

    let listing = stdout(&doclint(&["rules"]));
    let category_of = |rule: &str| -> String {
        listing
            .lines()
            .find(|line| line.split_whitespace().next() == Some(rule))
            .and_then(|line| line.split_whitespace().nth(1))
            .unwrap_or_else(|| panic!("{rule} listed"))
            .to_owned()
    };
    let (value, _) = json_in(&repo(), &["--isolated", "--select", "structure", "corpus/"]);
    let structure = rules_of(&value);
    assert!(!structure.is_empty());
    assert!(
        structure.iter().all(|r| category_of(r) == "structure"),
        "{structure:?}"
    );
    assert!(all.iter().any(|r| category_of(r) != "structure"));

    let (value, _) = json_in(
        &repo(),
        &[
            "--isolated",
            "--select",
            "whitespace,unbalanced-quote",
            "--ignore",
            "irregular-whitespace",
            "corpus/",
        ],
    );
    let picked = rules_of(&value);
    assert!(picked.contains(&"unbalanced-quote".to_owned()));
    assert!(picked.contains(&"double-space".to_owned()));
    assert!(!picked.contains(&"irregular-whitespace".to_owned()));
    assert!(
        picked
            .iter()
            .all(|r| r == "unbalanced-quote" || category_of(r) == "whitespace"),
        "{picked:?}"
    );

    let (value, code) = json_in(
        &repo(),
        &[
            "--isolated",
            "--select",
            "double-space",
            "--severity",
            "double-space=error",
            "--fail-on",
            "error",
            "corpus/",
        ],
    );
    assert_eq!(rules_of(&value), vec!["double-space"]);
    assert_eq!(diagnostics(&value)[0]["severity"], "error");
    assert_eq!(code, 1, "an error fails --fail-on error");

    // A rule pack's name selects all its rules.
    let (value, _) = json_in(
        &repo(),
        &["--isolated", "--select", "mt-artifacts", "corpus/"],
    );
    let pack = rules_of(&value);
    assert!(!pack.is_empty());
    assert!(
        pack.iter().all(|r| r.starts_with("mt-artifacts/")),
        "{pack:?}"
    );

    let output = doclint(&["check", "--select", "whitespce", "corpus/"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output)
            .contains("--select: unknown rule or category `whitespce`; did you mean `whitespace`?"),
        "{}",
        stderr(&output)
    );
}

// --------------------------------------------------------------- baseline

#[test]
fn baseline_survives_an_inserted_paragraph_and_reports_only_new_problems() {
    let dir = tempfile::tempdir().expect("tempdir");
    let original = std::fs::read_to_string(repo().join("corpus/002_a1473f90297c5d0a.txt"))
        .expect("corpus file");
    write(dir.path(), "docs/news.txt", &original);
    let simple =
        "A Short Note\n\nThe first  paragraph is here.\n\nThe second  paragraph is here.\n";
    write(dir.path(), "docs/simple.txt", simple);
    let before = json_in(dir.path(), &["docs"]).0;
    let count = diagnostics(&before).len();
    assert!(count > 5);

    let output = doclint_in(
        dir.path(),
        &["check", "--write-baseline", "baseline.json", "docs"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains(&format!("wrote a baseline of {count} problems")));
    let (value, code) = json_in(dir.path(), &["--baseline", "baseline.json", "docs"]);
    assert_eq!((diagnostics(&value).len(), code), (0, 0), "{value}");

    // A paragraph inserted above every baselined problem moves all of them.
    let (title, body) = original.split_once("\n\n").expect("title block");
    let edited = format!("{title}\n\nA new first paragraph was added here.\n\n{body}");
    write(dir.path(), "docs/news.txt", &edited);
    let (value, code) = json_in(dir.path(), &["--baseline", "baseline.json", "docs"]);
    assert_eq!((diagnostics(&value).len(), code), (0, 0), "{value}");

    // A new problem is reported, and only it.
    let with_new = edited.replacen("A new first", "A new  first", 1);
    write(dir.path(), "docs/news.txt", &with_new);
    let (value, code) = json_in(dir.path(), &["--baseline", "baseline.json", "docs"]);
    let list = diagnostics(&value);
    assert_eq!(code, 1);
    assert_eq!(list.len(), 1, "{list:#?}");
    assert_eq!(list[0]["rule"], "double-space");
    assert_eq!(list[0]["span"]["line"], 5);

    // Fixing a baselined problem leaves a stale entry, reported as info.
    write(dir.path(), "docs/news.txt", &edited);
    write(
        dir.path(),
        "docs/simple.txt",
        &simple.replace("second  paragraph", "second paragraph"),
    );
    let (value, code) = json_in(dir.path(), &["--baseline", "baseline.json", "docs"]);
    let list = diagnostics(&value);
    assert_eq!(code, 0, "info does not fail");
    assert_eq!(list.len(), 1, "{list:#?}");
    assert_eq!(list[0]["rule"], "stale-baseline-entry");
    assert_eq!(list[0]["path"], "docs/simple.txt");
    assert_eq!(list[0]["severity"], "info");
    assert!(list[0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("[double-space]") && m.contains("was line 5")));

    // The baseline is bound to path, rule and text, not to the line.
    let baseline: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("baseline.json")).expect("baseline"),
    )
    .expect("json");
    let entry = &baseline["entries"][0];
    assert_eq!(entry["path"], "docs/news.txt");
    assert!(entry["fingerprint"].as_str().is_some_and(|f| f.len() == 16));
}

// ------------------------------------------------------ Markdown handling

#[test]
fn markdown_suppression_comments() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "doc.md",
        "# Title\n\n\
         Kept  here.\n\n\
         <!-- doclint-disable double-space -- quoted from the source -->\n\
         Silenced  here, but not\u{a0}this.\n\n\
         <!-- doclint-enable -->\n\
         Reported  again.\n\n\
         <!-- doclint-disable-next-line whitespace -->\n\
         Next  line\u{a0}silenced.\n\
         Following  line reported.\n\n\
         <!-- doclint-disable-next-line double-space -->\n\
         Nothing to suppress.\n\n\
         <!-- doclint-disable dubble-space -->\n",
    );
    let (value, _) = json_in(dir.path(), &["doc.md"]);
    let found: Vec<(u64, String)> = diagnostics(&value)
        .iter()
        .map(|d| {
            (
                d["span"]["line"].as_u64().expect("line"),
                d["rule"].as_str().expect("rule").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            (3, "double-space".to_owned()),
            (6, "irregular-whitespace".to_owned()),
            (9, "double-space".to_owned()),
            (13, "double-space".to_owned()),
            (15, "unused-suppression".to_owned()),
            (18, "unused-suppression".to_owned()),
        ],
        "{value:#}"
    );
    let list = diagnostics(&value);
    assert_eq!(list[4]["severity"], "info");
    assert!(list[5]["message"]
        .as_str()
        .is_some_and(|m| m.contains("did you mean `double-space`?")));

    // An unused suppression is not called unused when its rule did not run.
    let (value, _) = json_in(dir.path(), &["--ignore", "double-space", "doc.md"]);
    let unused = diagnostics(&value)
        .iter()
        .filter(|d| d["rule"] == "unused-suppression")
        .count();
    assert_eq!(unused, 1, "only the unknown name");

    // --fix leaves silenced problems alone.
    let fix = doclint_in(dir.path(), &["check", "--fix", "doc.md"]);
    assert!(fix.status.code().is_some());
    let fixed = std::fs::read_to_string(dir.path().join("doc.md")).expect("doc");
    assert!(
        fixed.contains("Silenced  here"),
        "suppressed double space kept"
    );
    assert!(
        fixed.contains("Next  line\u{a0}silenced"),
        "next-line suppression kept"
    );
    assert!(fixed.contains("Kept here.") && fixed.contains("Reported again."));
}

#[test]
fn markdown_code_html_front_matter_and_link_targets_are_not_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let defects = "one  two\u{a0}three , four";
    let markdown = [
        format!("---\ntitle: \"{defects}\"\n---\n\n# Title\n\n"),
        format!("Prose with `{defects}` inline code and a [link](<docs/{defects}.md>) here.\n\n"),
        format!("```text\n{defects}\n  indented  code\u{a0}\n```\n\n"),
        format!("    {defects}\n\n"),
        format!("<div class=\"x  y\">\n{defects}\n</div>\n\n"),
        format!(
            "Inline <span  title=\"{defects}\">html</span> is fine, and [a reference][ref].\n\n"
        ),
        format!("[ref]:  <docs/{defects}.md>  \"{defects}\"\n"),
    ]
    .concat();
    write(dir.path(), "code.md", &markdown);
    let (value, _) = json_in(dir.path(), &["code.md"]);
    assert_eq!(diagnostics(&value), Vec::<Value>::new(), "{value:#}");

    // The same defects in prose are all found, at their true positions.
    let prose = format!("# Title\n\nProse {defects} here.\n");
    write(dir.path(), "prose.md", &prose);
    let (value, _) = json_in(dir.path(), &["prose.md"]);
    let rules: Vec<String> = diagnostics(&value)
        .iter()
        .map(|d| d["rule"].as_str().expect("rule").to_owned())
        .collect();
    assert_eq!(
        rules,
        vec![
            "double-space",
            "irregular-whitespace",
            "space-before-punctuation"
        ]
    );
    let first = &diagnostics(&value)[0];
    assert_eq!(first["span"]["line"], 3);
    assert_eq!(first["span"]["column"], 10);
}

// ------------------------------------------------ commands and integrations

#[test]
fn explain_rules_categories_and_completions() {
    let output = doclint(&["explain", "double-space"]);
    let text = stdout(&output);
    assert!(text.starts_with("# double-space\n"));
    assert!(text.contains("Category: whitespace (spaces, blank lines and invisible characters)."));
    assert!(text.contains("## Why is this bad?") && text.contains("## Fix safety"));

    let output = doclint(&["explain", "dubble-space"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown rule `dubble-space`; did you mean `double-space`?"));

    let text = stdout(&doclint(&["explain", "structure"]));
    assert!(text.starts_with("# structure\n"));
    assert!(text.contains("- unbalanced-quote (warning): "));

    let text = stdout(&doclint(&["rules"]));
    let line = text
        .lines()
        .find(|l| l.starts_with("double-space "))
        .expect("listed");
    let columns: Vec<&str> = line.split_whitespace().take(4).collect();
    assert_eq!(
        columns,
        vec!["double-space", "whitespace", "warning", "always"]
    );

    let output = doclint(&["completions", "bash"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("--select"));
}

#[test]
fn pre_commit_hook_is_declared() {
    let hooks = std::fs::read_to_string(repo().join(".pre-commit-hooks.yaml")).expect("hooks file");
    assert!(hooks.contains("id: doclint"));
    assert!(hooks.contains("entry: doclint check --force-exclude"));
}
