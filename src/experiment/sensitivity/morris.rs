//! The method of Morris (1991), elementary effects on trajectories, as SALib implements it:
//! `r` trajectories of `k + 1` points on a `p`-level grid in the unit cube, each moving one
//! factor at a time by `Δ = p / (2 (p − 1))`; per factor the mean of the absolute elementary
//! effects `μ*` (Campolongo et al. 2007), their mean `μ` and standard deviation `σ`, with
//! bootstrap intervals over trajectories. Effects are in the output's unit per the factor's
//! whole range (the unit cube's side), so `μ*` reads as "how much the result moves when this
//! assumption goes from its low to its high value".

use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// A Morris design in the unit cube.
#[derive(Debug, Clone)]
pub struct Design {
    /// Factors.
    pub k: usize,
    /// Grid levels.
    pub levels: u32,
    /// The step between the two points of an elementary effect.
    pub delta: f64,
    /// `r` trajectories of `k + 1` points, each `k` coordinates in `[0, 1]`.
    pub trajectories: Vec<Vec<Vec<f64>>>,
}

impl Design {
    /// Every point, trajectory by trajectory (the order outputs are expected in).
    pub fn points(&self) -> impl Iterator<Item = &Vec<f64>> {
        self.trajectories.iter().flatten()
    }

    /// Points in all.
    pub fn len(&self) -> usize {
        self.trajectories.len() * (self.k + 1)
    }

    /// Whether the design has no points.
    pub fn is_empty(&self) -> bool {
        self.trajectories.is_empty()
    }
}

/// `r` random trajectories for `k` factors on a `levels`-level grid (`levels` even, ≥ 2).
pub fn design(k: usize, r: usize, levels: u32, seed: u64) -> Design {
    let p = f64::from(levels.max(2));
    let delta = p / (2.0 * (p - 1.0));
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    // Base values: grid points from which a step of Δ up stays in the cube.
    let base_levels: Vec<f64> = (0..levels.max(2))
        .map(|i| f64::from(i) / (p - 1.0))
        .filter(|x| x + delta <= 1.0 + 1e-12)
        .collect();
    let trajectories = (0..r)
        .map(|_| {
            let mut x: Vec<f64> = (0..k)
                .map(|_| base_levels[rng.random_range(0..base_levels.len())])
                .collect();
            // Each factor starts low or high (D*); the order of moves is random (P*).
            for v in &mut x {
                if rng.random::<bool>() {
                    *v += delta;
                }
            }
            let mut order: Vec<usize> = (0..k).collect();
            order.shuffle(&mut rng);
            let mut points = vec![x.clone()];
            for &i in &order {
                x[i] = if x[i] + delta <= 1.0 + 1e-12 {
                    x[i] + delta
                } else {
                    x[i] - delta
                };
                points.push(x.clone());
            }
            points
        })
        .collect();
    Design {
        k,
        levels,
        delta,
        trajectories,
    }
}

/// The elementary effects of each factor, one per trajectory, from the outputs at every point
/// (in [`Design::points`] order).
pub fn elementary_effects(design: &Design, outputs: &[f64]) -> Vec<Vec<f64>> {
    let k = design.k;
    let mut ee = vec![Vec::with_capacity(design.trajectories.len()); k];
    for (t, traj) in design.trajectories.iter().enumerate() {
        let y = &outputs[t * (k + 1)..(t + 1) * (k + 1)];
        for s in 0..k {
            let (a, b) = (&traj[s], &traj[s + 1]);
            let Some(i) = (0..k).find(|&i| a[i] != b[i]) else {
                continue;
            };
            ee[i].push((y[s + 1] - y[s]) / (b[i] - a[i]));
        }
    }
    ee
}

/// The Morris measures of one factor, with 95% bootstrap intervals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measures {
    /// Mean elementary effect (signed).
    pub mu: f64,
    /// Mean absolute elementary effect.
    pub mu_star: f64,
    /// Its 95% interval (bootstrap over trajectories, percentile).
    pub mu_star_low: f64,
    /// Upper bound.
    pub mu_star_high: f64,
    /// Standard deviation of the elementary effects (interactions, non-linearity).
    pub sigma: f64,
    /// Its 95% interval.
    pub sigma_low: f64,
    /// Upper bound.
    pub sigma_high: f64,
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

fn sd(v: &[f64]) -> f64 {
    if v.len() < 2 {
        return 0.0;
    }
    let m = mean(v);
    (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() - 1) as f64).sqrt()
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let pos = q * (sorted.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// μ, μ* and σ of each factor's elementary effects, with bootstrap intervals from
/// `resamples` resamples of the trajectories.
pub fn measures(ee: &[Vec<f64>], resamples: usize, seed: u64) -> Vec<Measures> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    ee.iter()
        .map(|e| {
            let abs: Vec<f64> = e.iter().map(|x| x.abs()).collect();
            let (mut stars, mut sigmas) = (Vec::with_capacity(resamples), Vec::new());
            let mut pick = vec![0.0; e.len()];
            for _ in 0..resamples {
                for v in pick.iter_mut() {
                    *v = e[rng.random_range(0..e.len().max(1))];
                }
                stars.push(pick.iter().map(|x| x.abs()).sum::<f64>() / pick.len().max(1) as f64);
                sigmas.push(sd(&pick));
            }
            stars.sort_by(f64::total_cmp);
            sigmas.sort_by(f64::total_cmp);
            Measures {
                mu: mean(e),
                mu_star: mean(&abs),
                mu_star_low: percentile(&stars, 0.025),
                mu_star_high: percentile(&stars, 0.975),
                sigma: sd(e),
                sigma_low: percentile(&sigmas, 0.025),
                sigma_high: percentile(&sigmas, 0.975),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// y = 3 x0 − 2 x1 + 0 x2 + 4 x3 x4: the linear factors' elementary effects are their
    /// coefficients exactly (μ* = |a|, σ = 0), the factor with no effect gets 0, and the two
    /// that interact get a σ above zero.
    #[test]
    fn recovers_known_elementary_effects() {
        let d = design(5, 20, 4, 11);
        assert_eq!(d.len(), 20 * 6);
        let f = |x: &Vec<f64>| 3.0 * x[0] - 2.0 * x[1] + 4.0 * x[3] * x[4];
        let y: Vec<f64> = d.points().map(f).collect();
        let ee = elementary_effects(&d, &y);
        assert!(ee.iter().all(|e| e.len() == 20));
        let m = measures(&ee, 500, 3);
        assert!((m[0].mu_star - 3.0).abs() < 1e-9 && m[0].sigma < 1e-9);
        assert!((m[1].mu - -2.0).abs() < 1e-9 && (m[1].mu_star - 2.0).abs() < 1e-9);
        assert_eq!(m[2].mu_star, 0.0);
        assert!(m[3].sigma > 0.1 && m[4].sigma > 0.1);
        // 4 x3 x4 over the cube: effects between 0 and 4, mean about 2.
        assert!(m[3].mu_star > 1.0 && m[3].mu_star < 3.0);
        assert!(m[3].mu_star_low <= m[3].mu_star && m[3].mu_star <= m[3].mu_star_high);
    }

    #[test]
    fn every_step_moves_one_factor_by_delta_inside_the_cube() {
        let d = design(7, 9, 4, 5);
        assert!((d.delta - 2.0 / 3.0).abs() < 1e-12);
        for t in &d.trajectories {
            let mut moved = [false; 7];
            for w in t.windows(2) {
                let diff: Vec<usize> = (0..7).filter(|&i| w[0][i] != w[1][i]).collect();
                assert_eq!(diff.len(), 1);
                let i = diff[0];
                assert!(((w[1][i] - w[0][i]).abs() - d.delta).abs() < 1e-12);
                moved[i] = true;
            }
            assert!(moved.iter().all(|&m| m), "every factor moves once");
            assert!(
                t.iter()
                    .flatten()
                    .all(|&x| (-1e-12..=1.0 + 1e-12).contains(&x))
            );
        }
    }
}
