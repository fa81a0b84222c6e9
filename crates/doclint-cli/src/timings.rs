//! `--timings`: where a run spent its time, per rule and per phase, summed
//! over every worker thread.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use doclint_rules::{Linter, RuleTiming};

/// The parts of a run that are not rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Walk,
    Read,
    Build,
    Resolve,
    Write,
}

impl Phase {
    const ALL: [Phase; 5] = [
        Phase::Walk,
        Phase::Read,
        Phase::Build,
        Phase::Resolve,
        Phase::Write,
    ];

    fn label(self) -> &'static str {
        match self {
            Phase::Walk => "(walk directories)",
            Phase::Read => "(read and decode files)",
            Phase::Build => "(build documents)",
            Phase::Resolve => "(resolve line/column)",
            Phase::Write => "(write output)",
        }
    }
}

/// Time accumulated by every thread of a run.
#[derive(Debug)]
pub struct Timings {
    rules: Vec<String>,
    rule_nanos: Vec<AtomicU64>,
    phase_nanos: [AtomicU64; 5],
    started: Instant,
}

fn nanos(duration: Duration) -> u64 {
    u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX)
}

impl Timings {
    pub fn new(linter: &Linter) -> Self {
        let rules: Vec<String> = linter
            .rules()
            .iter()
            .map(|rule| rule.meta().id.to_string())
            .collect();
        Timings {
            rule_nanos: rules.iter().map(|_| AtomicU64::new(0)).collect(),
            rules,
            phase_nanos: Default::default(),
            started: Instant::now(),
        }
    }

    pub fn add(&self, phase: Phase, elapsed: Duration) {
        self.phase_nanos[phase as usize].fetch_add(nanos(elapsed), Ordering::Relaxed);
    }

    /// Runs `f`, adding its time to `phase`.
    pub fn time<T>(timings: Option<&Timings>, phase: Phase, f: impl FnOnce() -> T) -> T {
        match timings {
            Some(timings) => {
                let started = Instant::now();
                let value = f();
                timings.add(phase, started.elapsed());
                value
            }
            None => f(),
        }
    }

    /// Adds one thread's per-rule times and zeroes them for reuse.
    pub fn add_rules(&self, local: &mut [RuleTiming]) {
        for (total, timing) in self.rule_nanos.iter().zip(local.iter_mut()) {
            total.fetch_add(nanos(timing.elapsed), Ordering::Relaxed);
            timing.elapsed = Duration::ZERO;
        }
    }

    /// The table printed on standard error: rows sorted by time, with each
    /// row's share of the summed time.
    pub fn table(&self, threads: usize) -> String {
        let mut rows: Vec<(String, u64)> = self
            .rules
            .iter()
            .zip(&self.rule_nanos)
            .map(|(rule, n)| (rule.clone(), n.load(Ordering::Relaxed)))
            .collect();
        let rules_total: u64 = rows.iter().map(|(_, n)| n).sum();
        rows.extend(Phase::ALL.iter().map(|&phase| {
            (
                phase.label().to_owned(),
                self.phase_nanos[phase as usize].load(Ordering::Relaxed),
            )
        }));
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let total: u64 = rows.iter().map(|(_, n)| n).sum();
        let ms = |n: u64| n as f64 / 1e6;
        let share = |n: u64| {
            if total == 0 {
                0.0
            } else {
                100.0 * n as f64 / total as f64
            }
        };
        let width = rows.iter().map(|(name, _)| name.len()).max().unwrap_or(4);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "timings: {:.1} ms wall, {threads} thread(s); times are summed over threads",
            ms(nanos(self.started.elapsed()))
        );
        let _ = writeln!(
            out,
            "{:<width$} {:>11} {:>7}",
            "rule or phase", "time (ms)", "share"
        );
        for (name, n) in &rows {
            let _ = writeln!(out, "{name:<width$} {:>11.2} {:>6.1}%", ms(*n), share(*n));
        }
        let _ = writeln!(
            out,
            "{:<width$} {:>11.2} {:>6.1}%",
            "all rules",
            ms(rules_total),
            share(rules_total)
        );
        let _ = writeln!(
            out,
            "{:<width$} {:>11.2} {:>6.1}%",
            "total",
            ms(total),
            100.0
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use doclint_rules::{registry, Settings};

    #[test]
    fn table_sorts_by_time_and_sums_threads() {
        let linter = Linter::new(registry::builtin_rules(), Settings::default());
        let timings = Timings::new(&linter);
        let mut local = linter.new_timings();
        local[1].elapsed = Duration::from_millis(3);
        timings.add_rules(&mut local);
        local[1].elapsed = Duration::from_millis(2);
        timings.add_rules(&mut local);
        assert_eq!(local[1].elapsed, Duration::ZERO);
        timings.add(Phase::Build, Duration::from_millis(1));
        let table = timings.table(2);
        let lines: Vec<&str> = table.lines().collect();
        // Heading, column titles, then the slowest row first.
        assert!(lines[2].starts_with(&local[1].rule), "{table}");
        assert!(lines[2].contains("5.00"), "{table}");
        assert!(lines[3].starts_with("(build documents)"), "{table}");
        assert!(table.contains("83.3%"), "{table}");
    }
}
