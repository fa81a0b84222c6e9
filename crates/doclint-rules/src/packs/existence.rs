//! `kind = "existence"`: flag every listed phrase or pattern.

use doclint_core::{Diagnostic, Document};

use super::matcher::Finder;
use super::{render, shown};
use crate::rule::{Context, Rule, RuleMeta};

pub(crate) struct ExistenceRule {
    pub meta: RuleMeta,
    pub finder: Finder,
    pub message: String,
    pub help: Option<String>,
}

impl Rule for ExistenceRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, doc: &Document, _cx: &Context, out: &mut Vec<Diagnostic>) {
        // A pack phrase can match every word of a file.
        let mut out = crate::capped::Capped::new(out);
        for found in self.finder.find(doc) {
            let matched = shown(doc, found.span);
            let mut diagnostic = self
                .meta
                .diagnostic(found.span, render(&self.message, &matched, None));
            if let Some(help) = &self.help {
                diagnostic = diagnostic.with_help(render(help, &matched, None));
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
id = "reporter-learned"
kind = "existence"
message = "“{match}” is a Chinese news formula"
help = "attribute the fact to its source"
scope = "body"
patterns = ['\b(?:the|this) reporter (?:learned|learnt)\b']
phrases = ["it is learned that"]
"#;

    #[test]
    fn flags_phrases_and_patterns_with_message_and_help() {
        let rule = pack_rule(PACK, "reporter-learned");
        let text = "The reporter learned from the bureau that it is learned that costs rose.";
        let found = lint(rule.as_ref(), text);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(&text[found[0].span.range()], "The reporter learned");
        assert_eq!(
            found[0].message,
            "“The reporter learned” is a Chinese news formula"
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some("attribute the fact to its source")
        );
        assert_eq!(found[0].rule, "test/reporter-learned");
    }

    #[test]
    fn near_misses_and_headings_are_quiet() {
        let rule = pack_rule(PACK, "reporter-learned");
        assert_no_lints(
            rule.as_ref(),
            "The reporters learned in law cited the reporter's learnedly written notes.",
        );
        // A heading line is outside the rule's `body` scope.
        assert_no_lints(
            rule.as_ref(),
            "The reporter learned\n\nBody text follows here.",
        );
    }
}
