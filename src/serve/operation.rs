//! Reading a request into a SPARQL operation: the query or update text from GET parameters,
//! form bodies or direct bodies, with the size limits.

use std::io::Read;

use oxhttp::model::header::{CONTENT_LENGTH, CONTENT_TYPE};
use oxhttp::model::{Body, Method, Request, StatusCode};

use super::protocol::parse_form;
use super::{Operation, Reply, Service, text};

impl Service {
    /// Reads the query or update from the URL and body, per SPARQL 1.1 Protocol §2.
    pub(super) fn operation(
        &self,
        request: &mut Request<Body>,
        update_endpoint: bool,
    ) -> std::result::Result<Operation, Box<Reply>> {
        let bad = |m: String| Box::new(text(StatusCode::BAD_REQUEST, m));
        let mut params = parse_form(request.uri().query().unwrap_or_default()).map_err(bad)?;
        let mut direct: Option<(bool, String)> = None;
        if request.method() == Method::POST {
            let content_type = request
                .headers()
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase();
            let body = self.body(request)?;
            match content_type.as_str() {
                "application/x-www-form-urlencoded" => {
                    params.extend(parse_form(&body).map_err(bad)?)
                }
                "application/sparql-query" => direct = Some((false, body)),
                "application/sparql-update" => direct = Some((true, body)),
                other => {
                    return Err(Box::new(text(
                        StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        format!(
                            "Content-Type {:?} is not supported: send application/sparql-query, application/sparql-update or application/x-www-form-urlencoded",
                            if other.is_empty() { "(none)" } else { other }
                        ),
                    )));
                }
            }
        }
        let take = |name: &str, params: &[(String, String)]| -> Vec<String> {
            params
                .iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .collect()
        };
        let (update, text_of) = match direct {
            Some((update, body)) => (update, body),
            None => {
                let queries = take("query", &params);
                let updates = take("update", &params);
                match (queries.as_slice(), updates.as_slice()) {
                    ([q], []) => (false, q.clone()),
                    ([], [u]) if request.method() == Method::POST => (true, u.clone()),
                    ([], [_]) => {
                        return Err(bad(
                            "updates must be sent with POST (SPARQL 1.1 Protocol §2.2)".into(),
                        ));
                    }
                    ([], []) => {
                        return Err(bad(if update_endpoint {
                            "no update: send one as the body (application/sparql-update) or in an `update` form field".into()
                        } else {
                            "no query: pass one in the `query` parameter, or POST it as application/sparql-query".into()
                        }));
                    }
                    _ => {
                        return Err(bad(
                            "give exactly one `query` or one `update` parameter".into()
                        ));
                    }
                }
            }
        };
        if update_endpoint && !update {
            return Err(bad(
                "this is the update endpoint: send queries to /query".into()
            ));
        }
        // Deeper nesting would overflow the parser's stack and abort the server.
        crate::sparql::check_nesting(&text_of, crate::sparql::MAX_NESTING)
            .map_err(|e| bad(format!("SPARQL: {e}")))?;
        let (g_default, g_named) = if update {
            ("using-graph-uri", "using-named-graph-uri")
        } else {
            ("default-graph-uri", "named-graph-uri")
        };
        Ok(Operation {
            text: text_of,
            update,
            default_graphs: take(g_default, &params),
            named_graphs: take(g_named, &params),
        })
    }

    /// The request body as UTF-8, at most `max_body` bytes.
    pub(super) fn body(
        &self,
        request: &mut Request<Body>,
    ) -> std::result::Result<String, Box<Reply>> {
        let max = self.options.max_body;
        let too_large = || {
            Box::new(text(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the request body is larger than the limit of {max} bytes"),
            ))
        };
        if let Some(len) = request
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok())
        {
            if len > max as u64 {
                return Err(too_large());
            }
        }
        let mut buf = Vec::new();
        request
            .body_mut()
            .take(max as u64 + 1)
            .read_to_end(&mut buf)
            .map_err(|e| {
                Box::new(text(
                    StatusCode::BAD_REQUEST,
                    format!("cannot read the request body: {e}"),
                ))
            })?;
        if buf.len() > max {
            return Err(too_large());
        }
        String::from_utf8(buf).map_err(|_| {
            Box::new(text(
                StatusCode::BAD_REQUEST,
                "the request body is not UTF-8",
            ))
        })
    }
}
