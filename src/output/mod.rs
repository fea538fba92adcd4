//! Writing results: CSV files, the resolved scenario and run facts, per-case logs and event
//! traces, all into a temporary folder that is renamed into place only when complete.

pub mod charts;
pub mod files;
pub mod recorder;
pub mod report;
pub mod resultdir;
pub mod study;

pub use files::write_results;
pub use resultdir::ResultDir;

/// Format a number for CSV: shortest round-trip form, empty for NaN.
pub fn num(v: f64) -> String {
    if v.is_nan() {
        String::new()
    } else if v.is_infinite() {
        if v > 0.0 { "inf".into() } else { "-inf".into() }
    } else {
        format!("{v}")
    }
}
