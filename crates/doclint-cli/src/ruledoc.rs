//! Reading a rule's own documentation (its `declare_rule!` doc comment):
//! the one text behind `doclint explain`, `doclint rules` and SARIF.

use doclint_rules::RuleMeta;

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
}
