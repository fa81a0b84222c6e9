//! Compiles `rules/dictionary/words.txt` into finite-state transducers that
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

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?);
    let data = manifest.join("../../rules/dictionary");
    let words_path = data.join("words.txt");
    println!("cargo:rerun-if-changed={}", words_path.display());
    println!("cargo:rerun-if-changed=build.rs");
    let out = PathBuf::from(env::var("OUT_DIR")?);

    let text = fs::read_to_string(&words_path)?;
    let mut folded: BTreeMap<String, u64> = BTreeMap::new();
    let mut exact: Vec<&str> = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let (word, rank) = line
            .split_once('\t')
            .ok_or_else(|| format!("words.txt:{}: no TAB", number + 1))?;
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

    let mut map = fst::MapBuilder::new(BufWriter::new(File::create(out.join("words.fst"))?))?;
    for (key, value) in &folded {
        map.insert(key, *value)?;
    }
    map.finish()?;

    exact.sort_unstable();
    exact.dedup();
    let mut set = fst::SetBuilder::new(BufWriter::new(File::create(out.join("exact.fst"))?))?;
    for word in exact {
        set.insert(word)?;
    }
    set.finish()?;
    write_pinyin(&data, &out)
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
