//! The HTTP side: axum routes for the gateway and `/sim/*`, the faults that live in HTTP (latency,
//! 5xx, a connection dropped half way through an answer), and the background buyers' timer.

use std::collections::BTreeMap;
use std::io;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Query, RawQuery, State as Extract};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::stream::{self, StreamExt};
use serde::Deserialize;

use crate::config::Faults;
use crate::gateway;
use crate::model::Fault;
use crate::state::{CallFault, State};

/// What the simulator's threads share: the state behind one lock, and the buyers' rate.
pub(crate) struct Shared {
    state: Mutex<State>,
    pub orders_per_minute: AtomicU32,
}

impl Shared {
    pub fn new(state: State, orders_per_minute: u32) -> Shared {
        Shared {
            state: Mutex::new(state),
            orders_per_minute: AtomicU32::new(orders_per_minute),
        }
    }

    /// The state. A panic while it was held cannot leave it half changed in a way that matters more
    /// than stopping the simulator would, so a poisoned lock is taken as it is.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/router/rest", post(rest))
        .route("/sim/state", get(sim_state))
        .route("/sim/buyers", post(sim_buyers))
        .route("/sim/faults", get(sim_faults).post(set_sim_faults))
        .with_state(shared)
}

/// The background buyers: one new order (attempt) every `60 / orders_per_minute` seconds.
pub(crate) async fn buyer_timer(shared: Arc<Shared>) {
    loop {
        let per_minute = shared.orders_per_minute.load(Ordering::Relaxed);
        if per_minute == 0 {
            tokio::time::sleep(Duration::from_millis(500)).await;
            continue;
        }
        tokio::time::sleep(Duration::from_secs_f64(60.0 / f64::from(per_minute))).await;
        if shared.orders_per_minute.load(Ordering::Relaxed) > 0 {
            shared.lock().tick();
        }
    }
}

/// Form fields (`application/x-www-form-urlencoded`): `+` is a space, `%XX` a byte, UTF-8 (invalid
/// bytes become U+FFFD, which then fails the signature). The first of repeated names wins.
pub(crate) fn parse_form(text: &[u8], into: &mut BTreeMap<String, String>) {
    for pair in text.split(|b| *b == b'&') {
        if pair.is_empty() {
            continue;
        }
        let (name, value) = match pair.iter().position(|b| *b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &b""[..]),
        };
        into.entry(decode(name)).or_insert_with(|| decode(value));
    }
}

fn decode(text: &[u8]) -> String {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'+' => out.push(b' '),
            b'%' => {
                // Two hex digits exactly (`from_str_radix` alone would take "+1").
                let hex = text
                    .get(i + 1..i + 3)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                    .and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(byte) => {
                        out.push(byte);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn rest(
    Extract(shared): Extract<Arc<Shared>>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let mut params = BTreeMap::new();
    parse_form(&body, &mut params);
    if let Some(query) = query {
        parse_form(query.as_bytes(), &mut params);
    }
    let (seq, plan) = shared.lock().arrive(params.clone());
    if plan.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(plan.latency_ms)).await;
    }
    if let Some(CallFault::ServerError(status)) = plan.call {
        if let Some(record) = shared.lock().record_mut(seq) {
            record.http_status = Some(status);
            record.faults.push(Fault::ServerError);
        }
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
        let page = format!(
            "<html><head><title>{status}</title></head><body><h1>{status}</h1><hr>Tengine</body></html>"
        );
        return (status, [(CONTENT_TYPE, "text/html")], page).into_response();
    }
    let drop = plan.call == Some(CallFault::Drop);
    let answer = {
        let mut state = shared.lock();
        let answer = gateway::answer(&mut state, &params, &plan, seq);
        if let Some(record) = state.record_mut(seq) {
            record.http_status = Some(200);
            record.code = answer.code;
            record.sub_code = answer.sub_code.clone();
            record.faults = answer.faults.clone();
            if drop {
                record.faults.push(Fault::Drop);
            }
            record.touched = answer.touched.clone();
        }
        answer
    };
    let bytes = serde_json::to_vec(&answer.body).unwrap_or_default();
    if drop {
        dropped(bytes)
    } else {
        (
            StatusCode::OK,
            [(CONTENT_TYPE, "application/json;charset=UTF-8")],
            bytes,
        )
            .into_response()
    }
}

/// The headers (announcing the full length) and the first half of the body, then the connection is
/// closed: the body stream fails, and hyper aborts the connection. The pause lets the half go out
/// before the failure.
fn dropped(bytes: Vec<u8>) -> Response {
    let length = bytes.len();
    let half = Bytes::from(bytes).slice(..length / 2);
    let first = stream::once(async move { Ok::<Bytes, io::Error>(half) });
    let cut = stream::once(async {
        tokio::time::sleep(Duration::from_millis(20)).await;
        Err(io::Error::new(
            io::ErrorKind::ConnectionAborted,
            "simulated connection drop",
        ))
    });
    (
        StatusCode::OK,
        [
            (CONTENT_TYPE, "application/json;charset=UTF-8".to_string()),
            (CONTENT_LENGTH, length.to_string()),
        ],
        Body::from_stream(first.chain(cut)),
    )
        .into_response()
}

#[derive(Deserialize)]
struct StateQuery {
    requests: Option<usize>,
}

/// How many requests `GET /sim/state` shows when not told.
const STATE_REQUESTS: usize = 200;

async fn sim_state(
    Extract(shared): Extract<Arc<Shared>>,
    Query(query): Query<StateQuery>,
) -> Response {
    let snapshot = shared
        .lock()
        .snapshot(Some(query.requests.unwrap_or(STATE_REQUESTS)));
    Json(snapshot).into_response()
}

#[derive(Deserialize)]
struct BuyersBody {
    steps: usize,
}

async fn sim_buyers(
    Extract(shared): Extract<Arc<Shared>>,
    Json(body): Json<BuyersBody>,
) -> Response {
    Json(shared.lock().buyer_steps(body.steps)).into_response()
}

async fn sim_faults(Extract(shared): Extract<Arc<Shared>>) -> Response {
    Json(shared.lock().faults.clone()).into_response()
}

async fn set_sim_faults(
    Extract(shared): Extract<Arc<Shared>>,
    Json(faults): Json<Faults>,
) -> Response {
    if let Err(why) = faults.validate() {
        return (StatusCode::BAD_REQUEST, why).into_response();
    }
    shared.lock().faults = faults.clone();
    Json(faults).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(text: &str) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        parse_form(text.as_bytes(), &mut out);
        out
    }

    #[test]
    fn form_fields_are_decoded() {
        let f =
            form("timestamp=2026-11-28+10%3A00%3A00&title=%E7%8C%95&a=1&a=2&empty=&bare&bad=%zz%4&plus=%+1");
        assert_eq!(f["timestamp"], "2026-11-28 10:00:00");
        assert_eq!(f["title"], "猕");
        assert_eq!(f["a"], "1");
        assert_eq!(f["empty"], "");
        assert_eq!(f["bare"], "");
        assert_eq!(f["bad"], "%zz%4");
        assert_eq!(f["plus"], "% 1");
    }
}
