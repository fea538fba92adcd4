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

    /// True for the kinds that make most of the traffic but of which only a few are pending
    /// at once (a stream's next arrival, a desk's service completions). They wait in a small
    /// side list instead of the heap, so they do not pay the heap's log n twice. Where an event
    /// waits never changes the order in which events pop.
    #[inline]
    fn frequent(&self) -> bool {
        false
    }
}

/// The most events the side list holds; more frequent events go to the heap.
const SIDE_CAP: usize = 16;

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
    /// `time`'s bits (times are finite and never negative, so their bits order as they do),
    /// then `rank << 56 | sequence`: two integer compares settle time and both tie-breaks.
    order: (u64, u64),
    event: E,
}

impl<E> Entry<E> {
    #[inline]
    fn time(&self) -> f64 {
        f64::from_bits(self.order.0)
    }
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        self.order == other.order
    }
}
impl<E> Eq for Entry<E> {}
impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Entry<E> {
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        // BinaryHeap is a max-heap: reverse so the earliest (time, key) pops first.
        other.order.cmp(&self.order)
    }
}

/// The clock and the pending events of one simulation run.
pub struct EventQueue<E> {
    heap: BinaryHeap<Entry<E>>,
    /// Frequent events, at most [`SIDE_CAP`], sorted latest first (the earliest last).
    side: Vec<Entry<E>>,
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
            side: Vec::with_capacity(SIDE_CAP),
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
        self.heap.len() + self.side.len()
    }

    /// True when no event is waiting.
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty() && self.side.is_empty()
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
        // `+ 0.0` turns -0.0 into 0.0, whose bits are the smallest.
        let time = time + 0.0;
        let entry = Entry {
            order: (time.to_bits(), key),
            event,
        };
        if entry.event.frequent() && self.side.len() < SIDE_CAP {
            // Kept sorted latest first, so the earliest is at the end. A new event is
            // usually among the latest: search from the front.
            let at = self
                .side
                .iter()
                .position(|e| e.order < entry.order)
                .unwrap_or(self.side.len());
            self.side.insert(at, entry);
        } else {
            self.heap.push(entry);
        }
        Ok(())
    }

    /// True when the side list's earliest event comes before the heap's.
    #[inline]
    fn side_is_next(&self) -> bool {
        match (self.side.last(), self.heap.peek()) {
            (Some(s), Some(h)) => s > h,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }

    /// Remove the next event, advance the clock to its time and return it.
    #[inline]
    pub fn pop(&mut self) -> Option<(f64, E)> {
        self.pop_until(f64::INFINITY)
    }

    /// Remove the next event if it comes at or before `t` (hours), advance the clock to its
    /// time and return it; otherwise leave the queue as it is.
    #[inline]
    pub fn pop_until(&mut self, t: f64) -> Option<(f64, E)> {
        let side = self.side_is_next();
        let next = if side {
            self.side.last()
        } else {
            self.heap.peek()
        };
        if next?.time() > t {
            return None;
        }
        let entry = if side {
            self.side.pop()?
        } else {
            self.heap.pop()?
        };
        let time = entry.time();
        self.now = time;
        self.processed += 1;
        Some((time, entry.event))
    }

    /// Time of the next event, if any.
    pub fn peek_time(&self) -> Option<f64> {
        if self.side_is_next() {
            self.side.last().map(Entry::time)
        } else {
            self.heap.peek().map(Entry::time)
        }
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

    /// Frequent events in the side list pop in exactly the order they would from the heap,
    /// also when the side list is full and the rest spill into the heap.
    #[test]
    fn the_side_list_never_changes_the_order() {
        struct Fe(u8, bool, u32);
        impl Ranked for Fe {
            fn rank(&self) -> u8 {
                self.0
            }
            fn frequent(&self) -> bool {
                self.1
            }
        }
        let mut state = 7u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            state >> 33
        };
        let mut mixed = EventQueue::with_capacity(8);
        let mut plain = EventQueue::with_capacity(8);
        let mut id = 0;
        let (mut got, mut want) = (Vec::new(), Vec::new());
        for round in 0..4000 {
            // Bursts of up to 40 pending events, many at equal times, then some pops.
            for _ in 0..(next() % 5) {
                let t = plain.now() + (next() % 8) as f64 * 0.5;
                let (rank, frequent) = ((next() % 3) as u8, next() % 3 != 0);
                mixed.schedule(t, Fe(rank, frequent, id)).unwrap();
                plain.schedule(t, Ev(rank, id)).unwrap();
                id += 1;
            }
            let pops = if round % 50 == 49 { 40 } else { next() % 4 };
            for _ in 0..pops {
                assert_eq!(mixed.peek_time(), plain.peek_time());
                got.extend(mixed.pop().map(|(t, e)| (t.to_bits(), e.2)));
                want.extend(plain.pop().map(|(t, e)| (t.to_bits(), e.1)));
            }
        }
        assert_eq!(got, want);
        assert!(want.len() > 3000);
    }

    #[test]
    fn pop_until_stops_before_later_events() {
        let mut q = EventQueue::with_capacity(4);
        q.schedule(2.0, Ev(0, 0)).unwrap();
        q.schedule(1.0, Ev(0, 1)).unwrap();
        assert_eq!(q.pop_until(1.0).map(|(t, e)| (t, e.1)), Some((1.0, 1)));
        assert!(q.pop_until(1.5).is_none());
        assert_eq!(q.now(), 1.0);
        assert_eq!(q.len(), 1);
        assert_eq!(q.pop_until(2.0).map(|(t, e)| (t, e.1)), Some((2.0, 0)));
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
