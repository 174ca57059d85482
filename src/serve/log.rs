//! The access log: one line per request on stderr.

use std::time::Instant;

use oxhttp::model::{Body, Request, Response};

/// `2026-11-29T21:30:05Z GET /query?query=... 200 1234 B 2.1 ms`, at most 300 characters of
/// the target.
pub(super) fn log_line(request: &Request<Body>, response: &Response<Body>, started: Instant) {
    let target = request.uri().path_and_query().map_or("/", |p| p.as_str());
    let target: String = target.chars().take(300).collect();
    let size = response
        .body()
        .len()
        .map_or_else(|| "-".to_owned(), |n| n.to_string());
    eprintln!(
        "{} {} {} {} {} B {:.1} ms",
        utc_now(),
        request.method(),
        target.escape_debug(),
        response.status().as_u16(),
        size,
        started.elapsed().as_secs_f64() * 1e3
    );
}

/// The current time as `YYYY-MM-DDTHH:MM:SSZ`.
fn utc_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let date = crate::Date::from_days(i64::try_from(days).unwrap_or(0));
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn utc_now_is_an_iso_timestamp() {
        let t = super::utc_now();
        let b = t.as_bytes();
        assert_eq!(t.len(), 20, "{t}");
        assert!(
            t.ends_with('Z') && b[4] == b'-' && b[10] == b'T' && b[13] == b':',
            "{t}"
        );
        assert!(t.as_str() >= "2025", "{t}");
    }
}
