//! The background runner: a thread with its own connection to the shop that runs a round every
//! so often or when asked, and records why a round could not start instead of dropping it.

use chrono::{DateTime, Utc};
use farmstall_domain::Origin;
use farmstall_store::sync as store;

use super::LOCAL_ERROR_KIND;
use crate::App;

/// Sync in the background: a thread with its own connection to the shop runs a round every
/// `every`, or at once when asked, so the window never waits for the marketplace. A round that
/// cannot start or stops on a local failure (the database busy or unopenable, the settings
/// unreadable) is in the sync status as kind `local`, never silently skipped.
pub struct Runner {
    shared: std::sync::Arc<Shared>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// When a runner's first round comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstRound {
    /// As soon as the thread starts.
    AtOnce,
    /// When woken ([`Runner::wake`], [`Runner::sync_now`]), or after the runner's `every`.
    WhenWoken,
}

/// What the window's side and the thread share: the state, and the signal that it changed.
struct Shared {
    state: std::sync::Mutex<RunnerState>,
    signal: std::sync::Condvar,
}

#[derive(Default)]
struct RunnerState {
    wake: bool,
    /// The wake came from the owner (not the timer): back-offs are cut short.
    asked: bool,
    stop: bool,
    busy: bool,
    /// Someone needs the shop file to itself (a restore): the thread closes its connection and
    /// waits, running no round, until the hold ends.
    held: u32,
    /// The thread has closed its connection for the hold.
    released: bool,
    /// The thread has ended.
    gone: bool,
}

/// A round that could not start or stopped on a local failure, as the status shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct LocalFailure {
    pub(super) at: DateTime<Utc>,
    pub(super) message: String,
}

/// Local failures by shop file, for failures that cannot be written into the shop itself (its
/// database busy or not opening). Process-wide so the window's own connection reads what the
/// runner's thread saw, whatever shell holds the runner.
static LOCAL_FAILURES: std::sync::Mutex<
    std::collections::BTreeMap<std::path::PathBuf, LocalFailure>,
> = std::sync::Mutex::new(std::collections::BTreeMap::new());

fn failure_key(db: &std::path::Path) -> std::path::PathBuf {
    // realpath, which opens nothing: the same file named two ways is one key.
    std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf())
}

fn note_local_failure(db: &std::path::Path, failure: Option<LocalFailure>) {
    let key = failure_key(db);
    let mut map = LOCAL_FAILURES.lock().unwrap_or_else(|e| e.into_inner());
    match failure {
        Some(f) => {
            map.insert(key, f);
        }
        None => {
            map.remove(&key);
        }
    }
}

/// Forgets the process's note of a failed round for the shop file at `db`: the file was replaced
/// by a new shop (leaving the demo), and the old shop's trouble is not the new one's.
pub(crate) fn forget_local_failure(db: &std::path::Path) {
    note_local_failure(db, None);
}

pub(super) fn local_failure(db: &std::path::Path) -> Option<LocalFailure> {
    let map = LOCAL_FAILURES.lock().unwrap_or_else(|e| e.into_inner());
    map.get(&failure_key(db)).cloned()
}

impl App {
    /// Records a round that failed here: in the shop's sync status when the database takes the
    /// write, and in the process's note for the shop file either way.
    fn record_local_failure(&mut self, message: String) {
        let now = self.sync_at().now;
        let written = self
            .store
            .write(|tx| store::record_attempt(tx, now, LOCAL_ERROR_KIND, &message));
        let failure = LocalFailure { at: now, message };
        note_local_failure(self.db_path(), written.is_err().then_some(failure));
    }

    /// One round as the background runner runs it: what stops it is recorded, never dropped.
    fn background_round(&mut self, asked: bool) {
        let market = match self.marketplace_client() {
            Ok(Some(market)) => market,
            // Nothing to sync with: nothing failed either.
            Ok(None) => {
                note_local_failure(self.db_path(), None);
                return;
            }
            Err(e) => {
                tracing::warn!(
                    kind = %crate::IpcError::from(&e).kind,
                    "sync could not start: the marketplace settings cannot be read"
                );
                self.record_local_failure(format!(
                    "sync could not start: the marketplace settings cannot be read ({e})"
                ));
                return;
            }
        };
        let round = if asked {
            self.sync_now(&market)
        } else {
            self.sync_once(&market)
        };
        match round {
            Ok(_) => note_local_failure(self.db_path(), None),
            Err(e) => self.record_local_failure(format!("sync stopped: {e}")),
        }
    }
}

impl Runner {
    /// Starts the background thread on the shop at `db`, with a round at once.
    pub fn start(db: std::path::PathBuf, every: std::time::Duration) -> Runner {
        Runner::start_in(db, every, None, FirstRound::AtOnce)
    }

    /// Starts the background thread on the shop at `db` without a round: the first comes when
    /// woken ([`Runner::wake`], [`Runner::sync_now`]) or after `every`. The desktop starts it so,
    /// and wakes it once the window has drawn its first screen: the round's connection, reads and
    /// network must not compete with the start.
    pub fn start_later(db: std::path::PathBuf, every: std::time::Duration) -> Runner {
        Runner::start_in(db, every, None, FirstRound::WhenWoken)
    }

    /// Starts the background thread on the shop at `db`, its credentials key in `key_dir`
    /// (tests, portable installs; see `credentials::key_dir`), its first round as `first` says.
    pub fn start_with_key_dir(
        db: std::path::PathBuf,
        every: std::time::Duration,
        key_dir: std::path::PathBuf,
        first: FirstRound,
    ) -> Runner {
        Runner::start_in(db, every, Some(key_dir), first)
    }

    fn start_in(
        db: std::path::PathBuf,
        every: std::time::Duration,
        key_dir: Option<std::path::PathBuf>,
        first: FirstRound,
    ) -> Runner {
        let shared = std::sync::Arc::new(Shared {
            state: std::sync::Mutex::new(RunnerState {
                wake: first == FirstRound::AtOnce,
                ..RunnerState::default()
            }),
            signal: std::sync::Condvar::new(),
        });
        let theirs = std::sync::Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("farmstall-sync".into())
            .spawn(move || {
                // However the thread ends (stopped, a poisoned lock, a panic), a pause waiting
                // for it to let go of the shop learns that it has.
                let _gone = Gone(std::sync::Arc::clone(&theirs));
                let Shared {
                    state: lock,
                    signal,
                } = &*theirs;
                let mut asked;
                let mut app: Option<App> = None;
                loop {
                    {
                        let Ok(mut state) = lock.lock() else { return };
                        let mut waited = false;
                        loop {
                            if state.stop {
                                state.gone = true;
                                signal.notify_all();
                                return;
                            }
                            if state.held > 0 {
                                // Close the connection so the file can be replaced, and wait.
                                app = None;
                                state.released = true;
                                signal.notify_all();
                                state = match signal.wait(state) {
                                    Ok(s) => s,
                                    Err(_) => return,
                                };
                                continue;
                            }
                            state.released = false;
                            if state.wake || waited {
                                break;
                            }
                            state = match signal.wait_timeout(state, every) {
                                Ok((s, _)) => s,
                                Err(_) => return,
                            };
                            waited = true;
                        }
                        state.wake = false;
                        asked = std::mem::take(&mut state.asked);
                        state.busy = true;
                    }
                    // One connection for the thread's life (opened again only after a failure),
                    // rather than one a round. A shop that cannot be opened is tried again next
                    // time, and the status says why meanwhile.
                    if app.is_none() {
                        match App::open(&db, Origin::Sync) {
                            Ok(opened) => {
                                app = Some(match &key_dir {
                                    Some(dir) => opened.with_key_dir(dir),
                                    None => opened,
                                });
                            }
                            Err(e) => {
                                tracing::warn!(
                                    kind = e.open_error_kind(),
                                    "sync could not open the shop"
                                );
                                note_local_failure(
                                &db,
                                Some(LocalFailure {
                                    at: Utc::now(),
                                    message: format!("sync could not open the shop: {e}"),
                                }),
                            )
                            }
                        }
                    }
                    // A round that panics must not leave the window saying "syncing" for ever.
                    let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        if let Some(app) = app.as_mut() {
                            app.background_round(asked);
                        }
                    }));
                    if ok.is_err() {
                        tracing::error!("a sync round panicked; the next round opens the shop again");
                        app = None;
                        note_local_failure(
                            &db,
                            Some(LocalFailure {
                                at: Utc::now(),
                                message: "a sync round failed unexpectedly; it is tried again at the next round".into(),
                            }),
                        );
                    }
                    if let Ok(mut state) = lock.lock() {
                        state.busy = false;
                    }
                    signal.notify_all();
                }
            })
            .ok();
        if thread.is_none() {
            tracing::error!("the sync thread could not start; sync runs only when restarted");
            Gone(std::sync::Arc::clone(&shared)).mark();
        }
        Runner { shared, thread }
    }

    /// Runs a round as soon as the current one (if any) ends, as the timer would (back-offs
    /// kept): the round a [`Runner::start_later`] runner was waiting for.
    pub fn wake(&self) {
        let Shared {
            state: lock,
            signal,
        } = &*self.shared;
        if let Ok(mut state) = lock.lock() {
            state.wake = true;
        }
        signal.notify_all();
    }

    /// Runs a round as soon as the current one (if any) ends; the owner asked, so back-offs
    /// are cut short.
    pub fn sync_now(&self) {
        let Shared {
            state: lock,
            signal,
        } = &*self.shared;
        if let Ok(mut state) = lock.lock() {
            state.wake = true;
            state.asked = true;
        }
        signal.notify_all();
    }

    /// A handle that can pause the runner from any thread (see [`Pauser::pause`]).
    pub fn pauser(&self) -> Pauser {
        Pauser {
            shared: std::sync::Arc::clone(&self.shared),
        }
    }

    /// Whether a round is running now.
    pub fn busy(&self) -> bool {
        self.shared
            .state
            .lock()
            .map(|s| s.busy || s.wake)
            .unwrap_or(false)
    }

    /// Waits until no round is running or asked for (tests), at most `timeout`.
    pub fn wait_idle(&self, timeout: std::time::Duration) -> bool {
        let deadline = std::time::Instant::now() + timeout;
        let Shared {
            state: lock,
            signal,
        } = &*self.shared;
        let Ok(mut state) = lock.lock() else {
            return false;
        };
        while state.busy || state.wake {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return false;
            }
            state = match signal.wait_timeout(state, left) {
                Ok((s, _)) => s,
                Err(_) => return false,
            };
        }
        true
    }
}

/// Marks the runner's thread as ended when dropped.
struct Gone(std::sync::Arc<Shared>);

impl Gone {
    fn mark(&self) {
        let mut state = self
            .0
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        state.gone = true;
        self.0.signal.notify_all();
    }
}

impl Drop for Gone {
    fn drop(&mut self) {
        self.mark();
    }
}

/// Pauses a [`Runner`] from any thread: cloneable, and it outlives nothing it should not.
#[derive(Clone)]
pub struct Pauser {
    shared: std::sync::Arc<Shared>,
}

/// While this lives the runner holds no connection to the shop and runs no round; dropping it
/// lets the runner go on (with a round at once, on the shop as it is then).
pub struct Paused {
    shared: std::sync::Arc<Shared>,
}

impl Pauser {
    /// Asks the runner to close its connection and waits until it has (a round in progress ends
    /// first), at most `timeout`. `None` when the round did not end in time: the runner is not
    /// paused then.
    pub fn pause(&self, timeout: std::time::Duration) -> Option<Paused> {
        let deadline = std::time::Instant::now() + timeout;
        let Shared {
            state: lock,
            signal,
        } = &*self.shared;
        let mut state = lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        state.held += 1;
        signal.notify_all();
        let paused = Paused {
            shared: std::sync::Arc::clone(&self.shared),
        };
        while !state.released && !state.gone {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                drop(state);
                // Dropping `paused` takes the hold back.
                return None;
            }
            state = match signal.wait_timeout(state, left) {
                Ok((s, _)) => s,
                Err(_) => return None,
            };
        }
        Some(paused)
    }
}

impl Drop for Paused {
    fn drop(&mut self) {
        let Shared {
            state: lock,
            signal,
        } = &*self.shared;
        let mut state = lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        state.held = state.held.saturating_sub(1);
        if state.held == 0 {
            state.wake = true;
        }
        drop(state);
        signal.notify_all();
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        {
            let Shared {
                state: lock,
                signal,
            } = &*self.shared;
            if let Ok(mut state) = lock.lock() {
                state.stop = true;
            }
            signal.notify_all();
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
