//! The sections of a scenario file, one file each: the keys as the user writes them with
//! their defaults, units and evidence (declared once with `section!`), the checks, and what
//! the model receives.

pub mod advice;
pub mod arrivals;
pub mod ave4;
pub mod case;
pub mod criteria;
pub mod dynamics;
pub mod governance;
pub mod growth;
pub mod hours;
pub mod link;
pub mod overflow;
pub mod run;
pub mod stagnation;
pub mod vhh;
pub mod wijkteam;
pub mod zsm;
