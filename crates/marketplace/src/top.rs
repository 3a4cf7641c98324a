//! [`Top`]: the Taobao Open Platform over HTTP (`docs/marketplace.md`, "Requests"): one form-encoded
//! POST per call to `{base}/router/rest`, signed, time-stamped in UTC+8, with a timeout.

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::blocking::Client;
use reqwest::header::CONTENT_TYPE;

use crate::error::{MarketError, Result};
use crate::model::{ChangedPage, ListingRef, PlatformOrder};
use crate::sign::{sign, SignMethod};
use crate::{decode, time, Marketplace};

/// The fields `taobao.trade.fullinfo.get` is asked for: everything [`PlatformOrder`] holds.
const FULLINFO_FIELDS: &str = "tid,status,created,pay_time,modified,buyer_nick,receiver_name,\
receiver_mobile,receiver_state,receiver_city,receiver_district,receiver_address,receiver_zip,post_fee,\
payment,buyer_message,seller_memo,out_sid,company_code,orders";

/// Where and as whom to call the platform. `Debug` hides the secret and the session.
#[derive(Clone)]
pub struct TopConfig {
    /// The gateway's base URL (`https://…`); `/router/rest` is added unless it is already there.
    pub base_url: String,
    pub app_key: String,
    /// Signs every request; never sent, logged or shown.
    pub secret: String,
    /// The shop's authorisation token.
    pub session: String,
    pub sign_method: SignMethod,
    /// For the whole call: connecting, sending and reading the answer.
    pub timeout: Duration,
}

impl fmt::Debug for TopConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TopConfig")
            .field("base_url", &self.base_url)
            .field("app_key", &self.app_key)
            .field("secret", &Hidden(&self.secret))
            .field("session", &Hidden(&self.session))
            .field("sign_method", &self.sign_method)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// Shows whether a credential is set, never what it is.
struct Hidden<'a>(&'a str);

impl fmt::Debug for Hidden<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_empty() {
            "<empty>"
        } else {
            "<hidden>"
        })
    }
}

/// The Taobao Open Platform client. Blocking: call it from a plain thread, never inside an async
/// runtime. It does not retry; see [`MarketError::retryable`].
pub struct Top {
    config: TopConfig,
    endpoint: String,
    client: Client,
}

impl fmt::Debug for Top {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Top")
            .field("endpoint", &self.endpoint)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Top {
    /// A client for `config`. Refuses settings that cannot work (an empty app key, secret or session,
    /// a base URL that is not http(s)) before any call is made.
    pub fn new(config: TopConfig) -> Result<Top> {
        for (value, name) in [
            (&config.app_key, "app key"),
            (&config.secret, "app secret"),
            (&config.session, "session"),
        ] {
            if value.trim().is_empty() {
                return Err(MarketError::Credentials {
                    code: 0,
                    message: format!("the {name} is empty"),
                });
            }
        }
        let endpoint = endpoint(&config.base_url)?;
        let client = Client::builder()
            .timeout(config.timeout)
            .build()
            .map_err(|e| {
                MarketError::transport(format!("could not set up HTTP: {}", root_cause(&e)))
            })?;
        Ok(Top {
            config,
            endpoint,
            client,
        })
    }

    /// The URL every call is posted to.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The full, signed parameter list of a call made at `now` (system parameters, then the method's).
    fn signed_params(
        &self,
        method: &str,
        params: &[(&str, String)],
        now: DateTime<Utc>,
    ) -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> = [
            ("method", method.to_string()),
            ("app_key", self.config.app_key.clone()),
            ("session", self.config.session.clone()),
            ("timestamp", time::format(now)),
            ("v", "2.0".to_string()),
            ("format", "json".to_string()),
            ("sign_method", self.config.sign_method.as_str().to_string()),
        ]
        .into_iter()
        .chain(params.iter().cloned())
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let signature = sign(&all, &self.config.secret, self.config.sign_method);
        all.push(("sign".to_string(), signature));
        all
    }

    /// Posts one call and returns the body of a 2xx answer. Anything short of that is `Transport`.
    fn call(&self, method: &str, params: &[(&str, String)]) -> Result<Vec<u8>> {
        let body = form_encode(&self.signed_params(method, params, Utc::now()));
        let response = self
            .client
            .post(&self.endpoint)
            .header(
                CONTENT_TYPE,
                "application/x-www-form-urlencoded; charset=utf-8",
            )
            .body(body)
            .send()
            .map_err(|e| self.transport_error(&e))?;
        let status = response.status();
        if !status.is_success() {
            return Err(MarketError::transport(format!(
                "the marketplace answered HTTP {status}"
            )));
        }
        let bytes = response.bytes().map_err(|e| self.transport_error(&e))?;
        Ok(bytes.to_vec())
    }

    fn transport_error(&self, e: &reqwest::Error) -> MarketError {
        let message = if e.is_timeout() {
            format!(
                "no answer within {} seconds",
                self.config.timeout.as_secs_f64()
            )
        } else if e.is_connect() {
            format!("could not connect to {}: {}", self.endpoint, root_cause(e))
        } else {
            format!("the connection broke off: {}", root_cause(e))
        };
        MarketError::transport(message)
    }
}

impl Marketplace for Top {
    fn changed_orders(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        page_no: u32,
        page_size: u32,
    ) -> Result<ChangedPage> {
        let body = self.call(
            "taobao.trades.sold.increment.get",
            &[
                ("start_modified", time::format(from)),
                ("end_modified", time::format(to)),
                ("page_no", page_no.to_string()),
                ("page_size", page_size.to_string()),
                // Counted, so that the engine can read the pages from the last to the first.
                ("use_has_next", "false".to_string()),
            ],
        )?;
        decode::changed_page(&body)
    }

    fn order(&self, tid: &str) -> Result<PlatformOrder> {
        let body = self.call(
            "taobao.trade.fullinfo.get",
            &[
                ("tid", tid.to_string()),
                ("fields", FULLINFO_FIELDS.to_string()),
            ],
        )?;
        decode::order(&body)
    }

    fn ship(&self, tid: &str, waybill: &str, courier_code: &str) -> Result<()> {
        let body = self.call(
            "taobao.logistics.offline.send",
            &[
                ("tid", tid.to_string()),
                ("out_sid", waybill.to_string()),
                ("company_code", courier_code.to_string()),
            ],
        )?;
        decode::shipped(&body, tid)
    }

    fn set_stock(&self, listing: &ListingRef, quantity: u32) -> Result<()> {
        let mut params = vec![("num_iid", listing.num_iid.clone())];
        // One SKU selector only: the id when known, else the seller's code.
        if !listing.sku_id.is_empty() {
            params.push(("sku_id", listing.sku_id.clone()));
        } else if !listing.outer_id.is_empty() {
            params.push(("outer_id", listing.outer_id.clone()));
        }
        params.push(("quantity", quantity.to_string()));
        params.push(("type", "1".to_string()));
        let body = self.call("taobao.item.quantity.update", &params)?;
        decode::stock_set(&body)
    }

    fn account(&self) -> String {
        crate::account(&self.config.base_url, &self.config.app_key)
    }
}

/// `{base}/router/rest`, accepting a base that already ends with it (the platform's documented
/// gateway address does).
fn endpoint(base_url: &str) -> Result<String> {
    let base = base_url.trim().trim_end_matches('/');
    check_base_url(base).map_err(|message| MarketError::Rejected {
        code: 0,
        sub_code: String::new(),
        message,
    })?;
    Ok(if base.ends_with("/router/rest") {
        base.to_string()
    } else {
        format!("{base}/router/rest")
    })
}

/// Whether `base_url` may carry the shop's credentials: an `https://` address, or plain `http://`
/// only to this computer, judged on the parsed host (an IPv4 or IPv6 loopback address, or
/// `localhost`), so that `http://127.0.0.1.evil.example` is refused. Err says why in words.
pub fn check_base_url(base_url: &str) -> std::result::Result<(), String> {
    let base = base_url.trim();
    let parsed = match reqwest::Url::parse(base) {
        Ok(parsed) if parsed.has_host() => parsed,
        _ => {
            return Err(format!(
                "the marketplace address {base_url:?} is not a web address (https://): check it in the sync settings"
            ))
        }
    };
    // The parser has already put the host in its canonical form (`0x7f.1` is `127.0.0.1`, an
    // IPv6 address is in brackets); a name is loopback only when it is `localhost` itself.
    let host = parsed.host_str().unwrap_or_default();
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match parsed.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        "http" => Err(format!(
            "the marketplace address {base_url:?} is plain http to another computer: use its https:// address (plain http only to this computer)"
        )),
        _ => Err(format!(
            "the marketplace address {base_url:?} is not a web address (https://): check it in the sync settings"
        )),
    }
}

/// `application/x-www-form-urlencoded` (the WHATWG rules: `*-._` and ASCII letters and digits as
/// they are, space as `+`, every other byte of the UTF-8 as `%XX`).
fn form_encode(params: &[(String, String)]) -> String {
    let mut out = String::new();
    for (i, (name, value)) in params.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode_component(name, &mut out);
        out.push('=');
        encode_component(value, &mut out);
    }
    out
}

fn encode_component(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in text.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0x0f)]));
            }
        }
    }
}

/// The innermost cause of an error: the words that say what actually happened.
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn config() -> TopConfig {
        TopConfig {
            base_url: "http://127.0.0.1:9/".to_string(),
            app_key: "12345678".to_string(),
            secret: "s3cr3t-do-not-show".to_string(),
            session: "sess-do-not-show".to_string(),
            sign_method: SignMethod::Md5,
            timeout: Duration::from_secs(5),
        }
    }

    #[test]
    fn debug_hides_the_secret_and_the_session() {
        let top = Top::new(config()).map_err(|e| e.to_string());
        let texts = [
            format!("{:?}", config()),
            format!("{:#?}", config()),
            format!("{top:?}"),
        ];
        for text in texts {
            assert!(!text.contains("s3cr3t-do-not-show"), "{text}");
            assert!(!text.contains("sess-do-not-show"), "{text}");
            assert!(text.contains("<hidden>"), "{text}");
            assert!(text.contains("12345678"), "{text}");
        }
    }

    #[test]
    fn empty_credentials_are_refused_before_any_call() {
        for (field, name) in [(0, "app key"), (1, "app secret"), (2, "session")] {
            let mut c = config();
            match field {
                0 => c.app_key.clear(),
                1 => c.secret = "  ".to_string(),
                _ => c.session.clear(),
            }
            let Err(err) = Top::new(c) else {
                panic!("an empty {name} was accepted");
            };
            assert!(matches!(err, MarketError::Credentials { .. }), "{err:?}");
            assert!(err.to_string().contains(name), "{err}");
            assert!(!err.retryable());
        }
    }

    #[test]
    fn the_endpoint_is_base_plus_router_rest_once() {
        assert_eq!(
            endpoint("http://127.0.0.1:8080").ok().as_deref(),
            Some("http://127.0.0.1:8080/router/rest")
        );
        assert_eq!(
            endpoint("http://127.0.0.1:8080/").ok().as_deref(),
            Some("http://127.0.0.1:8080/router/rest")
        );
        assert_eq!(
            endpoint("https://eco.taobao.com/router/rest")
                .ok()
                .as_deref(),
            Some("https://eco.taobao.com/router/rest")
        );
        for bad in ["", "eco.taobao.com", "ftp://example.com", "http://"] {
            assert!(endpoint(bad).is_err(), "{bad}");
        }
    }

    /// Regression (issue 10): a prefix check let `http://127.0.0.1.evil.example` carry the
    /// credentials in plain text to another computer.
    #[test]
    fn plain_http_goes_only_to_a_loopback_host() {
        for good in [
            "https://eco.taobao.com",
            "http://127.0.0.1:8080",
            "http://127.0.0.1",
            "http://127.1.2.3:9",
            "http://[::1]:1234",
            "http://localhost:8080",
            "http://LOCALHOST",
        ] {
            assert_eq!(check_base_url(good), Ok(()), "{good}");
        }
        for bad in [
            "http://127.0.0.1.evil.example",
            "http://localhost.evil.example",
            "http://127.0.0.1@evil.example",
            "http://evil.example/127.0.0.1",
            "http://10.0.0.1:8080",
            "http://[::2]:1234",
            "http://example.com",
            "ftp://127.0.0.1",
            "127.0.0.1:8080",
        ] {
            let refused = check_base_url(bad);
            assert!(refused.is_err(), "{bad} was allowed");
            assert!(endpoint(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn form_encoding_escapes_what_the_form_format_requires() {
        let params = vec![
            ("timestamp".to_string(), "2026-11-28 10:00:00".to_string()),
            ("out_sid".to_string(), "SF1&2=3+4".to_string()),
            ("title".to_string(), "猕猴桃".to_string()),
            ("x".to_string(), "a*b-c.d_e~%/".to_string()),
        ];
        assert_eq!(
            form_encode(&params),
            "timestamp=2026-11-28+10%3A00%3A00&out_sid=SF1%262%3D3%2B4&title=%E7%8C%95%E7%8C%B4%E6%A1%83&x=a*b-c.d_e%7E%25%2F"
        );
    }

    #[test]
    fn a_call_carries_the_system_parameters_and_a_signature_of_them() {
        let Ok(top) = Top::new(config()) else {
            panic!("config refused");
        };
        let now = Utc
            .with_ymd_and_hms(2026, 11, 28, 2, 0, 0)
            .single()
            .unwrap_or_default();
        let params = top.signed_params(
            "taobao.trade.fullinfo.get",
            &[("tid", "4001".to_string())],
            now,
        );
        let get = |name: &str| {
            params
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(get("method"), Some("taobao.trade.fullinfo.get"));
        assert_eq!(get("app_key"), Some("12345678"));
        assert_eq!(get("session"), Some("sess-do-not-show"));
        assert_eq!(get("timestamp"), Some("2026-11-28 10:00:00"));
        assert_eq!(get("v"), Some("2.0"));
        assert_eq!(get("format"), Some("json"));
        assert_eq!(get("sign_method"), Some("md5"));
        assert_eq!(get("tid"), Some("4001"));
        let unsigned: Vec<_> = params
            .iter()
            .filter(|(k, _)| k != "sign")
            .cloned()
            .collect();
        assert_eq!(
            get("sign"),
            Some(sign(&unsigned, "s3cr3t-do-not-show", SignMethod::Md5).as_str())
        );
        assert!(params.iter().all(|(_, v)| !v.contains("s3cr3t")));
    }
}
