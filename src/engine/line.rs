//! A waiting line in strict priority classes, first come, first served within a class, shared
//! by [`Resource`](super::resource::Resource) and [`Budget`](super::budget::Budget).
//!
//! Whoever waits keeps the [`Ticket`] it was given when it joined. Leaving the line early
//! (a case that closes, escalates or has a crisis) costs nothing here: the caller forgets its
//! ticket, and the entry is skipped as stale when it reaches the front. Tickets come from
//! one counter per line, so an entry can never be mistaken for a later one of whoever
//! reuses the same id.

use std::collections::VecDeque;

/// A place in a line, unique within that line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ticket(u32);

/// Lines by class (class 0 first), each entry `(who, ticket, what they ask for)`.
#[derive(Debug, Clone)]
pub struct Lines<T> {
    waiting: u32,
    lines: Vec<VecDeque<(u32, Ticket, T)>>,
    next_ticket: u32,
}

impl<T: Copy> Lines<T> {
    /// `classes` priority classes (at least one).
    pub fn new(classes: usize) -> Self {
        Self {
            waiting: 0,
            lines: (0..classes.max(1)).map(|_| VecDeque::new()).collect(),
            next_ticket: 0,
        }
    }

    /// Waiting, not counting those who left the line.
    #[inline]
    pub fn waiting(&self) -> u32 {
        self.waiting
    }

    /// Join the line of `class` asking for `ask`; keep the ticket.
    pub fn join(&mut self, who: u32, class: usize, ask: T) -> Ticket {
        let ticket = Ticket(self.next_ticket);
        self.next_ticket = self.next_ticket.wrapping_add(1);
        self.lines[class].push_back((who, ticket, ask));
        self.waiting += 1;
        ticket
    }

    /// Someone waiting gave up their place (their entry is skipped when it comes up).
    pub fn leave(&mut self) {
        debug_assert!(self.waiting > 0);
        self.waiting -= 1;
    }

    /// Take the head of the highest class that still holds its ticket (`holds`), if what it
    /// asks for `fits`; stale entries are dropped on the way. When that head does not fit,
    /// nobody behind it is taken (no overtaking).
    pub fn take_next(
        &mut self,
        mut holds: impl FnMut(u32, Ticket) -> bool,
        fits: impl Fn(T) -> bool,
    ) -> Option<(u32, Ticket, T)> {
        for line in &mut self.lines {
            while let Some(&(who, ticket, ask)) = line.front() {
                if !holds(who, ticket) {
                    line.pop_front();
                    continue;
                }
                if !fits(ask) {
                    return None;
                }
                line.pop_front();
                self.waiting -= 1;
                return Some((who, ticket, ask));
            }
        }
        None
    }
}
