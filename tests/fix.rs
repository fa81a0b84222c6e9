//! End-to-end tests of `doclint check --diff` and `--fix`: on a copy of the
//! corpus and on files built to test each promise of the writer.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn doclint_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_doclint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("doclint runs")
}

fn doclint_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_doclint"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("doclint starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("doclint runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A temporary copy of `corpus/`; the directory is `<tmp>/corpus`.
fn corpus_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("corpus")).expect("mkdir");
    for entry in std::fs::read_dir(repo().join("corpus")).expect("corpus") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("name");
        std::fs::copy(&path, dir.path().join("corpus").join(name)).expect("copy");
    }
    dir
}

/// Every file of a directory with its bytes, sorted by name.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|entry| {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(&path).expect("read"))
        })
        .collect();
    files.sort();
    files
}

/// The text without white space, with quotation marks folded to one form:
/// safe fixes may only change white space and the style of quotation marks
/// (`mixed-quotes` converts the minority style).
fn visible(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            !c.is_whitespace() && !matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
        })
        .map(|c| match c {
            '“' | '”' => '"',
            '‘' | '’' => '\'',
            other => other,
        })
        .collect()
}

#[test]
fn corpus_diff_then_fix_then_nothing_left() {
    let dir = corpus_copy();
    let before = snapshot(&dir.path().join("corpus"));

    // --diff shows the fixes and writes nothing.
    let diff = doclint_in(
        dir.path(),
        &["check", "--diff", "--color", "never", "corpus"],
    );
    assert_eq!(
        diff.status.code(),
        Some(1),
        "a diff means exit 1: {}",
        text(&diff.stderr)
    );
    let shown = text(&diff.stdout);
    for (name, _) in &before {
        assert!(
            shown.contains(&format!("--- a/corpus/{name}\n+++ b/corpus/{name}\n")),
            "{name}"
        );
    }
    assert!(
        shown.contains("-DALIAN CHINA  DALIAN CHINA\n+DALIAN CHINA\n"),
        "{shown}"
    );
    assert!(shown.contains("\n@@ -"), "hunk headers");
    assert_eq!(
        snapshot(&dir.path().join("corpus")),
        before,
        "--diff changed nothing on disk"
    );
    let would = text(&diff.stderr);
    assert!(would.starts_with("Would fix "), "{would}");

    // --fix applies them: the diff was exactly what --fix does.
    let fix = doclint_in(
        dir.path(),
        &["check", "--fix", "--color", "never", "corpus"],
    );
    assert_ne!(fix.status.code(), Some(2), "{}", text(&fix.stderr));
    let report = text(&fix.stdout);
    let summary = report.lines().last().expect("summary line");
    assert!(
        summary.starts_with("Fixed ") && summary.contains(" problems in 5 files; "),
        "{summary}"
    );
    let after = snapshot(&dir.path().join("corpus"));
    assert_ne!(after, before);
    let reapplied = apply_diff_by_hand(&before, &shown);
    assert_eq!(reapplied, after, "the files hold what --diff showed");

    // A second --fix changes nothing.
    let again = doclint_in(
        dir.path(),
        &["check", "--fix", "--color", "never", "corpus"],
    );
    assert!(
        text(&again.stdout).contains("Fixed 0 problems in 0 files; "),
        "{}",
        text(&again.stdout)
    );
    assert_eq!(snapshot(&dir.path().join("corpus")), after);
    let diff = doclint_in(dir.path(), &["check", "--diff", "corpus"]);
    assert_eq!(diff.status.code(), Some(0));
    assert!(diff.stdout.is_empty());

    // Nothing safe-fixable is reported any more.
    let check = doclint_in(dir.path(), &["check", "--format", "json", "corpus"]);
    let value: serde_json::Value = serde_json::from_slice(&check.stdout).expect("json");
    let list = value["diagnostics"].as_array().expect("diagnostics");
    assert!(
        !list.iter().any(|d| d["fix"]["applicability"] == "safe"),
        "safe fixes left: {list:#?}"
    );
    assert_eq!(value["summary"]["fixable"], 0);

    // Apart from white space and quotation-mark style, safe fixes never add
    // or change a letter or a mark: they can only remove a duplicated header.
    // Documents without a duplicate are byte-identical in what is visible.
    for ((name, old), (_, new)) in before.iter().zip(&after) {
        let (old, new) = (text(old), text(new));
        let (old_visible, new_visible) = (visible(&old), visible(&new));
        let mut rest = old_visible.chars();
        assert!(
            new_visible.chars().all(|c| rest.any(|o| o == c)),
            "{name}: safe fixes only removed text"
        );
        if !old.starts_with("DALIAN CHINA  DALIAN CHINA") {
            assert_eq!(old_visible, new_visible, "{name}: only white space changed");
        } else {
            assert_eq!(
                old_visible.replacen("DALIANCHINADALIANCHINA", "DALIANCHINA", 1),
                new_visible,
                "{name}: only the duplicated header and white space changed"
            );
        }
        assert!(new.len() < old.len(), "{name} was fixed");
    }
}

/// Applies a unified diff (as `--diff` prints it) to the files it names:
/// proof that the diff is complete and well-formed.
fn apply_diff_by_hand(before: &[(String, Vec<u8>)], diff: &str) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = before.to_vec();
    let mut sections = diff.split("--- a/corpus/").skip(1);
    for section in sections.by_ref() {
        let name = section.lines().next().expect("name").to_owned();
        let (_, old) = before.iter().find(|(n, _)| *n == name).expect("named file");
        let old = text(old);
        let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
        let mut new = String::new();
        let mut next_old = 0;
        let mut lines = section.split_inclusive('\n').skip(2).peekable();
        while let Some(line) = lines.next() {
            if let Some(header) = line.strip_prefix("@@ -") {
                let start: usize = header
                    .split([',', ' '])
                    .next()
                    .and_then(|n| n.parse().ok())
                    .expect("hunk start");
                let start = start.saturating_sub(1).max(next_old);
                new.extend(old_lines[next_old..start].iter().copied());
                next_old = start;
                continue;
            }
            let no_newline = lines.peek().is_some_and(|l| l.starts_with("\\ No newline"));
            let body = if no_newline {
                line.strip_suffix('\n').unwrap_or(line)
            } else {
                line
            };
            match body.chars().next() {
                Some(' ') => {
                    new.push_str(&body[1..]);
                    next_old += 1;
                }
                Some('-') => next_old += 1,
                Some('+') => new.push_str(&body[1..]),
                _ => {}
            }
            if no_newline {
                lines.next();
            }
        }
        new.extend(old_lines[next_old..].iter().copied());
        let slot = files.iter_mut().find(|(n, _)| *n == name).expect("slot");
        slot.1 = new.into_bytes();
    }
    files
}

#[test]
fn crlf_bom_and_line_breaks_are_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bom.txt");
    std::fs::write(
        &path,
        "\u{feff}Annual  Report\u{a0}\r\n\r\n\r\n\r\nThe meeting\u{a0} ended .\r\nIt was short.",
    )
    .expect("write");
    let out = doclint_in(dir.path(), &["check", "--fix", "bom.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read(&path).expect("read"),
        "\u{feff}Annual Report\r\n\r\nThe meeting ended.\r\nIt was short.".as_bytes()
    );
}

#[cfg(unix)]
#[test]
fn permissions_kept_and_file_replaced_atomically() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().expect("tempdir");
    let dirty = dir.path().join("dirty.txt");
    let clean = dir.path().join("clean.txt");
    std::fs::write(&dirty, "The  meeting ended.\n").expect("write");
    std::fs::write(&clean, "The meeting ended.\n").expect("write");
    std::fs::set_permissions(&dirty, std::fs::Permissions::from_mode(0o604)).expect("chmod");
    let inode = |p: &Path| std::fs::metadata(p).expect("meta").ino();
    let (dirty_inode, clean_inode) = (inode(&dirty), inode(&clean));

    let out = doclint_in(dir.path(), &["check", "--fix", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read(&dirty).expect("read"),
        b"The meeting ended.\n"
    );
    let mode = std::fs::metadata(&dirty)
        .expect("meta")
        .permissions()
        .mode()
        & 0o7777;
    assert_eq!(mode, 0o604, "permissions kept");
    assert_ne!(
        inode(&dirty),
        dirty_inode,
        "replaced by rename, not rewritten in place"
    );
    assert_eq!(
        inode(&clean),
        clean_inode,
        "an unchanged file is not rewritten"
    );
    let names: Vec<String> = snapshot(dir.path()).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        vec!["clean.txt", "dirty.txt"],
        "no temporary file left"
    );
}

#[cfg(unix)]
#[test]
fn symlinks_are_written_through() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("real")).expect("mkdir");
    let target = dir.path().join("real/doc.txt");
    std::fs::write(&target, "Two  spaces here.\n").expect("write");
    std::os::unix::fs::symlink("real/doc.txt", dir.path().join("link.txt")).expect("symlink");

    // Named through the link, and reached twice while walking: fixed once.
    for args in [
        &["check", "--fix", "link.txt"][..],
        &["check", "--fix", "."][..],
    ] {
        std::fs::write(&target, "Two  spaces here.\n").expect("reset");
        let out = doclint_in(dir.path(), args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        let link = std::fs::symlink_metadata(dir.path().join("link.txt")).expect("meta");
        assert!(link.file_type().is_symlink(), "the link is still a link");
        assert_eq!(std::fs::read(&target).expect("read"), b"Two spaces here.\n");
    }
}

#[test]
fn read_only_file_is_reported_and_left_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let locked = dir.path().join("a_locked.txt");
    let open = dir.path().join("b_open.txt");
    std::fs::write(&locked, "The  locked text.\n").expect("write");
    std::fs::write(&open, "The  open text.\n").expect("write");
    let mut permissions = std::fs::metadata(&locked).expect("meta").permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&locked, permissions).expect("chmod");

    let out = doclint_in(dir.path(), &["check", "--fix", "."]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("a_locked.txt") && stderr.contains("read-only"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(&locked).expect("read"),
        b"The  locked text.\n"
    );
    assert_eq!(
        std::fs::read(&open).expect("read"),
        b"The open text.\n",
        "others still fixed"
    );
    assert!(
        text(&out.stdout).contains("Fixed 1 problem in 1 file; "),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn stdin_round_trip() {
    let input = "Annual Report\r\n\r\n\r\nThe meeting  ended\u{a0} early .\r\nIt was held in Dalian\u{a0} \r\nand lasted two hours.\r\n";
    let out = doclint_stdin(&["check", "--fix", "-"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let fixed = "Annual Report\r\n\r\nThe meeting ended early.\r\nIt was held in Dalian\r\nand lasted two hours.\r\n";
    assert_eq!(
        text(&out.stdout),
        fixed,
        "the fixed text on stdout, exactly"
    );
    assert!(
        text(&out.stderr).contains("Fixed 5 problems in 1 file; 0 remaining"),
        "{}",
        text(&out.stderr)
    );

    // Fixing the output again is a no-op.
    let again = doclint_stdin(&["check", "--fix", "-"], fixed.as_bytes());
    assert_eq!(text(&again.stdout), fixed);

    // The name picks the format: in Markdown the backticks make code, whose
    // spaces are its own.
    let broken = b"It was held in `Dalian  port`\nand lasted two hours.\n";
    let md = doclint_stdin(
        &["check", "--fix", "--stdin-filename", "notes.md", "-"],
        broken,
    );
    assert_eq!(md.stdout, broken);
    let report = doclint_stdin(&["check", "--stdin-filename", "notes.txt", "-"], broken);
    assert_eq!(report.status.code(), Some(1));
    assert!(
        text(&report.stdout).contains("notes.txt:1:23"),
        "{}",
        text(&report.stdout)
    );

    // --diff on stdin names it too.
    let diff = doclint_stdin(
        &["check", "--diff", "--stdin-filename", "notes.txt", "-"],
        b"It ended  well.\n",
    );
    assert_eq!(diff.status.code(), Some(1));
    assert_eq!(
        text(&diff.stdout),
        "--- a/notes.txt\n+++ b/notes.txt\n@@ -1 +1 @@\n-It ended  well.\n+It ended well.\n"
    );
}

#[test]
fn missing_space_is_inserted_and_addresses_are_left_alone() {
    let input = "The city grew this year.The investment reached 1.2 billion yuan,and \
                 details are at www.gov.cn in report.pdf, as follows:the plan.\n";
    let out = doclint_stdin(&["check", "--fix", "-"], input.as_bytes());
    assert_eq!(
        text(&out.stdout),
        "The city grew this year. The investment reached 1.2 billion yuan, and \
         details are at www.gov.cn in report.pdf, as follows: the plan.\n"
    );
    assert!(
        text(&out.stderr).contains("Fixed 3 problems in 1 file; 0 remaining"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn spaces_inside_brackets_are_removed_and_apostrophes_left_alone() {
    let input = "The Conference ( CPPCC ) upholds the \u{201c} people-centred \u{201d} idea, \
                 the workers\u{2019} union of the \u{2019}90s and a task box [ ].\n";
    let out = doclint_stdin(&["check", "--fix", "-"], input.as_bytes());
    assert_eq!(
        text(&out.stdout),
        "The Conference (CPPCC) upholds the \u{201c}people-centred\u{201d} idea, \
         the workers\u{2019} union of the \u{2019}90s and a task box [ ].\n"
    );
    assert!(
        text(&out.stderr).contains("Fixed 4 problems in 1 file; 0 remaining"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn stdin_that_cannot_be_checked_passes_through_unchanged() {
    let input = b"Bad \xC3\x28 byte  here.\n";
    let out = doclint_stdin(&["check", "--fix", "-"], input);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(out.stdout, input, "not a byte lost");
    assert!(
        text(&out.stderr).contains("byte offset 4"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn fix_with_json_reports_what_remains_in_the_fixed_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.txt"), "Two  spaces here.\n").expect("write");
    let out = doclint_in(dir.path(), &["check", "--fix", "--format", "json", "a.txt"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(value["summary"]["diagnostics"], 0);
    assert!(text(&out.stderr).contains("Fixed 1 problem in 1 file; 0 remaining"));
}

#[test]
fn usage_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let both = doclint_in(dir.path(), &["check", "--fix", "--diff", "."]);
    assert_eq!(both.status.code(), Some(2));
    let name_only = doclint_in(dir.path(), &["check", "--stdin-filename", "x.md", "."]);
    assert_eq!(name_only.status.code(), Some(2));
    assert!(text(&name_only.stderr).contains("needs `-`"));
}
