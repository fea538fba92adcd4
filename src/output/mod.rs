//! Writing results: CSV files, the resolved scenario and run facts, per-case logs and event
//! traces, all into a temporary folder that is renamed into place only when complete.

pub mod advice;
pub mod animate;
pub mod charts;
pub mod excel;
pub mod files;
pub mod glance;
pub mod recorder;
pub mod report;
pub mod resultdir;
pub mod story;
pub mod study;
pub mod terminal;

pub use files::write_results;
pub use resultdir::ResultDir;
