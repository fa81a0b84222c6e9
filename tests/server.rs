//! End-to-end tests of `doclint server`: the binary is spawned and spoken
//! to in JSON-RPC with Content-Length framing, as an editor does.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const TIMEOUT: Duration = Duration::from_secs(60);

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Notifications and server requests seen while waiting for something else.
    seen: Vec<Value>,
    next_id: i64,
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    fn start(root: &Path, encodings: &[&str]) -> (Client, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_doclint"))
            .arg("server")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("doclint server starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (send, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if send.send(message).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            incoming,
            seen: Vec::new(),
            next_id: 0,
        };
        let root_uri = uri(root);
        let result = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "workspaceFolders": [{"uri": root_uri, "name": "test"}],
                "capabilities": {
                    "general": {"positionEncodings": encodings},
                    "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}
                },
                "initializationOptions": {"debounceMs": 10}
            }),
        );
        client.notify("initialized", json!({}));
        (client, result)
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    fn next(&mut self, deadline: Instant) -> Value {
        let wait = deadline.saturating_duration_since(Instant::now());
        match self.incoming.recv_timeout(wait) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => panic!("no message from the server in time"),
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        }
    }

    /// The whole response (result or error) to request `id`.
    fn response(&mut self, id: i64) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.next(deadline);
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                return message;
            }
            self.seen.push(message);
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        let response = self.response(id);
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    /// The first notification `method` (seen earlier or arriving) that
    /// satisfies `wanted`; those before it are dropped.
    fn wait_for(&mut self, method: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self
            .seen
            .iter()
            .position(|m| m["method"] == method && wanted(&m["params"]))
        {
            let found = self.seen.remove(at);
            self.seen.drain(..at);
            return found["params"].clone();
        }
        self.seen.clear();
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.next(deadline);
            if message["method"] == method && wanted(&message["params"]) {
                return message["params"].clone();
            }
        }
    }

    /// The next diagnostics of `uri` that satisfy `wanted`.
    fn diagnostics(&mut self, uri: &str, wanted: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let params = self.wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && wanted(p["diagnostics"].as_array().map_or(&[], Vec::as_slice))
        });
        params["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                assert!(status.success(), "exit status {status}");
                return;
            }
            assert!(started.elapsed() < TIMEOUT, "the server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_owned())
        .collect()
}

/// UTF-16 column of byte `offset` in `text`, 0-based line and column.
fn utf16_position(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let line = before.matches('\n').count() as u64;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[start..offset].encode_utf16().count() as u64;
    (line, column)
}

/// The byte offset of an LSP position in `text`, counting UTF-16 units.
fn offset_of(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().expect("line") as usize;
    let character = position["character"].as_u64().expect("character") as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (at, c) in text[start..].char_indices() {
        if units >= character || c == '\n' {
            return start + at;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// Applies a workspace edit's text edits for `uri` to `text`; also returns
/// them as `didChange` content changes (applied last to first).
fn apply_edit(text: &str, edit: &Value, uri: &str) -> (String, Vec<Value>) {
    let mut edits = edit["changes"][uri].as_array().cloned().expect("edits");
    edits.sort_by_key(|e| std::cmp::Reverse(offset_of(text, &e["range"]["start"])));
    let mut out = text.to_owned();
    for edit in &edits {
        let start = offset_of(&out, &edit["range"]["start"]);
        let end = offset_of(&out, &edit["range"]["end"]);
        out.replace_range(start..end, edit["newText"].as_str().expect("text"));
    }
    let changes = edits
        .iter()
        .map(|e| json!({"range": e["range"], "text": e["newText"]}))
        .collect();
    (out, changes)
}

fn workspace(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, source) in files {
        let text = std::fs::read_to_string(repo().join(source)).expect("seed document");
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    dir
}

#[test]
fn a_seed_document_is_checked_fixed_edited_and_reconfigured() {
    let dir = workspace(&[
        ("doc.txt", "corpus/002_a1473f90297c5d0a.txt"),
        ("other.txt", "corpus/003_b8ac175d91083a77.txt"),
    ]);
    let root = dir.path().canonicalize().expect("root");
    let path = root.join("doc.txt");
    let doc = uri(&path);
    let mut text = std::fs::read_to_string(&path).expect("read");
    let (mut client, init) = Client::start(&root, &["utf-16"]);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);

    client.open(&doc, "plaintext", &text);
    let diagnostics = client.diagnostics(&doc, |d| !d.is_empty());

    // The same set as `doclint check --format json` on the same folder.
    let output = Command::new(env!("CARGO_BIN_EXE_doclint"))
        .args(["check", "--format", "json", "."])
        .current_dir(&root)
        .output()
        .expect("doclint check runs");
    let report: Value = serde_json::from_slice(&output.stdout).expect("json");
    let mut expected: Vec<(String, u64, u64, String)> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["path"].as_str().is_some_and(|p| p.ends_with("doc.txt")))
        .map(|d| {
            let start = d["span"]["start"].as_u64().expect("start") as usize;
            let (line, column) = utf16_position(&text, start);
            let rule = d["rule"].as_str().expect("rule").to_owned();
            (
                rule,
                line,
                column,
                d["message"].as_str().expect("message").to_owned(),
            )
        })
        .collect();
    let mut got: Vec<(String, u64, u64, String)> = diagnostics
        .iter()
        .map(|d| {
            let message = d["message"].as_str().expect("message");
            (
                d["code"].as_str().expect("code").to_owned(),
                d["range"]["start"]["line"].as_u64().expect("line"),
                d["range"]["start"]["character"]
                    .as_u64()
                    .expect("character"),
                message.split("\nhelp: ").next().unwrap_or("").to_owned(),
            )
        })
        .collect();
    expected.sort();
    got.sort();
    assert!(expected.len() > 10, "the seed has findings: {expected:?}");
    assert_eq!(got, expected);
    assert!(
        codes(&diagnostics)
            .iter()
            .any(|c| c.starts_with("inconsistent-")),
        "corpus-level findings are there too"
    );
    let first = &diagnostics[0];
    assert_eq!(first["source"], "doclint");
    assert!(first["codeDescription"]["href"]
        .as_str()
        .is_some_and(|h| !h.is_empty()));
    assert!(matches!(first["severity"].as_u64(), Some(1..=3)));

    // A quick fix: request, apply, see the finding go.
    let fixable = diagnostics
        .iter()
        .find(|d| d["code"] == "double-space")
        .expect("a double space in the seed")
        .clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": doc}, "range": fixable["range"],
               "context": {"diagnostics": [fixable]}}),
    );
    let action = actions
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["isPreferred"] == true)
        .expect("a preferred quick fix")
        .clone();
    let (fixed, changes) = apply_edit(&text, &action["edit"], &doc);
    assert_ne!(fixed, text);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 2}, "contentChanges": changes}),
    );
    text = fixed;
    let count = diagnostics.len();
    let after_fix = client.diagnostics(&doc, |d| d.len() == count - 1);
    assert!(!codes(&after_fix).contains(&"double-space".to_owned()));

    // A new paragraph in the body: the findings after it move two lines
    // down, those before stay, and it has its own.
    let inserted = "An  added paragraph.\n\n";
    assert!(
        text.lines().nth(3).is_some_and(|l| l.trim().is_empty())
            && !text.lines().nth(4).unwrap_or("").is_empty()
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 3}, "contentChanges": [
            {"range": {"start": {"line": 4, "character": 0}, "end": {"line": 4, "character": 0}},
             "text": inserted}]}),
    );
    let at: usize = text.split_inclusive('\n').take(4).map(str::len).sum();
    text.insert_str(at, inserted);
    let line = |d: &Value| d["range"]["start"]["line"].as_u64().expect("line");
    let moved = client.diagnostics(&doc, |d| {
        d.iter()
            .any(|d| line(d) == 4 && d["code"] == "double-space")
    });
    let mut expected: Vec<(u64, Value)> = after_fix
        .iter()
        .map(|d| {
            (
                if line(d) >= 4 { line(d) + 2 } else { line(d) },
                d["code"].clone(),
            )
        })
        .collect();
    let mut got: Vec<(u64, Value)> = moved
        .iter()
        .filter(|d| line(d) != 4)
        .map(|d| (line(d), d["code"].clone()))
        .collect();
    expected.sort_by_key(|(l, c)| (*l, c.to_string()));
    got.sort_by_key(|(l, c)| (*l, c.to_string()));
    assert_eq!(got, expected);

    // Fix all safe problems, through the CLI's fix engine: the result is
    // what `doclint check --fix` writes.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": doc},
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let fix_all = actions
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["kind"] == "source.fixAll.doclint")
        .expect("fix all")
        .clone();
    let (all_fixed, changes) = apply_edit(&text, &fix_all["edit"], &doc);
    let copy = root.join("copy.txt");
    std::fs::write(&copy, &text).expect("write");
    let status = Command::new(env!("CARGO_BIN_EXE_doclint"))
        .args(["check", "--fix", "--isolated", "copy.txt"])
        .current_dir(&root)
        .output()
        .expect("doclint check --fix runs");
    assert!(status.status.code().is_some());
    let cli_fixed = std::fs::read_to_string(&copy).expect("read");
    std::fs::remove_file(&copy).expect("remove");
    assert_eq!(all_fixed, cli_fixed);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 4}, "contentChanges": changes}),
    );
    text = all_fixed;
    let remaining = client.diagnostics(&doc, |d| d.len() < count);
    assert!(!remaining.is_empty());
    let irregular = remaining
        .iter()
        .filter(|d| d["code"] == "irregular-whitespace")
        .count();
    assert_eq!(irregular, 0, "no-break spaces fixed");

    // A configuration appears: findings change.
    let kept = codes(&remaining)[0].clone();
    std::fs::write(
        root.join("doclint.toml"),
        format!("[rules]\n\"{kept}\" = \"off\"\n"),
    )
    .expect("write config");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&root.join("doclint.toml")), "type": 1}]}),
    );
    let reconfigured = client.diagnostics(&doc, |d| !codes(d).contains(&kept));
    assert!(!reconfigured.is_empty());
    // A broken one is said, not a crash.
    std::fs::write(
        root.join("doclint.toml"),
        "[rules]\nno-such-rule = \"off\"\n",
    )
    .expect("write config");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&root.join("doclint.toml")), "type": 2}]}),
    );
    let broken = client.diagnostics(&doc, |d| codes(d) == ["configuration"]);
    assert!(broken[0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("no-such-rule")));
    let _ = text;
    client.shutdown();
}

#[test]
fn markdown_hover_suppression_dictionary_and_utf8_positions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().canonicalize().expect("root");
    let path = root.join("notes.md");
    let text =
        "# Notes\n\nThe 文字 😀 list has a double  space.\n\nWe gave two speechs yesterday.\n";
    std::fs::write(&path, text).expect("write");
    let doc = uri(&path);
    let (mut client, init) = Client::start(&root, &["utf-8", "utf-16"]);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    client.open(&doc, "markdown", text);
    let diagnostics = client.diagnostics(&doc, |d| !d.is_empty());
    let double = diagnostics
        .iter()
        .find(|d| d["code"] == "double-space")
        .expect("double space")
        .clone();
    // UTF-8: the column is the byte offset in the line.
    let line_start = text.find("The 文字").expect("line");
    let at = text.find("  space").expect("double space");
    assert_eq!(double["range"]["start"]["line"], 2);
    assert_eq!(
        double["range"]["start"]["character"].as_u64(),
        Some((at - line_start) as u64)
    );

    // Hover: the rule's documentation.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": doc}, "position": double["range"]["start"]}),
    );
    let value = hover["contents"]["value"].as_str().expect("markdown");
    assert!(value.starts_with("# double-space"), "{value}");
    assert!(value.contains("## What it does"), "{value}");

    // Suppress it on its line.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": doc}, "range": double["range"],
               "context": {"diagnostics": [double]}}),
    );
    let suppress = actions
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Suppress"))
        })
        .expect("suppress action")
        .clone();
    let edits = &suppress["edit"]["changes"][&doc];
    assert_eq!(
        edits[0]["newText"],
        "<!-- doclint-disable-next-line double-space -->\n"
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 2}, "contentChanges": [
            {"range": edits[0]["range"], "text": edits[0]["newText"]}]}),
    );
    let suppressed = client.diagnostics(&doc, |d| !codes(d).contains(&"double-space".to_owned()));
    assert!(!codes(&suppressed).contains(&"unused-suppression".to_owned()));

    // Add the unknown word to the project dictionary.
    let misspelt = suppressed
        .iter()
        .find(|d| d["code"] == "misspelling")
        .expect("misspelling")
        .clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": doc}, "range": misspelt["range"],
               "context": {"diagnostics": [misspelt]}}),
    );
    let add = actions
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["command"]["command"] == "doclint.addWord")
        .expect("add word action")
        .clone();
    client.request(
        "workspace/executeCommand",
        json!({"command": add["command"]["command"], "arguments": add["command"]["arguments"]}),
    );
    let words = std::fs::read_to_string(root.join("rules/dictionary/project.txt"))
        .expect("word list written");
    assert!(words.lines().any(|l| l == "speechs"), "{words}");
    client.diagnostics(&doc, |d| !codes(d).contains(&"misspelling".to_owned()));
    client.shutdown();
}

#[test]
fn bad_input_is_reported_and_requests_can_be_cancelled() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().canonicalize().expect("root");
    let (mut client, _) = Client::start(&root, &[]);
    // A document with a NUL byte is not text: a diagnostic, not a crash.
    let binary = uri(&root.join("binary.txt"));
    client.open(&binary, "plaintext", "text\u{0}more");
    let found = client.diagnostics(&binary, |d| codes(d) == ["load"]);
    assert!(found[0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("binary")));

    // A request cancelled before the server reaches it is answered so.
    let big = uri(&root.join("big.txt"));
    let text = std::fs::read_to_string(repo().join("corpus/002_a1473f90297c5d0a.txt"))
        .expect("seed")
        .repeat(100);
    client.open(&big, "plaintext", &text);
    // Fixing all of it keeps the server busy while the next request and
    // its cancellation arrive.
    let busy = client.send_request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": big},
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": ["source.fixAll.doclint"]}}),
    );
    let id = client.send_request(
        "textDocument/hover",
        json!({"textDocument": {"uri": big}, "position": {"line": 0, "character": 0}}),
    );
    client.notify("$/cancelRequest", json!({"id": id}));
    let answered = client.response(busy);
    assert!(
        answered["result"].as_array().is_some_and(|a| !a.is_empty()),
        "{answered}"
    );
    let response = client.response(id);
    assert_eq!(response["error"]["code"], -32800, "{response}");
    // The server goes on.
    client.diagnostics(&big, |d| !d.is_empty());
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": big}, "position": {"line": 0, "character": 0}}),
    );
    assert!(hover.is_null() || hover["contents"].is_object());
    client.shutdown();
}

/// Neovim's built-in LSP client starts `doclint server` on a seed document,
/// reads back its diagnostics and applies a quick fix
/// (`tests/editors/nvim-lsp.lua`). Skipped only when `nvim` is missing
/// outside CI; under `CI=true` it must run.
#[test]
fn neovim_reads_diagnostics_and_applies_a_code_action() {
    let available = Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but nvim is not installed (.ci/run installs it)"
        );
        #[allow(clippy::print_stderr)]
        {
            eprintln!("skipped: nvim is not installed (apt-get install neovim)");
        }
        return;
    }
    let dir = workspace(&[("seed.txt", "corpus/002_a1473f90297c5d0a.txt")]);
    let root = dir.path().canonicalize().expect("root");
    let out = root.join("nvim-result.json");
    let script = repo().join("tests/editors/nvim-lsp.lua");
    let status = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-u"])
        .arg(&script)
        .arg("seed.txt")
        .current_dir(&root)
        .env("DOCLINT_BIN", env!("CARGO_BIN_EXE_doclint"))
        .env("DOCLINT_NVIM_OUT", &out)
        .stdin(Stdio::null())
        .output()
        .expect("nvim runs");
    let text = std::fs::read_to_string(&out).unwrap_or_else(|_| {
        panic!(
            "nvim wrote no result: {}",
            String::from_utf8_lossy(&status.stderr)
        )
    });
    let result: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(result["message"], "done", "{result}");
    assert_eq!(result["encoding"], "utf-16");
    let diagnostics = result["diagnostics"].as_array().expect("diagnostics");
    assert!(diagnostics.len() > 10, "{result}");
    assert!(diagnostics.iter().all(|d| d["source"] == "doclint"));
    assert!(diagnostics
        .iter()
        .any(|d| d["code"] == "irregular-whitespace"));
    let actions = result["actions"].as_array().expect("actions");
    assert!(actions.iter().any(|a| a["kind"] == "quickfix"), "{result}");
    let before = result["line_before"].as_str().expect("line");
    let after = result["line_after"].as_str().expect("line");
    assert!(
        before.contains("  ") && before.replacen("  ", " ", 1) == after,
        "{result}"
    );
    assert!(
        result["diagnostics_after"].as_u64() < Some(diagnostics.len() as u64),
        "{result}"
    );
}
