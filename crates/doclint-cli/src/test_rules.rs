//! Rule packs at the binary's edge: loading them for every command (errors
//! go to standard error with file:line:col) and `doclint test-rules`.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use codespan_reporting::term::termcolor::BufferedStandardStream;
use doclint_rules::packs::{self, PackErrors};
use doclint_rules::{registry, Rule};

use crate::args::ColorChoice;
use crate::{color_choice, printer, Exit};

/// The built-in rules and packs plus the packs at `packs`; `None` when a
/// pack has errors, which have then been printed.
pub fn load_rules(
    packs: &[PathBuf],
    color: ColorChoice,
) -> anyhow::Result<Option<Vec<Box<dyn Rule>>>> {
    match registry::all_rules(packs) {
        Ok(rules) => Ok(Some(rules)),
        Err(errors) => {
            report(&errors, color)?;
            Ok(None)
        }
    }
}

fn report(errors: &PackErrors, color: ColorChoice) -> anyhow::Result<()> {
    // Buffered: an error quotes its source line piece by piece, a system
    // call each on an unbuffered stream (10 million for a 5 MB line).
    let mut out =
        BufferedStandardStream::stderr(color_choice(color, std::io::stderr().is_terminal()));
    printer::packs::print_errors(&mut out, errors)?;
    out.flush()?;
    Ok(())
}

/// Runs the examples of the pack files at `paths` (or of the built-in packs
/// when none is given), compiled together with the built-in packs and the
/// `--packs` files as `doclint check` would.
pub fn run(paths: &[PathBuf], packs: &[PathBuf]) -> anyhow::Result<Exit> {
    let tested = match packs::read_pack_paths(paths) {
        Ok(sources) => sources,
        Err(errors) => {
            report(&errors, ColorChoice::Auto)?;
            return Ok(Exit::Trouble);
        }
    };
    let extra = match packs::read_pack_paths(packs) {
        Ok(sources) => sources,
        Err(errors) => {
            report(&errors, ColorChoice::Auto)?;
            return Ok(Exit::Trouble);
        }
    };
    let selected: HashSet<PathBuf> = tested.iter().map(|s| s.path.clone()).collect();
    let mut sources = packs::builtin_sources();
    sources.extend(extra.into_iter().filter(|s| !selected.contains(&s.path)));
    sources.extend(tested);
    let compiled = match packs::compile(sources) {
        Ok(compiled) => compiled,
        Err(errors) => {
            report(&errors, ColorChoice::Auto)?;
            return Ok(Exit::Trouble);
        }
    };
    let report = if paths.is_empty() {
        compiled.run_examples(|source| source.builtin)
    } else {
        compiled.run_examples(|source| !source.builtin && selected.contains(&source.path))
    };
    let mut out = BufferedStandardStream::stdout(color_choice(
        ColorChoice::Auto,
        std::io::stdout().is_terminal(),
    ));
    printer::packs::print_report(&mut out, &report)?;
    out.flush()?;
    Ok(if report.failures.is_empty() {
        Exit::Clean
    } else {
        Exit::Problems
    })
}
