//! How typical a contrast is: over every family of a kind, paired with the same family under
//! the other setup, the share that fared better, the same or worse there, with 95% intervals.
//!
//! Families of one replication share their desks, so they are not independent: the
//! replications are the independent units. A share's interval is a Wilson score interval on
//! the effective number of families (the number whose binomial variance equals the
//! between-replication variance of the ratio estimator; Korn & Graubard 1998), never more
//! than the families counted, with Student's t on the replications' degrees of freedom in
//! place of the normal quantile; the mean difference in crises gets a t interval on the same
//! ratio estimator.

use std::collections::HashMap;

use super::{FamilyId, Kind, Summary};
use crate::model::Outcome;
use crate::stats::{Interval, t_quantile};

/// Closing at least this many days sooner (with as many crises) counts as better.
pub const SOONER_DAYS: f64 = 30.0;

/// How a family fared under the other setup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Fewer acute crises; or as many and closed at least a month sooner.
    Better,
    /// Neither better nor worse.
    Same,
    /// More acute crises; or as many and closed at least a month later.
    Worse,
}

impl Direction {
    /// Its position in [`Typical::shares`].
    pub fn index(self) -> usize {
        match self {
            Direction::Better => 0,
            Direction::Same => 1,
            Direction::Worse => 2,
        }
    }

    /// Name in files.
    pub fn name(self) -> &'static str {
        match self {
            Direction::Better => "better",
            Direction::Same => "same",
            Direction::Worse => "worse",
        }
    }

    /// All three, in order.
    pub const ALL: [Direction; 3] = [Direction::Better, Direction::Same, Direction::Worse];
}

/// How family `b` (under the other setup) fared against `a` (the setup told).
pub fn compare_outcome(a: &Summary, b: &Summary) -> Direction {
    use std::cmp::Ordering as O;
    match b.incidents.cmp(&a.incidents) {
        O::Less => return Direction::Better,
        O::Greater => return Direction::Worse,
        O::Equal => {}
    }
    let closed = |s: &Summary| match s.closed {
        Some((t, o)) if o != Outcome::Open => Some(t),
        _ => None,
    };
    match (closed(a), closed(b)) {
        (Some(ta), Some(tb)) if (tb - ta) / 24.0 <= -SOONER_DAYS => Direction::Better,
        (Some(ta), Some(tb)) if (tb - ta) / 24.0 >= SOONER_DAYS => Direction::Worse,
        (None, Some(_)) => Direction::Better,
        (Some(_), None) => Direction::Worse,
        _ => Direction::Same,
    }
}

/// A share with its 95% interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share {
    /// The share.
    pub share: f64,
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
}

/// The ratio estimator Σy/Σn over clusters `(y_r, n_r)` and its between-cluster variance.
fn ratio(clusters: &[(f64, f64)]) -> Option<(f64, f64)> {
    let n: f64 = clusters.iter().map(|c| c.1).sum();
    if n <= 0.0 {
        return None;
    }
    let mean = clusters.iter().map(|c| c.0).sum::<f64>() / n;
    let r = clusters.len() as f64;
    let var = if r > 1.0 {
        r / (r - 1.0)
            * clusters
                .iter()
                .map(|c| (c.0 - mean * c.1).powi(2))
                .sum::<f64>()
            / (n * n)
    } else {
        f64::NAN
    };
    Some((mean, var))
}

/// The share of successes over clusters `(successes, trials)` (one per replication), with a
/// Wilson interval on the effective number of trials.
pub fn share_interval(clusters: &[(u64, u64)]) -> Option<Share> {
    let c: Vec<(f64, f64)> = clusters
        .iter()
        .map(|&(x, n)| (x as f64, n as f64))
        .collect();
    let (p, var) = ratio(&c)?;
    let n: f64 = c.iter().map(|c| c.1).sum();
    let binomial = p * (1.0 - p);
    let n_eff = if var > 0.0 && binomial > 0.0 {
        (binomial / var).min(n)
    } else {
        n
    };
    // Student's t on the replications' degrees of freedom: few replications, wider.
    let z = match clusters.len() {
        0 | 1 => 1.959_963_984_540_054,
        r => t_quantile(r - 1, 0.975),
    };
    let z2 = z * z / n_eff;
    let centre = (p + z2 / 2.0) / (1.0 + z2);
    let half = z / (1.0 + z2) * (binomial / n_eff + z2 / (4.0 * n_eff)).sqrt();
    Some(Share {
        share: p,
        low: (centre - half).max(0.0),
        high: (centre + half).min(1.0),
    })
}

/// How typical the contrast is for one kind of family.
#[derive(Debug, Clone)]
pub struct Typical {
    /// The kind (under either setup).
    pub kind: Kind,
    /// Families paired.
    pub families: u64,
    /// Replications they came from.
    pub replications: usize,
    /// Families of the kind in the first setup not found as the same family in the other.
    pub unpaired: u64,
    /// Better, same, worse.
    pub shares: [Share; 3],
    /// Acute crises per family, other setup minus this one.
    pub crises: Interval,
}

/// The typical contrast of `kind`: the families (arrived at or after `from` hours) that are
/// of that kind under at least one of the two setups, each paired with itself in the other.
/// Selecting on one setup alone would flatter the other by chance alone: a family chosen for
/// a crisis under the first tends to have fewer under any other (regression to the mean);
/// selected on either, two setups that do the same give as many better as worse.
pub fn typical(kind: Kind, told: &[Vec<Summary>], other: &[Vec<Summary>], from: f64) -> Typical {
    let mut counts: Vec<[u64; 3]> = Vec::new();
    let mut crises: Vec<(f64, f64)> = Vec::new();
    let mut unpaired = 0;
    for (a, b) in told.iter().zip(other) {
        let index: HashMap<FamilyId, &Summary> = b.iter().map(|s| (s.id, s)).collect();
        let mut c = [0u64; 3];
        let mut diff = 0.0;
        for s in a.iter().filter(|s| s.arrived >= from) {
            match index.get(&s.id).filter(|o| s.same_family(o)) {
                Some(o) if kind.fits(s) || kind.fits(o) => {
                    c[compare_outcome(s, o).index()] += 1;
                    diff += f64::from(o.incidents) - f64::from(s.incidents);
                }
                Some(_) => {}
                None => unpaired += u64::from(kind.fits(s)),
            }
        }
        counts.push(c);
        crises.push((diff, c.iter().sum::<u64>() as f64));
    }
    let families: u64 = counts.iter().flatten().sum();
    let shares = Direction::ALL.map(|d| {
        let clusters: Vec<(u64, u64)> = counts
            .iter()
            .map(|c| (c[d.index()], c.iter().sum()))
            .collect();
        share_interval(&clusters).unwrap_or(Share {
            share: f64::NAN,
            low: f64::NAN,
            high: f64::NAN,
        })
    });
    let crises = match ratio(&crises) {
        Some((mean, var)) if crises.len() > 1 => {
            let half = t_quantile(crises.len() - 1, 0.975) * var.sqrt();
            Interval {
                mean,
                low: mean - half,
                high: mean + half,
                n: crises.len(),
            }
        }
        _ => Interval {
            mean: f64::NAN,
            low: f64::NAN,
            high: f64::NAN,
            n: crises.len(),
        },
    };
    Typical {
        kind,
        families,
        replications: told.len(),
        unpaired,
        shares,
        crises,
    }
}

impl Typical {
    /// The most common direction (ties: same, then better).
    pub fn usual(&self) -> Direction {
        let mut best = Direction::Same;
        for d in [Direction::Better, Direction::Worse] {
            if self.shares[d.index()].share > self.shares[best.index()].share {
                best = d;
            }
        }
        best
    }

    /// Whether a family that went `d` is the exception: a direction at most one family in
    /// five takes, or the opposite of the usual one (better where most fare worse, or worse
    /// where most fare better).
    pub fn exception(&self, d: Direction) -> bool {
        let rare = self.shares[d.index()].share <= 0.2;
        let opposite = matches!(
            (d, self.usual()),
            (Direction::Better, Direction::Worse) | (Direction::Worse, Direction::Better)
        );
        rare || opposite
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};

    /// Clustered Bernoulli data with a known share: the interval covers it in about 95% of
    /// samples (at least 90% of 400 here), although families within a replication share a
    /// replication effect.
    #[test]
    fn share_intervals_cover_a_known_share() {
        let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(7);
        let p = 0.3;
        let mut covered = 0;
        for _ in 0..400 {
            let clusters: Vec<(u64, u64)> = (0..20)
                .map(|_| {
                    // A replication's own level around p (shared desks), then its families.
                    let shift: f64 = rng.random::<f64>() * 0.2 - 0.1;
                    let n = 40;
                    let x = (0..n).filter(|_| rng.random::<f64>() < p + shift).count() as u64;
                    (x, n)
                })
                .collect();
            let s = share_interval(&clusters).expect("families");
            covered += u32::from(s.low <= p && p <= s.high);
        }
        assert!(covered >= 360, "covered {covered} of 400");
    }

    #[test]
    fn shares_of_no_families_are_none() {
        assert_eq!(share_interval(&[(0, 0), (0, 0)]), None);
    }
}
