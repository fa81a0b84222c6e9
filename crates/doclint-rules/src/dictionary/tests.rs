use super::*;

fn dict() -> &'static Dictionary {
    Dictionary::builtin()
}

#[test]
fn lower_case_entries_match_in_any_sentence_position() {
    assert!(dict().contains("the"));
    assert!(dict().contains("The"));
    assert!(dict().contains("THE"));
    assert!(dict().contains("government"));
    assert!(dict().contains("organization"));
    assert!(dict().contains("don't"));
    assert!(dict().contains("don’t"));
}

#[test]
fn names_match_only_capitalised() {
    assert!(dict().contains("Paris"));
    assert!(dict().contains("PARIS"));
    assert!(dict().contains("Dalian"));
    assert!(dict().contains("Beijing’s"));
    assert!(!dict().contains("dalian"));
    assert!(!dict().contains("beijing"));
}

#[test]
fn inner_capitals_match_as_written_or_all_caps() {
    assert!(dict().contains("FBI"));
    assert!(!dict().contains("Fbi"));
    assert!(!dict().contains("fbi"));
    assert!(dict().contains("McDonald"));
    assert!(dict().contains("MCDONALD"));
    assert!(!dict().contains("Mcdonald"));
    assert!(!dict().contains("McDONALD"));
    assert!(dict().contains("NATO's"));
}

#[test]
fn defects_of_the_seed_documents_are_not_words() {
    for word in ["speechs", "Organizati", "ernment", "tick2", ""] {
        assert!(!dict().contains(word), "{word}");
    }
}

#[test]
fn ranks_follow_commonness() {
    let the = dict().rank("the").expect("the is a word");
    let rare = dict().rank("organizationally").expect("a rarer word");
    assert!(the < rare, "{the} < {rare}");
    assert_eq!(dict().rank("speechs"), None);
    assert_eq!(dict().rank_any_case("dalian"), dict().rank("Dalian"));
}

#[test]
fn pinyin_names() {
    for name in ["Chengxu", "Qiufa", "Xueqiong", "Jinping"] {
        assert!(dict().is_pinyin_name(name), "{name}");
    }
    assert!(!dict().is_pinyin_name("Organizati"));
}

#[test]
fn completions_of_a_truncated_word() {
    let completions = dict().completions("Organizati", 50);
    let words: Vec<&str> = completions.iter().map(|c| c.word.as_str()).collect();
    assert!(words.contains(&"organization"), "{words:?}");
    assert!(words.contains(&"organizational"), "{words:?}");
    assert!(!words.contains(&"organizati"));
    assert!(dict().completions("zzzzq", 10).is_empty());
}

#[test]
fn suggestions_rank_by_distance_then_commonness() {
    let suggestions = dict().suggestions("speechs", 3);
    assert_eq!(suggestions[0].word, "speeches", "{suggestions:?}");
    assert_eq!(suggestions[0].distance, 1);
    let teh = dict().suggestions("teh", 3);
    assert_eq!(teh[0].word, "the", "{teh:?}");
    let capital = dict().suggestions("Goverment", 1);
    assert_eq!(capital[0].word, "Government");
    assert!(dict().suggestions("qqqqqqqqqq", 3).is_empty());
}

/// The one-edit search skips the search within two edits and must still
/// give the distance-1 corrections of the full search, in its order:
/// swaps, letters outside a–z ("cafe" → "café"), words with no correction
/// one edit away, short words and names.
#[test]
fn one_edit_suggestions_are_the_full_search_at_distance_one() {
    for word in [
        "speechs",
        "teh",
        "Goverment",
        "cafe",
        "Cafe",
        "naive",
        "resume",
        "seperately",
        "qqqqqqqqqq",
        "xylophonx",
        "fiancee",
        "Beijng",
        "abc",
        "recieve",
        "ENVIROMENT",
        "goverment's",
        "co-operate",
        "cooperat",
        "protege",
        "Zurich",
        "soufflee",
        "aqnée",
        "contrlé",
        "Bogotx",
    ] {
        for max in [1, 3, 10] {
            let full: Vec<Suggestion> = Dictionary::load_embedded()
                .expect("embedded")
                .suggestions(word, max)
                .into_iter()
                .filter(|s| s.distance == 1)
                .collect();
            assert_eq!(
                dict().one_edit_suggestions_memo(word, max),
                full,
                "{word} {max}"
            );
        }
    }
}

/// `words.txt` is the source of the embedded dictionary: sorted bytewise,
/// no duplicates, only letters, apostrophes and hyphens, valid ranks.
#[test]
fn dictionary_data_is_well_formed() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../rules/dictionary/words.txt"
    );
    let text = std::fs::read_to_string(path).expect("words.txt is readable");
    let mut previous: Option<&str> = None;
    let mut count = 0usize;
    for (number, line) in text.lines().enumerate() {
        let (word, rank) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("line {}: no TAB: {line:?}", number + 1));
        assert!(
            !word.is_empty()
                && word.chars().any(char::is_alphabetic)
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '-'),
            "line {}: {word:?}",
            number + 1
        );
        assert!(
            matches!(
                rank,
                "10" | "20" | "35" | "40" | "50" | "55" | "60" | "70" | "80"
            ),
            "line {}: rank {rank:?}",
            number + 1
        );
        if let Some(previous) = previous {
            assert!(
                previous.as_bytes() < word.as_bytes(),
                "line {}: {previous:?} then {word:?}: not sorted or duplicated",
                number + 1
            );
        }
        previous = Some(word);
        count += 1;
    }
    assert!(count > 300_000, "{count} entries");
}

#[test]
fn pinyin_data_is_well_formed() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../rules/dictionary/pinyin.txt"
    );
    let text = std::fs::read_to_string(path).expect("pinyin.txt is readable");
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines.windows(2).all(|w| w[0] < w[1]),
        "sorted, no duplicates"
    );
    assert!(lines
        .iter()
        .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_lowercase())));
}

/// The hash table answers alone for every folding shorter than
/// `hot::LONGEST_HASHED`, so it must hold each of them with the
/// transducer's ranks (both come from `words.txt`), and nothing else.
#[test]
fn hash_table_agrees_with_the_transducer() {
    let mut stream = dict().words.stream();
    let (mut hot, mut total) = (0usize, 0usize);
    while let Some((key, value)) = stream.next() {
        if key.len() < hot::LONGEST_HASHED {
            total += 1;
            assert_eq!(
                hot::get(key),
                Some(value),
                "{}",
                String::from_utf8_lossy(key)
            );
        }
    }
    for key in ["speechs", "goverment", "zzzq", ""] {
        assert_eq!(hot::get(key.as_bytes()), None, "{key}");
        hot += 1;
    }
    assert!(total > 300_000 && hot == 4, "{total} foldings");
    assert_eq!(hot::len(), total);
}

/// Every entry of `rare.txt` is found by `rare_rank` as written (unless
/// the main dictionary already knows it), and the compiled map holds no
/// folding the file lacks.
#[test]
fn rare_vocabulary_matches_its_data_file() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../rules/dictionary/rare.txt"
    );
    let text = std::fs::read_to_string(path).expect("rare.txt is readable");
    let mut foldings = std::collections::BTreeSet::new();
    let mut previous: Option<&str> = None;
    for (number, line) in text.lines().enumerate() {
        let (word, rank) = line.split_once('\t').expect("word<TAB>rank");
        assert_eq!(rank, "95", "line {}", number + 1);
        if let Some(previous) = previous {
            assert!(previous.as_bytes() < word.as_bytes(), "line {}", number + 1);
        }
        previous = Some(word);
        assert!(
            dict().rare_rank(word) == Some(95) || dict().contains(word),
            "line {}: {word:?}",
            number + 1
        );
        foldings.insert(word.to_lowercase());
    }
    let map = rare::rare_map().expect("rare.fst");
    assert_eq!(map.len(), foldings.len());
    let mut stream = map.stream();
    while let Some((key, _)) = stream.next() {
        let key = std::str::from_utf8(key).expect("UTF-8 key");
        assert!(foldings.contains(key), "{key:?} is not in rare.txt");
    }
    assert!(foldings.len() > 250_000, "{} foldings", foldings.len());
    // Known rare words; misspellings are not in it.
    assert_eq!(dict().rare_rank("impactful"), Some(95));
    assert_eq!(dict().rare_rank("comission"), None);
}

/// The compiled list of known misspellings gives back exactly the
/// corrections of `typos.txt` for every line.
#[test]
fn known_misspellings_match_their_data_file() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../rules/dictionary/typos.txt"
    );
    let text = std::fs::read_to_string(path).expect("typos.txt is readable");
    let mut count = 0usize;
    for (number, line) in text.lines().enumerate() {
        let (typo, fixes) = line.split_once('\t').expect("typo<TAB>fixes");
        assert!(
            typo.chars().all(|c| !c.is_uppercase()),
            "line {}: {typo:?}",
            number + 1
        );
        let expected: Vec<&str> = fixes.split(',').collect();
        assert_eq!(
            dict().known_misspelling(typo).as_deref(),
            Some(&expected.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()[..]),
            "line {}",
            number + 1
        );
        count += 1;
    }
    assert_eq!(rare::typos_map().expect("typos.fst").len(), count);
    assert!(count > 80_000, "{count} entries");
    assert_eq!(
        dict().known_misspelling("Goverment"),
        Some(vec!["Government".to_owned()])
    );
    assert_eq!(dict().known_misspelling("government"), None);
}
