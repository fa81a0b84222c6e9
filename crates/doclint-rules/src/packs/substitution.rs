//! `kind = "substitution"`: wrong → right, with a fix whose applicability
//! the rule states. Also the engine of the `terminology` glossary rule,
//! whose entries carry their own message, note and severity.

use doclint_core::{Applicability, Diagnostic, Document, Edit, Fix, Severity};

use super::matcher::{match_case, Finder};
use super::{quoted, render, shown};
use crate::rule::{Context, Rule, RuleMeta};

/// What one `[[rules.swap]]` (or glossary term) turns its matches into.
#[derive(Clone, Debug)]
pub(crate) struct SwapTarget {
    /// The replacement; in a pattern swap, `$1`/`${name}` expand captures.
    pub to: String,
    /// Overrides of the rule's message, help and severity (glossary terms).
    pub message: Option<String>,
    pub help: Option<String>,
    pub severity: Option<Severity>,
}

pub(crate) struct SubstitutionRule {
    pub meta: RuleMeta,
    pub finder: Finder,
    /// Indexed by the finder's tags.
    pub targets: Vec<SwapTarget>,
    pub message: String,
    pub help: Option<String>,
    pub fix: Option<Applicability>,
}

impl SubstitutionRule {
    fn replacement(&self, folded: &str, found: &super::matcher::Found) -> Option<String> {
        let target = self.targets.get(found.tag as usize)?;
        let raw = match found.pattern {
            Some(index) => self
                .finder
                .expand(index, folded, found.folded.clone(), &target.to)?,
            None => target.to.clone(),
        };
        Some(match_case(&folded[found.folded.clone()], &raw))
    }
}

impl Rule for SubstitutionRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        // A pack phrase can match every word of a file.
        let mut out = crate::capped::Capped::new(out);
        let folded = doc.folded().text();
        for found in self.finder.find(doc) {
            let matched = &folded[found.folded.clone()];
            let Some(replacement) = self.replacement(folded, &found) else {
                continue;
            };
            // A pattern may also match text already written the right way.
            if replacement == matched {
                continue;
            }
            let Some(target) = self.targets.get(found.tag as usize) else {
                continue;
            };
            let matched = shown(doc, found.span);
            let matched = matched.as_str();
            let message = target.message.as_deref().unwrap_or(&self.message);
            let help = target.help.as_deref().or(self.help.as_deref());
            let mut diagnostic = Diagnostic::new(
                self.meta.id.clone(),
                target.severity.unwrap_or(self.meta.default_severity),
                found.span,
                render(message, matched, Some(&replacement)),
            );
            diagnostic = match help {
                Some(help) => diagnostic.with_help(render(help, matched, Some(&replacement))),
                None => diagnostic.with_help(format!("write {}", quoted(&replacement))),
            };
            if let Some(applicability) = self.fix {
                diagnostic = diagnostic.with_fix(Fix::new(
                    format!("Replace with {}", quoted(&replacement)),
                    applicability,
                    vec![Edit::replace(found.span, replacement)],
                ));
            }
            out.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::packs::testing::pack_rule;
    use crate::test_utils::*;

    const PACK: &str = r#"
[[rules]]
id = "short-board"
kind = "substitution"
message = "“{match}” renders 短板 word for word"
fix = "unsafe"

[[rules.swap]]
phrases = ["short board", "short boards"]
to = "weak link"

[[rules.swap]]
patterns = ['\bmake up (?:for )?the short (board|plank)s?\b']
to = "shore up the weak ${1}s"

[[rules]]
id = "month-case"
kind = "substitution"
message = "month names are capitalised"
case = "sensitive"
fix = "safe"

[[rules.swap]]
patterns = ['\bjanuary (\d)']
to = "January $1"
"#;

    #[test]
    fn replaces_keeping_the_first_letter_case() {
        let rule = pack_rule(PACK, "short-board");
        assert_unsafe_fix(
            rule.as_ref(),
            "Short board first. Then make up the short planks and fix the short board.",
            "Weak link first. Then shore up the weak planks and fix the weak link.",
        );
    }

    #[test]
    fn message_names_the_match_and_help_the_replacement() {
        let rule = pack_rule(PACK, "short-board");
        let found = lint(rule.as_ref(), "Fix the short board now.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "“short board” renders 短板 word for word");
        assert_eq!(found[0].help.as_deref(), Some("write “weak link”"));
    }

    #[test]
    fn near_misses_are_quiet() {
        let rule = pack_rule(PACK, "short-board");
        assert_no_lints(
            rule.as_ref(),
            "A shortboard and a short boardwalk by the sea.",
        );
        let months = pack_rule(PACK, "month-case");
        assert_no_lints(
            months.as_ref(),
            "On January 5 the januaryx 5 entry was fixed.",
        );
    }

    #[test]
    fn safe_fix_expands_captures() {
        let rule = pack_rule(PACK, "month-case");
        assert_safe_fix(
            rule.as_ref(),
            "It opened on january 5, 2019.",
            "It opened on January 5, 2019.",
        );
    }
}
