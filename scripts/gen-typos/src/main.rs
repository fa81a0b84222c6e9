//! Prints typos-dict's table of known misspellings, one per line:
//! `typo<TAB>correction[,correction…]`, in lower case, sorted by bytes.

use std::io::Write;

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
        .collect();
    rows.sort_unstable();
    rows.dedup_by(|a, b| a.0 == b.0);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (typo, corrections) in rows {
        writeln!(out, "{typo}\t{corrections}")?;
    }
    out.flush()
}
