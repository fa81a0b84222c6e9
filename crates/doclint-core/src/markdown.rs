//! Which parts of a Markdown file are prose.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::span::Span;

/// Byte ranges of `text[offset..]` that are not prose: code blocks, inline
/// code, HTML, front matter, link and image targets. Sorted, disjoint, and
/// shifted by `offset` so they index the original file.
pub(crate) fn non_prose_ranges(text: &str, offset: usize) -> Vec<Span> {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH;
    let mut ranges: Vec<Span> = Vec::new();
    // For each open link or image: (start of its range, end of its last child).
    let mut links: Vec<(usize, usize)> = Vec::new();
    let mut skip_depth = 0usize;
    let mut events = Parser::new_ext(text, options).into_offset_iter();
    // Link reference definitions (`[id]: url "title"`) produce no events.
    for (_, definition) in events.reference_definitions().iter() {
        let range = &definition.span;
        ranges.push(Span::new(range.start + offset, range.end + offset));
    }
    for (event, range) in events.by_ref() {
        let span = Span::new(range.start + offset, range.end + offset);
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                if skip_depth == 0 {
                    ranges.push(span);
                }
                skip_depth += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                skip_depth = skip_depth.saturating_sub(1);
            }
            Event::Start(Tag::Link { link_type, .. })
            | Event::Start(Tag::Image { link_type, .. }) => {
                if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    ranges.push(span);
                }
                links.push((range.start, range.start));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some((_, last_child_end)) = links.pop() {
                    // The destination follows the link text: "](url)".
                    if last_child_end < range.end && last_child_end > range.start {
                        ranges.push(Span::new(last_child_end + offset, range.end + offset));
                    }
                }
            }
            Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
                if skip_depth == 0 =>
            {
                ranges.push(span);
            }
            _ => {}
        }
        if !matches!(event, Event::Start(_)) {
            if let Some(last) = links.last_mut() {
                last.1 = last.1.max(range.end);
            }
        }
    }
    ranges.sort_by_key(|s| (s.start, s.end));
    let mut merged: Vec<Span> = Vec::with_capacity(ranges.len());
    for span in ranges {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excluded(text: &str) -> Vec<&str> {
        non_prose_ranges(text, 0)
            .into_iter()
            .map(|s| &text[s.range()])
            .collect()
    }

    #[test]
    fn code_html_and_link_targets_are_not_prose() {
        let text = "Some `code` here.\n\n```\nlet  x ;\n```\n\nA [link](http://x.org/a_b) and <b>bold</b>.\n";
        let parts = excluded(text);
        assert!(parts.contains(&"`code`"), "{parts:?}");
        assert!(parts.iter().any(|p| p.contains("let  x ;")));
        assert!(parts.iter().any(|p| p.starts_with("](http")));
        assert!(parts.contains(&"<b>"));
    }

    #[test]
    fn link_reference_definitions_are_not_prose() {
        let text =
            "See [the docs][ref].\n\n[ref]:  https://example.com/a  \"A  title\"\n\nMore  text.\n";
        let parts = excluded(text);
        assert!(
            parts
                .iter()
                .any(|p| p.contains("https://example.com/a  \"A  title\"")),
            "{parts:?}"
        );
        assert!(!parts.iter().any(|p| p.contains("More")), "{parts:?}");
    }

    #[test]
    fn front_matter_is_not_prose() {
        let text = "---\ntitle:  x\n---\n\nBody.\n";
        let parts = excluded(text);
        assert!(parts.iter().any(|p| p.contains("title:  x")), "{parts:?}");
    }
}
