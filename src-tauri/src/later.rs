//! Work that can come later waits for the window's first screen: the sync runner's first round,
//! restarting the demo marketplace and the day's backup each take the disk, the processor or the
//! shell's lock, and none of it is what a person opening the window waits for (issue 15).
//! [`FirstScreen`] is told when the `start` command has answered; [`after_first_screen`] runs
//! the work a moment after that, or after [`AT_MOST`] if the window never asks.

use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How long the window has to draw after its first data came, before later work starts.
pub const SETTLE: Duration = Duration::from_secs(2);

/// The latest later work waits for a window that never asks for its first screen.
pub const AT_MOST: Duration = Duration::from_secs(20);

/// Whether the window has its first screen's data. Cloning shares it.
#[derive(Clone, Default)]
pub struct FirstScreen {
    shared: Arc<(Mutex<bool>, Condvar)>,
}

impl FirstScreen {
    /// The window has the data of its first screen (answered or refused): later work may start
    /// once it has drawn.
    pub fn shown(&self) {
        let (lock, signal) = &*self.shared;
        *lock.lock().unwrap_or_else(PoisonError::into_inner) = true;
        signal.notify_all();
    }

    /// Waits until [`FirstScreen::shown`], at most `at_most`; whether it was shown.
    pub fn wait(&self, at_most: Duration) -> bool {
        let deadline = Instant::now() + at_most;
        let (lock, signal) = &*self.shared;
        let mut shown = lock.lock().unwrap_or_else(PoisonError::into_inner);
        while !*shown {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            shown = signal
                .wait_timeout(shown, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        true
    }
}

/// Runs `work` on a thread of its own once the first screen was shown and `settle` has passed
/// (or `at_most` passed without it).
pub fn after_first_screen(
    first: FirstScreen,
    settle: Duration,
    at_most: Duration,
    work: impl FnOnce() + Send + 'static,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("later".into())
        .spawn(move || {
            if first.wait(at_most) {
                std::thread::sleep(settle);
            } else {
                tracing::warn!("the window did not ask for its first screen; later work starts");
            }
            work();
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};

    /// Later work waits for the first screen and then runs; it does not run before.
    #[test]
    fn later_work_waits_for_the_first_screen() -> Result<(), String> {
        let first = FirstScreen::default();
        let ran = Arc::new(AtomicBool::new(false));
        let theirs = Arc::clone(&ran);
        let thread = after_first_screen(
            first.clone(),
            Duration::ZERO,
            Duration::from_secs(3600),
            move || theirs.store(true, Ordering::SeqCst),
        )
        .map_err(|e| e.to_string())?;
        assert!(!thread.is_finished() && !ran.load(Ordering::SeqCst));
        first.shown();
        thread.join().map_err(|_| "the later thread panicked")?;
        assert!(ran.load(Ordering::SeqCst));
        Ok(())
    }

    /// A window that never asks does not hold the backup and sync back for ever.
    #[test]
    fn later_work_runs_at_the_latest_after_at_most() -> Result<(), String> {
        let first = FirstScreen::default();
        let ran = Arc::new(AtomicBool::new(false));
        let theirs = Arc::clone(&ran);
        after_first_screen(first, Duration::ZERO, Duration::from_millis(1), move || {
            theirs.store(true, Ordering::SeqCst)
        })
        .map_err(|e| e.to_string())?
        .join()
        .map_err(|_| "the later thread panicked")?;
        assert!(ran.load(Ordering::SeqCst));
        Ok(())
    }
}
