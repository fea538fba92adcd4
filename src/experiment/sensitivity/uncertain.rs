//! Conclusions that survive uncertainty about the assumptions: Latin hypercube draws of every
//! ranged assumption, a paired comparison on each draw, the share of draws in which the
//! alternative is better, and the assumption whose value flips the conclusion.

use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

use crate::experiment::story::{Share, share_interval};

/// `n` Latin hypercube draws in `[0, 1]^k`: each factor's range cut into `n` equal strata,
/// each stratum used once, at a uniform point within it, strata paired at random.
pub fn latin_hypercube(k: usize, n: usize, seed: u64) -> Vec<Vec<f64>> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let columns: Vec<Vec<f64>> = (0..k)
        .map(|_| {
            let mut strata: Vec<usize> = (0..n).collect();
            strata.shuffle(&mut rng);
            strata
                .iter()
                .map(|&s| (s as f64 + rng.random::<f64>()) / n as f64)
                .collect()
        })
        .collect();
    (0..n)
        .map(|d| columns.iter().map(|c| c[d]).collect())
        .collect()
}

/// Narrow draws to `width` of each range around the scenario's own value (`own[f]` in
/// `[0, 1]`): 1 keeps the whole range, 0 collapses every draw onto the scenario.
pub fn narrowed(draws: &[Vec<f64>], own: &[f64], width: f64) -> Vec<Vec<f64>> {
    if width >= 1.0 {
        return draws.to_vec();
    }
    draws
        .iter()
        .map(|d| {
            d.iter()
                .zip(own)
                .map(|(&u, &o)| (o + (u - o) * width).clamp(0.0, 1.0))
                .collect()
        })
        .collect()
}

/// One assumption split at the middle of its range: the share of draws where the
/// alternative is better with the assumption in the lower and in the upper half.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    /// Factor index.
    pub factor: usize,
    /// Share better with the assumption in the lower half of its range.
    pub lower: f64,
    /// Share better in the upper half.
    pub upper: f64,
}

impl Split {
    /// How far apart the halves are.
    pub fn separation(&self) -> f64 {
        (self.upper - self.lower).abs()
    }
}

/// The verdict over the draws.
#[derive(Debug, Clone)]
pub struct Verdict {
    /// Draws in which the alternative was better, and its 95% interval.
    pub better: Share,
    /// Draws counted.
    pub draws: usize,
    /// The assumptions that separate "better" from "not better" most: each split at the
    /// middle of its range (a one-step box in the sense of PRIM), largest separation first.
    pub splits: Vec<Split>,
    /// How often random relabelling of the draws gives a best split as strong (a
    /// permutation p-value): above 0.05 the best split may be chance.
    pub flip_p: f64,
}

/// Every assumption's split, largest separation first.
fn splits(better: &[bool], draws: &[Vec<f64>]) -> Vec<Split> {
    let k = draws.first().map_or(0, Vec::len);
    let mut splits: Vec<Split> = (0..k)
        .map(|f| {
            let (mut lo, mut lo_n, mut hi, mut hi_n) = (0.0, 0.0, 0.0, 0.0);
            for (d, &b) in draws.iter().zip(better) {
                if d[f] < 0.5 {
                    lo_n += 1.0;
                    lo += f64::from(u8::from(b));
                } else {
                    hi_n += 1.0;
                    hi += f64::from(u8::from(b));
                }
            }
            Split {
                factor: f,
                lower: if lo_n > 0.0 { lo / lo_n } else { f64::NAN },
                upper: if hi_n > 0.0 { hi / hi_n } else { f64::NAN },
            }
        })
        .filter(|s| s.lower.is_finite() && s.upper.is_finite())
        .collect();
    splits.sort_by(|a, b| b.separation().total_cmp(&a.separation()));
    splits
}

/// Permutations for the chance level of the best split.
const PERMUTATIONS: usize = 200;

/// Whether the alternative is better in each draw, with the draws' values in `[0, 1]`. The
/// best split is the largest of many, so chance alone makes one look strong: its p-value is
/// the share of random relabellings of the draws (as many better) whose best split
/// separates as much.
pub fn verdict(better: &[bool], draws: &[Vec<f64>], seed: u64) -> Verdict {
    let n = better.len();
    let yes = better.iter().filter(|&&b| b).count() as u64;
    let share = share_interval(&[(yes, n as u64)]).unwrap_or(Share {
        share: f64::NAN,
        low: f64::NAN,
        high: f64::NAN,
    });
    let splits = splits(better, draws);
    let best = splits.first().map_or(0.0, Split::separation);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut shuffled = better.to_vec();
    let as_strong = (0..PERMUTATIONS)
        .filter(|_| {
            shuffled.shuffle(&mut rng);
            self::splits(&shuffled, draws)
                .first()
                .map_or(0.0, Split::separation)
                >= best - 1e-12
        })
        .count();
    let flip_p = (as_strong as f64 + 1.0) / (PERMUTATIONS as f64 + 1.0);
    Verdict {
        better: share,
        draws: n,
        splits,
        flip_p,
    }
}

/// How a verdict reads, from the share of draws in which it is better and its 95% interval:
/// a word is used only when the whole interval supports it. Better whatever the assumptions
/// (the interval at or above 95%: with every draw better that takes 73 draws or more), under
/// most (at or above 75%), hardly ever (at or below 5%), only under some (between 5% and 75%
/// throughout), or too few draws to tell (the interval spans one of those bounds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// The interval at or above 95%.
    Whatever,
    /// The interval at or above 75%.
    Most,
    /// The interval within 5%..75%: it depends on the assumptions.
    OnlyIf,
    /// The interval at or below 5%.
    Never,
    /// The interval spans 5% or 75%: more draws are needed to say which.
    TooFew,
}

impl Verdict {
    /// The verdict in a word (see [`Reading`]).
    pub fn reading(&self) -> Reading {
        let (low, high) = (self.better.low, self.better.high);
        if low >= 0.95 {
            Reading::Whatever
        } else if low >= 0.75 {
            Reading::Most
        } else if high <= 0.05 {
            Reading::Never
        } else if low > 0.05 && high < 0.75 {
            Reading::OnlyIf
        } else {
            Reading::TooFew
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_stratum_is_used_once_per_factor() {
        let d = latin_hypercube(3, 10, 4);
        for f in 0..3 {
            let mut strata: Vec<usize> = d.iter().map(|x| (x[f] * 10.0) as usize).collect();
            strata.sort_unstable();
            assert_eq!(strata, (0..10).collect::<Vec<_>>());
        }
        let own = vec![0.3, 0.5, 0.9];
        assert!(narrowed(&d, &own, 0.0).iter().all(|x| *x == own));
        assert_eq!(narrowed(&d, &own, 1.0), d);
    }

    /// Better exactly when factor 1 is high: the split finds factor 1, with shares 0 and 1.
    #[test]
    fn the_split_finds_the_assumption_that_flips_the_conclusion() {
        let d = latin_hypercube(4, 40, 9);
        let better: Vec<bool> = d.iter().map(|x| x[1] >= 0.5).collect();
        let v = verdict(&better, &d, 1);
        assert_eq!(v.splits[0].factor, 1);
        assert_eq!((v.splits[0].lower, v.splits[0].upper), (0.0, 1.0));
        assert!((v.better.share - 0.5).abs() < 1e-12);
        assert_eq!(v.reading(), Reading::OnlyIf);
        assert!(
            v.flip_p < 0.05,
            "a planted split is beyond chance: {}",
            v.flip_p
        );
        // Better at random: the best split is within chance.
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(3);
        let noise: Vec<bool> = (0..40).map(|_| rng.random::<bool>()).collect();
        assert!(verdict(&noise, &d, 1).flip_p > 0.05);
        // Every one of 40 draws better: the interval (91%..100%) claims "most", not
        // "whatever"; 80 draws claim it; 34 of 40 (85%, 71%..93%) are too few to tell.
        let all = verdict(&[true; 40], &d, 1);
        assert_eq!(all.reading(), Reading::Most);
        let d80 = latin_hypercube(4, 80, 9);
        assert_eq!(verdict(&[true; 80], &d80, 1).reading(), Reading::Whatever);
        let most: Vec<bool> = (0..40).map(|i| i >= 6).collect();
        assert_eq!(verdict(&most, &d, 1).reading(), Reading::TooFew);
        assert_eq!(verdict(&[false; 80], &d80, 1).reading(), Reading::Never);
    }
}
