//! Helpers shared by the integration tests (included with `mod common;`).
#![allow(dead_code)]

use avesim::scenario::{Override, Params, Scenario, load_str};

/// Load scenario text with `key=value` overrides; panics with the scenario error.
pub fn scenario(src: &str, sets: &[&str]) -> (Scenario, Params) {
    let overrides: Vec<Override> = sets.iter().map(|s| Override::parse(s).unwrap()).collect();
    load_str(src, "test.toml", None, &overrides).unwrap_or_else(|e| panic!("{e}"))
}

/// A desk open 24 hours, 7 days, as a TOML table body.
pub const ALWAYS: &str = "days = [\"mon\",\"tue\",\"wed\",\"thu\",\"fri\",\"sat\",\"sun\"]\nopen = \"00:00\"\nclose = \"24:00\"\n";

/// Two-sided standard normal quantile for 99.9% (used for binomial proportions).
pub const Z999: f64 = 3.2905;
