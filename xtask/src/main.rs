//! `cargo run -p xtask -- bench-corpus OUT --mb 200 [--seed N]`

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "xtask", about = "Developer tasks for doclint")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write a reproducible corpus of machine-translation-like documents
    /// for benchmarks (derived from corpus/ and rules/dictionary/).
    BenchCorpus {
        /// Output directory; a corpus generated there before is replaced.
        out: PathBuf,
        /// Size in megabytes (10^6 bytes).
        #[arg(long, default_value_t = 20)]
        mb: u64,
        /// Seed of the generator.
        #[arg(long, default_value_t = xtask::DEFAULT_SEED)]
        seed: u64,
    },
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::BenchCorpus { out, mb, seed } => {
            let sources = xtask::Sources::from_repo().context("loading generator sources")?;
            let stats = xtask::write_corpus(&sources, &out, mb * 1_000_000, seed)?;
            #[allow(clippy::print_stdout)]
            {
                println!(
                    "{}: {} files, {} bytes (seed {seed})",
                    out.display(),
                    stats.files,
                    stats.bytes
                );
            }
        }
    }
    Ok(())
}
