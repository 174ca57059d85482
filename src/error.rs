//! The library's error type: [`Error`].

use std::path::PathBuf;

/// A boxed underlying error (Oxigraph's storage, SPARQL and serialisation errors), kept as
/// the [`source`](std::error::Error::source) of an [`Error`].
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Everything that can go wrong outside of pure text processing: reading input, IRIs, the
/// store and SPARQL. Extraction itself never fails on text.
///
/// An error's `Display` says what failed; the underlying error is its
/// [`source`](std::error::Error::source). [`Error::report`] gives both on one line.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read.
    #[error("{}", path.display())]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A document was read but cannot be used (empty, binary, not UTF-8, bad JSON line).
    #[error("{origin}: {reason}")]
    BadDocument {
        /// File name (with line number for JSON Lines).
        origin: String,
        /// What is wrong with it.
        reason: String,
    },
    /// There is no newskg store in the directory.
    #[error("store {}: no newskg store here (run `newskg build --store DIR ...` first)", path.display())]
    NoStore {
        /// The directory.
        path: PathBuf,
    },
    /// The Oxigraph store failed (storage, bulk loading, dumping).
    #[error("store {}", path.display())]
    Store {
        /// The store directory.
        path: PathBuf,
        /// Oxigraph's error.
        #[source]
        source: Cause,
    },
    /// A SPARQL query or update did not parse.
    #[error("SPARQL")]
    SparqlSyntax(#[source] Cause),
    /// A SPARQL query or update failed to evaluate.
    #[error("SPARQL")]
    SparqlEvaluation(#[source] Cause),
    /// A SPARQL answer cannot be used (e.g. an ASK where triples are needed).
    #[error("SPARQL: {0}")]
    Sparql(String),
    /// Writing results or RDF failed.
    #[error("output")]
    Write(#[source] Cause),
    /// Results or RDF cannot be produced (e.g. a remote answer that does not parse).
    #[error("output: {0}")]
    Output(String),
    /// An argument is not usable.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn bad(origin: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::BadDocument {
            origin: origin.into(),
            reason: reason.into(),
        }
    }

    pub(crate) fn store(path: impl Into<PathBuf>, source: impl Into<Cause>) -> Self {
        Error::Store {
            path: path.into(),
            source: source.into(),
        }
    }

    pub(crate) fn syntax(source: impl Into<Cause>) -> Self {
        Error::SparqlSyntax(source.into())
    }

    pub(crate) fn eval(source: impl Into<Cause>) -> Self {
        Error::SparqlEvaluation(source.into())
    }

    pub(crate) fn write(source: impl Into<Cause>) -> Self {
        Error::Write(source.into())
    }

    /// The error and its chain of causes on one line, joined by `": "`
    /// (`store DIR: IO error: ...`), for logs and HTTP answers.
    #[must_use]
    pub fn report(&self) -> String {
        let mut s = self.to_string();
        let mut cause = std::error::Error::source(self);
        while let Some(c) = cause {
            s.push_str(": ");
            s.push_str(&c.to_string());
            cause = c.source();
        }
        s
    }
}

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
