//! At most [`MAX_FINDINGS_PER_RULE`] findings of one rule in one file.
//!
//! A hostile or broken file can hold a finding in every other byte (ten
//! million unpaired quotation marks in a 10 MB file), and each finding
//! costs a few hundred bytes until it is printed. Past the cap, a rule's
//! findings in a file are counted, not kept: one more finding, at the
//! first one left out, says how many more there are. [`crate::Linter`]
//! caps every rule's output after its check; a rule that can find
//! something at every character also collects through [`Capped`], so the
//! findings past the cap are never held at all.

use doclint_core::Diagnostic;

/// The most findings of one rule kept for one file.
pub const MAX_FINDINGS_PER_RULE: usize = 10_000;

/// The finding that stands for those left out: the first one's rule,
/// severity and place, with the count.
fn summary(first: &Diagnostic, more: usize) -> Diagnostic {
    Diagnostic::new(
        first.rule.clone(),
        first.severity,
        first.span,
        format!(
            "{more} more finding{} of this rule in this file, from here on, not listed \
             (at most {MAX_FINDINGS_PER_RULE} per rule and file)",
            if more == 1 { "" } else { "s" },
        ),
    )
    .with_help("fix the ones listed and check again")
}

/// Caps what one rule added to `out` after `start`, when it added more
/// than the cap and its summary: keeps the first [`MAX_FINDINGS_PER_RULE`]
/// and replaces the rest with their summary.
pub fn cap_findings(out: &mut Vec<Diagnostic>, start: usize) {
    let added = out.len().saturating_sub(start);
    if added <= MAX_FINDINGS_PER_RULE + 1 {
        return;
    }
    let keep = start + MAX_FINDINGS_PER_RULE;
    // Rules add in any order: the summary stands at the first finding left
    // out in text order.
    out[start..].sort_by_key(|d| (d.span.start, d.span.end));
    let first = summary(&out[keep], added - MAX_FINDINGS_PER_RULE);
    out.truncate(keep);
    out.push(first);
}

/// Collects one rule's findings in one file into `out`, keeping at most
/// [`MAX_FINDINGS_PER_RULE`] and counting the rest; the summary of those is
/// added when it is dropped. A rule shadows its output with it:
/// `let mut out = Capped::new(out);`.
pub struct Capped<'a> {
    out: &'a mut Vec<Diagnostic>,
    kept: usize,
    more: usize,
    first_left_out: Option<Diagnostic>,
}

impl<'a> Capped<'a> {
    pub fn new(out: &'a mut Vec<Diagnostic>) -> Self {
        Self {
            out,
            kept: 0,
            more: 0,
            first_left_out: None,
        }
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        if self.kept < MAX_FINDINGS_PER_RULE {
            self.kept += 1;
            self.out.push(diagnostic);
        } else {
            self.more += 1;
            if self.first_left_out.is_none() {
                self.first_left_out = Some(diagnostic);
            }
        }
    }

    /// Whether more findings would only be counted.
    pub fn is_full(&self) -> bool {
        self.kept >= MAX_FINDINGS_PER_RULE
    }
}

impl Drop for Capped<'_> {
    fn drop(&mut self) {
        if let Some(first) = self.first_left_out.take() {
            self.out.push(summary(&first, self.more));
        }
    }
}

#[cfg(test)]
mod tests {
    use doclint_core::{Severity, Span};

    use super::*;

    fn finding(at: u32) -> Diagnostic {
        Diagnostic::new(
            "test",
            Severity::Warning,
            Span::new(at as usize, at as usize + 1),
            "found",
        )
    }

    #[test]
    fn past_the_cap_findings_are_counted_in_one_summary() {
        let mut out = vec![finding(0)];
        {
            let mut capped = Capped::new(&mut out);
            for at in 1..=(MAX_FINDINGS_PER_RULE as u32 + 25) {
                capped.push(finding(at));
            }
            assert!(capped.is_full());
        }
        // The finding before (another rule's) stays, then the cap, then the
        // summary at the first finding left out.
        assert_eq!(out.len(), 1 + MAX_FINDINGS_PER_RULE + 1);
        let last = out.last().expect("summary");
        assert!(
            last.message.starts_with("25 more findings"),
            "{}",
            last.message
        );
        assert_eq!(last.span.start, MAX_FINDINGS_PER_RULE as u32 + 1);
        assert_eq!(last.severity, Severity::Warning);
        // Capping again changes nothing.
        let before = out.len();
        cap_findings(&mut out, 1);
        assert_eq!(out.len(), before);
    }

    #[test]
    fn at_the_cap_nothing_is_summarised() {
        let mut out = Vec::new();
        {
            let mut capped = Capped::new(&mut out);
            for at in 0..MAX_FINDINGS_PER_RULE as u32 {
                capped.push(finding(at));
            }
        }
        assert_eq!(out.len(), MAX_FINDINGS_PER_RULE);
        assert!(out.iter().all(|d| d.message == "found"));
    }

    #[test]
    fn output_past_the_cap_is_cut_in_text_order() {
        let mut out: Vec<Diagnostic> = (0..(MAX_FINDINGS_PER_RULE as u32 + 3))
            .rev()
            .map(finding)
            .collect();
        cap_findings(&mut out, 0);
        assert_eq!(out.len(), MAX_FINDINGS_PER_RULE + 1);
        assert_eq!(out[0].span.start, 0);
        let last = out.last().expect("summary");
        assert!(
            last.message.starts_with("3 more findings"),
            "{}",
            last.message
        );
        assert_eq!(last.span.start, MAX_FINDINGS_PER_RULE as u32);
    }
}
