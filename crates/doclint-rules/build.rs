//! Compiles `rules/dictionary/words.txt` (and `supplement.txt`) into finite-state transducers that
//! the binary embeds, so the dictionary costs nothing to load at start-up.
//!
//! * `words.fst` maps each word folded to lower case to its SCOWL ranks, one
//!   byte per capitalisation class (see `dictionary/mod.rs`).
//! * `exact.fst` holds the entries with capitals after the first letter
//!   ("NATO", "McDonald", "iPhone"), which match only as written or in
//!   all capitals.

use std::collections::BTreeMap;
use std::env;
use std::fs::{self, File};
use std::io::BufWriter;
use std::path::{Path, PathBuf};

const LOWER_SHIFT: u64 = 0;
const CAPITALIZED_SHIFT: u64 = 8;
const OTHER_SHIFT: u64 = 16;

/// The lines of `text` with the file's name and their line numbers.
fn numbered_lines<'a>(
    file: &'static str,
    text: &'a str,
) -> impl Iterator<Item = (&'static str, usize, &'a str)> {
    text.lines()
        .enumerate()
        .map(move |(index, line)| (file, index + 1, line))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?);
    let data = manifest.join("../../rules/dictionary");
    let words_path = data.join("words.txt");
    println!("cargo:rerun-if-changed={}", words_path.display());
    println!("cargo:rerun-if-changed=build.rs");
    let out = PathBuf::from(env::var("OUT_DIR")?);

    let supplement_path = data.join("supplement.txt");
    println!("cargo:rerun-if-changed={}", supplement_path.display());

    let words = fs::read_to_string(&words_path)?;
    let supplement = fs::read_to_string(&supplement_path)?;
    let entries = numbered_lines("words.txt", &words).chain(
        numbered_lines("supplement.txt", &supplement)
            .filter(|(_, _, line)| !line.is_empty() && !line.starts_with('#')),
    );
    let (folded, exact) = ranked_by_case(entries)?;
    write_map(&out.join("words.fst"), &folded)?;

    write_hot_table(&folded, &out)?;
    write_rare(&data, &out)?;
    write_typos(&data, &out)?;

    write_set(&out.join("exact.fst"), exact)?;
    write_pinyin(&data, &out)
}

/// `rare.txt` (SCOWL size 95) as `rare.fst`, in the format of
/// `words.fst`, and its entries with inner capitals as `rare-exact.fst`.
fn write_rare(data: &Path, out: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let path = data.join("rare.txt");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = fs::read_to_string(&path)?;
    let (folded, exact) = ranked_by_case(numbered_lines("rare.txt", &text))?;
    write_map(&out.join("rare.fst"), &folded)?;
    write_set(&out.join("rare-exact.fst"), exact)
}

/// Folded words with their ranks by case, and the words of other spellings.
type RankedWords<'a> = (BTreeMap<String, u64>, Vec<&'a str>);

/// Lines of `word<TAB>rank`, folded to lower case: each key's value holds
/// the best rank of its lower-case, capitalised and other spellings in
/// their own byte; the words of the other spellings are returned too.
fn ranked_by_case<'a>(
    entries: impl Iterator<Item = (&'static str, usize, &'a str)>,
) -> Result<RankedWords<'a>, Box<dyn std::error::Error>> {
    let mut folded: BTreeMap<String, u64> = BTreeMap::new();
    let mut exact: Vec<&str> = Vec::new();
    for (file, number, line) in entries {
        let (word, rank) = line
            .split_once('\t')
            .ok_or_else(|| format!("{file}:{number}: no TAB"))?;
        let rank: u8 = rank.parse()?;
        let shift = match capitalisation(word) {
            Class::Lower => LOWER_SHIFT,
            Class::Capitalized => CAPITALIZED_SHIFT,
            Class::Other => {
                exact.push(word);
                OTHER_SHIFT
            }
        };
        let value = folded.entry(word.to_lowercase()).or_insert(0);
        let previous = (*value >> shift) & 0xFF;
        if previous == 0 || u64::from(rank) < previous {
            *value = (*value & !(0xFF << shift)) | (u64::from(rank) << shift);
        }
    }
    Ok((folded, exact))
}

fn write_map(
    path: &Path,
    entries: &BTreeMap<String, u64>,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut map = fst::MapBuilder::new(BufWriter::new(File::create(path)?))?;
    for (key, value) in entries {
        map.insert(key, *value)?;
    }
    map.finish()?;
    Ok(())
}

fn write_set(path: &Path, mut words: Vec<&str>) -> Result<(), Box<dyn std::error::Error>> {
    words.sort_unstable();
    words.dedup();
    let mut set = fst::SetBuilder::new(BufWriter::new(File::create(path)?))?;
    for word in words {
        set.insert(word)?;
    }
    set.finish()?;
    Ok(())
}

/// `typos.txt` (known misspellings) as `typos.fst`, mapping each misspelling
/// to `offset << 16 | length` of its corrections (comma-separated) in
/// `typos-fixes.txt`.
fn write_typos(data: &Path, out: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let path = data.join("typos.txt");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = fs::read_to_string(&path)?;
    let mut rows: Vec<(&str, &str)> = Vec::new();
    for (file, number, line) in numbered_lines("typos.txt", &text) {
        let (typo, fixes) = line
            .split_once('\t')
            .ok_or_else(|| format!("{file}:{number}: no TAB"))?;
        rows.push((typo, fixes));
    }
    rows.sort_unstable();
    rows.dedup_by(|a, b| a.0 == b.0);
    let mut blob = String::new();
    let mut map = fst::MapBuilder::new(BufWriter::new(File::create(out.join("typos.fst"))?))?;
    for (typo, fixes) in rows {
        let offset = blob.len() as u64;
        let length = fixes.len() as u64;
        assert!(length < (1 << 16), "corrections fit in 16 bits");
        blob.push_str(fixes);
        map.insert(typo, (offset << 16) | length)?;
    }
    map.finish()?;
    fs::write(out.join("typos-fixes.txt"), blob)?;
    Ok(())
}

/// Foldings at least this long stay out of the hash table (its slots keep
/// a key's length in one byte); the transducer answers for them.
const LONGEST_HASHED: usize = 256;

/// FNV-1a, 64 bits: the same function as `dictionary/hot.rs`.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// An open-addressing hash table of every folding shorter than
/// [`LONGEST_HASHED`] bytes, as two embedded files: `hot-keys.bin` (the
/// keys, concatenated) and `hot-slots.bin` (little-endian u64 per slot: key
/// offset << 32 | key length << 24 | packed ranks; 0 for an empty slot).
/// Linear probing, load below 1/2. Complete, so a miss is an answer and
/// a word costs one hash and a probe or two, never a walk of the fst.
/// Also `extra-letters.txt`: the characters of the foldings other than
/// a–z and the apostrophe, for the spelling suggestions.
fn write_hot_table(
    folded: &BTreeMap<String, u64>,
    out: &Path,
) -> Result<(), Box<dyn std::error::Error>> {
    let hot: Vec<(&String, u64)> = folded
        .iter()
        .filter(|(key, _)| key.len() < LONGEST_HASHED)
        .map(|(key, value)| (key, *value))
        .collect();
    let extra: std::collections::BTreeSet<char> = folded
        .keys()
        .flat_map(|key| key.chars())
        .filter(|c| !c.is_ascii_lowercase() && *c != '\'')
        .collect();
    fs::write(
        out.join("extra-letters.txt"),
        extra.into_iter().collect::<String>(),
    )?;
    let slots_len = (hot.len() * 2).next_power_of_two();
    let mut slots = vec![0u64; slots_len];
    let mut keys: Vec<u8> = Vec::new();
    for (key, value) in hot {
        assert!(value < (1 << 24), "ranks fit in 24 bits");
        let offset = keys.len() as u64;
        keys.extend_from_slice(key.as_bytes());
        let mut slot = (fnv1a(key.as_bytes()) as usize) & (slots_len - 1);
        while slots[slot] != 0 {
            slot = (slot + 1) & (slots_len - 1);
        }
        slots[slot] = (offset << 32) | ((key.len() as u64) << 24) | value;
    }
    let bytes: Vec<u8> = slots.iter().flat_map(|slot| slot.to_le_bytes()).collect();
    fs::write(out.join("hot-slots.bin"), bytes)?;
    fs::write(out.join("hot-keys.bin"), keys)?;
    Ok(())
}

enum Class {
    Lower,
    Capitalized,
    Other,
}

fn capitalisation(word: &str) -> Class {
    let mut chars = word.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let rest_upper = chars.any(char::is_uppercase);
    match (first_upper, rest_upper) {
        (false, false) => Class::Lower,
        (true, false) => Class::Capitalized,
        _ => Class::Other,
    }
}

/// The syllable list as a sorted Rust array, for binary search.
fn write_pinyin(data: &Path, out: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let path = data.join("pinyin.txt");
    println!("cargo:rerun-if-changed={}", path.display());
    let mut syllables: Vec<String> = fs::read_to_string(&path)?
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    syllables.sort_unstable();
    syllables.dedup();
    let mut code = String::from("/// Toneless Hanyu Pinyin syllables, sorted (ü written as v).\n");
    code.push_str(&format!(
        "pub(crate) const PINYIN_SYLLABLES: [&str; {}] = [\n",
        syllables.len()
    ));
    for syllable in &syllables {
        code.push_str(&format!("    {syllable:?},\n"));
    }
    code.push_str("];\n");
    fs::write(out.join("pinyin.rs"), code)?;
    Ok(())
}
