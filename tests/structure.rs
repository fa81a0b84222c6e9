//! End-to-end: the structure and language rules (duplicate-header,
//! duplicate-paragraph, duplicate-sentence, merged-dateline,
//! unbalanced-quote, mixed-quotes, lowercase-sentence-start,
//! capital-after-comma, untranslated-text, fullwidth-punctuation,
//! mojibake) on the seed documents in `corpus/`.

use std::path::{Path, PathBuf};
use std::process::Command;

const RULES: &[&str] = &[
    "duplicate-header",
    "duplicate-paragraph",
    "duplicate-sentence",
    "merged-dateline",
    "unbalanced-quote",
    "mixed-quotes",
    "lowercase-sentence-start",
    "capital-after-comma",
    "untranslated-text",
    "fullwidth-punctuation",
    "mojibake",
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[derive(Debug)]
struct Finding {
    rule: String,
    severity: String,
    /// The file name, without the directory.
    file: String,
    start: usize,
    text: String,
}

/// This feature's findings from `doclint check --format json PATH`.
fn findings(path: &Path) -> Vec<Finding> {
    let output = Command::new(env!("CARGO_BIN_EXE_doclint"))
        .current_dir(repo())
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .expect("doclint runs");
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json output");
    let list = value["diagnostics"].as_array().expect("diagnostics array");
    list.iter()
        .filter(|d| RULES.contains(&d["rule"].as_str().unwrap_or_default()))
        .map(|d| {
            let file = repo().join(d["path"].as_str().expect("path"));
            let bytes = std::fs::read(&file).expect("checked file");
            let start = d["span"]["start"].as_u64().expect("start") as usize;
            let end = d["span"]["end"].as_u64().expect("end") as usize;
            Finding {
                rule: d["rule"].as_str().unwrap_or_default().to_owned(),
                severity: d["severity"].as_str().unwrap_or_default().to_owned(),
                file: file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                start,
                text: String::from_utf8_lossy(&bytes[start..end]).into_owned(),
            }
        })
        .collect()
}

fn corpus_text(name: &str) -> String {
    std::fs::read_to_string(repo().join("corpus").join(name)).expect("corpus file")
}

fn has(list: &[Finding], rule: &str, file_prefix: &str, text: &str) -> bool {
    list.iter()
        .any(|f| f.rule == rule && f.file.starts_with(file_prefix) && f.text == text)
}

#[test]
fn corpus_defects_are_reported() {
    let list = findings(Path::new("corpus/"));

    assert!(
        has(&list, "duplicate-header", "002_", "  DALIAN CHINA"),
        "DALIAN CHINA  DALIAN CHINA: {list:#?}"
    );
    assert!(
        has(&list, "merged-dateline", "003_", "date 2023-02-12"),
        "the dateline of the democratic-life-meeting document: {list:#?}"
    );

    let text = corpus_text("003_b8ac175d91083a77.txt");
    let stray = text.find("” The strategy").expect("stray mark in 003");
    assert!(
        list.iter().any(|f| f.rule == "unbalanced-quote"
            && f.file.starts_with("003_")
            && f.start == stray
            && f.severity == "warning"),
        "the stray ” before The strategy: {list:#?}"
    );

    assert!(
        list.iter()
            .any(|f| f.rule == "mixed-quotes" && f.file.starts_with("001_")),
        "straight/curly mix in the enlarged-meeting document: {list:#?}"
    );

    let intended = text.find("comparison. intended").expect("present") + "comparison. ".len();
    let work = text.find("rectification. work").expect("present") + "rectification. ".len();
    for (offset, word) in [(intended, "intended"), (work, "work")] {
        assert!(
            list.iter().any(|f| f.rule == "lowercase-sentence-start"
                && f.file.starts_with("003_")
                && f.start == offset
                && f.text == word),
            "{word}: {list:#?}"
        );
    }

    let capitals: Vec<&str> = list
        .iter()
        .filter(|f| f.rule == "capital-after-comma")
        .map(|f| f.text.as_str())
        .collect();
    assert!(
        ["Adhere", "Closely", "Strengthen"]
            .iter()
            .any(|w| capitals.contains(w)),
        "a capital-after-comma case: {capitals:?}"
    );
}

#[test]
fn correctly_paired_quotes_are_not_reported() {
    let list = findings(Path::new("corpus/"));
    // The only quotation mark warning in the corpus is the stray ”; nested
    // double quotes are info.
    let warnings: Vec<&Finding> = list
        .iter()
        .filter(|f| f.rule == "unbalanced-quote" && f.severity == "warning")
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0].text, "”");

    let text = corpus_text("003_b8ac175d91083a77.txt");
    let open = text.find("‘two establishments’").expect("present");
    let close = open + "‘two establishments".len();
    for mark in [open, close] {
        assert!(
            !list.iter().any(|f| f.file.starts_with("003_")
                && f.rule == "unbalanced-quote"
                && f.start == mark),
            "‘two establishments’ is correctly paired: {list:#?}"
        );
    }
    // Every other mark of 003 pairs: no finding on any curly mark except the
    // stray one and the openers of the nested double quotations.
    for f in list.iter().filter(|f| f.rule == "unbalanced-quote") {
        assert!(
            f.start == warnings[0].start || (f.severity == "info" && f.text == "“"),
            "{f:?}"
        );
    }
}

#[test]
fn corpus_has_no_foreign_text_encoding_errors_or_repeats() {
    let list = findings(Path::new("corpus/"));
    for rule in [
        "untranslated-text",
        "fullwidth-punctuation",
        "mojibake",
        "duplicate-paragraph",
        "duplicate-sentence",
    ] {
        let found: Vec<&Finding> = list.iter().filter(|f| f.rule == rule).collect();
        assert!(found.is_empty(), "{rule}: {found:#?}");
    }
}

#[test]
fn clean_fixture_is_quiet() {
    let list = findings(Path::new("tests/fixtures/clean.txt"));
    assert!(list.is_empty(), "{list:#?}");
}

#[test]
fn chinese_word_in_parentheses_is_one_finding() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("quoted.txt");
    std::fs::write(
        &path,
        "Municipal Meeting Held\n\n\
         On April 10, the theoretical study center group of the municipal party committee \
         （市委，理论学习） held a special study meeting. It was chaired by the secretary，and \
         Xi Jinpingâ€™s instructions were studied.\n",
    )
    .expect("write");
    let list = findings(&path);
    let rules: Vec<(&str, &str)> = list
        .iter()
        .map(|f| (f.rule.as_str(), f.text.as_str()))
        .collect();
    assert_eq!(
        rules,
        vec![
            ("untranslated-text", "（市委，理论学习）"),
            ("fullwidth-punctuation", "，"),
            ("mojibake", "â€™"),
        ]
    );
}
