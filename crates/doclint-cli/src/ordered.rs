//! A parallel map whose results reach one consumer in input order, with a
//! bounded number of results alive at once.
//!
//! rayon's ordered `collect` keeps every result until the last is done, and
//! its work splitting starts the second thread halfway through the input,
//! so streaming in order through it would buffer half a run. Here workers
//! claim indices from a shared counter instead, never more than `window`
//! ahead of what the consumer has taken, so at most `window` results wait.

use std::collections::BTreeMap;
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
struct Progress {
    /// The next index to hand to a worker.
    next: usize,
    /// How many results the consumer has taken.
    consumed: usize,
    /// The consumer is gone or a worker failed: claim nothing more.
    stop: bool,
}

#[derive(Debug, Default)]
struct Shared {
    progress: Mutex<Progress>,
    advanced: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Progress> {
        // A panic elsewhere cannot leave `Progress` half-updated.
        self.progress
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The next index to work on, waiting while the window is full.
    fn claim(&self, count: usize, window: usize) -> Option<usize> {
        let mut progress = self.lock();
        loop {
            if progress.stop || progress.next >= count {
                return None;
            }
            if progress.next < progress.consumed + window {
                progress.next += 1;
                return Some(progress.next - 1);
            }
            progress = self
                .advanced
                .wait(progress)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }

    fn set_consumed(&self, consumed: usize) {
        self.lock().consumed = consumed;
        self.advanced.notify_all();
    }

    fn stop(&self) {
        self.lock().stop = true;
        self.advanced.notify_all();
    }
}

/// Stops the workers when dropped: the consumer returned or unwound, or a
/// worker panicked (its result will never come).
struct StopOnDrop<'a>(&'a Shared);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.stop();
    }
}

/// The results of [`ordered_map`], in index order.
pub struct InOrder<'a, T> {
    received: Receiver<(usize, T)>,
    waiting: BTreeMap<usize, T>,
    next: usize,
    shared: &'a Shared,
    blocked: Duration,
    /// The work itself, done on the consumer's thread when it has no
    /// workers, with the number of items.
    inline: Option<(InlineWork<'a, T>, usize)>,
}

/// One item's work, run by the consumer itself.
type InlineWork<'a, T> = Box<dyn FnMut(usize) -> T + 'a>;

impl<T> InOrder<'_, T> {
    /// Time the consumer spent waiting for results.
    pub fn blocked(&self) -> Duration {
        self.blocked
    }
}

impl<T> Iterator for InOrder<'_, T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        if let Some((work, count)) = &mut self.inline {
            if self.next >= *count {
                return None;
            }
            self.next += 1;
            return Some(work(self.next - 1));
        }
        loop {
            if let Some(item) = self.waiting.remove(&self.next) {
                self.next += 1;
                self.shared.set_consumed(self.next);
                return Some(item);
            }
            let started = Instant::now();
            let received = self.received.recv();
            self.blocked += started.elapsed();
            // Every worker has finished (or one panicked, which the scope
            // re-raises once `consume` returns).
            let (index, item) = received.ok()?;
            self.waiting.insert(index, item);
        }
    }
}

/// Runs `work(index, scratch)` for every index below `count` on rayon's
/// global pool (one `scratch` per worker, made by `init`) and hands the
/// results, in index order, to `consume` on the calling thread. At most
/// `window` results are in progress or waiting for the consumer at any
/// time. When `consume` returns early, the remaining work is abandoned.
pub fn ordered_map<T, S, R>(
    count: usize,
    window: usize,
    init: impl Fn() -> S + Sync,
    work: impl Fn(usize, &mut S) -> T + Sync,
    consume: impl FnOnce(&mut InOrder<'_, T>) -> R,
) -> R
where
    T: Send,
{
    ordered_map_in(None, count, window, init, work, consume)
}

/// [`ordered_map`] on `pool`, or on the global pool.
fn ordered_map_in<T, S, R>(
    pool: Option<&rayon::ThreadPool>,
    count: usize,
    window: usize,
    init: impl Fn() -> S + Sync,
    work: impl Fn(usize, &mut S) -> T + Sync,
    consume: impl FnOnce(&mut InOrder<'_, T>) -> R,
) -> R
where
    T: Send,
{
    let window = window.max(1);
    let shared = Shared::default();
    let (init, work) = (&init, &work);
    let (threads, inside) = match pool {
        Some(pool) => (pool.current_num_threads(), pool.current_thread_index()),
        None => (rayon::current_num_threads(), rayon::current_thread_index()),
    };
    // Called from one of the pool's own threads, the consumer would block
    // a thread the workers need (all of them, with one thread): work in
    // this thread instead, one item ahead of the consumer.
    let workers = if inside.is_some() {
        0
    } else {
        threads.clamp(1, count.max(1))
    };
    match pool {
        Some(pool) => pool.in_place_scope(|scope| {
            in_scope(scope, &shared, workers, count, window, init, work, consume)
        }),
        None => rayon::in_place_scope(|scope| {
            in_scope(scope, &shared, workers, count, window, init, work, consume)
        }),
    }
}

/// The body of [`ordered_map_in`] inside its scope.
#[allow(clippy::too_many_arguments)]
fn in_scope<'scope, T, S, R>(
    scope: &rayon::Scope<'scope>,
    shared: &'scope Shared,
    workers: usize,
    count: usize,
    window: usize,
    init: &'scope (impl Fn() -> S + Sync),
    work: &'scope (impl Fn(usize, &mut S) -> T + Sync),
    consume: impl FnOnce(&mut InOrder<'_, T>) -> R,
) -> R
where
    T: Send + 'scope,
{
    let (sender, received) = channel();
    for _ in 0..workers {
        let sender = sender.clone();
        scope.spawn(move |_| {
            let stop_if_panicking = StopOnDrop(shared);
            let mut scratch = init();
            while let Some(index) = shared.claim(count, window) {
                let item = work(index, &mut scratch);
                if sender.send((index, item)).is_err() {
                    break;
                }
            }
            if !std::thread::panicking() {
                std::mem::forget(stop_if_panicking);
            }
        });
    }
    drop(sender);
    let inline = (workers == 0).then(|| {
        let mut scratch = init();
        let work: InlineWork<'_, T> = Box::new(move |index| work(index, &mut scratch));
        (work, count)
    });
    let stop_when_done = StopOnDrop(shared);
    let mut in_order = InOrder {
        received,
        waiting: BTreeMap::new(),
        next: 0,
        shared,
        blocked: Duration::ZERO,
        inline,
    };
    let result = consume(&mut in_order);
    drop(stop_when_done);
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool")
    }

    #[test]
    fn results_arrive_in_order_whatever_finishes_first() {
        for threads in [1, 2, 4] {
            let pool = pool(threads);
            let got: Vec<usize> = {
                ordered_map_in(
                    Some(&pool),
                    200,
                    8,
                    || (),
                    |i, ()| {
                        // Early items are the slow ones.
                        if i % 7 == 0 {
                            std::thread::sleep(Duration::from_micros(300));
                        }
                        i * 2
                    },
                    |items| items.collect(),
                )
            };
            assert_eq!(got, (0..200).map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn no_worker_runs_further_ahead_than_the_window() {
        let started = AtomicUsize::new(0);
        let pool = pool(4);
        let ahead = {
            ordered_map_in(
                Some(&pool),
                100,
                5,
                || (),
                |i, ()| {
                    started.fetch_max(i + 1, Ordering::SeqCst);
                    i
                },
                |items| {
                    let mut worst = 0;
                    for taken in items.by_ref() {
                        std::thread::sleep(Duration::from_micros(100));
                        worst = worst.max(started.load(Ordering::SeqCst) - (taken + 1));
                    }
                    worst
                },
            )
        };
        assert!(ahead <= 5, "{ahead} items started beyond the consumer");
    }

    #[test]
    fn stopping_early_abandons_the_rest() {
        let done = AtomicUsize::new(0);
        let pool = pool(2);
        let first: Vec<usize> = {
            ordered_map_in(
                Some(&pool),
                10_000,
                4,
                || (),
                |i, ()| {
                    done.fetch_add(1, Ordering::SeqCst);
                    i
                },
                |items| items.take(3).collect(),
            )
        };
        assert_eq!(first, vec![0, 1, 2]);
        assert!(done.load(Ordering::SeqCst) <= 3 + 4);
    }

    #[test]
    fn called_from_inside_the_pool_it_works_inline() {
        for threads in [1, 2] {
            let got: Vec<usize> = pool(threads).install(|| {
                ordered_map(
                    50,
                    4,
                    || 0usize,
                    |i, calls| {
                        *calls += 1;
                        i
                    },
                    |items| items.collect(),
                )
            });
            assert_eq!(got, (0..50).collect::<Vec<_>>());
        }
    }

    #[test]
    fn empty_input_yields_nothing() {
        let got: Vec<u8> = ordered_map(0, 4, || (), |_, ()| 1u8, |items| items.collect());
        assert!(got.is_empty());
    }
}
