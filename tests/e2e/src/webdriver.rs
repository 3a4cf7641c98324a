//! A minimal W3C WebDriver client over blocking HTTP: only the commands the end-to-end tests use.
//!
//! Every call returns a [`Result`]; the test-facing layer in `harness` turns errors into panics with
//! context. A [`Session`] deletes itself when dropped so that a failing test does not leave the app
//! running.

use std::fmt;
use std::time::Duration;

use base64::Engine as _;
use serde_json::{json, Value};

/// The key under which W3C WebDriver returns a web element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// What went wrong with one WebDriver command.
#[derive(Debug)]
pub enum Error {
    /// The server answered with a WebDriver error (`error` is the spec's code, e.g. "no such element").
    WebDriver {
        status: u16,
        error: String,
        message: String,
    },
    /// The request got no answer (connection refused, timeout).
    Transport(String),
    /// The answer did not have the shape the protocol promises.
    Protocol(String),
}

impl Error {
    /// Whether this is the WebDriver error with the given code, e.g. `"stale element reference"`.
    pub fn is(&self, code: &str) -> bool {
        matches!(self, Error::WebDriver { error, .. } if error == code)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::WebDriver {
                status,
                error,
                message,
            } => {
                write!(f, "WebDriver error {status} {error}: {message}")
            }
            Error::Transport(m) => write!(f, "no answer from the WebDriver server: {m}"),
            Error::Protocol(m) => write!(f, "unexpected WebDriver answer: {m}"),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// A connection to one WebDriver server (here: tauri-driver).
#[derive(Clone)]
pub struct Client {
    base: String,
    agent: ureq::Agent,
}

impl Client {
    /// `base` is e.g. `http://127.0.0.1:4444`.
    pub fn new(base: &str) -> Self {
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(5))
            // Creating a session starts the app; on two busy cores that can take a while.
            .timeout_read(Duration::from_secs(90))
            .timeout_write(Duration::from_secs(30))
            // A whole command never takes longer: an app that died while starting (GTK could not
            // open the display once under load) left a session request waiting for ever.
            .timeout(Duration::from_secs(120))
            .build();
        Client {
            base: base.trim_end_matches('/').to_string(),
            agent,
        }
    }

    /// Sends one command and returns the `value` member of the answer.
    fn send(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value> {
        let url = format!("{}{}", self.base, path);
        let request = self.agent.request(method, &url);
        let answer = match body {
            Some(body) => request.send_json(body),
            None => request.call(),
        };
        match answer {
            Ok(response) => {
                let json: Value = response.into_json().map_err(|e| {
                    Error::Protocol(format!("{method} {path}: body is not JSON: {e}"))
                })?;
                Ok(json.get("value").cloned().unwrap_or(Value::Null))
            }
            Err(ureq::Error::Status(status, response)) => {
                let json: Value = response.into_json().unwrap_or(Value::Null);
                let value = json.get("value").cloned().unwrap_or(Value::Null);
                let field = |name: &str| {
                    value
                        .get(name)
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string()
                };
                Err(Error::WebDriver {
                    status,
                    error: field("error"),
                    message: field("message"),
                })
            }
            Err(e) => Err(Error::Transport(format!("{method} {url}: {e}"))),
        }
    }

    /// `GET /status`: answers once the server (and the native driver behind it) is up.
    pub fn status(&self) -> Result<Value> {
        self.send("GET", "/status", None)
    }

    /// Starts a session, which for tauri-driver launches the application.
    pub fn new_session(&self, capabilities: Value) -> Result<Session> {
        let value = self.send(
            "POST",
            "/session",
            Some(json!({ "capabilities": { "alwaysMatch": capabilities } })),
        )?;
        let id = value
            .get("sessionId")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::Protocol(format!("new session without sessionId: {value}")))?;
        Ok(Session {
            client: self.clone(),
            id: id.to_string(),
            deleted: false,
        })
    }
}

/// A reference to an element of the current page.
#[derive(Clone, Debug)]
pub struct Element(String);

impl Element {
    fn from_value(value: &Value) -> Result<Element> {
        value
            .get(ELEMENT_KEY)
            .and_then(Value::as_str)
            .map(|id| Element(id.to_string()))
            .ok_or_else(|| Error::Protocol(format!("not an element reference: {value}")))
    }

    /// The element as a script argument (`arguments[i]` in `execute`).
    pub fn to_json(&self) -> Value {
        serde_json::json!({ ELEMENT_KEY: self.0 })
    }
}

/// One WebDriver session: one running instance of the app.
pub struct Session {
    client: Client,
    id: String,
    deleted: bool,
}

/// Builds the CSS selector for a `data-testid`.
pub fn by_testid(testid: &str) -> String {
    format!("[data-testid=\"{testid}\"]")
}

impl Session {
    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value> {
        let full = format!("/session/{}{}", self.id, path);
        self.client.send(method, &full, body)
    }

    fn element_cmd(
        &self,
        element: &Element,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value> {
        self.cmd(method, &format!("/element/{}{}", element.0, path), body)
    }

    /// The first element matching a CSS selector, or `None` when there is none.
    pub fn find(&self, css: &str) -> Result<Option<Element>> {
        let body = json!({ "using": "css selector", "value": css });
        match self.cmd("POST", "/element", Some(body)) {
            Ok(value) => Element::from_value(&value).map(Some),
            Err(e) if e.is("no such element") => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// All elements matching a CSS selector, in document order.
    pub fn find_all(&self, css: &str) -> Result<Vec<Element>> {
        let body = json!({ "using": "css selector", "value": css });
        let value = self.cmd("POST", "/elements", Some(body))?;
        let items = value
            .as_array()
            .ok_or_else(|| Error::Protocol(format!("find elements answered {value}")))?;
        items.iter().map(Element::from_value).collect()
    }

    /// All elements matching a CSS selector inside `parent`.
    pub fn find_all_in(&self, parent: &Element, css: &str) -> Result<Vec<Element>> {
        let body = json!({ "using": "css selector", "value": css });
        let value = self.element_cmd(parent, "POST", "/elements", Some(body))?;
        let items = value
            .as_array()
            .ok_or_else(|| Error::Protocol(format!("find elements answered {value}")))?;
        items.iter().map(Element::from_value).collect()
    }

    pub fn click(&self, element: &Element) -> Result<()> {
        self.element_cmd(element, "POST", "/click", Some(json!({})))
            .map(drop)
    }

    pub fn clear(&self, element: &Element) -> Result<()> {
        self.element_cmd(element, "POST", "/clear", Some(json!({})))
            .map(drop)
    }

    /// Types `text` into the element; WebDriver key codes such as `\u{E003}` (backspace) work too.
    pub fn send_keys(&self, element: &Element, text: &str) -> Result<()> {
        self.element_cmd(element, "POST", "/value", Some(json!({ "text": text })))
            .map(drop)
    }

    /// The rendered text of the element (what a user sees).
    pub fn text(&self, element: &Element) -> Result<String> {
        match self.element_cmd(element, "GET", "/text", None) {
            Ok(value) => Ok(value.as_str().unwrap_or_default().to_string()),
            Err(e) if e.is("javascript error") => self.inner_text(element),
            Err(e) => Err(e),
        }
    }

    /// The element's `innerText`, through JavaScript. WebKitWebDriver's own text command fails with
    /// "Cannot check the displayedness of a non-Element argument" on some subtrees (the product
    /// form with its `<datalist>`), so [`Session::text`] falls back to this.
    pub fn inner_text(&self, element: &Element) -> Result<String> {
        let value = self.execute(
            "return arguments[0].innerText;",
            json!([{ ELEMENT_KEY: element.0 }]),
        )?;
        Ok(value.as_str().unwrap_or_default().to_string())
    }

    /// An HTML attribute, `None` when absent.
    pub fn attribute(&self, element: &Element, name: &str) -> Result<Option<String>> {
        let value = self.element_cmd(element, "GET", &format!("/attribute/{name}"), None)?;
        Ok(value.as_str().map(str::to_string))
    }

    /// A DOM property as a string (`value` of an input), `None` when null.
    pub fn property(&self, element: &Element, name: &str) -> Result<Option<String>> {
        let value = self.element_cmd(element, "GET", &format!("/property/{name}"), None)?;
        Ok(match value {
            Value::Null => None,
            Value::String(s) => Some(s),
            other => Some(other.to_string()),
        })
    }

    /// Lower-case tag name, e.g. `input` or `select`.
    pub fn tag_name(&self, element: &Element) -> Result<String> {
        let value = self.element_cmd(element, "GET", "/name", None)?;
        Ok(value.as_str().unwrap_or_default().to_ascii_lowercase())
    }

    pub fn is_displayed(&self, element: &Element) -> Result<bool> {
        let value = self.element_cmd(element, "GET", "/displayed", None)?;
        Ok(value.as_bool().unwrap_or(false))
    }

    /// Whether a checkbox is checked or an option selected.
    pub fn is_selected(&self, element: &Element) -> Result<bool> {
        let value = self.element_cmd(element, "GET", "/selected", None)?;
        Ok(value.as_bool().unwrap_or(false))
    }

    /// Loads `url` in the window (the tests use it only to check the harness on a static page).
    pub fn navigate(&self, url: &str) -> Result<()> {
        self.cmd("POST", "/url", Some(json!({ "url": url })))
            .map(drop)
    }

    /// The serialized DOM of the current page.
    pub fn source(&self) -> Result<String> {
        let value = self.cmd("GET", "/source", None)?;
        Ok(value.as_str().unwrap_or_default().to_string())
    }

    pub fn title(&self) -> Result<String> {
        let value = self.cmd("GET", "/title", None)?;
        Ok(value.as_str().unwrap_or_default().to_string())
    }

    /// A PNG of the viewport.
    pub fn screenshot(&self) -> Result<Vec<u8>> {
        let value = self.cmd("GET", "/screenshot", None)?;
        let encoded = value
            .as_str()
            .ok_or_else(|| Error::Protocol(format!("screenshot answered {value}")))?;
        base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .map_err(|e| Error::Protocol(format!("screenshot is not base64: {e}")))
    }

    /// `POST /window/rect`; not every driver supports it.
    pub fn set_window_rect(&self, width: u32, height: u32) -> Result<()> {
        self.cmd(
            "POST",
            "/window/rect",
            Some(json!({ "x": 0, "y": 0, "width": width, "height": height })),
        )
        .map(drop)
    }

    /// Runs synchronous JavaScript in the page and returns its result.
    pub fn execute(&self, script: &str, args: Value) -> Result<Value> {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Ends the session, which closes the app.
    pub fn delete(mut self) -> Result<()> {
        self.deleted = true;
        self.cmd("DELETE", "", None).map(drop)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if !self.deleted {
            // Best effort: the harness kills the whole driver process group afterwards anyway.
            let _ = self.cmd("DELETE", "", None);
        }
    }
}
