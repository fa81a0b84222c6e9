//! Reading pack files and compiling them into rules, collecting every
//! error with its position.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use doclint_core::{read_small_file, Applicability, Severity, SmallFileError};
use toml::Spanned;

use super::consistency::ConsistencyRule;
use super::docs::{self, KindDocs, RuleDocs};
use super::errors::{PackError, PackErrors, PackLabel};
use super::existence::ExistenceRule;
use super::glossary;
use super::matcher::{
    fold_phrase, CaseMode, Finder, Needle, ParagraphScope, PhraseIndexBuilder, TaggedNeedle,
};
use super::schema::{RawExample, RawFile, RawPackHeader, RawRule};
use super::substitution::{SubstitutionRule, SwapTarget};
use super::{CompiledPacks, CompiledRule, Example, PackSource};
use crate::rule::{Category, FixAvailability, Rule, RuleMeta};

const KINDS: &str = "existence, substitution, consistency";

/// Reads the `.toml` files named by `paths`: a file is read as given, a
/// directory contributes its `*.toml` files (not recursively) in name order.
pub fn read_pack_paths<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<PackSource>, PackErrors> {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let path = path.as_ref();
        if path.is_dir() {
            let entries = match std::fs::read_dir(path) {
                Ok(entries) => entries,
                Err(err) => {
                    errors.push(PackError::file(
                        path,
                        format!("cannot read directory: {err}"),
                    ));
                    continue;
                }
            };
            let mut files: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                // A `*.toml` that is not a regular file (a named pipe, a
                // link to a device, a dangling link) is read like one named
                // alone, and so refused with an error naming it, not skipped.
                .filter(|file| !file.is_dir() && file.extension().is_some_and(|ext| ext == "toml"))
                .collect();
            files.sort();
            for file in files {
                read_one(&file, &mut sources, &mut errors);
            }
        } else {
            read_one(path, &mut sources, &mut errors);
        }
    }
    if errors.is_empty() {
        Ok(sources)
    } else {
        Err(PackErrors(errors))
    }
}

/// Rule packs and glossaries are small TOML files; a bigger file is a
/// mistake (a device such as `/dev/zero` would never end).
const MAX_PACK_BYTES: u64 = 16 << 20;

/// The bytes of a pack file: a regular file of at most [`MAX_PACK_BYTES`].
fn read_pack_file(path: &Path) -> Result<Vec<u8>, String> {
    read_small_file(path, MAX_PACK_BYTES).map_err(|err| match err {
        SmallFileError::Io(err) => format!("cannot read: {err}"),
        SmallFileError::TooLarge(_) => format!("{err}; a rule pack is a small TOML file"),
        SmallFileError::NotRegular => err.to_string(),
    })
}

fn read_one(path: &Path, sources: &mut Vec<PackSource>, errors: &mut Vec<PackError>) {
    match read_pack_file(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => sources.push(PackSource {
                path: path.to_path_buf(),
                text: Arc::from(text),
                builtin: false,
            }),
            Err(err) => errors.push(PackError::file(
                path,
                format!(
                    "not UTF-8 (invalid byte at offset {})",
                    err.utf8_error().valid_up_to()
                ),
            )),
        },
        Err(message) => errors.push(PackError::file(path, message)),
    }
}

/// A parsed file, before compiling.
struct Parsed {
    source: usize,
    name: String,
    name_span: Option<Range<usize>>,
    raw: RawFile,
}

/// Compiles `sources` into rules. A project file whose pack name equals a
/// built-in pack's replaces that built-in pack. All glossary terms, from
/// every file, make up the one `terminology` rule.
pub fn compile(sources: Vec<PackSource>) -> Result<CompiledPacks, PackErrors> {
    let mut errors = Vec::new();
    let mut parsed = Vec::new();
    for (index, source) in sources.iter().enumerate() {
        match toml::from_str::<RawFile>(&source.text) {
            Ok(raw) => {
                let (name, name_span) = pack_name(source, raw.pack.as_ref());
                parsed.push(Parsed {
                    source: index,
                    name,
                    name_span,
                    raw,
                });
            }
            Err(err) => {
                let span = err.span().unwrap_or(0..0);
                errors.push(PackError::at(
                    &source.path,
                    &source.text,
                    span,
                    err.message().trim_end().to_owned(),
                ));
            }
        }
    }

    // Project packs replace built-in packs of the same name.
    let project_names: Vec<String> = parsed
        .iter()
        .filter(|p| !sources[p.source].builtin)
        .map(|p| p.name.clone())
        .collect();
    parsed.retain(|p| !(sources[p.source].builtin && project_names.contains(&p.name)));

    let mut seen_names: HashMap<String, usize> = HashMap::new();
    for (i, file) in parsed.iter().enumerate() {
        if let Some(&first) = seen_names.get(&file.name) {
            let other = &parsed[first];
            let source = &sources[file.source];
            let mut error = PackError::at(
                &source.path,
                &source.text,
                file.name_span.clone().unwrap_or(0..0),
                format!("duplicate pack name `{}`", file.name),
            );
            let other_source = &sources[other.source];
            error = error.with_label(PackLabel {
                path: other_source.path.clone(),
                text: other_source.text.clone(),
                span: other.name_span.clone().unwrap_or(0..0),
                message: "first defined here".to_owned(),
            });
            if file.name_span.is_none() {
                error = error.with_note(
                    "the pack name defaults to the file name; set `[pack] name` to tell them apart",
                );
            }
            errors.push(error);
        } else {
            seen_names.insert(file.name.clone(), i);
        }
    }

    let mut rules = Vec::new();
    let mut terms = Vec::new();
    let mut phrase_index = PhraseIndexBuilder::new();
    for file in &parsed {
        let source = &sources[file.source];
        let mut cx = FileCx {
            source,
            source_index: file.source,
            errors: &mut errors,
        };
        let defaults = Defaults::of(&mut cx, file.raw.pack.as_ref());
        if let Some(header) = &file.raw.pack {
            if let Some(name) = &header.name {
                if !is_kebab(name.get_ref()) {
                    cx.error(
                        name.span(),
                        format!(
                            "pack name `{}` must be kebab-case (lower-case letters, digits, hyphens)",
                            name.get_ref()
                        ),
                    );
                }
            }
        }
        let mut ids: HashMap<String, Range<usize>> = HashMap::new();
        for rule in &file.raw.rules {
            let id = rule.get_ref().id.get_ref();
            if let Some(first) = ids.get(id) {
                let label = PackLabel {
                    path: source.path.clone(),
                    text: source.text.clone(),
                    span: first.clone(),
                    message: "first defined here".to_owned(),
                };
                let error = PackError::at(
                    &source.path,
                    &source.text,
                    rule.get_ref().id.span(),
                    format!("duplicate rule id `{}/{id}`", file.name),
                )
                .with_label(label);
                cx.errors.push(error);
                continue;
            }
            ids.insert(id.clone(), rule.get_ref().id.span());
            if let Some(compiled) =
                compile_rule(&mut cx, &mut phrase_index, &file.name, &defaults, rule)
            {
                rules.push(compiled);
            }
        }
        for term in &file.raw.terms {
            terms.push((file.source, term));
        }
    }

    let terminology = glossary::compile_terms(&sources, &terms, &mut phrase_index, &mut errors);
    if let Err(message) = phrase_index.finish() {
        errors.push(PackError::file("rule packs", message));
    }

    if !errors.is_empty() {
        return Err(PackErrors(errors));
    }
    let mut all = Vec::with_capacity(rules.len() + 1);
    all.extend(terminology);
    all.extend(rules);
    Ok(CompiledPacks {
        sources,
        rules: all,
    })
}

fn pack_name(
    source: &PackSource,
    header: Option<&RawPackHeader>,
) -> (String, Option<Range<usize>>) {
    if let Some(name) = header.and_then(|h| h.name.as_ref()) {
        return (name.get_ref().clone(), Some(name.span()));
    }
    let stem = source
        .path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    (stem, None)
}

/// Errors of one file go through here.
pub(crate) struct FileCx<'a> {
    pub source: &'a PackSource,
    pub source_index: usize,
    pub errors: &'a mut Vec<PackError>,
}

impl FileCx<'_> {
    pub(crate) fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.errors.push(PackError::at(
            &self.source.path,
            &self.source.text,
            span,
            message,
        ));
    }

    /// Parses an optional enumerated value, reporting an unknown one.
    pub(crate) fn choice<T>(
        &mut self,
        value: Option<&Spanned<String>>,
        what: &str,
        known: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let value = value?;
        let parsed = parse(value.get_ref());
        if parsed.is_none() {
            self.error(
                value.span(),
                format!(
                    "unknown {what} `{}`; expected one of: {known}",
                    value.get_ref()
                ),
            );
        }
        parsed
    }

    pub(crate) fn severity(&mut self, value: Option<&Spanned<String>>) -> Option<Severity> {
        self.choice(
            value,
            "severity",
            "error, warning, info",
            severity_from_name,
        )
    }

    pub(crate) fn case(&mut self, value: Option<&Spanned<String>>) -> Option<CaseMode> {
        self.choice(value, "case", CaseMode::NAMES, CaseMode::from_name)
    }

    /// Compiles needles; a needle that fails is reported at its own place.
    pub(crate) fn finder(
        &mut self,
        needles: &[TaggedNeedle],
        spans: &[Range<usize>],
        scope: ParagraphScope,
        index: &mut PhraseIndexBuilder,
    ) -> Option<Finder> {
        match Finder::new(needles, scope, index) {
            Ok(finder) => Some(finder),
            Err(failures) => {
                for failure in failures {
                    let span = spans.get(failure.index).cloned().unwrap_or(0..0);
                    let span = point_into_string(&self.source.text, span, failure.offset);
                    self.error(span, failure.message);
                }
                None
            }
        }
    }

    pub(crate) fn examples(
        &mut self,
        raw: &[Spanned<RawExample>],
        has_fix: bool,
        subject: &str,
    ) -> Vec<Example> {
        let mut out = Vec::new();
        for example in raw {
            let value = example.get_ref();
            let triggers = value.triggers.unwrap_or(true);
            if value.fixed.is_some() && !triggers {
                self.error(
                    example.span(),
                    "an example with `triggers = false` cannot have `fixed`",
                );
                continue;
            }
            if value.fixed.is_some() && !has_fix {
                self.error(example.span(), "`fixed` given, but this rule offers no fix");
                continue;
            }
            out.push(Example {
                text: value.text.clone(),
                triggers,
                fixed: value.fixed.clone(),
                source: self.source_index,
                span: example.span(),
                subject: subject.to_owned(),
            });
        }
        out
    }
}

/// The place of a problem at byte `offset` inside a TOML string value at
/// `span`: exact for a one-line literal string ('...'), whose text is the
/// value itself; otherwise the whole string.
pub(crate) fn point_into_string(
    text: &str,
    span: Range<usize>,
    offset: Option<usize>,
) -> Range<usize> {
    let Some(offset) = offset else {
        return span;
    };
    let Some(raw) = text.get(span.clone()) else {
        return span;
    };
    if !raw.starts_with('\'') || raw.starts_with("'''") || raw.contains('\n') {
        return span;
    }
    let start = span.start + 1 + offset;
    if start < span.end.saturating_sub(1) && text.is_char_boundary(start) {
        let width = text[start..].chars().next().map_or(1, char::len_utf8);
        start..start + width
    } else {
        span
    }
}

pub(crate) fn severity_from_name(name: &str) -> Option<Severity> {
    match name {
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        "info" => Some(Severity::Info),
        _ => None,
    }
}

fn category_names() -> String {
    Category::ALL
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Pack-level defaults for its rules.
struct Defaults {
    category: Category,
    severity: Severity,
    description: Option<String>,
}

impl Defaults {
    fn of(cx: &mut FileCx, header: Option<&RawPackHeader>) -> Self {
        let category = header
            .and_then(|h| {
                cx.choice(
                    h.category.as_ref(),
                    "category",
                    &category_names(),
                    Category::from_name,
                )
            })
            .unwrap_or(Category::Language);
        let severity = header
            .and_then(|h| cx.severity(h.severity.as_ref()))
            .unwrap_or(Severity::Warning);
        Defaults {
            category,
            severity,
            description: header.and_then(|h| h.description.clone()),
        }
    }
}

pub(crate) fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn compile_rule(
    cx: &mut FileCx,
    index: &mut PhraseIndexBuilder,
    pack: &str,
    defaults: &Defaults,
    spanned: &Spanned<RawRule>,
) -> Option<CompiledRule> {
    let raw = spanned.get_ref();
    let errors_before = cx.errors.len();
    let local_id = raw.id.get_ref();
    if !is_kebab(local_id) {
        cx.error(
            raw.id.span(),
            format!(
                "rule id `{local_id}` must be kebab-case (lower-case letters, digits, hyphens)"
            ),
        );
    }
    let id = format!("{pack}/{local_id}");
    let severity = cx
        .severity(raw.severity.as_ref())
        .unwrap_or(defaults.severity);
    let category = cx
        .choice(
            raw.category.as_ref(),
            "category",
            &category_names(),
            Category::from_name,
        )
        .unwrap_or(defaults.category);
    let case = cx.case(raw.case.as_ref()).unwrap_or(CaseMode::Insensitive);
    let scope = cx
        .choice(
            raw.scope.as_ref(),
            "scope",
            ParagraphScope::NAMES,
            ParagraphScope::from_name,
        )
        .unwrap_or(ParagraphScope::All);
    let kind = raw.kind.get_ref().as_str();

    // Fields that belong to other kinds are mistakes worth reporting.
    let misplaced = |field: &str, present: bool| present.then(|| field.to_owned());
    let stray: Vec<String> = match kind {
        "existence" => [
            misplaced("swap", raw.swap.is_some()),
            misplaced("groups", raw.groups.is_some()),
            misplaced("fix", raw.fix.is_some()),
        ]
        .into_iter()
        .flatten()
        .collect(),
        "substitution" => [
            misplaced("phrases", raw.phrases.is_some()),
            misplaced("patterns", raw.patterns.is_some()),
            misplaced("groups", raw.groups.is_some()),
        ]
        .into_iter()
        .flatten()
        .collect(),
        "consistency" => [
            misplaced("phrases", raw.phrases.is_some()),
            misplaced("patterns", raw.patterns.is_some()),
            misplaced("swap", raw.swap.is_some()),
        ]
        .into_iter()
        .flatten()
        .collect(),
        _ => {
            cx.error(
                raw.kind.span(),
                format!("unknown kind `{kind}`; expected one of: {KINDS}"),
            );
            return None;
        }
    };
    for field in stray {
        cx.error(
            raw.kind.span(),
            format!("`{field}` is not used by rules of kind `{kind}`"),
        );
    }

    let fix = match kind {
        "existence" => None,
        _ => match raw.fix.as_ref() {
            Some(value) => cx.choice(
                Some(value),
                "fix",
                "safe, unsafe, none",
                |name| match name {
                    "safe" => Some(Some(Applicability::Safe)),
                    "unsafe" => Some(Some(Applicability::Unsafe)),
                    "none" => Some(None),
                    _ => None,
                },
            )?,
            None if kind == "substitution" => {
                cx.error(
                    raw.kind.span(),
                    "a substitution rule must state its fix: `fix = \"safe\"`, `\"unsafe\"` or `\"none\"`",
                );
                None
            }
            None => Some(Applicability::Unsafe),
        },
    };

    let examples = cx.examples(&raw.examples, fix.is_some(), &format!("rule `{id}`"));
    let mut rule_docs = RuleDocs {
        pack: pack.to_owned(),
        pack_description: defaults.description.clone(),
        path: cx.source.path.clone(),
        kind: kind.to_owned(),
        description: raw.description.clone(),
        message: raw.message.get_ref().clone(),
        help: raw.help.clone(),
        link: raw.link.clone(),
        source: raw.source.clone(),
        case,
        scope,
        fix,
        details: KindDocs::Existence(Vec::new()),
        examples: examples.clone(),
    };

    let meta = |fix_availability: FixAvailability, docs: String| RuleMeta {
        id: Cow::Owned(id.clone()),
        category,
        default_severity: severity,
        fix: fix_availability,
        docs: Cow::Owned(docs),
    };
    let message = raw.message.get_ref().clone();
    let help = raw.help.clone();

    let rule: Box<dyn Rule> = match kind {
        "existence" => {
            let (needles, spans) = needles_of(
                raw.phrases.as_deref().unwrap_or_default(),
                raw.patterns.as_deref().unwrap_or_default(),
                0,
                case,
            );
            if needles.is_empty() {
                cx.error(
                    raw.kind.span(),
                    "an existence rule needs `phrases` or `patterns` to look for",
                );
            }
            let finder = cx.finder(&needles, &spans, scope, index);
            rule_docs.details =
                KindDocs::Existence(needles.into_iter().map(|(n, _, _)| n).collect());
            let docs = docs::rule_docs(&rule_docs);
            Box::new(ExistenceRule {
                meta: meta(FixAvailability::Never, docs),
                finder: finder?,
                message,
                help,
            })
        }
        "substitution" => {
            let swaps = raw.swap.as_deref().unwrap_or_default();
            if swaps.is_empty() {
                cx.error(
                    raw.kind.span(),
                    "a substitution rule needs at least one `[[rules.swap]]`",
                );
            }
            let mut needles = Vec::new();
            let mut spans = Vec::new();
            let mut targets = Vec::new();
            let mut listing = Vec::new();
            for swap in swaps {
                let value = swap.get_ref();
                if value.phrases.is_empty() && value.patterns.is_empty() {
                    cx.error(swap.span(), "a swap needs `phrases` or `patterns`");
                }
                let tag = targets.len() as u32;
                let (n, s) = needles_of(&value.phrases, &value.patterns, tag, case);
                listing.push((
                    n.iter().map(|(needle, _, _)| needle.clone()).collect(),
                    value.to.get_ref().clone(),
                ));
                needles.extend(n);
                spans.extend(s);
                targets.push(SwapTarget {
                    to: value.to.get_ref().clone(),
                    message: None,
                    help: None,
                    severity: None,
                });
            }
            let finder = cx.finder(&needles, &spans, scope, index);
            rule_docs.details = KindDocs::Substitution(listing);
            let docs = docs::rule_docs(&rule_docs);
            let availability = if fix.is_some() {
                FixAvailability::Always
            } else {
                FixAvailability::Never
            };
            Box::new(SubstitutionRule {
                meta: meta(availability, docs),
                finder: finder?,
                targets,
                message,
                help,
                fix,
            })
        }
        _ => {
            let groups = raw.groups.as_deref().unwrap_or_default();
            if groups.is_empty() {
                cx.error(
                    raw.kind.span(),
                    "a consistency rule needs `groups` of variants",
                );
            }
            let mut needles = Vec::new();
            let mut spans = Vec::new();
            let mut variant_of_tag = Vec::new();
            let mut listed = Vec::new();
            for (g, group) in groups.iter().enumerate() {
                if group.get_ref().len() < 2 {
                    cx.error(group.span(), "a group needs at least two variants");
                }
                let mut variants = Vec::new();
                for (v, variant) in group.get_ref().iter().enumerate() {
                    needles.push((
                        Needle::Phrase(variant.get_ref().clone()),
                        variant_of_tag.len() as u32,
                        case,
                    ));
                    spans.push(variant.span());
                    variant_of_tag.push((g, v));
                    variants.push(fold_phrase(variant.get_ref()));
                }
                listed.push(variants);
            }
            let finder = cx.finder(&needles, &spans, scope, index);
            rule_docs.details = KindDocs::Consistency(listed.clone());
            let docs = docs::rule_docs(&rule_docs);
            let availability = if fix.is_some() {
                FixAvailability::Sometimes
            } else {
                FixAvailability::Never
            };
            Box::new(ConsistencyRule {
                meta: meta(availability, docs),
                finder: finder?,
                groups: listed,
                variant_of_tag,
                message,
                help,
                fix,
            })
        }
    };
    if cx.errors.len() > errors_before {
        return None;
    }
    Some(CompiledRule { rule, examples })
}

/// Phrases then patterns, all with one tag and case mode, with the span of
/// each for errors.
pub(crate) fn needles_of(
    phrases: &[Spanned<String>],
    patterns: &[Spanned<String>],
    tag: u32,
    case: CaseMode,
) -> (Vec<TaggedNeedle>, Vec<Range<usize>>) {
    let mut needles = Vec::with_capacity(phrases.len() + patterns.len());
    let mut spans = Vec::with_capacity(phrases.len() + patterns.len());
    for phrase in phrases {
        needles.push((Needle::Phrase(phrase.get_ref().clone()), tag, case));
        spans.push(phrase.span());
    }
    for pattern in patterns {
        needles.push((Needle::Pattern(pattern.get_ref().clone()), tag, case));
        spans.push(pattern.span());
    }
    (needles, spans)
}
