//! Inline suppression comments in Markdown:
//!
//! ```markdown
//! <!-- doclint-disable double-space, consistency -->
//! … no double-space or consistency findings here …
//! <!-- doclint-enable -->
//! <!-- doclint-disable-next-line split-word -->
//! ```
//!
//! Comments are found with the CommonMark parser, so a directive shown in a
//! code block is text, not a directive. Each directive remembers whether it
//! suppressed anything, so unused ones can be reported.

use doclint_core::{Diagnostic, Document, DocumentKind, Span};
use doclint_rules::Category;
use pulldown_cmark::{Event, Options, Parser};

use crate::selection::Selector;

/// What a directive covers: some rules or categories, or all rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SuppressedRules {
    All,
    Some(Vec<Selector>),
}

/// One region where findings are suppressed.
#[derive(Clone, Debug)]
pub struct Region {
    /// The comment that opened it.
    pub comment: Span,
    /// Findings that start in here are suppressed.
    pub range: Span,
    pub scope: SuppressedRules,
    /// Per selector of `scope` (one entry for `All`): did it suppress anything?
    pub used: Vec<bool>,
    pub next_line: bool,
}

/// A directive that could not be understood.
#[derive(Clone, Debug)]
pub struct BadDirective {
    pub comment: Span,
    pub message: String,
}

/// The suppression regions of one file.
#[derive(Clone, Debug, Default)]
pub struct Suppressions {
    pub regions: Vec<Region>,
    pub problems: Vec<BadDirective>,
}

/// Resolves a rule or category name for a directive.
pub type ParseSelector<'a> = dyn Fn(&str) -> Result<Selector, String> + 'a;

impl Suppressions {
    /// The directives of `doc` (Markdown only; plain text has none).
    pub fn of(doc: &Document, parse: &ParseSelector) -> Suppressions {
        let mut found = Suppressions::default();
        if doc.kind() != DocumentKind::Markdown || !doc.text().contains("doclint-") {
            return found;
        }
        let text = doc.text();
        let mut open: Vec<Region> = Vec::new();
        for (comment, body) in html_comments(doc) {
            let Some(directive) = Directive::parse(body) else {
                continue;
            };
            let next_line = matches!(directive, Directive::DisableNextLine(_));
            match directive {
                Directive::Disable(names) | Directive::DisableNextLine(names) => {
                    let scope = match resolve(&names, parse) {
                        Ok(scope) => scope,
                        Err(message) => {
                            found.problems.push(BadDirective { comment, message });
                            continue;
                        }
                    };
                    let used = match &scope {
                        SuppressedRules::All => vec![false],
                        SuppressedRules::Some(list) => vec![false; list.len()],
                    };
                    if next_line {
                        let line = doc.line_index().line_of(comment.end()) + 1;
                        let Some(range) = line_span(doc, line) else {
                            found.problems.push(BadDirective {
                                comment,
                                message: "`doclint-disable-next-line` has no next line".into(),
                            });
                            continue;
                        };
                        found.regions.push(Region {
                            comment,
                            range,
                            scope,
                            used,
                            next_line,
                        });
                    } else {
                        open.push(Region {
                            comment,
                            range: Span::new(comment.end(), text.len()),
                            scope,
                            used,
                            next_line,
                        });
                    }
                }
                Directive::Enable(names) => {
                    let closing = match resolve(&names, parse) {
                        Ok(scope) => scope,
                        Err(message) => {
                            found.problems.push(BadDirective { comment, message });
                            continue;
                        }
                    };
                    let before = open.len();
                    let mut still_open = Vec::new();
                    for mut region in open.drain(..) {
                        if closes(&closing, &region.scope) {
                            region.range = Span::new(region.range.start(), comment.start());
                            found.regions.push(region);
                        } else {
                            still_open.push(region);
                        }
                    }
                    open = still_open;
                    if open.len() == before {
                        found.problems.push(BadDirective {
                            comment,
                            message: "`doclint-enable` without a matching `doclint-disable`".into(),
                        });
                    }
                }
            }
        }
        found.regions.extend(open);
        found.regions.sort_by_key(|r| r.comment.start);
        found
    }

    pub fn is_empty(&self) -> bool {
        self.regions.is_empty() && self.problems.is_empty()
    }

    /// Whether `diagnostic` (of a rule in `category`) is suppressed; marks
    /// the directive that suppressed it as used.
    pub fn suppresses(&mut self, diagnostic: &Diagnostic, category: Category) -> bool {
        let mut suppressed = false;
        for region in &mut self.regions {
            if !region.range.contains(diagnostic.span.start()) {
                continue;
            }
            match &region.scope {
                SuppressedRules::All => {
                    region.used[0] = true;
                    suppressed = true;
                }
                SuppressedRules::Some(list) => {
                    for (selector, used) in list.iter().zip(region.used.iter_mut()) {
                        if selector.matches(&diagnostic.rule, category) {
                            *used = true;
                            suppressed = true;
                        }
                    }
                }
            }
        }
        suppressed
    }
}

/// Whether an `enable` of scope `closing` ends a `disable` of scope `open`.
fn closes(closing: &SuppressedRules, open: &SuppressedRules) -> bool {
    match (closing, open) {
        (SuppressedRules::All, _) => true,
        (SuppressedRules::Some(_), SuppressedRules::All) => false,
        (SuppressedRules::Some(names), SuppressedRules::Some(open)) => {
            open.iter().all(|s| names.contains(s))
        }
    }
}

fn resolve(names: &[&str], parse: &ParseSelector) -> Result<SuppressedRules, String> {
    if names.is_empty() {
        return Ok(SuppressedRules::All);
    }
    names
        .iter()
        .map(|name| parse(name))
        .collect::<Result<Vec<_>, _>>()
        .map(SuppressedRules::Some)
}

/// The span of 0-based line `line`, terminator included.
fn line_span(doc: &Document, line: usize) -> Option<Span> {
    let index = doc.line_index();
    if line >= index.line_count() {
        return None;
    }
    let start = index.line_start(line);
    let end = if line + 1 < index.line_count() {
        index.line_start(line + 1)
    } else {
        doc.text().len()
    };
    Some(Span::new(start, end))
}

#[derive(Debug, PartialEq, Eq)]
enum Directive<'a> {
    Disable(Vec<&'a str>),
    DisableNextLine(Vec<&'a str>),
    Enable(Vec<&'a str>),
}

impl<'a> Directive<'a> {
    /// Parses a comment body such as ` doclint-disable a, b -- reason `.
    fn parse(body: &'a str) -> Option<Directive<'a>> {
        let body = body.trim();
        let (keyword, rest) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
        // Anything after ` -- ` is a reason for the reader.
        let rest = rest.split(" -- ").next().unwrap_or("");
        let names: Vec<&str> = rest
            .split([',', ' ', '\t', '\n', '\r'])
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .collect();
        Some(match keyword {
            "doclint-disable" => Directive::Disable(names),
            "doclint-disable-next-line" => Directive::DisableNextLine(names),
            "doclint-enable" => Directive::Enable(names),
            _ => return None,
        })
    }
}

/// Every HTML comment outside code, as (span of the whole comment, body).
fn html_comments(doc: &Document) -> Vec<(Span, &str)> {
    let (offset, body) = doc.source().body();
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH;
    // HTML blocks arrive line by line: merge touching ranges first.
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        if let Event::Html(_) | Event::InlineHtml(_) = event {
            match ranges.last_mut() {
                Some(last) if last.end >= range.start => last.end = last.end.max(range.end),
                _ => ranges.push(range),
            }
        }
    }
    let mut comments = Vec::new();
    for range in ranges {
        let html = &body[range.clone()];
        let mut cursor = 0;
        while let Some(open) = html[cursor..].find("<!--").map(|i| cursor + i) {
            let Some(close) = html[open + 4..].find("-->").map(|i| open + 4 + i) else {
                break;
            };
            let start = offset + range.start + open;
            let end = offset + range.start + close + 3;
            comments.push((Span::new(start, end), &html[open + 4..close]));
            cursor = close + 3;
        }
    }
    comments
}

#[cfg(test)]
mod tests {
    use super::*;
    use doclint_rules::registry::builtin_rules;

    fn markdown(text: &str) -> Document {
        let source = doclint_core::decode(text.as_bytes().to_vec()).expect("utf-8");
        Document::new(source, DocumentKind::Markdown)
    }

    fn suppressions(doc: &Document) -> Suppressions {
        let rules = builtin_rules();
        Suppressions::of(doc, &|name| Selector::parse(name, &rules))
    }

    fn finding(doc: &Document, needle: &str, rule: &'static str) -> Diagnostic {
        let start = doc.text().find(needle).expect("needle");
        Diagnostic::new(
            rule,
            doclint_core::Severity::Warning,
            Span::new(start, start + needle.len()),
            "test",
        )
    }

    #[test]
    fn parses_directives_with_lists_and_reasons() {
        assert_eq!(
            Directive::parse(" doclint-disable a, b -- names here "),
            Some(Directive::Disable(vec!["a", "b"]))
        );
        assert_eq!(
            Directive::parse("doclint-enable"),
            Some(Directive::Enable(vec![]))
        );
        assert_eq!(Directive::parse("doclint-disabled x"), None);
        assert_eq!(Directive::parse("a plain comment"), None);
    }

    #[test]
    fn disable_enable_region_covers_only_its_lines() {
        let doc = markdown(
            "A  one.\n\n<!-- doclint-disable double-space -->\nB  two.\n<!-- doclint-enable -->\n\nC  three.\n",
        );
        let mut s = suppressions(&doc);
        assert!(!s.suppresses(
            &finding(&doc, "  one", "double-space"),
            Category::Whitespace
        ));
        assert!(s.suppresses(
            &finding(&doc, "  two", "double-space"),
            Category::Whitespace
        ));
        assert!(!s.suppresses(
            &finding(&doc, "  two", "trailing-whitespace"),
            Category::Whitespace
        ));
        assert!(!s.suppresses(
            &finding(&doc, "  three", "double-space"),
            Category::Whitespace
        ));
        assert!(s.regions[0].used[0]);
    }

    #[test]
    fn next_line_and_categories() {
        let doc = markdown("<!-- doclint-disable-next-line whitespace -->\nA  one.\nB  two.\n");
        let mut s = suppressions(&doc);
        assert!(s.suppresses(
            &finding(&doc, "  one", "double-space"),
            Category::Whitespace
        ));
        assert!(!s.suppresses(
            &finding(&doc, "  two", "double-space"),
            Category::Whitespace
        ));
    }

    #[test]
    fn directives_in_code_blocks_are_text() {
        let doc = markdown("```\n<!-- doclint-disable -->\n```\n\nA  one.\n");
        assert!(suppressions(&doc).is_empty());
    }

    #[test]
    fn unknown_rule_and_stray_enable_are_problems() {
        let doc =
            markdown("<!-- doclint-disable dubble-space -->\n\nText.\n\n<!-- doclint-enable -->\n");
        let s = suppressions(&doc);
        assert_eq!(s.problems.len(), 2, "{s:?}");
        assert!(s.problems[0]
            .message
            .contains("did you mean `double-space`?"));
        assert!(s.problems[1].message.contains("without a matching"));
    }

    #[test]
    fn plain_text_has_no_directives() {
        let doc = Document::from_text("<!-- doclint-disable -->\nA  b.\n");
        assert!(suppressions(&doc).is_empty());
    }
}
