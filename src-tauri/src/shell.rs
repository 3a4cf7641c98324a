//! The one way a desktop command reaches the shop: [`Shell::run`] takes the open [`App`] and runs a
//! use case on a blocking thread, so that PDF rendering, Argon2 or an export never stalls the async
//! runtime, and catches a panic so that one failed command never takes the others down with it.
//!
//! A panic inside a use case unwinds through its transaction, which rolls back; the lock is taken
//! outside the catch, so it is never poisoned (and a poisoned one would be recovered, not refused).

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use farmstall_app::{App, IpcError};

/// What a command answers the window.
pub type Reply<T> = Result<T, IpcError>;

/// Why the shop's database could not be opened: a code for the UI and the full message.
pub struct OpenFailure {
    pub kind: &'static str,
    pub message: String,
}

/// Opens the shop at `db` as the window's, or says why it could not be opened.
pub fn open_shop(db: &std::path::Path) -> Result<App, OpenFailure> {
    App::open(db, farmstall_app::Origin::Desktop).map_err(|e| OpenFailure {
        kind: e.open_error_kind(),
        message: e.to_string(),
    })
}

/// How long replacing the shop file waits for a sync round in progress to end.
const PAUSE_SYNC_FOR: std::time::Duration = std::time::Duration::from_secs(60);

/// The shell's state: the open shop, or why it could not be opened. Cloning shares it.
#[derive(Clone)]
pub struct Shell {
    app: Arc<Mutex<Result<App, OpenFailure>>>,
    db_path: PathBuf,
}

impl Shell {
    pub fn new(app: Result<App, OpenFailure>, db_path: PathBuf) -> Shell {
        Shell {
            app: Arc::new(Mutex::new(app)),
            db_path,
        }
    }

    /// The database file the shell opened (or tried to).
    pub fn db_path(&self) -> &std::path::Path {
        &self.db_path
    }

    /// Runs `work` on the open shop on a blocking thread; see [`Shell::call`].
    pub async fn run<T, F>(&self, command: &'static str, work: F) -> Reply<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut App) -> farmstall_app::Result<T> + Send + 'static,
    {
        let shell = self.clone();
        blocking(command, move || shell.call(command, work)).await
    }

    /// Runs `work` on the shell's state (the open shop or why it is not open) on a blocking thread.
    pub async fn run_state<T, F>(&self, command: &'static str, work: F) -> Reply<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Result<App, OpenFailure>) -> Reply<T> + Send + 'static,
    {
        let shell = self.clone();
        blocking(command, move || shell.call_state(command, work)).await
    }

    /// Runs `work` on the shop's file with nothing in this program holding it open (a restore,
    /// starting afresh from the demo), on a blocking thread: the sync runner is paused and lets go
    /// of its connection, the window's shop is closed, `work` runs, and the shop is opened again
    /// whatever `work` answered (so a refused restore leaves the window as it was, and a shop
    /// that no longer opens shows why).
    pub async fn replace_shop<T, F>(
        &self,
        command: &'static str,
        sync: farmstall_app::sync::Pauser,
        work: F,
    ) -> Reply<T>
    where
        T: Send + 'static,
        F: FnOnce(&std::path::Path) -> farmstall_app::Result<T> + Send + 'static,
    {
        let shell = self.clone();
        blocking(command, move || {
            let _paused = sync.pause(PAUSE_SYNC_FOR).ok_or_else(|| {
                IpcError::new(
                    "conflict",
                    "sync with the marketplace is in the middle of a round; try again in a minute",
                )
            })?;
            let db = shell.db_path.clone();
            shell.call_state(command, move |state| {
                // Replacing the shop is the owner's, like the other settings behind the PIN; a
                // shop that does not open (the error screen) has no PIN to ask for.
                if let Ok(app) = state.as_mut() {
                    app.require_unlocked().map_err(IpcError::from)?;
                }
                // Close the window's connection: the file is about to change under it.
                *state = Err(OpenFailure {
                    kind: "busy",
                    message: "the shop is being replaced; try again in a moment".to_string(),
                });
                let done = catch_unwind(AssertUnwindSafe(|| work(&db)));
                *state = open_shop(&db);
                match done {
                    Ok(reply) => reply.map_err(IpcError::from),
                    Err(payload) => std::panic::resume_unwind(payload),
                }
            })
        })
        .await
    }

    /// Runs `work` on the open shop on this thread. A shop that could not be opened answers
    /// `unavailable` with the reason; a panic answers [`internal_error`] and leaves the shell
    /// working for the next command.
    pub fn call<T>(
        &self,
        command: &'static str,
        work: impl FnOnce(&mut App) -> farmstall_app::Result<T>,
    ) -> Reply<T> {
        self.call_state(command, |state| match state {
            Ok(app) => work(app).map_err(IpcError::from),
            Err(failure) => Err(IpcError::new("unavailable", failure.message.clone())),
        })
    }

    /// Runs `work` on the shell's state on this thread, catching a panic inside the lock so the
    /// lock is never poisoned by one.
    pub fn call_state<T>(
        &self,
        command: &'static str,
        work: impl FnOnce(&mut Result<App, OpenFailure>) -> Reply<T>,
    ) -> Reply<T> {
        // Nothing panics while the guard is held outside the catch below, so the lock is not
        // poisoned; if it ever were, the shop is still consistent (its transactions roll back).
        let mut guard = self.app.lock().unwrap_or_else(PoisonError::into_inner);
        let state = &mut *guard;
        // A panic meanwhile names this command in its crash report (the hook runs before the
        // unwinding reaches the catch).
        let _scope = farmstall_app::crash::command_scope(command);
        let reply = catch_unwind(AssertUnwindSafe(move || work(state)))
            .unwrap_or_else(|payload| Err(internal_error(command, payload.as_ref())));
        if let Err(error) = &reply {
            log_error(command, error);
        }
        reply
    }
}

/// Runs `work` on a blocking thread of the async runtime and catches a panic in it.
pub async fn blocking<T, F>(command: &'static str, work: F) -> Reply<T>
where
    T: Send + 'static,
    F: FnOnce() -> Reply<T> + Send + 'static,
{
    let task = tauri::async_runtime::spawn_blocking(move || {
        let _scope = farmstall_app::crash::command_scope(command);
        catch_unwind(AssertUnwindSafe(work))
            .unwrap_or_else(|payload| Err(internal_error(command, payload.as_ref())))
    });
    match task.await {
        Ok(reply) => reply,
        Err(error) => {
            tracing::error!(command, "command did not finish: {error}");
            Err(IpcError::new(
                "unavailable",
                format!("Farmstall could not finish {command} ({error}); please try again"),
            ))
        }
    }
}

/// The error a panicking command answers, logged to stderr with the command's name. The kind
/// stays within the IPC contract's kinds (`unavailable`); `rule` "internal" tells it apart.
pub fn internal_error(command: &str, payload: &(dyn Any + Send)) -> IpcError {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no details".to_string());
    // The detail may quote a buyer: the log gets it redacted (the crash report has the rest).
    tracing::error!(
        command,
        detail = %farmstall_app::crash::redact(&detail),
        "command failed unexpectedly"
    );
    let mut error = IpcError::new(
        "unavailable",
        format!(
            "Farmstall hit an internal error in {command} ({detail}); a change it was in the \
             middle of was not saved. The rest of Farmstall keeps working: try again, and if it \
             happens again, restart Farmstall"
        ),
    );
    error.rule = Some("internal".to_string());
    error
}

/// Logs an error a command answered: its name, kind, rule and field, never its words (they may
/// quote what was typed: a buyer's name or phone).
fn log_error(command: &str, error: &IpcError) {
    let rule = error.rule.as_deref().unwrap_or("-");
    let field = error.field.as_deref().unwrap_or("-");
    if error.kind == "validation" || error.kind == "not_found" || error.kind == "conflict" {
        tracing::info!(command, kind = %error.kind, rule, field, "command refused");
    } else {
        tracing::warn!(command, kind = %error.kind, rule, field, "command failed");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use farmstall_app::dto::{FarmerInput, ListQuery};
    use farmstall_app::Origin;

    /// A reply as a test's result: the error's kind and message, so `?` fails the test loudly.
    fn check<T>(reply: Reply<T>) -> Result<T, String> {
        reply.map_err(|e| format!("{}: {}", e.kind, e.message))
    }

    fn shell() -> Result<(tempfile::TempDir, Shell), String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let db_path = dir.path().join("shop.db");
        let app = App::open(&db_path, Origin::Desktop).map_err(|e| e.to_string())?;
        Ok((dir, Shell::new(Ok(app), db_path)))
    }

    fn farmer(name: &str) -> FarmerInput {
        FarmerInput {
            name: name.to_string(),
            village: String::new(),
            phone: String::new(),
            payment_notes: String::new(),
            remarks: String::new(),
        }
    }

    fn farmer_names(shell: &Shell) -> Result<Vec<String>, String> {
        let page = check(shell.call("list_farmers", |app| {
            app.list_farmers(&ListQuery::default())
        }))?;
        Ok(page.items.into_iter().map(|f| f.name).collect())
    }

    /// Regression: a panic inside a command once poisoned the shared lock, and every later command
    /// answered "internal error; please restart".
    #[test]
    fn a_panicking_command_answers_an_error_and_the_next_one_works() -> Result<(), String> {
        let (_dir, shell) = shell()?;
        check(shell.call("create_farmer", |app| app.create_farmer(&farmer("王芳"))))?;

        let error = match shell.call::<()>("pack_order", |_| panic!("amount overflow")) {
            Ok(()) => return Err("a panicking command answered Ok".into()),
            Err(error) => error,
        };
        assert_eq!(error.kind, "unavailable");
        assert_eq!(error.rule.as_deref(), Some("internal"));
        assert!(error.message.contains("pack_order"), "{}", error.message);
        assert!(
            error.message.contains("amount overflow"),
            "{}",
            error.message
        );
        assert!(error.message.contains("not saved"), "{}", error.message);

        assert_eq!(farmer_names(&shell)?, vec!["王芳".to_string()]);
        check(shell.call("create_farmer", |app| app.create_farmer(&farmer("李明"))))?;
        assert_eq!(farmer_names(&shell)?.len(), 2);
        Ok(())
    }

    /// The async path every command takes: the work runs off the runtime's threads, a panic there
    /// is an error, and the following command sees the database.
    #[test]
    fn a_panic_on_the_blocking_thread_leaves_the_shell_working() -> Result<(), String> {
        let (_dir, shell) = shell()?;
        let caller = std::thread::current().id();
        let ran_on = check(tauri::async_runtime::block_on(
            shell.run("get_status", |_| Ok(std::thread::current().id())),
        ))?;
        assert_ne!(ran_on, caller, "the work ran on the caller's thread");

        let panicked = tauri::async_runtime::block_on(
            shell.run::<(), _>("set_pin", |_| panic!("{}", String::from("hash failed"))),
        );
        let error = panicked.err().ok_or("a panicking command answered Ok")?;
        assert!(error.message.contains("hash failed"), "{}", error.message);

        let created = check(tauri::async_runtime::block_on(
            shell.run("create_farmer", |app| app.create_farmer(&farmer("张伟"))),
        ))?;
        assert_eq!(created.name, "张伟");
        assert_eq!(farmer_names(&shell)?, vec!["张伟".to_string()]);
        Ok(())
    }

    #[test]
    fn a_panic_outside_the_shop_is_an_error_too() {
        let reply =
            tauri::async_runtime::block_on(blocking::<(), _>("connect_demo_marketplace", || {
                panic!("port taken")
            }));
        let error = reply.err();
        assert_eq!(
            error.as_ref().and_then(|e| e.rule.as_deref()),
            Some("internal")
        );
    }

    /// Restoring from the window: sync holds its own connection to the shop, yet the restore
    /// goes through (sync lets go meanwhile), the window sees the restored shop at once, and a
    /// file that is no backup is refused with the window's shop as it was.
    #[test]
    fn restoring_replaces_the_shop_under_the_window_and_sync() -> Result<(), String> {
        let (dir, shell) = shell()?;
        let runner = farmstall_app::sync::Runner::start(
            shell.db_path().to_path_buf(),
            std::time::Duration::from_secs(3600),
        );
        check(shell.call("create_farmer", |app| app.create_farmer(&farmer("王芳"))))?;
        let taken = check(shell.call("backup_now", |app| app.backup_now(None)))?;
        check(shell.call("create_farmer", |app| app.create_farmer(&farmer("李明"))))?;
        assert!(runner.wait_idle(std::time::Duration::from_secs(10)));

        let from = PathBuf::from(&taken.backup.path);
        let report = check(tauri::async_runtime::block_on(shell.replace_shop(
            "restore_backup",
            runner.pauser(),
            move |db| farmstall_app::backup::restore(db, &from),
        )))?;
        assert_eq!(report.before.map(|c| c.farmers), Some(2));
        assert_eq!(report.after.farmers, 1);
        assert_eq!(farmer_names(&shell)?, vec!["王芳".to_string()]);

        let junk = dir.path().join("notes.db");
        std::fs::write(&junk, "not a shop").map_err(|e| e.to_string())?;
        let refused = tauri::async_runtime::block_on(shell.replace_shop(
            "restore_backup",
            runner.pauser(),
            move |db| farmstall_app::backup::restore(db, &junk),
        ));
        assert_eq!(refused.err().map(|e| e.kind), Some("conflict".to_string()));
        assert_eq!(farmer_names(&shell)?, vec!["王芳".to_string()]);
        check(shell.call("create_farmer", |app| app.create_farmer(&farmer("张伟"))))?;
        assert_eq!(farmer_names(&shell)?.len(), 2);
        Ok(())
    }

    /// Leaving the demo from the window: sync holds its own connection, yet the demo is kept and
    /// removed, and the window's shop is at once the new, empty one.
    #[test]
    fn leaving_the_demo_gives_the_window_an_empty_shop() -> Result<(), String> {
        let (_dir, shell) = shell()?;
        let runner = farmstall_app::sync::Runner::start(
            shell.db_path().to_path_buf(),
            std::time::Duration::from_secs(3600),
        );
        check(shell.call("load_demo", |app| app.load_demo()))?;
        assert!(check(shell.call("get_status", |app| app.status()))?.is_demo);
        assert!(!farmer_names(&shell)?.is_empty());
        assert!(runner.wait_idle(std::time::Duration::from_secs(10)));

        let left = check(tauri::async_runtime::block_on(shell.replace_shop(
            "leave_demo",
            runner.pauser(),
            farmstall_app::demo::leave,
        )))?;
        assert!(PathBuf::from(&left.backup).is_file());
        assert!(left.demo.farmers > 0);
        let status = check(shell.call("get_status", |app| app.status()))?;
        assert!(!status.has_shop && !status.is_demo);
        assert!(farmer_names(&shell)?.is_empty());

        // The new shop is real: a second leave is refused and the window's shop stays.
        check(shell.call("create_farmer", |app| app.create_farmer(&farmer("王芳"))))?;
        let refused = tauri::async_runtime::block_on(shell.replace_shop(
            "leave_demo",
            runner.pauser(),
            farmstall_app::demo::leave,
        ));
        assert_eq!(refused.err().map(|e| e.kind), Some("conflict".to_string()));
        assert_eq!(farmer_names(&shell)?, vec!["王芳".to_string()]);
        Ok(())
    }

    #[test]
    fn a_shop_that_could_not_be_opened_answers_why() {
        let shell = Shell::new(
            Err(OpenFailure {
                kind: "corrupt",
                message: "the file is damaged".to_string(),
            }),
            PathBuf::from("shop.db"),
        );
        let reply = shell.call("list_farmers", |app| {
            app.list_farmers(&ListQuery::default())
        });
        let error = reply.err();
        assert_eq!(error.as_ref().map(|e| e.kind.as_str()), Some("unavailable"));
        assert_eq!(
            error.as_ref().map(|e| e.message.as_str()),
            Some("the file is damaged")
        );
    }
}
