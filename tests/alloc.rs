//! The event loop does not allocate in steady state: after the first years have sized the
//! queues and the case store, running on allocates (almost) nothing per event.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};

use avesim::model::Quiet;
use avesim::model::world::World;
use avesim::scenario::load_default;

struct Counting;
static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn the_event_loop_is_allocation_free_in_steady_state() {
    let (_, params) = load_default(&[]).unwrap();
    let mut world = World::new(&params, 0, Quiet);
    world.run_until(3.0 * 8760.0);
    let (events_before, allocs_before) = (world.events(), ALLOCATIONS.load(Ordering::Relaxed));
    world.run_until(8.0 * 8760.0);
    let events = world.events() - events_before;
    let allocs = ALLOCATIONS.load(Ordering::Relaxed) - allocs_before;
    assert!(events > 100_000, "{events} events");
    eprintln!("{allocs} allocations in {events} events");
    // Growth of a queue to a new record size may still reallocate, a handful of times.
    assert!(allocs < 100, "{allocs} allocations in {events} events");
}
