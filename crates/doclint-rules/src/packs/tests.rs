//! Loading, errors and examples of packs; the built-in packs' own examples.

use super::testing::{compile_test, pack_rule};
use super::*;
use crate::rule::FixAvailability;
use crate::test_utils::*;

/// The `line:col: message` of each error in a test pack.
fn errors_of(toml: &str) -> Vec<String> {
    match compile_test(toml) {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .0
            .iter()
            .map(|e| {
                let at = e.location().map(|l| format!("{}:{}", l.line, l.column));
                format!("{}: {}", at.unwrap_or_default(), e.message)
            })
            .collect(),
    }
}

#[test]
fn bad_toml_is_reported_with_line_and_column() {
    let errors = errors_of("[[rules]]\nid = \"x\"\nkind = existence\n");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("3:8: "), "{errors:?}");
}

#[test]
fn unknown_kind_field_and_value_point_at_themselves() {
    let toml = r#"[[rules]]
id = "a"
kind = "existance"
message = "m"

[[rules]]
id = "b"
kind = "existence"
message = "m"
phrases = ["x"]
severity = "fatal"
"#;
    assert_eq!(
        errors_of(toml),
        vec![
            "3:8: unknown kind `existance`; expected one of: existence, substitution, consistency",
            "11:12: unknown severity `fatal`; expected one of: error, warning, info",
        ]
    );
    let unknown_field = errors_of(
        "[[rules]]\nid = \"a\"\nkind = \"existence\"\nmessage = \"m\"\nphrase = [\"x\"]\n",
    );
    assert_eq!(unknown_field.len(), 1);
    assert!(
        unknown_field[0].starts_with("5:1: unknown field `phrase`"),
        "{unknown_field:?}"
    );
}

#[test]
fn bad_regex_points_at_the_pattern() {
    let toml = "[[rules]]\nid = \"a\"\nkind = \"existence\"\nmessage = \"m\"\npatterns = [\"ok\", \"(open\"]\n";
    let errors = errors_of(toml);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("5:19: invalid regular expression"),
        "{errors:?}"
    );
}

#[test]
fn duplicate_ids_and_variants_are_errors_with_the_first_place() {
    let toml = r#"[[rules]]
id = "a"
kind = "existence"
message = "m"
phrases = ["x"]

[[rules]]
id = "a"
kind = "existence"
message = "m"
phrases = ["y"]

[[terms]]
preferred = "Belt and Road Initiative"
variants = ["One Belt One Road"]

[[terms]]
preferred = "Belt and Road"
variants = ["one belt one road"]
"#;
    let errors = compile_test(toml).err().unwrap_or_default();
    let messages: Vec<String> = errors.0.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        vec![
            "test.toml:8:6: duplicate rule id `test/a`",
            "test.toml:19:13: variant “one belt one road” is listed under two terms",
        ]
    );
    assert_eq!(
        errors.0[0].labels[0].span,
        15..18,
        "label at the first `\"a\"`"
    );
}

#[test]
fn kind_fields_and_fix_are_checked() {
    let toml = r#"[[rules]]
id = "a"
kind = "existence"
message = "m"
phrases = ["x"]
fix = "safe"

[[rules]]
id = "b"
kind = "substitution"
message = "m"
[[rules.swap]]
phrases = ["x"]
to = "y"

[[rules]]
id = "c"
kind = "existence"
message = "m"
phrases = ["x"]
[[rules.examples]]
text = "x"
fixed = "y"
"#;
    assert_eq!(
        errors_of(toml),
        vec![
            "3:8: `fix` is not used by rules of kind `existence`",
            "10:8: a substitution rule must state its fix: `fix = \"safe\"`, `\"unsafe\"` or `\"none\"`",
            "21:1: `fixed` given, but this rule offers no fix",
        ]
    );
}

#[test]
fn project_pack_replaces_a_builtin_of_the_same_name_and_duplicates_are_errors() {
    let builtin = PackSource {
        path: PathBuf::from("rules/packs/house.toml"),
        text: Arc::from(
            "[[rules]]\nid = \"a\"\nkind = \"existence\"\nmessage = \"old\"\nphrases = [\"x\"]\n",
        ),
        builtin: true,
    };
    let project = PackSource {
        path: PathBuf::from("mine/house.toml"),
        text: Arc::from(
            "[[rules]]\nid = \"a\"\nkind = \"existence\"\nmessage = \"new\"\nphrases = [\"x\"]\n",
        ),
        builtin: false,
    };
    let compiled = compile(vec![builtin, project.clone()]).unwrap_or_else(|e| panic!("{e}"));
    let rules: Vec<&dyn Rule> = compiled.rules().collect();
    assert_eq!(rules.len(), 1);
    assert!(rules[0].meta().docs.contains("mine/house.toml"));

    let mut twin = project.clone();
    twin.path = PathBuf::from("other/house.toml");
    let errors = compile(vec![project, twin]).err().unwrap_or_default();
    assert_eq!(errors.0.len(), 1);
    assert!(errors.0[0].message.contains("duplicate pack name `house`"));
}

const GLOSSARY: &str = r#"
[[terms]]
preferred = "Belt and Road Initiative"
variants = ["One Belt, One Road", "One Belt One Road"]
note = "Official English name since 2015."
severity = "info"

[[terms.examples]]
text = "The One Belt, One Road plan."
fixed = "The Belt and Road Initiative plan."

[[terms.examples]]
text = "The Belt and Road Initiative."
triggers = false
"#;

#[test]
fn glossary_terms_make_the_terminology_rule() {
    let rule = pack_rule(GLOSSARY, TERMINOLOGY);
    assert_eq!(rule.meta().fix, FixAvailability::Always);
    let found = lint(rule.as_ref(), "Under One Belt One Road, trade grew.");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, doclint_core::Severity::Info);
    assert_eq!(
        found[0].message,
        "“One Belt One Road” is not the glossary’s term: write “Belt and Road Initiative”"
    );
    assert_eq!(
        found[0].help.as_deref(),
        Some("Official English name since 2015.")
    );
    assert_unsafe_fix(
        rule.as_ref(),
        "one belt one road projects",
        "Belt and Road Initiative projects",
    );
    assert_no_lints(rule.as_ref(), "One belt, one roadmap, one river.");
}

#[test]
fn examples_report_each_failure_with_rule_and_place() {
    let toml = r#"[[rules]]
id = "heart"
kind = "substitution"
message = "literal"
fix = "unsafe"
[[rules.swap]]
phrases = ["original heart"]
to = "original aspiration"

[[rules.examples]]
text = "Keep the original heart."
fixed = "Keep the original aspiration."

[[rules.examples]]
text = "Keep the initial heart."

[[rules.examples]]
text = "An original heart surgery."
triggers = false

[[rules.examples]]
text = "The original heart."
fixed = "The founding mission."
"#;
    let compiled = compile_test(toml).unwrap_or_else(|e| panic!("{e}"));
    let report = compiled.run_examples(|_| true);
    assert_eq!((report.rules, report.examples), (1, 4));
    let problems: Vec<(String, u32, &str)> = report
        .failures
        .iter()
        .map(|f| {
            let line = doclint_core::LineIndex::new(&f.pack_text)
                .location(&f.pack_text, f.span.start)
                .line;
            (f.rule.clone(), line, f.problem.lines().next().unwrap_or(""))
        })
        .collect();
    assert_eq!(
        problems,
        vec![
            (
                "test/heart".to_owned(),
                14,
                "should trigger, but nothing was flagged"
            ),
            (
                "test/heart".to_owned(),
                17,
                "should not trigger, but flagged “original heart” (literal)"
            ),
            ("test/heart".to_owned(), 21, "the fixed text differs"),
        ]
    );
}

#[test]
fn docs_show_summary_source_examples_and_fix_safety() {
    let toml = r#"[[rules]]
id = "heart"
kind = "substitution"
message = "“{match}” renders 初心 word for word"
description = "Flags literal renderings of 初心."
source = "Report to the 19th CPC National Congress"
fix = "unsafe"
[[rules.swap]]
phrases = ["original heart"]
to = "original aspiration"
[[rules.examples]]
text = "Keep the original heart."
fixed = "Keep the original aspiration."
"#;
    let rule = pack_rule(toml, "heart");
    let meta = rule.meta();
    assert_eq!(meta.summary(), "Flags literal renderings of 初心.");
    for needle in [
        "“original heart” → “original aspiration”",
        "Source: Report to the 19th CPC National Congress",
        "Keep the original heart.",
        "Use instead:",
        "Unsafe:",
    ] {
        assert!(
            meta.docs.contains(needle),
            "docs contain {needle:?}:\n{}",
            meta.docs
        );
    }
}

/// Every example of every built-in pack and glossary passes, and every
/// built-in rule and term has a triggering and a clean example.
#[test]
fn builtin_examples_pass() {
    let compiled = load::<&str>(&[]).unwrap_or_else(|e| panic!("built-in packs compile:\n{e}"));
    let report = compiled.run_examples(|_| true);
    let failures: Vec<String> = report
        .failures
        .iter()
        .map(|f| {
            format!(
                "{} ({}): {:?}: {}",
                f.subject,
                f.path.display(),
                f.example,
                f.problem
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "failing examples:\n{}",
        failures.join("\n")
    );
    assert!(report.examples >= 40, "{} examples", report.examples);
    for compiled in &compiled.rules {
        let mut subjects: Vec<&str> = compiled
            .examples
            .iter()
            .map(|e| e.subject.as_str())
            .collect();
        subjects.dedup();
        if compiled.rule.meta().id != TERMINOLOGY {
            subjects = vec![subjects.first().copied().unwrap_or("")];
        }
        for subject in subjects {
            let of = |triggers: bool| {
                compiled
                    .examples
                    .iter()
                    .any(|e| e.subject == subject && e.triggers == triggers)
            };
            assert!(
                of(true) && of(false),
                "{} `{subject}` needs a triggering and a clean example",
                compiled.rule.meta().id
            );
        }
    }
}
