//! `--statistics`: problems per rule, most frequent first.

use std::collections::BTreeMap;
use std::io::Write;

use doclint_core::Applicability;
use serde::Serialize;

use crate::run::CheckedFile;

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct RuleCount {
    pub rule: String,
    pub count: usize,
    /// With a safe fix (`--fix`).
    pub fixable: usize,
    /// With a fix that needs `--unsafe-fixes`.
    pub unsafe_fixable: usize,
}

/// Counts per rule, as the files stream past.
pub fn count(files: impl Iterator<Item = CheckedFile>) -> Vec<RuleCount> {
    let mut by_rule: BTreeMap<String, RuleCount> = BTreeMap::new();
    for file in files {
        for reported in file.diagnostics() {
            let d = &reported.diagnostic;
            let entry = match by_rule.get_mut(d.rule.as_ref()) {
                Some(entry) => entry,
                None => by_rule
                    .entry(d.rule.to_string())
                    .or_insert_with(|| RuleCount {
                        rule: d.rule.to_string(),
                        count: 0,
                        fixable: 0,
                        unsafe_fixable: 0,
                    }),
            };
            entry.count += 1;
            match d.fix.as_ref().map(|fix| fix.applicability) {
                Some(Applicability::Safe) => entry.fixable += 1,
                Some(Applicability::Unsafe) => entry.unsafe_fixable += 1,
                None => {}
            }
        }
    }
    let mut counts: Vec<RuleCount> = by_rule.into_values().collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(&b.rule)));
    counts
}

pub fn print_text(
    out: &mut dyn Write,
    files: impl Iterator<Item = CheckedFile>,
) -> std::io::Result<()> {
    let counts = count(files);
    let width = counts
        .iter()
        .map(|c| c.rule.len())
        .max()
        .unwrap_or(4)
        .max(4);
    writeln!(out, "{:>6}  {:<width$}  fixable", "count", "rule")?;
    for c in &counts {
        let mut fixable = c.fixable.to_string();
        if c.unsafe_fixable > 0 {
            fixable.push_str(&format!(" (+{} unsafe)", c.unsafe_fixable));
        }
        writeln!(out, "{:>6}  {:<width$}  {fixable}", c.count, c.rule)?;
    }
    let total: usize = counts.iter().map(|c| c.count).sum();
    writeln!(out, "{total:>6}  total")
}

pub fn print_json(
    out: &mut dyn Write,
    files: impl Iterator<Item = CheckedFile>,
) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, &count(files))?;
    writeln!(out)
}
