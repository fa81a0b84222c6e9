//! Which rules run and at what severity: the configuration's `[rules]`,
//! then `--select`, `--ignore` and `--severity`.

use std::collections::HashMap;

use doclint_core::Severity;
use doclint_rules::{Category, Rule};

use crate::config::Level;
use crate::suggest::did_you_mean;

/// A rule id, a category, a rule pack (every `pack/…` rule), or `all`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selector {
    All,
    Category(Category),
    Rule(String),
    Pack(String),
}

impl Selector {
    /// Parses `name` against the rules that exist; the error suggests the
    /// closest id or category.
    pub fn parse(name: &str, rules: &[Box<dyn Rule>]) -> Result<Selector, String> {
        Selector::parse_among(name, rules.iter().map(|rule| rule.meta().id.as_ref()))
    }

    /// Like [`Selector::parse`], given the rule ids that exist.
    pub fn parse_among<'a>(
        name: &str,
        ids: impl Iterator<Item = &'a str> + Clone,
    ) -> Result<Selector, String> {
        let name = name.trim();
        if name.eq_ignore_ascii_case("all") {
            return Ok(Selector::All);
        }
        if let Some(category) = Category::from_name(name) {
            return Ok(Selector::Category(category));
        }
        if ids.clone().any(|id| id == name) {
            return Ok(Selector::Rule(name.to_owned()));
        }
        let pack_prefix = format!("{name}/");
        if ids.clone().any(|id| id.starts_with(&pack_prefix)) {
            return Ok(Selector::Pack(name.to_owned()));
        }
        let candidates = ids.chain(Category::ALL.iter().map(|c| c.as_str()));
        Err(format!(
            "unknown rule or category `{name}`{}",
            did_you_mean(name, candidates)
        ))
    }

    pub fn matches(&self, rule: &str, category: Category) -> bool {
        match self {
            Selector::All => true,
            Selector::Category(c) => *c == category,
            Selector::Rule(id) => id == rule,
            Selector::Pack(pack) => rule
                .strip_prefix(pack.as_str())
                .is_some_and(|rest| rest.starts_with('/')),
        }
    }
}

impl std::fmt::Display for Selector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Selector::All => f.write_str("all"),
            Selector::Category(c) => f.write_str(c.as_str()),
            Selector::Rule(id) | Selector::Pack(id) => f.write_str(id),
        }
    }
}

/// The command line's say on rules.
#[derive(Clone, Debug, Default)]
pub struct CommandLineSelection {
    pub select: Vec<Selector>,
    pub ignore: Vec<Selector>,
    pub severity: Vec<(Selector, Severity)>,
}

/// The outcome: the rules that run and the severity of each.
#[derive(Debug, Default, Clone)]
pub struct Selection {
    /// Severity by rule id, for every enabled rule.
    severities: HashMap<String, Severity>,
    /// Rules whose severity the configuration or command line set: their
    /// findings all take it. Other rules keep the severity each finding
    /// was given (a rule may report some findings below its default).
    overridden: HashMap<String, Severity>,
}

impl Selection {
    pub fn is_enabled(&self, rule: &str) -> bool {
        self.severities.contains_key(rule)
    }

    /// The severity an enabled rule reports at (its default unless set).
    pub fn severity(&self, rule: &str) -> Option<Severity> {
        self.severities.get(rule).copied()
    }

    /// The severity the user set for `rule`, if any.
    pub fn override_for(&self, rule: &str) -> Option<Severity> {
        self.overridden.get(rule).copied()
    }
}

/// Decides, for each rule, whether it runs and its severity.
///
/// Order: default (every rule at its default severity); the configuration's
/// levels (categories, then rule ids); `--select` keeps only the rules it
/// matches (naming a rule by id also turns on a rule the configuration
/// switched off); `--ignore` drops rules; `--severity` sets severities.
pub fn select(
    rules: Vec<Box<dyn Rule>>,
    config: &[(Selector, Level)],
    cli: &CommandLineSelection,
) -> (Vec<Box<dyn Rule>>, Selection) {
    let mut selection = Selection::default();
    let mut kept = Vec::new();
    for rule in rules {
        let meta = rule.meta();
        let (id, category) = (meta.id.as_ref(), meta.category);
        let mut level = Level::On(meta.default_severity);
        let mut explicit = false;
        for (selector, configured) in config {
            if selector.matches(id, category) {
                level = *configured;
                explicit = true;
            }
        }
        if !cli.select.is_empty() {
            let named = cli.select.contains(&Selector::Rule(id.to_owned()));
            let matched = cli.select.iter().any(|s| s.matches(id, category));
            level = match level {
                _ if !matched => Level::Off,
                Level::Off if named => {
                    explicit = false;
                    Level::On(meta.default_severity)
                }
                other => other,
            };
        }
        if cli.ignore.iter().any(|s| s.matches(id, category)) {
            level = Level::Off;
        }
        if let Level::On(mut severity) = level {
            for (selector, forced) in &cli.severity {
                if selector.matches(id, category) {
                    severity = *forced;
                    explicit = true;
                }
            }
            selection.severities.insert(id.to_owned(), severity);
            if explicit {
                selection.overridden.insert(id.to_owned(), severity);
            }
            kept.push(rule);
        }
    }
    (kept, selection)
}

#[cfg(test)]
mod tests {
    use super::*;
    use doclint_rules::registry::builtin_rules;

    fn ids(rules: &[Box<dyn Rule>]) -> Vec<String> {
        rules.iter().map(|r| r.meta().id.to_string()).collect()
    }

    fn parse(name: &str) -> Selector {
        Selector::parse(name, &builtin_rules()).expect("known")
    }

    #[test]
    fn select_by_category_and_ignore_by_id() {
        let cli = CommandLineSelection {
            select: vec![parse("whitespace")],
            ignore: vec![parse("double-space")],
            ..Default::default()
        };
        let (rules, selection) = select(builtin_rules(), &[], &cli);
        let ids = ids(&rules);
        assert!(ids.contains(&"trailing-whitespace".to_owned()));
        assert!(!ids.contains(&"double-space".to_owned()));
        assert!(
            !ids.contains(&"unused-suppression".to_owned()),
            "meta not selected"
        );
        assert!(!selection.is_enabled("double-space"));
    }

    #[test]
    fn config_off_is_undone_only_by_naming_the_rule() {
        let config = vec![(parse("double-space"), Level::Off)];
        let by_category = CommandLineSelection {
            select: vec![parse("whitespace")],
            ..Default::default()
        };
        let (rules, _) = select(builtin_rules(), &config, &by_category);
        assert!(!ids(&rules).contains(&"double-space".to_owned()));
        let by_id = CommandLineSelection {
            select: vec![parse("double-space")],
            ..Default::default()
        };
        let (rules, _) = select(builtin_rules(), &config, &by_id);
        assert_eq!(ids(&rules), vec!["double-space"]);
    }

    #[test]
    fn rule_level_wins_over_category_and_cli_severity_over_both() {
        let config = vec![
            (parse("whitespace"), Level::On(Severity::Info)),
            (parse("double-space"), Level::On(Severity::Error)),
        ];
        let (_, selection) = select(builtin_rules(), &config, &CommandLineSelection::default());
        assert_eq!(selection.severity("double-space"), Some(Severity::Error));
        assert_eq!(
            selection.severity("trailing-whitespace"),
            Some(Severity::Info)
        );
        let cli = CommandLineSelection {
            severity: vec![(parse("all"), Severity::Warning)],
            ..Default::default()
        };
        let (_, selection) = select(builtin_rules(), &config, &cli);
        assert_eq!(selection.severity("double-space"), Some(Severity::Warning));
    }

    #[test]
    fn a_pack_name_selects_its_rules() {
        let ids = [
            "double-space",
            "news-style/lowercase-month",
            "news-style/date-label",
        ];
        let pack = Selector::parse_among("news-style", ids.iter().copied()).expect("pack");
        assert_eq!(pack, Selector::Pack("news-style".into()));
        assert!(pack.matches("news-style/date-label", Category::Structure));
        assert!(!pack.matches("news-styles/x", Category::Structure));
        assert!(!pack.matches("double-space", Category::Whitespace));
        assert!(Selector::parse_among("news", ids.iter().copied()).is_err());
    }

    #[test]
    fn unknown_names_suggest() {
        let err = Selector::parse("whitespce", &builtin_rules()).expect_err("unknown");
        assert_eq!(
            err,
            "unknown rule or category `whitespce`; did you mean `whitespace`?"
        );
    }
}
