//! Per-stage throughput on generated articles, in bytes of article text per second.
//!
//! ```sh
//! cargo bench --bench stages
//! ```
//!
//! Every stage runs on the same 200 articles of the seed-1 corpus (about 0.7 MB of text);
//! each stage is fed the frozen output of the one before, so its time is its own.

mod corpus;

use std::sync::LazyLock;

use divan::Bencher;
use divan::counter::BytesCount;
use newskg::internals::{Sentence, mention, split};
use newskg::{Document, Extraction, Lexicon, extract, to_quads};

const ARTICLES: u64 = 200;

struct Fixture {
    lines: Vec<String>,
    docs: Vec<Document>,
    sentences: Vec<Vec<Sentence>>,
    extractions: Vec<Extraction>,
    text_bytes: usize,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let lex = Lexicon::embedded();
    let c = corpus::Corpus::new(1);
    let lines: Vec<String> = (0..ARTICLES).map(|i| c.article(i).to_json_line()).collect();
    let docs: Vec<Document> = lines
        .iter()
        .map(|l| Document::from_json_line("bench", l.trim()).expect("generated JSON is valid"))
        .collect();
    let sentences = docs.iter().map(|d| split(&d.text, &d.blocks)).collect();
    let extractions = docs.iter().map(|d| extract(d, lex)).collect();
    let text_bytes = docs.iter().map(|d| d.text.len()).sum();
    Fixture {
        lines,
        docs,
        sentences,
        extractions,
        text_bytes,
    }
});

fn main() {
    // Build the fixture before timing starts.
    LazyLock::force(&FIXTURE);
    divan::main();
}

/// JSON Lines record to `Document` (JSON parse, paragraph blocks, boilerplate filter, hash).
#[divan::bench]
fn ingest(b: Bencher<'_, '_>) {
    let f = &*FIXTURE;
    b.counter(BytesCount::new(f.text_bytes)).bench(|| {
        f.lines
            .iter()
            .map(|l| Document::from_json_line("bench", l.trim()).map_or(0, |d| d.blocks.len()))
            .sum::<usize>()
    });
}

/// Sentence splitting and tokenizing.
#[divan::bench]
fn split_tokenize(b: Bencher<'_, '_>) {
    let f = &*FIXTURE;
    b.counter(BytesCount::new(f.text_bytes)).bench(|| {
        f.docs
            .iter()
            .map(|d| split(&d.text, &d.blocks).len())
            .sum::<usize>()
    });
}

/// Mention analysis (gazetteer names, roles, honorifics, unknown names) on split sentences.
#[divan::bench]
fn mentions(b: Bencher<'_, '_>) {
    let f = &*FIXTURE;
    let lex = Lexicon::embedded();
    b.counter(BytesCount::new(f.text_bytes)).bench(|| {
        let mut n = 0;
        for (d, sentences) in f.docs.iter().zip(&f.sentences) {
            let mut found = Vec::new();
            for (i, s) in sentences.iter().enumerate() {
                n += mention::analyse(&d.text, s, i, lex, &mut found).len();
            }
            n += found.len();
        }
        n
    });
}

/// The whole `extract()`: splitting, mentions, dates, resolution, relations, meetings.
#[divan::bench]
fn extract_all(b: Bencher<'_, '_>) {
    let f = &*FIXTURE;
    let lex = Lexicon::embedded();
    b.counter(BytesCount::new(f.text_bytes)).bench(|| {
        f.docs
            .iter()
            .map(|d| extract(d, lex).relations.len())
            .sum::<usize>()
    });
}

/// Extraction to quads (IRIs, literals, evidence nodes).
#[divan::bench]
fn quads(b: Bencher<'_, '_>) {
    let f = &*FIXTURE;
    b.counter(BytesCount::new(f.text_bytes)).bench(|| {
        f.docs
            .iter()
            .zip(&f.extractions)
            .map(|(d, x)| to_quads(d, x).quads.len())
            .sum::<usize>()
    });
}
