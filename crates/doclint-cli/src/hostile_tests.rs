//! Races with the file system that an end-to-end test cannot stage: the
//! pipeline functions are driven directly.

use std::fs;

use doclint_rules::{registry, Linter, Settings};

use crate::config::Config;
use crate::gate::Gate;
use crate::run::{check_one, check_stream, corpus_findings, FileOutcome, RunOptions};
use crate::walk::collect_filtered_files;

#[test]
fn a_file_deleted_between_walking_and_reading() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let defect = "The mayor  opened the meeting.\n";
    for name in ["a.txt", "b.txt", "c.txt"] {
        fs::write(dir.path().join(name), defect).expect("write");
    }
    let mut errors = Vec::new();
    let filter = Config::defaults(dir.path()).files;
    let paths = collect_filtered_files(&[dir.path().to_path_buf()], &filter, false, &mut errors);
    assert!(errors.is_empty());
    assert_eq!(paths.len(), 3, "walked before the deletion");
    fs::remove_file(dir.path().join("b.txt")).expect("delete");

    let linter = Linter::new(registry::builtin_rules(), Settings::default());
    let gate = Gate::default();
    let files: Vec<_> = check_stream(&linter, &paths, &RunOptions::new(&gate), |files| {
        files.collect()
    });
    assert_eq!(files.len(), 3);
    for file in &files {
        let name = file.path.file_name().and_then(|n| n.to_str());
        match (name, &file.outcome) {
            (Some("b.txt"), FileOutcome::Failed { message }) => {
                assert_eq!(message, "no such file or directory");
            }
            (Some("a.txt" | "c.txt"), FileOutcome::Checked { diagnostics, .. }) => {
                assert_eq!(diagnostics.len(), 1, "the other files are still checked");
            }
            (name, outcome) => panic!("unexpected outcome for {name:?}: {outcome:?}"),
        }
    }
}

#[test]
fn a_file_changed_after_the_first_pass_is_reported_as_it_was_read() {
    // Corpus-level findings carry spans into the text the first pass read;
    // the merge uses that text (kept or spilled), never the file again, so
    // a file that changes in between cannot misplace them.
    let dir = tempfile::tempdir().expect("temporary directory");
    let first = dir.path().join("first.txt");
    let second = dir.path().join("second.txt");
    // "pro cess" is a split word because the other file writes "process".
    fs::write(&first, "Then the pro cess sped up.\n").expect("write");
    let evidence = "The minister spoke first.\nThe process was slow.\nThe mayor  spoke.\n";
    fs::write(&second, evidence).expect("write");
    let paths = vec![first.clone(), second.clone()];
    let linter = Linter::new(registry::builtin_rules(), Settings::default());
    let gate = Gate::default();
    for budget in [0, crate::run::KEPT_TEXT_BUDGET] {
        let options = RunOptions {
            kept_text_budget: budget,
            ..RunOptions::new(&gate)
        };
        let passes = corpus_findings(&linter, &paths, &options);
        let mut scratch = Vec::new();
        fs::write(&second, "The minister spoke.\n").expect("rewrite");
        fs::write(&first, "").expect("rewrite");
        let rules = |id: usize, path: &std::path::Path, scratch: &mut Vec<_>| match check_one(
            &linter,
            path,
            Some(&passes),
            id,
            &options,
            scratch,
        )
        .outcome
        {
            FileOutcome::Checked { diagnostics, .. } => diagnostics
                .iter()
                .map(|d| (d.diagnostic.rule.to_string(), d.location.start.line))
                .collect::<Vec<_>>(),
            outcome => panic!("expected a check, got {outcome:?}"),
        };
        assert_eq!(
            rules(1, &second, &mut scratch),
            [("double-space".to_owned(), 3)],
            "budget {budget}"
        );
        assert_eq!(
            rules(0, &first, &mut scratch),
            [("split-word".to_owned(), 1)],
            "budget {budget}"
        );
        fs::write(&first, "Then the pro cess sped up.\n").expect("write");
        fs::write(&second, evidence).expect("write");
    }
}

#[test]
fn a_plain_check_reads_each_file_once_with_corpus_rules_on() {
    let dir = tempfile::tempdir().expect("temporary directory");
    // "pro cess" is a split word because another file writes "process":
    // a corpus-level finding, merged into the file read once.
    let texts = [
        ("a.txt", "Then the pro cess sped up.\n"),
        ("b.txt", "The process was slow.\nThe mayor  spoke.\n"),
        ("c.txt", "Nothing here matters.\n"),
    ];
    for (name, text) in texts {
        fs::write(dir.path().join(name), text).expect("write");
    }
    let paths: Vec<_> = texts
        .iter()
        .map(|(name, _)| dir.path().join(name))
        .collect();
    let linter = Linter::new(registry::builtin_rules(), Settings::default());
    assert!(linter.has_corpus_rules());
    let gate = Gate::default();
    let count = |budget: usize| {
        let reads = std::sync::atomic::AtomicUsize::new(0);
        let options = RunOptions {
            kept_text_budget: budget,
            reads: Some(&reads),
            ..RunOptions::new(&gate)
        };
        let files: Vec<Vec<String>> = check_stream(&linter, &paths, &options, |files| {
            files
                .map(|file| {
                    file.diagnostics()
                        .iter()
                        .map(|d| d.diagnostic.rule.to_string())
                        .collect()
                })
                .collect()
        });
        (reads.into_inner(), files)
    };
    let (once, findings) = count(crate::run::KEPT_TEXT_BUDGET);
    assert_eq!(once, 3, "one read per file");
    assert_eq!(findings, [vec!["split-word"], vec!["double-space"], vec![]]);
    // Past the text budget a file is spilled, not read again, with the
    // same findings.
    assert_eq!(count(0), (3, findings));
}
