//! A resource: identical servers (slots, desks, coordinators) with a waiting line in priority
//! classes, served first come, first served within a class (SimPy's `PriorityResource`).
//! The line and its tickets are [`Lines`]: see there how leaving the line works.

use super::line::Lines;
pub use super::line::Ticket;

/// Servers, their waiting line, and who is in it.
#[derive(Debug, Clone)]
pub struct Resource {
    capacity: u32,
    busy: u32,
    lines: Lines<()>,
}

impl Resource {
    /// `capacity` servers and `classes` priority classes (class 0 is served first).
    pub fn new(capacity: u32, classes: usize) -> Self {
        Self {
            capacity,
            busy: 0,
            lines: Lines::new(classes),
        }
    }

    /// Servers at work.
    #[inline]
    pub fn busy(&self) -> u32 {
        self.busy
    }

    /// Waiting, not counting those who left the line.
    #[inline]
    pub fn waiting(&self) -> u32 {
        self.lines.waiting()
    }

    /// Number of servers.
    #[inline]
    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    /// Join the line of `class`; keep the ticket to be recognised when it is your turn.
    pub fn join(&mut self, who: u32, class: usize) -> Ticket {
        self.lines.join(who, class, ())
    }

    /// Someone waiting gave up their place (their entry is skipped when it comes up).
    pub fn leave_line(&mut self) {
        self.lines.leave();
    }

    /// If a server is free, serve the next one in line who still holds its ticket
    /// (`holds(who, ticket)`), highest class first; stale entries are dropped on the way.
    pub fn start_next(&mut self, holds: impl FnMut(u32, Ticket) -> bool) -> Option<(u32, Ticket)> {
        if self.busy >= self.capacity {
            return None;
        }
        let (who, ticket, ()) = self.lines.take_next(holds, |()| true)?;
        self.busy += 1;
        Some((who, ticket))
    }

    /// Change the number of servers (a capacity that changes on a date). Servers at work
    /// finish their job even when the capacity drops below them.
    pub fn set_capacity(&mut self, capacity: u32) {
        self.capacity = capacity;
    }

    /// A server is done.
    pub fn release(&mut self) {
        debug_assert!(self.busy > 0);
        self.busy -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn servers_take_the_line_in_order_and_no_more_than_capacity() {
        let mut r = Resource::new(2, 1);
        for who in 0..4 {
            r.join(who, 0);
        }
        assert_eq!(r.start_next(|_, _| true).map(|x| x.0), Some(0));
        assert_eq!(r.start_next(|_, _| true).map(|x| x.0), Some(1));
        assert_eq!(r.start_next(|_, _| true), None, "both servers busy");
        assert_eq!((r.busy(), r.waiting()), (2, 2));
        r.release();
        assert_eq!(r.start_next(|_, _| true).map(|x| x.0), Some(2));
    }

    #[test]
    fn a_higher_class_goes_first_and_fifo_holds_within_a_class() {
        let mut r = Resource::new(1, 2);
        r.join(10, 1);
        r.join(11, 1);
        r.join(20, 0);
        let mut order = Vec::new();
        while let Some((who, _)) = r.start_next(|_, _| true) {
            order.push(who);
            r.release();
        }
        assert_eq!(order, [20, 10, 11]);
        assert_eq!(r.waiting(), 0);
    }

    #[test]
    fn who_left_the_line_is_skipped_and_tickets_are_never_reused() {
        let mut r = Resource::new(1, 1);
        let gone = r.join(7, 0);
        r.leave_line();
        let back = r.join(7, 0); // the same id joins again: a new ticket
        assert_ne!(gone, back);
        let served = r.start_next(|who, t| who == 7 && t == back);
        assert_eq!(served, Some((7, back)));
        assert_eq!((r.busy(), r.waiting()), (1, 0));
        assert_eq!(r.start_next(|_, _| true), None);
    }
}
