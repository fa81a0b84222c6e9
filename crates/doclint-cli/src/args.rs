use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// doclint finds and fixes the defects that machine translation leaves in
/// English documents.
#[derive(Debug, Parser)]
#[command(name = "doclint", version, about, long_about = None)]
#[command(
    after_help = "Exit codes:\n  0  no problem at or above --fail-on\n  1  problems found (or, with --diff, fixes to show)\n  2  usage error, or a file that could not be read or written"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files and directories for defects.
    Check(CheckArgs),
    /// List every rule: id, category, default severity, fixability.
    Rules,
    /// Print a rule's documentation.
    Explain {
        /// The rule id, e.g. `split-word`.
        rule: String,
    },
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes:\n  0  no problem at or above --fail-on\n  1  problems found (or, with --diff, fixes to show)\n  2  usage error, or a file that could not be read or written"
)]
pub struct CheckArgs {
    /// Files or directories to check. Directories are walked recursively for
    /// `.txt` and `.md` files; a file named here is always checked. `-`
    /// reads standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// When to use colour in human output (`NO_COLOR` is honoured by `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,

    /// Number of threads (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,

    /// Apply every safe fix, writing the files in place, then report what
    /// remains. With `-` as the path, print the fixed text on stdout.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,

    /// Print the fixes `--fix` would apply as a unified diff; write nothing.
    /// Exit code 1 when there is a diff.
    #[arg(long)]
    pub diff: bool,

    /// Also apply the unsafe fixes (those that need a reader's judgement)
    /// with `--fix` or `--diff`.
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// With `-` as the path: the name standard input stands for, used in
    /// messages and to pick Markdown (`.md`) or plain text.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,

    /// Print the time spent in each rule and in each phase (reading,
    /// building documents, output) to standard error, slowest first.
    #[arg(long)]
    pub timings: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Compiler-style diagnostics with the source line and a caret.
    Human,
    /// One JSON object (see the README for the contract).
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    pub fn severity(self) -> doclint_core::Severity {
        match self {
            FailOn::Error => doclint_core::Severity::Error,
            FailOn::Warning => doclint_core::Severity::Warning,
            FailOn::Info => doclint_core::Severity::Info,
        }
    }
}
