//! Stopping on request: Ctrl-C (SIGINT), a scheduler's SIGTERM or a closed terminal (SIGHUP)
//! set a flag that long-running work polls, so a run stops between simulated days, removes
//! its unfinished results and exits with 128 + the signal number. A second signal ends the
//! process at once; what it leaves behind is cleaned by the next run in the same folder.
//!
//! Nothing is installed unless the front end calls [`install`]; a library user who does not
//! is never interrupted.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

static SIGNAL: AtomicUsize = AtomicUsize::new(0);
static ARMED: AtomicBool = AtomicBool::new(false);

/// A stop that was asked for, by signal number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interrupted {
    /// The signal (2 = SIGINT, 15 = SIGTERM, 1 = SIGHUP).
    pub signal: i32,
}

impl Interrupted {
    /// The conventional exit code: 128 + the signal number (130 for Ctrl-C).
    pub fn exit_code(self) -> u8 {
        u8::try_from(128 + self.signal).unwrap_or(1)
    }

    /// How people call the signal.
    pub fn name(self) -> &'static str {
        match self.signal {
            1 => "SIGHUP",
            2 => "Ctrl-C (SIGINT)",
            15 => "SIGTERM",
            _ => "a signal",
        }
    }
}

/// Catch SIGINT, SIGTERM and SIGHUP: the first sets the flag, a second ends the process.
#[cfg(unix)]
pub fn install() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::flag;
    for sig in [SIGINT, SIGTERM, SIGHUP] {
        // Order matters: the shutdown check must run before the flag is armed.
        flag::register_conditional_shutdown(sig, 128 + sig, &ARMED)?;
        flag::register_usize(sig, &SIGNAL, sig as usize)?;
        flag::register(sig, &ARMED)?;
    }
    Ok(())
}

/// Elsewhere the platform's default handling stays; the next run cleans up.
#[cfg(not(unix))]
pub fn install() -> std::io::Result<()> {
    Ok(())
}

/// The stop asked for so far, if any.
#[inline]
pub fn requested() -> Option<Interrupted> {
    match SIGNAL.load(Ordering::Relaxed) {
        0 => None,
        s => Some(Interrupted {
            signal: i32::try_from(s).unwrap_or(2),
        }),
    }
}
