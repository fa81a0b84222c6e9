//! Prints typos-dict's table of known misspellings, one per line:
//! `typo<TAB>correction[,correction…]`, in lower case, sorted by bytes.

use std::io::Write;

/// Entries of typos-dict whose correction is wrong for English prose:
/// `None` drops the entry (a correct name), `Some` replaces the
/// correction. "dyas" is a slip for "days", not the rare "dryas";
/// "couldnot" is "couldn't" ("couldnt" is itself a slip); "Siduction" is
/// a Linux distribution, not a slip for "seduction".
const OVERRIDES: &[(&str, Option<&str>)] = &[
    ("couldnot", Some("couldn't")),
    ("dyas", Some("days")),
    ("siduction", None),
];

fn main() -> std::io::Result<()> {
    let mut rows: Vec<(String, String)> = typos_dict::WORD
        .map
        .entries()
        .map(|(typo, corrections)| {
            (
                (*typo).into_inner().to_lowercase(),
                corrections.join(","),
            )
        })
        .filter_map(|(typo, corrections)| {
            match OVERRIDES.iter().find(|(known, _)| *known == typo) {
                Some((_, Some(fix))) => Some((typo, (*fix).to_owned())),
                Some((_, None)) => None,
                None => Some((typo, corrections)),
            }
        })
        .collect();
    rows.sort_unstable();
    rows.dedup_by(|a, b| a.0 == b.0);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (typo, corrections) in rows {
        writeln!(out, "{typo}\t{corrections}")?;
    }
    out.flush()
}
