//! `--format html`: one self-contained page for a reviewer to browse: a
//! summary of the run (counts by category and rule, documents worst first),
//! filters, and every document's text with its findings highlighted in
//! place, each explained in a side list and a tooltip.
//!
//! The page makes no request: its style and script are inline, and its
//! content security policy allows no other source and no script but its
//! own (by hash), so even text that slipped through unescaped could not
//! run. All document text, messages and paths are escaped.
//!
//! Written as the files stream in: each document's section goes into a
//! spool (in memory, then a temporary file) as it arrives; the summary,
//! which comes first in the page, is written from running counts and a
//! bounded table of the worst documents once the stream has ended, then
//! the spool is copied after it. Document sections are collapsed
//! (`<details>`), so a page of thousands of documents opens quickly.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{Seek, SeekFrom, Write};
use std::path::PathBuf;

use base64::Engine as _;
use doclint_core::{Applicability, Severity, Span};
use doclint_rules::{Category, Rule};
use serde::Serialize;
use sha2::{Digest, Sha256};
use similar::{ChangeTag, TextDiff};

use super::Summary;
use crate::run::{CheckedFile, FileOutcome, Reported};

const STYLE: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

/// Document sections held in memory up to this size, then in a temporary file.
const SPOOL_BYTES: usize = 8 << 20;

/// Rows of the "worst first" table: a run of many thousand documents lists
/// the worst ones, and says how many more there are.
const WORST_ROWS: usize = 1000;

/// Characters of unchanged text kept on each side of a change in a fix's diff.
const DIFF_CONTEXT: usize = 24;

/// Upper bounds of the findings-per-1,000-words buckets of the distribution.
const BUCKETS: [f64; 6] = [0.0, 2.0, 5.0, 10.0, 20.0, 50.0];

/// A category's name, for a rule id (rules the run does not know, such as
/// doclint's own notes, are `meta`).
struct Categories(BTreeMap<String, Category>);

impl Categories {
    fn new(rules: &[Box<dyn Rule>]) -> Self {
        Self(
            rules
                .iter()
                .map(|rule| (rule.meta().id.to_string(), rule.meta().category))
                .collect(),
        )
    }

    fn of(&self, rule: &str) -> Category {
        self.0.get(rule).copied().unwrap_or(Category::Meta)
    }
}

/// What the summary keeps of one document.
#[derive(Debug, Clone)]
struct DocRow {
    id: usize,
    path: String,
    words: usize,
    findings: usize,
    by_severity: [usize; 3],
}

impl DocRow {
    fn density(&self) -> f64 {
        density(self.findings, self.words)
    }
}

fn density(findings: usize, words: usize) -> f64 {
    if findings == 0 {
        0.0
    } else {
        findings as f64 * 1000.0 / words.max(1) as f64
    }
}

fn severity_index(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// Running counts over the run.
#[derive(Default)]
struct Totals {
    summary: Summary,
    words: usize,
    by_category: BTreeMap<&'static str, usize>,
    /// Per rule: findings, safe fixes, unsafe fixes.
    by_rule: BTreeMap<String, [usize; 3]>,
    buckets: [usize; BUCKETS.len() + 1],
    /// The worst documents so far, at most `2 * WORST_ROWS` of them.
    worst: Vec<DocRow>,
    documents_with_findings: usize,
}

impl Totals {
    fn add_row(&mut self, row: DocRow) {
        let d = row.density();
        let bucket = BUCKETS
            .iter()
            .position(|&b| d <= b)
            .unwrap_or(BUCKETS.len());
        self.buckets[bucket] += 1;
        if row.findings > 0 {
            self.documents_with_findings += 1;
            self.worst.push(row);
            if self.worst.len() >= 2 * WORST_ROWS {
                sort_worst(&mut self.worst);
                self.worst.truncate(WORST_ROWS);
            }
        }
    }
}

fn sort_worst(rows: &mut [DocRow]) {
    rows.sort_by(|a, b| {
        b.density()
            .total_cmp(&a.density())
            .then(b.findings.cmp(&a.findings))
            .then(a.id.cmp(&b.id))
    });
}

/// Words of a text: runs of non-space characters with a letter or digit.
fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .count()
}

/// Writes the report of `files`; `paths` are every input path, by file id
/// (labels in other files link to theirs), `rules` every rule of the run.
pub fn print(
    out: &mut dyn Write,
    files: impl Iterator<Item = CheckedFile>,
    paths: &[PathBuf],
    rules: &[Box<dyn Rule>],
) -> std::io::Result<()> {
    let categories = Categories::new(rules);
    let mut totals = Totals::default();
    let mut body = std::io::BufWriter::new(tempfile::spooled_tempfile(SPOOL_BYTES));
    // Files arrive in input order: a file's id is its index in `paths`.
    for (id, file) in files.enumerate() {
        totals.summary.add_file(&file);
        document(&mut body, id, &file, paths, &categories, &mut totals)?;
    }
    let mut spool = body.into_inner().map_err(|err| err.into_error())?;
    sort_worst(&mut totals.worst);
    totals.worst.truncate(WORST_ROWS);

    head(out)?;
    summary(out, &totals)?;
    filters(out, &totals)?;
    writeln!(
        out,
        "<section id=\"documents\" aria-labelledby=\"documents-h\">"
    )?;
    writeln!(
        out,
        "<div class=\"doc-tools\"><h2 id=\"documents-h\">Documents</h2>\
         <p class=\"hint\">In input order. Open a document to see its text; Tab moves through its findings.</p>\
         <button type=\"button\" id=\"open-all\" class=\"js\" hidden>Expand all shown</button>\
         <button type=\"button\" id=\"close-all\" class=\"js\" hidden>Collapse all</button></div>"
    )?;
    spool.seek(SeekFrom::Start(0))?;
    std::io::copy(&mut spool, out)?;
    writeln!(out, "</section>\n</main>")?;
    writeln!(
        out,
        "<div id=\"tip\" role=\"tooltip\" hidden></div>\n<script>{SCRIPT}</script>\n</body>\n</html>"
    )
}

/// The opening of the page, with its policy, style and header.
fn head(out: &mut dyn Write) -> std::io::Result<()> {
    let hash = |text: &str| {
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
    };
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         script-src 'sha256-{script}'; style-src 'unsafe-inline'; img-src data:; \
         form-action 'none'; base-uri 'none'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"doclint {version}\">\n\
         <title>doclint report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#documents\">Skip to the documents</a>\n\
         <header class=\"top\"><h1>doclint report</h1>\
         <p class=\"sub\">Corpus quality report · doclint {version}</p></header>\n<main>\n",
        script = hash(SCRIPT),
        version = env!("CARGO_PKG_VERSION"),
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{} {word}s", thousands(n))
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// `12345` as `12,345`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn summary(out: &mut dyn Write, totals: &Totals) -> std::io::Result<()> {
    let s = &totals.summary;
    let fixes = s.fixable + s.unsafe_fixable;
    writeln!(
        out,
        "<section id=\"summary\" aria-labelledby=\"summary-h\"><h2 id=\"summary-h\">Summary</h2>"
    )?;
    writeln!(out, "<dl class=\"cards\">")?;
    let mut card = |label: &str, value: String, note: String| {
        writeln!(
            out,
            "<div class=\"card\"><dt>{}</dt><dd><span class=\"big\">{}</span>{}</dd></div>",
            esc(label),
            esc(&value),
            if note.is_empty() {
                String::new()
            } else {
                format!("<span class=\"note\">{}</span>", esc(&note))
            }
        )
    };
    card(
        "Documents",
        thousands(s.files),
        format!(
            "{} with findings{}",
            thousands(totals.documents_with_findings),
            if s.failed_files > 0 {
                format!(", {} not checked", s.failed_files)
            } else {
                String::new()
            }
        ),
    )?;
    card("Words", thousands(totals.words), String::new())?;
    card(
        "Findings",
        thousands(s.diagnostics),
        format!(
            "✖ {} · ▲ {} · ● {}",
            plural(s.errors, "error"),
            plural(s.warnings, "warning"),
            plural(s.infos, "info")
        ),
    )?;
    card(
        "Per 1,000 words",
        format!("{:.1}", density(s.diagnostics, totals.words)),
        "findings".to_owned(),
    )?;
    card(
        "Fixable",
        format!("{:.0}%", percent(fixes, s.diagnostics)),
        format!(
            "{:.0}% with a safe fix ({}), {:.0}% unsafe ({})",
            percent(s.fixable, s.diagnostics),
            s.fixable,
            percent(s.unsafe_fixable, s.diagnostics),
            s.unsafe_fixable
        ),
    )?;
    writeln!(out, "</dl>")?;

    writeln!(out, "<div class=\"charts\">")?;
    // By category.
    let max = totals.by_category.values().copied().max().unwrap_or(0);
    writeln!(
        out,
        "<figure class=\"chart\"><figcaption>Findings by category</figcaption>\
         <table class=\"bars\"><thead><tr><th scope=\"col\">Category</th><th scope=\"col\">Findings</th><th scope=\"col\"><span class=\"sr\">Share</span></th></tr></thead><tbody>"
    )?;
    let mut categories: Vec<_> = totals.by_category.iter().collect();
    categories.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (category, count) in categories {
        writeln!(
            out,
            "<tr><th scope=\"row\"><button type=\"button\" class=\"pick c-{c}\" data-pick=\"c\" data-value=\"{c}\"><span class=\"swatch\" aria-hidden=\"true\"></span>{c}</button></th><td class=\"num\">{count}</td>{bar}</tr>",
            c = esc(category),
            bar = bar_cell(*count, max, &format!("c-{category}")),
        )?;
    }
    writeln!(out, "</tbody></table></figure>")?;

    // By rule.
    let max = totals.by_rule.values().map(|c| c[0]).max().unwrap_or(0);
    writeln!(
        out,
        "<figure class=\"chart wide\"><figcaption>Findings by rule</figcaption>\
         <div class=\"scroll\"><table class=\"bars\"><thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Findings</th><th scope=\"col\">Fixable</th><th scope=\"col\"><span class=\"sr\">Share</span></th></tr></thead><tbody>"
    )?;
    let mut rules: Vec<_> = totals.by_rule.iter().collect();
    rules.sort_by(|a, b| b.1[0].cmp(&a.1[0]).then(a.0.cmp(b.0)));
    for (rule, [count, safe, unsafe_]) in rules {
        let fixable = match (safe, unsafe_) {
            (0, 0) => "—".to_owned(),
            (s, 0) => format!("{s} safe"),
            (0, u) => format!("{u} unsafe"),
            (s, u) => format!("{s} safe, {u} unsafe"),
        };
        writeln!(
            out,
            "<tr><th scope=\"row\"><button type=\"button\" class=\"pick\" data-pick=\"r\" data-value=\"{r}\"><code>{r}</code></button></th><td class=\"num\">{count}</td><td class=\"fx\">{fixable}</td>{bar}</tr>",
            r = esc(rule),
            bar = bar_cell(*count, max, "rule"),
        )?;
    }
    writeln!(out, "</tbody></table></div></figure>")?;

    // Distribution.
    let max = totals.buckets.iter().copied().max().unwrap_or(0);
    writeln!(
        out,
        "<figure class=\"chart\"><figcaption>Documents by findings per 1,000 words</figcaption>\
         <table class=\"bars\"><thead><tr><th scope=\"col\">Findings per 1,000 words</th><th scope=\"col\">Documents</th><th scope=\"col\"><span class=\"sr\">Share</span></th></tr></thead><tbody>"
    )?;
    for (i, count) in totals.buckets.iter().enumerate() {
        let label = match i {
            0 => "none".to_owned(),
            i if i == BUCKETS.len() => format!("over {}", BUCKETS[i - 1]),
            i => format!("{} – {}", BUCKETS[i - 1], BUCKETS[i]),
        };
        writeln!(
            out,
            "<tr><th scope=\"row\">{label}</th><td class=\"num\">{count}</td>{bar}</tr>",
            label = esc(&label),
            bar = bar_cell(*count, max, &format!("b{i}")),
        )?;
    }
    writeln!(out, "</tbody></table></figure>")?;
    writeln!(out, "</div>")?;

    // Worst first.
    writeln!(
        out,
        "<figure class=\"worst\"><figcaption>Documents, worst first</figcaption>"
    )?;
    if totals.worst.is_empty() {
        writeln!(out, "<p>No document has a finding.</p>")?;
    } else {
        writeln!(
            out,
            "<div class=\"scroll tall\"><table class=\"rank\"><thead><tr><th scope=\"col\">#</th><th scope=\"col\">Document</th><th scope=\"col\">Per 1,000 words</th><th scope=\"col\">Findings</th><th scope=\"col\">Words</th><th scope=\"col\">By severity</th></tr></thead><tbody>"
        )?;
        for (rank, row) in totals.worst.iter().enumerate() {
            writeln!(
                out,
                "<tr><td class=\"num\">{}</td><th scope=\"row\"><a href=\"#d{}\">{}</a></th><td class=\"num\">{:.1}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                rank + 1,
                row.id,
                esc(&row.path),
                row.density(),
                row.findings,
                thousands(row.words),
                severity_counts(&row.by_severity),
            )?;
        }
        writeln!(out, "</tbody></table></div>")?;
        let more = totals
            .documents_with_findings
            .saturating_sub(totals.worst.len());
        if more > 0 {
            writeln!(
                out,
                "<p class=\"note\">… and {} more documents with findings, each at or below {:.1} per 1,000 words.</p>",
                thousands(more),
                totals.worst.last().map_or(0.0, DocRow::density)
            )?;
        }
    }
    writeln!(out, "</figure>\n</section>")
}

/// A bar cell of a chart table, `count` of `max` wide.
fn bar_cell(count: usize, max: usize, class: &str) -> String {
    if count == 0 {
        return "<td class=\"barcell\" aria-hidden=\"true\"></td>".to_owned();
    }
    format!(
        "<td class=\"barcell\" aria-hidden=\"true\"><span class=\"bar {}\" style=\"width:{:.1}%\"></span></td>",
        esc(class),
        percent(count, max)
    )
}

fn severity_counts(by_severity: &[usize; 3]) -> String {
    let mut parts = Vec::new();
    for (i, (icon, name)) in [("✖", "error"), ("▲", "warning"), ("●", "info")]
        .iter()
        .enumerate()
    {
        if by_severity[i] > 0 {
            parts.push(format!(
                "<span class=\"sev s-{name}\"><span aria-hidden=\"true\">{icon}</span> {} {name}{}</span>",
                by_severity[i],
                if by_severity[i] == 1 { "" } else { "s" }
            ));
        }
    }
    parts.join(" ")
}

/// The filter bar, shown by the script (without it the page shows all).
fn filters(out: &mut dyn Write, totals: &Totals) -> std::io::Result<()> {
    writeln!(
        out,
        "<form id=\"filters\" class=\"js\" hidden aria-label=\"Filters\"><h2 class=\"sr\">Filters</h2>"
    )?;
    let select = |out: &mut dyn Write,
                  key: &str,
                  label: &str,
                  options: &[(String, String)]|
     -> std::io::Result<()> {
        write!(
            out,
            "<label>{} <select id=\"filter-{key}\" data-key=\"{key}\"><option value=\"\">all</option>",
            esc(label)
        )?;
        for (value, text) in options {
            write!(
                out,
                "<option value=\"{}\">{}</option>",
                esc(value),
                esc(text)
            )?;
        }
        writeln!(out, "</select></label>")
    };
    let mut rules: Vec<_> = totals.by_rule.iter().collect();
    rules.sort_by(|a, b| a.0.cmp(b.0));
    let rules: Vec<_> = rules
        .into_iter()
        .map(|(rule, counts)| (rule.clone(), format!("{rule} ({})", counts[0])))
        .collect();
    let categories: Vec<_> = totals
        .by_category
        .iter()
        .map(|(c, n)| ((*c).to_owned(), format!("{c} ({n})")))
        .collect();
    let s = &totals.summary;
    let severities: Vec<_> = [
        ("error", s.errors),
        ("warning", s.warnings),
        ("info", s.infos),
    ]
    .iter()
    .filter(|(_, n)| *n > 0)
    .map(|(name, n)| ((*name).to_owned(), format!("{name} ({n})")))
    .collect();
    let none = s.diagnostics - s.fixable - s.unsafe_fixable;
    let fixes = vec![
        ("safe".to_owned(), format!("safe fix ({})", s.fixable)),
        (
            "unsafe".to_owned(),
            format!("unsafe fix ({})", s.unsafe_fixable),
        ),
        ("none".to_owned(), format!("no fix ({none})")),
    ];
    select(out, "r", "Rule", &rules)?;
    select(out, "c", "Category", &categories)?;
    select(out, "s", "Severity", &severities)?;
    select(out, "x", "Fix", &fixes)?;
    writeln!(
        out,
        "<button type=\"reset\" id=\"filter-reset\">Show all</button>\
         <output id=\"shown\" aria-live=\"polite\"></output></form>"
    )
}

/// HTML-escaped text: safe in element content and quoted attributes. A
/// carriage return is written as a reference, which the parser keeps (a
/// raw one it would turn into a line feed), so the page's text is the
/// document's, character for character.
fn esc(text: &str) -> std::borrow::Cow<'_, str> {
    let escaped = quick_xml::escape::escape(text);
    if escaped.contains('\r') {
        std::borrow::Cow::Owned(escaped.replace('\r', "&#13;"))
    } else {
        escaped
    }
}

fn fix_kind(reported: &Reported) -> &'static str {
    match reported
        .diagnostic
        .fix
        .as_ref()
        .map(|fix| fix.applicability)
    {
        Some(Applicability::Safe) => "safe",
        Some(Applicability::Unsafe) => "unsafe",
        None => "none",
    }
}

/// A finding's span, clamped to `text` and to character boundaries.
fn clamp(text: &str, span: Span) -> (usize, usize) {
    let floor = |mut at: usize| {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let start = floor(span.start());
    (start, floor(span.end()).max(start))
}

/// One document's section.
fn document(
    out: &mut dyn Write,
    id: usize,
    file: &CheckedFile,
    paths: &[PathBuf],
    categories: &Categories,
    totals: &mut Totals,
) -> std::io::Result<()> {
    let path = file.path.display().to_string();
    let (diagnostics, source) = match &file.outcome {
        FileOutcome::Checked {
            diagnostics,
            source,
        } => (diagnostics.as_slice(), source.as_deref()),
        FileOutcome::Failed { message } | FileOutcome::Skipped { reason: message } => {
            return writeln!(
                out,
                "<section class=\"doc failed\" id=\"d{id}\"><h3><span class=\"path\">{}</span></h3><p class=\"problem\">Not checked: {}</p></section>",
                esc(&path),
                esc(message)
            );
        }
    };
    let text = source.unwrap_or("");
    let words = count_words(text);
    totals.words += words;
    let mut by_severity = [0usize; 3];
    for reported in diagnostics {
        let d = &reported.diagnostic;
        by_severity[severity_index(d.severity)] += 1;
        *totals
            .by_category
            .entry(categories.of(&d.rule).as_str())
            .or_default() += 1;
        let counts = totals.by_rule.entry(d.rule.to_string()).or_default();
        counts[0] += 1;
        match fix_kind(reported) {
            "safe" => counts[1] += 1,
            "unsafe" => counts[2] += 1,
            _ => {}
        }
    }
    let row = DocRow {
        id,
        path: path.clone(),
        words,
        findings: diagnostics.len(),
        by_severity,
    };
    let d = row.density();
    totals.add_row(row);

    let worst = by_severity
        .iter()
        .position(|&n| n > 0)
        .map_or("clean", |i| ["error", "warning", "info"][i]);
    writeln!(
        out,
        "<details class=\"doc\" id=\"d{id}\" data-n=\"{n}\"><summary><h3><span class=\"path\">{path}</span></h3>\
         <span class=\"meta\"><span class=\"count w-{worst}\"><span class=\"shown\">{n}</span> finding{plural}</span> \
         · {d:.1} per 1,000 words · {words} words {sev}</span></summary>",
        n = diagnostics.len(),
        plural = if diagnostics.len() == 1 { "" } else { "s" },
        path = esc(&path),
        words = thousands(words),
        sev = severity_counts(&by_severity),
    )?;
    write!(out, "<div class=\"body\"><div class=\"text\" id=\"t{id}\">")?;
    text_with_marks(out, id, text, diagnostics, categories)?;
    write!(out, "</div>")?;
    if diagnostics.is_empty() {
        writeln!(out, "<p class=\"clean\">No findings.</p></div></details>")
    } else {
        write!(
            out,
            "<ol class=\"findings\" aria-label=\"Findings in {}\"></ol>\
             <noscript><p class=\"clean\">The list of findings needs JavaScript.</p></noscript>\
             <script type=\"application/json\" class=\"data\">",
            esc(&path)
        )?;
        let items = diagnostics
            .iter()
            .map(|reported| item_data(id, text, reported, paths, categories));
        write_data(out, items)?;
        writeln!(out, "</script></div></details>")
    }
}

/// The attributes a finding's mark and list item share, for the filters.
fn filter_attributes(reported: &Reported, categories: &Categories) -> String {
    let d = &reported.diagnostic;
    format!(
        "data-r=\"{}\" data-c=\"{}\" data-s=\"{}\" data-x=\"{}\"",
        esc(&d.rule),
        categories.of(&d.rule).as_str(),
        d.severity.as_str(),
        fix_kind(reported)
    )
}

/// The document's text, each finding's span in a `<mark>`. Spans nest or
/// cross: a mark still open when one opened before it closes is closed
/// and reopened after it, as a continuation (`data-f` names the finding on
/// every piece; only the first has the id and takes the focus).
fn text_with_marks(
    out: &mut dyn Write,
    doc: usize,
    text: &str,
    diagnostics: &[Reported],
    categories: &Categories,
) -> std::io::Result<()> {
    let spans: Vec<(usize, usize)> = diagnostics
        .iter()
        .map(|r| clamp(text, r.diagnostic.span))
        .collect();
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by(|&a, &b| {
        spans[a]
            .0
            .cmp(&spans[b].0)
            .then(spans[b].1.cmp(&spans[a].1))
            .then(a.cmp(&b))
    });
    let open = |out: &mut dyn Write, i: usize, first: bool| -> std::io::Result<()> {
        let r = &diagnostics[i];
        let d = &r.diagnostic;
        let empty = spans[i].0 == spans[i].1;
        let class = format!(
            "f s-{} c-{}{}",
            d.severity.as_str(),
            categories.of(&d.rule).as_str(),
            if empty { " empty" } else { "" }
        );
        if first {
            write!(
                out,
                "<mark class=\"{class}\" id=\"f{doc}-{i}\" data-f=\"{i}\" tabindex=\"0\" aria-describedby=\"i{doc}-{i}\" {}>",
                filter_attributes(r, categories)
            )
        } else {
            write!(
                out,
                "<mark class=\"{class} cont\" data-f=\"{i}\" {}>",
                filter_attributes(r, categories)
            )
        }
    };
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0usize;
    let mut cursor = 0usize;
    loop {
        // The next place where a mark opens or closes.
        let next_open = order.get(next).map(|&i| spans[i].0);
        let next_close = stack.iter().map(|&i| spans[i].1).min();
        let at = match (next_open, next_close) {
            (None, None) => break,
            (Some(a), None) | (None, Some(a)) => a,
            (Some(a), Some(b)) => a.min(b),
        };
        out.write_all(esc(&text[cursor..at]).as_bytes())?;
        cursor = at;
        // Close every mark ending here, and reopen those it crossed.
        if let Some(lowest) = stack.iter().position(|&i| spans[i].1 == at) {
            let above: Vec<usize> = stack.drain(lowest..).collect();
            for _ in &above {
                out.write_all(b"</mark>")?;
            }
            for i in above.into_iter().filter(|&i| spans[i].1 > at) {
                open(out, i, false)?;
                stack.push(i);
            }
        }
        while let Some(&i) = order.get(next).filter(|&&i| spans[i].0 == at) {
            next += 1;
            open(out, i, true)?;
            if spans[i].1 == at {
                out.write_all(b"</mark>")?;
            } else {
                stack.push(i);
            }
        }
    }
    out.write_all(esc(&text[cursor..]).as_bytes())
}

/// One finding's entry in the side list, as data: where, what, why, the
/// fix and the places it refers to. The page's script builds the entries
/// of a document when it is opened, so a page of thousands of documents
/// does not parse them all up front.
#[derive(Serialize)]
struct ItemData<'a> {
    r: &'a str,
    c: &'static str,
    s: &'static str,
    x: &'static str,
    /// Line and column.
    l: u32,
    k: u32,
    m: &'a str,
    h: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<FixData<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    p: Vec<PlaceData<'a>>,
}

#[derive(Serialize)]
struct FixData<'a> {
    /// `safe` or `unsafe`.
    a: &'static str,
    t: &'a str,
    /// The diff: `[kind, text]` pieces, kind one of `ctx`, `eq`, `del`,
    /// `ins`, `sep`.
    d: Vec<(&'static str, String)>,
    /// Edits not shown.
    more: usize,
}

#[derive(Serialize)]
struct PlaceData<'a> {
    /// The document (its id), and the byte range of the place in it.
    d: usize,
    f: u32,
    t: u32,
    /// Where, as shown: `path line:col` in another document, `line:col`.
    w: String,
    m: &'a str,
}

fn item_data<'a>(
    doc: usize,
    text: &str,
    reported: &'a Reported,
    paths: &[PathBuf],
    categories: &Categories,
) -> ItemData<'a> {
    let d = &reported.diagnostic;
    let fix = d.fix.as_ref().map(|fix| {
        let (d, more) = fix_diff(text, fix);
        FixData {
            a: match fix.applicability {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "unsafe",
            },
            t: &fix.title,
            d,
            more,
        }
    });
    let p = d
        .labels
        .iter()
        .zip(&reported.labels)
        .map(|(label, place)| {
            let target = place.file.map_or(doc, |file| file as usize);
            let elsewhere = place
                .file
                .filter(|&file| file as usize != doc)
                .and_then(|file| paths.get(file as usize))
                .map(|path| format!("{} ", path.display()))
                .unwrap_or_default();
            PlaceData {
                d: target,
                f: label.span.start,
                t: label.span.end,
                w: format!(
                    "{elsewhere}{}:{}",
                    place.location.start.line, place.location.start.column
                ),
                m: &label.message,
            }
        })
        .collect();
    ItemData {
        r: &d.rule,
        c: categories.of(&d.rule).as_str(),
        s: d.severity.as_str(),
        x: fix_kind(reported),
        l: reported.location.start.line,
        k: reported.location.start.column,
        m: &d.message,
        h: d.help.as_deref(),
        fix,
        p,
    }
}

/// A document's side-list data as the text of a `<script
/// type="application/json">`: a JSON array, written entry by entry, with
/// every `<` escaped, so no text can close the element or start a comment.
fn write_data<'a>(
    out: &mut dyn Write,
    items: impl Iterator<Item = ItemData<'a>>,
) -> std::io::Result<()> {
    let mut out = NoAngle(out);
    out.write_all(b"[")?;
    for (n, item) in items.enumerate() {
        if n > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut out, &item)?;
    }
    out.write_all(b"]")
}

/// Writes JSON through, each `<` as `\u003c` (it can only be in a string).
struct NoAngle<'a>(&'a mut dyn Write);

impl Write for NoAngle<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(at) = rest.iter().position(|&b| b == b'<') {
            self.0.write_all(&rest[..at])?;
            self.0.write_all(b"\\u003c")?;
            rest = &rest[at + 1..];
        }
        self.0.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Characters a diff shows as symbols: changes in white space are
/// otherwise invisible.
fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            ' ' => out.push('␣'),
            '\u{a0}' => out.push('⍽'),
            '\t' => out.push('⇥'),
            '\n' => out.push('↵'),
            '\r' => out.push('␍'),
            c if c.is_whitespace() || c.is_control() || is_invisible(c) => {
                let _ = write!(out, "⟨U+{:04X}⟩", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Format characters with no glyph: joiners, marks, the byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}')
}

/// At most `limit` characters of `text`, from its end when `tail`.
fn cut(text: &str, limit: usize, tail: bool) -> String {
    let count = text.chars().count();
    if count <= limit {
        return text.to_owned();
    }
    if tail {
        let skip = count - limit;
        format!("…{}", text.chars().skip(skip).collect::<String>())
    } else {
        format!("{}…", text.chars().take(limit).collect::<String>())
    }
}

/// Edits of a fix shown in its diff; a fix that changes more says so.
const DIFF_EDITS: usize = 3;

/// The fix as a small inline diff: each edit, word by word, with a little
/// of the line around it; and how many edits are not shown.
fn fix_diff(text: &str, fix: &doclint_core::Fix) -> (Vec<(&'static str, String)>, usize) {
    let mut edits: Vec<_> = fix.edits.iter().collect();
    edits.sort_by_key(|edit| edit.span.start);
    let mut pieces = Vec::new();
    for (n, edit) in edits.iter().take(DIFF_EDITS).enumerate() {
        if n > 0 {
            pieces.push(("sep", " · ".to_owned()));
        }
        let (start, end) = clamp(text, edit.span);
        let before = text[..start].rsplit('\n').next().unwrap_or("");
        let after = text[end..].split('\n').next().unwrap_or("");
        pieces.push(("ctx", cut(before, DIFF_CONTEXT, true)));
        let diff = TextDiff::from_words(&text[start..end], edit.replacement.as_str());
        for change in diff.iter_all_changes() {
            let value = change.value();
            pieces.push(match change.tag() {
                ChangeTag::Equal => ("eq", value.to_owned()),
                ChangeTag::Delete => ("del", visible(value)),
                ChangeTag::Insert => ("ins", visible(value)),
            });
        }
        pieces.push(("ctx", cut(after, DIFF_CONTEXT, false)));
    }
    (pieces, edits.len().saturating_sub(DIFF_EDITS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use doclint_core::{Diagnostic, Location, SpanLocation};

    fn reported(rule: &'static str, start: usize, end: usize) -> Reported {
        let location = SpanLocation {
            start: Location { line: 1, column: 1 },
            end: Location { line: 1, column: 1 },
        };
        Reported {
            diagnostic: Diagnostic::new(rule, Severity::Warning, Span::new(start, end), "m"),
            location,
            labels: Vec::new(),
            fingerprint: String::new(),
        }
    }

    fn marks(text: &str, found: &[Reported]) -> String {
        let mut out = Vec::new();
        let categories = Categories(BTreeMap::new());
        text_with_marks(&mut out, 0, text, found, &categories).unwrap_or_default();
        String::from_utf8(out).unwrap_or_default()
    }

    /// The text with every tag removed and entities decoded.
    fn plain(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        quick_xml::escape::unescape(&out)
            .map(|s| s.into_owned())
            .unwrap_or_default()
    }

    #[test]
    fn text_is_escaped_and_kept_exactly() {
        let text = "a <script>x</script> \"><img onerror=alert(1)> & b\r\n";
        let html = marks(text, &[reported("r", 2, 10)]);
        assert!(!html.contains("<script>"));
        assert!(!html.contains("<img"));
        assert!(html.contains("&#13;"));
        assert_eq!(plain(&html.replace("&#13;", "\r")), text);
    }

    #[test]
    fn crossing_spans_are_split_into_continuations() {
        let text = "0123456789abcdef";
        let html = marks(text, &[reported("a", 0, 10), reported("b", 5, 15)]);
        assert_eq!(plain(&html), text);
        // `b` opens inside `a`, is closed with it and continues after.
        assert_eq!(html.matches("<mark").count(), 3);
        assert_eq!(html.matches("</mark>").count(), 3);
        assert_eq!(html.matches(" cont\"").count(), 1);
        let continuation = html.find(" cont\"").unwrap_or(0);
        assert!(html[..continuation].contains("56789</mark></mark>"));
    }

    #[test]
    fn nested_and_empty_spans() {
        let text = "one two three";
        let html = marks(
            text,
            &[
                reported("a", 0, 13),
                reported("b", 4, 7),
                reported("c", 8, 8),
            ],
        );
        assert_eq!(plain(&html), text);
        assert!(html.contains("two</mark>"));
        assert!(html.contains("empty"));
        assert_eq!(html.matches(" cont\"").count(), 0);
    }

    #[test]
    fn fix_diff_shows_white_space() {
        let text = "a\u{a0}b";
        let fix = doclint_core::Fix::safe(
            "space",
            vec![doclint_core::Edit::replace(Span::new(1, 3), " ")],
        );
        let (pieces, more) = fix_diff(text, &fix);
        assert_eq!(more, 0);
        assert!(pieces.contains(&("del", "⍽".to_owned())));
        assert!(pieces.contains(&("ins", "␣".to_owned())));
        assert_eq!(pieces.first(), Some(&("ctx", "a".to_owned())));
    }

    #[test]
    fn data_cannot_close_its_element() {
        let mut out = Vec::new();
        let found = reported("r", 0, 1);
        let mut found = found;
        found.diagnostic.message = "</script><!-- x".to_owned();
        let categories = Categories(BTreeMap::new());
        let items = std::iter::once(item_data(0, "abc", &found, &[], &categories));
        write_data(&mut out, items).unwrap_or_default();
        let json = String::from_utf8(out).unwrap_or_default();
        assert!(!json.contains('<'));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back[0]["m"], "</script><!-- x");
    }

    #[test]
    fn words_are_counted() {
        assert_eq!(count_words("One, two — three 42 !"), 4);
    }
}
