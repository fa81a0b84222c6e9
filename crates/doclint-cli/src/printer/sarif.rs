//! `--format sarif`: SARIF 2.1.0, as code-scanning services read it.
//!
//! The run lists the rules that ran (with their own documentation as
//! help), and each result its region in 1-based lines and columns (counted
//! in Unicode code points, declared by `columnKind`) plus byte offsets, its
//! fix as `fixes`, related labels and a partial fingerprint that survives
//! edits elsewhere in the file.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use doclint_core::{Severity, Span, SpanLocation};
use doclint_rules::{FixAvailability, Rule};
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde::Serialize;

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
#[serde(rename_all = "camelCase")]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
    invocations: Vec<Invocation>,
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
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation>,
    partial_fingerprints: HashMap<&'static str, &'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation {
    id: usize,
    physical_location: PhysicalLocation,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize, Clone)]
struct ArtifactLocation {
    uri: String,
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
struct SarifFix {
    description: Text,
    artifact_changes: Vec<ArtifactChange>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
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
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
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
    artifact_location: ArtifactLocation,
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
    files: &[CheckedFile],
    artifact: &ArtifactLocation,
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
                .and_then(|file| files.get(file as usize))
                .map_or_else(
                    || artifact.clone(),
                    |other| ArtifactLocation {
                        uri: uri(&other.path),
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
        partial_fingerprints: HashMap::from([("doclint/v1", reported.fingerprint.as_str())]),
        fixes,
    }
}

fn fix_kind(applicability: doclint_core::Applicability) -> &'static str {
    match applicability {
        doclint_core::Applicability::Safe => "safe: applied by --fix",
        doclint_core::Applicability::Unsafe => "unsafe: needs --unsafe-fixes",
    }
}

pub fn print(
    out: &mut dyn Write,
    files: &[CheckedFile],
    rules: &[Box<dyn Rule>],
) -> std::io::Result<()> {
    let descriptors: Vec<ReportingDescriptor> =
        rules.iter().map(|rule| descriptor(rule.as_ref())).collect();
    let rule_index: HashMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, rule)| (rule.meta().id.as_ref(), i))
        .collect();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for file in files {
        let artifact = ArtifactLocation {
            uri: uri(&file.path),
        };
        let problem = match &file.outcome {
            FileOutcome::Failed { message } => Some(("error", message)),
            FileOutcome::Skipped { reason } => Some(("note", reason)),
            FileOutcome::Checked { .. } => None,
        };
        if let Some((level, message)) = problem {
            notifications.push(Notification {
                level,
                message: Text {
                    text: message.clone(),
                },
                locations: vec![NotificationLocation {
                    physical_location: ArtifactOnly {
                        artifact_location: artifact.clone(),
                    },
                }],
            });
        }
        for reported in file.diagnostics() {
            results.push(result(files, &artifact, reported, &rule_index));
        }
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "doclint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: descriptors,
                },
            },
            column_kind: "unicodeCodePoints",
            results,
            invocations: vec![Invocation {
                execution_successful: !notifications.iter().any(|n| n.level == "error"),
                tool_execution_notifications: notifications,
            }],
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
