//! Alibaba Cloud request signatures: v3 (ACS3-HMAC-SHA256, the default) and v1 (RPC
//! HMAC-SHA1). Pure functions over the request parts; both reproduce the published
//! vectors in the tests below.

use crate::http::pct;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

pub const V3_ALGORITHM: &str = "ACS3-HMAC-SHA256";
pub const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn hmac_sha256_hex(key: &[u8], data: &[u8]) -> String {
    // new_from_slice never fails for HMAC (any key length); the fallback keeps this total.
    match Hmac::<Sha256>::new_from_slice(key) {
        Ok(mut m) => {
            m.update(data);
            hex::encode(m.finalize().into_bytes())
        }
        Err(_) => String::new(),
    }
}

/// `name=value` pairs, RFC 3986-encoded, sorted by encoded name then value, joined by `&`.
pub fn canonical_query(pairs: &[(String, String)]) -> String {
    let mut enc: Vec<(String, String)> = pairs.iter().map(|(k, v)| (pct(k), pct(v))).collect();
    enc.sort();
    enc.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
}

pub struct V3 {
    pub signed_headers: String,
    pub canonical_request: String,
    pub signature: String,
}

/// `headers` are the headers to sign (any case); they are lower-cased, trimmed and sorted.
pub fn sign_v3(method: &str, query: &[(String, String)], headers: &[(String, String)], payload_hash: &str, secret: &str) -> V3 {
    let mut h: Vec<(String, String)> = headers.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.trim().to_string())).collect();
    h.sort();
    let canonical_headers: String = h.iter().map(|(k, v)| format!("{k}:{v}\n")).collect();
    let signed_headers = h.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>().join(";");
    let canonical_request =
        format!("{method}\n/\n{}\n{canonical_headers}\n{signed_headers}\n{payload_hash}", canonical_query(query));
    let string_to_sign = format!("{V3_ALGORITHM}\n{}", sha256_hex(canonical_request.as_bytes()));
    let signature = hmac_sha256_hex(secret.as_bytes(), string_to_sign.as_bytes());
    V3 { signed_headers, canonical_request, signature }
}

/// v1 string to sign: `METHOD&%2F&` + encode(sorted, encoded `k=v` pairs joined by `&`).
pub fn v1_string_to_sign(method: &str, params: &[(String, String)]) -> String {
    format!("{method}&%2F&{}", pct(&canonical_query(params)))
}

pub fn sign_v1(method: &str, params: &[(String, String)], secret: &str) -> String {
    let sts = v1_string_to_sign(method, params);
    let key = format!("{secret}&");
    match Hmac::<sha1::Sha1>::new_from_slice(key.as_bytes()) {
        Ok(mut m) => {
            m.update(sts.as_bytes());
            base64::engine::general_purpose::STANDARD.encode(m.finalize().into_bytes())
        }
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    /// Alibaba Cloud, "v3 request structure and signature" (see shared/notes/aliyun-signing.md).
    #[test]
    fn v3_published_vector() {
        let query = s(&[("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"), ("RegionId", "cn-shanghai")]);
        let headers = s(&[
            ("host", "ecs.cn-shanghai.aliyuncs.com"),
            ("x-acs-action", "RunInstances"),
            ("x-acs-version", "2014-05-26"),
            ("x-acs-date", "2023-10-26T10:22:32Z"),
            ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
            ("x-acs-content-sha256", EMPTY_SHA256),
        ]);
        let v3 = sign_v3("POST", &query, &headers, EMPTY_SHA256, "YourAccessKeySecret");
        assert_eq!(v3.signed_headers, "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version");
        assert_eq!(sha256_hex(v3.canonical_request.as_bytes()), "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
        assert_eq!(v3.signature, "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
    }

    /// Alibaba Cloud, "Request signatures" (RPC, HMAC-SHA1).
    #[test]
    fn v1_published_vector() {
        let params = s(&[
            ("AccessKeyId", "testid"),
            ("Action", "DescribeRegions"),
            ("Format", "XML"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "2016-02-23T12:46:24Z"),
            ("Version", "2014-05-26"),
        ]);
        assert_eq!(
            v1_string_to_sign("GET", &params),
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
        );
        assert_eq!(sign_v1("GET", &params, "testsecret"), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    }

    #[test]
    fn canonical_query_encoding() {
        let q = canonical_query(&s(&[("b", "a b+c/d=e&f*g~h%i"), ("a", "张三😀"), ("A", "")]));
        assert_eq!(q, "A=&a=%E5%BC%A0%E4%B8%89%F0%9F%98%80&b=a%20b%2Bc%2Fd%3De%26f%2Ag~h%25i");
    }
}
