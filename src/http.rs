//! The plain request value every builder returns: no I/O, no client types. It has the
//! shape `fetch(req.url, req)` accepts, so the transport is a one-liner at the edge.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HttpRequest {
    pub method: &'static str,
    pub url: String,
    /// Header names in the order they are sent; kept as pairs so the order is stable.
    #[serde(serialize_with = "headers_as_object")]
    pub headers: Vec<(String, String)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

impl HttpRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

fn headers_as_object<S: serde::Serializer>(h: &[(String, String)], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(h.len()))?;
    for (k, v) in h {
        m.serialize_entry(k, v)?;
    }
    m.end()
}

/// RFC 3986 percent-encoding: unreserved `A-Z a-z 0-9 - _ . ~` kept, everything else
/// `%XX` of its UTF-8 bytes (space is `%20`). Both vendors' signatures and paths use it.
pub fn pct(s: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    const SET: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
    // Through `Cow` (chunks pushed onto one String), not `to_string` (the fmt machinery:
    // 3× slower, and this runs for every name and value of every signed request).
    std::borrow::Cow::from(utf8_percent_encode(s, SET)).into_owned()
}
