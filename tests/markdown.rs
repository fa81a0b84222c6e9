//! End-to-end tests on real-looking Markdown: a README with every kind of
//! non-prose text (front matter, indented and fenced code, inline code,
//! badges, inline, reference and intra-doc links, HTML, entities, escapes,
//! tables, footnotes, task lists, quotes) is quiet there, and `--fix`
//! leaves those bytes as they are while fixing the real defects of its
//! prose.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

fn readme() -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/markdown/README.md")).expect("fixture")
}

/// The README in a temporary directory.
fn readme_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("README.md"), readme()).expect("write");
    dir
}

/// The real defects of the README's prose: (line, the text around them).
const DEFECTS: &[(usize, &str)] = &[
    (14, "`fastmap`  crate"),
    (16, "real  double"),
    (35, "insert  (or"),
    (38, "`Map::get`  returns"),
    (58, "the  capacity"),
];

#[test]
fn only_the_prose_defects_are_found() {
    let dir = readme_copy();
    let out = doclint_in(dir.path(), &["check", "--format", "json", "README.md"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let found: Vec<(String, u64)> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or_default().to_owned(),
                d["span"]["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    let expected: Vec<(String, u64)> = DEFECTS
        .iter()
        .map(|&(line, _)| ("double-space".to_owned(), line as u64))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn fix_changes_only_the_prose_defects() {
    let original = readme();
    let mut expected = original.clone();
    for &(line, around) in DEFECTS {
        let at = expected.find(around).expect("defect present");
        assert_eq!(expected[..at].matches('\n').count() + 1, line, "{around}");
        expected.replace_range(at..at + around.len(), &around.replacen("  ", " ", 1));
    }
    for args in [
        &["check", "--fix", "README.md"][..],
        &["check", "--fix", "--unsafe-fixes", "README.md"][..],
    ] {
        let dir = readme_copy();
        let out = doclint_in(dir.path(), args);
        assert_ne!(
            out.status.code(),
            Some(2),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let fixed = std::fs::read_to_string(dir.path().join("README.md")).expect("read");
        // The non-prose stretches, spelled out so that a failure names them.
        for kept in [
            "title:  \"fastmap  README\"\ntags: [maps,  hashing]\n",
            "fastmap  =  \"1.0\"   \n",
            "    let  m  =  Map::new();   \n    m.insert(\"key\",  1);\n",
            "[![docs.rs](https://docs.rs/fastmap/badge.svg)][docs]  [![CI]",
            "(https://docs.rs/fastmap/latest/fastmap/struct.Map.html \"API  docs\")",
            "2.  then",
            "-   [x] done",
            ">   The map",
            "| `get`     | O(1)   | average  case    |\n",
            "<img src=\"logo.png\"  alt=\"fastmap  logo\">\n  <p>Made  with  care</p>",
            "Escaped \\[brackets\\] and \\(parentheses)",
            "[docs]: https://docs.rs/fastmap  \"docs  link\"\n",
        ] {
            assert!(fixed.contains(kept), "{args:?} changed {kept:?}");
        }
        assert_eq!(fixed, expected, "{args:?}");
        // Fixed text has nothing left to fix.
        let again = doclint_in(dir.path(), &["check", "--format", "json", "README.md"]);
        assert_eq!(
            again.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&again.stdout)
        );
    }
}

/// `doclint check` with `flags` on `text` as a Markdown file, which must
/// not fail (exit 2); the file's text afterwards.
#[track_caller]
fn fixed_markdown(text: &str, flags: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("t.md"), text).expect("write");
    let args: Vec<&str> = ["check"]
        .iter()
        .chain(flags)
        .chain(&["t.md"])
        .copied()
        .collect();
    let out = doclint_in(dir.path(), &args);
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(dir.path().join("t.md")).expect("read")
}

#[test]
fn a_split_word_in_a_list_item_is_still_found_and_fixed() {
    // The code span holds a split word too (another one: a word the
    // document writes as code is an identifier, not a slip).
    let text = "# Notes\n\n-   Keep the `parl iament` code.\n-   Ask the gov ernment first.\n";
    let fixed = fixed_markdown(text, &["--fix"]);
    assert_eq!(
        fixed,
        "# Notes\n\n-   Keep the `parl iament` code.\n-   Ask the government first.\n"
    );
}

#[test]
fn trailing_white_space_after_markup_is_fixed_and_hard_breaks_are_kept() {
    // A pasted no-break space after markup is removed; ordinary trailing
    // spaces render as nothing in Markdown and hard breaks are markup:
    // both are left as written.
    let text = "See the [guide](./GUIDE.md)\u{a0}\nand the `API`.  \nA hard break   \nhere.\n\n| a | b |   \n|---|---|\n";
    let fixed = fixed_markdown(text, &["--fix"]);
    assert_eq!(
        fixed,
        "See the [guide](./GUIDE.md)\nand the `API`.  \nA hard break   \nhere.\n\n| a | b |   \n|---|---|\n"
    );
}

#[test]
fn a_fix_never_cuts_a_link_in_two() {
    // repeated-word would delete "\n[the": the link's bracket with it.
    let text = "It is similar in severity to the\n[the Heartbleed bug](http://heartbleed.com/).\n\n> Parse [Parse ANSI Style Escapes](https://vt100.net/)\n";
    let fixed = fixed_markdown(text, &["--fix", "--unsafe-fixes"]);
    assert!(
        fixed.contains("[the Heartbleed bug](http://heartbleed.com/)"),
        "{fixed}"
    );
    assert!(
        fixed.contains("[Parse ANSI Style Escapes](https://vt100.net/)"),
        "{fixed}"
    );
}

/// The prose line every `--fix` safety document carries: a repeated word,
/// a double space and a space before a full stop, all fixable.
const PROSE_DEFECTS: &str = "Then the the value  is set .";
const PROSE_FIXED: &str = "Then the value is set.";

/// Runs `--fix --unsafe-fixes` on `text` (which holds [`PROSE_DEFECTS`]
/// once, as prose) and checks that the prose was fixed, so the rules did
/// run, and that every stretch in `kept` (code or markup carrying the same
/// defects) is byte for byte as it was.
#[track_caller]
fn assert_fix_keeps(text: &str, kept: &[&str]) {
    assert_eq!(text.matches(PROSE_DEFECTS).count(), 1, "one prose copy");
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("t.md"), text).expect("write");
    let out = doclint_in(dir.path(), &["check", "--fix", "--unsafe-fixes", "t.md"]);
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fixed = std::fs::read_to_string(dir.path().join("t.md")).expect("read");
    assert!(fixed.contains(PROSE_FIXED), "prose not fixed:\n{fixed}");
    assert!(!fixed.contains(PROSE_DEFECTS), "prose not fixed:\n{fixed}");
    for stretch in kept {
        assert!(text.contains(stretch), "test text holds {stretch:?}");
        assert!(
            fixed.contains(stretch),
            "--fix changed {stretch:?}:\n{fixed}"
        );
    }
    assert_eq!(
        fixed,
        text.replacen(PROSE_DEFECTS, PROSE_FIXED, 1),
        "only the prose changed"
    );
}

#[test]
fn fix_leaves_indented_code_alone() {
    let code = "    let x = the the value  is set ;   \n    call ( x ) ,and  more\n";
    assert_fix_keeps(&format!("{PROSE_DEFECTS}\n\n{code}\nEnd.\n"), &[code]);
}

#[test]
fn fix_leaves_fenced_code_alone() {
    let code = "```text\nthe the value  is set .   \n\n\n\ncall ( x ) ,and  more\n```\n";
    let tilde = "~~~\nthe the value  is set .\n~~~\n";
    assert_fix_keeps(
        &format!("{PROSE_DEFECTS}\n\n{code}\n{tilde}\nEnd.\n"),
        &[code, tilde],
    );
}

#[test]
fn fix_leaves_inline_code_alone() {
    let code = "`the the value  is set .`";
    let double = "``call ( x ) ,and  `the the` ``";
    assert_fix_keeps(
        &format!("{PROSE_DEFECTS}\n\nUse {code} and {double} here.\n"),
        &[code, double],
    );
}

#[test]
fn fix_leaves_link_targets_alone() {
    let inline = "](https://example.com/the%20the  \"the the value  is set .\")";
    let autolink = "<https://example.com/one,two>";
    let reference = "[r]: https://example.com/the_the  \"the the  title .\"\n";
    let image = "![the the logo  .](logo.png \"the the  title .\")";
    assert_fix_keeps(
        &format!(
            "{PROSE_DEFECTS}\n\nSee [the docs{inline}, {autolink}, [more][r] and {image}.\n\n{reference}"
        ),
        &[inline, autolink, reference, image],
    );
}

#[test]
fn fix_leaves_html_alone() {
    let block = "<div class=\"x\">\n  <p>the the value  is set .</p>   \n</div>\n";
    let inline = "<span title=\"the the  value .\">";
    assert_fix_keeps(
        &format!("{PROSE_DEFECTS}\n\n{block}\nInline {inline}text</span> here.\n"),
        &[block, inline],
    );
}

#[test]
fn fix_leaves_front_matter_alone() {
    let front = "---\ntitle: \"the the value  is set .\"\ntags: [a ,  b]   \n---\n";
    assert_fix_keeps(&format!("{front}\n{PROSE_DEFECTS}\n"), &[front]);
}

#[test]
fn fix_leaves_toml_front_matter_alone() {
    let front = "+++\ntitle = \"the the value  is set .\"\ntags = [ \"a\" ,\"b\" ]   \n+++\n";
    assert_fix_keeps(&format!("{front}\n{PROSE_DEFECTS}\n"), &[front]);
}

#[test]
fn fix_leaves_bare_urls_and_addresses_alone() {
    // GitHub renders these as links: the straight apostrophe in the URL is
    // not the document's curly style to convert, the comma no missing space.
    let curly = "It’s “nice” and it’s here.";
    let url = "https://example.com/wiki/Don't_Panic";
    let www = "www.example.com/a,and/the%20the";
    let email = "the.team@example.com";
    assert_fix_keeps(
        &format!("{curly}\n\n{PROSE_DEFECTS}\n\nSee {url}, {www} or write to {email}.\n"),
        &[url, www, email],
    );
}

#[test]
fn fix_leaves_tables_comments_and_nested_code_alone() {
    // Table padding, delimiter rows and code in cells; HTML comments;
    // code inside a quote and a list item; each with defects that
    // double-space, space-inside-brackets, missing-space and
    // fullwidth-punctuation would fix in prose.
    let table =
        "| name   | value         |\n|--------|---------------|\n| a      | `f( x ) ,and` |\n";
    let comment = "<!-- the the value  is set .\n  call( x ) ,and 值，x -->\n";
    let inline_comment = "<!-- the the  ( x ) -->";
    let quoted = "> ```\n> the the  call( x ) ,and 值，x\n> ```\n";
    let listed = "      let  x = f( y ) ,and ；\n";
    let text = format!(
        "{PROSE_DEFECTS}\n\n{table}\n{comment}\nSome {inline_comment} text.\n\n{quoted}\n- item\n\n{listed}\nEnd.\n"
    );
    assert_fix_keeps(&text, &[table, comment, inline_comment, quoted, listed]);
}

#[test]
fn fix_leaves_link_text_naming_its_target_and_autolinks_alone() {
    let named = "[supports-color](https://github.com/chalk/supports-color)";
    let autolink = "<mailto:the.the@example.com>";
    let url_text = "[https://example.com/a,b](https://example.com/a,b)";
    assert_fix_keeps(
        &format!("{PROSE_DEFECTS}\n\nSee {named}, {autolink} and {url_text}.\n"),
        &[named, autolink, url_text],
    );
}

#[test]
fn removing_a_repeated_paragraph_never_takes_a_code_block_with_it() {
    // duplicate-paragraph's unsafe fix deletes from the end of the
    // paragraph before the copy: here that would delete the C block.
    let first = "```js\nconst arr = [];\n```\n";
    let second = "```c\nint x = 0;\n```\n";
    let third = "```c\nint y = 1;\n```\n";
    let repeated = "The equivalent can be done using Node-API values with the following snippet:";
    let text = format!(
        "{PROSE_DEFECTS}\n\nConsider the following JavaScript snippet of ours:\n\n{first}\n{repeated}\n\n{second}\n{repeated}\n\n{third}"
    );
    assert_fix_keeps(&text, &[first, second, third]);
}
