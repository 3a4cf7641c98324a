//! Starts a virtual display and tauri-driver, launches the desktop app on a fresh data folder, and
//! offers the waiting, clicking and typing helpers the tests are written with.
//!
//! Only one app runs at a time (a global lock), because the machine is small and the tests must not
//! disturb each other. Every wait polls every 100 ms up to a timeout and panics with the page's text
//! when the condition never holds: no fixed sleeps.

use std::ffi::OsString;
use std::fs::{self, File};
use std::net::TcpListener;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tempfile::TempDir;

use crate::webdriver::{by_testid, Client, Element, Session};

/// How long a wait lasts before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(20);
/// The first screen after a launch may take longer: the webview has to start.
pub const LAUNCH_TIMEOUT: Duration = Duration::from_secs(45);
const POLL: Duration = Duration::from_millis(100);

/// One app (and one Xvfb, one tauri-driver) at a time in this process.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The workspace root, found from this crate's manifest (tests/e2e).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| manifest.to_path_buf())
}

/// The desktop binary under test: `FARMSTALL_DESKTOP_BIN`, or the workspace's debug build.
pub fn desktop_binary() -> PathBuf {
    match std::env::var_os("FARMSTALL_DESKTOP_BIN") {
        Some(path) => PathBuf::from(path),
        None => workspace_root().join("target/debug/farmstall-desktop"),
    }
}

/// Where the tests save screenshots of the main screens.
pub fn screenshot_dir() -> PathBuf {
    workspace_root().join("target/screenshots")
}

/// Where the logs of Xvfb, tauri-driver, WebKitWebDriver and the app go, one file per test.
pub fn log_dir() -> PathBuf {
    workspace_root().join("target/e2e-logs")
}

fn find_program(name: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    // `cargo install` puts tauri-driver here, which is not always on PATH.
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file())
}

fn require_program(name: &str, how: &str) -> PathBuf {
    find_program(name).unwrap_or_else(|| panic!("`{name}` is not installed; {how}"))
}

fn free_port() -> u16 {
    match TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()) {
        Ok(addr) => addr.port(),
        Err(e) => panic!("cannot find a free TCP port: {e}"),
    }
}

/// Sends `signal` to a whole process group (negative pid) with the `kill` program.
fn signal_group(pgid: u32, signal: &str) {
    let _ = Command::new("kill")
        .args([&format!("-{signal}"), "--", &format!("-{pgid}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// Stops a child that leads its own process group: TERM to the group, then KILL after a grace time.
fn stop_group(child: &mut Child, grace: Duration) {
    let pgid = child.id();
    signal_group(pgid, "TERM");
    let deadline = Instant::now() + grace;
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        thread::sleep(POLL);
    }
    // Whatever is left of the group (the native driver, an app that ignored TERM) goes now.
    signal_group(pgid, "KILL");
    let _ = child.wait();
}

fn log_file(path: &Path) -> Stdio {
    match File::options().create(true).append(true).open(path) {
        Ok(f) => Stdio::from(f),
        Err(_) => Stdio::null(),
    }
}

fn tail(path: &Path, max: usize) -> String {
    let text = fs::read_to_string(path).unwrap_or_default();
    let start = text.len().saturating_sub(max);
    let start = (start..text.len())
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(text.len());
    text[start..].to_string()
}

/// A virtual display and a tauri-driver listening on it; both are stopped on drop.
pub struct Desktop {
    xvfb: Child,
    driver: Child,
    display: u32,
    client: Client,
    log: PathBuf,
}

impl Desktop {
    /// Starts Xvfb on the first free display from :91 and tauri-driver on a free port.
    /// `home` becomes the HOME of everything started, so the app cannot touch a real user's files.
    pub fn start(log: &Path, home: &Path) -> Desktop {
        Desktop::start_with_env(log, home, &[])
    }

    /// [`Desktop::start`] with more environment for tauri-driver, which the native driver and the
    /// app it launches inherit (a `PATH` without some programs, for one).
    pub fn start_with_env(log: &Path, home: &Path, env: &[(&str, OsString)]) -> Desktop {
        let xvfb_bin = require_program("Xvfb", "install the Debian package `xvfb`");
        let driver_bin = require_program(
            "tauri-driver",
            "run `cargo install tauri-driver --version '^2' --locked` (it goes to ~/.cargo/bin)",
        );
        let native = require_program(
            "WebKitWebDriver",
            "install the Debian package `webkit2gtk-driver`",
        );

        let (xvfb, display) = start_xvfb(&xvfb_bin, log);
        let mut desktop_parts = Some(xvfb);
        let mut last_error = String::new();
        // A port found free can be taken before tauri-driver binds it; try a few.
        for _ in 0..3 {
            let port = free_port();
            let native_port = free_port();
            let spawned = Command::new(&driver_bin)
                .args([
                    "--port",
                    &port.to_string(),
                    "--native-port",
                    &native_port.to_string(),
                ])
                .arg("--native-driver")
                .arg(&native)
                .env("DISPLAY", format!(":{display}"))
                .env_remove("WAYLAND_DISPLAY")
                .env("HOME", home)
                .envs(env.iter().map(|(k, v)| (*k, v)))
                .stdin(Stdio::null())
                .stdout(log_file(log))
                .stderr(log_file(log))
                .process_group(0)
                .spawn();
            let mut driver = match spawned {
                Ok(child) => child,
                Err(e) => panic!("cannot start {}: {e}", driver_bin.display()),
            };
            let client = Client::new(&format!("http://127.0.0.1:{port}"));
            match wait_for_status(&client, &mut driver) {
                Ok(()) => {
                    let xvfb = match desktop_parts.take() {
                        Some(x) => x,
                        None => panic!("Xvfb handle lost"),
                    };
                    return Desktop {
                        xvfb,
                        driver,
                        display,
                        client,
                        log: log.to_path_buf(),
                    };
                }
                Err(e) => {
                    last_error = e;
                    stop_group(&mut driver, Duration::from_secs(2));
                }
            }
        }
        if let Some(mut xvfb) = desktop_parts {
            stop_group(&mut xvfb, Duration::from_secs(5));
        }
        panic!(
            "tauri-driver did not answer /status: {last_error}\nlog {}:\n{}",
            log.display(),
            tail(log, 3000)
        );
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn display(&self) -> u32 {
        self.display
    }

    pub fn log(&self) -> &Path {
        &self.log
    }
}

impl Drop for Desktop {
    fn drop(&mut self) {
        stop_group(&mut self.driver, Duration::from_secs(3));
        // TERM lets Xvfb remove its lock file and socket, so the display number can be reused.
        stop_group(&mut self.xvfb, Duration::from_secs(5));
    }
}

fn start_xvfb(xvfb_bin: &Path, log: &Path) -> (Child, u32) {
    for display in 91..200u32 {
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{display}"));
        let lock = PathBuf::from(format!("/tmp/.X{display}-lock"));
        if socket.exists() || lock.exists() {
            continue;
        }
        let spawned = Command::new(xvfb_bin)
            .arg(format!(":{display}"))
            .args(["-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdin(Stdio::null())
            .stdout(log_file(log))
            .stderr(log_file(log))
            .process_group(0)
            .spawn();
        let mut child = match spawned {
            Ok(child) => child,
            Err(e) => panic!("cannot start {}: {e}", xvfb_bin.display()),
        };
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if socket.exists() {
                return (child, display);
            }
            if let Ok(Some(_)) = child.try_wait() {
                break; // display taken by someone else meanwhile: try the next one
            }
            if Instant::now() > deadline {
                stop_group(&mut child, Duration::from_secs(2));
                break;
            }
            thread::sleep(POLL);
        }
    }
    panic!(
        "could not start Xvfb on any display :91..:199; log {}:\n{}",
        log.display(),
        tail(log, 2000)
    );
}

fn wait_for_status(client: &Client, driver: &mut Child) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut last = String::new();
    while Instant::now() < deadline {
        if let Ok(Some(status)) = driver.try_wait() {
            return Err(format!("tauri-driver exited with {status}"));
        }
        match client.status() {
            Ok(value) if value.get("ready").and_then(Value::as_bool) != Some(false) => {
                return Ok(())
            }
            Ok(value) => last = format!("not ready: {value}"),
            Err(e) => last = e.to_string(),
        }
        thread::sleep(POLL);
    }
    Err(format!("timed out after 20 s; last answer: {last}"))
}

/// The running desktop app on its own data folder, driven through WebDriver.
///
/// Fields drop in order: the session (closes the app), then the desktop (driver and display), then the
/// temporary folders, then the lock that lets the next test start.
pub struct App {
    session: Option<Session>,
    desktop: Desktop,
    data_dir: PathBuf,
    _root: TempDir,
    name: String,
    _lock: MutexGuard<'static, ()>,
}

impl App {
    /// Starts a fresh app on a new, empty data folder. `name` names its log file.
    pub fn launch(name: &str) -> App {
        App::launch_with_env(name, &[])
    }

    /// [`App::launch`] with more environment for the app (see [`Desktop::start_with_env`]).
    pub fn launch_with_env(name: &str, env: &[(&str, OsString)]) -> App {
        // A test that panicked poisons the lock; the next one may still run.
        let lock = ONE_AT_A_TIME
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let binary = desktop_binary();
        if !binary.is_file() {
            panic!(
                "the desktop binary {} does not exist: run `make e2e` (it builds ui/dist and \
                 `make desktop` first), or set FARMSTALL_DESKTOP_BIN",
                binary.display()
            );
        }
        let root = match tempfile::Builder::new().prefix("farmstall-e2e-").tempdir() {
            Ok(dir) => dir,
            Err(e) => panic!("cannot create a temporary folder: {e}"),
        };
        let data_dir = root.path().join("data");
        let home = root.path().join("home");
        for dir in [&data_dir, &home] {
            if let Err(e) = fs::create_dir_all(dir) {
                panic!("cannot create {}: {e}", dir.display());
            }
        }
        let logs = log_dir();
        if let Err(e) = fs::create_dir_all(&logs) {
            panic!("cannot create {}: {e}", logs.display());
        }
        let log = logs.join(format!("{name}.log"));
        let _ = fs::remove_file(&log);
        let desktop = Desktop::start_with_env(&log, &home, env);
        let mut app = App {
            session: None,
            desktop,
            data_dir,
            _root: root,
            name: name.to_string(),
            _lock: lock,
        };
        app.open_session("app-shell");
        app
    }

    fn open_session(&mut self, first_testid: &str) {
        let capabilities = json!({
            "browserName": "wry",
            "tauri:options": {
                "application": desktop_binary(),
                "args": ["--data-dir", self.data_dir],
            }
        });
        // One more try when the app could not start: on a loaded machine GTK has once failed to
        // open the display for a second launch; a second failure is real.
        let session = match self
            .desktop
            .client()
            .new_session(capabilities.clone())
            .or_else(|first| {
                eprintln!(
                    "[{}] the app did not start ({first}); trying once more",
                    self.name
                );
                self.desktop.client().new_session(capabilities)
            }) {
            Ok(s) => s,
            Err(e) => panic!(
                "[{}] cannot start the app through tauri-driver: {e}\nlog {}:\n{}",
                self.name,
                self.desktop.log().display(),
                tail(self.desktop.log(), 3000)
            ),
        };
        // WebKitWebDriver may not support resizing; the Xvfb screen is 1280x800 anyway.
        let _ = session.set_window_rect(1280, 800);
        self.session = Some(session);
        // Every test's first action waits for the first screen, so a crash at start shows up here.
        self.wait_until(&format!("{first_testid} to load"), LAUNCH_TIMEOUT, |s| {
            s.find(&by_testid(first_testid)).ok().flatten()
        });
    }

    /// Closes the app (ending the session) and starts it again on the same data folder.
    pub fn restart(&mut self) {
        self.restart_expecting("app-shell");
    }

    /// Closes the app and starts it again, waiting for `first_testid` (e.g. `db-error`) instead
    /// of the normal app shell.
    pub fn restart_expecting(&mut self, first_testid: &str) {
        self.close();
        self.open_session(first_testid);
    }

    /// Closes the app, leaving the data folder for the test to change.
    pub fn close(&mut self) {
        if let Some(session) = self.session.take() {
            if let Err(e) = session.delete() {
                panic!("[{}] closing the app failed: {e}", self.name);
            }
        }
    }

    pub fn session(&self) -> &Session {
        match &self.session {
            Some(s) => s,
            None => panic!("[{}] the app is not running", self.name),
        }
    }

    /// The folder passed as `--data-dir`.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join("farmstall.db")
    }

    /// Polls `probe` every 100 ms until it returns `Some`, or panics after `timeout` with what it
    /// waited for and a snippet of the page.
    pub fn wait_until<T>(
        &self,
        what: &str,
        timeout: Duration,
        mut probe: impl FnMut(&Session) -> Option<T>,
    ) -> T {
        let session = self.session();
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(found) = probe(session) {
                return found;
            }
            if Instant::now() >= deadline {
                panic!(
                    "[{}] timed out after {:?} waiting for {what}\n--- page ---\n{}\n--- log tail ({}) ---\n{}",
                    self.name,
                    timeout,
                    self.page_snippet(),
                    self.desktop.log().display(),
                    tail(self.desktop.log(), 1500)
                );
            }
            thread::sleep(POLL);
        }
    }

    /// The visible text and the start of the body's HTML, for failure messages.
    pub fn page_snippet(&self) -> String {
        let Some(session) = &self.session else {
            return "(no session)".into();
        };
        let text = self
            .try_body_text()
            .unwrap_or_else(|| "(no body text)".into());
        let source = session.source().unwrap_or_default();
        let body = source
            .find("<body")
            .map(|i| &source[i..])
            .unwrap_or(&source);
        let mut html: String = body.chars().take(3000).collect();
        if body.chars().count() > 3000 {
            html.push_str(" …");
        }
        let text: String = text.chars().take(1500).collect();
        format!("text:\n{text}\nhtml:\n{html}")
    }

    fn try_body_text(&self) -> Option<String> {
        let session = self.session.as_ref()?;
        let body = session.find("body").ok()??;
        session.text(&body).ok()
    }

    /// The whole visible text of the window.
    pub fn body_text(&self) -> String {
        self.wait_until("the page body", TIMEOUT, |_| self.try_body_text())
    }

    fn displayed(session: &Session, testid: &str) -> Option<Element> {
        let element = session.find(&by_testid(testid)).ok()??;
        session.is_displayed(&element).ok()?.then_some(element)
    }

    /// Whether an element with this test id is on screen right now (no waiting).
    pub fn is_visible(&self, testid: &str) -> bool {
        Self::displayed(self.session(), testid).is_some()
    }

    /// Waits until an element with this test id is displayed and returns it.
    pub fn wait_for(&self, testid: &str) -> Element {
        self.wait_for_within(testid, TIMEOUT)
    }

    pub fn wait_for_within(&self, testid: &str, timeout: Duration) -> Element {
        self.wait_until(
            &format!("[data-testid=\"{testid}\"] to be displayed"),
            timeout,
            |s| Self::displayed(s, testid),
        )
    }

    /// Waits until no element with this test id is displayed.
    pub fn wait_gone(&self, testid: &str) {
        self.wait_until(
            &format!("[data-testid=\"{testid}\"] to disappear"),
            TIMEOUT,
            |s| Self::displayed(s, testid).is_none().then_some(()),
        )
    }

    /// Waits for an error element (`error-<form>-<field>`, `form-error`) that shows a message.
    pub fn wait_for_error(&self, testid: &str) -> String {
        self.wait_until(
            &format!("error [data-testid=\"{testid}\"] to show a message"),
            TIMEOUT,
            |s| {
                let element = Self::displayed(s, testid)?;
                let text = s.text(&element).ok()?;
                (!text.trim().is_empty()).then_some(text)
            },
        )
    }

    /// Whether an error element shows a message right now.
    pub fn error_shown(&self, testid: &str) -> bool {
        let session = self.session();
        Self::displayed(session, testid)
            .and_then(|e| session.text(&e).ok())
            .is_some_and(|t| !t.trim().is_empty())
    }

    /// Clicks the element with this test id once it is displayed and clickable.
    pub fn click(&self, testid: &str) {
        let mut last = String::new();
        let clicked = self.wait_until_opt(
            &format!("[data-testid=\"{testid}\"] to be clickable"),
            |s| Self::try_click(s, &Self::displayed(s, testid)?, &mut last),
        );
        if clicked.is_none() {
            panic!(
                "[{}] could not click [data-testid=\"{testid}\"]: {last}\n{}",
                self.name,
                self.page_snippet()
            );
        }
    }

    /// Types a date (`YYYY-MM-DD`) into one of our date fields (`DateField`, a text box that reads
    /// ISO text, not the webview's native picker with its month / day / year segments): what was
    /// there is cleared with real keys as `fill` does, the ISO text typed, then the value checked.
    pub fn fill_date(&self, testid: &str, iso: &str) {
        let parts: Vec<&str> = iso.split('-').collect();
        let [year, month, day] = parts[..] else {
            panic!("fill_date wants YYYY-MM-DD, not {iso:?}");
        };
        self.fill(testid, &format!("{year}-{month}-{day}"));
        self.wait_value(testid, iso);
    }

    /// One click. When WebKit refuses it (stale after a re-render, covered for a moment, or
    /// below the fold of a scrolled panel it does not scroll by itself), the element is brought to
    /// the middle of the view for the next try and the reason is kept in `last`.
    fn try_click(s: &Session, element: &Element, last: &mut String) -> Option<()> {
        match s.click(element) {
            Ok(()) => Some(()),
            Err(e) => {
                *last = e.to_string();
                let _ = s.execute(
                    "arguments[0].scrollIntoView({ block: 'center' });",
                    serde_json::json!([element.to_json()]),
                );
                None
            }
        }
    }

    /// Clicks the `button` inside the first row `row` whose text contains `needle`.
    pub fn click_in_row(&self, row: &str, needle: &str, button: &str) {
        let mut last = String::new();
        let clicked = self.wait_until_opt(&format!("{button} in the {row} with {needle}"), |s| {
            let rows = s.find_all(&by_testid(row)).ok()?;
            let found = rows
                .into_iter()
                .find(|r| s.text(r).is_ok_and(|t| t.contains(needle)))?;
            let target = s
                .find_all_in(&found, &by_testid(button))
                .ok()?
                .into_iter()
                .next()?;
            Self::try_click(s, &target, &mut last)
        });
        if clicked.is_none() {
            panic!(
                "[{}] could not click [data-testid=\"{button}\"] in the [data-testid=\"{row}\"] with {needle:?}: {last}\n{}",
                self.name,
                self.page_snippet()
            );
        }
    }

    fn wait_until_opt<T>(
        &self,
        _what: &str,
        mut probe: impl FnMut(&Session) -> Option<T>,
    ) -> Option<T> {
        let session = self.session();
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(found) = probe(session) {
                return Some(found);
            }
            if Instant::now() >= deadline {
                return None;
            }
            thread::sleep(POLL);
        }
    }

    /// The `value` of an input or select.
    pub fn value(&self, testid: &str) -> String {
        self.wait_until(
            &format!("the value of [data-testid=\"{testid}\"]"),
            TIMEOUT,
            |s| {
                let element = Self::displayed(s, testid)?;
                s.property(&element, "value")
                    .ok()
                    .map(Option::unwrap_or_default)
            },
        )
    }

    /// Waits until an input's value equals `expected` (forms load their values asynchronously).
    /// For a searching picker (an input with role="combobox"), the value is the chosen id in its
    /// `data-value`, not the name its box shows.
    pub fn wait_value(&self, testid: &str, expected: &str) {
        let mut seen = String::new();
        let found = self.wait_until_opt("value", |s| {
            let element = Self::displayed(s, testid)?;
            seen = if Self::is_combobox(s, &element) {
                s.attribute(&element, "data-value").ok()??
            } else {
                s.property(&element, "value").ok()??
            };
            (seen == expected).then_some(())
        });
        if found.is_none() {
            panic!(
                "[{}] [data-testid=\"{testid}\"] has value {seen:?}, expected {expected:?}\n{}",
                self.name,
                self.page_snippet()
            );
        }
    }

    /// Replaces the value of an input (by typing, as a user would) or chooses an option of a select
    /// (by value or visible text), then checks the field shows it.
    pub fn fill(&self, testid: &str, text: &str) {
        let session = self.session();
        let element = self.wait_for(testid);
        let tag = match session.tag_name(&element) {
            Ok(tag) => tag,
            Err(e) => panic!(
                "[{}] cannot read the tag of [data-testid=\"{testid}\"]: {e}",
                self.name
            ),
        };
        if tag == "select" {
            self.choose(testid, &element, text);
            return;
        }
        if Self::is_combobox(session, &element) {
            self.pick(testid, text);
            return;
        }
        let current = session
            .property(&element, "value")
            .ok()
            .flatten()
            .unwrap_or_default();
        if !current.is_empty() {
            // Select all and delete with real key events so that React sees an input event
            // (WebDriver's clear only fires `change`, which React ignores for its state).
            let _ = session.click(&element);
            let _ = session.send_keys(&element, "\u{E009}a\u{E000}\u{E003}");
            let now = session
                .property(&element, "value")
                .ok()
                .flatten()
                .unwrap_or_default();
            if !now.is_empty() {
                let _ = session.clear(&element);
            }
        }
        if !text.is_empty() {
            if let Err(e) = session.send_keys(&element, text) {
                panic!(
                    "[{}] cannot type into [data-testid=\"{testid}\"]: {e}",
                    self.name
                );
            }
        }
        self.wait_value(testid, text);
    }

    /// Whether the element is a searching picker (components/Combobox.tsx).
    fn is_combobox(session: &Session, element: &Element) -> bool {
        session
            .attribute(element, "role")
            .ok()
            .flatten()
            .is_some_and(|role| role == "combobox")
    }

    /// The options a searching picker shows now, as (element, value, label); `None` while its list
    /// is closed or being re-rendered.
    fn combobox_options(session: &Session, testid: &str) -> Option<Vec<(Element, String, String)>> {
        let list = session
            .find(&by_testid(&format!("{testid}-listbox")))
            .ok()??;
        let options = session.find_all_in(&list, "[role=\"option\"]").ok()?;
        let mut out = Vec::with_capacity(options.len());
        for option in options {
            let value = session
                .attribute(&option, "data-value")
                .ok()?
                .unwrap_or_default();
            let label = session
                .attribute(&option, "data-label")
                .ok()?
                .unwrap_or_default();
            out.push((option, value, label));
        }
        Some(out)
    }

    /// Chooses in a searching picker as a person does: opens its list (clicking the box), finds the
    /// option whose id (`data-value`) or whole name is `wanted`, clicks it, and checks the picker
    /// holds its id. When the open list does not show it, types the start of `wanted` to search.
    fn pick(&self, testid: &str, wanted: &str) {
        let session = self.session();
        let mut seen: Vec<String> = Vec::new();
        let mut last = String::new();
        let mut find = || {
            self.wait_until_opt(&format!("{wanted:?} in [data-testid=\"{testid}\"]"), |s| {
                let input = Self::displayed(s, testid)?;
                if s.attribute(&input, "aria-expanded").ok()?.as_deref() != Some("true") {
                    // Opens the list; a click on an open list leaves it open.
                    Self::try_click(s, &input, &mut last)?;
                }
                let options = Self::combobox_options(s, testid)?;
                seen = options
                    .iter()
                    .map(|(_, value, label)| format!("{value:?} ({label})"))
                    .collect();
                let (option, value, _) = options
                    .into_iter()
                    .find(|(_, value, label)| value == wanted || label.trim() == wanted)?;
                Self::try_click(s, &option, &mut last)?;
                Some(value)
            })
        };
        let mut chosen = find();
        if chosen.is_none() {
            // Not in the list as opened: search for it by the first characters of its name.
            let element = self.wait_for(testid);
            let start: String = wanted.chars().take(2).collect();
            let _ = session.click(&element);
            let _ = session.send_keys(&element, "\u{E009}a\u{E000}\u{E003}");
            if let Err(e) = session.send_keys(&element, &start) {
                panic!(
                    "[{}] cannot type into [data-testid=\"{testid}\"]: {e}",
                    self.name
                );
            }
            chosen = find();
        }
        let Some(value) = chosen else {
            panic!(
                "[{}] [data-testid=\"{testid}\"] is a combobox with no option {wanted:?} ({last}); options: {}\n{}",
                self.name,
                seen.join(", "),
                self.page_snippet()
            );
        };
        self.wait_value(testid, &value);
    }

    fn choose(&self, testid: &str, select: &Element, wanted: &str) {
        let session = self.session();
        let options = session.find_all_in(select, "option").unwrap_or_default();
        let mut seen = Vec::new();
        for option in &options {
            let value = session
                .property(option, "value")
                .ok()
                .flatten()
                .unwrap_or_default();
            let label = session.text(option).unwrap_or_default();
            if value == wanted || label.trim() == wanted {
                if let Err(e) = session.click(option) {
                    panic!(
                        "[{}] cannot choose {wanted:?} in [data-testid=\"{testid}\"]: {e}",
                        self.name
                    );
                }
                self.wait_value(testid, &value);
                return;
            }
            seen.push(format!("{value:?} ({label})"));
        }
        panic!(
            "[{}] [data-testid=\"{testid}\"] is a <select> with no option {wanted:?}; options: {}",
            self.name,
            seen.join(", ")
        );
    }

    /// Sets a checkbox to `checked` by clicking it if needed.
    pub fn set_checked(&self, testid: &str, checked: bool) {
        let element = self.wait_for(testid);
        let session = self.session();
        if session.is_selected(&element).unwrap_or(false) != checked {
            self.click(testid);
        }
        self.wait_until(
            &format!("[data-testid=\"{testid}\"] to be checked={checked}"),
            TIMEOUT,
            |s| {
                let element = Self::displayed(s, testid)?;
                (s.is_selected(&element).ok()? == checked).then_some(())
            },
        );
    }

    /// The visible text of the element with this test id.
    pub fn text(&self, testid: &str) -> String {
        self.wait_until(
            &format!("the text of [data-testid=\"{testid}\"]"),
            TIMEOUT,
            |s| {
                let element = Self::displayed(s, testid)?;
                s.text(&element).ok()
            },
        )
    }

    /// Waits until the text of the element contains `needle`.
    pub fn wait_text_contains(&self, testid: &str, needle: &str) -> String {
        self.wait_until(
            &format!("[data-testid=\"{testid}\"] to contain {needle:?}"),
            TIMEOUT,
            |s| {
                let element = Self::displayed(s, testid)?;
                let text = s.text(&element).ok()?;
                text.contains(needle).then_some(text)
            },
        )
    }

    /// The texts of all displayed elements with this test id (table rows), read in one go; `None`
    /// while the list is being re-rendered.
    fn try_texts(session: &Session, testid: &str) -> Option<Vec<String>> {
        let elements = session.find_all(&by_testid(testid)).ok()?;
        let mut texts = Vec::with_capacity(elements.len());
        for element in &elements {
            if session.is_displayed(element).ok()? {
                texts.push(session.text(element).ok()?);
            }
        }
        Some(texts)
    }

    /// The texts of the displayed rows with this test id, now.
    pub fn texts(&self, testid: &str) -> Vec<String> {
        self.wait_until(
            &format!("the rows [data-testid=\"{testid}\"]"),
            TIMEOUT,
            |s| Self::try_texts(s, testid),
        )
    }

    /// Waits until the texts of the rows with this test id satisfy `accept`, and returns them.
    pub fn wait_rows(
        &self,
        testid: &str,
        what: &str,
        accept: impl Fn(&[String]) -> bool,
    ) -> Vec<String> {
        let mut last = Vec::new();
        let found = self.wait_until_opt(what, |s| {
            let texts = Self::try_texts(s, testid)?;
            let ok = accept(&texts);
            last = texts;
            ok.then(|| last.clone())
        });
        match found {
            Some(rows) => rows,
            None => panic!(
                "[{}] timed out after {TIMEOUT:?} waiting for rows [data-testid=\"{testid}\"]: {what}\nlast rows: {last:#?}\n{}",
                self.name,
                self.page_snippet()
            ),
        }
    }

    /// Saves a PNG of the window to `target/screenshots/<name>.png` and returns its path.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        let dir = screenshot_dir();
        if let Err(e) = fs::create_dir_all(&dir) {
            panic!("cannot create {}: {e}", dir.display());
        }
        let path = dir.join(format!("{name}.png"));
        // WebKit paints a moment after the DOM changes; without a pause the picture can be a
        // frame behind what the test just waited for.
        thread::sleep(Duration::from_millis(300));
        let png = match self.session().screenshot() {
            Ok(png) => png,
            Err(e) => panic!("[{}] screenshot {name} failed: {e}", self.name),
        };
        if let Err(e) = fs::write(&path, png) {
            panic!("cannot write {}: {e}", path.display());
        }
        path
    }

    /// Number of rows in a table of the app's database, read through a read-only connection.
    pub fn db_count(&self, table: &str) -> i64 {
        // The table name is one of ours, never user input.
        self.db_value(&format!("SELECT count(*) FROM \"{table}\""))
            .parse()
            .unwrap_or(-1)
    }

    /// The first column of the first row of `sql`, as text, read from the shop's database.
    pub fn db_value(&self, sql: &str) -> String {
        let path = self.db_path();
        let flags =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = match rusqlite::Connection::open_with_flags(&path, flags) {
            Ok(conn) => conn,
            Err(e) => panic!(
                "[{}] cannot open {} read-only: {e}",
                self.name,
                path.display()
            ),
        };
        let _ = conn.busy_timeout(Duration::from_secs(5));
        let value = conn.query_row(sql, [], |row| {
            Ok(match row.get_ref(0)? {
                rusqlite::types::ValueRef::Null => String::new(),
                rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                rusqlite::types::ValueRef::Real(x) => x.to_string(),
                rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                    String::from_utf8_lossy(t).into_owned()
                }
            })
        });
        match value {
            Ok(v) => v,
            Err(e) => panic!("[{}] {sql} in {}: {e}", self.name, path.display()),
        }
    }
}
