//! The request side of the SPARQL 1.1 Protocol: form and query-string decoding, and content
//! negotiation of the result format from the `Accept` header.

use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::sparql::results::QueryResultsFormat;

/// Decodes `application/x-www-form-urlencoded` text (also a URL query string) into pairs.
///
/// # Errors
/// A bad `%` escape, or bytes that are not UTF-8 once decoded.
pub fn parse_form(s: &str) -> Result<Vec<(String, String)>, String> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            Ok((decode(k)?, decode(v)?))
        })
        .collect()
}

fn decode(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = b
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| {
                        format!("bad percent escape at byte {i} of the URL-encoded text")
                    })?;
                out.push(hex);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| "URL-encoded text is not UTF-8 once decoded".to_owned())
}

/// Percent-encodes text for a URL query string (everything but unreserved characters).
#[must_use]
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3 / 2);
    for &c in s.as_bytes() {
        if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~') {
            out.push(c as char);
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
    }
    out
}

/// What a query returns, which decides the formats on offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultKind {
    /// SELECT or ASK: SPARQL results formats.
    Solutions,
    /// CONSTRUCT or DESCRIBE: RDF formats.
    Graph,
}

/// A negotiated response format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Negotiated {
    /// A SPARQL query results format.
    Results(QueryResultsFormat),
    /// An RDF format.
    Rdf(RdfFormat),
}

impl Negotiated {
    /// The `Content-Type` of the response.
    #[must_use]
    pub fn content_type(self) -> &'static str {
        match self {
            Negotiated::Results(QueryResultsFormat::Json) => "application/sparql-results+json",
            Negotiated::Results(QueryResultsFormat::Xml) => "application/sparql-results+xml",
            Negotiated::Results(QueryResultsFormat::Csv) => "text/csv; charset=utf-8",
            Negotiated::Results(QueryResultsFormat::Tsv) => {
                "text/tab-separated-values; charset=utf-8"
            }
            Negotiated::Rdf(RdfFormat::Turtle) => "text/turtle",
            Negotiated::Rdf(RdfFormat::NTriples) => "application/n-triples",
            Negotiated::Rdf(RdfFormat::RdfXml) => "application/rdf+xml",
            Negotiated::Rdf(RdfFormat::JsonLd { .. }) => "application/ld+json",
            Negotiated::Rdf(_) | Negotiated::Results(_) => "application/octet-stream",
        }
    }
}

/// Offered media types in order of preference; the first is the default for `*/*`.
fn offers(kind: ResultKind) -> Vec<(&'static str, Negotiated)> {
    use Negotiated::{Rdf, Results};
    match kind {
        ResultKind::Solutions => vec![
            (
                "application/sparql-results+json",
                Results(QueryResultsFormat::Json),
            ),
            ("application/json", Results(QueryResultsFormat::Json)),
            (
                "application/sparql-results+xml",
                Results(QueryResultsFormat::Xml),
            ),
            ("application/xml", Results(QueryResultsFormat::Xml)),
            ("text/xml", Results(QueryResultsFormat::Xml)),
            ("text/csv", Results(QueryResultsFormat::Csv)),
            (
                "text/tab-separated-values",
                Results(QueryResultsFormat::Tsv),
            ),
        ],
        ResultKind::Graph => vec![
            ("text/turtle", Rdf(RdfFormat::Turtle)),
            ("application/n-triples", Rdf(RdfFormat::NTriples)),
            ("text/plain", Rdf(RdfFormat::NTriples)),
            (
                "application/ld+json",
                Rdf(RdfFormat::JsonLd {
                    profile: JsonLdProfileSet::empty(),
                }),
            ),
            (
                "application/json",
                Rdf(RdfFormat::JsonLd {
                    profile: JsonLdProfileSet::empty(),
                }),
            ),
            ("application/rdf+xml", Rdf(RdfFormat::RdfXml)),
            ("application/xml", Rdf(RdfFormat::RdfXml)),
            ("text/xml", Rdf(RdfFormat::RdfXml)),
        ],
    }
}

/// The media types on offer for a kind of result, for a 406 message.
#[must_use]
pub fn offered(kind: ResultKind) -> String {
    offers(kind)
        .iter()
        .map(|(m, _)| *m)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Picks the format for an `Accept` header (RFC 9110 §12.5.1: the most specific matching
/// range gives an offer its quality; the best quality wins, ties go to our order). No header,
/// or an empty one, means the default. `None`: nothing acceptable (HTTP 406).
#[must_use]
pub fn negotiate(accept: Option<&str>, kind: ResultKind) -> Option<Negotiated> {
    let offers = offers(kind);
    let accept = accept.map(str::trim).unwrap_or_default();
    if accept.is_empty() {
        return Some(offers[0].1);
    }
    let ranges: Vec<(String, String, f32)> = accept
        .split(',')
        .filter_map(|r| {
            let mut parts = r.split(';');
            let media = parts.next()?.trim().to_ascii_lowercase();
            let (ty, sub) = media.split_once('/')?;
            let mut q = 1.0f32;
            for p in parts {
                if let Some((k, v)) = p.split_once('=') {
                    if k.trim().eq_ignore_ascii_case("q") {
                        q = v.trim().parse().unwrap_or(0.0);
                        if !q.is_finite() {
                            q = 0.0;
                        }
                    }
                }
            }
            Some((
                ty.trim().to_owned(),
                sub.trim().to_owned(),
                q.clamp(0.0, 1.0),
            ))
        })
        .collect();
    let mut best: Option<(f32, Negotiated)> = None;
    for (media, format) in &offers {
        let (ty, sub) = media.split_once('/').expect("offers are type/subtype");
        // Specificity: exact 2, type/* 1, */* 0.
        let q = ranges
            .iter()
            .filter_map(|(t, s, q)| {
                let spec = if t == ty && s == sub {
                    2
                } else if t == ty && s == "*" {
                    1
                } else if t == "*" && s == "*" {
                    0
                } else {
                    return None;
                };
                Some((spec, *q))
            })
            .max_by_key(|(spec, _)| *spec)
            .map(|(_, q)| q);
        if let Some(q) = q {
            if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
                best = Some((q, *format));
            }
        }
    }
    best.map(|(_, f)| f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_decode_plus_and_escapes() {
        assert_eq!(
            parse_form("query=SELECT+%3Fs+WHERE+%7B%7D&x").unwrap(),
            vec![
                ("query".into(), "SELECT ?s WHERE {}".into()),
                ("x".into(), String::new())
            ]
        );
        assert!(parse_form("query=%ZZ").is_err());
        assert!(parse_form("query=%").is_err());
        assert!(parse_form("query=%FF").is_err());
        assert_eq!(decode(&encode("a b/é?&=")).unwrap(), "a b/é?&=");
    }

    #[test]
    fn negotiation_follows_quality_and_specificity() {
        use Negotiated::*;
        use ResultKind::*;
        let n = |a, k| negotiate(Some(a), k);
        assert_eq!(
            negotiate(None, Solutions),
            Some(Results(QueryResultsFormat::Json))
        );
        assert_eq!(
            n("text/csv", Solutions),
            Some(Results(QueryResultsFormat::Csv))
        );
        assert_eq!(
            n("text/csv;q=0.5, application/sparql-results+xml", Solutions),
            Some(Results(QueryResultsFormat::Xml))
        );
        assert_eq!(n("*/*", Graph), Some(Rdf(RdfFormat::Turtle)));
        assert_eq!(n("application/*", Graph), Some(Rdf(RdfFormat::NTriples)));
        assert_eq!(n("image/png", Solutions), None);
        assert_eq!(n("text/turtle", Solutions), None);
        assert_eq!(n("text/csv;q=0", Solutions), None);
        assert_eq!(
            n("*/*, text/csv;q=0", Solutions),
            Some(Results(QueryResultsFormat::Json))
        );
        assert_eq!(n("garbage", Solutions), None);
        assert_eq!(n(";;,,/", Solutions), None);
    }
}
