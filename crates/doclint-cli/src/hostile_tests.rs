//! Races with the file system that an end-to-end test cannot stage: the
//! pipeline functions are driven directly.

use std::fs;

use doclint_rules::{registry, Linter, Settings};

use crate::config::Config;
use crate::run::{check_files, FileOutcome};
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
    let files = check_files(&linter, paths, false);
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
