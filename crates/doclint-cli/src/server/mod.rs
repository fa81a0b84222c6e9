//! `doclint server`: the Language Server Protocol over standard input and
//! output.
//!
//! Built on `lsp-server` (rust-analyzer's scaffold) and `lsp-types`: a
//! synchronous loop on one thread reads each message in order, so every
//! reply is a function of the messages before it (deterministic to test)
//! and a request whose `$/cancelRequest` is already queued is answered as
//! cancelled without being run. Checking uses the CLI's own pieces: the
//! configuration found upward from each document ([`crate::config`]), the
//! linter and gate built as `doclint check` builds them ([`project`]), the
//! walk for corpus-level rules ([`crate::walk`]) and the fix engine
//! ([`doclint_rules::Linter::fix_guarded`], as `--fix` calls it).

// `lsp_types::Uri` caches parsed parts inside, but hashes and compares by
// its text, which never changes: a sound map key.
#![allow(clippy::mutable_key_type)]

mod actions;
mod convert;
mod position;
mod project;

use std::collections::{HashMap, HashSet, VecDeque};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use doclint_core::{Diagnostic, Document, DocumentKind, FileId};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as notif, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, ExecuteCommandOptions,
    HoverProviderCapability, InitializeParams, InitializeResult, MessageType,
    PublishDiagnosticsParams, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};
use rayon::prelude::*;

use crate::Exit;
use position::{Encoding, LineMap};
use project::Project;

/// The command behind "add this word to the project dictionary".
pub const ADD_WORD_COMMAND: &str = "doclint.addWord";
/// The code action kind of "fix all safe problems".
pub const FIX_ALL_KIND: &str = "source.fixAll.doclint";
/// Quiet time after an edit before the document is checked again.
const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(150);

/// Runs the server until the client says `exit`.
pub fn run(cli_packs: &[PathBuf]) -> anyhow::Result<Exit> {
    let (connection, io_threads) = Connection::stdio();
    let (id, params) = connection
        .initialize_start()
        .context("the client did not initialize")?;
    let params: InitializeParams =
        serde_json::from_value(params).context("bad initialize parameters")?;
    let encoding = Encoding::negotiate(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|general| general.position_encodings.as_deref()),
    );
    let result = InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(ServerInfo {
            name: "doclint".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    };
    connection.initialize_finish(id, serde_json::to_value(result)?)?;
    let mut server = Server::new(&connection, &params, encoding, cli_packs);
    server.register_watchers(&params);
    server.main_loop()?;
    drop(server);
    drop(connection);
    io_threads.join()?;
    Ok(Exit::Clean)
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new(FIX_ALL_KIND),
            ]),
            ..CodeActionOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![ADD_WORD_COMMAND.to_owned()],
            ..ExecuteCommandOptions::default()
        }),
        ..ServerCapabilities::default()
    }
}

/// An open document.
struct OpenDoc {
    uri: Uri,
    /// The file it is (or, for an unsaved buffer, a name that gives its kind).
    path: PathBuf,
    on_disk: bool,
    text: String,
    version: i32,
    /// When to check it again; `None` when the diagnostics are current.
    due: Option<Instant>,
    /// The model of `text` and the per-document findings in it, from the
    /// last check.
    checked: Option<Checked>,
    /// What was last published, gated and merged with corpus findings.
    reported: Vec<Diagnostic>,
    published: Option<Vec<lsp_types::Diagnostic>>,
}

struct Checked {
    doc: Arc<Document>,
    own: Vec<Diagnostic>,
}

/// A project key: the configuration file, or the folder without one.
type ProjectKey = PathBuf;

enum ProjectState {
    Ready(Box<Project>),
    Broken(String),
}

struct Server<'a> {
    connection: &'a Connection,
    encoding: Encoding,
    cli_packs: Vec<PathBuf>,
    workspace_folders: Vec<PathBuf>,
    debounce: Duration,
    docs_url: Option<String>,
    docs: HashMap<Uri, OpenDoc>,
    /// The project of each open document.
    doc_project: HashMap<Uri, ProjectKey>,
    projects: HashMap<ProjectKey, ProjectState>,
    /// Paths of the files of each project's last corpus decision, by `FileId`.
    corpus_files: HashMap<ProjectKey, Vec<(PathBuf, Arc<Document>)>>,
    /// The documentation link of each rule, once made.
    links: HashMap<String, Option<Uri>>,
    /// Messages already shown, so a broken configuration is said once.
    shown: HashSet<String>,
    queue: VecDeque<Message>,
    cancelled: HashSet<RequestId>,
    next_request: i32,
}

impl<'a> Server<'a> {
    fn new(
        connection: &'a Connection,
        params: &InitializeParams,
        encoding: Encoding,
        cli_packs: &[PathBuf],
    ) -> Server<'a> {
        let mut workspace_folders: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|folder| convert::uri_to_path(&folder.uri))
            .collect();
        #[allow(deprecated)] // older clients send only rootUri
        if workspace_folders.is_empty() {
            workspace_folders.extend(params.root_uri.as_ref().and_then(convert::uri_to_path));
        }
        let options = params.initialization_options.as_ref();
        let debounce = options
            .and_then(|o| o.get("debounceMs"))
            .and_then(serde_json::Value::as_u64)
            .map_or(DEFAULT_DEBOUNCE, Duration::from_millis);
        let docs_url = options
            .and_then(|o| o.get("docsUrl"))
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned);
        Server {
            connection,
            encoding,
            cli_packs: cli_packs.to_vec(),
            workspace_folders,
            debounce,
            docs_url,
            docs: HashMap::new(),
            doc_project: HashMap::new(),
            projects: HashMap::new(),
            corpus_files: HashMap::new(),
            links: HashMap::new(),
            shown: HashSet::new(),
            queue: VecDeque::new(),
            cancelled: HashSet::new(),
            next_request: 0,
        }
    }

    fn send(&self, message: Message) {
        // The client has gone when this fails; the loop ends on its own.
        let _ = self.connection.sender.send(message);
    }

    fn notify<N: notif::Notification>(&self, params: N::Params) {
        self.send(Message::Notification(Notification::new(
            N::METHOD.to_owned(),
            params,
        )));
    }

    fn show_message(&mut self, kind: MessageType, message: String) {
        if self.shown.insert(message.clone()) {
            self.notify::<notif::ShowMessage>(lsp_types::ShowMessageParams { typ: kind, message });
        }
    }

    /// Asks the client to report changes to configurations, packs, word
    /// lists and documents, when it can watch files.
    fn register_watchers(&mut self, params: &InitializeParams) {
        let dynamic = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        if !dynamic {
            return;
        }
        let watchers = ["**/*.toml", "**/*.txt", "**/*.md"]
            .into_iter()
            .map(|glob| lsp_types::FileSystemWatcher {
                glob_pattern: lsp_types::GlobPattern::String(glob.to_owned()),
                kind: None,
            })
            .collect();
        let options = lsp_types::DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = lsp_types::Registration {
            id: "doclint-watch".to_owned(),
            method: notif::DidChangeWatchedFiles::METHOD.to_owned(),
            register_options: serde_json::to_value(options).ok(),
        };
        self.next_request += 1;
        self.send(Message::Request(Request::new(
            RequestId::from(format!("doclint-{}", self.next_request)),
            req::RegisterCapability::METHOD.to_owned(),
            lsp_types::RegistrationParams {
                registrations: vec![registration],
            },
        )));
    }

    fn main_loop(&mut self) -> anyhow::Result<()> {
        // `lsp-server` hands over each message only when it is received
        // (a rendezvous channel); this thread queues them as they come, so
        // the loop sees everything that arrived while it was busy, and a
        // cancellation can overtake the request it cancels.
        let (forward, incoming) = std::sync::mpsc::channel();
        let receiver = self.connection.receiver.clone();
        std::thread::spawn(move || {
            for message in receiver {
                if forward.send(message).is_err() {
                    break;
                }
            }
        });
        let mut shutting_down = false;
        loop {
            if self.queue.is_empty() {
                let next = self.docs.values().filter_map(|doc| doc.due).min();
                let received = match next {
                    Some(due) => {
                        let wait = due.saturating_duration_since(Instant::now());
                        match incoming.recv_timeout(wait) {
                            Ok(message) => Some(message),
                            Err(RecvTimeoutError::Timeout) => None,
                            Err(RecvTimeoutError::Disconnected) => return Ok(()),
                        }
                    }
                    None => match incoming.recv() {
                        Ok(message) => Some(message),
                        Err(_) => return Ok(()),
                    },
                };
                self.queue.extend(received);
            }
            self.queue.extend(incoming.try_iter());
            for message in &self.queue {
                if let Message::Notification(n) = message {
                    if n.method == notif::Cancel::METHOD {
                        if let Ok(params) =
                            serde_json::from_value::<lsp_types::CancelParams>(n.params.clone())
                        {
                            self.cancelled.insert(match params.id {
                                lsp_types::NumberOrString::Number(n) => RequestId::from(n),
                                lsp_types::NumberOrString::String(s) => RequestId::from(s),
                            });
                        }
                    }
                }
            }
            // A cancellation that came after its answer is moot.
            let queue = &self.queue;
            self.cancelled.retain(|id| {
                queue
                    .iter()
                    .any(|m| matches!(m, Message::Request(r) if r.id == *id))
            });
            if let Some(message) = self.queue.pop_front() {
                match message {
                    Message::Request(request) if request.method == req::Shutdown::METHOD => {
                        self.send(Message::Response(Response::new_ok(
                            request.id,
                            serde_json::Value::Null,
                        )));
                        shutting_down = true;
                        for doc in self.docs.values_mut() {
                            doc.due = None;
                        }
                    }
                    Message::Request(request) if shutting_down => {
                        self.send(Message::Response(Response::new_err(
                            request.id,
                            ErrorCode::InvalidRequest as i32,
                            "the server is shutting down".to_owned(),
                        )));
                    }
                    Message::Request(request) => self.on_request(request),
                    Message::Notification(notification) => {
                        if notification.method == notif::Exit::METHOD {
                            return Ok(());
                        }
                        if !shutting_down {
                            self.on_notification(notification);
                        }
                    }
                    Message::Response(_) => {}
                }
                continue;
            }
            // Nothing waiting: check what is due.
            let now = Instant::now();
            let due: Vec<Uri> = self
                .docs
                .values()
                .filter(|doc| doc.due.is_some_and(|due| due <= now))
                .map(|doc| doc.uri.clone())
                .collect();
            if !due.is_empty() && !shutting_down {
                self.check(&due);
            }
        }
    }

    fn on_request(&mut self, request: Request) {
        let id = request.id.clone();
        if self.cancelled.remove(&id) {
            self.send(Message::Response(Response::new_err(
                id,
                ErrorCode::RequestCanceled as i32,
                "cancelled".to_owned(),
            )));
            return;
        }
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| self.handle_request(request)));
        let response = match result {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err(message)) => Response::new_err(id, ErrorCode::InvalidParams as i32, message),
            Err(_) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                "doclint failed on this request (a defect; please report it)".to_owned(),
            ),
        };
        self.send(Message::Response(response));
    }

    fn handle_request(&mut self, request: Request) -> Result<serde_json::Value, String> {
        fn params<P: serde::de::DeserializeOwned>(request: Request) -> Result<P, String> {
            serde_json::from_value(request.params).map_err(|err| err.to_string())
        }
        let value = match request.method.as_str() {
            req::CodeActionRequest::METHOD => {
                let params: lsp_types::CodeActionParams = params(request)?;
                self.flush(&params.text_document.uri);
                serde_json::to_value(self.code_actions(&params))
            }
            req::HoverRequest::METHOD => {
                let params: lsp_types::HoverParams = params(request)?;
                let uri = &params.text_document_position_params.text_document.uri;
                self.flush(uri);
                serde_json::to_value(self.hover(uri, params.text_document_position_params.position))
            }
            req::ExecuteCommand::METHOD => {
                let params: lsp_types::ExecuteCommandParams = params(request)?;
                self.execute_command(&params)?;
                Ok(serde_json::Value::Null)
            }
            _ => return Err(format!("doclint does not answer `{}`", request.method)),
        };
        value.map_err(|err| err.to_string())
    }

    fn on_notification(&mut self, notification: Notification) {
        let method = notification.method.clone();
        let result =
            std::panic::catch_unwind(AssertUnwindSafe(|| self.handle_notification(notification)));
        if result.is_err() {
            self.show_message(
                MessageType::ERROR,
                format!("doclint failed on `{method}` (a defect; please report it)"),
            );
        }
    }

    fn handle_notification(&mut self, notification: Notification) {
        fn params<P: serde::de::DeserializeOwned>(notification: Notification) -> Option<P> {
            serde_json::from_value(notification.params).ok()
        }
        match notification.method.as_str() {
            notif::DidOpenTextDocument::METHOD => {
                let Some(p) = params::<lsp_types::DidOpenTextDocumentParams>(notification) else {
                    return;
                };
                let item = p.text_document;
                let (path, on_disk) = match convert::uri_to_path(&item.uri) {
                    Some(path) => (path, true),
                    None => (untitled_path(&item.language_id), false),
                };
                let doc = OpenDoc {
                    uri: item.uri.clone(),
                    path,
                    on_disk,
                    text: item.text,
                    version: item.version,
                    due: Some(Instant::now()),
                    checked: None,
                    reported: Vec::new(),
                    published: None,
                };
                self.docs.insert(item.uri, doc);
            }
            notif::DidChangeTextDocument::METHOD => {
                let Some(p) = params::<lsp_types::DidChangeTextDocumentParams>(notification) else {
                    return;
                };
                let encoding = self.encoding;
                let debounce = self.debounce;
                if let Some(doc) = self.docs.get_mut(&p.text_document.uri) {
                    for change in p.content_changes {
                        position::apply_change(&mut doc.text, change.range, &change.text, encoding);
                    }
                    doc.version = p.text_document.version;
                    doc.checked = None;
                    doc.due = Some(Instant::now() + debounce);
                }
            }
            notif::DidSaveTextDocument::METHOD => {
                let Some(p) = params::<lsp_types::DidSaveTextDocumentParams>(notification) else {
                    return;
                };
                let path = self.docs.get(&p.text_document.uri).map(|d| d.path.clone());
                if let Some(path) = path {
                    if is_configuration(&path) {
                        self.configuration_changed();
                    } else {
                        self.disk_changed(&path);
                    }
                }
                if let Some(doc) = self.docs.get_mut(&p.text_document.uri) {
                    doc.due = Some(Instant::now());
                }
            }
            notif::DidCloseTextDocument::METHOD => {
                let Some(p) = params::<lsp_types::DidCloseTextDocumentParams>(notification) else {
                    return;
                };
                let uri = p.text_document.uri;
                if self.docs.remove(&uri).is_some() {
                    self.notify::<notif::PublishDiagnostics>(PublishDiagnosticsParams {
                        uri: uri.clone(),
                        diagnostics: Vec::new(),
                        version: None,
                    });
                }
                // Its corpus facts now come from the file on disk.
                if let Some(key) = self.doc_project.remove(&uri) {
                    let has_corpus = matches!(self.projects.get(&key), Some(ProjectState::Ready(p)) if p.linter.has_corpus_rules());
                    if has_corpus {
                        self.recheck_project(&key);
                    }
                }
            }
            notif::DidChangeWatchedFiles::METHOD => {
                let Some(p) = params::<lsp_types::DidChangeWatchedFilesParams>(notification) else {
                    return;
                };
                let paths: Vec<PathBuf> = p
                    .changes
                    .iter()
                    .filter_map(|change| convert::uri_to_path(&change.uri))
                    .collect();
                if paths.iter().any(|path| is_configuration(path)) {
                    self.configuration_changed();
                } else {
                    for path in paths {
                        self.disk_changed(&path);
                    }
                }
            }
            _ => {}
        }
    }

    /// A configuration, pack, glossary or word list changed: every project
    /// is read again and every open document checked again.
    fn configuration_changed(&mut self) {
        self.projects.clear();
        self.doc_project.clear();
        self.corpus_files.clear();
        self.links.clear();
        self.shown.clear();
        let now = Instant::now();
        for doc in self.docs.values_mut() {
            doc.checked = None;
            doc.due = Some(now);
        }
    }

    /// A document changed on disk: corpus-level findings may change.
    fn disk_changed(&mut self, path: &Path) {
        let mut touched = Vec::new();
        for (key, state) in &mut self.projects {
            if let ProjectState::Ready(project) = state {
                if path.starts_with(&project.corpus_root) {
                    project.forget(Some(path));
                    if project.linter.has_corpus_rules() {
                        touched.push(key.clone());
                    }
                }
            }
        }
        for key in touched {
            self.recheck_project(&key);
        }
    }

    /// Marks every open document of a project as due now.
    fn recheck_project(&mut self, key: &ProjectKey) {
        let now = Instant::now();
        for (uri, doc) in &mut self.docs {
            if self.doc_project.get(uri) == Some(key) {
                doc.due = Some(now);
            }
        }
    }

    /// Checks `uri` now if it changed since its last check.
    fn flush(&mut self, uri: &Uri) {
        if self.docs.get(uri).is_some_and(|doc| doc.due.is_some()) {
            self.check(std::slice::from_ref(uri));
        }
    }

    /// The workspace folder holding `path`, the deepest if nested.
    fn workspace_of(&self, path: &Path) -> Option<PathBuf> {
        self.workspace_folders
            .iter()
            .filter(|folder| path.starts_with(folder))
            .max_by_key(|folder| folder.as_os_str().len())
            .cloned()
    }

    /// The project of an open document, loading it when needed.
    fn project_of(&mut self, uri: &Uri) -> Option<ProjectKey> {
        if let Some(key) = self.doc_project.get(uri) {
            return Some(key.clone());
        }
        let doc = self.docs.get(uri)?;
        let path = if doc.on_disk {
            doc.path.clone()
        } else {
            std::env::current_dir().ok()?.join(&doc.path)
        };
        let workspace = self.workspace_of(&path);
        let key = config::discover(&path)
            .or_else(|| workspace.clone())
            .unwrap_or_else(|| path.parent().map(Path::to_path_buf).unwrap_or_default());
        if !self.projects.contains_key(&key) {
            let state = match project::load(&path, workspace.as_deref(), &self.cli_packs) {
                Ok(project) => ProjectState::Ready(Box::new(project)),
                Err(message) => ProjectState::Broken(message),
            };
            self.projects.insert(key.clone(), state);
        }
        self.doc_project.insert(uri.clone(), key.clone());
        Some(key)
    }

    /// Checks the documents `uris` (their per-document findings), decides
    /// the corpus of each project involved, and publishes what changed.
    fn check(&mut self, uris: &[Uri]) {
        let mut keys: Vec<ProjectKey> = Vec::new();
        for uri in uris {
            if let Some(key) = self.project_of(uri) {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
        for key in keys {
            let members: Vec<Uri> = self
                .docs
                .keys()
                .filter(|uri| self.doc_project.get(*uri) == Some(&key))
                .cloned()
                .collect();
            let due: Vec<Uri> = members
                .iter()
                .filter(|uri| uris.contains(uri))
                .cloned()
                .collect();
            let result = std::panic::catch_unwind(AssertUnwindSafe(|| {
                self.check_project(&key, &members, &due)
            }));
            if result.is_err() {
                for uri in &due {
                    if let Some(doc) = self.docs.get_mut(uri) {
                        doc.due = None;
                    }
                }
                self.show_message(
                    MessageType::ERROR,
                    "doclint failed while checking (a defect; please report it); \
                     edit the document to try again"
                        .to_owned(),
                );
            }
        }
    }

    fn check_project(&mut self, key: &ProjectKey, members: &[Uri], due: &[Uri]) {
        let encoding = self.encoding;
        let broken = match self.projects.get(key) {
            Some(ProjectState::Broken(message)) => Some(message.clone()),
            Some(ProjectState::Ready(_)) => None,
            None => return,
        };
        if let Some(message) = broken {
            let source = key.display().to_string();
            self.show_message(
                MessageType::ERROR,
                format!("doclint: the configuration cannot be used: {message}"),
            );
            for uri in due {
                if let Some(doc) = self.docs.get_mut(uri) {
                    doc.due = None;
                    doc.reported.clear();
                    let diagnostic = convert::problem(
                        "configuration",
                        format!("doclint cannot check this document: {message} ({source})"),
                    );
                    publish(self.connection, doc, vec![diagnostic]);
                }
            }
            return;
        }
        let Some(ProjectState::Ready(project)) = self.projects.get_mut(key) else {
            return;
        };
        let mut problems: Vec<(Uri, String)> = Vec::new();
        // Per-document findings of the documents that changed.
        for uri in due {
            let Some(doc) = self.docs.get_mut(uri) else {
                continue;
            };
            doc.due = None;
            if doc.on_disk && !project.wants(&doc.path) {
                doc.checked = None;
                continue;
            }
            match project::model(&doc.text, DocumentKind::from_path(&doc.path)) {
                Ok(model) => {
                    let own = project.linter.check(&model);
                    doc.checked = Some(Checked {
                        doc: Arc::new(model),
                        own,
                    });
                }
                Err(message) => {
                    doc.checked = None;
                    problems.push((uri.clone(), message));
                }
            }
        }
        // Corpus-level findings, over the folder with the open documents
        // as they are in the editor.
        let mut corpus_found: HashMap<Uri, Vec<Diagnostic>> = HashMap::new();
        if project.linter.has_corpus_rules() {
            let open: Vec<(PathBuf, Arc<Document>)> = members
                .iter()
                .filter_map(|uri| {
                    let doc = self.docs.get(uri)?;
                    Some((doc.path.clone(), doc.checked.as_ref()?.doc.clone()))
                })
                .collect();
            let corpus = project.corpus(&open);
            let linter = &project.linter;
            let facts: Vec<(FileId, Vec<Option<doclint_rules::Facts>>)> = corpus
                .par_iter()
                .enumerate()
                .map(|(id, (_, doc))| (id as FileId, linter.gather(id as FileId, doc)))
                .collect();
            for (file, diagnostic) in linter.decide(facts) {
                let Some((path, _)) = corpus.get(file as usize) else {
                    continue;
                };
                let owner = members.iter().find(|uri| {
                    self.docs
                        .get(*uri)
                        .is_some_and(|doc| doc.path == *path && doc.checked.is_some())
                });
                if let Some(uri) = owner {
                    corpus_found
                        .entry(uri.clone())
                        .or_default()
                        .push(diagnostic);
                }
            }
            self.corpus_files.insert(key.clone(), corpus);
        }
        let note = project.corpus_note.take();
        let Some(ProjectState::Ready(project)) = self.projects.get(key) else {
            return;
        };
        let files = self.corpus_files.get(key);
        let docs_url = self.docs_url.as_deref();
        let links = std::cell::RefCell::new(&mut self.links);
        let link = |rule: &str| {
            let mut links = links.borrow_mut();
            if let Some(href) = links.get(rule) {
                return href.clone();
            }
            let href = docs_link(docs_url, project, rule);
            links.insert(rule.to_owned(), href.clone());
            href
        };
        for uri in members {
            let Some(doc) = self.docs.get_mut(uri) else {
                continue;
            };
            let Some(checked) = &doc.checked else {
                if let Some((_, message)) = problems.iter().find(|(u, _)| u == uri) {
                    doc.reported.clear();
                    let diagnostic = convert::problem(
                        "load",
                        format!("doclint cannot check this document: {message}"),
                    );
                    publish(self.connection, doc, vec![diagnostic]);
                } else {
                    doc.reported.clear();
                    publish(self.connection, doc, Vec::new());
                }
                continue;
            };
            let corpus = corpus_found.remove(uri).unwrap_or_default();
            let reported = project.gated(&doc.path, &checked.doc, checked.own.clone(), corpus);
            let map = LineMap::new(&doc.text, encoding);
            let diagnostics = convert::diagnostics(
                &doc.uri,
                &doc.text,
                &map,
                &reported,
                files.map(Vec::as_slice).unwrap_or_default(),
                encoding,
                &link,
            );
            doc.reported = reported;
            publish(self.connection, doc, diagnostics);
        }
        if let Some(note) = note {
            self.show_message(MessageType::INFO, note);
        }
    }
}

/// The `codeDescription` link of a rule: `docsUrl` from the initialisation
/// options (`{rule}` replaced), else the rule's documentation (what `doclint
/// explain` prints) written once to a file.
fn docs_link(docs_url: Option<&str>, project: &Project, rule: &str) -> Option<Uri> {
    if let Some(template) = docs_url {
        return template.replace("{rule}", rule).parse().ok();
    }
    let text = actions::explain(project, rule)?;
    let dir = std::env::temp_dir().join(format!("doclint-{}-rule-docs", env!("CARGO_PKG_VERSION")));
    let file = dir.join(format!("{}.md", rule.replace('/', "--")));
    if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
        std::fs::create_dir_all(&dir).ok()?;
        let mut temp = tempfile::NamedTempFile::new_in(&dir).ok()?;
        std::io::Write::write_all(&mut temp, text.as_bytes()).ok()?;
        temp.persist(&file).ok()?;
    }
    convert::path_to_uri(&file)
}

/// Sends a document's diagnostics unless they are what the client has.
fn publish(connection: &Connection, doc: &mut OpenDoc, diagnostics: Vec<lsp_types::Diagnostic>) {
    if doc.published.as_ref() == Some(&diagnostics) {
        return;
    }
    // Serialised from a borrow: a large document's findings are not copied.
    let params = serde_json::json!({
        "uri": doc.uri,
        "diagnostics": diagnostics,
        "version": doc.version,
    });
    let _ = connection
        .sender
        .send(Message::Notification(Notification::new(
            notif::PublishDiagnostics::METHOD.to_owned(),
            params,
        )));
    doc.published = Some(diagnostics);
}

/// A name for an unsaved buffer that gives it the right kind.
fn untitled_path(language_id: &str) -> PathBuf {
    match language_id {
        "markdown" => PathBuf::from("untitled.md"),
        _ => PathBuf::from("untitled.txt"),
    }
}

/// Whether a change to `path` changes how documents are checked: a
/// configuration, a rule pack or glossary (TOML), or a project word list.
fn is_configuration(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    crate::config::CONFIG_NAMES.contains(&name)
        || path.extension().is_some_and(|ext| ext == "toml")
        || path
            .parent()
            .is_some_and(|dir| dir.ends_with(crate::project_words::PROJECT_DICTIONARY_DIR))
}

use crate::config;
