//! The `doclint` binary: arguments, configuration, printing, exit codes.
//! Finding problems is the rules crate's job; this is glue.

mod args;
mod baseline;
mod config;
mod diff;
mod fixing;
mod gate;
mod ordered;
mod printer;
mod project_words;
mod ruledoc;
mod run;
mod selection;
mod server;
mod spill;
mod suggest;
mod suppress;
mod test_rules;
mod timings;
mod walk;
mod write;

#[cfg(test)]
mod hostile_tests;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser;
use codespan_reporting::term::termcolor;
use doclint_rules::{Linter, Rule, Settings};
use indicatif::{ProgressBar, ProgressStyle};

use crate::args::{CheckArgs, Cli, ColorChoice, Command, Format, RulesArgs, RulesFormat};
use crate::config::Config;
use crate::gate::{Gate, ReportGate};
use crate::run::FileOutcome;
use crate::selection::{CommandLineSelection, Selector};

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
        Command::Check(args) => check(args, &cli.packs),
        Command::Rules(args) => list_rules(&args, &cli.packs),
        Command::Explain { rule } => explain(&rule, &cli.packs),
        Command::TestRules { paths } => test_rules::run(&paths, &cli.packs),
        Command::Init { path, force } => init(&path, force),
        Command::Completions { shell } => completions(shell),
        Command::Server { .. } => server::run(&cli.packs),
    };
    match result {
        Ok(exit) => ExitCode::from(exit as u8),
        // `doclint check | head`: the reader has what it wanted.
        Err(err) if is_broken_pipe(&err) => ExitCode::from(Exit::Clean as u8),
        Err(err) => {
            report_error(&format!("{err:#}"));
            ExitCode::from(Exit::Trouble as u8)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[allow(clippy::print_stderr)]
fn report_error(message: &str) {
    eprintln!("error: {}", printer::visible(message));
}

#[allow(clippy::print_stderr)]
fn report_timings(table: &str) {
    eprint!("{table}");
}

#[allow(clippy::print_stderr)]
fn report_summary(line: &str) {
    eprintln!("{line}");
}

#[allow(clippy::print_stderr)]
fn report_note(message: &str) {
    eprintln!("note: {}", printer::visible(message));
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

/// Files at or above which a terminal gets a progress bar.
const PROGRESS_MIN_FILES: usize = 200;

/// Every rule that exists for a run: the built-in rules and packs, plus the
/// packs and glossaries named by the configuration (`settings`) and by
/// `--packs`. `None` when a pack has errors, which have been printed.
fn available_rules(
    settings: &Settings,
    cli_packs: &[PathBuf],
    color: ColorChoice,
) -> anyhow::Result<Option<Vec<Box<dyn Rule>>>> {
    let paths = settings.pack_paths(cli_packs);
    test_rules::load_rules(&paths, color)
}

/// The rules for `doclint rules` and `explain`: with the packs of the
/// configuration found from the working directory, when there is one.
fn rules_for_listing(cli_packs: &[PathBuf]) -> anyhow::Result<Option<Vec<Box<dyn Rule>>>> {
    let settings = Config::find_and_load(None, &[PathBuf::from(".")])
        .map(|config| config.base_settings())
        .unwrap_or_default();
    available_rules(&settings, cli_packs, ColorChoice::Auto)
}

/// `--select`, `--ignore` and `--severity`, checked against the rules.
fn command_line_selection(
    args: &CheckArgs,
    rules: &[Box<dyn doclint_rules::Rule>],
) -> anyhow::Result<CommandLineSelection> {
    let parse = |flag: &str, name: &str| {
        Selector::parse(name, rules).map_err(|message| anyhow::anyhow!("{flag}: {message}"))
    };
    let mut cli = CommandLineSelection::default();
    for name in args.select.iter().filter(|n| !n.trim().is_empty()) {
        cli.select.push(parse("--select", name)?);
    }
    for name in args.ignore.iter().filter(|n| !n.trim().is_empty()) {
        cli.ignore.push(parse("--ignore", name)?);
    }
    for pair in &args.severity {
        let Some((name, level)) = pair.split_once('=') else {
            anyhow::bail!("--severity: expected RULE=LEVEL, got `{pair}`");
        };
        let severity = match config::Level::parse(level.trim()) {
            Some(config::Level::On(severity)) => severity,
            _ => anyhow::bail!(
                "--severity: `{level}` is not a severity (error, warning or info; use --ignore to turn a rule off)"
            ),
        };
        cli.severity.push((parse("--severity", name)?, severity));
    }
    Ok(cli)
}

fn check(args: CheckArgs, cli_packs: &[PathBuf]) -> anyhow::Result<Exit> {
    if args.statistics && !matches!(args.format, Format::Human | Format::Concise | Format::Json) {
        anyhow::bail!(
            "--statistics prints a table (human, concise) or JSON (json), not {:?}",
            args.format
        );
    }
    if let Some(threads) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .context("could not start the thread pool")?;
    }
    let config = if args.isolated {
        Config::defaults(&std::env::current_dir().context("cannot read the working directory")?)
    } else {
        Config::find_and_load(args.config.as_deref(), &args.paths)?
    };
    let mut settings = config.base_settings();
    project_words::add_project_words(&mut settings, &config.files.root)?;
    let Some(all_rules) = available_rules(&settings, cli_packs, args.color)? else {
        return Ok(Exit::Trouble);
    };
    let rule_config = config.resolve_rules(&all_rules)?;
    let cli_selection = command_line_selection(&args, &all_rules)?;
    settings.rule_options = rule_config.options.clone();
    let known = gate::known_rules(&all_rules);
    let (rules, selection) = selection::select(all_rules, &rule_config.levels, &cli_selection);
    let gate = Gate::new(known, selection, rule_config.per_file_ignores);
    let baseline = args
        .baseline
        .as_deref()
        .map(baseline::Baseline::load)
        .transpose()?;
    let linter = Linter::new(rules, settings);
    let fixing = fixing::wanted(&args);
    if fixing {
        refuse_on_the_fix_path(&args)?;
    }
    let timings = args.timings.then(|| timings::Timings::new(&linter));
    // The one walk of a run (standard input is read by the fix path).
    let mut walk_errors = Vec::new();
    let paths = if fixing::reads_stdin(&args.paths) {
        Vec::new()
    } else {
        timings::Timings::time(timings.as_ref(), timings::Phase::Walk, || {
            walk::collect_filtered_files(
                &args.paths,
                &config.files,
                args.force_exclude,
                &mut walk_errors,
            )
        })
    };
    if fixing {
        let walked = fixing::Walked {
            paths,
            errors: walk_errors,
        };
        return fixing::run(&linter, &args, walked, &gate, baseline.as_ref());
    }
    let progress = (paths.len() >= PROGRESS_MIN_FILES
        && std::io::stderr().is_terminal()
        && std::env::var_os("CI").is_none())
    .then(|| {
        let bar = ProgressBar::new(paths.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}") {
            bar.set_style(style);
        }
        bar
    });
    let options = run::RunOptions {
        keep_source: (matches!(args.format, Format::Human | Format::Html) && !args.statistics)
            || args.write_baseline.is_some(),
        progress: progress.as_ref(),
        progress_while_streaming: args.output_file.is_some()
            || args.write_baseline.is_some()
            || !std::io::stdout().is_terminal(),
        timings: timings.as_ref(),
        ..run::RunOptions::new(&gate)
    };

    refuse_overwriting_inputs(&args, &paths)?;
    let mut trouble = !walk_errors.is_empty();
    for error in &walk_errors {
        report_error(&format!("{}: {}", error.path.display(), error.message));
    }
    // Files are reported, filtered and counted as they stream past.
    let mut note_trouble = |file: &run::CheckedFile| match &file.outcome {
        FileOutcome::Failed { message } => {
            trouble = true;
            report_error(&format!("{}: {message}", file.path.display()));
        }
        FileOutcome::Skipped { reason } => {
            trouble = true;
            report_note(&format!("{}: {reason}", file.path.display()));
        }
        FileOutcome::Checked { .. } => {}
    };

    if let Some(path) = &args.write_baseline {
        let mut recorder = baseline::Recorder::new(path);
        run::check_stream(&linter, &paths, &options, |files| {
            for file in files {
                note_trouble(&file);
                recorder.add(&file);
            }
        });
        finish_progress(progress);
        let with_problems = recorder.files_with_problems();
        let count = recorder.write(path)?;
        report_note(&format!(
            "wrote a baseline of {count} problem{} in {with_problems} file{} to {}",
            if count == 1 { "" } else { "s" },
            if with_problems == 1 { "" } else { "s" },
            path.display()
        ));
        return Ok(if trouble { Exit::Trouble } else { Exit::Clean });
    }

    let mut report_gate = ReportGate::new(&gate, baseline.as_ref(), args.fail_on.severity());
    let written = run::check_stream(&linter, &paths, &options, |files| {
        let files = files.map(|mut file| {
            note_trouble(&file);
            report_gate.pass(&mut file);
            file
        });
        write_report(&args, files, &paths, linter.rules(), ReportSink::default())
    });
    finish_progress(progress);
    written?;
    if let Some(timings) = &timings {
        report_timings(&timings.table(rayon::current_num_threads()));
    }

    Ok(exit_code(report_gate.failing(), trouble))
}

/// Flags of the streaming check that `--fix`, `--diff` and standard input
/// do not honour are refused rather than ignored.
fn refuse_on_the_fix_path(args: &CheckArgs) -> anyhow::Result<()> {
    let path = if args.fix {
        "--fix"
    } else if args.diff {
        "--diff"
    } else {
        "standard input"
    };
    if args.timings {
        anyhow::bail!(
            "--timings times the streaming check of files; it cannot be combined with {path}"
        );
    }
    if args.write_baseline.is_some() {
        anyhow::bail!(
            "--write-baseline records the problems of files as they are on disk; \
             it cannot be combined with {path} (run `doclint check --write-baseline FILE PATHS`)"
        );
    }
    Ok(())
}

fn finish_progress(progress: Option<ProgressBar>) {
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
}

/// The documented exit code of a run: trouble with a file (2) wins over
/// problems at or above `--fail-on` (1).
fn exit_code(failing: bool, trouble: bool) -> Exit {
    if trouble {
        Exit::Trouble
    } else if failing {
        Exit::Problems
    } else {
        Exit::Clean
    }
}

/// Where a report goes and what follows it: a plain check writes to
/// standard output; `--fix` adds its summary line, and on standard input
/// (whose fixed text takes standard output) writes the report to standard
/// error.
#[derive(Clone, Copy, Default)]
pub(crate) struct ReportSink<'a> {
    pub to_stderr: bool,
    /// The summary line of `--fix`.
    pub fix_summary: Option<&'a str>,
}

/// Reports other than human and JSON (SARIF, JUnit, statistics, ...): they
/// never go to standard error.
pub(crate) fn is_machine_format(args: &CheckArgs) -> bool {
    args.statistics || !matches!(args.format, Format::Human | Format::Json)
}

/// Prints the report in the chosen format, to `--output-file` or the sink's
/// stream, as `files` stream in; `paths` are every input path, by file id.
fn write_report(
    args: &CheckArgs,
    files: impl Iterator<Item = run::CheckedFile>,
    paths: &[PathBuf],
    rules: &[Box<dyn doclint_rules::Rule>],
    sink: ReportSink,
) -> anyhow::Result<()> {
    let create = |path: &Path| {
        std::fs::File::create(path)
            .with_context(|| format!("cannot write the report to {}", path.display()))
    };
    let machine = is_machine_format(args);
    // Reports other than human and JSON always go to standard output or
    // `--output-file`.
    let to_stderr = sink.to_stderr && !machine && args.output_file.is_none();
    let out: Box<dyn Write + '_> = match &args.output_file {
        Some(path) => {
            refuse_overwriting_inputs(args, paths)?;
            Box::new(create(path)?)
        }
        None if to_stderr => Box::new(std::io::stderr().lock()),
        None => Box::new(std::io::stdout().lock()),
    };
    // Standard output is line-buffered; a report is many short lines (or
    // one long one).
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    // The summary of `--fix` closes a human report; after any other it goes
    // to standard error, unless that stream carries the report.
    let human = !args.statistics && args.format == Format::Human;
    let summary_after = sink.fix_summary.filter(|_| !human && !to_stderr);
    match (args.statistics, args.format) {
        (true, Format::Json) => printer::statistics::print_json(&mut out, files)?,
        (true, _) => printer::statistics::print_text(&mut out, files)?,
        (false, Format::Human) => {
            let terminal = if to_stderr {
                std::io::stderr().is_terminal()
            } else {
                args.output_file.is_none() && std::io::stdout().is_terminal()
            };
            let choice = color_choice(args.color, terminal);
            let print = |out: &mut dyn termcolor::WriteColor| -> anyhow::Result<()> {
                match sink.fix_summary {
                    Some(summary) => {
                        printer::human::print_diagnostics(out, files, paths)?;
                        writeln!(out, "{summary}")?;
                    }
                    None => printer::human::print(out, files, paths)?,
                }
                Ok(())
            };
            if args.output_file.is_some() || choice == termcolor::ColorChoice::Never {
                print(&mut termcolor::NoColor::new(&mut out))?;
            } else if to_stderr {
                let mut colored = termcolor::BufferedStandardStream::stderr(choice);
                print(&mut colored)?;
                colored.flush()?;
            } else {
                let mut colored = termcolor::BufferedStandardStream::stdout(choice);
                print(&mut colored)?;
                colored.flush()?;
            }
        }
        (false, Format::Concise) => printer::concise::print(&mut out, files)?,
        (false, Format::Json) => printer::json::print(&mut out, files, paths)?,
        (false, Format::Sarif) => printer::sarif::print(&mut out, files, paths, rules)?,
        (false, Format::Github) => printer::github::print(&mut out, files)?,
        (false, Format::Junit) => printer::junit::print(&mut out, files, args.fail_on.severity())?,
        (false, Format::Html) => printer::html::print(&mut out, files, paths, rules)?,
    }
    out.flush()?;
    if let Some(summary) = summary_after {
        report_summary(summary);
    }
    Ok(())
}

/// `--output-file` and `--write-baseline` never replace a document being
/// checked: a report written over it would destroy it.
pub(crate) fn refuse_overwriting_inputs(args: &CheckArgs, paths: &[PathBuf]) -> anyhow::Result<()> {
    for (flag, file) in [
        ("--output-file", &args.output_file),
        ("--write-baseline", &args.write_baseline),
    ] {
        if let Some(file) = file.as_deref().filter(|file| is_among(file, paths)) {
            anyhow::bail!(
                "{flag} {}: this is one of the documents being checked; \
                 refusing to overwrite it (write the report elsewhere)",
                file.display()
            );
        }
    }
    Ok(())
}

/// Whether `file` exists and is one of `paths`.
fn is_among(file: &Path, paths: &[PathBuf]) -> bool {
    let (Some(name), Ok(file)) = (file.file_name(), std::fs::canonicalize(file)) else {
        return false;
    };
    paths
        .iter()
        .filter(|path| path.file_name() == Some(name))
        .any(|path| std::fs::canonicalize(path).is_ok_and(|path| path == file))
}

fn list_rules(args: &RulesArgs, cli_packs: &[PathBuf]) -> anyhow::Result<Exit> {
    let rules = if args.isolated {
        available_rules(&Settings::default(), cli_packs, ColorChoice::Auto)?
    } else {
        rules_for_listing(cli_packs)?
    };
    let Some(rules) = rules else {
        return Ok(Exit::Trouble);
    };
    let mut out = std::io::stdout().lock();
    if args.format == RulesFormat::Markdown {
        out.write_all(ruledoc::reference(&rules).as_bytes())?;
        return Ok(Exit::Clean);
    }
    // Pack rule ids (`pack/rule`) can be longer than the built-in ones.
    let width = rules
        .iter()
        .map(|r| r.meta().id.len())
        .max()
        .unwrap_or(0)
        .max(28);
    writeln!(
        out,
        "{:<width$} {:<12} {:<8} {:<9} summary",
        "rule", "category", "severity", "fix"
    )?;
    for rule in rules {
        let meta = rule.meta();
        let fix = ruledoc::fix_name(meta.fix);
        writeln!(
            out,
            "{:<width$} {:<12} {:<8} {:<9} {}",
            meta.id,
            meta.category.as_str(),
            meta.default_severity.as_str(),
            fix,
            ruledoc::summary(meta)
        )?;
    }
    Ok(Exit::Clean)
}

/// Prints a rule's documentation, or a category's description and rules.
fn explain(name: &str, cli_packs: &[PathBuf]) -> anyhow::Result<Exit> {
    let Some(rules) = rules_for_listing(cli_packs)? else {
        return Ok(Exit::Trouble);
    };
    let mut out = std::io::stdout().lock();
    if let Some(category) = doclint_rules::Category::from_name(name) {
        writeln!(
            out,
            "# {category}\n\n{}.\n",
            capitalise(category.description())
        )?;
        for rule in rules.iter().filter(|r| r.meta().category == category) {
            let meta = rule.meta();
            writeln!(
                out,
                "- {} ({}): {}",
                meta.id,
                meta.default_severity,
                ruledoc::summary(meta)
            )?;
        }
        return Ok(Exit::Clean);
    }
    let Some(rule) = rules.iter().find(|r| r.meta().id == name) else {
        let candidates = rules
            .iter()
            .map(|r| r.meta().id.as_ref())
            .chain(doclint_rules::Category::ALL.iter().map(|c| c.as_str()));
        report_error(&format!(
            "unknown rule `{name}`{}; `doclint rules` lists them",
            suggest::did_you_mean(name, candidates)
        ));
        return Ok(Exit::Trouble);
    };
    let meta = rule.meta();
    writeln!(out, "# {}\n", meta.id)?;
    writeln!(
        out,
        "Category: {} ({}). Default severity: {}.\n",
        meta.category,
        meta.category.description(),
        meta.default_severity
    )?;
    write!(out, "{}", ruledoc::markdown(meta))?;
    if !rule.options().is_empty() {
        writeln!(out, "\n## Options (`[rules.{}]` in doclint.toml)", meta.id)?;
        for option in rule.options() {
            writeln!(out, "- `{}`: {}", option.name, option.help)?;
        }
    }
    Ok(Exit::Clean)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Writes the commented starter configuration.
fn init(path: &std::path::Path, force: bool) -> anyhow::Result<Exit> {
    if path.exists() && !force {
        report_error(&format!(
            "{} already exists; use --force to replace it",
            path.display()
        ));
        return Ok(Exit::Trouble);
    }
    let Some(rules) = available_rules(&Settings::default(), &[], ColorChoice::Auto)? else {
        return Ok(Exit::Trouble);
    };
    let text = config::starter_file(&rules);
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
    report_note(&format!("wrote {}", path.display()));
    Ok(Exit::Clean)
}

fn completions(shell: clap_complete::Shell) -> anyhow::Result<Exit> {
    let mut command = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(shell, &mut command, "doclint", &mut std::io::stdout());
    Ok(Exit::Clean)
}
