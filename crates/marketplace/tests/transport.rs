//! `Top` over real HTTP against a scripted one-connection server on 127.0.0.1: what goes on the wire,
//! and how every way a connection can fail is classified. (The simulator's contract tests are in
//! `contract.rs`; these need no simulator and reach failures it cannot script exactly.)

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use farmstall_marketplace::{
    sign, ListingRef, MarketError, Marketplace, SignMethod, Top, TopConfig,
};

/// What the scripted server does with the one request it receives.
enum Script {
    /// Answers these bytes (a whole HTTP response) and closes.
    Answer(Vec<u8>),
    /// Reads the request and closes without a word.
    Drop,
    /// Reads the request and waits this long before closing.
    Stall(Duration),
}

struct Request {
    head: String,
    body: String,
}

/// Starts a server for one request; returns its base URL and where the request it read arrives.
fn serve(script: Script) -> (String, mpsc::Receiver<Request>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let port = listener
        .local_addr()
        .unwrap_or_else(|e| panic!("{e}"))
        .port();
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else {
            return;
        };
        let request = read_request(&mut stream);
        let _ = tx.send(request);
        match script {
            Script::Answer(bytes) => {
                let _ = stream.write_all(&bytes);
            }
            Script::Drop => {}
            Script::Stall(d) => thread::sleep(d),
        }
    });
    (format!("http://127.0.0.1:{port}"), rx)
}

fn read_request(stream: &mut TcpStream) -> Request {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(end) = find(&data, b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_string();
            let length = head
                .lines()
                .find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                })
                .unwrap_or(0);
            while data.len() < end + 4 + length {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => data.extend_from_slice(&buf[..n]),
                }
            }
            let body = String::from_utf8_lossy(&data[end + 4..]).to_string();
            return Request { head, body };
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => {
                return Request {
                    head: String::from_utf8_lossy(&data).to_string(),
                    body: String::new(),
                }
            }
            Ok(n) => data.extend_from_slice(&buf[..n]),
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn http(status: &str, body: &str) -> Script {
    Script::Answer(
        format!(
            "HTTP/1.1 {status}\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .into_bytes(),
    )
}

fn top(base_url: &str, method: SignMethod, timeout: Duration) -> Top {
    Top::new(TopConfig {
        base_url: base_url.to_string(),
        app_key: "12345678".to_string(),
        secret: "wire-secret-xyz".to_string(),
        session: "wire-session".to_string(),
        sign_method: method,
        timeout,
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

/// Decodes `application/x-www-form-urlencoded` independently of the client's encoder.
fn form_decode(body: &str) -> Vec<(String, String)> {
    fn unescape(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'+' => out.push(b' '),
                b'%' if i + 2 < bytes.len() => {
                    let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("00");
                    out.push(u8::from_str_radix(hex, 16).unwrap_or(0));
                    i += 2;
                }
                b => out.push(b),
            }
            i += 1;
        }
        String::from_utf8(out).unwrap_or_else(|e| panic!("{e}"))
    }
    body.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (unescape(k), unescape(v))
        })
        .collect()
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn received(rx: &mpsc::Receiver<Request>) -> Request {
    rx.recv_timeout(Duration::from_secs(10))
        .unwrap_or_else(|e| panic!("the server got no request: {e}"))
}

fn transport<T: std::fmt::Debug>(result: Result<T, MarketError>) -> String {
    match result {
        Err(e @ MarketError::Transport { .. }) => {
            assert!(e.retryable(), "{e:?}");
            assert_eq!(e.retry_after(), None);
            e.to_string()
        }
        other => panic!("expected Transport, got {other:?}"),
    }
}

#[test]
fn a_call_is_a_signed_form_post_to_router_rest() {
    for method in [SignMethod::Md5, SignMethod::Hmac, SignMethod::HmacSha256] {
        let (url, rx) = serve(http(
            "200 OK",
            r#"{"logistics_offline_send_response":{"shipping":{"is_success":true}}}"#,
        ));
        top(&url, method, Duration::from_secs(10))
            .ship("4001", "SF 12&3", "SF")
            .unwrap_or_else(|e| panic!("{e}"));
        let request = received(&rx);
        let first_line = request.head.lines().next().unwrap_or_default();
        assert_eq!(first_line, "POST /router/rest HTTP/1.1");
        assert!(
            request
                .head
                .to_ascii_lowercase()
                .contains("content-type: application/x-www-form-urlencoded; charset=utf-8"),
            "{}",
            request.head
        );
        let params = form_decode(&request.body);
        assert_eq!(
            param(&params, "method"),
            Some("taobao.logistics.offline.send")
        );
        assert_eq!(param(&params, "app_key"), Some("12345678"));
        assert_eq!(param(&params, "session"), Some("wire-session"));
        assert_eq!(param(&params, "v"), Some("2.0"));
        assert_eq!(param(&params, "format"), Some("json"));
        assert_eq!(param(&params, "sign_method"), Some(method.as_str()));
        assert_eq!(param(&params, "tid"), Some("4001"));
        assert_eq!(param(&params, "out_sid"), Some("SF 12&3"));
        assert_eq!(param(&params, "company_code"), Some("SF"));
        let stamp = param(&params, "timestamp").unwrap_or_default();
        let sent = farmstall_marketplace::time::parse(stamp)
            .unwrap_or_else(|| panic!("timestamp {stamp:?} is not yyyy-MM-dd HH:mm:ss"));
        let skew = (chrono::Utc::now() - sent).num_seconds().abs();
        assert!(
            skew < 60,
            "timestamp {stamp} is {skew} s from now: not UTC+8?"
        );
        // The signature checks out over what arrived (decoded independently of the encoder).
        let signature = param(&params, "sign").unwrap_or_default().to_string();
        assert_eq!(signature, sign(&params, "wire-secret-xyz", method));
        assert!(!request.body.contains("wire-secret-xyz"));
    }
}

#[test]
fn set_stock_sends_one_sku_selector_and_a_full_quantity() {
    let answer = r#"{"item_quantity_update_response":{"item":{"num_iid":1001,"num":42,"modified":"2026-11-28 10:05:00"}}}"#;
    let cases = [
        (ListingRef::listing("1001"), None, None),
        (
            ListingRef {
                num_iid: "1001".into(),
                sku_id: "5001".into(),
                outer_id: "KIWI-5J".into(),
            },
            Some("5001"),
            None,
        ),
        (
            ListingRef {
                num_iid: "1001".into(),
                sku_id: String::new(),
                outer_id: "KIWI-5J".into(),
            },
            None,
            Some("KIWI-5J"),
        ),
    ];
    for (listing, sku_id, outer_id) in cases {
        let (url, rx) = serve(http("200 OK", answer));
        top(&url, SignMethod::Md5, Duration::from_secs(10))
            .set_stock(&listing, 42)
            .unwrap_or_else(|e| panic!("{e}"));
        let params = form_decode(&received(&rx).body);
        assert_eq!(
            param(&params, "method"),
            Some("taobao.item.quantity.update")
        );
        assert_eq!(param(&params, "num_iid"), Some("1001"));
        assert_eq!(param(&params, "sku_id"), sku_id);
        assert_eq!(param(&params, "outer_id"), outer_id);
        assert_eq!(param(&params, "quantity"), Some("42"));
        assert_eq!(param(&params, "type"), Some("1"));
    }
}

#[test]
fn the_window_is_sent_in_utc_plus_8_with_has_next_paging() {
    use chrono::TimeZone;
    let (url, rx) = serve(http(
        "200 OK",
        r#"{"trades_sold_increment_get_response":{"has_next":false,"total_results":0}}"#,
    ));
    let from = chrono::Utc
        .with_ymd_and_hms(2026, 11, 27, 16, 0, 0)
        .single()
        .unwrap_or_default();
    let to = from + chrono::Duration::days(1);
    let page = top(&url, SignMethod::HmacSha256, Duration::from_secs(10))
        .changed_orders(from, to, 3, 100)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(page.orders.is_empty());
    assert!(!page.has_next);
    let params = form_decode(&received(&rx).body);
    assert_eq!(
        param(&params, "method"),
        Some("taobao.trades.sold.increment.get")
    );
    assert_eq!(
        param(&params, "start_modified"),
        Some("2026-11-28 00:00:00")
    );
    assert_eq!(param(&params, "end_modified"), Some("2026-11-29 00:00:00"));
    assert_eq!(param(&params, "page_no"), Some("3"));
    assert_eq!(param(&params, "page_size"), Some("100"));
    assert_eq!(param(&params, "use_has_next"), Some("false"));
}

#[test]
fn http_5xx_is_a_retryable_transport_failure() {
    for status in [
        "500 Internal Server Error",
        "502 Bad Gateway",
        "503 Service Unavailable",
    ] {
        let (url, _rx) = serve(http(status, "<html>oops</html>"));
        let text = transport(top(&url, SignMethod::Md5, Duration::from_secs(10)).order("4001"));
        assert!(text.contains(&status[..3]), "{text}");
    }
}

#[test]
fn a_5xx_carrying_an_error_response_is_still_transport() {
    let (url, _rx) = serve(http(
        "500 Internal Server Error",
        r#"{"error_response":{"code":25,"msg":"Invalid signature"}}"#,
    ));
    transport(top(&url, SignMethod::Md5, Duration::from_secs(10)).order("4001"));
}

#[test]
fn a_body_that_is_not_json_is_transport() {
    let (url, _rx) = serve(http("200 OK", "<html>captive portal</html>"));
    transport(top(&url, SignMethod::Md5, Duration::from_secs(10)).order("4001"));
}

#[test]
fn a_connection_closed_without_an_answer_is_transport() {
    let (url, _rx) = serve(Script::Drop);
    transport(top(&url, SignMethod::Md5, Duration::from_secs(10)).order("4001"));
}

#[test]
fn a_connection_dropped_mid_body_is_transport() {
    let body = r#"{"trade_fullinfo_get_response":{"trade":{"tid":4001,"status":"WAIT_SELL"#;
    // Promises more bytes than it sends, then hangs up.
    let (url, _rx) = serve(Script::Answer(
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 900\r\n\r\n{body}"
        )
        .into_bytes(),
    ));
    transport(top(&url, SignMethod::Md5, Duration::from_secs(10)).order("4001"));

    // Chunked, cut off before the last chunk.
    let (url, _rx) = serve(Script::Answer(
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{body}\r\n",
            body.len()
        )
        .into_bytes(),
    ));
    transport(top(&url, SignMethod::Md5, Duration::from_secs(10)).order("4001"));
}

#[test]
fn no_answer_within_the_timeout_is_transport() {
    let (url, _rx) = serve(Script::Stall(Duration::from_secs(5)));
    let started = std::time::Instant::now();
    let text = transport(top(&url, SignMethod::Md5, Duration::from_millis(300)).order("4001"));
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "the timeout was not applied"
    );
    assert!(text.contains("no answer within 0.3 seconds"), "{text}");
}

#[test]
fn a_refused_connection_is_transport() {
    // Bind and drop to get a port nobody listens on.
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap_or_else(|e| panic!("{e}"))
        .port();
    let text = transport(
        top(
            &format!("http://127.0.0.1:{port}"),
            SignMethod::Md5,
            Duration::from_secs(5),
        )
        .order("4001"),
    );
    assert!(text.contains("could not connect"), "{text}");
    assert!(!text.contains("wire-secret-xyz"));
}
