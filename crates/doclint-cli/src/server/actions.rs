//! Code actions, hover and commands.
//!
//! - Each finding's fix is a quick fix; safe fixes are marked preferred,
//!   unsafe ones say so in their title.
//! - `source.fixAll.doclint` applies every safe fix of the document through
//!   the fix engine `doclint check --fix` uses ([`Linter::fix_guarded`],
//!   with the suppressions guarding it), as one edit.
//! - `misspelling` offers to add the word to the project's dictionary
//!   (`rules/dictionary/project.txt` under the project root, written
//!   atomically), which the CLI reads too.
//! - In Markdown, any finding can be suppressed on its line with a
//!   `<!-- doclint-disable-next-line RULE -->` comment.
//!
//! [`Linter::fix_guarded`]: doclint_rules::Linter::fix_guarded

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use doclint_core::{Applicability, Diagnostic, DocumentKind};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Command, Hover,
    HoverContents, MarkupContent, MarkupKind, Position, Range, TextEdit, Uri, WorkspaceEdit,
};

use super::position::{Cursor, LineMap};
use super::project::Project;
use super::{convert, ProjectState, Server, ADD_WORD_COMMAND, FIX_ALL_KIND};
use crate::gate::UNUSED_RULE;
use crate::project_words::PROJECT_DICTIONARY_DIR;

/// The word list the server adds words to.
pub const PROJECT_WORD_FILE: &str = "project.txt";

/// The rule whose findings can be added to the dictionary.
const MISSPELLING: &str = "misspelling";

/// A rule's documentation, as `doclint explain` has it.
pub fn explain(project: &Project, rule: &str) -> Option<String> {
    let meta = match project.rule(rule) {
        Some(rule) => rule.meta().clone(),
        None if rule == UNUSED_RULE => doclint_rules::rules::UnusedSuppression::META,
        None => return None,
    };
    Some(format!(
        "# {}\n\nCategory: {} ({}). Default severity: {}.\n\n{}",
        meta.id,
        meta.category,
        meta.category.description(),
        meta.default_severity,
        crate::ruledoc::markdown(&meta)
    ))
}

impl Server<'_> {
    fn ready_project(&self, uri: &Uri) -> Option<&Project> {
        match self.projects.get(self.doc_project.get(uri)?)? {
            ProjectState::Ready(project) => Some(project),
            ProjectState::Broken(_) => None,
        }
    }

    pub(super) fn code_actions(&self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = &params.text_document.uri;
        let (Some(doc), Some(project)) = (self.docs.get(uri), self.ready_project(uri)) else {
            return Vec::new();
        };
        let only = params.context.only.as_deref();
        let wanted = |kind: &CodeActionKind| {
            only.is_none_or(|only| {
                only.iter().any(|prefix| {
                    kind.as_str() == prefix.as_str()
                        || kind.as_str().starts_with(&format!("{}.", prefix.as_str()))
                })
            })
        };
        let text = &doc.text;
        let map = LineMap::new(text, self.encoding);
        let published = doc.published.as_deref().unwrap_or_default();
        let edit = |edits: Vec<TextEdit>| WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        };
        let mut actions = Vec::new();
        let mut cursor = Cursor::default();
        for (found, shown) in doc.reported.iter().zip(published) {
            let range = map.range(text, found.span.start(), found.span.end(), &mut cursor);
            if !convert::touches(range, params.range) {
                continue;
            }
            if let Some(fix) = found
                .fix
                .as_ref()
                .filter(|_| wanted(&CodeActionKind::QUICKFIX))
            {
                let safe = fix.applicability == Applicability::Safe;
                let edits = fix
                    .edits
                    .iter()
                    .map(|e| TextEdit {
                        range: map.range(
                            text,
                            e.span.start(),
                            e.span.end(),
                            &mut Cursor::default(),
                        ),
                        new_text: e.replacement.clone(),
                    })
                    .collect();
                actions.push(CodeAction {
                    title: if safe {
                        fix.title.clone()
                    } else {
                        format!("{} (unsafe: check the result)", fix.title)
                    },
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![shown.clone()]),
                    edit: Some(edit(edits)),
                    is_preferred: Some(safe),
                    ..CodeAction::default()
                });
            }
            if !wanted(&CodeActionKind::QUICKFIX) {
                continue;
            }
            if found.rule == MISSPELLING {
                let word = &text[found.span.range()];
                actions.push(CodeAction {
                    title: format!("Add “{word}” to the project dictionary"),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![shown.clone()]),
                    command: Some(Command {
                        title: "Add to the project dictionary".to_owned(),
                        command: ADD_WORD_COMMAND.to_owned(),
                        arguments: Some(vec![
                            serde_json::Value::String(project.root.display().to_string()),
                            serde_json::Value::String(word.to_owned()),
                        ]),
                    }),
                    ..CodeAction::default()
                });
            }
            let markdown = DocumentKind::from_path(&doc.path) == DocumentKind::Markdown;
            if markdown && found.rule != UNUSED_RULE {
                actions.push(CodeAction {
                    title: format!("Suppress `{}` on this line", found.rule),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![shown.clone()]),
                    edit: Some(edit(vec![suppress_edit(text, &map, found)])),
                    ..CodeAction::default()
                });
            }
        }
        let fix_all = CodeActionKind::new(FIX_ALL_KIND);
        let any_safe = doc.reported.iter().any(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Safe)
        });
        if any_safe && wanted(&fix_all) {
            if let Some(edits) = fix_all_edits(project, &doc.path, text, &map) {
                actions.push(CodeAction {
                    title: "Fix all safe doclint problems in this document".to_owned(),
                    kind: Some(fix_all),
                    edit: Some(edit(edits)),
                    ..CodeAction::default()
                });
            }
        }
        actions
            .into_iter()
            .map(CodeActionOrCommand::CodeAction)
            .collect()
    }

    pub(super) fn hover(&self, uri: &Uri, position: Position) -> Option<Hover> {
        let doc = self.docs.get(uri)?;
        let project = self.ready_project(uri)?;
        let map = LineMap::new(&doc.text, self.encoding);
        let offset = map.offset(&doc.text, position);
        let mut rules: Vec<&str> = Vec::new();
        let mut range = None;
        for found in &doc.reported {
            let span = found.span;
            if span.start() <= offset && offset <= span.end() && !rules.contains(&&*found.rule) {
                rules.push(&found.rule);
                range.get_or_insert_with(|| {
                    map.range(&doc.text, span.start(), span.end(), &mut Cursor::default())
                });
            }
        }
        let texts: Vec<String> = rules
            .iter()
            .filter_map(|rule| explain(project, rule))
            .collect();
        if texts.is_empty() {
            return None;
        }
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: texts.join("\n---\n\n"),
            }),
            range,
        })
    }

    pub(super) fn execute_command(
        &mut self,
        params: &lsp_types::ExecuteCommandParams,
    ) -> Result<(), String> {
        if params.command != ADD_WORD_COMMAND {
            return Err(format!("unknown command `{}`", params.command));
        }
        let argument = |i: usize| params.arguments.get(i).and_then(serde_json::Value::as_str);
        let (Some(root), Some(word)) = (argument(0), argument(1)) else {
            return Err(format!(
                "{ADD_WORD_COMMAND} takes a project root and a word"
            ));
        };
        let root = PathBuf::from(root);
        // Only a root the server itself handed out.
        let known = self
            .projects
            .values()
            .any(|state| matches!(state, ProjectState::Ready(project) if project.root == root));
        if !known {
            return Err(format!(
                "{} is not the root of an open project",
                root.display()
            ));
        }
        add_word(&root, word).map_err(|err| format!("could not add “{word}”: {err:#}"))?;
        // The word list is part of the configuration.
        self.configuration_changed();
        Ok(())
    }
}

/// The smallest edit from `text` to the text with every safe fix applied,
/// or `None` when nothing changes.
fn fix_all_edits(
    project: &Project,
    path: &Path,
    text: &str,
    map: &LineMap,
) -> Option<Vec<TextEdit>> {
    let source = doclint_core::decode(text.as_bytes().to_vec()).ok()?;
    let gate = &project.gate;
    let result = project.linter.fix_guarded(
        source,
        DocumentKind::from_path(path),
        Applicability::Safe,
        Vec::new(),
        &|doc, found| gate.strip_silenced_fixes(path, doc, found),
    );
    let fixed = result.document.text();
    if fixed == text {
        return None;
    }
    let (start, old_end, new_end) = changed_region(text, fixed);
    Some(vec![TextEdit {
        range: map.range(text, start, old_end, &mut Cursor::default()),
        new_text: fixed[start..new_end].to_owned(),
    }])
}

/// The byte region where `old` and `new` differ: common prefix and suffix
/// removed, on character boundaries. Returns (start, end in old, end in new).
fn changed_region(old: &str, new: &str) -> (usize, usize, usize) {
    let mut start = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
        start -= 1;
    }
    let max_suffix = (old.len() - start).min(new.len() - start);
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    (start, old.len() - suffix, new.len() - suffix)
}

/// The edit that suppresses `found` on its line: a
/// `doclint-disable-next-line` comment at the end of the line before when
/// that line is part of the same block (a line of its own would split a
/// paragraph), else on a line of its own with the line's indentation.
fn suppress_edit(text: &str, map: &LineMap, found: &Diagnostic) -> TextEdit {
    let comment = format!("<!-- doclint-disable-next-line {} -->", found.rule);
    let at = map.position(text, found.span.start());
    let line_start = map.offset(text, Position::new(at.line, 0));
    let previous = (at.line > 0).then(|| {
        let start = map.offset(text, Position::new(at.line - 1, 0));
        let end = map.offset(text, Position::new(at.line - 1, u32::MAX));
        (start, end)
    });
    match previous {
        Some((start, end)) if !text[start..end].trim().is_empty() => {
            let position = map.position(text, end);
            TextEdit {
                range: Range::new(position, position),
                new_text: format!(" {comment}"),
            }
        }
        _ => {
            let line = &text[line_start..];
            let indent: String = line
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            let position = Position::new(at.line, 0);
            TextEdit {
                range: Range::new(position, position),
                new_text: format!("{indent}{comment}\n"),
            }
        }
    }
}

/// Adds `word` to the project's word list under `root`, replacing the file
/// atomically (a temporary file beside it, renamed over it). A word already
/// listed is not added again.
pub fn add_word(root: &Path, word: &str) -> anyhow::Result<()> {
    let word = word.trim();
    anyhow::ensure!(
        !word.is_empty() && !word.contains(['\n', '\r', '\t']),
        "not a word"
    );
    let dir = root.join(PROJECT_DICTIONARY_DIR);
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(PROJECT_WORD_FILE);
    let mut text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            "# Words doclint accepts in this project, one per line.\n".to_owned()
        }
        Err(err) => return Err(err.into()),
    };
    if text
        .lines()
        .any(|line| line.split('\t').next().unwrap_or("").trim() == word)
    {
        return Ok(());
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(word);
    text.push('\n');
    let mut temp = tempfile::Builder::new()
        .prefix(".doclint-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    temp.write_all(text.as_bytes())?;
    temp.as_file().sync_all()?;
    temp.persist(&path)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use doclint_core::Span;

    #[test]
    fn changed_region_keeps_common_prefix_and_suffix_on_boundaries() {
        assert_eq!(changed_region("a  b文", "a b文"), (2, 3, 2));
        assert_eq!(changed_region("same", "same"), (4, 4, 4));
        // "é" and "è" share their first byte: the region starts before it.
        assert_eq!(changed_region("xé", "xè"), (1, 3, 3));
    }

    #[test]
    fn added_words_are_read_back_by_the_cli_and_not_duplicated() {
        let root = tempfile::tempdir().expect("temp dir");
        add_word(root.path(), "Xiaokangcun").expect("added");
        add_word(root.path(), "Xiaokangcun").expect("added again");
        add_word(root.path(), "Dalianwan").expect("added");
        let text = std::fs::read_to_string(
            root.path()
                .join(PROJECT_DICTIONARY_DIR)
                .join(PROJECT_WORD_FILE),
        )
        .expect("written");
        assert_eq!(text.matches("Xiaokangcun").count(), 1);
        let words = crate::project_words::load_project_words(root.path()).expect("loads");
        assert!(words.contains("Xiaokangcun") && words.contains("Dalianwan"));
        assert!(add_word(root.path(), "two\nlines").is_err());
    }

    fn finding(text: &str, needle: &str) -> Diagnostic {
        let start = text.find(needle).expect("needle");
        Diagnostic::new(
            "double-space",
            doclint_core::Severity::Warning,
            Span::new(start, start + needle.len()),
            "test",
        )
    }

    fn apply(text: &str, edit: &TextEdit) -> String {
        let map = LineMap::new(text, super::super::position::Encoding::Utf16);
        let mut out = text.to_owned();
        let start = map.offset(text, edit.range.start);
        let end = map.offset(text, edit.range.end);
        out.replace_range(start..end, &edit.new_text);
        out
    }

    #[test]
    fn suppression_goes_on_its_own_line_at_a_block_start_and_after_the_line_inside_one() {
        let text = "# Title\n\nFirst  line.\nSecond  line.\n";
        let map = LineMap::new(text, super::super::position::Encoding::Utf16);
        let first = suppress_edit(text, &map, &finding(text, "  line."));
        assert_eq!(
            apply(text, &first),
            "# Title\n\n<!-- doclint-disable-next-line double-space -->\nFirst  line.\nSecond  line.\n"
        );
        let at = text.find("Second").expect("second");
        let inside = Diagnostic::new(
            "double-space",
            doclint_core::Severity::Warning,
            Span::new(at + 6, at + 8),
            "test",
        );
        let edit = suppress_edit(text, &map, &inside);
        assert_eq!(
            apply(text, &edit),
            "# Title\n\nFirst  line. <!-- doclint-disable-next-line double-space -->\nSecond  line.\n"
        );
    }
}
