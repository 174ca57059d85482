//! Query results to bytes, under the server's row limit.

use oxigraph::io::RdfSerializer;
use oxigraph::model::NamedNode;
use oxigraph::sparql::results::QueryResultsSerializer;
use oxigraph::sparql::{QueryEvaluationError, QueryResults};

use super::protocol::Negotiated;

/// Why a query gave no result.
pub(super) enum Failure {
    Timeout,
    TooLarge,
    Eval(QueryEvaluationError),
    Write(std::io::Error),
}

pub(super) fn named_nodes(iris: &[String]) -> std::result::Result<Vec<NamedNode>, String> {
    iris.iter()
        .map(|i| NamedNode::new(i).map_err(|e| format!("{i}: not an IRI: {e}")))
        .collect()
}

/// Serialises results, at most `max` rows or triples, into a buffer.
pub(super) fn write_results(
    results: QueryResults<'_>,
    format: Negotiated,
    max: usize,
) -> std::result::Result<Vec<u8>, Failure> {
    let mut buf = Vec::new();
    match (results, format) {
        (QueryResults::Solutions(solutions), Negotiated::Results(f)) => {
            let vars = solutions.variables().to_vec();
            let mut ser = QueryResultsSerializer::from_format(f)
                .serialize_solutions_to_writer(&mut buf, vars)
                .map_err(Failure::Write)?;
            for (i, s) in solutions.enumerate() {
                if i >= max {
                    return Err(Failure::TooLarge);
                }
                ser.serialize(&s.map_err(Failure::Eval)?)
                    .map_err(Failure::Write)?;
            }
            ser.finish().map_err(Failure::Write)?;
        }
        (QueryResults::Boolean(b), Negotiated::Results(f)) => {
            QueryResultsSerializer::from_format(f)
                .serialize_boolean_to_writer(&mut buf, b)
                .map_err(Failure::Write)?;
        }
        (QueryResults::Graph(triples), Negotiated::Rdf(f)) => {
            let mut ser = crate::rdf::prefixed(RdfSerializer::from_format(f)).for_writer(&mut buf);
            for (i, t) in triples.enumerate() {
                if i >= max {
                    return Err(Failure::TooLarge);
                }
                ser.serialize_triple(&t.map_err(Failure::Eval)?)
                    .map_err(Failure::Write)?;
            }
            ser.finish().map_err(Failure::Write)?;
        }
        _ => {
            return Err(Failure::Eval(QueryEvaluationError::Unexpected(
                "the query form and the negotiated format disagree".into(),
            )));
        }
    }
    Ok(buf)
}
