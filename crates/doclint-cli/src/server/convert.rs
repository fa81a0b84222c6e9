//! doclint's values as the protocol's: file URIs, diagnostics.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use doclint_core::{Diagnostic, Document, Severity};
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, Range, Uri,
};

use super::position::{Cursor, Encoding, LineMap};

/// The path of a `file:` URI.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let rest = text.strip_prefix("file://")?;
    // `file:///path` or `file://localhost/path`.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    Some(PathBuf::from(decoded.as_ref()))
}

/// The `file:` URI of an absolute path (as SARIF writes it).
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    crate::printer::sarif::uri(path).parse().ok()
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// A problem with the document or its configuration, at its start.
pub fn problem(code: &str, message: String) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        range: Range::default(),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String(code.to_owned())),
        source: Some("doclint".to_owned()),
        message,
        ..lsp_types::Diagnostic::default()
    }
}

/// The protocol's diagnostics for `reported`, findings in `text` (sorted
/// by position). `corpus` resolves labels in other files of the run.
pub fn diagnostics(
    uri: &Uri,
    text: &str,
    map: &LineMap,
    reported: &[Diagnostic],
    corpus: &[(PathBuf, Arc<Document>)],
    encoding: Encoding,
    link: &dyn Fn(&str) -> Option<Uri>,
) -> Vec<lsp_types::Diagnostic> {
    let mut cursor = Cursor::default();
    let mut links: Vec<(String, Option<Uri>)> = Vec::new();
    reported
        .iter()
        .map(|d| {
            let range = map.range(text, d.span.start(), d.span.end(), &mut cursor);
            let related: Vec<DiagnosticRelatedInformation> = d
                .labels
                .iter()
                .filter_map(|label| {
                    let (label_uri, range) = match label.file {
                        None => (
                            uri.clone(),
                            map.range(
                                text,
                                label.span.start(),
                                label.span.end(),
                                &mut Cursor::default(),
                            ),
                        ),
                        Some(file) => {
                            let (path, doc) = corpus.get(file as usize)?;
                            let other = LineMap::new(doc.text(), encoding);
                            (
                                path_to_uri(path)?,
                                other.range(
                                    doc.text(),
                                    label.span.start(),
                                    label.span.end(),
                                    &mut Cursor::default(),
                                ),
                            )
                        }
                    };
                    Some(DiagnosticRelatedInformation {
                        location: Location {
                            uri: label_uri,
                            range,
                        },
                        message: label.message.clone(),
                    })
                })
                .collect();
            let href = match links.iter().find(|(rule, _)| *rule == d.rule) {
                Some((_, href)) => href.clone(),
                None => {
                    let href = link(&d.rule);
                    links.push((d.rule.to_string(), href.clone()));
                    href
                }
            };
            let message = match &d.help {
                Some(help) => format!("{}\nhelp: {help}", d.message),
                None => d.message.clone(),
            };
            lsp_types::Diagnostic {
                range,
                severity: Some(severity(d.severity)),
                code: Some(NumberOrString::String(d.rule.to_string())),
                code_description: href.map(|href| CodeDescription { href }),
                source: Some("doclint".to_owned()),
                message,
                related_information: (!related.is_empty()).then_some(related),
                ..lsp_types::Diagnostic::default()
            }
        })
        .collect()
}

/// Whether two ranges overlap or touch.
pub fn touches(a: Range, b: Range) -> bool {
    let before = |x: Position, y: Position| (x.line, x.character) <= (y.line, y.character);
    before(a.start, b.end) && before(b.start, a.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_round_trip_with_escapes() {
        let path = Path::new("/tmp/a dir/résumé #1.md");
        let uri = path_to_uri(path).expect("uri");
        assert!(
            uri.as_str().starts_with("file:///tmp/a%20dir/"),
            "{}",
            uri.as_str()
        );
        assert_eq!(uri_to_path(&uri).as_deref(), Some(path));
        let plain: Uri = "file:///home/x/doc.txt".parse().expect("uri");
        assert_eq!(uri_to_path(&plain), Some(PathBuf::from("/home/x/doc.txt")));
        let untitled: Uri = "untitled:Untitled-1".parse().expect("uri");
        assert_eq!(uri_to_path(&untitled), None);
    }
}
