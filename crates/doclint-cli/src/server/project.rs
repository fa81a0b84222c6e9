//! A project as the server sees it: the configuration that governs a
//! document (found upward from it, as `doclint check` finds it), the linter,
//! gate and file filter built from it exactly as the CLI builds them, and
//! the documents of its folder for corpus-level rules.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use codespan_reporting::term::termcolor::NoColor;
use doclint_core::{decode, Diagnostic, Document, DocumentKind};
use doclint_rules::{registry, Linter, Rule};

use crate::config::{self, Config, FileFilter};
use crate::gate::{self, Gate};
use crate::selection::{self, CommandLineSelection};
use crate::{project_words, walk};

/// A corpus larger than this is decided over the open documents only.
const MAX_CORPUS_FILES: usize = 5_000;
const MAX_CORPUS_BYTES: u64 = 256 << 20;

pub struct Project {
    /// Globs, `rules/dictionary` and the corpus are relative to this.
    pub root: PathBuf,
    /// The folder walked for corpus-level rules.
    pub corpus_root: PathBuf,
    pub filter: FileFilter,
    pub linter: Linter,
    pub gate: Gate,
    /// The walked files, once walked; `None` until needed or after a file
    /// was created or deleted.
    files: Option<Vec<PathBuf>>,
    /// Documents of files that are not open, as last read from disk.
    disk: HashMap<PathBuf, Option<Arc<Document>>>,
    /// Set when the corpus was too large to decide over.
    pub corpus_note: Option<String>,
}

/// Loads the project that governs `doc_path`. `workspace` is the
/// workspace folder that holds it, if any. An error is a message for the
/// user (a bad configuration, a pack that does not compile).
pub fn load(
    doc_path: &Path,
    workspace: Option<&Path>,
    cli_packs: &[PathBuf],
) -> Result<Project, String> {
    let doc_dir = doc_path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let config = match config::discover(doc_path) {
        Some(path) => Config::load(&path).map_err(|err| format!("{err:#}"))?,
        None => Config::defaults(workspace.unwrap_or(&doc_dir)),
    };
    let root = config.files.root.clone();
    let mut settings = config.base_settings();
    project_words::add_project_words(&mut settings, &root).map_err(|err| format!("{err:#}"))?;
    let packs = settings.pack_paths(cli_packs);
    let all_rules = registry::all_rules(&packs).map_err(|errors| {
        let mut out = NoColor::new(Vec::new());
        match crate::printer::packs::print_errors(&mut out, &errors) {
            Ok(()) => String::from_utf8_lossy(&out.into_inner()).into_owned(),
            Err(err) => format!("rule packs have errors: {err:#}"),
        }
    })?;
    let rule_config = config
        .resolve_rules(&all_rules)
        .map_err(|err| format!("{err:#}"))?;
    settings.rule_options = rule_config.options.clone();
    let known = gate::known_rules(&all_rules);
    let (rules, selection) = selection::select(
        all_rules,
        &rule_config.levels,
        &CommandLineSelection::default(),
    );
    let gate = Gate::new(known, selection, rule_config.per_file_ignores);
    // The corpus is the deeper of the workspace folder and the
    // configuration's directory: both hold the document.
    let corpus_root = match workspace {
        Some(folder) if folder.starts_with(&root) => folder.to_path_buf(),
        _ => root.clone(),
    };
    Ok(Project {
        root,
        corpus_root,
        filter: config.files,
        linter: Linter::new(rules, settings),
        gate,
        files: None,
        disk: HashMap::new(),
        corpus_note: None,
    })
}

impl Project {
    /// Whether the project checks `path` (its extensions, `include`,
    /// `exclude`).
    pub fn wants(&self, path: &Path) -> bool {
        self.filter.wants_walked_file(path)
    }

    pub fn rule(&self, id: &str) -> Option<&dyn Rule> {
        self.linter
            .rules()
            .iter()
            .find(|rule| rule.meta().id == id)
            .map(|rule| rule.as_ref())
    }

    /// Forgets what was read from disk: every file (`None`) or one.
    pub fn forget(&mut self, path: Option<&Path>) {
        match path {
            None => {
                self.files = None;
                self.disk.clear();
            }
            Some(path) => {
                if self.disk.remove(path).is_none() && !path.exists() {
                    self.files = None;
                }
                if self
                    .files
                    .as_ref()
                    .is_some_and(|files| !files.contains(&path.to_path_buf()))
                {
                    self.files = None;
                }
            }
        }
    }

    /// The files of the corpus, walked as `doclint check FOLDER` walks.
    fn files(&mut self) -> &[PathBuf] {
        if self.files.is_none() {
            let mut errors = Vec::new();
            let mut files = walk::collect_filtered_files(
                std::slice::from_ref(&self.corpus_root),
                &self.filter,
                false,
                &mut errors,
            );
            let bytes: u64 = files
                .iter()
                .filter_map(|file| std::fs::metadata(file).ok())
                .map(|meta| meta.len())
                .sum();
            self.corpus_note = None;
            if files.len() > MAX_CORPUS_FILES || bytes > MAX_CORPUS_BYTES {
                self.corpus_note = Some(format!(
                    "{} holds {} documents ({} MB): corpus-level rules look at the open documents only",
                    self.corpus_root.display(),
                    files.len(),
                    bytes >> 20
                ));
                files.clear();
            }
            self.files = Some(files);
        }
        self.files.as_deref().unwrap_or_default()
    }

    /// The documents corpus-level rules decide over: every walked file,
    /// open ones as in the editor (`open`, by path), and open ones outside
    /// the walk. Returned with their paths; the index is the `FileId`.
    pub fn corpus(&mut self, open: &[(PathBuf, Arc<Document>)]) -> Vec<(PathBuf, Arc<Document>)> {
        let files = self.files().to_vec();
        let mut out = Vec::with_capacity(files.len() + open.len());
        let mut used = vec![false; open.len()];
        for path in files {
            if let Some(at) = open.iter().position(|(p, _)| *p == path) {
                used[at] = true;
                out.push(open[at].clone());
                continue;
            }
            let doc = self
                .disk
                .entry(path.clone())
                .or_insert_with(|| {
                    let source = crate::run::load(&path).ok()?;
                    Some(Arc::new(Document::new(
                        source,
                        DocumentKind::from_path(&path),
                    )))
                })
                .clone();
            if let Some(doc) = doc {
                out.push((path, doc));
            }
        }
        for (entry, used) in open.iter().zip(used) {
            if !used {
                out.push(entry.clone());
            }
        }
        out
    }

    /// The gate's work on one document's findings: severities,
    /// `per-file-ignores`, suppression comments (and the unused ones), as
    /// `doclint check` does, merged in position order.
    pub fn gated(
        &self,
        path: &Path,
        doc: &Document,
        own: Vec<Diagnostic>,
        corpus: Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        self.gate.judge(path, doc, own, corpus)
    }
}

/// Builds the document model of an editor's text.
pub fn model(text: &str, kind: DocumentKind) -> Result<Document, String> {
    let source = decode(text.as_bytes().to_vec()).map_err(|err| err.to_string())?;
    Ok(Document::new(source, kind))
}
