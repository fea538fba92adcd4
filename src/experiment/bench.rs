//! Benchmarks behind `avesim bench`: the engine on the M/M/3 model (ρ = 0.9) that peers
//! are measured on, the full model in its ZSM-only M/M/3 form, and the Leeuwarden default
//! over 10 years × 30 replications with its peak memory.

use std::collections::VecDeque;
use std::time::Instant;

use rand_distr::{Distribution, Exp};

use crate::engine::rng::{Stream, derive};
use crate::engine::{EventQueue, Ranked};

#[derive(Clone, Copy)]
enum MmEvent {
    Departure,
    Arrival,
}

impl Ranked for MmEvent {
    fn rank(&self) -> u8 {
        match self {
            MmEvent::Departure => 0,
            MmEvent::Arrival => 1,
        }
    }
}

/// Result of an M/M/c run.
#[derive(Debug, Clone, Copy)]
pub struct MmcResult {
    /// Customers served.
    pub customers: u64,
    /// Mean wait in queue.
    pub mean_wait: f64,
    /// Wall time in seconds.
    pub wall_s: f64,
}

/// Simulate `customers` customers of an M/M/c queue on the engine's event queue.
pub fn mmc(lambda: f64, mu: f64, c: u32, customers: u64, seed: u64) -> MmcResult {
    let start = Instant::now();
    let mut rng = derive(seed, 0, Stream::Arrivals, 99, 0);
    let inter = Exp::new(lambda).expect("positive rate");
    let service = Exp::new(mu).expect("positive rate");
    let mut q = EventQueue::with_capacity(64);
    let mut waiting: VecDeque<f64> = VecDeque::with_capacity(1024);
    let (mut busy, mut arrived, mut served) = (0u32, 0u64, 0u64);
    let mut total_wait = 0.0;
    let _ = q.schedule(inter.sample(&mut rng), MmEvent::Arrival);
    while let Some((now, ev)) = q.pop() {
        match ev {
            MmEvent::Arrival => {
                arrived += 1;
                if arrived < customers {
                    let _ = q.schedule(now + inter.sample(&mut rng), MmEvent::Arrival);
                }
                if busy < c {
                    busy += 1;
                    let _ = q.schedule(now + service.sample(&mut rng), MmEvent::Departure);
                } else {
                    waiting.push_back(now);
                }
            }
            MmEvent::Departure => {
                served += 1;
                if let Some(a) = waiting.pop_front() {
                    total_wait += now - a;
                    let _ = q.schedule(now + service.sample(&mut rng), MmEvent::Departure);
                } else {
                    busy -= 1;
                }
            }
        }
    }
    MmcResult {
        customers: served,
        mean_wait: total_wait / served as f64,
        wall_s: start.elapsed().as_secs_f64(),
    }
}

/// Erlang C mean wait in queue of an M/M/c queue.
pub fn erlang_c_wait(lambda: f64, mu: f64, c: u32) -> f64 {
    let a = lambda / mu;
    let rho = a / f64::from(c);
    let mut term = 1.0;
    let mut sum = 1.0;
    for k in 1..c {
        term *= a / f64::from(k);
        sum += term;
    }
    let last = term * a / f64::from(c) / (1.0 - rho);
    let p_wait = last / (sum + last);
    p_wait / (f64::from(c) * mu - lambda)
}

/// Peak resident memory of this process in MB (Linux), if known.
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erlang_c_formula_matches_known_value() {
        // M/M/3, lambda 2.7, mu 1: Wq = 2.7235 (TOOLING.md).
        assert!((erlang_c_wait(2.7, 1.0, 3) - 2.7235).abs() < 1e-3);
    }

    #[test]
    fn engine_mm3_reproduces_erlang_c() {
        // 20 seeds x 200k customers; 99% t interval of the seed means must contain theory.
        let waits: Vec<f64> = (0..20)
            .map(|s| mmc(2.7, 1.0, 3, 200_000, s).mean_wait)
            .collect();
        let iv = crate::stats::interval(&waits);
        let half = (iv.high - iv.mean) / 2.093 * 2.861;
        let theory = erlang_c_wait(2.7, 1.0, 3);
        assert!(
            (iv.mean - theory).abs() < half,
            "mean {} +- {half}, theory {theory}",
            iv.mean
        );
    }
}
