//! Reading a rule's own documentation (its `declare_rule!` doc comment):
//! the one text behind `doclint explain`, `doclint rules` and SARIF.

use std::fmt::Write as _;

use doclint_rules::{Category, FixAvailability, Rule, RuleMeta};

/// The documentation as Markdown, without the doc comment's indentation.
pub fn markdown(meta: &RuleMeta) -> String {
    let mut out = String::new();
    for line in meta.docs.lines() {
        out.push_str(line.strip_prefix(' ').unwrap_or(line));
        out.push('\n');
    }
    out.trim_end().to_owned() + "\n"
}

/// The text of one `## heading` section, joined into one paragraph.
pub fn section(meta: &RuleMeta, heading: &str) -> String {
    let mut lines = meta.docs.lines().map(str::trim);
    let title = format!("## {heading}");
    if lines.by_ref().find(|line| *line == title).is_none() {
        return String::new();
    }
    lines
        .take_while(|line| !line.starts_with("## "))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first sentence of "What it does", for listings.
pub fn summary(meta: &RuleMeta) -> String {
    let what = section(meta, "What it does");
    match what.find(". ") {
        Some(end) => what[..=end].to_owned(),
        None => what,
    }
}

/// The command that writes `docs/rules.md`, named in the file and in the
/// test that keeps it current.
pub const REFERENCE_COMMAND: &str = "doclint rules --isolated --format markdown > docs/rules.md";

/// How a fixability reads in listings.
pub fn fix_name(fix: FixAvailability) -> &'static str {
    match fix {
        FixAvailability::Always => "always",
        FixAvailability::Sometimes => "sometimes",
        FixAvailability::Never => "never",
    }
}

/// The rule reference (`docs/rules.md`): a table of `rules`, then each
/// rule's documentation with its options, in the order given. The text
/// depends on nothing but the rules, so it is the same on every run.
pub fn reference(rules: &[Box<dyn Rule>]) -> String {
    let mut out = String::new();
    out.push_str("# Rules\n\n");
    let _ = writeln!(
        out,
        "<!-- Generated from each rule's documentation in the code: `{REFERENCE_COMMAND}`. \
         Do not edit by hand; `cargo test` fails when this file is stale. -->\n"
    );
    let _ = writeln!(
        out,
        "Every rule doclint knows without a configuration: the built-in rules, the \
         `terminology` glossary rule and the rules of the built-in packs, {} in all, \
         in the order `doclint rules` lists them. `doclint explain RULE` prints the \
         same documentation in a terminal.\n",
        rules.len()
    );
    out.push_str("Categories (`--select` and `--ignore` take them as well as rule ids):\n\n");
    for category in Category::ALL {
        let _ = writeln!(out, "- `{category}`: {}", category.description());
    }
    out.push_str("\n| Rule | Category | Default severity | Fix | Summary |\n");
    out.push_str("|---|---|---|---|---|\n");
    for rule in rules {
        let meta = rule.meta();
        let _ = writeln!(
            out,
            "| [`{}`](#{}) | {} | {} | {} | {} |",
            meta.id,
            anchor(&meta.id),
            meta.category,
            meta.default_severity,
            fix_name(meta.fix),
            table_cell(&summary(meta))
        );
    }
    for rule in rules {
        let meta = rule.meta();
        let _ = writeln!(out, "\n## {}\n", meta.id);
        let _ = writeln!(
            out,
            "Category: `{}`. Default severity: `{}`. Fix: {}.\n",
            meta.category,
            meta.default_severity,
            fix_name(meta.fix)
        );
        out.push_str(&demoted(&markdown(meta)));
        if !rule.options().is_empty() {
            let _ = writeln!(
                out,
                "\n### Options (`[rules.{}]` in doclint.toml)\n",
                meta.id
            );
            for option in rule.options() {
                let _ = writeln!(out, "- `{}`: {}", option.name, option.help);
            }
        }
    }
    out
}

/// The anchor GitHub gives the heading `## id`.
fn anchor(id: &str) -> String {
    id.chars()
        .filter_map(|c| match c {
            'a'..='z' | '0'..='9' | '-' | '_' => Some(c),
            'A'..='Z' => Some(c.to_ascii_lowercase()),
            ' ' => Some('-'),
            _ => None,
        })
        .collect()
}

/// Text that stays inside one cell of a Markdown table.
fn table_cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// `markdown` with every heading one level lower (outside code fences),
/// to sit under the rule's own heading.
fn demoted(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() + 16);
    let mut in_fence = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        } else if !in_fence && line.starts_with('#') {
            out.push('#');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use doclint_rules::rules::DoubleSpace;

    #[test]
    fn summary_is_the_whole_first_sentence() {
        assert_eq!(
            summary(&DoubleSpace::META),
            "Flags two or more ordinary spaces between two words inside a line of running text, and two spaces after a sentence in a plain-text document that otherwise uses one."
        );
        assert!(markdown(&DoubleSpace::META).starts_with("## What it does\nFlags two"));
    }

    #[test]
    fn reference_demotes_headings_but_not_code() {
        let text = demoted("## What it does\nText.\n```text\n# not a heading\n```\n");
        assert_eq!(
            text,
            "### What it does\nText.\n```text\n# not a heading\n```\n"
        );
        assert_eq!(
            anchor("news-style/chat-register"),
            "news-stylechat-register"
        );
        assert_eq!(table_cell("a | b"), "a \\| b");
    }

    #[test]
    fn reference_has_a_row_and_a_section_per_rule() {
        let rules = doclint_rules::registry::builtin_rules();
        let text = reference(&rules);
        for rule in &rules {
            let id = &rule.meta().id;
            assert!(text.contains(&format!("| [`{id}`](#")), "row for {id}");
            assert!(text.contains(&format!("\n## {id}\n")), "section for {id}");
        }
        assert!(text.contains("### What it does\nFlags two or more ordinary spaces"));
        assert_eq!(text, reference(&rules), "deterministic");
    }
}
