//! The words a checked project adds to the dictionary: every
//! `rules/dictionary/*.txt` file under the project root.

use std::path::Path;

use anyhow::Context as _;
use doclint_rules::{Dictionary, Settings, WordList};

/// Where a project keeps its word lists, relative to its root.
pub const PROJECT_DICTIONARY_DIR: &str = "rules/dictionary";

/// Files in that folder that are not project word lists: syllables for the
/// romanised-name check, `typos.txt`, the known misspellings (not words),
/// and `words.txt` and `rare.txt`, the sources of the built-in dictionary in
/// doclint's own repository (re-reading their entries would add nothing and
/// cost start-up time). Project lists use any other name.
const NOT_WORD_LISTS: &[&str] = &["pinyin.txt", "rare.txt", "typos.txt", "words.txt"];

/// Adds the word lists of the project at `root` to `settings`.
pub fn add_project_words(settings: &mut Settings, root: &Path) -> anyhow::Result<()> {
    let words = load_project_words(root)?;
    if settings.extra_words.is_empty() {
        settings.extra_words = words;
    } else {
        settings.extra_words.extend(&words);
    }
    Ok(())
}

/// Reads the project's word lists (one word per line, `#` comments; a TAB
/// and anything after it is ignored). A missing folder is no error.
/// Words the built-in dictionary already knows are not stored again.
pub fn load_project_words(root: &Path) -> anyhow::Result<WordList> {
    let dir = root.join(PROJECT_DICTIONARY_DIR);
    let mut words = WordList::new();
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(words),
        Err(err) => return Err(err).with_context(|| format!("could not read {}", dir.display())),
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| !NOT_WORD_LISTS.contains(&name))
        })
        .collect();
    files.sort();
    let builtin = Dictionary::builtin();
    for path in files {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("could not read word list {}", path.display()))?;
        for line in text.lines() {
            let word = line.split('\t').next().unwrap_or("").trim();
            if word.is_empty() || word.starts_with('#') || builtin.contains(word) {
                continue;
            }
            words.insert(word);
        }
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_word_lists_and_skips_known_words_and_syllables() {
        let root = tempfile::tempdir().expect("temp dir");
        let dir = root.path().join(PROJECT_DICTIONARY_DIR);
        std::fs::create_dir_all(&dir).expect("create dir");
        std::fs::write(
            dir.join("names.txt"),
            "# local words\nxiaokang\nthe\nDalianwan\n",
        )
        .expect("write");
        std::fs::write(dir.join("pinyin.txt"), "zhuang\n").expect("write");
        std::fs::write(dir.join("notes.md"), "speechs\n").expect("write");
        let words = load_project_words(root.path()).expect("loads");
        assert_eq!(words.len(), 2);
        assert!(words.contains("xiaokang"));
        assert!(words.contains("Dalianwan"));
        assert!(!words.contains("dalianwan"));
        assert!(!words.contains("zhuang"));
        assert!(!words.contains("speechs"));
    }

    #[test]
    fn a_project_without_word_lists_adds_nothing() {
        let root = tempfile::tempdir().expect("temp dir");
        assert!(load_project_words(root.path()).expect("loads").is_empty());
    }
}
