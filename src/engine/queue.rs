//! The future-event list.
//!
//! Events are ordered by a total, documented order: first by time, then by the event's
//! *rank* (a small integer the model assigns to each kind of event, so that, for example,
//! releases happen before seizes at the same instant), then by the order in which they
//! were scheduled (FIFO). Results therefore never depend on insertion accidents or on
//! chance tie-breaking.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// An event kind that knows its rank among events at the same time (lower runs first).
pub trait Ranked {
    /// Rank among same-time events; lower ranks run first.
    fn rank(&self) -> u8;
}

/// Why an event could not be scheduled.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum ScheduleError {
    /// The time was NaN or infinite.
    #[error("event time {0} is not a finite number")]
    NotFinite(f64),
    /// The time lies before the current clock.
    #[error("event time {time} lies before the clock ({now})")]
    InThePast {
        /// The requested time.
        time: f64,
        /// The clock when it was requested.
        now: f64,
    },
}

struct Entry<E> {
    time: f64,
    /// `rank << 56 | sequence`: one integer compare settles both tie-breaks.
    key: u64,
    event: E,
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl<E> Eq for Entry<E> {}
impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Entry<E> {
    fn cmp(&self, other: &Self) -> Ordering {
        // BinaryHeap is a max-heap: reverse so the earliest (time, key) pops first.
        other
            .time
            .total_cmp(&self.time)
            .then_with(|| other.key.cmp(&self.key))
    }
}

/// The clock and the pending events of one simulation run.
pub struct EventQueue<E> {
    heap: BinaryHeap<Entry<E>>,
    now: f64,
    next_seq: u64,
    processed: u64,
}

const SEQ_MASK: u64 = (1 << 56) - 1;

impl<E: Ranked> EventQueue<E> {
    /// An empty queue with the clock at zero and room for `capacity` pending events.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            heap: BinaryHeap::with_capacity(capacity),
            now: 0.0,
            next_seq: 0,
            processed: 0,
        }
    }

    /// The current simulation time (hours).
    #[inline]
    pub fn now(&self) -> f64 {
        self.now
    }

    /// Number of events popped so far.
    pub fn processed(&self) -> u64 {
        self.processed
    }

    /// Number of events waiting.
    pub fn len(&self) -> usize {
        self.heap.len()
    }

    /// True when no event is waiting.
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }

    /// Schedule `event` at absolute time `time`; refuses NaN, infinite and past times.
    #[inline]
    pub fn schedule(&mut self, time: f64, event: E) -> Result<(), ScheduleError> {
        if !time.is_finite() {
            return Err(ScheduleError::NotFinite(time));
        }
        if time < self.now {
            return Err(ScheduleError::InThePast {
                time,
                now: self.now,
            });
        }
        let key = (u64::from(event.rank()) << 56) | (self.next_seq & SEQ_MASK);
        self.next_seq += 1;
        self.heap.push(Entry { time, key, event });
        Ok(())
    }

    /// Remove the next event, advance the clock to its time and return it.
    #[inline]
    pub fn pop(&mut self) -> Option<(f64, E)> {
        let entry = self.heap.pop()?;
        self.now = entry.time;
        self.processed += 1;
        Some((entry.time, entry.event))
    }

    /// Time of the next event, if any.
    pub fn peek_time(&self) -> Option<f64> {
        self.heap.peek().map(|e| e.time)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Ev(u8, u32);
    impl Ranked for Ev {
        fn rank(&self) -> u8 {
            self.0
        }
    }

    #[test]
    fn same_time_events_pop_by_rank_then_fifo() {
        let mut q = EventQueue::with_capacity(8);
        q.schedule(1.0, Ev(2, 0)).unwrap();
        q.schedule(1.0, Ev(1, 1)).unwrap();
        q.schedule(0.5, Ev(9, 2)).unwrap();
        q.schedule(1.0, Ev(1, 3)).unwrap();
        let order: Vec<u32> = std::iter::from_fn(|| q.pop().map(|(_, e)| e.1)).collect();
        assert_eq!(order, vec![2, 1, 3, 0]);
    }

    #[test]
    fn nan_and_past_times_are_refused() {
        let mut q = EventQueue::with_capacity(2);
        assert!(q.schedule(f64::NAN, Ev(0, 0)).is_err());
        q.schedule(2.0, Ev(0, 0)).unwrap();
        q.pop();
        assert_eq!(
            q.schedule(1.0, Ev(0, 0)),
            Err(ScheduleError::InThePast {
                time: 1.0,
                now: 2.0
            })
        );
    }
}
