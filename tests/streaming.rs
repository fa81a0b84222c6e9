//! The check pipeline streams files to the printer in input order, a window
//! at a time; corpus-level findings, unused suppressions, baselines and
//! totals still cover the whole run. These tests use more files than the
//! window, put the whole-run findings in the first files (printed before the
//! last files are checked) and compare thread counts.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// More than the pipeline's window of files in flight.
const FILLER_FILES: usize = 150;

const MAJORITY: &str = "City Government Holds Study Meeting\n\n\
    Yesterday, the municipal government held a study meeting. Tan Chengxu, \
    the mayor, presided over the meeting and delivered a speech.\n\n\
    Tan Chengxu stressed that the city should solve the reasonable demands \
    of the masses in a timely manner.\n";

/// The first file: the minority spelling of a name (a corpus-level finding
/// decided from every file), a double space, and a suppression that
/// suppresses nothing.
const FIRST: &str = "# Conference on Rural Revitalization\n\n\
    The municipal conference was held on Friday. Tan Chenxu attended the \
    conference and made a  speech.\n\n\
    <!-- doclint-disable-next-line double-space -->\n\
    Nothing to suppress here.\n";

/// The second file: the same minority spelling, silenced by a suppression
/// comment, which is therefore used.
const SECOND: &str = "# Visit\n\n\
    <!-- doclint-disable inconsistent-name -->\n\
    On Monday, Tan Chenxu inspected the port area.\n";

fn doclint_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_doclint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CI")
        .output()
        .expect("doclint runs")
}

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).expect("docs");
    std::fs::write(docs.join("000_first.md"), FIRST).expect("write");
    std::fs::write(docs.join("001_second.md"), SECOND).expect("write");
    for i in 0..FILLER_FILES {
        // Every tenth filler file has a problem of its own.
        let text = if i % 10 == 0 {
            MAJORITY.replace("the mayor", "the  mayor")
        } else {
            MAJORITY.to_owned()
        };
        std::fs::write(docs.join(format!("{:03}_filler.txt", i + 2)), text).expect("write");
    }
    dir
}

fn run(dir: &Path, threads: &str, args: &[&str]) -> (String, i32) {
    let mut all = vec!["check", "--threads", threads];
    all.extend_from_slice(args);
    all.push("docs");
    let output = doclint_in(dir, &all);
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    (stdout, output.status.code().expect("exit code"))
}

fn json(dir: &Path, threads: &str, args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let (stdout, _) = run(dir, threads, &all);
    serde_json::from_str(&stdout).expect("one JSON object")
}

fn list(value: &Value) -> &Vec<Value> {
    value["diagnostics"].as_array().expect("diagnostics")
}

fn in_file<'a>(value: &'a Value, name: &str) -> Vec<&'a Value> {
    list(value)
        .iter()
        .filter(|d| d["path"].as_str().is_some_and(|p| p.ends_with(name)))
        .collect()
}

#[test]
fn whole_run_findings_land_in_early_files_in_order() {
    let dir = corpus();
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let (stdout, code) = run(dir.path(), threads, &["--format", "json"]);
        assert_eq!(code, 1);
        outputs.push(stdout);
    }
    assert_eq!(outputs[0], outputs[1], "the same report on 1 and 2 threads");
    let value: Value = serde_json::from_str(&outputs[0]).expect("json");

    // Files in input order, each file's findings by position.
    let order: Vec<(String, u64)> = list(&value)
        .iter()
        .map(|d| {
            (
                d["path"].as_str().expect("path").to_owned(),
                d["span"]["start"].as_u64().expect("start"),
            )
        })
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);

    // The corpus-level finding of the first file, found from all of them,
    // between that file's own findings, with a label in another file.
    let first: Vec<&str> = in_file(&value, "000_first.md")
        .iter()
        .map(|d| d["rule"].as_str().expect("rule"))
        .collect();
    assert_eq!(
        first,
        vec!["inconsistent-name", "double-space", "unused-suppression"],
        "{value:#}"
    );
    let name = &in_file(&value, "000_first.md")[0];
    assert!(name["message"]
        .as_str()
        .is_some_and(|m| m.contains("Tan Chenxu")));
    assert!(name["labels"][0]["path"]
        .as_str()
        .is_some_and(|p| p.ends_with("_filler.txt")));

    // Silenced in the second file, so its suppression counts as used.
    assert_eq!(in_file(&value, "001_second.md").len(), 0, "{value:#}");

    // Every tenth filler file has its double space.
    let fillers = list(&value)
        .iter()
        .filter(|d| {
            d["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("_filler.txt"))
        })
        .count();
    assert_eq!(fillers, FILLER_FILES / 10);

    let summary = &value["summary"];
    assert_eq!(summary["files"], FILLER_FILES + 2);
    assert_eq!(
        summary["diagnostics"].as_u64(),
        Some(list(&value).len() as u64)
    );
}

#[test]
fn every_format_reports_the_whole_run() {
    let dir = corpus();
    let value = json(dir.path(), "2", &[]);
    let total = list(&value).len();
    let rules: Vec<&str> = list(&value)
        .iter()
        .map(|d| d["rule"].as_str().expect("rule"))
        .collect();

    let (sarif, _) = run(dir.path(), "2", &["--format", "sarif"]);
    let sarif: Value = serde_json::from_str(&sarif).expect("sarif");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let sarif_rules: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().expect("ruleId"))
        .collect();
    assert_eq!(sarif_rules, rules, "same results, same order");
    assert_eq!(
        sarif["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );

    let (concise, _) = run(dir.path(), "2", &["--format", "concise"]);
    assert_eq!(concise.lines().count(), total + 1);
    assert!(concise
        .lines()
        .last()
        .is_some_and(|l| l.starts_with(&format!("Found {total} problems"))));

    let (human, _) = run(dir.path(), "1", &[]);
    assert!(human.contains("Tan Chenxu"));
    assert!(human.trim_end().ends_with(&format!(
        "in {} of {} files.",
        1 + FILLER_FILES / 10,
        FILLER_FILES + 2
    )));

    let (github, _) = run(dir.path(), "2", &["--format", "github"]);
    assert_eq!(github.lines().count(), total);

    let stats = json(dir.path(), "2", &["--statistics"]);
    let counted: u64 = stats
        .as_array()
        .expect("counts")
        .iter()
        .map(|c| c["count"].as_u64().expect("count"))
        .sum();
    assert_eq!(counted, total as u64);

    // JUnit's counts come before the test cases they count.
    let (junit, _) = run(dir.path(), "2", &["--format", "junit"]);
    let head = junit.lines().nth(1).expect("testsuites line");
    assert!(
        head.contains(&format!("tests=\"{}\"", FILLER_FILES + 2))
            && head.contains(&format!("failures=\"{}\"", 1 + FILLER_FILES / 10)),
        "{head}"
    );
    assert_eq!(junit.matches("<testcase ").count(), FILLER_FILES + 2);
    assert!(junit.trim_end().ends_with("</testsuites>"));
}

#[test]
fn baseline_filters_streamed_files() {
    let dir = corpus();
    let (_, code) = run(dir.path(), "2", &["--write-baseline", "baseline.json"]);
    assert_eq!(code, 0);
    // One problem fixed in the first file, one new in a late one.
    let docs = dir.path().join("docs");
    std::fs::write(
        docs.join("000_first.md"),
        FIRST.replace("a  speech", "a speech"),
    )
    .expect("write");
    std::fs::write(
        docs.join("140_filler.txt"),
        MAJORITY.replace("the city", "the  city"),
    )
    .expect("write");
    let mut reports = Vec::new();
    for threads in ["1", "2"] {
        let value = json(dir.path(), threads, &["--baseline", "baseline.json"]);
        let found: Vec<(String, String)> = list(&value)
            .iter()
            .map(|d| {
                let path = d["path"].as_str().expect("path");
                let name = path.rsplit('/').next().unwrap_or(path).to_owned();
                (name, d["rule"].as_str().expect("rule").to_owned())
            })
            .collect();
        assert_eq!(
            found,
            vec![
                ("000_first.md".to_owned(), "stale-baseline-entry".to_owned()),
                ("140_filler.txt".to_owned(), "double-space".to_owned()),
            ],
            "{value:#}"
        );
        reports.push(value);
    }
    assert_eq!(reports[0], reports[1]);
}

#[test]
fn a_report_file_among_the_inputs_is_refused_not_replaced() {
    // A report written over a checked document would destroy it, and a
    // report file left in the tree cannot be told from a document: both are
    // refused (tests/hostile.rs has the document case).
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.txt"), "The mayor  spoke.\n").expect("write");
    std::fs::write(dir.path().join("report.txt"), "an earlier report\n").expect("write");
    let report = [
        "check",
        "--format",
        "concise",
        "--output-file",
        "report.txt",
        ".",
    ];
    let output = doclint_in(dir.path(), &report);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("refusing to overwrite"), "{stderr}");
    let kept = std::fs::read_to_string(dir.path().join("report.txt")).expect("report");
    assert_eq!(kept, "an earlier report\n");
    // Outside the checked tree it is written.
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let out = elsewhere.path().join("out.txt");
    let out_arg = out.to_str().expect("utf-8 path");
    let output = doclint_in(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--output-file",
            out_arg,
            ".",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let written = std::fs::read_to_string(&out).expect("report");
    assert!(written.contains("a.txt:1:"), "{written}");
}
