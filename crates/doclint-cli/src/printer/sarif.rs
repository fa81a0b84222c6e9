//! `--format sarif`: SARIF 2.1.0, as code-scanning services read it.
//!
//! The run lists the rules that ran (with their own documentation as
//! help), and each result its region in 1-based lines and columns (counted
//! in Unicode code points, declared by `columnKind`) plus byte offsets, its
//! fix as `fixes`, related labels and a partial fingerprint that survives
//! edits elsewhere in the file.
//!
//! Written as the files stream in: `results` is serialised file by file;
//! the invocation, which follows it, from the notes kept on the way.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use doclint_core::{Severity, Span, SpanLocation};
use doclint_rules::{FixAvailability, Rule};
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};

use crate::ruledoc;
use crate::run::{CheckedFile, FileOutcome, Reported};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Characters escaped in a relative URI path (RFC 3986 keeps the rest).
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

#[derive(Serialize)]
#[serde(rename_all = "camelCase", bound = "")]
struct Log<'a, I: Iterator<Item = CheckedFile>> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a, I>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase", bound = "")]
struct Run<'a, I: Iterator<Item = CheckedFile>> {
    tool: Tool,
    column_kind: &'static str,
    results: Results<'a, I>,
    invocations: Invocations<'a>,
}

/// Every result of the files `files` yields; unreadable files become
/// notifications for the invocation.
struct Results<'a, I> {
    files: RefCell<I>,
    paths: &'a [PathBuf],
    rule_index: &'a HashMap<&'a str, usize>,
    notifications: &'a RefCell<Vec<Notification>>,
}

impl<I: Iterator<Item = CheckedFile>> Serialize for Results<'_, I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        let mut files = self.files.borrow_mut();
        for file in &mut *files {
            let uri = uri(&file.path);
            let artifact = ArtifactLocation {
                uri: Cow::Borrowed(&uri),
            };
            let problem = match &file.outcome {
                FileOutcome::Failed { message } => Some(("error", message)),
                FileOutcome::Skipped { reason } => Some(("note", reason)),
                FileOutcome::Checked { .. } => None,
            };
            if let Some((level, message)) = problem {
                self.notifications.borrow_mut().push(Notification {
                    level,
                    message: Text {
                        text: message.clone(),
                    },
                    locations: vec![NotificationLocation {
                        physical_location: ArtifactOnly {
                            artifact_location: ArtifactLocation {
                                uri: Cow::Owned(uri.clone()),
                            },
                        },
                    }],
                });
            }
            for reported in file.diagnostics() {
                seq.serialize_element(&result(self.paths, &artifact, reported, self.rule_index))?;
            }
        }
        seq.end()
    }
}

/// The one invocation, read once the results before it are written.
struct Invocations<'a>(&'a RefCell<Vec<Notification>>);

impl Serialize for Invocations<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let notifications = self.0.borrow();
        [Invocation {
            execution_successful: !notifications.iter().any(|n| n.level == "error"),
            tool_execution_notifications: &notifications,
        }]
        .serialize(serializer)
    }
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: String,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleProperties {
    category: &'static str,
    tags: Vec<&'static str>,
    fix: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation<'a>>,
    partial_fingerprints: Fingerprints<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
}

#[derive(Serialize)]
struct Fingerprints<'a> {
    #[serde(rename = "doclint/v1")]
    v1: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation<'a> {
    id: usize,
    physical_location: PhysicalLocation<'a>,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

#[derive(Serialize, Clone)]
struct ArtifactLocation<'a> {
    uri: Cow<'a, str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
    byte_offset: u32,
    byte_length: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Text,
    artifact_changes: Vec<ArtifactChange<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation<'a>,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: ByteRegion,
    inserted_content: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ByteRegion {
    byte_offset: u32,
    byte_length: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tool_execution_notifications: &'a [Notification],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Notification {
    level: &'static str,
    message: Text,
    locations: Vec<NotificationLocation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationLocation {
    physical_location: ArtifactOnly,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactOnly {
    artifact_location: ArtifactLocation<'static>,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a URI reference: relative paths stay relative (resolved
/// against the repository by code-scanning services), absolute ones
/// become `file://` URIs.
pub fn uri(path: &Path) -> String {
    let slashed: String = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    let slashed = slashed.trim_start_matches('/');
    let encoded = utf8_percent_encode(slashed, PATH).to_string();
    if path.is_absolute() {
        format!("file:///{encoded}")
    } else {
        encoded
    }
}

/// `DoubleSpace` from `double-space`, as SARIF's `name` suggests.
fn pascal_case(id: &str) -> String {
    id.split(['-', '/', '_'])
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect()
}

fn descriptor(rule: &dyn Rule) -> ReportingDescriptor {
    let meta = rule.meta();
    let docs = ruledoc::markdown(meta);
    ReportingDescriptor {
        id: meta.id.to_string(),
        name: pascal_case(&meta.id),
        short_description: Text {
            text: ruledoc::summary(meta),
        },
        full_description: Text {
            text: ruledoc::section(meta, "What it does"),
        },
        help: Help {
            text: docs.clone(),
            markdown: docs,
        },
        default_configuration: Configuration {
            level: level(meta.default_severity),
        },
        properties: RuleProperties {
            category: meta.category.as_str(),
            tags: vec![meta.category.as_str()],
            fix: match meta.fix {
                FixAvailability::Always => "always",
                FixAvailability::Sometimes => "sometimes",
                FixAvailability::Never => "never",
            },
        },
    }
}

fn region(span: Span, location: SpanLocation) -> Region {
    Region {
        start_line: location.start.line,
        start_column: location.start.column,
        end_line: location.end.line,
        end_column: location.end.column,
        byte_offset: span.start,
        byte_length: span.end - span.start,
    }
}

fn result<'a>(
    paths: &[PathBuf],
    artifact: &ArtifactLocation<'a>,
    reported: &'a Reported,
    rule_index: &HashMap<&str, usize>,
) -> SarifResult<'a> {
    let d = &reported.diagnostic;
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message = format!("{message} ({help})");
    }
    let related_locations = d
        .labels
        .iter()
        .zip(&reported.labels)
        .enumerate()
        .map(|(id, (label, place))| {
            let artifact = place
                .file
                .and_then(|file| paths.get(file as usize))
                .map_or_else(
                    || artifact.clone(),
                    |other| ArtifactLocation {
                        uri: Cow::Owned(uri(other)),
                    },
                );
            RelatedLocation {
                id,
                physical_location: PhysicalLocation {
                    artifact_location: artifact,
                    region: region(label.span, place.location),
                },
                message: Text {
                    text: label.message.clone(),
                },
            }
        })
        .collect();
    let fixes = d
        .fix
        .iter()
        .map(|fix| SarifFix {
            description: Text {
                text: format!("{} ({})", fix.title, fix_kind(fix.applicability)),
            },
            artifact_changes: vec![ArtifactChange {
                artifact_location: artifact.clone(),
                replacements: fix
                    .edits
                    .iter()
                    .map(|edit| Replacement {
                        deleted_region: ByteRegion {
                            byte_offset: edit.span.start,
                            byte_length: edit.span.end - edit.span.start,
                        },
                        inserted_content: Text {
                            text: edit.replacement.clone(),
                        },
                    })
                    .collect(),
            }],
        })
        .collect();
    SarifResult {
        rule_id: &d.rule,
        rule_index: rule_index.get(d.rule.as_ref()).copied(),
        level: level(d.severity),
        message: Text { text: message },
        locations: vec![Location {
            physical_location: PhysicalLocation {
                artifact_location: artifact.clone(),
                region: region(d.span, reported.location),
            },
        }],
        related_locations,
        partial_fingerprints: Fingerprints {
            v1: &reported.fingerprint,
        },
        fixes,
    }
}

fn fix_kind(applicability: doclint_core::Applicability) -> &'static str {
    match applicability {
        doclint_core::Applicability::Safe => "safe: applied by --fix",
        doclint_core::Applicability::Unsafe => "unsafe: needs --unsafe-fixes",
    }
}

/// Writes the log of `files`; `paths` are every input path, by file id
/// (labels in other files name theirs).
pub fn print(
    out: &mut dyn Write,
    files: impl Iterator<Item = CheckedFile>,
    paths: &[PathBuf],
    rules: &[Box<dyn Rule>],
) -> std::io::Result<()> {
    let descriptors: Vec<ReportingDescriptor> =
        rules.iter().map(|rule| descriptor(rule.as_ref())).collect();
    let rule_index: HashMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, rule)| (rule.meta().id.as_ref(), i))
        .collect();
    let notifications = RefCell::new(Vec::new());
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "doclint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: descriptors,
                },
            },
            column_kind: "unicodeCodePoints",
            results: Results {
                files: RefCell::new(files),
                paths,
                rule_index: &rule_index,
                notifications: &notifications,
            },
            invocations: Invocations(&notifications),
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_escaped() {
        assert_eq!(uri(Path::new("./docs/a b#1.md")), "docs/a%20b%231.md");
        assert_eq!(uri(Path::new("/tmp/x.md")), "file:///tmp/x.md");
        assert_eq!(uri(Path::new("docs/é.md")), "docs/%C3%A9.md");
        assert_eq!(pascal_case("double-space"), "DoubleSpace");
    }
}
