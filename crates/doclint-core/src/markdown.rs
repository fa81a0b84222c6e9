//! Which parts of a Markdown file are prose, from its CommonMark parse.
//!
//! Only the text of the parse is prose. Everything else is one of two kinds:
//! *content* a reader sees that is not running text (code, HTML, images,
//! autolinks, entities, footnote references, front matter), which
//! becomes a [`crate::TokenKind::Code`] token, and *markup* that renders as
//! nothing or as structure (list and quote markers, heading marks and
//! underlines, emphasis delimiters, link brackets and targets, reference
//! definitions, table pipes and padding, thematic breaks, hard-break
//! marks, the backslash of an escape), which becomes no token at all. Rules therefore read the text as
//! it renders, and a fix confined to prose never edits code or markup.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::span::Span;

/// The kind of block a paragraph of the document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// Running text (in plain text, every paragraph that is not a heading).
    Paragraph,
    /// A Markdown heading, or a title or header line of plain text.
    Heading,
    /// The text of a Markdown list item (its marker is markup).
    ListItem,
    /// One cell of a Markdown table.
    TableCell,
}

/// The prose layout of a Markdown text.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    /// Content that is not prose: sorted, disjoint.
    pub content: Vec<Span>,
    /// Markup: sorted, disjoint, never overlapping `content`.
    pub markup: Vec<Span>,
    /// Code blocks, HTML blocks and front matter: their blank lines are
    /// not blank lines of the text.
    pub block_content: Vec<Span>,
    /// The text blocks (paragraphs, headings, list items, table cells) in
    /// text order: the extent of their inline events.
    pub blocks: Vec<(Span, BlockKind)>,
}

/// One open container of the parse and the extent of the inline events it
/// holds directly since its start or its last child block.
struct Container {
    kind: Option<BlockKind>,
    inline: Option<(usize, usize)>,
}

/// The layout of `text[offset..]`, with spans shifted by `offset` so they
/// index the original file.
pub(crate) fn layout(text: &str, offset: usize) -> Layout {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut prose: Vec<(usize, usize)> = Vec::new();
    let mut content: Vec<(usize, usize)> = Vec::new();
    let mut block_content: Vec<(usize, usize)> = Vec::new();
    let mut hard_breaks: Vec<(usize, usize)> = Vec::new();
    let mut blocks: Vec<(Span, BlockKind)> = Vec::new();
    let mut stack: Vec<Container> = Vec::new();
    // Inside a code block, HTML block, front matter or image: their inner
    // events are part of the content already taken.
    let mut skip_depth = 0usize;
    // The link being read: its target and the ranges of its text.
    let mut link: Option<(String, Vec<(usize, usize)>)> = None;
    let close = |container: &mut Container, blocks: &mut Vec<(Span, BlockKind)>| {
        if let (Some(kind), Some((start, end))) = (container.kind, container.inline.take()) {
            blocks.push((Span::new(start + offset, end + offset), kind));
        }
    };
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let (start, end) = (range.start, range.end);
        if skip_depth > 0 {
            match event {
                Event::Start(Tag::Image { .. }) => skip_depth += 1,
                Event::End(
                    TagEnd::CodeBlock
                    | TagEnd::HtmlBlock
                    | TagEnd::MetadataBlock(_)
                    | TagEnd::Image,
                ) => skip_depth -= 1,
                _ => {}
            }
            continue;
        }
        let mut inline = true;
        match &event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                // An indented code block's range starts after the first
                // line's indentation: that indentation is the block's too.
                let indent = text[..start]
                    .bytes()
                    .rev()
                    .take_while(|&b| b == b' ' || b == b'\t')
                    .count();
                let line_start = start - indent;
                let start = if line_start == 0 || text.as_bytes()[line_start - 1] == b'\n' {
                    line_start
                } else {
                    start
                };
                content.push((start, end));
                block_content.push((start, end));
                skip_depth = 1;
                inline = false;
            }
            Event::Start(Tag::Image { .. }) => {
                content.push((start, end));
                skip_depth = 1;
            }
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => {
                content.push((start, end));
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some((dest_url.to_string(), Vec::new()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((target, texts)) = link.take() {
                    if names_its_target(text, &texts, &target) {
                        content.extend(texts);
                    }
                }
            }
            Event::Start(tag) if is_container(tag) => {
                if let Some(parent) = stack.last_mut() {
                    close(parent, &mut blocks);
                }
                // A loose list item's paragraphs are still the item's text.
                let parent_item = stack
                    .last()
                    .is_some_and(|c| c.kind == Some(BlockKind::ListItem));
                let kind = match block_kind(tag) {
                    Some(BlockKind::Paragraph) if parent_item => Some(BlockKind::ListItem),
                    kind => kind,
                };
                stack.push(Container { kind, inline: None });
                inline = false;
            }
            Event::End(tag) if is_container_end(tag) => {
                if let Some(mut container) = stack.pop() {
                    close(&mut container, &mut blocks);
                }
                inline = false;
            }
            Event::Text(value) => {
                if let Some((_, texts)) = &mut link {
                    texts.push((start, end));
                }
                if text[start..end] == **value {
                    prose.push((start, end));
                } else {
                    // An entity ("&amp;"): the reader sees another character.
                    content.push((start, end));
                }
            }
            Event::SoftBreak => prose.push((start, end)),
            Event::HardBreak => {
                // "  \n" or "\\\n": the marks are markup, the line break is
                // the text's.
                let newline = text[start..end]
                    .find(['\r', '\n'])
                    .map_or(end, |i| start + i);
                hard_breaks.push((start, newline));
                prose.push((newline, end));
            }
            // The "[x]" of a task item is markup, outside the item's text.
            Event::TaskListMarker(_) => inline = false,
            Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_) => content.push((start, end)),
            Event::Rule => inline = false,
            _ => {}
        }
        if inline {
            if let Some(container) = stack.last_mut() {
                let extent = container.inline.get_or_insert((start, end));
                extent.0 = extent.0.min(start);
                extent.1 = extent.1.max(end);
            }
        }
    }
    while let Some(mut container) = stack.pop() {
        close(&mut container, &mut blocks);
    }
    blocks.sort_by_key(|(span, _)| (span.start, span.end));

    // A heading that is an API signature written without backticks
    // ("new glob.Glob(pattern, [options])", "Class Method:
    // Buffer.from(str[, encoding])") is code: its signature is content.
    let plain = merge(prose.clone());
    for (span, kind) in &blocks {
        if *kind != BlockKind::Heading {
            continue;
        }
        let (start, end) = (span.start() - offset, span.end() - offset);
        let i = plain.partition_point(|&(_, e)| e <= start);
        let all_prose = plain.get(i).is_some_and(|&(s, e)| s <= start && end <= e);
        if !all_prose {
            continue;
        }
        let heading = &text[start..end];
        if is_package_name(heading.trim()) {
            content.push((start, end));
        } else if let Some(at) = signature_start(heading) {
            content.push((start + at, start + heading.trim_end().len()));
        }
    }

    // A bare URL or e-mail address is a link on GitHub and most renderers
    // (GFM's autolink literals), though CommonMark parses it as text: it is
    // a link target, not prose.
    for &(start, end) in &plain {
        autolink_literals(text, start, end, &mut content);
    }

    let content = merge(content);
    let mut seen = merge(
        prose
            .into_iter()
            .chain(content.iter().copied())
            .chain(hard_breaks.iter().copied())
            .collect(),
    );
    seen.push((text.len(), text.len()));
    // Every other gap between prose and content is markup, line by line,
    // unless it is only white space there (indentation, blank lines, the
    // space between words the parse left out).
    let mut markup = hard_breaks;
    let mut cursor = 0usize;
    for &(start, end) in &seen {
        if start > cursor {
            gap_markup(text, cursor, start, &mut markup);
        }
        cursor = cursor.max(end);
    }
    let markup = merge(markup);
    let shift = |ranges: Vec<(usize, usize)>| {
        ranges
            .into_iter()
            .map(|(s, e)| Span::new(s + offset, e + offset))
            .collect::<Vec<Span>>()
    };
    Layout {
        content: shift(content),
        markup: shift(markup),
        block_content: shift(merge(block_content)),
        blocks,
    }
}

/// Whether a heading is one lower-case identifier joined by `-`, `_`, `.`,
/// `/` or `@` ("# body-parser", "## serde_json", "# @babel/core"): the
/// name of a package or module, not a phrase of prose.
fn is_package_name(heading: &str) -> bool {
    heading.chars().any(|c| c.is_ascii_lowercase())
        && heading.contains(['-', '_', '.', '/', '@'])
        && heading.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '@')
        && heading.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.' | '/' | '@')
        })
}

/// Where the signature starts in a heading that is one: a call of a
/// (dotted) identifier, after an optional label ending in ": ", and with
/// code-like words before it ("new", "var s ="); the whole heading ends
/// with the call's `)`. "load (string [, options])" with a space before
/// the parenthesis counts only with brackets, braces or `=` in it;
/// "Installation (optional)" or "Node.js (v18)" never does.
fn signature_start(heading: &str) -> Option<usize> {
    let text = heading.trim_end();
    if !text.ends_with(')') {
        return None;
    }
    let open = text.find('(')?;
    let start = text[..open].rfind(": ").map_or(0, |i| i + 2);
    let callee = &text[start..open];
    let spaced = callee.ends_with([' ', '\t']);
    let words: Vec<&str> = callee.split_whitespace().collect();
    let (name, before) = words.split_last()?;
    let identifier = |word: &str| {
        word.starts_with(|c: char| c.is_alphabetic() || c == '_' || c == '$')
            && word
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '$' | '.' | '*'))
    };
    let lower = |word: &str| word.starts_with(|c: char| c.is_lowercase() || c == '_' || c == '$');
    if !identifier(name)
        || !before
            .iter()
            .all(|word| *word == "=" || (identifier(word) && lower(word)))
    {
        return None;
    }
    let args = &text[open..];
    let named = lower(name) || name.contains('.');
    let code_args = args.contains(['[', '{', '=']);
    let code = if spaced {
        named && code_args
    } else {
        named || code_args
    };
    // A sentence in parentheses is prose.
    if !code || args.contains(". ") || args.contains(['?', '!', '"']) {
        return None;
    }
    Some(start + (callee.len() - callee.trim_start().len()))
}

/// Whether a link's text (the ranges `texts`) is the name its target ends
/// with or its host: "[supports-color](https://github.com/chalk/supports-color)",
/// "[simd-json.rs](https://simd-json.rs)". Such a text is an identifier (a
/// package, a repository, a site), not prose.
fn names_its_target(text: &str, texts: &[(usize, usize)], target: &str) -> bool {
    let [(start, end)] = merge(texts.to_vec())[..] else {
        return false;
    };
    let name = &text[start..end];
    let identifier = name.len() >= 2
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '@' | '/'));
    if !identifier {
        return false;
    }
    let target = target.split(['?', '#']).next().unwrap_or_default();
    let (host, path) = match target.split_once("://") {
        Some((_, rest)) => rest.split_once('/').unwrap_or((rest, "")),
        None => ("", target),
    };
    let host = host.strip_prefix("www.").unwrap_or(host);
    let last = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    let last = [".git", ".html", ".md"]
        .iter()
        .find_map(|ext| last.strip_suffix(ext))
        .unwrap_or(last);
    [host, last, path.trim_end_matches('/')]
        .iter()
        .any(|candidate| !candidate.is_empty() && candidate.eq_ignore_ascii_case(name))
}

/// Pushes the GFM autolink literals of the prose `text[start..end]`:
/// `http://`, `https://` and `www.` links up to white space or `<`, and
/// e-mail addresses, without the punctuation that ends a sentence after
/// them or a `)` they do not open.
fn autolink_literals(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let prose = &text[start..end];
    let bytes = prose.as_bytes();
    let word_char = |b: u8| b.is_ascii_alphanumeric();
    let mut i = 0;
    while i < bytes.len() {
        // Only an ASCII byte starts a link: `prose[i..]` is on a boundary.
        let starts = matches!(bytes[i], b'h' | b'H' | b'w' | b'W')
            && (i == 0 || !word_char(bytes[i - 1]) && bytes[i - 1] != b'/');
        let rest = if starts { &prose[i..] } else { "" };
        let scheme = ["https://", "http://", "www."]
            .iter()
            .find(|s| {
                rest.len() > s.len()
                    && rest.as_bytes()[..s.len()].eq_ignore_ascii_case(s.as_bytes())
            })
            .map(|s| s.len());
        if let Some(scheme) = scheme {
            let link_end = rest
                .find(|c: char| c.is_whitespace() || c == '<')
                .unwrap_or(rest.len());
            let link = trim_autolink_end(&rest[..link_end]);
            // A domain must follow: "www." or "http://" alone is text.
            let domain = &link[scheme.min(link.len())..];
            if domain.starts_with(|c: char| c.is_ascii_alphanumeric()) {
                out.push((start + i, start + i + link.len()));
                i += link.len();
                continue;
            }
        }
        if bytes[i] == b'@' {
            if let Some((local, domain)) = email_extent(bytes, i) {
                out.push((start + local, start + domain));
                i = domain;
                continue;
            }
        }
        i += 1;
    }
}

/// The end of a link literal without what GFM leaves out of it: trailing
/// `?!.,:*_~'"`, and `)` that closes nothing opened in the link.
fn trim_autolink_end(mut link: &str) -> &str {
    loop {
        let trimmed = link.trim_end_matches(['?', '!', '.', ',', ':', '*', '_', '~', '\'', '"']);
        let unbalanced_paren =
            trimmed.ends_with(')') && trimmed.matches(')').count() > trimmed.matches('(').count();
        let trimmed = if unbalanced_paren {
            &trimmed[..trimmed.len() - 1]
        } else {
            trimmed
        };
        if trimmed.len() == link.len() {
            return link;
        }
        link = trimmed;
    }
}

/// The extent of the e-mail address around the `@` at `at`: a local part
/// of letters, digits and `.-_+`, and a domain with a dot, not ending in
/// `-` or `_` (trailing full stops are the sentence's).
fn email_extent(bytes: &[u8], at: usize) -> Option<(usize, usize)> {
    let local_char = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'+');
    let domain_char = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_');
    let mut local = at;
    while local > 0 && local_char(bytes[local - 1]) {
        local -= 1;
    }
    let mut end = at + 1;
    while end < bytes.len() && domain_char(bytes[end]) {
        end += 1;
    }
    while end > at + 1 && bytes[end - 1] == b'.' {
        end -= 1;
    }
    let domain = &bytes[at + 1..end];
    let valid = local < at
        && domain.contains(&b'.')
        && domain.first().is_some_and(|b| b.is_ascii_alphanumeric())
        && !matches!(domain.last(), Some(b'-' | b'_'))
        // "foo@bar.com/baz" or "user@host:path" is not a plain address.
        && !bytes.get(end).is_some_and(|&b| b == b'/' || b == b'@');
    valid.then_some((local, end))
}

/// The markup of the gap `text[start..end]` (no prose, no content in it):
/// on each of its lines, the part holding a visible character, with the
/// white space around it on that line but not at its end. (The backslash of an escape is
/// markup too; the mark it escapes is text.)
fn gap_markup(text: &str, start: usize, end: usize, markup: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let mut line_start = start;
    while line_start < end {
        let line_end =
            memchr::memchr(b'\n', &bytes[line_start..end]).map_or(end, |i| line_start + i);
        let mut part_end = line_end;
        if part_end > line_start && bytes[part_end - 1] == b'\r' {
            part_end -= 1;
        }
        // White space ending a line is the line's, not the markup's (a
        // hard break's is taken apart, from its event).
        if bytes
            .get(part_end)
            .is_none_or(|&b| b == b'\n' || b == b'\r')
        {
            part_end = line_start + text[line_start..part_end].trim_end().len();
        }
        let part = &text[line_start..part_end];
        if part.chars().any(|c| !c.is_whitespace()) {
            markup.push((line_start, part_end));
        }
        line_start = line_end + 1;
    }
}

/// Sorts and merges overlapping or touching ranges.
fn merge(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.retain(|r| r.0 < r.1);
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// Block-level tags: their inline events make a text block, and a child
/// block ends the text before it.
fn is_container(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
    )
}

fn is_container_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
    )
}

fn block_kind(tag: &Tag<'_>) -> Option<BlockKind> {
    match tag {
        Tag::Paragraph | Tag::FootnoteDefinition(_) | Tag::BlockQuote(_) => {
            Some(BlockKind::Paragraph)
        }
        Tag::DefinitionListTitle | Tag::DefinitionListDefinition => Some(BlockKind::Paragraph),
        Tag::Heading { .. } => Some(BlockKind::Heading),
        Tag::Item => Some(BlockKind::ListItem),
        Tag::TableCell => Some(BlockKind::TableCell),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts<'a>(text: &'a str, spans: &[Span]) -> Vec<&'a str> {
        spans.iter().map(|s| &text[s.range()]).collect()
    }

    /// The text left for tokens: everything but content and markup.
    fn prose(text: &str) -> String {
        let layout = layout(text, 0);
        let mut out = String::new();
        let mut hidden: Vec<Span> = layout
            .content
            .iter()
            .chain(&layout.markup)
            .copied()
            .collect();
        hidden.sort();
        let mut cursor = 0;
        for span in hidden {
            out.push_str(&text[cursor..span.start()]);
            out.push('|');
            cursor = span.end();
        }
        out.push_str(&text[cursor..]);
        out
    }

    #[test]
    fn headings_that_are_api_signatures_are_code() {
        for (heading, code) in [
            (
                "### new glob.Glob(pattern, [options], [cb])",
                "new glob.Glob(pattern, [options], [cb])",
            ),
            (
                "### Class Method: Buffer.from(str[, encoding])",
                "Buffer.from(str[, encoding])",
            ),
            (
                "## var s = inspect(obj, opts={})",
                "var s = inspect(obj, opts={})",
            ),
            (
                "### load (string [ , options ])",
                "load (string [ , options ])",
            ),
            ("### co(fn*).then( val => )", "co(fn*).then( val => )"),
        ] {
            let text = format!("{heading}\n\nText.\n");
            let layout = layout(&text, 0);
            assert_eq!(parts(&text, &layout.content), [code], "{heading}");
        }
        // Headings with a parenthesis that are prose.
        for heading in [
            "## Installation (optional)",
            "## Node.js (v18)",
            "## install (recommended)",
            "## 1.0.0 (2020-01-01)",
            "## Why use foo(bar)? (a question)",
            "## The [`parse`](x) function (fast)",
        ] {
            let text = format!("{heading}\n\nText.\n");
            let layout = layout(&text, 0);
            assert!(
                parts(&text, &layout.content)
                    .iter()
                    .all(|p| !p.contains('(') || p.starts_with('`')),
                "{heading}: {:?}",
                parts(&text, &layout.content)
            );
        }
    }

    #[test]
    fn headings_that_are_package_names_are_code() {
        for heading in ["body-parser", "serde_json", "@babel/core", "simd-json.rs"] {
            let text = format!("# {heading}\n\nText.\n");
            let layout = layout(&text, 0);
            assert_eq!(parts(&text, &layout.content), [heading], "{heading}");
        }
        for heading in [
            "Pre-release notes",
            "FAQ",
            "install",
            "Body-Parser",
            "- item",
        ] {
            let text = format!("## {heading}\n\nText.\n");
            let layout = layout(&text, 0);
            assert!(layout.content.is_empty(), "{heading}");
        }
    }

    #[test]
    fn code_html_and_link_targets_are_not_prose() {
        let text = "Some `code` here.\n\n```\nlet  x ;\n```\n\nA [link](http://x.org/a_b) and <b>bold</b>.\n";
        let layout = layout(text, 0);
        let content = parts(text, &layout.content);
        assert!(content.contains(&"`code`"), "{content:?}");
        assert!(content.iter().any(|p| p.contains("let  x ;")));
        assert!(content.contains(&"<b>"));
        let markup = parts(text, &layout.markup);
        assert!(markup.contains(&"](http://x.org/a_b)"), "{markup:?}");
        assert!(markup.contains(&"["), "{markup:?}");
    }

    #[test]
    fn link_reference_definitions_are_markup() {
        let text =
            "See [the docs][ref].\n\n[ref]:  https://example.com/a  \"A  title\"\n\nMore  text.\n";
        assert_eq!(prose(text), "See |the docs|.\n\n|\n\nMore  text.\n");
    }

    #[test]
    fn front_matter_is_content() {
        let text = "---\ntitle:  x\n---\n\nBody.\n";
        let layout = layout(text, 0);
        assert!(parts(text, &layout.content)[0].contains("title:  x"));
        assert_eq!(layout.block_content.len(), 1);
    }

    #[test]
    fn toml_front_matter_is_content() {
        let text = "+++\ntitle = \"x  y\"\n+++\n\nBody.\n";
        let layout = layout(text, 0);
        assert_eq!(parts(text, &layout.content), ["+++\ntitle = \"x  y\"\n+++"]);
        assert_eq!(layout.block_content.len(), 1);
        // Not at the start, `+++` is text.
        assert_eq!(prose("Body.\n\n+++\n"), "Body.\n\n+++\n");
    }

    #[test]
    fn bare_urls_and_addresses_are_content() {
        let text = "See https://example.com/wiki/Don't_Panic, www.example.org/a,b and (http://x.org/a_(b)).\nMail me@example.com. Not www. or http:// alone, nor @scope/pkg.\n";
        let layout = layout(text, 0);
        assert_eq!(
            parts(text, &layout.content),
            [
                "https://example.com/wiki/Don't_Panic",
                "www.example.org/a,b",
                "http://x.org/a_(b)",
                "me@example.com",
            ]
        );
    }

    #[test]
    fn link_text_naming_its_target_is_content() {
        let text = "Use [supports-color](https://github.com/chalk/supports-color), [simd-json.rs](https://simd-json.rs) and [LICENSE](LICENSE.md); not [the docs](https://x.org/docs), [Tokio](https://tokio.rs) or [color](https://x.org/colors).\n";
        let layout = layout(text, 0);
        assert_eq!(
            parts(text, &layout.content),
            ["supports-color", "simd-json.rs", "LICENSE"]
        );
    }

    #[test]
    fn markers_delimiters_and_table_padding_are_markup() {
        let text = "Title\n=====\n\n-   item one\n2.  *second* item\n> quote\n\n| a  | b |\n|----|---|\n| 1  | 2 |\n";
        assert_eq!(
            prose(text),
            "Title\n|\n\n|item one\n|second| item\n|quote\n\n|a|b|\n|\n|1|2|\n"
        );
    }

    #[test]
    fn images_entities_and_footnotes_are_content_escapes_markup() {
        let text =
            "[![badge](https://x/y.svg)](https://x) Tom &amp; Jerry \\( x[^1].\n\n[^1]: A note.\n";
        let layout = layout(text, 0);
        let content = parts(text, &layout.content);
        assert_eq!(content, ["![badge](https://x/y.svg)", "&amp;", "[^1]"]);
        assert_eq!(prose(text), "||| Tom | Jerry |( x|.\n\n|A note.\n");
    }

    #[test]
    fn white_space_ending_a_line_after_markup_is_not_markup() {
        let text = "A [link](x)   \n| a | b |  \n|---|---|\n";
        let layout = layout(text, 0);
        assert_eq!(
            parts(text, &layout.markup),
            ["[", "](x)", "| ", " | ", " |", "|---|---|"]
        );
    }

    #[test]
    fn hard_break_marks_are_markup_but_not_the_line_break() {
        let text = "One   \ntwo\\\nthree\n";
        assert_eq!(prose(text), "One|\ntwo|\nthree\n");
    }

    #[test]
    fn blocks_are_items_cells_headings_and_paragraphs() {
        let text = "# Head\n\nText\nmore.\n\n- one\n  - nested\n- two\n\n| a | b |\n|---|---|\n| c | d |\n";
        let layout = layout(text, 0);
        let blocks: Vec<(&str, BlockKind)> = layout
            .blocks
            .iter()
            .map(|(s, k)| (&text[s.range()], *k))
            .collect();
        use BlockKind::*;
        assert_eq!(
            blocks,
            [
                ("Head", Heading),
                ("Text\nmore.", Paragraph),
                ("one", ListItem),
                ("nested", ListItem),
                ("two", ListItem),
                ("a", TableCell),
                ("b", TableCell),
                ("c", TableCell),
                ("d", TableCell),
            ]
        );
    }
}
