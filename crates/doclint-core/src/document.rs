//! The document model: everything rules need, computed once at load.

use std::any::Any;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use crate::diagnostic::{Location, SpanLocation};
use crate::folded::FoldedText;
use crate::line_index::LineIndex;
use crate::load::SourceText;
use crate::markdown::{self, BlockKind};
use crate::quotes::{self, Quote};
use crate::span::Span;
use crate::token::{self, Token, TokenKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentKind {
    PlainText,
    Markdown,
}

impl DocumentKind {
    /// Markdown for `.md`/`.markdown`, plain text otherwise.
    pub fn from_path(path: &std::path::Path) -> Self {
        match path.extension().and_then(|ext| ext.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown") => {
                DocumentKind::Markdown
            }
            _ => DocumentKind::PlainText,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// Empty or only white space (no-break spaces included).
    Blank,
    /// A title, dateline or header line of the header block, or a Markdown
    /// heading.
    Heading,
    /// Running text.
    Prose,
    /// Not prose: inside a Markdown code block, HTML block or front matter.
    Code,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// The line's content, without its terminator.
    pub span: Span,
    /// Where the next line starts (after `\n` or `\r\n`).
    pub end_with_terminator: u32,
    pub kind: LineKind,
}

/// A block of non-blank lines; in the header block each line is its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    pub lines: Range<u32>,
    pub tokens: Range<u32>,
    pub sentences: Range<u32>,
    pub quotes: Range<u32>,
    /// A title, dateline or heading rather than running text.
    pub is_heading: bool,
    /// What kind of block it is: in Markdown, from the parse (a list item,
    /// a table cell); in plain text, a heading or a paragraph.
    pub block: BlockKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Range<u32>,
    pub paragraph: u32,
}

/// Words that end with a full stop without ending a sentence.
pub const SENTENCE_ABBREVIATIONS: &[&str] = &[
    "Adm", "Apr", "Aug", "Ave", "Bros", "Capt", "Co", "Col", "Corp", "Dec", "Dept", "Dr", "Feb",
    "Fig", "Gen", "Gov", "Hon", "Inc", "Jan", "Jr", "Jul", "Jun", "Lt", "Ltd", "Mar", "Messrs",
    "Mr", "Mrs", "Ms", "Mt", "No", "Nos", "Nov", "Oct", "Op", "Pres", "Prof", "Rep", "Rev", "Sen",
    "Sep", "Sept", "Sgt", "Sr", "St", "Vol", "al", "approx", "ca", "cf", "esp", "etc", "fig",
    "ibid", "incl", "no", "nos", "pp", "viz", "vol", "vs",
];

/// A loaded file and every fact computed from it.
#[derive(Debug)]
pub struct Document {
    source: SourceText,
    kind: DocumentKind,
    line_index: LineIndex,
    lines: Vec<Line>,
    tokens: Vec<Token>,
    paragraphs: Vec<Paragraph>,
    sentences: Vec<Sentence>,
    quotes: Vec<Quote>,
    /// Markdown content that is not prose and markup, merged.
    non_prose: Vec<Span>,
    /// The Markdown markup alone (sorted, disjoint).
    markup: Vec<Span>,
    header_lines: Range<u32>,
    /// Built on first use by the rules that match phrases.
    folded: OnceLock<FoldedText>,
    /// The words of the non-prose text, lower-cased (built on first use).
    code_words: OnceLock<std::collections::HashSet<Box<str>>>,
    /// Results computed once per document and shared by several rules.
    memos: Mutex<Vec<(u64, Arc<dyn Any + Send + Sync>)>>,
}

impl Document {
    /// Builds the model of `source`.
    pub fn new(source: SourceText, kind: DocumentKind) -> Self {
        let (body_start, body) = source.body();
        let layout = match kind {
            DocumentKind::Markdown => markdown::layout(body, body_start),
            DocumentKind::PlainText => markdown::Layout::default(),
        };
        let non_prose = merge_spans(&layout.content, &layout.markup);
        let text = source.text.as_str();
        let line_index = LineIndex::new(text);
        let mut lines = split_lines(text, body_start, &non_prose, &layout.block_content);
        let tokens = tokenize_prose(text, body_start, &layout.content, &layout.markup);
        let header_lines = match kind {
            DocumentKind::Markdown => mark_markdown_headings(&mut lines, &layout.blocks),
            DocumentKind::PlainText => mark_header_block(text, &mut lines, &tokens),
        };
        let mut doc = Document {
            kind,
            line_index,
            lines,
            tokens,
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            quotes: Vec::new(),
            non_prose,
            markup: layout.markup.clone(),
            header_lines,
            folded: OnceLock::new(),
            code_words: OnceLock::new(),
            memos: Mutex::new(Vec::new()),
            source,
        };
        match kind {
            DocumentKind::Markdown => doc.build_markdown_paragraphs(&layout.blocks),
            DocumentKind::PlainText => doc.build_paragraphs(),
        }
        doc
    }

    /// Convenience for tests and tools: a plain-text document from a string.
    pub fn from_text(text: &str) -> Self {
        let source = crate::load::decode(text.as_bytes().to_vec()).unwrap_or(SourceText {
            text: text.to_owned(),
            bom_len: 0,
            line_ending: crate::load::LineEnding::Lf,
        });
        Self::new(source, DocumentKind::PlainText)
    }

    /// The whole file, byte-order mark included: spans index this.
    #[inline]
    pub fn text(&self) -> &str {
        &self.source.text
    }

    #[inline]
    pub fn source(&self) -> &SourceText {
        &self.source
    }

    pub fn into_source(self) -> SourceText {
        self.source
    }

    #[inline]
    pub fn kind(&self) -> DocumentKind {
        self.kind
    }

    #[inline]
    pub fn slice(&self, span: Span) -> &str {
        &self.source.text[span.range()]
    }

    #[inline]
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    #[inline]
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    #[inline]
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }

    #[inline]
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// Every quotation mark and apostrophe, in text order.
    #[inline]
    pub fn quotes(&self) -> &[Quote] {
        &self.quotes
    }

    /// The quotation mark or apostrophe at byte `offset`, as the Document
    /// read it in context; `None` for any other character and for marks
    /// outside prose (Markdown code), which are not read.
    pub fn quote_at(&self, offset: usize) -> Option<&Quote> {
        let i = self.quotes.partition_point(|q| q.span.start() < offset);
        self.quotes.get(i).filter(|q| q.span.start() == offset)
    }

    /// The lines before the body: title, dateline, header lines.
    #[inline]
    pub fn header_lines(&self) -> Range<usize> {
        self.header_lines.start as usize..self.header_lines.end as usize
    }

    /// Byte ranges that are not prose, sorted and disjoint: in Markdown,
    /// everything but the text of the CommonMark parse (code, HTML, front
    /// matter, images, entities, and the markup: list markers, emphasis
    /// delimiters, link brackets and targets, table pipes and padding).
    /// Plain text has none.
    #[inline]
    pub fn non_prose(&self) -> &[Span] {
        &self.non_prose
    }

    #[inline]
    pub fn line_index(&self) -> &LineIndex {
        &self.line_index
    }

    pub fn location(&self, offset: usize) -> Location {
        self.line_index.location(self.text(), offset)
    }

    pub fn span_location(&self, span: Span) -> SpanLocation {
        SpanLocation {
            start: self.location(span.start()),
            end: self.location(span.end()),
        }
    }

    /// The paragraphs folded for phrase and pattern matching (built once,
    /// on first use).
    pub fn folded(&self) -> &FoldedText {
        self.folded.get_or_init(|| FoldedText::build(self))
    }

    /// A result about this document that several rules share (such as one
    /// search for the phrases of every rule pack): computed by `init` on the
    /// first call with `key`, then returned again. `key` must identify the
    /// computation (and its type `T`) for the whole life of the document.
    pub fn memo<T: Any + Send + Sync>(
        &self,
        key: u64,
        init: impl FnOnce(&Document) -> T,
    ) -> Arc<T> {
        let cached = |memos: &[(u64, Arc<dyn Any + Send + Sync>)]| {
            memos
                .iter()
                .find(|(k, _)| *k == key)
                .and_then(|(_, value)| value.clone().downcast::<T>().ok())
        };
        if let Some(value) = cached(&self.memos.lock().unwrap_or_else(|e| e.into_inner())) {
            return value;
        }
        // Computed without the lock held: `init` may read other memos.
        let value = Arc::new(init(self));
        let mut memos = self.memos.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(existing) = cached(&memos) {
            return existing;
        }
        memos.push((key, value.clone()));
        value
    }

    /// The tokens of a paragraph or sentence.
    #[inline]
    pub fn tokens_in(&self, range: &Range<u32>) -> &[Token] {
        &self.tokens[range.start as usize..range.end as usize]
    }

    /// Index of the first token starting at or after `offset`.
    pub fn token_at_or_after(&self, offset: usize) -> usize {
        self.tokens
            .partition_point(|token| (token.span.start as usize) < offset)
    }

    /// Index of the line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_index
            .line_of(offset)
            .min(self.lines.len().saturating_sub(1))
    }

    /// The paragraph whose span holds `offset`, if any (the first one, in
    /// a Markdown table row whose cells share a line).
    pub fn paragraph_at(&self, offset: usize) -> Option<&Paragraph> {
        let i = self.paragraphs.partition_point(|p| p.span.end() < offset);
        self.paragraphs[i..]
            .iter()
            .take_while(|p| p.span.start() <= offset)
            .find(|p| p.span.end() >= offset)
    }

    /// The text of `span` as it reads, without the Markdown markup inside
    /// it: "MIT** OR **Apache" → "MIT OR Apache", "See [LICENSE" → "See
    /// LICENSE". Code and other content stay. In plain text, or with no
    /// markup in `span`, the slice itself.
    pub fn slice_without_markup(&self, span: Span) -> std::borrow::Cow<'_, str> {
        let first = self.markup.partition_point(|m| m.end <= span.start);
        let inside = &self.markup[first..];
        if inside.first().is_none_or(|m| m.start >= span.end) {
            return std::borrow::Cow::Borrowed(self.slice(span));
        }
        let mut out = String::with_capacity(span.len());
        let mut cursor = span.start();
        for m in inside.iter().take_while(|m| m.start < span.end) {
            let start = m.start().max(cursor);
            out.push_str(&self.source.text[cursor..start]);
            cursor = m.end().min(span.end()).max(cursor);
        }
        out.push_str(&self.source.text[cursor..span.end()]);
        std::borrow::Cow::Owned(out)
    }

    /// Whether `span` touches non-prose text.
    pub fn is_non_prose(&self, span: Span) -> bool {
        let i = self
            .non_prose
            .partition_point(|range| range.end <= span.start);
        self.non_prose
            .get(i)
            .is_some_and(|range| range.start < span.end.max(span.start + 1))
    }

    /// Whether `word` (any case) is also written in the document's code,
    /// link targets or other non-prose text ("the `memchr` crate", "enum",
    /// "[indicatif](https://docs.rs/indicatif)"), or is the possessive or
    /// plural of one ("rustc's", "structs"): then the prose uses it as an
    /// identifier or a name, not as a misspelt English word. Words are
    /// the runs of letters and digits of that text (so `quick-xml` holds
    /// "quick" and "xml"). Always false in plain text.
    pub fn is_code_word(&self, word: &str) -> bool {
        if self.non_prose.is_empty() {
            return false;
        }
        let words = self.code_words.get_or_init(|| {
            let mut words = std::collections::HashSet::new();
            for range in &self.non_prose {
                for piece in self.source.text[range.range()].split(|c: char| !c.is_alphanumeric()) {
                    if !piece.is_empty() && !words.contains(piece) {
                        words.insert(piece.to_lowercase().into_boxed_str());
                    }
                }
            }
            words
        });
        let lower = word.to_lowercase();
        // "rustc's", "structs": the possessive or plural of an identifier.
        let stem = crate::token::strip_possessive(&lower).or_else(|| lower.strip_suffix('s'));
        words.contains(lower.as_str()) || stem.is_some_and(|stem| words.contains(stem))
    }

    /// Whether `fix` leaves every non-prose byte as it is: no edit starts,
    /// ends or inserts inside a non-prose range, and an edit covering one
    /// whole either writes it back unchanged or deletes it together with
    /// prose around it; markup (a link's brackets, a list marker) only
    /// with whole paragraphs, so that no link, emphasis or table is cut in
    /// two. The fix writer applies no other fix (a rule that strays into
    /// code or markup is stopped there).
    pub fn keeps_non_prose(&self, fix: &crate::fix::Fix) -> bool {
        fix.edits.iter().all(|edit| {
            let span = edit.span;
            // A code block, HTML block or front matter is never edited, not
            // even deleted with the prose around it (a repeated paragraph
            // removed from the end of the one before it).
            if self.overlaps_block_content(span) {
                return false;
            }
            let first = self
                .non_prose
                .partition_point(|range| range.end <= span.start);
            self.non_prose[first..]
                .iter()
                .take_while(|range| range.start < span.end.max(span.start + 1))
                .all(|range| {
                    let inside = |offset: u32| range.start < offset && offset < range.end;
                    if span.is_empty() {
                        return !inside(span.start);
                    }
                    if inside(span.start) || inside(span.end) {
                        return false;
                    }
                    // Covered whole.
                    let kept = edit.replacement.contains(&self.source.text[range.range()]);
                    kept || (edit.replacement.is_empty()
                        && span != *range
                        && (!self.holds_markup(*range) || self.covers_paragraphs(span)))
                })
        })
    }

    /// Whether `span` overlaps a line of a code block, HTML block or front
    /// matter (an insertion: falls strictly inside one).
    fn overlaps_block_content(&self, span: Span) -> bool {
        let first = self
            .lines
            .partition_point(|l| l.end_with_terminator <= span.start);
        self.lines[first..]
            .iter()
            .take_while(|l| l.span.start <= span.end)
            .filter(|l| l.kind == LineKind::Code)
            .any(|l| {
                if span.is_empty() {
                    l.span.start < span.start && span.start < l.span.end
                } else {
                    l.span.start < span.end && span.start < l.span.end
                }
            })
    }

    /// Whether some markup lies in `range`.
    fn holds_markup(&self, range: Span) -> bool {
        let i = self.markup.partition_point(|m| m.end <= range.start);
        self.markup.get(i).is_some_and(|m| m.start < range.end)
    }

    /// Whether `span` holds every paragraph it overlaps whole.
    fn covers_paragraphs(&self, span: Span) -> bool {
        let i = self
            .paragraphs
            .partition_point(|p| p.span.end <= span.start);
        self.paragraphs[i..]
            .iter()
            .take_while(|p| p.span.start < span.end)
            .all(|p| span.start <= p.span.start && p.span.end <= span.end)
    }

    /// The paragraphs of a Markdown document: its text blocks (paragraphs,
    /// headings, list items, table cells), from the parse.
    fn build_markdown_paragraphs(&mut self, blocks: &[(Span, BlockKind)]) {
        for &(span, block) in blocks {
            let first = self.token_at_or_after(span.start());
            if self
                .tokens
                .get(first)
                .is_none_or(|t| t.span.start >= span.end)
            {
                continue;
            }
            let last = self.line_of(span.end().saturating_sub(1).max(span.start()));
            let lines = self.line_of(span.start())..last + 1;
            self.push_paragraph(span, lines, block);
        }
        self.pair_quotes_across_paragraphs();
    }

    fn build_paragraphs(&mut self) {
        let mut line = 0usize;
        while line < self.lines.len() {
            let first = self.lines[line];
            if matches!(first.kind, LineKind::Blank | LineKind::Code) {
                line += 1;
                continue;
            }
            let start_line = line;
            line += 1;
            if first.kind == LineKind::Prose {
                while line < self.lines.len() && self.lines[line].kind == LineKind::Prose {
                    line += 1;
                }
            }
            let span = Span::new(first.span.start(), self.lines[line - 1].span.end());
            let block = if first.kind == LineKind::Heading {
                BlockKind::Heading
            } else {
                BlockKind::Paragraph
            };
            self.push_paragraph(span, start_line..line, block);
        }
        self.pair_quotes_across_paragraphs();
    }

    fn pair_quotes_across_paragraphs(&mut self) {
        let quote_ranges: Vec<(Range<usize>, bool)> = self
            .paragraphs
            .iter()
            .map(|p| (p.quotes.start as usize..p.quotes.end as usize, p.is_heading))
            .collect();
        quotes::pair_across_paragraphs(&mut self.quotes, &quote_ranges);
    }

    fn push_paragraph(&mut self, span: Span, lines: Range<usize>, block: BlockKind) {
        let token_start = self.token_at_or_after(span.start());
        // Only tokens wholly inside: a Markdown code span may run on past a
        // header line that is a paragraph of its own. Tokens are disjoint
        // and sorted, so their ends are sorted too.
        let token_end = self
            .tokens
            .partition_point(|token| token.span.end <= span.end)
            .max(token_start);
        let index = self.paragraphs.len() as u32;
        let sentence_start = self.sentences.len() as u32;
        split_sentences(
            &self.source.text,
            &self.tokens,
            token_start..token_end,
            index,
            &mut self.sentences,
        );
        let quote_start = self.quotes.len() as u32;
        quotes::scan_paragraph(
            &self.source.text,
            span,
            &self.non_prose,
            &self.markup,
            &mut self.quotes,
        );
        self.paragraphs.push(Paragraph {
            span,
            lines: lines.start as u32..lines.end as u32,
            tokens: token_start as u32..token_end as u32,
            sentences: sentence_start..self.sentences.len() as u32,
            quotes: quote_start..self.quotes.len() as u32,
            is_heading: block == BlockKind::Heading,
            block,
        });
    }
}

fn split_lines(
    text: &str,
    body_start: usize,
    non_prose: &[Span],
    block_content: &[Span],
) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(text.len() / 64 + 1);
    let mut start = body_start;
    let mut np = 0usize;
    let mut block = 0usize;
    loop {
        let newline = memchr::memchr(b'\n', &bytes[start..]).map(|i| start + i);
        let (content_end, next) = match newline {
            Some(nl) if nl > start && bytes[nl - 1] == b'\r' => (nl - 1, nl + 1),
            Some(nl) => (nl, nl + 1),
            None => (text.len(), text.len()),
        };
        let span = Span::new(start, content_end);
        while np < non_prose.len() && non_prose[np].end() <= start {
            np += 1;
        }
        while block < block_content.len() && block_content[block].end() <= start {
            block += 1;
        }
        let blank = text[start..content_end]
            .chars()
            .all(|c| c.is_whitespace() || token::is_irregular_space(c));
        let in_block = block_content
            .get(block)
            .is_some_and(|range| range.start() <= start && content_end < range.end());
        let kind = if in_block || (!blank && !has_prose(text, span, &non_prose[np..])) {
            LineKind::Code
        } else if blank {
            LineKind::Blank
        } else {
            LineKind::Prose
        };
        lines.push(Line {
            span,
            end_with_terminator: next as u32,
            kind,
        });
        if newline.is_none() {
            break;
        }
        start = next;
    }
    lines
}

/// Whether `line` holds a visible character outside the non-prose ranges
/// (the first of which ends after the line's start).
fn has_prose(text: &str, line: Span, non_prose: &[Span]) -> bool {
    let mut cursor = line.start();
    for range in non_prose {
        if range.start() >= line.end() {
            break;
        }
        if range.start() > cursor && is_visible(&text[cursor..range.start()]) {
            return true;
        }
        cursor = cursor.max(range.end());
        if cursor >= line.end() {
            return false;
        }
    }
    cursor < line.end() && is_visible(&text[cursor..line.end()])
}

fn is_visible(text: &str) -> bool {
    text.chars()
        .any(|c| !c.is_whitespace() && !token::is_irregular_space(c))
}

/// The union of two sorted lists of disjoint spans, touching ones merged.
fn merge_spans(a: &[Span], b: &[Span]) -> Vec<Span> {
    let mut all: Vec<Span> = a.iter().chain(b).copied().collect();
    all.sort_by_key(|s| (s.start, s.end));
    let mut merged: Vec<Span> = Vec::with_capacity(all.len());
    for span in all {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
}

/// Tokens of the text outside `hidden` (markup: no tokens), with one
/// [`TokenKind::Code`] token for each range of `code`. Both are sorted and
/// disjoint, and never overlap each other.
fn tokenize_prose(text: &str, body_start: usize, code: &[Span], hidden: &[Span]) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 4 + 1);
    let mut cursor = body_start;
    let (mut c, mut h) = (0usize, 0usize);
    loop {
        let next_code = code.get(c).copied();
        let next_hidden = hidden.get(h).copied();
        let (range, is_code) = match (next_code, next_hidden) {
            (Some(a), Some(b)) if a.start <= b.start => (a, true),
            (_, Some(b)) => (b, false),
            (Some(a), None) => (a, true),
            (None, None) => break,
        };
        if is_code {
            c += 1;
        } else {
            h += 1;
        }
        if range.end() <= cursor {
            continue;
        }
        let start = range.start().max(cursor);
        if start > cursor {
            token::tokenize(text, cursor, start, &mut tokens);
        }
        if is_code {
            tokens.push(Token {
                span: Span::new(start, range.end()),
                kind: TokenKind::Code,
                shape: token::WordShape::None,
            });
        }
        cursor = range.end();
    }
    token::tokenize(text, cursor, text.len(), &mut tokens);
    tokens
}

/// Marks the lines of Markdown headings; the header block is the first
/// heading when the text opens with one.
fn mark_markdown_headings(lines: &mut [Line], blocks: &[(Span, BlockKind)]) -> Range<u32> {
    let line_of =
        |lines: &[Line], offset: u32| lines.partition_point(|l| l.end_with_terminator <= offset);
    let mut header = 0..0;
    for (n, &(span, kind)) in blocks.iter().enumerate() {
        if kind != BlockKind::Heading {
            continue;
        }
        let first = line_of(lines, span.start);
        let last = line_of(lines, span.end.saturating_sub(1).max(span.start));
        for line in lines.iter_mut().take(last + 1).skip(first) {
            if line.kind == LineKind::Prose {
                line.kind = LineKind::Heading;
            }
        }
        if n == 0 && lines[..first].iter().all(|l| l.kind != LineKind::Prose) {
            header = first as u32..(last + 1).min(lines.len()) as u32;
        }
    }
    header
}

/// Finds the header block of plain text (title, dateline, header lines
/// before the body) and marks its lines as headings.
fn mark_header_block(text: &str, lines: &mut [Line], tokens: &[Token]) -> Range<u32> {
    let Some(first) = lines.iter().position(|l| l.kind != LineKind::Blank) else {
        return 0..0;
    };
    // Up to four blank-separated blocks at the top whose lines all read as
    // headings make the header block.
    let mut end = first;
    let mut line = first;
    let mut blocks = 0;
    while line < lines.len() && blocks < 4 {
        let block_start = line;
        while line < lines.len() && lines[line].kind == LineKind::Prose {
            line += 1;
        }
        if line == block_start
            || !lines[block_start..line]
                .iter()
                .all(|l| is_heading_like(text, l, tokens))
        {
            break;
        }
        end = line;
        blocks += 1;
        while line < lines.len() && lines[line].kind == LineKind::Blank {
            line += 1;
        }
    }
    for l in &mut lines[first..end] {
        l.kind = LineKind::Heading;
    }
    first as u32..end as u32
}

fn is_heading_like(text: &str, line: &Line, tokens: &[Token]) -> bool {
    let content = text[line.span.range()]
        .trim_end_matches(|c: char| c.is_whitespace() || token::is_irregular_space(c));
    let Some(last) = content.chars().last() else {
        return false;
    };
    if matches!(
        last,
        '.' | '!' | '?' | ':' | ';' | ',' | '。' | '”' | '"' | '’'
    ) {
        return false;
    }
    let first = tokens.partition_point(|t| t.span.start < line.span.start);
    let words = tokens[first..]
        .iter()
        .take_while(|t| t.span.end <= line.span.end)
        .filter(|t| t.is_word())
        .count();
    words <= 30
}

/// Splits a paragraph's tokens into sentences.
fn split_sentences(
    text: &str,
    tokens: &[Token],
    range: Range<usize>,
    paragraph: u32,
    out: &mut Vec<Sentence>,
) {
    let mut start: Option<usize> = None;
    let mut i = range.start;
    while i < range.end {
        let token = tokens[i];
        if start.is_none() {
            if !token.is_blank() {
                start = Some(i);
            } else {
                i += 1;
                continue;
            }
        }
        if token.kind == TokenKind::Punct && ends_sentence(text, tokens, &range, i) {
            // Closing quotes and brackets belong to the sentence they end.
            let mut end = i + 1;
            while end < range.end
                && tokens[end].kind == TokenKind::Punct
                && matches!(
                    tokens[end].text(text),
                    "”" | "’" | "\"" | "'" | ")" | "]" | "」" | "』"
                )
            {
                end += 1;
            }
            if let Some(s) = start.take() {
                push_sentence(tokens, s..end, paragraph, out);
            }
            i = end;
            continue;
        }
        i += 1;
    }
    if let Some(s) = start {
        let mut end = range.end;
        while end > s && tokens[end - 1].is_blank() {
            end -= 1;
        }
        if end > s {
            push_sentence(tokens, s..end, paragraph, out);
        }
    }
}

fn push_sentence(tokens: &[Token], range: Range<usize>, paragraph: u32, out: &mut Vec<Sentence>) {
    let span = tokens[range.start].span.cover(tokens[range.end - 1].span);
    out.push(Sentence {
        span,
        tokens: range.start as u32..range.end as u32,
        paragraph,
    });
}

/// Whether the first token after the blanks at `from` is a lower-case word.
fn next_word_is_lower(tokens: &[Token], from: usize, end: usize) -> bool {
    tokens[from..end]
        .iter()
        .find(|t| !t.is_blank())
        .is_some_and(|t| t.shape == token::WordShape::Lower)
}

fn ends_sentence(text: &str, tokens: &[Token], range: &Range<usize>, i: usize) -> bool {
    let punct = tokens[i].text(text);
    if !matches!(punct, "." | "!" | "?" | "。" | "！" | "？" | "…") {
        return false;
    }
    // The next token after closing quotes/brackets must be a space or the end.
    let mut j = i + 1;
    while j < range.end
        && tokens[j].kind == TokenKind::Punct
        && matches!(
            tokens[j].text(text),
            "”" | "’" | "\"" | "'" | ")" | "]" | "」" | "』"
        )
    {
        j += 1;
    }
    if j < range.end && !tokens[j].is_blank() {
        return false;
    }
    // A quoted question or exclamation inside a sentence: “Why?” she asked.
    if j > i + 1 && next_word_is_lower(tokens, j, range.end) {
        return false;
    }
    if punct == "…" {
        return false;
    }
    if punct == "." {
        // An ellipsis written as dots ("...", ". . .") does not end a
        // sentence here.
        let is_dot = |k: usize| k >= range.start && k < range.end && tokens[k].text(text) == ".";
        let is_space = |k: usize| k >= range.start && k < range.end && tokens[k].is_space();
        if (i > range.start && is_dot(i - 1))
            || (i >= 2 && is_space(i - 1) && is_dot(i - 2))
            || (is_space(i + 1) && is_dot(i + 2))
        {
            return false;
        }
        if i > range.start && tokens[i - 1].is_word() {
            let word = tokens[i - 1].text(text);
            if SENTENCE_ABBREVIATIONS.contains(&word) {
                return false;
            }
            // "U.S." / "e.g." / "J. Smith": a single letter before the stop.
            let single = word.chars().count() == 1;
            let after_stop = i >= 2 && tokens[i - 2].text(text) == ".";
            let upper_initial = single && word.chars().all(char::is_uppercase);
            if single && (after_stop || upper_initial) {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::from_text(text)
    }

    fn sentences(doc: &Document) -> Vec<&str> {
        doc.sentences().iter().map(|s| doc.slice(s.span)).collect()
    }

    fn markdown(text: &str) -> Document {
        let source = crate::load::decode(text.as_bytes().to_vec()).expect("decode");
        Document::new(source, DocumentKind::Markdown)
    }

    #[test]
    fn quotes_are_read_through_emphasis_and_link_marks() {
        // `_"/"_`: the marks stand between spaces as the text renders, so
        // they pair; so do marks around a link.
        let d =
            markdown("If it starts with _\"/\"_ or _\"./\"_, see \"[the docs](x.md)\" and stop.\n");
        use crate::quotes::QuoteRole::*;
        let roles: Vec<_> = d.quotes().iter().map(|q| q.role).collect();
        assert_eq!(
            roles,
            [Opening, Closing, Opening, Closing, Opening, Closing]
        );
        // After a quote marker and indentation, in a table cell.
        let d = markdown("> 1. Until\n>    _\"/\"_ here.\n\n| a | _\"x\"_ |\n|---|---|\n");
        let roles: Vec<_> = d.quotes().iter().map(|q| q.role).collect();
        assert_eq!(roles, [Opening, Closing, Opening, Closing]);
        // Near-miss: a mark glued to a word stays an apostrophe.
        let d = markdown("The _user's_ files.\n");
        assert_eq!(d.quotes()[0].role, Apostrophe);
    }

    #[test]
    fn paragraphs_are_blank_line_separated() {
        let d = doc("Title line\n\nFirst para\ncontinues here.\n\u{a0}\nSecond para.");
        let paras: Vec<_> = d.paragraphs().iter().map(|p| d.slice(p.span)).collect();
        assert_eq!(
            paras,
            vec!["Title line", "First para\ncontinues here.", "Second para."]
        );
        assert!(d.paragraphs()[0].is_heading);
        assert!(!d.paragraphs()[1].is_heading);
    }

    #[test]
    fn header_block_takes_title_and_dateline_lines() {
        let d = doc("DALIAN CHINA\nA Title Without Stop\n2019-04-11\n\nOn April 10, the body began. It went on.");
        assert_eq!(d.header_lines(), 0..3);
        assert_eq!(d.paragraphs().len(), 4);
        assert_eq!(
            sentences(&d)[3..],
            ["On April 10, the body began.", "It went on."]
        );
    }

    #[test]
    fn sentences_skip_abbreviations_decimals_and_initials() {
        let d = doc("Body text.\n\nMr. Li paid 2.5 yuan in the U.S. on Monday. e.g. this. He left! Then “it ended.” Done");
        assert_eq!(
            sentences(&d)[1..],
            [
                "Mr. Li paid 2.5 yuan in the U.S. on Monday.",
                "e.g. this.",
                "He left!",
                "Then “it ended.”",
                "Done"
            ]
        );
    }

    #[test]
    fn spaced_ellipses_do_not_end_sentences() {
        let d =
            doc("Body.\n\nThe laws . . . become the religion. It went away . . . because we can.");
        assert_eq!(
            sentences(&d)[1..],
            [
                "The laws . . . become the religion.",
                "It went away . . . because we can."
            ]
        );
    }

    #[test]
    fn a_quoted_question_inside_a_sentence_does_not_end_it() {
        let d = doc("Body.\n\n“Why?” she asked. He shouted “Stop!” and ran. “Go.” Then he left.");
        assert_eq!(
            sentences(&d)[1..],
            [
                "“Why?” she asked.",
                "He shouted “Stop!” and ran.",
                "“Go.”",
                "Then he left."
            ]
        );
    }

    #[test]
    fn crlf_and_bom_do_not_shift_spans() {
        let source = crate::load::decode(b"\xEF\xBB\xBFTitle\r\n\r\nBody  text.\r\n".to_vec())
            .expect("valid");
        let d = Document::new(source, DocumentKind::PlainText);
        let body = &d.paragraphs()[1];
        assert_eq!(d.slice(body.span), "Body  text.");
        assert_eq!(body.span.start, 3 + 5 + 2 + 2);
        assert_eq!(d.lines()[0].span, Span::new(3, 8));
        assert_eq!(
            d.location(body.span.start()),
            Location { line: 3, column: 1 }
        );
    }

    #[test]
    fn markdown_code_blocks_are_code_lines() {
        let text = "# Title\n\nProse here.\n\n```\n  code  \n```\n\nMore `x  y` prose.\n";
        let d = Document::new(
            crate::load::decode(text.as_bytes().to_vec()).expect("valid"),
            DocumentKind::Markdown,
        );
        let kinds: Vec<_> = d.lines().iter().map(|l| l.kind).collect();
        assert_eq!(kinds[0], LineKind::Heading);
        assert_eq!(kinds[5], LineKind::Code);
        assert!(d
            .tokens()
            .iter()
            .any(|t| t.kind == TokenKind::Code && d.slice(t.span) == "`x  y`"));
    }

    #[test]
    fn markdown_paragraphs_are_the_blocks_of_the_parse() {
        let text = "# Title\n\n1. first item\n2. second item\n\n| a  | b |\n|----|---|\n";
        let d = Document::new(
            crate::load::decode(text.as_bytes().to_vec()).expect("valid"),
            DocumentKind::Markdown,
        );
        let blocks: Vec<(&str, BlockKind)> = d
            .paragraphs()
            .iter()
            .map(|p| (d.slice(p.span), p.block))
            .collect();
        assert_eq!(
            blocks,
            [
                ("Title", BlockKind::Heading),
                ("first item", BlockKind::ListItem),
                ("second item", BlockKind::ListItem),
                ("a", BlockKind::TableCell),
                ("b", BlockKind::TableCell),
            ]
        );
        let second = text.find("second").unwrap_or(0);
        assert_eq!(
            d.paragraph_at(second + 3).map(|p| p.span.start()),
            Some(second)
        );
        assert!(d.paragraph_at(text.find("|---").unwrap_or(0) + 1).is_none());
        let first_sentence = d
            .sentences()
            .iter()
            .find(|s| d.slice(s.span).contains("first"));
        assert_eq!(first_sentence.map(|s| d.slice(s.span)), Some("first item"));
    }

    #[test]
    fn a_slice_without_markup_reads_as_rendered() {
        let text = "A **MIT** OR **Apache** licence; see [LICENSE](x) and `a*b`.\n";
        let d = Document::new(
            crate::load::decode(text.as_bytes().to_vec()).expect("valid"),
            DocumentKind::Markdown,
        );
        let span = |from: &str, to: &str| {
            let start = text.find(from).unwrap_or_default();
            let end = text.find(to).unwrap_or_default() + to.len();
            Span::new(start, end)
        };
        assert_eq!(
            d.slice_without_markup(span("MIT", "Apache")),
            "MIT OR Apache"
        );
        assert_eq!(
            d.slice_without_markup(span("see", "LICENSE")),
            "see LICENSE"
        );
        assert_eq!(d.slice_without_markup(span("and", "`a*b`")), "and `a*b`");
        let plain = doc("A **MIT** text.");
        assert_eq!(plain.slice_without_markup(Span::new(2, 9)), "**MIT**");
    }

    #[test]
    fn words_of_code_and_link_targets_are_code_words() {
        let text = "Use the `memchr` crate, [indicatif](https://docs.rs/indicatif) and\n\n```rust\nimpl Foo for Bar {}\n```\n";
        let d = Document::new(
            crate::load::decode(text.as_bytes().to_vec()).expect("valid"),
            DocumentKind::Markdown,
        );
        for word in [
            "memchr",
            "indicatif",
            "impl",
            "Bar",
            "bar",
            "impls",
            "memchr's",
        ] {
            assert!(d.is_code_word(word), "{word}");
        }
        assert!(!d.is_code_word("crate"), "a word of the prose only");
        assert!(
            !doc("Use `memchr` here.").is_code_word("memchr"),
            "plain text"
        );
    }

    #[test]
    fn a_code_span_across_header_lines_belongs_to_neither() {
        // Regression (fuzzing): " `\n`" made the inline code span a token of
        // the first header line's paragraph although it ends on the next line.
        let text = " `\n`";
        let d = Document::new(
            crate::load::decode(text.as_bytes().to_vec()).expect("valid"),
            DocumentKind::Markdown,
        );
        for paragraph in d.paragraphs() {
            for token in d.tokens_in(&paragraph.tokens) {
                assert!(
                    paragraph.span.start <= token.span.start
                        && token.span.end <= paragraph.span.end,
                    "{token:?} outside {paragraph:?}"
                );
            }
        }
        assert!(d.tokens().iter().any(|t| t.kind == TokenKind::Code));
    }

    #[test]
    fn empty_and_whitespace_only_documents() {
        let d = doc("");
        assert!(d.paragraphs().is_empty());
        let d = doc("  \n\u{a0}\n\t");
        assert!(d.paragraphs().is_empty());
        assert!(d.sentences().is_empty());
    }

    #[test]
    fn seed_quote_pairs() {
        let text = include_str!("../../../corpus/003_b8ac175d91083a77.txt");
        let d = doc(text);
        let quotes = d.quotes();
        let two = text.find("‘two establishments’").expect("present");
        let open = quotes.iter().find(|q| q.span.start() == two).expect("open");
        assert!(open.is_paired(), "‘two establishments’ pairs");
        let stray = text.find("” The strategy").expect("present");
        let stray = quotes
            .iter()
            .find(|q| q.span.start() == stray)
            .expect("stray");
        assert!(
            !stray.is_paired(),
            "the stray ” before The strategy stays unpaired"
        );
        assert!(quotes
            .iter()
            .filter(|q| text[q.span.range()].contains('’') && q.span.start() > 0)
            .any(|q| q.role == crate::QuoteRole::Apostrophe));
    }
}
