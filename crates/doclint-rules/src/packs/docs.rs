//! The documentation of pack rules, as `doclint explain` prints it, built
//! from the pack's own message, help, source and examples.

use std::fmt::Write as _;
use std::path::PathBuf;

use doclint_core::{Applicability, Severity};

use super::matcher::{CaseMode, Needle, ParagraphScope};
use super::Example;

/// What a rule looks for, by kind.
pub(crate) enum KindDocs {
    Existence(Vec<Needle>),
    /// (what is flagged, the replacement) per swap.
    Substitution(Vec<(Vec<Needle>, String)>),
    Consistency(Vec<Vec<String>>),
}

pub(crate) struct RuleDocs {
    pub pack: String,
    pub pack_description: Option<String>,
    pub path: PathBuf,
    pub kind: String,
    pub description: Option<String>,
    pub message: String,
    pub help: Option<String>,
    pub link: Option<String>,
    pub source: Option<String>,
    pub case: CaseMode,
    pub scope: ParagraphScope,
    pub fix: Option<Applicability>,
    pub details: KindDocs,
    pub examples: Vec<Example>,
}

pub(crate) struct TermDocs {
    pub preferred: String,
    pub variants: Vec<Needle>,
    pub note: Option<String>,
    pub source: Option<String>,
    pub link: Option<String>,
    pub severity: Severity,
}

/// How many listed phrases the docs show before "and N more".
const SHOWN: usize = 12;

/// Appends the needles, quoted, separated by commas (at most [`SHOWN`]).
fn push_needles(out: &mut String, needles: &[Needle]) {
    for (i, needle) in needles.iter().take(SHOWN).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        match needle {
            Needle::Phrase(phrase) => {
                out.push('“');
                out.push_str(phrase);
                out.push('”');
            }
            Needle::Pattern(pattern) => {
                out.push('`');
                out.push_str(pattern);
                out.push('`');
            }
        }
    }
    if needles.len() > SHOWN {
        let _ = write!(out, " and {} more", needles.len() - SHOWN);
    }
}

fn needle_list(needles: &[Needle]) -> String {
    let mut out = String::new();
    push_needles(&mut out, needles);
    out
}

/// A message or help template as documentation: its placeholders named.
fn summary_of(message: &str) -> String {
    message
        .replace("“{match}”", "{match}")
        .replace("“{replacement}”", "{replacement}")
        .replace("{match}", "the flagged text")
        .replace("{replacement}", "the replacement listed above")
}

fn examples_section(out: &mut String, examples: &[Example]) {
    let hit = examples.iter().find(|e| e.triggers);
    let clean = examples.iter().find(|e| !e.triggers);
    if hit.is_none() && clean.is_none() {
        return;
    }
    out.push_str("\n## Example\n");
    if let Some(hit) = hit {
        let _ = writeln!(out, "```text\n{}\n```", hit.text.trim_end());
        if let Some(fixed) = &hit.fixed {
            let _ = writeln!(out, "Use instead:\n```text\n{}\n```", fixed.trim_end());
        }
    }
    if let Some(clean) = clean {
        let _ = writeln!(out, "Not flagged:\n```text\n{}\n```", clean.text.trim_end());
    }
}

pub(crate) fn rule_docs(rule: &RuleDocs) -> String {
    let mut out = String::with_capacity(1024);
    out.push_str("## What it does\n");
    let summary = rule
        .description
        .clone()
        .unwrap_or_else(|| summary_of(&rule.message));
    let _ = writeln!(out, "{}\n", summary.trim());
    let _ = writeln!(
        out,
        "A `{}` rule of the pack `{}` ({}), matched {} in {}.",
        rule.kind,
        rule.pack,
        rule.path.display(),
        match rule.case {
            CaseMode::Insensitive => "in any case",
            CaseMode::Sensitive => "case-sensitively",
        },
        rule.scope.describe()
    );
    if let Some(about) = &rule.pack_description {
        let _ = writeln!(out, "The pack: {}", about.trim());
    }
    match &rule.details {
        KindDocs::Existence(needles) => {
            out.push_str("\nFlags ");
            push_needles(&mut out, needles);
            out.push_str(".\n");
        }
        KindDocs::Substitution(swaps) => {
            out.push_str("\nReplaces:\n");
            for (needles, to) in swaps.iter().take(SHOWN) {
                out.push_str("- ");
                push_needles(&mut out, needles);
                out.push_str(" → “");
                out.push_str(to);
                out.push_str("”\n");
            }
            if swaps.len() > SHOWN {
                let _ = writeln!(out, "- and {} more", swaps.len() - SHOWN);
            }
        }
        KindDocs::Consistency(groups) => {
            out.push_str("\nVariants that must not be mixed in one document:\n");
            for group in groups {
                let shown: Vec<String> = group.iter().map(|v| format!("“{v}”")).collect();
                let _ = writeln!(out, "- {}", shown.join(" / "));
            }
        }
    }
    out.push_str("\n## Why is this bad?\n");
    match &rule.help {
        Some(help) => {
            let _ = writeln!(out, "{}", summary_of(help).trim());
        }
        None => {
            let _ = writeln!(out, "The pack `{}` lists these as defects.", rule.pack);
        }
    }
    if let Some(source) = &rule.source {
        let _ = writeln!(out, "\nSource: {}", source.trim());
    }
    if let Some(link) = &rule.link {
        let _ = writeln!(out, "\nSee: {}", link.trim());
    }
    examples_section(&mut out, &rule.examples);
    out.push_str("\n## Fix safety\n");
    let fix = match (rule.fix, &rule.details) {
        (None, _) => "No fix: a reader decides how to rewrite the text.",
        (Some(Applicability::Safe), KindDocs::Consistency(_)) => {
            "Safe (the pack says so): the minority variant becomes the majority's; ties get no fix."
        }
        (Some(Applicability::Unsafe), KindDocs::Consistency(_)) => {
            "Unsafe: the minority variant becomes the majority's, which a reader should confirm; ties get no fix."
        }
        (Some(Applicability::Safe), _) => {
            "Safe (the pack says so): the replacement is applied by `--fix`, keeping the case of the first letter."
        }
        (Some(Applicability::Unsafe), _) => {
            "Unsafe: the replacement keeps the case of the first letter, but a reader should check the sentence around it."
        }
    };
    let _ = writeln!(out, "{fix}");
    out
}

pub(crate) fn terminology_docs(terms: &[TermDocs], examples: &[Example]) -> String {
    let mut out = String::new();
    out.push_str(
        "## What it does\n\
         Flags a discouraged rendering of a glossary term and suggests the preferred one.\n\n\
         The glossary is the `[[terms]]` of the built-in `rules/glossary/*.toml` files and of \
         the project's pack and glossary files. Each term has a preferred form, discouraged \
         variants (phrases or regular expressions), a note, a source and a severity.\n\n\
         ## Why is this bad?\n\
         Machine translation renders one official term several ways, often word for word. \
         Readers, search and the organisation's own style all need one established form.\n\n\
         Terms:\n",
    );
    for term in terms {
        let _ = writeln!(
            out,
            "- “{}” ({}) instead of {}",
            term.preferred,
            term.severity,
            needle_list(&term.variants)
        );
        if let Some(note) = &term.note {
            let _ = writeln!(out, "  {}", note.trim());
        }
        if let Some(source) = &term.source {
            let _ = writeln!(out, "  Source: {}", source.trim());
        }
        if let Some(link) = &term.link {
            let _ = writeln!(out, "  See: {}", link.trim());
        }
    }
    examples_section(&mut out, examples);
    out.push_str(
        "\n## Fix safety\n\
         Unsafe: the preferred term replaces the variant, keeping the case of its first letter, \
         but the sentence around it may need rewording.\n",
    );
    out
}
