//! "Did you mean …?" for mistyped keys, rule ids and categories.

/// The candidate closest to `word`, if it is close enough to be the word
/// the user meant.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(&word, candidate), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// `"; did you mean `x`?"`, or nothing when no candidate is close.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates)
        .map(|best| format!("; did you mean `{best}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let keys = ["include", "exclude", "extensions", "rules"];
        assert_eq!(closest("exlude", keys), Some("exclude"));
        assert_eq!(closest("rule", keys), Some("rules"));
        assert_eq!(closest("Extension", keys), Some("extensions"));
        assert_eq!(closest("colour", keys), None);
    }
}
