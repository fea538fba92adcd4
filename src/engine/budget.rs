//! A budget: a divisible capacity (hours a week) that jobs of different sizes hold at once,
//! with a waiting line in strict priority classes, first come, first served within a class.
//!
//! The Veiligheidshuis's coordinators share one budget of hours for procesregie and advice
//! (§5.3.4, "zowel met onze advies- als regierol"): a case in procesregie holds its hours a
//! week for as long as the VHH leads, a consult holds its hours for the week in which it is
//! done. The head of the highest class that waits goes first; when it does not fit, nobody
//! behind it starts (no overtaking, so a class that gives way really waits). The line and its
//! tickets are [`Lines`], as for a [`Resource`](super::resource::Resource).

use super::line::{Lines, Ticket};

/// Room for rounding in "does it fit".
const EPS: f64 = 1e-9;

/// A divisible capacity, what is held of it, and who waits.
#[derive(Debug, Clone)]
pub struct Budget {
    capacity: f64,
    used: f64,
    holders: u32,
    lines: Lines<f64>,
}

impl Budget {
    /// `capacity` units and `classes` priority classes (class 0 is served first).
    pub fn new(capacity: f64, classes: usize) -> Self {
        Self {
            capacity,
            used: 0.0,
            holders: 0,
            lines: Lines::new(classes),
        }
    }

    /// Units held now.
    #[inline]
    pub fn used(&self) -> f64 {
        self.used
    }

    /// Jobs holding part of the budget now.
    #[inline]
    pub fn holders(&self) -> u32 {
        self.holders
    }

    /// Waiting, not counting those who left the line.
    #[inline]
    pub fn waiting(&self) -> u32 {
        self.lines.waiting()
    }

    /// The whole budget.
    #[inline]
    pub fn capacity(&self) -> f64 {
        self.capacity
    }

    /// The share of the budget held now (0 when there is no budget).
    #[inline]
    pub fn pressure(&self) -> f64 {
        if self.capacity > 0.0 {
            self.used / self.capacity
        } else {
            1.0
        }
    }

    /// Join the line of `class` asking for `need` units; keep the ticket.
    pub fn join(&mut self, who: u32, class: usize, need: f64) -> Ticket {
        self.lines.join(who, class, need)
    }

    /// Someone waiting gave up their place.
    pub fn leave_line(&mut self) {
        self.lines.leave();
    }

    /// Start the head of the highest class that still holds its ticket (`holds`), if its
    /// need fits in what is free; returns who, the ticket and the units now held.
    pub fn start_next(
        &mut self,
        holds: impl FnMut(u32, Ticket) -> bool,
    ) -> Option<(u32, Ticket, f64)> {
        let (used, capacity, holders) = (self.used, self.capacity, self.holders);
        // A job larger than the whole budget starts when nothing else is held.
        let fits = |need: f64| used + need <= capacity + EPS || holders == 0;
        let (who, ticket, need) = self.lines.take_next(holds, fits)?;
        self.used += need;
        self.holders += 1;
        Some((who, ticket, need))
    }

    /// Change the budget (a capacity that changes on a date); what is held stays held.
    pub fn set_capacity(&mut self, capacity: f64) {
        self.capacity = capacity;
    }

    /// A job gives back `units`.
    pub fn release(&mut self, units: f64) {
        debug_assert!(self.holders > 0);
        self.holders -= 1;
        self.used = if self.holders == 0 {
            0.0
        } else {
            (self.used - units).max(0.0)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_hold_their_size_and_no_more_than_the_budget_starts() {
        let mut b = Budget::new(10.0, 1);
        for who in 0..3 {
            b.join(who, 0, 4.0);
        }
        assert_eq!(b.start_next(|_, _| true).map(|x| x.0), Some(0));
        assert_eq!(b.start_next(|_, _| true).map(|x| x.0), Some(1));
        assert_eq!(
            b.start_next(|_, _| true),
            None,
            "8 of 10 held, 4 more do not fit"
        );
        assert!((b.pressure() - 0.8).abs() < 1e-12);
        b.release(4.0);
        assert_eq!(b.start_next(|_, _| true).map(|x| x.0), Some(2));
        assert_eq!((b.holders(), b.waiting()), (2, 0));
    }

    #[test]
    fn a_lower_class_waits_while_a_higher_class_head_does_not_fit() {
        let mut b = Budget::new(5.0, 2);
        b.join(1, 0, 3.0);
        assert!(b.start_next(|_, _| true).is_some());
        b.join(2, 0, 3.0); // does not fit: 3 + 3 > 5
        b.join(3, 1, 1.0); // would fit, but gives way
        assert_eq!(b.start_next(|_, _| true), None);
        b.release(3.0);
        let order: Vec<u32> =
            std::iter::from_fn(|| b.start_next(|_, _| true).map(|x| x.0)).collect();
        assert_eq!(order, [2, 3]);
    }

    #[test]
    fn stale_entries_are_skipped_and_an_oversized_job_starts_alone() {
        let mut b = Budget::new(2.0, 1);
        let gone = b.join(7, 0, 1.0);
        b.leave_line();
        b.join(8, 0, 5.0);
        let started = b.start_next(|who, t| !(who == 7 && t == gone));
        assert_eq!(started.map(|x| x.0), Some(8));
        assert_eq!(b.waiting(), 0);
        b.release(5.0);
        assert_eq!(b.used(), 0.0);
    }
}
