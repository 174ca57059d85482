//! The library's error type: [`Error`].

use std::path::PathBuf;

/// Everything that can go wrong outside of pure text processing: reading input, IRIs, the
/// store and SPARQL. Extraction itself never fails on text.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
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
    /// The Oxigraph store failed.
    #[error("store {path}: {message}")]
    Store {
        /// The store directory.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// A SPARQL query did not parse or failed to evaluate.
    #[error("SPARQL: {0}")]
    Sparql(String),
    /// Serialising results or RDF failed.
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
}

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
