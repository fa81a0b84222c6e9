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

    /// Also load the rule packs and glossaries at PATH (a `.toml` file, or a
    /// directory of them); repeatable. A pack named like a built-in pack
    /// replaces it.
    #[arg(long = "packs", value_name = "PATH", global = true)]
    pub packs: Vec<PathBuf>,
}

// Parsed once per run: the size of the `check` variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files and directories for defects.
    Check(CheckArgs),
    /// List every rule: id, category, default severity, fixability.
    Rules(RulesArgs),
    /// Print a rule's documentation (or a category's rules).
    Explain {
        /// The rule id, e.g. `split-word`, or a category, e.g. `whitespace`.
        rule: String,
    },
    /// Write a commented starter `doclint.toml`.
    Init {
        /// Where to write it.
        #[arg(default_value = "doclint.toml")]
        path: PathBuf,
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Print shell completions for doclint.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Run the examples of rule packs and glossaries; report each failure.
    #[command(
        after_help = "Exit codes:\n  0  every example passed\n  1  an example failed\n  2  a pack could not be read or compiled"
    )]
    TestRules {
        /// Pack or glossary files, or directories of them (default: the
        /// built-in packs and glossary).
        paths: Vec<PathBuf>,
    },
    /// Run the Language Server (LSP over standard input and output) for
    /// editors: diagnostics as you type, fixes as code actions.
    Server {
        /// Accepted for editors that pass it; standard I/O is the only transport.
        #[arg(long)]
        stdio: bool,
    },
}

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Output format: a plain table, or the rule reference in Markdown (the
    /// table, then each rule's documentation; `docs/rules.md` is written
    /// with `doclint rules --isolated --format markdown`).
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,

    /// Ignore every configuration file: list the built-in rules and packs
    /// (and those of `--packs`) only.
    #[arg(long)]
    pub isolated: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// One line per rule.
    Table,
    /// The rule reference as Markdown.
    Markdown,
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

    /// Number of threads, 1 to 256 (default: one per core).
    #[arg(long, value_parser = parse_threads)]
    pub threads: Option<usize>,

    /// Read this configuration file instead of searching for `doclint.toml`
    /// upwards from the first path.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,

    /// Ignore every configuration file.
    #[arg(long)]
    pub isolated: bool,

    /// Run only these rules or categories (comma-separated; `all` for every rule).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,

    /// Do not run these rules or categories (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// Set the severity of a rule or category, e.g. `--severity split-word=error`
    /// (repeatable).
    #[arg(long, value_name = "RULE=LEVEL")]
    pub severity: Vec<String>,

    /// Write the report to this file instead of standard output.
    #[arg(long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,

    /// Print the number of problems per rule (with how many are fixable)
    /// instead of the problems.
    #[arg(long)]
    pub statistics: bool,

    /// Report only problems that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record every current problem in this baseline file (and report none).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["fix", "diff"])]
    pub write_baseline: Option<PathBuf>,

    /// Apply the configuration's `exclude` to files named on the command line
    /// too (for pre-commit and other tools that pass file names).
    #[arg(long)]
    pub force_exclude: bool,
    /// Apply every safe fix, writing the files in place, then report what
    /// remains. With `-` as the path, print the fixed text on stdout.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,

    /// With `--fix`: also write files that a symbolic link inside the paths
    /// given leads to outside them (refused by default).
    #[arg(long, requires = "fix")]
    pub fix_outside_roots: bool,

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
    /// One line per problem: `path:line:col: severity [rule] message`.
    Concise,
    /// One JSON object (see the README for the contract).
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
    /// JUnit XML, one test case per file.
    Junit,
    /// A self-contained HTML report to browse (use with `--output-file`):
    /// a summary, filters, and each document's text with its findings.
    Html,
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

/// The most worker threads `--threads` accepts: far more than any machine
/// has cores, and each thread costs a stack.
pub const MAX_THREADS: usize = 256;

fn parse_threads(value: &str) -> Result<usize, String> {
    let threads: usize = value
        .trim()
        .parse()
        .map_err(|_| format!("`{value}` is not a number of threads"))?;
    if (1..=MAX_THREADS).contains(&threads) {
        Ok(threads)
    } else {
        Err(format!(
            "the number of threads must be from 1 to {MAX_THREADS}"
        ))
    }
}
