//! The sections of a scenario file, one file each: the keys as the user writes them with
//! their defaults, units and evidence (declared once with `section!`), the checks, and what
//! the model receives.

pub mod advice;
pub mod arrivals;
pub mod case;
pub mod crisis;
pub mod dynamics;
pub mod growth;
pub mod hours;
pub mod link;
pub mod run;
pub mod triage;
pub mod vhh;
pub mod wijkteam;
pub mod zsm;
