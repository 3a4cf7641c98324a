//! Request signatures as docs/marketplace.md defines them. Private on purpose: the client crate must
//! compute its own, so that a mistake on one side is caught by the other.

use std::collections::BTreeMap;

use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use sha2::Sha256;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SignMethod {
    Md5,
    HmacMd5,
    HmacSha256,
}

impl SignMethod {
    pub(crate) fn parse(text: &str) -> Option<SignMethod> {
        match text {
            "md5" => Some(SignMethod::Md5),
            "hmac" => Some(SignMethod::HmacMd5),
            "hmac-sha256" => Some(SignMethod::HmacSha256),
            _ => None,
        }
    }
}

/// Every parameter except `sign`, sorted by name in byte order (`BTreeMap<String, _>` orders by bytes),
/// as `name1value1name2value2…`. Empty values are kept: the page says "every parameter".
pub(crate) fn string_to_sign(params: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    for (name, value) in params {
        if name != "sign" {
            out.push_str(name);
            out.push_str(value);
        }
    }
    out
}

/// Uppercase hex of the signature of `params` with `secret`.
pub(crate) fn sign(params: &BTreeMap<String, String>, secret: &str, method: SignMethod) -> String {
    sign_text(&string_to_sign(params), secret, method)
}

/// Uppercase hex of the signature of an already built string to sign.
fn sign_text(text: &str, secret: &str, method: SignMethod) -> String {
    let digest: Vec<u8> = match method {
        SignMethod::Md5 => {
            let mut h = Md5::new();
            h.update(secret.as_bytes());
            h.update(text.as_bytes());
            h.update(secret.as_bytes());
            h.finalize().to_vec()
        }
        SignMethod::HmacMd5 => hmac_bytes::<Hmac<Md5>>(secret, text),
        SignMethod::HmacSha256 => hmac_bytes::<Hmac<Sha256>>(secret, text),
    };
    hex_upper(&digest)
}

fn hmac_bytes<M: Mac + hmac::digest::KeyInit>(secret: &str, text: &str) -> Vec<u8> {
    // HMAC takes a key of any length, so this cannot fail; an empty digest would fail every check.
    match <M as hmac::digest::KeyInit>::new_from_slice(secret.as_bytes()) {
        Ok(mut mac) => {
            mac.update(text.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    }
}

fn hex_upper(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known_params(sign_method: &str) -> BTreeMap<String, String> {
        [
            ("app_key", "12345678"),
            ("method", "taobao.trade.fullinfo.get"),
            ("session", "test-session"),
            ("sign_method", sign_method),
            ("timestamp", "2026-11-28 10:00:00"),
            ("v", "2.0"),
            ("format", "json"),
            ("tid", "4001"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    /// docs/marketplace.md prints the example's string to sign with `timestamp…` before `tid4001`,
    /// but its rule (sorted by name in byte order) puts `tid` first (`d` < `m`), as the platform does.
    /// The rule wins; the client crate reads it the same way.
    #[test]
    fn string_to_sign_sorts_names_in_byte_order() {
        let mut params = known_params("md5");
        params.insert("sign".into(), "IGNORED".into());
        assert_eq!(
            string_to_sign(&params),
            "app_key12345678formatjsonmethodtaobao.trade.fullinfo.getsessiontest-session\
             sign_methodmd5tid4001timestamp2026-11-28 10:00:00v2.0"
        );
        let mut odd = BTreeMap::new();
        for name in ["b", "B", "a_b", "ab", "a"] {
            odd.insert(name.to_string(), "1".to_string());
        }
        assert_eq!(string_to_sign(&odd), "B1a1a_b1ab1b1");
    }

    // Expected values computed independently with Python (3.11):
    //   p = {"app_key": "12345678", "method": "taobao.trade.fullinfo.get", "session": "test-session",
    //        "sign_method": m, "timestamp": "2026-11-28 10:00:00", "v": "2.0", "format": "json",
    //        "tid": "4001"}
    //   s = "".join(k + p[k] for k in sorted(p, key=str.encode))
    //   md5:         hashlib.md5(b"testsecret" + s.encode() + b"testsecret").hexdigest().upper()
    //   hmac:        hmac.new(b"testsecret", s.encode(), hashlib.md5).hexdigest().upper()
    //   hmac-sha256: hmac.new(b"testsecret", s.encode(), hashlib.sha256).hexdigest().upper()
    #[test]
    fn known_answer_md5() {
        assert_eq!(
            sign(&known_params("md5"), "testsecret", SignMethod::Md5),
            "C8CCCB44D69C6C8F77C39C1D65810381"
        );
    }

    #[test]
    fn known_answer_hmac_md5() {
        assert_eq!(
            sign(&known_params("hmac"), "testsecret", SignMethod::HmacMd5),
            "9667E03070514AB1760628F36DFB970D"
        );
    }

    #[test]
    fn known_answer_hmac_sha256() {
        assert_eq!(
            sign(
                &known_params("hmac-sha256"),
                "testsecret",
                SignMethod::HmacSha256
            ),
            "F86C1A70BDC0C0B1C99D67790CD27CF39684EF37C6C12859D1B309D783E147CB"
        );
    }

    /// The hashing alone, on the page's literal string (as printed, `timestamp` before `tid`), against
    /// Python's values for that very string, so that a hashing mistake is told apart from a sorting one.
    #[test]
    fn known_answers_of_the_pages_literal_string() {
        let text = |m: &str| {
            format!(
                "app_key12345678formatjsonmethodtaobao.trade.fullinfo.getsessiontest-session\
                 sign_method{m}timestamp2026-11-28 10:00:00tid4001v2.0"
            )
        };
        assert_eq!(
            sign_text(&text("md5"), "testsecret", SignMethod::Md5),
            "AED31C9C831377FC2D07B2AC719A33DE"
        );
        assert_eq!(
            sign_text(&text("hmac"), "testsecret", SignMethod::HmacMd5),
            "BA033798321E5A566ABA8AEBD13CD1B0"
        );
        assert_eq!(
            sign_text(&text("hmac-sha256"), "testsecret", SignMethod::HmacSha256),
            "280BE0724FBE86381493A1BE8C425204EBEFA58BD2AE1D4E269432ACC46071D3"
        );
    }

    #[test]
    fn sign_method_names() {
        assert_eq!(SignMethod::parse("md5"), Some(SignMethod::Md5));
        assert_eq!(SignMethod::parse("hmac"), Some(SignMethod::HmacMd5));
        assert_eq!(
            SignMethod::parse("hmac-sha256"),
            Some(SignMethod::HmacSha256)
        );
        assert_eq!(SignMethod::parse("HMAC"), None);
        assert_eq!(SignMethod::parse("sha1"), None);
    }
}
