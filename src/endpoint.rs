//! Where requests go: the Agent API base URL and the aiccs endpoint, parsed once at
//! construction. Only `http`/`https`, a host (DNS name, IPv4 or bracketed IPv6) and a port
//! 1–65535; never user-info, a query or a fragment (they would swallow the API path, or
//! send credentials somewhere else). Linear in the input.

/// `scheme://host[:port][/prefix]` without a trailing slash, host lower-cased; `None`
/// when it is not such a URL.
pub fn parse_base_url(s: &str) -> Option<String> {
    let s = s.trim();
    let (scheme, rest) = if let Some(r) = s.strip_prefix("https://") {
        ("https", r)
    } else if let Some(r) = s.strip_prefix("http://") {
        ("http", r)
    } else {
        return None;
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let host = parse_authority(authority, scheme)?;
    let path = path.trim_end_matches('/');
    if !path.is_empty() && !path_ok(path) {
        return None;
    }
    Some(format!("{scheme}://{host}{path}"))
}

/// An aiccs endpoint `host[:port]` (no scheme, no path), as fetch will send it in the
/// `host` header: lower case, the protocol's default port dropped.
pub fn parse_endpoint(s: &str, protocol: &str) -> Option<String> {
    parse_authority(s.trim(), protocol)
}

fn parse_authority(a: &str, scheme: &str) -> Option<String> {
    let a = a.to_ascii_lowercase();
    let (host, port) = if a.starts_with('[') {
        let end = a.find(']')?;
        let (h, rest) = a.split_at(end + 1);
        match rest {
            "" => (h, None),
            r => (h, Some(r.strip_prefix(':')?)),
        }
    } else {
        match a.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (a.as_str(), None),
        }
    };
    if !host_ok(host) {
        return None;
    }
    match port {
        None => Some(host.to_string()),
        Some(p) => {
            if p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let n: u32 = p.parse().ok()?;
            if !(1..=65535).contains(&n) {
                return None;
            }
            let default = (scheme == "https" && n == 443) || (scheme == "http" && n == 80);
            Some(if default {
                host.to_string()
            } else {
                format!("{host}:{n}")
            })
        }
    }
}

fn host_ok(h: &str) -> bool {
    if let Some(inner) = h.strip_prefix('[') {
        // IPv6 literal: hex groups and colons (an embedded IPv4 tail allowed), at least two colons.
        let Some(inner) = inner.strip_suffix(']') else {
            return false;
        };
        return inner.len() >= 2
            && inner.len() <= 45
            && inner.bytes().filter(|&b| b == b':').count() >= 2
            && inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
    }
    let labels_ok = !h.is_empty()
        && h.len() <= 253
        && h.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && l.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
    // A host whose last label is a number is an IPv4 address to fetch, which rewrites any
    // other spelling (`127.1`, `127.000.000.001`, `0x7f.1`) as a dotted quad: the request
    // would carry another host than the one signed. Only the dotted quad itself is taken.
    let last = h.rsplit('.').next().unwrap_or_default();
    let numeric = last.bytes().all(|b| b.is_ascii_digit()) || last.starts_with("0x");
    labels_ok && (!numeric || dotted_quad(h))
}

/// Four numbers 0–255, each without leading zeros: `127.0.0.1`.
fn dotted_quad(h: &str) -> bool {
    let parts: Vec<&str> = h.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// A path prefix: segments of URL path characters, `%XX` escapes well-formed, no `.`/`..`.
fn path_ok(p: &str) -> bool {
    let b = p.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        let ok = c.is_ascii_alphanumeric()
            || b"-._~!$&'()*+,;=:/".contains(&c)
            || (c == b'%'
                && b.len() > i + 2
                && b[i + 1].is_ascii_hexdigit()
                && b[i + 2].is_ascii_hexdigit());
        if !ok {
            return false;
        }
    }
    p.split('/')
        .skip(1)
        .all(|seg| !seg.is_empty() && seg != "." && seg != "..")
}

/// The host of a redirect's `Location` (absolute or scheme-relative), for the message:
/// never the path or query, which may carry anything. Byte-level, at most 255 bytes.
pub fn location_host(location: &str) -> Option<String> {
    let l = location.trim();
    let start = match l.find("://") {
        Some(i) => i + 3,
        None if l.starts_with("//") => 2,
        None => return None,
    };
    let rest = &l.as_bytes()[start..];
    // An `@` past the first `/` (before any `?`/`#`) means user-info holding a `/`: the
    // authority cannot be told from the password, so nothing is named.
    let before_query = rest
        .iter()
        .position(|&b| b == b'?' || b == b'#')
        .unwrap_or(rest.len());
    let end = rest
        .iter()
        .position(|&b| b == b'/' || b == b'?' || b == b'#')
        .unwrap_or(rest.len());
    if rest[end..before_query].contains(&b'@') {
        return None;
    }
    let authority = &rest[..end];
    let host = match authority.iter().rposition(|&b| b == b'@') {
        Some(i) => &authority[i + 1..],
        None => authority,
    };
    let host = &host[..host.len().min(255)];
    // Only what a host and port can hold: anything else (a password with a `/` in it ends
    // the authority early: `user:secret/…@host`) is not named at all.
    (!host.is_empty() && hostlike(host)).then(|| String::from_utf8_lossy(host).into_owned())
}

/// `name`, `name:port`, `[v6]` or `[v6]:port`.
fn hostlike(authority: &[u8]) -> bool {
    let (name, port) = match authority.iter().rposition(|&b| b == b':' || b == b']') {
        Some(i) if authority[i] == b':' => (&authority[..i], &authority[i + 1..]),
        _ => (authority, &[][..]),
    };
    let name_ok = match name.strip_prefix(b"[").and_then(|n| n.strip_suffix(b"]")) {
        Some(v6) => v6
            .iter()
            .all(|&b| b.is_ascii_hexdigit() || b == b':' || b == b'.'),
        None => name
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-'),
    };
    !name.is_empty() && name_ok && port.iter().all(u8::is_ascii_digit)
}

/// What a message may show of a refused base URL or endpoint: nothing when it holds an `@`
/// (the part before it may be a password), else its first 200 bytes.
pub fn echo(given: &str) -> Option<serde_json::Value> {
    (!given.contains('@')).then(|| serde_json::Value::String(clip(given, 200)))
}

/// At most `max` bytes of `s`, cut on a character boundary (for echoing a refused value).
pub fn clip(s: &str, max: usize) -> String {
    let mut n = max.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    s[..n].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        assert_eq!(
            parse_base_url("https://AI.example.com/").as_deref(),
            Some("https://ai.example.com")
        );
        assert_eq!(
            parse_base_url("http://127.0.0.1:8787").as_deref(),
            Some("http://127.0.0.1:8787")
        );
        assert_eq!(
            parse_base_url("https://gw.example.com:443/prefix/v1/").as_deref(),
            Some("https://gw.example.com/prefix/v1")
        );
        assert_eq!(
            parse_base_url("http://[::1]:8080").as_deref(),
            Some("http://[::1]:8080")
        );
        for bad in [
            "ftp://x",
            "https://",
            "http:///x",
            "https://user:pw@host",
            "https://host?x=1",
            "https://host#f",
            "https://host/a?b",
            "https://[x]",
            "https://[::1",
            "https://a:b:c",
            "https://host:0",
            "https://host:65536",
            "https://host:",
            "https://host:80a",
            "https://ho st",
            "https://host/a b",
            "https://host/../x",
            "https://host/%zz",
            "https://host\\x",
            "//host",
            "host",
            "https://a..b",
            "https://-a.b",
            "https://host:123456",
        ] {
            assert_eq!(parse_base_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn endpoints() {
        assert_eq!(
            parse_endpoint("aiccs.aliyuncs.com", "https").as_deref(),
            Some("aiccs.aliyuncs.com")
        );
        assert_eq!(
            parse_endpoint("127.0.0.1:8787", "http").as_deref(),
            Some("127.0.0.1:8787")
        );
        assert_eq!(parse_endpoint("Host:443", "https").as_deref(), Some("host"));
        assert_eq!(parse_endpoint("[::1]:80", "http").as_deref(), Some("[::1]"));
        for bad in [
            "[x]",
            "[::1",
            "a:b:c",
            "::1",
            "https://aiccs.aliyuncs.com",
            "host/path",
            "u@host",
            "host:0",
            "host:65536",
            "",
            "host?x",
            "[::1]x",
        ] {
            assert_eq!(parse_endpoint(bad, "https"), None, "{bad}");
        }
    }

    #[test]
    fn location_hosts() {
        assert_eq!(
            location_host("https://evil.example:8443/x?token=1").as_deref(),
            Some("evil.example:8443")
        );
        assert_eq!(
            location_host("//u:p@other.example/x").as_deref(),
            Some("other.example")
        );
        assert_eq!(location_host("/relative/path"), None);
        // A password holding `/` cuts the authority short: nothing of it is named.
        assert_eq!(
            location_host("https://user:CAIS0123+abc/XYZ=@evil.example/"),
            None
        );
        assert_eq!(
            location_host("https://user:CAIS0123abc/XYZ=@evil.example/"),
            None
        );
        assert_eq!(location_host("https://admin:123456/x@evil.example/"), None);
        assert_eq!(
            location_host("https://evil.example/p?next=a@b").as_deref(),
            Some("evil.example")
        );
        assert_eq!(
            location_host("https://[::1]:8080/x").as_deref(),
            Some("[::1]:8080")
        );
        assert_eq!(location_host(""), None);
    }

    #[test]
    fn numeric_hosts_only_as_dotted_quads() {
        assert_eq!(
            parse_endpoint("127.0.0.1:8080", "http").as_deref(),
            Some("127.0.0.1:8080")
        );
        for other in [
            "127.1",
            "127.000.000.001",
            "0x7f.0.0.1",
            "127.0.0.256",
            "1.2.3.4.5",
            "1.2.3.01",
        ] {
            assert_eq!(parse_endpoint(other, "http"), None, "{other}");
        }
        assert!(parse_endpoint("aiccs.cn-shanghai.aliyuncs.com", "https").is_some());
        assert!(parse_endpoint("v4.example.2fa", "https").is_some());
    }

    #[test]
    fn huge_inputs_are_linear() {
        let long = format!("https://{}", "a.".repeat(500_000));
        assert_eq!(parse_base_url(&long), None);
        let path = format!("https://h/{}", "a/".repeat(500_000));
        assert!(parse_base_url(&path).is_some());
        assert!(location_host(&"x".repeat(1_000_000)).is_none());
        assert_eq!(
            location_host(&format!("https://{}", "h".repeat(1_000_000))).map(|h| h.len()),
            Some(255)
        );
        assert_eq!(clip("ab中", 3), "ab");
        assert_eq!(clip("ab", 10), "ab");
    }
}
