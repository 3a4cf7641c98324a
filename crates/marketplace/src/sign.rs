//! Request signing (`docs/marketplace.md`, "Requests"): every parameter but `sign`, sorted by name in
//! byte order, concatenated as `name1value1name2value2…`, then hashed with the app secret.

use std::fmt;
use std::str::FromStr;

use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use sha2::Sha256;

/// How requests are signed (the `sign_method` parameter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SignMethod {
    /// `md5`: MD5(secret + string + secret).
    Md5,
    /// `hmac`: HMAC-MD5 keyed by the secret.
    Hmac,
    /// `hmac-sha256`: HMAC-SHA256 keyed by the secret.
    #[default]
    HmacSha256,
}

impl SignMethod {
    pub const ALL: [SignMethod; 3] = [SignMethod::Md5, SignMethod::Hmac, SignMethod::HmacSha256];

    /// The value of the `sign_method` parameter.
    pub fn as_str(self) -> &'static str {
        match self {
            SignMethod::Md5 => "md5",
            SignMethod::Hmac => "hmac",
            SignMethod::HmacSha256 => "hmac-sha256",
        }
    }
}

impl fmt::Display for SignMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SignMethod {
    type Err = String;

    fn from_str(s: &str) -> Result<SignMethod, String> {
        SignMethod::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| format!("unknown sign method {s:?}: use md5, hmac or hmac-sha256"))
    }
}

/// The text that is signed: every parameter except `sign`, sorted by name (byte order), as
/// `name1value1name2value2…`, values as they are (not URL-encoded).
pub fn string_to_sign(params: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = params.iter().filter(|(k, _)| k != "sign").collect();
    // `str` ordering is byte order of the UTF-8, which is what the protocol asks for.
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = String::new();
    for (name, value) in sorted {
        out.push_str(name);
        out.push_str(value);
    }
    out
}

/// The `sign` parameter for `params`: uppercase hex of the digest `method` names.
pub fn sign(params: &[(String, String)], secret: &str, method: SignMethod) -> String {
    digest(&string_to_sign(params), secret, method)
}

/// Uppercase hex of the digest of `text` that `method` names.
fn digest(text: &str, secret: &str, method: SignMethod) -> String {
    let digest: Vec<u8> = match method {
        SignMethod::Md5 => {
            let mut hasher = Md5::new();
            hasher.update(secret.as_bytes());
            hasher.update(text.as_bytes());
            hasher.update(secret.as_bytes());
            hasher.finalize().to_vec()
        }
        SignMethod::Hmac => hmac_digest::<Hmac<Md5>>(secret, text),
        SignMethod::HmacSha256 => hmac_digest::<Hmac<Sha256>>(secret, text),
    };
    upper_hex(&digest)
}

fn hmac_digest<M: Mac + hmac::digest::KeyInit>(secret: &str, text: &str) -> Vec<u8> {
    // HMAC accepts keys of any length, so this never fails; an empty digest would only make the
    // platform refuse the signature (code 25), never panic.
    match <M as hmac::digest::KeyInit>::new_from_slice(secret.as_bytes()) {
        Ok(mut mac) => {
            mac.update(text.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    }
}

fn upper_hex(bytes: &[u8]) -> String {
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

    /// The known answer of docs/marketplace.md, with `sign_method` set to `method`.
    fn example(method: SignMethod) -> Vec<(String, String)> {
        [
            ("app_key", "12345678"),
            ("method", "taobao.trade.fullinfo.get"),
            ("session", "test-session"),
            ("sign_method", method.as_str()),
            ("timestamp", "2026-11-28 10:00:00"),
            ("v", "2.0"),
            ("format", "json"),
            ("tid", "4001"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    /// `tid` sorts before `timestamp` (`d` < `m`); the first draft of docs/marketplace.md printed
    /// them the other way round, which this test would have caught.
    #[test]
    fn the_string_to_sign_follows_the_byte_order_rule() {
        assert_eq!(
            string_to_sign(&example(SignMethod::Md5)),
            "app_key12345678formatjsonmethodtaobao.trade.fullinfo.getsessiontest-sessionsign_methodmd5tid4001timestamp2026-11-28 10:00:00v2.0"
        );
    }

    #[test]
    fn sign_is_left_out_of_the_string_to_sign() {
        let mut params = example(SignMethod::Hmac);
        params.push(("sign".into(), "ABC".into()));
        assert_eq!(
            string_to_sign(&params),
            string_to_sign(&example(SignMethod::Hmac))
        );
        assert_eq!(
            sign(&params, "testsecret", SignMethod::Hmac),
            sign(&example(SignMethod::Hmac), "testsecret", SignMethod::Hmac)
        );
    }

    /// The documented example, signed. Expected values computed independently with Python, sorting
    /// the names with `sorted(p, key=str.encode)` and hashing with
    /// `hashlib.md5(b"testsecret" + s + b"testsecret")`, `hmac.new(b"testsecret", s, hashlib.md5)`,
    /// `hmac.new(b"testsecret", s, hashlib.sha256)`, each `.hexdigest().upper()`.
    #[test]
    fn known_answers_for_each_sign_method() {
        let cases = [
            (SignMethod::Md5, "C8CCCB44D69C6C8F77C39C1D65810381"),
            (SignMethod::Hmac, "9667E03070514AB1760628F36DFB970D"),
            (
                SignMethod::HmacSha256,
                "F86C1A70BDC0C0B1C99D67790CD27CF39684EF37C6C12859D1B309D783E147CB",
            ),
        ];
        for (method, expected) in cases {
            assert_eq!(
                sign(&example(method), "testsecret", method),
                expected,
                "{method}"
            );
        }
    }

    /// The digests alone, of a fixed string (the first draft's mis-sorted one; Python as above, on
    /// that literal string), so that a hashing mistake is told apart from a sorting one.
    #[test]
    fn known_digests_of_a_fixed_string() {
        let printed = |m: &str| {
            format!("app_key12345678formatjsonmethodtaobao.trade.fullinfo.getsessiontest-sessionsign_method{m}timestamp2026-11-28 10:00:00tid4001v2.0")
        };
        let cases = [
            (SignMethod::Md5, "AED31C9C831377FC2D07B2AC719A33DE"),
            (SignMethod::Hmac, "BA033798321E5A566ABA8AEBD13CD1B0"),
            (
                SignMethod::HmacSha256,
                "280BE0724FBE86381493A1BE8C425204EBEFA58BD2AE1D4E269432ACC46071D3",
            ),
        ];
        for (method, expected) in cases {
            assert_eq!(
                digest(&printed(method.as_str()), "testsecret", method),
                expected,
                "{method}"
            );
        }
    }

    #[test]
    fn names_sort_in_byte_order_not_by_insertion_or_case() {
        let params = vec![
            ("b".to_string(), "2".to_string()),
            ("B".to_string(), "1".to_string()),
            ("a_b".to_string(), "4".to_string()),
            ("a".to_string(), "3".to_string()),
        ];
        assert_eq!(string_to_sign(&params), "B1a3a_b4b2");
    }

    #[test]
    fn empty_values_are_signed_like_any_other() {
        let params = vec![
            ("b".to_string(), "2".to_string()),
            ("a".to_string(), String::new()),
        ];
        assert_eq!(string_to_sign(&params), "ab2");
    }

    #[test]
    fn chinese_values_are_signed_as_utf8_not_url_encoded() {
        let params = vec![("title".to_string(), "猕猴桃 5斤".to_string())];
        assert_eq!(string_to_sign(&params), "title猕猴桃 5斤");
    }

    #[test]
    fn sign_methods_parse_from_their_wire_names() {
        for m in SignMethod::ALL {
            assert_eq!(m.as_str().parse::<SignMethod>(), Ok(m));
        }
        assert!("sha1".parse::<SignMethod>().is_err());
    }
}
