//! `kind = "consistency"`: groups of variants that must not be mixed in
//! one document ("grass-roots" / "grassroots"). The minority variant is
//! flagged, pointing at the majority; a tie is reported without a fix.

use doclint_core::{Applicability, Diagnostic, Document, Edit, Fix, Label};

use super::matcher::{match_case, Finder, Found};
use super::{quoted, render, shown};
use crate::rule::{Context, Rule, RuleMeta};

pub(crate) struct ConsistencyRule {
    pub meta: RuleMeta,
    pub finder: Finder,
    /// The variants of each group, as listed.
    pub groups: Vec<Vec<String>>,
    /// For each finder tag: (group, variant).
    pub variant_of_tag: Vec<(usize, usize)>,
    pub message: String,
    pub help: Option<String>,
    pub fix: Option<Applicability>,
}

impl Rule for ConsistencyRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        // A pack phrase can match every word of a file.
        let mut out = crate::capped::Capped::new(out);
        let found = self.finder.find(doc);
        if found.len() < 2 {
            return;
        }
        let mut by_group: Vec<Vec<(usize, &Found)>> = vec![Vec::new(); self.groups.len()];
        for hit in &found {
            if let Some(&(group, variant)) = self.variant_of_tag.get(hit.tag as usize) {
                by_group[group].push((variant, hit));
            }
        }
        for (group, hits) in by_group.iter().enumerate() {
            self.check_group(doc, &self.groups[group], hits, &mut out);
        }
    }
}

impl ConsistencyRule {
    fn check_group(
        &self,
        doc: &Document,
        variants: &[String],
        hits: &[(usize, &Found)],
        out: &mut crate::capped::Capped<'_>,
    ) {
        let mut counts = vec![0usize; variants.len()];
        let mut first: Vec<Option<&Found>> = vec![None; variants.len()];
        for &(variant, hit) in hits {
            counts[variant] += 1;
            first[variant].get_or_insert(hit);
        }
        if counts.iter().filter(|&&n| n > 0).count() < 2 {
            return;
        }
        let most = counts.iter().copied().max().unwrap_or(0);
        let leaders = counts.iter().filter(|&&n| n == most).count();
        // With a clear majority, it is the reference; on a tie, the variant
        // written first is, and no fix is offered.
        let reference = if leaders == 1 {
            counts.iter().position(|&n| n == most)
        } else {
            hits.first().map(|&(variant, _)| variant)
        };
        let Some(reference) = reference else {
            return;
        };
        let Some(reference_hit) = first[reference] else {
            return;
        };
        let folded = doc.folded().text();
        let reference_text = shown(doc, reference_hit.span);
        for &(variant, hit) in hits {
            if variant == reference {
                continue;
            }
            let replacement = match_case(&folded[hit.folded.clone()], &variants[reference]);
            let matched = shown(doc, hit.span);
            let matched = matched.as_str();
            let label = Label::new(
                reference_hit.span,
                format!(
                    "“{reference_text}” written {}, first here",
                    times(counts[reference])
                ),
            );
            let mut diagnostic = self
                .meta
                .diagnostic(hit.span, render(&self.message, matched, Some(&replacement)))
                .with_label(label);
            let default_help = if leaders == 1 {
                format!("this document mostly writes “{}”", variants[reference])
            } else {
                "both forms are used equally often: choose one".to_owned()
            };
            diagnostic = diagnostic.with_help(match &self.help {
                Some(help) => render(help, matched, Some(&replacement)),
                None => default_help,
            });
            if let (Some(applicability), 1) = (self.fix, leaders) {
                if replacement != matched {
                    diagnostic = diagnostic.with_fix(Fix::new(
                        format!("Replace with {}", quoted(&replacement)),
                        applicability,
                        vec![Edit::replace(hit.span, replacement)],
                    ));
                }
            }
            out.push(diagnostic);
        }
    }
}

fn times(n: usize) -> String {
    if n == 1 {
        "once".to_owned()
    } else {
        format!("{n} times")
    }
}

#[cfg(test)]
mod tests {
    use crate::packs::testing::pack_rule;
    use crate::test_utils::*;

    const PACK: &str = r#"
[[rules]]
id = "grassroots"
kind = "consistency"
message = "“{match}” mixed with another spelling of the same word"
groups = [["grassroots", "grass-roots", "grass roots"]]

[[rules]]
id = "us"
kind = "consistency"
message = "“{match}” and “{replacement}” both used"
case = "sensitive"
fix = "none"
groups = [["US", "U.S."]]
"#;

    #[test]
    fn minority_form_is_flagged_with_a_label_at_the_majority() {
        let rule = pack_rule(PACK, "grassroots");
        let text = "Grass-roots work. The grassroots units and grassroots cadres.";
        let found = lint(rule.as_ref(), text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(&text[found[0].span.range()], "Grass-roots");
        assert_eq!(found[0].labels.len(), 1);
        assert_eq!(&text[found[0].labels[0].span.range()], "grassroots");
        assert_eq!(
            found[0].labels[0].message,
            "“grassroots” written 2 times, first here"
        );
        assert_unsafe_fix(
            rule.as_ref(),
            text,
            "Grassroots work. The grassroots units and grassroots cadres.",
        );
    }

    #[test]
    fn tie_is_reported_without_a_fix() {
        let rule = pack_rule(PACK, "grassroots");
        let found = lint(
            rule.as_ref(),
            "The grass-roots level and the grassroots level.",
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].fix.is_none());
        assert_eq!(
            found[0].help.as_deref(),
            Some("both forms are used equally often: choose one")
        );
    }

    #[test]
    fn one_form_throughout_and_other_cases_are_quiet() {
        let rule = pack_rule(PACK, "grassroots");
        assert_no_lints(rule.as_ref(), "Grassroots work. The grassroots units.");
        let us = pack_rule(PACK, "us");
        assert_no_lints(us.as_ref(), "Let us see: the US and the US again.");
        assert_lint_count(us.as_ref(), "The US and the U.S. again.", 1);
    }
}
