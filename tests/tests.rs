//! The integration tests, in one binary so RocksDB is linked once: each module below is one
//! area, run with `cargo test --release --test tests <module>::` (e.g. `rules::`).

mod it {
    /// `newskg extract` on parts, `newskg link`, compared with `newskg build`.
    mod archive;
    /// The command line as a user meets it: the real binary and a real on-disk store.
    mod cli;
    /// Helpers every module uses: the binary, temporary stores, SPARQL rows, `cases!`.
    mod common;
    /// `newskg export`: views, filters and formats, checked by Graphviz, networkx and serde.
    mod export;
    /// Inputs found by `scripts/fuzz.sh`, one test per bug.
    mod fuzz_regressions;
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
    /// `newskg serve` through SPARQLWrapper and rdflib.
    mod serve_clients;
    /// `newskg serve` against deep nesting, long chains and a structural fuzz of queries.
    mod serve_safety;
    /// Trust: text as written, linking by evidence, corrections, store-folder safety.
    mod trust;
}
