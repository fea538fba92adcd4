//! Streaming statistics: time-weighted levels, running means, fixed-bin histograms and
//! confidence intervals over replications. Memory never grows with the number of events.

use statrs::distribution::{ContinuousCDF, StudentsT};

/// A level that changes at events (queue length, busy slots), integrated over time.
#[derive(Debug, Clone, Default)]
pub struct Level {
    value: f64,
    last: f64,
    day_area: f64,
    window_area: f64,
    window_max: f64,
    in_window: bool,
}

impl Level {
    /// The current value.
    #[inline]
    pub fn value(&self) -> f64 {
        self.value
    }

    #[inline]
    fn advance(&mut self, t: f64) {
        self.day_area += self.value * (t - self.last);
        self.last = t;
    }

    /// Set the level at time `t`.
    #[inline]
    pub fn set(&mut self, t: f64, value: f64) {
        self.advance(t);
        self.value = value;
        if self.in_window && value > self.window_max {
            self.window_max = value;
        }
    }

    /// Add `delta` to the level at time `t`.
    #[inline]
    pub fn add(&mut self, t: f64, delta: f64) {
        let v = self.value + delta;
        self.set(t, v);
    }

    /// Close the day ending at `t` (of length `len` hours); returns the day's mean.
    pub fn close_day(&mut self, t: f64, len: f64) -> f64 {
        self.advance(t);
        let mean = self.day_area / len;
        if self.in_window {
            self.window_area += self.day_area;
        }
        self.day_area = 0.0;
        mean
    }

    /// Start the statistics window (call at a day boundary, after `close_day`).
    pub fn open_window(&mut self) {
        self.in_window = true;
        self.window_area = 0.0;
        self.window_max = self.value;
    }

    /// Time-average over the window of length `len` hours.
    pub fn window_mean(&self, len: f64) -> f64 {
        self.window_area / len
    }

    /// Largest value in the window.
    pub fn window_max(&self) -> f64 {
        self.window_max
    }
}

/// A running mean of observations.
#[derive(Debug, Clone, Copy, Default, serde::Serialize, serde::Deserialize)]
pub struct Mean {
    sum: f64,
    n: u64,
}

impl Mean {
    /// Add one observation.
    #[inline]
    pub fn push(&mut self, x: f64) {
        self.sum += x;
        self.n += 1;
    }
    /// Number of observations.
    pub fn count(&self) -> u64 {
        self.n
    }
    /// The mean, or NaN without observations.
    pub fn mean(&self) -> f64 {
        if self.n == 0 {
            f64::NAN
        } else {
            self.sum / self.n as f64
        }
    }
}

/// Counts in fixed-width bins from 0, with one overflow bin.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Histogram {
    width: f64,
    counts: Vec<u64>,
    overflow: u64,
    total: u64,
}

impl Histogram {
    /// `bins` bins of `width` each from 0.
    pub fn new(width: f64, bins: usize) -> Self {
        Self {
            width,
            counts: vec![0; bins],
            overflow: 0,
            total: 0,
        }
    }

    /// Add one observation (negative values count in the first bin).
    #[inline]
    pub fn push(&mut self, x: f64) {
        let i = (x.max(0.0) / self.width) as usize;
        match self.counts.get_mut(i) {
            Some(c) => *c += 1,
            None => self.overflow += 1,
        }
        self.total += 1;
    }

    /// Bin width.
    pub fn width(&self) -> f64 {
        self.width
    }

    /// The bin counts (without overflow).
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// Observations beyond the last bin.
    pub fn overflow(&self) -> u64 {
        self.overflow
    }

    /// The `q` quantile, interpolated within its bin; NaN when empty, the top edge when it
    /// falls in the overflow.
    pub fn quantile(&self, q: f64) -> f64 {
        if self.total == 0 {
            return f64::NAN;
        }
        let target = q * self.total as f64;
        let mut acc = 0.0;
        for (i, &c) in self.counts.iter().enumerate() {
            let next = acc + c as f64;
            if next >= target && c > 0 {
                let frac = ((target - acc) / c as f64).clamp(0.0, 1.0);
                return (i as f64 + frac) * self.width;
            }
            acc = next;
        }
        self.counts.len() as f64 * self.width
    }
}

/// A level integrated by hour of day (for the ZSM queue profile).
#[derive(Debug, Clone, Default)]
pub struct HourlyLevel {
    value: f64,
    last: f64,
    area: [f64; 24],
    active: bool,
}

impl HourlyLevel {
    fn advance(&mut self, t: f64) {
        if !self.active {
            self.last = t;
            return;
        }
        while self.last < t {
            // Times are never negative, so truncation is the floor (without its library call).
            let whole = if self.last >= 0.0 {
                self.last as i64
            } else {
                self.last.floor() as i64
            };
            let boundary = whole as f64 + 1.0;
            let end = t.min(boundary);
            let hour = whole.rem_euclid(24) as usize;
            self.area[hour] += self.value * (end - self.last);
            self.last = end;
        }
    }
    /// Set the level at `t`.
    pub fn set(&mut self, t: f64, value: f64) {
        self.advance(t);
        self.value = value;
    }
    /// Start integrating at `t`.
    pub fn start(&mut self, t: f64) {
        self.last = t;
        self.active = true;
    }
    /// Mean level per hour of day over `days` days ending at `t`.
    pub fn means(&mut self, t: f64, days: f64) -> [f64; 24] {
        self.advance(t);
        let mut out = [0.0; 24];
        for (o, a) in out.iter_mut().zip(self.area) {
            *o = a / days;
        }
        out
    }
}

/// Mean and 95% Student-t interval of per-replication values (NaN values are skipped).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Interval {
    /// Mean over replications with a value.
    pub mean: f64,
    /// Lower bound (NaN with fewer than 2 values).
    pub low: f64,
    /// Upper bound (NaN with fewer than 2 values).
    pub high: f64,
    /// Replications that had a value.
    pub n: usize,
}

impl Interval {
    /// The interval clipped to `[0, top]` (a Student-t interval from few replications can cross
    /// what a quantity can be); the mean is left as it is.
    pub fn clipped(self, top: f64) -> Interval {
        let clamp = |v: f64| if v.is_finite() { v.clamp(0.0, top) } else { v };
        Interval {
            low: clamp(self.low),
            high: clamp(self.high),
            ..self
        }
    }
}

/// Accumulates replication values in order (Welford) for a mean and t interval.
#[derive(Debug, Clone, Copy, Default)]
pub struct Welford {
    n: usize,
    mean: f64,
    m2: f64,
}

impl Welford {
    /// Add one replication's value; NaN is skipped.
    #[inline]
    pub fn push(&mut self, x: f64) {
        if x.is_nan() {
            return;
        }
        self.n += 1;
        let d = x - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (x - self.mean);
    }

    /// Sample variance (NaN with fewer than 2 values).
    pub fn variance(&self) -> f64 {
        if self.n < 2 {
            f64::NAN
        } else {
            self.m2 / (self.n - 1) as f64
        }
    }

    /// Mean and confidence interval at `level` (e.g. 0.95).
    pub fn interval_at(&self, level: f64) -> Interval {
        if self.n == 0 {
            return Interval {
                mean: f64::NAN,
                low: f64::NAN,
                high: f64::NAN,
                n: 0,
            };
        }
        if self.n < 2 {
            return Interval {
                mean: self.mean,
                low: f64::NAN,
                high: f64::NAN,
                n: self.n,
            };
        }
        let half =
            t_quantile(self.n - 1, 0.5 + level / 2.0) * (self.variance() / self.n as f64).sqrt();
        Interval {
            mean: self.mean,
            low: self.mean - half,
            high: self.mean + half,
            n: self.n,
        }
    }

    /// Mean and 95% interval.
    pub fn interval(&self) -> Interval {
        self.interval_at(0.95)
    }
}

/// Quantile `p` of Student's t with `df` degrees of freedom.
pub fn t_quantile(df: usize, p: f64) -> f64 {
    // The 95% intervals of every metric and every day of every series ask for the same few
    // quantiles: compute those once.
    const CACHED: usize = 1024;
    static T975: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    if p == 0.975 && (1..CACHED).contains(&df) {
        return T975.get_or_init(|| (0..CACHED).map(|d| exact_t_quantile(d, 0.975)).collect())[df];
    }
    exact_t_quantile(df, p)
}

fn exact_t_quantile(df: usize, p: f64) -> f64 {
    StudentsT::new(0.0, 1.0, df as f64)
        .map(|t| t.inverse_cdf(p))
        .unwrap_or(f64::NAN)
}

/// Mean and 95% interval of a slice of values.
pub fn interval(values: &[f64]) -> Interval {
    let mut w = Welford::default();
    values.iter().for_each(|&v| w.push(v));
    w.interval()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_interval_matches_textbook() {
        // n = 10, sd 1: half width = 2.262 / sqrt(10).
        let v: Vec<f64> = (0..10)
            .map(|i| if i % 2 == 0 { 1.0 } else { -1.0 })
            .collect();
        let iv = interval(&v);
        let sd = (10.0f64 / 9.0).sqrt();
        assert!((iv.high - 2.2622 * sd / 10f64.sqrt()).abs() < 1e-3);
    }

    #[test]
    fn level_integrates_over_time() {
        let mut l = Level::default();
        l.set(0.0, 2.0);
        l.set(12.0, 4.0);
        assert_eq!(l.close_day(24.0, 24.0), 3.0);
    }

    #[test]
    fn histogram_quantile_interpolates() {
        let mut h = Histogram::new(1.0, 10);
        for x in 0..100 {
            h.push(x as f64 / 10.0);
        }
        assert!((h.quantile(0.9) - 9.0).abs() < 1e-9);
    }
}
