//! The benchmark corpus: machine-translation-like documents, from a fixed
//! seed, with no download.
//!
//! Sentences come from the real machine-translated documents in `corpus/`;
//! each one is varied (common words from `rules/dictionary/words.txt`, names
//! built from `rules/dictionary/pinyin.txt`, numbers) and given the defects
//! machine translation leaves, at rates close to what `corpus/` shows (see
//! [`Rates`]). Document `i` depends only on the seed and `i`, so a smaller
//! corpus is a prefix of a larger one with the same seed.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The seed of every published benchmark figure.
pub const DEFAULT_SEED: u64 = 0x0D0C_1127;

/// Files per sub-directory of a generated corpus.
const FILES_PER_DIR: u64 = 1000;

/// The marker a generated corpus carries; lets a script reuse it and lets
/// the generator replace it without touching anything else.
pub const MARKER: &str = ".bench-corpus";

/// How often each defect is planted. Per-sentence rates unless named
/// `doc_*` (per document). Estimated from the five documents of `corpus/`:
/// one of five has a duplicated header line, one a truncated title, one a
/// dateline glued to its title, one joins its sentences with a no-break
/// space and a space, one indents its paragraphs with a space, two are
/// sprinkled with no-break spaces (29 in ~60 sentences), and their ~150
/// sentences hold a few split words, stray quotes and lower-case starts.
#[derive(Clone, Copy, Debug)]
pub struct Rates {
    pub doc_no_break_joins: f64,
    pub doc_double_space_joins: f64,
    pub doc_no_break_prone: f64,
    pub doc_indented_paragraphs: f64,
    pub doc_duplicated_header: f64,
    pub doc_glued_dateline: f64,
    pub doc_dated_title: f64,
    pub doc_truncated_title: f64,
    pub doc_straight_quotes: f64,
    pub doc_crlf: f64,
    pub doc_bom: f64,
    pub doc_markdown: f64,
    pub paragraph_trailing_space: f64,
    pub word_replaced: f64,
    pub split_word: f64,
    pub repeated_word: f64,
    pub no_break_space: f64,
    pub no_break_space_prone: f64,
    pub lower_case_start: f64,
    pub space_before_punctuation: f64,
    pub stray_quote: f64,
    pub double_space: f64,
    pub term_variant: f64,
}

impl Default for Rates {
    fn default() -> Self {
        Rates {
            doc_no_break_joins: 0.2,
            doc_double_space_joins: 0.05,
            doc_no_break_prone: 0.3,
            doc_indented_paragraphs: 0.2,
            doc_duplicated_header: 0.12,
            doc_glued_dateline: 0.08,
            doc_dated_title: 0.15,
            doc_truncated_title: 0.08,
            doc_straight_quotes: 0.4,
            doc_crlf: 0.03,
            doc_bom: 0.02,
            doc_markdown: 0.05,
            paragraph_trailing_space: 0.1,
            word_replaced: 0.08,
            split_word: 0.015,
            repeated_word: 0.005,
            no_break_space: 0.003,
            no_break_space_prone: 0.2,
            lower_case_start: 0.015,
            space_before_punctuation: 0.01,
            stray_quote: 0.005,
            double_space: 0.005,
            term_variant: 0.03,
        }
    }
}

/// Terms machine translation writes two ways; one spelling is swapped for
/// the other at [`Rates::term_variant`].
const TERM_VARIANTS: &[(&str, &str)] = &[
    ("grassroots", "grass-roots"),
    ("Party Committee", "party Committee"),
    ("Municipal", "municipal"),
    ("Standing Committee", "standing committee"),
    ("Party branch", "party branch"),
    ("new era", "New Era"),
    ("Provincial", "provincial"),
    ("well-off", "well off"),
];

/// Words the generator never swaps for another (its own choice, kept
/// fixed so that a seed gives the same corpus; not the linter's function
/// words, `rules/wordlists/function-words.txt`).
const NEVER_REPLACED: &[&str] = &[
    "about", "after", "also", "among", "and", "been", "before", "being", "both", "but", "each",
    "from", "have", "into", "more", "must", "should", "such", "than", "that", "their", "them",
    "then", "there", "these", "they", "this", "those", "through", "under", "were", "what", "when",
    "which", "while", "will", "with", "would",
];

/// What documents are made from.
#[derive(Debug)]
pub struct Sources {
    sentences: Vec<String>,
    titles: Vec<String>,
    vocabulary: Vec<String>,
    common: HashSet<String>,
    syllables: Vec<String>,
    rates: Rates,
}

/// One generated document.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Relative path inside the corpus directory.
    pub path: PathBuf,
    pub text: String,
}

/// What [`write_corpus`] produced.
#[derive(Debug, Clone, Copy)]
pub struct CorpusStats {
    pub files: u64,
    pub bytes: u64,
}

/// The repository root (this crate lives in `xtask/`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

impl Sources {
    /// Reads `corpus/` and the dictionaries of the repository at `root`.
    pub fn load(root: &Path) -> anyhow::Result<Self> {
        let mut corpus_files: Vec<PathBuf> = fs::read_dir(root.join("corpus"))
            .context("reading corpus/")?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
            .collect();
        corpus_files.sort();
        let mut sentences = Vec::new();
        let mut titles = Vec::new();
        for path in &corpus_files {
            let text =
                fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
            let (title, body) = split_header(&text);
            if !title.is_empty() {
                titles.push(title);
            }
            for line in body.lines() {
                sentences.extend(split_into_sentences(&normalise_spaces(line)));
            }
        }
        if sentences.len() < 20 {
            bail!("corpus/ has too few sentences to build documents from");
        }
        // More titles: the opening words of sentences, in title case.
        for sentence in sentences.iter().step_by(7) {
            let words: Vec<&str> = sentence.split(' ').take(12).collect();
            titles.push(title_case(&words.join(" ")));
        }

        let words = fs::read_to_string(root.join("rules/dictionary/words.txt"))
            .context("reading rules/dictionary/words.txt")?;
        let mut vocabulary = Vec::new();
        let mut common = HashSet::new();
        for line in words.lines() {
            let Some((word, rank)) = line.split_once('\t') else {
                continue;
            };
            let rank: u32 = rank.trim().parse().unwrap_or(u32::MAX);
            if rank <= 50 {
                common.insert(word.to_ascii_lowercase());
            }
            if rank <= 20 && word.len() >= 4 && word.bytes().all(|b| b.is_ascii_lowercase()) {
                vocabulary.push(word.to_owned());
            }
        }
        let syllables: Vec<String> = fs::read_to_string(root.join("rules/dictionary/pinyin.txt"))
            .context("reading rules/dictionary/pinyin.txt")?
            .lines()
            .map(str::trim)
            .filter(|s| s.len() >= 2 && s.bytes().all(|b| b.is_ascii_lowercase()))
            .map(str::to_owned)
            .collect();
        if vocabulary.is_empty() || syllables.is_empty() {
            bail!("the word lists under rules/dictionary/ are empty");
        }
        Ok(Sources {
            sentences,
            titles,
            vocabulary,
            common,
            syllables,
            rates: Rates::default(),
        })
    }

    /// The sources of this repository.
    pub fn from_repo() -> anyhow::Result<Self> {
        Self::load(&repo_root())
    }

    /// Document number `index` of the corpus with `seed`.
    pub fn document(&self, seed: u64, index: u64) -> Generated {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(index);
        let mut gen = DocGen {
            src: self,
            rng,
            rates: self.rates,
        };
        let (text, markdown) = gen.document();
        let dir = index / FILES_PER_DIR;
        let ext = if markdown { "md" } else { "txt" };
        Generated {
            path: PathBuf::from(format!("d{dir:03}")).join(format!("{index:06}.{ext}")),
            text,
        }
    }

    /// Documents from number 0 on until they hold at least `bytes`.
    pub fn documents(&self, seed: u64, bytes: u64) -> Vec<Generated> {
        let mut out = Vec::new();
        let mut total = 0u64;
        let mut index = 0;
        while total < bytes {
            let doc = self.document(seed, index);
            total += doc.text.len() as u64;
            out.push(doc);
            index += 1;
        }
        out
    }
}

/// Writes a corpus of at least `bytes` bytes under `out`, replacing a
/// corpus generated there before; refuses a directory holding anything else.
pub fn write_corpus(
    sources: &Sources,
    out: &Path,
    bytes: u64,
    seed: u64,
) -> anyhow::Result<CorpusStats> {
    if out.exists() {
        let is_empty = fs::read_dir(out)?.next().is_none();
        if !is_empty {
            if !out.join(MARKER).exists() {
                bail!(
                    "{} exists and is not a generated corpus; choose another directory",
                    out.display()
                );
            }
            fs::remove_dir_all(out).with_context(|| format!("removing {}", out.display()))?;
        }
    }
    fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let mut stats = CorpusStats { files: 0, bytes: 0 };
    while stats.bytes < bytes {
        let doc = sources.document(seed, stats.files);
        let path = out.join(&doc.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, &doc.text).with_context(|| format!("writing {}", path.display()))?;
        stats.files += 1;
        stats.bytes += doc.text.len() as u64;
    }
    // Written last: a corpus without it is incomplete.
    fs::write(
        out.join(MARKER),
        format!(
            "seed={seed}\nrequested_bytes={bytes}\nfiles={}\nbytes={}\n",
            stats.files, stats.bytes
        ),
    )?;
    Ok(stats)
}

struct DocGen<'a> {
    src: &'a Sources,
    rng: ChaCha8Rng,
    rates: Rates,
}

impl DocGen<'_> {
    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    fn pick<'s>(&mut self, items: &'s [String]) -> &'s str {
        items.choose(&mut self.rng).map_or("", String::as_str)
    }

    fn name(&mut self, syllables: usize) -> String {
        let mut name = String::new();
        for _ in 0..syllables {
            name.push_str(self.pick(&self.src.syllables));
        }
        capitalise(&name)
    }

    fn date(&mut self) -> String {
        format!(
            "{}-{:02}-{:02}",
            self.rng.random_range(2015..=2024),
            self.rng.random_range(1..=12),
            self.rng.random_range(1..=28)
        )
    }

    /// The text and whether it is Markdown.
    fn document(&mut self) -> (String, bool) {
        let r = self.rates;
        let markdown = self.chance(r.doc_markdown);
        let joiner = if self.chance(r.doc_no_break_joins) {
            "\u{A0} "
        } else if self.chance(r.doc_double_space_joins) {
            "  "
        } else {
            " "
        };
        let no_break_rate = if self.chance(r.doc_no_break_prone) {
            r.no_break_space_prone
        } else {
            r.no_break_space
        };
        let indented = self.chance(r.doc_indented_paragraphs);
        let straight = self.chance(r.doc_straight_quotes);
        let target = self.rng.random_range(3500..6500usize);

        let mut title = self.vary_title();
        if self.chance(r.doc_truncated_title) && title.len() > 20 {
            // Cut inside the last word, as a length limit does.
            let cut = title
                .trim_end()
                .len()
                .saturating_sub(self.rng.random_range(2..5));
            let cut = floor_char_boundary(&title, cut);
            title.truncate(cut);
        }

        let mut text = String::with_capacity(target + 512);
        if self.chance(r.doc_bom) {
            text.push('\u{FEFF}');
        }
        if markdown {
            let _ = write!(text, "# {title}\n\n");
        } else if self.chance(r.doc_duplicated_header) {
            let city = format!("{} CHINA", self.name(2).to_uppercase());
            let date = self.date();
            let _ = write!(text, "{city}  {city}\n{title}\n{date}\n\n");
        } else if self.chance(r.doc_glued_dateline) {
            let date = self.date();
            let _ = write!(text, " date {date} {title}\n\n");
        } else if self.chance(r.doc_dated_title) {
            let date = self.date();
            let _ = write!(text, "{title}\n{date}\n\n");
        } else {
            let _ = write!(text, "{title}\n\n");
        }

        let mut first = true;
        while text.len() < target {
            if !first {
                text.push_str("\n\n");
            }
            first = false;
            if indented {
                text.push(' ');
            }
            let sentences = self.rng.random_range(2..7);
            for i in 0..sentences {
                if i > 0 {
                    text.push_str(joiner);
                }
                let sentence = self.sentence(no_break_rate);
                text.push_str(&sentence);
            }
            if self.chance(r.paragraph_trailing_space) {
                text.push_str(if self.chance(0.5) { " " } else { "  " });
            }
        }
        if straight {
            text = text.replace(['“', '”'], "\"").replace('‘', "'");
        }
        if self.chance(r.doc_crlf) {
            text = text.replace('\n', "\r\n");
        }
        (text, markdown)
    }

    fn vary_title(&mut self) -> String {
        let title = self.pick(&self.src.titles).to_owned();
        let words: Vec<&str> = title.split(' ').collect();
        let mut out = String::with_capacity(title.len() + 16);
        for (i, word) in words.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            if word.len() >= 4 && self.chance(self.rates.word_replaced) {
                let replacement = self.pick(&self.src.vocabulary).to_owned();
                out.push_str(&capitalise(&replacement));
            } else {
                out.push_str(word);
            }
        }
        out
    }

    /// A corpus sentence, varied, with its planted defects.
    fn sentence(&mut self, no_break_rate: f64) -> String {
        let r = self.rates;
        let template = self.pick(&self.src.sentences).to_owned();
        let mut words: Vec<String> = template.split(' ').map(str::to_owned).collect();
        for word in &mut words {
            let core_len = word.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
            let (core, tail) = word.split_at(core_len);
            let replacement = if core.len() >= 4
                && core.bytes().all(|b| b.is_ascii_lowercase())
                && !NEVER_REPLACED.contains(&core)
                && self.chance(r.word_replaced)
            {
                Some(self.pick(&self.src.vocabulary).to_owned())
            } else if self.is_name(core) && self.chance(0.5) {
                let syllables = self.rng.random_range(1..3);
                Some(self.name(syllables))
            } else if !core.is_empty()
                && core.len() <= 2
                && core.bytes().all(|b| b.is_ascii_digit())
            {
                Some(self.rng.random_range(1..29).to_string())
            } else {
                None
            };
            if let Some(new_core) = replacement {
                *word = format!("{new_core}{tail}");
            }
        }
        if self.chance(r.repeated_word) && words.len() > 3 {
            let i = self.rng.random_range(1..words.len() - 1);
            let word = words[i].clone();
            if word.bytes().all(|b| b.is_ascii_alphabetic()) {
                words.insert(i, word);
            }
        }
        if self.chance(r.split_word) {
            let long: Vec<usize> = (0..words.len())
                .filter(|&i| {
                    words[i].len() >= 5 && words[i].bytes().all(|b| b.is_ascii_lowercase())
                })
                .collect();
            if let Some(&i) = long.choose(&mut self.rng) {
                let at = self.rng.random_range(1..words[i].len() - 1);
                words[i].insert(at, ' ');
            }
        }
        if self.chance(r.stray_quote) && words.len() > 2 {
            let i = self.rng.random_range(1..words.len());
            let mark = if self.chance(0.5) { "”" } else { "\"" };
            words[i].insert_str(0, mark);
        }
        if self.chance(r.space_before_punctuation) {
            if let Some(word) = words.iter_mut().find(|w| w.ends_with(',')) {
                word.insert(word.len() - 1, ' ');
            }
        }
        let mut sentence = String::with_capacity(template.len() + 16);
        let nbsp_at = self
            .chance(no_break_rate)
            .then(|| self.rng.random_range(1..words.len().max(2)));
        let double_at = self
            .chance(r.double_space)
            .then(|| self.rng.random_range(1..words.len().max(2)));
        for (i, word) in words.iter().enumerate() {
            if i > 0 {
                if Some(i) == nbsp_at {
                    sentence.push('\u{A0}');
                } else if Some(i) == double_at {
                    sentence.push_str("  ");
                } else {
                    sentence.push(' ');
                }
            }
            sentence.push_str(word);
        }
        if self.chance(r.term_variant) {
            let &(a, b) = TERM_VARIANTS.choose(&mut self.rng).unwrap_or(&("", ""));
            let (from, to) = if self.chance(0.5) { (a, b) } else { (b, a) };
            if !from.is_empty() {
                sentence = sentence.replacen(from, to, 1);
            }
        }
        if self.chance(r.lower_case_start) {
            sentence = lower_first(&sentence);
        }
        sentence
    }

    /// A capitalised word made of pinyin syllables and not an English word:
    /// a Chinese name.
    fn is_name(&self, word: &str) -> bool {
        let mut chars = word.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        if !first.is_ascii_uppercase() || !chars.all(|c| c.is_ascii_lowercase()) {
            return false;
        }
        let lower = word.to_ascii_lowercase();
        !self.src.common.contains(&lower) && splits_into(&lower, &self.src.syllables)
    }
}

/// Whether `word` is a sequence of one to three of `syllables`.
fn splits_into(word: &str, syllables: &[String]) -> bool {
    fn go(rest: &str, syllables: &[String], depth: usize) -> bool {
        if rest.is_empty() {
            return depth > 0;
        }
        depth < 3
            && syllables
                .iter()
                .any(|s| rest.starts_with(s.as_str()) && go(&rest[s.len()..], syllables, depth + 1))
    }
    go(word, syllables, 0)
}

/// The first line as title, and the body after the header block.
fn split_header(text: &str) -> (String, &str) {
    let text = text.trim_start_matches('\u{FEFF}');
    match text.find("\n\n") {
        Some(end) => {
            let header = &text[..end];
            let title = header
                .lines()
                .max_by_key(|line| line.len())
                .unwrap_or("")
                .trim();
            (normalise_spaces(title), &text[end + 2..])
        }
        None => (String::new(), text),
    }
}

/// Collapses runs of spaces (no-break ones too) so defects are planted, not
/// inherited.
fn normalise_spaces(text: &str) -> String {
    text.split([' ', '\u{A0}', '\t'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn split_into_sentences(paragraph: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = paragraph.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 2).copied();
        if matches!(b, b'.' | b'!' | b'?')
            && bytes.get(i + 1) == Some(&b' ')
            && next.is_some_and(|n| n.is_ascii_uppercase() || n == b'"' || n >= 0x80)
        {
            push_sentence(&paragraph[start..=i], &mut out);
            start = i + 2;
        }
    }
    push_sentence(&paragraph[start..], &mut out);
    out
}

fn push_sentence(sentence: &str, out: &mut Vec<String>) {
    let sentence = sentence.trim();
    if sentence.split(' ').count() >= 4 {
        out.push(sentence.to_owned());
    }
}

fn title_case(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            if w.len() > 3 {
                capitalise(w)
            } else {
                w.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches([',', '.', ';', ':'])
        .to_owned()
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_documents_and_prefix_property() {
        let sources = Sources::from_repo().expect("repository sources");
        let small = sources.documents(7, 30_000);
        let large = sources.documents(7, 60_000);
        assert!(large.len() > small.len());
        for (a, b) in small.iter().zip(&large) {
            assert_eq!(a.path, b.path);
            assert_eq!(a.text, b.text);
        }
        let other = sources.document(8, 0);
        assert_ne!(other.text, small[0].text);
    }

    #[test]
    fn documents_are_corpus_sized_and_carry_defects() {
        let sources = Sources::from_repo().expect("repository sources");
        let docs = sources.documents(DEFAULT_SEED, 600_000);
        for doc in &docs {
            assert!(
                (3_500..9_000).contains(&doc.text.len()),
                "{} is {} bytes",
                doc.path.display(),
                doc.text.len()
            );
        }
        let all: String = docs.iter().map(|d| d.text.as_str()).collect();
        assert!(all.contains('\u{A0}'), "no no-break space planted");
        assert!(all.contains("CHINA  "), "no duplicated header planted");
        assert!(all.contains(" date "), "no glued dateline planted");
        assert!(all.contains("grass-roots") && all.contains("grassroots"));
    }

    #[test]
    fn names_are_recognised_by_their_syllables() {
        let syllables: Vec<String> = ["zuo", "jun", "tan", "xi"].map(String::from).to_vec();
        assert!(splits_into("zuojun", &syllables));
        assert!(!splits_into("zuojunx", &syllables));
        assert!(!splits_into("", &syllables));
    }
}
