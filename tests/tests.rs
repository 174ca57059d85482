//! The integration tests, in one binary so RocksDB is linked once: each module below is one
//! area, run with `cargo test --release --test tests <module>::` (e.g. `rules::`).

mod it {
    /// The command line as a user meets it: the real binary and a real on-disk store.
    mod cli;
    /// `newskg export`: views, filters and formats, checked by Graphviz, networkx and serde.
    mod export;
    /// Completions, manual pages, `stats` against SPARQL, error chains.
    mod generated;
    /// The ontology and the graph agree.
    mod ontology;
    /// Property tests: any text extracts without panicking, offsets stay valid.
    mod props;
    /// Table-driven tests of the extraction rules.
    mod rules;
    /// `newskg serve` and `newskg push` against real HTTP clients and servers.
    mod serve;
    /// Trust: text as written, linking by evidence, corrections, store-folder safety.
    mod trust;
}
