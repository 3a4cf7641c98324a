//! A tiny HTTP/1.1 client over `TcpStream` and a signer written for these tests, independent of the
//! simulator's own: what a caller that follows docs/marketplace.md sends and sees.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use chrono::{NaiveDateTime, TimeDelta, Utc};
use farmstall_marketplace_sim::{Config, Listing, Running, ShopConfig};
use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use rust_decimal::Decimal;
use serde_json::Value;
use sha2::Sha256;

pub const APP_KEY: &str = "12345678";
pub const SECRET: &str = "testsecret";
pub const SESSION: &str = "test-session";

/// One shop (the known-answer credentials) with an item without SKUs, an item with two SKUs, tofu.
pub fn shop() -> ShopConfig {
    ShopConfig::new(APP_KEY, SECRET, SESSION)
        .listing(Listing::new(
            1001,
            "KIWI-5J",
            "猕猴桃 5斤装",
            Decimal::new(5980, 2),
            10,
        ))
        .listing(
            Listing::new(
                1002,
                "KIWI-10J-A",
                "猕猴桃 10斤装 特级",
                Decimal::new(12800, 2),
                5,
            )
            .with_sku("10021"),
        )
        .listing(
            Listing::new(
                1002,
                "KIWI-10J-B",
                "猕猴桃 10斤装 一级",
                Decimal::new(8800, 2),
                5,
            )
            .with_sku("10022"),
        )
        .listing(Listing::new(
            1003,
            "TOFU",
            "手工豆腐",
            Decimal::new(800, 2),
            20,
        ))
}

pub fn config(seed: u64) -> Config {
    Config::with_shop(seed, shop())
}

/// What came back.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// HTTP 200 with a JSON body.
    Json(Value),
    /// Any other status, with the body as text.
    Http(u16, String),
    /// The connection closed before the announced body was complete.
    Dropped {
        status: u16,
        got: usize,
        expected: usize,
    },
    /// Nobody listening.
    Refused,
}

impl Reply {
    /// The inner object of a success (`{"x_response": {...}}`), or a panic naming what came instead.
    pub fn ok(&self, response: &str) -> Value {
        match self {
            Reply::Json(v) if v.get(response).is_some() => v[response].clone(),
            other => panic!("expected {response}, got {other:?}"),
        }
    }

    /// The `error_response`, or a panic.
    pub fn error(&self) -> Value {
        match self {
            Reply::Json(v) if v.get("error_response").is_some() => v["error_response"].clone(),
            other => panic!("expected an error_response, got {other:?}"),
        }
    }

    pub fn code(&self) -> i64 {
        self.error()["code"].as_i64().unwrap_or(-1)
    }

    pub fn sub_code(&self) -> String {
        self.error()["sub_code"].as_str().unwrap_or("").to_string()
    }
}

fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn form(params: &[(String, String)]) -> String {
    params
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = body.windows(2).position(|w| w == b"\r\n")?;
        let size =
            usize::from_str_radix(std::str::from_utf8(&body[..line_end]).ok()?.trim(), 16).ok()?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size + 2..)?;
    }
}

/// Sends one request and reads the whole answer (`Connection: close`).
pub fn send(addr: SocketAddr, method: &str, path: &str, content_type: &str, body: &str) -> Reply {
    let Ok(mut stream) = TcpStream::connect(addr) else {
        return Reply::Refused;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(20)));
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    if stream.write_all(request.as_bytes()).is_err() {
        return Reply::Refused;
    }
    let mut raw = Vec::new();
    // A dropped connection may end in a reset: keep what arrived.
    let _ = stream.read_to_end(&mut raw);
    let Some(head_end) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Reply::Dropped {
            status: 0,
            got: raw.len(),
            expected: 0,
        };
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).to_string();
    let body = &raw[head_end + 4..];
    let status: u16 = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let header = |name: &str| {
        head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    };
    let body = if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        match dechunk(body) {
            Some(b) => b,
            None => {
                return Reply::Dropped {
                    status,
                    got: body.len(),
                    expected: 0,
                }
            }
        }
    } else {
        let expected: usize = header("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        if body.len() < expected {
            return Reply::Dropped {
                status,
                got: body.len(),
                expected,
            };
        }
        body[..expected].to_vec()
    };
    if status != 200 {
        return Reply::Http(status, String::from_utf8_lossy(&body).to_string());
    }
    match serde_json::from_slice(&body) {
        Ok(v) => Reply::Json(v),
        Err(_) => Reply::Http(status, String::from_utf8_lossy(&body).to_string()),
    }
}

pub fn get(sim: &Running, path: &str) -> Reply {
    send(sim.addr(), "GET", path, "text/plain", "")
}

pub fn post_json(sim: &Running, path: &str, body: &str) -> Reply {
    send(sim.addr(), "POST", path, "application/json", body)
}

/// The signature as the page defines it, written again here on purpose.
pub fn sign(params: &[(String, String)], secret: &str, sign_method: &str) -> String {
    let mut sorted: Vec<&(String, String)> = params.iter().filter(|(k, _)| k != "sign").collect();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let text: String = sorted.iter().map(|(k, v)| format!("{k}{v}")).collect();
    let bytes: Vec<u8> = match sign_method {
        "md5" => Md5::digest(format!("{secret}{text}{secret}").as_bytes()).to_vec(),
        "hmac" => {
            let mut mac = <Hmac<Md5> as Mac>::new_from_slice(secret.as_bytes())
                .unwrap_or_else(|e| panic!("{e}"));
            mac.update(text.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
        "hmac-sha256" => {
            let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
                .unwrap_or_else(|e| panic!("{e}"));
            mac.update(text.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
        other => panic!("no sign method {other}"),
    };
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// Now in UTC+8 as the platform writes it, from this machine's clock.
pub fn timestamp(offset_seconds: i64) -> String {
    fmt(Utc::now().naive_utc() + TimeDelta::hours(8) + TimeDelta::seconds(offset_seconds))
}

pub fn fmt(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// The system parameters of a call, unsigned.
pub fn system(method: &str, sign_method: &str) -> Vec<(String, String)> {
    [
        ("method", method.to_string()),
        ("app_key", APP_KEY.to_string()),
        ("session", SESSION.to_string()),
        ("timestamp", timestamp(0)),
        ("v", "2.0".to_string()),
        ("format", "json".to_string()),
        ("sign_method", sign_method.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// Sets (or adds) a parameter.
pub fn set(params: &mut Vec<(String, String)>, name: &str, value: &str) {
    match params.iter_mut().find(|(k, _)| k == name) {
        Some(p) => p.1 = value.to_string(),
        None => params.push((name.to_string(), value.to_string())),
    }
}

pub fn unset(params: &mut Vec<(String, String)>, name: &str) {
    params.retain(|(k, _)| k != name);
}

/// Signs `params` with `secret` (replacing any `sign`) and posts them to the gateway.
pub fn post_signed(sim: &Running, mut params: Vec<(String, String)>, secret: &str) -> Reply {
    unset(&mut params, "sign");
    let sign_method = params
        .iter()
        .find(|(k, _)| k == "sign_method")
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| "md5".to_string());
    let sign = sign(&params, secret, &sign_method);
    params.push(("sign".to_string(), sign));
    post_raw(sim, &params)
}

/// Posts `params` to the gateway as they are.
pub fn post_raw(sim: &Running, params: &[(String, String)]) -> Reply {
    send(
        sim.addr(),
        "POST",
        "/router/rest",
        "application/x-www-form-urlencoded; charset=utf-8",
        &form(params),
    )
}

/// A signed call of the test shop with `md5`.
pub fn call(sim: &Running, method: &str, args: &[(&str, &str)]) -> Reply {
    call_with(sim, method, "md5", args)
}

pub fn call_with(sim: &Running, method: &str, sign_method: &str, args: &[(&str, &str)]) -> Reply {
    let mut params = system(method, sign_method);
    for (k, v) in args {
        set(&mut params, k, v);
    }
    post_signed(sim, params, SECRET)
}

pub const INCREMENT: &str = "taobao.trades.sold.increment.get";
pub const FULLINFO: &str = "taobao.trade.fullinfo.get";
pub const SEND: &str = "taobao.logistics.offline.send";
pub const QUANTITY: &str = "taobao.item.quantity.update";
