//! `--format html` in a real browser: the report of `corpus/` (plus a
//! document of hostile markup and a cross-document consistency pair) is
//! opened in headless Chromium, driven over the DevTools protocol, and its
//! DOM compared with the JSON report of the same run: every finding is
//! highlighted once, at its text; the filters change what is shown; the
//! keyboard reaches the findings; markup in a document stays text; and the
//! page makes no request.
//!
//! Chromium (`apt-get install chromium`, or `$CHROMIUM`) is required under
//! `CI`; elsewhere the test is skipped, saying so, when it is absent.
//!
//! `scripts/report-screenshot.sh` runs the ignored `readme_screenshot` test
//! to regenerate `docs/report.png`.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use base64::Engine as _;
use serde_json::{json, Value};

const HOSTILE: &str = "Release notes\n\n\
    The parser now accepts <script>window.__pwned = 1</script> in a title.\n\n\
    A value like \"><img src=x onerror=\"window.__pwned = 2\"> is kept as  text.\n\
    Also &amp; entities, <b>bold</b> and a carriage return\r\nstay as they are.\n";

/// The Chromium to drive: `$CHROMIUM`, or the first on the `PATH`.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let names = ["chromium", "chromium-browser", "google-chrome", "chrome"];
    std::env::split_paths(&std::env::var_os("PATH")?)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|path| path.is_file())
}

/// Chromium, or `None` when the test should be skipped (never under CI).
fn chromium_or_skip() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
        assert!(
            !ci,
            "CI is set but Chromium was not found: install it (apt-get install -y chromium) or set CHROMIUM"
        );
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "SKIPPED: the HTML report browser test needs Chromium (apt-get install -y chromium, or set CHROMIUM); it is required when CI is set"
            );
        }
    }
    found
}

/// A DevTools protocol connection over `--remote-debugging-pipe`: commands
/// go to the browser's fd 3 and replies come from its fd 4, each message a
/// JSON text ended by a NUL byte. A shell gives the browser our pipes as
/// those descriptors.
struct Browser {
    child: Child,
    input: ChildStdin,
    messages: Receiver<Value>,
    next_id: u64,
    events: Vec<Value>,
    session: Option<String>,
}

impl Browser {
    fn launch(chromium: &Path, profile: &Path) -> Browser {
        let mut child = Command::new("sh")
            .arg("-c")
            .arg("exec \"$0\" \"$@\" 3<&0 4>&1 </dev/null >/dev/null")
            .arg(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Chromium");
        let input = child.stdin.take().expect("browser input");
        let output = child.stdout.take().expect("browser output");
        let (send, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(output);
            loop {
                let mut message = Vec::new();
                match reader.read_until(0, &mut message) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {
                        message.pop();
                        if let Ok(value) = serde_json::from_slice::<Value>(&message) {
                            if send.send(value).is_err() {
                                return;
                            }
                        }
                    }
                }
            }
        });
        Browser {
            child,
            input,
            messages,
            next_id: 0,
            events: Vec::new(),
            session: None,
        }
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = &self.session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message).expect("serialise a command");
        bytes.push(0);
        self.input.write_all(&bytes).expect("send a command");
        self.input.flush().expect("send a command");
        loop {
            let reply = self
                .messages
                .recv_timeout(Duration::from_secs(60))
                .unwrap_or_else(|_| panic!("no reply to {method}"));
            if reply["id"] == json!(id) {
                assert!(reply.get("error").is_none(), "{method} failed: {reply}");
                return reply["result"].clone();
            }
            self.events.push(reply);
        }
    }

    /// Waits for an event, keeping every event seen on the way.
    fn wait_for(&mut self, method: &str) {
        if self.events.iter().any(|e| e["method"] == json!(method)) {
            return;
        }
        loop {
            let event = self
                .messages
                .recv_timeout(Duration::from_secs(60))
                .unwrap_or_else(|_| panic!("no {method} event"));
            let done = event["method"] == json!(method);
            self.events.push(event);
            if done {
                return;
            }
        }
    }

    /// Opens a page and attaches to it.
    fn open(&mut self, url: &str, width: u32, height: u32) {
        let target = self.call("Target.createTarget", json!({ "url": "about:blank" }));
        let attached = self.call(
            "Target.attachToTarget",
            json!({ "targetId": target["targetId"], "flatten": true }),
        );
        self.session = attached["sessionId"].as_str().map(str::to_owned);
        self.call("Network.enable", json!({}));
        self.call("Page.enable", json!({}));
        self.call("Runtime.enable", json!({}));
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
        );
        self.events.clear();
        self.call("Page.navigate", json!({ "url": url }));
        self.wait_for("Page.loadEventFired");
    }

    /// The value of a JavaScript expression (JSON-able).
    fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        );
        assert!(
            result.get("exceptionDetails").is_none(),
            "script failed: {result}"
        );
        result["result"]["value"].clone()
    }

    fn key(&mut self, key: &str, code: u32, shift: bool) {
        for kind in ["rawKeyDown", "keyUp"] {
            self.call(
                "Input.dispatchKeyEvent",
                json!({
                    "type": kind, "key": key, "code": key,
                    "windowsVirtualKeyCode": code, "modifiers": if shift { 8 } else { 0 }
                }),
            );
        }
    }

    fn screenshot(&mut self, path: &Path) -> usize {
        let shot = self.call("Page.captureScreenshot", json!({ "format": "png" }));
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().expect("screenshot data"))
            .expect("a base64 screenshot");
        std::fs::write(path, &png).expect("write the screenshot");
        png.len()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `doclint check` with `format` on `paths`, from `dir`.
fn report(dir: &Path, format: &str, paths: &[String], out: &Path) {
    let output = Command::new(env!("CARGO_BIN_EXE_doclint"))
        .current_dir(dir)
        .args(["check", "--isolated", "--format", format, "--output-file"])
        .arg(out)
        .args(paths)
        .output()
        .expect("run doclint");
    assert!(
        output.status.code().is_some_and(|c| c <= 1),
        "doclint failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The inputs: `corpus/`, a hostile document and a cross-document pair,
/// copied into `dir`; their relative paths, in order.
fn inputs(dir: &Path) -> Vec<String> {
    let mut paths = Vec::new();
    let mut copy = |from: &Path, to: &str| {
        let target = dir.join(to);
        std::fs::create_dir_all(target.parent().expect("a parent")).expect("make the directory");
        std::fs::copy(from, &target).expect("copy an input");
        paths.push(to.to_owned());
    };
    let mut corpus: Vec<_> = std::fs::read_dir(repo().join("corpus"))
        .expect("corpus/")
        .map(|e| e.expect("a corpus entry").path())
        .collect();
    corpus.sort();
    for path in &corpus {
        let name = path.file_name().expect("a name").to_string_lossy();
        copy(path, &format!("corpus/{name}"));
    }
    let names = repo().join("tests/fixtures/consistency/names");
    let mut pair: Vec<_> = std::fs::read_dir(&names)
        .expect("names fixtures")
        .map(|e| e.expect("an entry").path())
        .collect();
    pair.sort();
    for path in &pair {
        let name = path.file_name().expect("a name").to_string_lossy();
        copy(path, &format!("names/{name}"));
    }
    std::fs::write(dir.join("hostile.md"), HOSTILE).expect("write the hostile document");
    paths.push("hostile.md".to_owned());
    paths
}

/// UTF-16 length of `text`, as JavaScript counts.
fn utf16(text: &str) -> usize {
    text.encode_utf16().count()
}

/// What the page shows of every document: its text, and per finding the
/// text of its marks, where the first starts, how many carry its id, and
/// its side-list entry.
const DOM_FACTS: &str = r#"(() => {
  const out = {};
  for (const doc of document.querySelectorAll("details.doc")) {
    const text = doc.querySelector(".text");
    const offsets = new Map();
    let at = 0;
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    let node;
    while ((node = walker.nextNode())) {
      if (node.nodeType === 3) at += node.data.length;
      else if (node.matches("mark.f")) offsets.set(node, at);
    }
    const findings = {};
    for (const mark of text.querySelectorAll("mark.f")) {
      const f = mark.dataset.f;
      const entry = findings[f] || (findings[f] = { text: "", start: null, ids: 0, rule: mark.dataset.r, pieces: 0 });
      entry.text += mark.textContent;
      entry.pieces += 1;
      if (mark.id) { entry.ids += 1; entry.start = offsets.get(mark); entry.focusable = mark.tabIndex === 0; }
    }
    const items = [];
    for (const item of doc.querySelectorAll("li.item")) {
      items.push({ f: item.dataset.f, rule: item.dataset.r, message: item.querySelector(".msg").textContent,
                   help: (item.querySelector(".help") || {}).textContent || null,
                   fix: item.dataset.x });
    }
    out[doc.querySelector(".path").textContent] = { id: doc.id, text: text.textContent, findings, items };
  }
  return out;
})()"#;

/// How much the page shows after filtering.
const SHOWN: &str = r#"(() => ({
  items: [...document.querySelectorAll("li.item")].filter(i => !i.hidden && !i.closest("details.doc").hidden).map(i => i.dataset.r + "|" + i.dataset.s + "|" + i.dataset.x + "|" + i.dataset.c),
  marks: [...document.querySelectorAll("mark.f:not(.cont)")].filter(m => !m.classList.contains("off")).length,
  docs: [...document.querySelectorAll("details.doc")].filter(d => !d.hidden).length,
  status: document.getElementById("shown").textContent,
}))()"#;

fn set_filter(browser: &mut Browser, key: &str, value: &str) -> Value {
    browser.eval(&format!(
        "(() => {{ const s = document.getElementById('filter-{key}'); s.value = {value}; s.dispatchEvent(new Event('change', {{ bubbles: true }})); return s.value; }})()",
        value = json!(value)
    ));
    browser.eval(SHOWN)
}

#[test]
fn html_report_in_chromium() {
    let Some(chromium) = chromium_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary directory");
    let paths = inputs(dir.path());
    let html = dir.path().join("report.html");
    let json_path = dir.path().join("report.json");
    report(dir.path(), "html", &paths, &html);
    report(dir.path(), "json", &paths, &json_path);
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).expect("the JSON report"))
            .expect("JSON");
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    assert!(diagnostics.len() > 50, "corpus/ has findings");

    let profile = tempfile::tempdir().expect("a profile directory");
    let mut browser = Browser::launch(&chromium, profile.path());
    let url = format!("file://{}", html.display());
    browser.open(&url, 1280, 1600);

    // The script ran under the page's policy: the filters are shown.
    assert_eq!(
        browser.eval("document.getElementById('filters').hidden"),
        json!(false),
        "the inline script did not run (content security policy?)"
    );

    // Side lists are built from each document's data when it is opened.
    assert_eq!(
        browser.eval("document.querySelectorAll('li.item').length"),
        json!(0)
    );
    let built = browser.eval(
        "(async () => { document.querySelectorAll('details.doc').forEach(d => d.open = true);
           await new Promise(r => setTimeout(r, 200));
           return document.querySelectorAll('li.item').length; })()",
    );
    assert_eq!(built, json!(diagnostics.len()));

    // Every finding of the JSON report, once, at its text.
    let facts = browser.eval(DOM_FACTS);
    let mut by_path: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
    for d in diagnostics {
        by_path
            .entry(d["path"].as_str().expect("a path"))
            .or_default()
            .push(d);
    }
    let with_findings = by_path.len();
    for path in &paths {
        let source = std::fs::read_to_string(dir.path().join(path)).expect("an input");
        let doc = &facts[path.as_str()];
        assert_eq!(
            doc["text"].as_str(),
            Some(source.as_str()),
            "{path}: the page's text is not the document's"
        );
        let expected = by_path.remove(path.as_str()).unwrap_or_default();
        let findings = doc["findings"].as_object().expect("findings");
        let items = doc["items"].as_array().expect("items");
        assert_eq!(findings.len(), expected.len(), "{path}: marks");
        assert_eq!(items.len(), expected.len(), "{path}: side list");
        // The side list is in report order, as the JSON is.
        for (item, d) in items.iter().zip(&expected) {
            assert_eq!(item["rule"], d["rule"], "{path}");
            assert_eq!(item["message"], d["message"], "{path}");
            assert_eq!(item["help"], d["help"], "{path}");
            let fix = d["fix"]["applicability"].as_str().unwrap_or("none");
            assert_eq!(item["fix"], json!(fix), "{path}");
            let mark = &findings[item["f"].as_str().expect("an index")];
            let (start, end) = (
                d["span"]["start"].as_u64().expect("start") as usize,
                d["span"]["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(mark["ids"], json!(1), "{path}: {d}");
            assert_eq!(mark["rule"], d["rule"]);
            assert_eq!(mark["focusable"], json!(true));
            assert_eq!(
                mark["text"].as_str(),
                source.get(start..end),
                "{path}: the mark of {d} is not at its text"
            );
            assert_eq!(
                mark["start"].as_u64(),
                Some(utf16(&source[..start]) as u64),
                "{path}: the mark of {d} is not at its place"
            );
        }
    }
    assert!(by_path.is_empty(), "findings of unknown documents");

    // Markup in a document is text.
    let hostile = &facts["hostile.md"]["text"];
    assert!(hostile
        .as_str()
        .is_some_and(|t| t.contains("<script>window.__pwned = 1</script>")
            && t.contains("\"><img src=x onerror=")));
    assert_eq!(
        browser.eval("[document.querySelectorAll('script:not([type=\"application/json\"])').length, document.images.length, typeof window.__pwned, document.querySelectorAll('b').length, document.querySelectorAll('script').length]"),
        json!([1, 0, "undefined", 0, 1 + with_findings])
    );

    // The filters change what is shown.
    let all = browser.eval(SHOWN);
    assert_eq!(
        all["items"].as_array().map(Vec::len),
        Some(diagnostics.len())
    );
    assert_eq!(all["marks"], json!(diagnostics.len()));
    let count = |pred: &dyn Fn(&Value) -> bool| diagnostics.iter().filter(|d| pred(d)).count();
    let documents_with = |pred: &dyn Fn(&Value) -> bool| {
        let mut docs: Vec<&str> = diagnostics
            .iter()
            .filter(|d| pred(d))
            .filter_map(|d| d["path"].as_str())
            .collect();
        docs.dedup();
        docs.len()
    };
    let shown = set_filter(&mut browser, "r", "irregular-whitespace");
    let rule = |d: &Value| d["rule"] == json!("irregular-whitespace");
    assert_eq!(shown["items"].as_array().map(Vec::len), Some(count(&rule)));
    assert_eq!(shown["marks"], json!(count(&rule)));
    assert_eq!(shown["docs"], json!(documents_with(&rule)));
    assert!(shown["items"]
        .as_array()
        .is_some_and(|items| items.iter().all(|i| i
            .as_str()
            .is_some_and(|i| i.starts_with("irregular-whitespace|")))));
    // Rule and severity together, then fixability.
    let shown = set_filter(&mut browser, "s", "info");
    assert_eq!(
        shown["items"],
        json!([]),
        "irregular-whitespace is a warning"
    );
    assert_eq!(shown["docs"], json!(0));
    browser.eval("document.getElementById('filter-r').value = ''");
    let shown = set_filter(&mut browser, "s", "info");
    let info = |d: &Value| d["severity"] == json!("info");
    assert_eq!(shown["items"].as_array().map(Vec::len), Some(count(&info)));
    browser.eval("document.getElementById('filter-s').value = ''");
    let shown = set_filter(&mut browser, "x", "unsafe");
    let unsafe_fix = |d: &Value| d["fix"]["applicability"] == json!("unsafe");
    assert_eq!(shown["marks"], json!(count(&unsafe_fix)));
    browser.eval("document.getElementById('filter-x').value = ''");
    let shown = set_filter(&mut browser, "c", "consistency");
    assert!(shown["items"]
        .as_array()
        .is_some_and(|items| !items.is_empty()
            && items.len() < diagnostics.len()
            && items
                .iter()
                .all(|i| i.as_str().is_some_and(|i| i.ends_with("|consistency")))));
    browser.eval("document.getElementById('filters').reset()");
    std::thread::sleep(Duration::from_millis(100));
    let shown = browser.eval(SHOWN);
    assert_eq!(shown["marks"], json!(diagnostics.len()));
    assert_eq!(shown["docs"], json!(paths.len()));

    // A cross-document place: its link opens the other document and
    // highlights the labelled text.
    let cross = diagnostics
        .iter()
        .find(|d| {
            d["labels"]
                .as_array()
                .is_some_and(|l| l.iter().any(|l| l.get("path").is_some()))
        })
        .expect("a cross-document finding");
    let label = cross["labels"]
        .as_array()
        .and_then(|l| l.iter().find(|l| l.get("path").is_some()))
        .expect("a label");
    let other = std::fs::read_to_string(
        dir.path()
            .join(label["path"].as_str().expect("the label's path")),
    )
    .expect("the other document");
    let labelled = &other[label["span"]["start"].as_u64().expect("start") as usize
        ..label["span"]["end"].as_u64().expect("end") as usize];
    let highlighted = browser.eval(&format!(
        "(() => {{ const doc = [...document.querySelectorAll('details.doc')].find(d => d.querySelector('.path').textContent === {path});
           const link = [...doc.querySelectorAll('a.place')].find(a => a.dataset.doc !== doc.id.slice(1));
           link.click();
           const target = document.getElementById('d' + link.dataset.doc);
           const h = CSS.highlights.get('place');
           return [target.open, target.querySelector('.path').textContent, [...h][0].toString()]; }})()",
        path = json!(cross["path"])
    ));
    assert_eq!(highlighted, json!([true, label["path"], labelled]));

    // The keyboard: Tab from a document's summary reaches its first
    // finding, whose explanation then shows.
    let first = diagnostics
        .iter()
        .find(|d| d["path"] == json!(paths[0]))
        .expect("a finding in the first document");
    browser.eval("(() => { const d = document.querySelector('details.doc'); d.open = true; d.querySelector('summary').focus(); })()");
    browser.key("Tab", 9, false);
    let focused = browser.eval(
        "(() => { const a = document.activeElement; const tip = document.getElementById('tip');
           return [a.tagName, a.dataset.r, tip.hidden, tip.querySelector('.msg') && tip.querySelector('.msg').textContent]; })()",
    );
    assert_eq!(
        focused,
        json!(["MARK", first["rule"], false, first["message"]])
    );
    browser.key("Escape", 27, false);
    assert_eq!(
        browser.eval("document.getElementById('tip').hidden"),
        json!(true)
    );

    // A screenshot of the page as it stands.
    let shot = dir.path().join("report.png");
    let size = browser.screenshot(&shot);
    assert!(size > 20_000, "a screenshot of {size} bytes");

    // No request but the page itself.
    let requests: Vec<&str> = browser
        .events
        .iter()
        .filter(|e| e["method"] == json!("Network.requestWillBeSent"))
        .filter_map(|e| e["params"]["request"]["url"].as_str())
        .collect();
    assert_eq!(requests, vec![url.as_str()], "requests other than the page");
    let violations = browser.eval("performance.getEntriesByType('resource').length");
    assert_eq!(violations, json!(0));
}

/// Regenerates the README's screenshot: `scripts/report-screenshot.sh`.
#[test]
#[ignore = "writes docs/report.png; run by scripts/report-screenshot.sh"]
fn readme_screenshot() {
    let chromium = chromium().expect("Chromium (apt-get install -y chromium, or set CHROMIUM)");
    let root = repo().canonicalize().expect("the repository");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let html = dir.path().join("report.html");
    report(&root, "html", &["corpus".to_owned()], &html);
    let profile = tempfile::tempdir().expect("a profile directory");
    let mut browser = Browser::launch(&chromium, profile.path());
    browser.open(&format!("file://{}", html.display()), 1360, 1900);
    // The worst document open, its first finding with an unsafe fix hovered.
    browser.eval(
        "(() => { const worst = document.querySelector('table.rank a').getAttribute('href').slice(1);
           const doc = document.getElementById(worst); doc.open = true;
           const mark = doc.querySelector('mark.f[data-x=\"unsafe\"]:not(.cont)') || doc.querySelector('mark.f');
           window.scrollTo(0, 0);
           mark.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
           return true; })()",
    );
    let out = root.join("docs/report.png");
    std::fs::create_dir_all(out.parent().expect("docs/")).expect("make docs/");
    browser.screenshot(&out);
}

/// Times opening a large report: `DOCLINT_HTML_REPORT=report.html cargo
/// test -p doclint-cli --test html_report -- --ignored large_report`.
/// Prints the time to the load event, to the first paint and to apply a
/// filter, and the page's node count.
#[test]
#[ignore = "a measurement; needs DOCLINT_HTML_REPORT"]
fn large_report_timings() {
    let chromium = chromium().expect("Chromium");
    let report = std::env::var_os("DOCLINT_HTML_REPORT").expect("DOCLINT_HTML_REPORT");
    let report = Path::new(&report).canonicalize().expect("the report");
    let profile = tempfile::tempdir().expect("a profile directory");
    let mut browser = Browser::launch(&chromium, profile.path());
    let started = std::time::Instant::now();
    browser.open(&format!("file://{}", report.display()), 1280, 1000);
    let opened = started.elapsed();
    let page = browser.eval(
        "(() => { const t = performance.getEntriesByType('navigation')[0];
           const paint = performance.getEntriesByName('first-contentful-paint')[0];
           return { load: t.loadEventEnd, dcl: t.domContentLoadedEventEnd, fcp: paint ? paint.startTime : null,
                    nodes: document.getElementsByTagName('*').length,
                    docs: document.querySelectorAll('details.doc').length,
                    findings: document.querySelectorAll('li.item').length }; })()",
    );
    let filter = browser.eval(
        "(() => { const s = document.getElementById('filter-s'); const t = performance.now();
           s.value = 'info'; s.dispatchEvent(new Event('change', { bubbles: true }));
           return performance.now() - t; })()",
    );
    #[allow(clippy::print_stderr)]
    {
        eprintln!("opened (navigate to load event, wall): {opened:?}");
        eprintln!("page: {page}");
        eprintln!("filter by severity: {filter} ms");
    }
}
