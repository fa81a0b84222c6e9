//! The `doclint` binary: arguments, configuration, printing, exit codes.
//! Finding problems is the rules crate's job; this is glue.

mod args;
mod diff;
mod fixing;
mod printer;
mod project_words;
mod run;
mod stream;
mod timings;
mod walk;
mod write;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser;
use codespan_reporting::term::termcolor;
use doclint_rules::{registry, Linter, Settings};

use crate::args::{CheckArgs, Cli, ColorChoice, Command, Format};
use crate::run::FileOutcome;
use crate::timings::{Phase, Timings};

/// The documented exit codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Exit {
    Clean = 0,
    Problems = 1,
    Trouble = 2,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Rules => list_rules().map(|()| Exit::Clean),
        Command::Explain { rule } => explain(&rule),
    };
    match result {
        Ok(exit) => ExitCode::from(exit as u8),
        Err(err) => {
            report_error(&format!("{err:#}"));
            ExitCode::from(Exit::Trouble as u8)
        }
    }
}

#[allow(clippy::print_stderr)]
fn report_error(message: &str) {
    eprintln!("error: {message}");
}

#[allow(clippy::print_stderr)]
fn report_timings(table: &str) {
    eprint!("{table}");
}

#[allow(clippy::print_stderr)]
fn report_note(message: &str) {
    eprintln!("note: {message}");
}

fn color_choice(choice: ColorChoice, stream_is_terminal: bool) -> termcolor::ColorChoice {
    match choice {
        ColorChoice::Always => termcolor::ColorChoice::Always,
        ColorChoice::Never => termcolor::ColorChoice::Never,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            if stream_is_terminal && !no_color {
                termcolor::ColorChoice::Auto
            } else {
                termcolor::ColorChoice::Never
            }
        }
    }
}

fn check(args: CheckArgs) -> anyhow::Result<Exit> {
    if let Some(threads) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global()
            .context("could not start the thread pool")?;
    }
    let mut settings = Settings::default();
    project_words::add_project_words(&mut settings, std::path::Path::new("."))?;
    let linter = Linter::new(registry::builtin_rules(), settings);
    if fixing::wanted(&args) {
        return fixing::run(&linter, &args);
    }

    let timings = args.timings.then(|| Timings::new(&linter));
    let mut walk_errors = Vec::new();
    let paths = Timings::time(timings.as_ref(), Phase::Walk, || {
        walk::collect_files(&args.paths, &mut walk_errors)
    });

    let mut trouble = !walk_errors.is_empty();
    for error in &walk_errors {
        report_error(&format!("{}: {}", error.path.display(), error.message));
    }
    let style = match args.format {
        Format::Human => stream::Style::Human {
            color: color_choice(args.color, std::io::stdout().is_terminal())
                != termcolor::ColorChoice::Never,
        },
        Format::Json => stream::Style::Json,
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let outcome = stream::check(
        &linter,
        &paths,
        style,
        &mut out,
        timings.as_ref(),
        &mut |file| match &file.outcome {
            FileOutcome::Failed { message } => {
                trouble = true;
                report_error(&format!("{}: {message}", file.path.display()));
            }
            FileOutcome::Skipped { reason } => {
                trouble = true;
                report_note(&format!("{}: {reason}", file.path.display()));
            }
            FileOutcome::Checked { .. } => {}
        },
    )?;
    out.flush()?;
    if let Some(timings) = &timings {
        report_timings(&timings.table(rayon::current_num_threads()));
    }

    let threshold = args.fail_on.severity();
    let failing = outcome
        .max_severity
        .is_some_and(|severity| severity >= threshold);
    Ok(if trouble {
        Exit::Trouble
    } else if failing {
        Exit::Problems
    } else {
        Exit::Clean
    })
}

fn list_rules() -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<28} {:<12} {:<8} {:<9} summary",
        "rule", "category", "severity", "fix"
    )?;
    for rule in registry::builtin_rules() {
        let meta = rule.meta();
        let fix = match meta.fix {
            doclint_rules::FixAvailability::Always => "always",
            doclint_rules::FixAvailability::Sometimes => "sometimes",
            doclint_rules::FixAvailability::Never => "never",
        };
        writeln!(
            out,
            "{:<28} {:<12} {:<8} {:<9} {}",
            meta.id,
            meta.category,
            meta.default_severity,
            fix,
            meta.summary()
        )?;
    }
    Ok(())
}

fn explain(id: &str) -> anyhow::Result<Exit> {
    let Some(rule) = registry::find(id) else {
        report_error(&format!("unknown rule `{id}`; `doclint rules` lists them"));
        return Ok(Exit::Trouble);
    };
    let meta = rule.meta();
    let mut out = std::io::stdout().lock();
    writeln!(out, "# {}\n", meta.id)?;
    writeln!(
        out,
        "Category: {}. Default severity: {}.\n",
        meta.category, meta.default_severity
    )?;
    for line in meta.docs.lines() {
        writeln!(out, "{}", line.strip_prefix(' ').unwrap_or(line))?;
    }
    Ok(Exit::Clean)
}
