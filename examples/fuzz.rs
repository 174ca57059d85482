//! A mutation fuzzer on stable Rust for newskg's input readers and SPARQL text.
//!
//! ```sh
//! cargo run --release --example fuzz -- TARGET [--secs N] [--seed S] [--out DIR]
//! ```
//!
//! TARGET is `text`, `html`, `markdown`, `jsonl` (a file of that kind read as `newskg build`
//! reads it: `Inputs`, then `extract` and `to_quads` on every document) or `sparql` (the
//! nesting check, the parser, and evaluation on a small in-memory store, on a big stack with a
//! 1 s cancellation, as `newskg serve` runs a query). Inputs start from seeds we wrote and are
//! mutated: bytes flipped, inserted (invalid UTF-8 and NUL too), deleted, tokens of the format
//! inserted (`<script>`, `[`, `&eacute;`, a BOM, `FILTER(`...), pieces repeated up to 20,000
//! times (long runs, giant tokens, deep nesting), seeds spliced.
//!
//! Found: a panic (caught, its input saved to `DIR/crashes/`), a slow input (over 1 s plus 1 s
//! per MB, saved to `DIR/slow/`), and an abort (stack overflow: the process dies; the input it
//! was running is in `DIR/current-TARGET`, which `scripts/fuzz.sh` keeps; a SPARQL evaluation
//! running 5 s past its cancellation is saved to `DIR/slow/` and ends the process with status
//! 3, as its thread cannot be stopped). Prints one summary
//! line: `fuzz TARGET: N inputs in S s (R/s), P panics, W slow, slowest T ms (B bytes), largest B bytes`.

use std::io::Write;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use newskg::{InputFormat, Inputs, Lexicon, extract, to_quads};

const USAGE: &str = "usage: fuzz text|html|markdown|jsonl|sparql [--secs N] [--seed S] [--out DIR]";

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    /// 1..=max, log-uniform: small counts often, huge ones sometimes.
    fn count(&mut self, max: usize) -> usize {
        let bits = usize::BITS - max.leading_zeros();
        let b = self.below(bits as usize + 1) as u32;
        (1 + self.below(1usize << b)).min(max)
    }
}

const TEXT_SEEDS: &[&str] = &[
    "Talks in Oslo\nForeign Minister Anna Dahl met Trade Minister Omar Reyes in Oslo on Monday (May 5, 2025). Mr Reyes, an adviser to President Lena Vik, said the talks were useful.\n\nMs Dahl later spoke by phone with Viktor Sand, the envoy of Norway.",
    "OSLO, May 5 (Wire) - Prime Minister Ivo Bren hosted his Danish counterpart at the palace. The two leaders did not meet the press. \"We agreed,\" Bren said.",
    "Dr. J. R. Okafor-Smith, U.S. deputy secretary, met Mrs. Lee... and Gen. Hart!? On 2024-02-30.",
];
const HTML_SEEDS: &[&str] = &[
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Talks in Oslo</title><meta property=\"article:published_time\" content=\"2025-05-05T10:00:00Z\"><link rel=\"canonical\" href=\"https://news.example/talks\"></head><body><nav>Home | World</nav><article><h1>Talks in Oslo</h1><p>Foreign Minister Anna Dahl met Trade Minister Omar Reyes at the &Eacute;lys&eacute;e on Monday &laquo;quietly&raquo;.</p><script>var x = '<p>not text</p>';</script><p>Mr Reyes is an adviser to President Lena Vik.</p></article><footer>Subscribe</footer></body></html>",
    "<p>Anna Dahl <b>met</b> <i>Omar Reyes</i><br>in <a href='/oslo'>Oslo</a>.<table><tr><td>x</td></tr></table>",
];
const MARKDOWN_SEEDS: &[&str] = &[
    "---\ntitle: Talks in Oslo\ndate: 2025-05-05\nurl: https://news.example/talks\n---\n# Talks in Oslo\n\nForeign Minister **Anna Dahl** met [Omar Reyes](https://example.org/reyes) in Oslo on Monday.\n\n> Mr Reyes, an adviser to President Lena Vik, said the talks were useful.\n\n- one\n- two\n\n```\ncode block\n```\n",
    "Talks\n=====\n\n*Anna Dahl* met ![photo](x.png) Omar Reyes. [link][1]\n\n[1]: http://x\n",
];
const JSONL_SEEDS: &[&str] = &[
    "{\"id\":\"a1\",\"url\":\"https://news.example/a1\",\"title\":\"Talks in Oslo\",\"date\":\"2025-05-05\",\"text\":\"Talks in Oslo\\nForeign Minister Anna Dahl met Trade Minister Omar Reyes in Oslo on Monday.\"}\n{\"id\":\"a2\",\"title\":\"Call\",\"html\":\"<p>Ms Dahl spoke by phone with Viktor Sand.</p>\"}\n",
    "{\"id\":7,\"text\":\"Mr Reyes met Ms Dahl.\",\"date\":\"yesterday\"}\n\n{\"text\":\"\\u00e9\\ud83d\\ude00 Anna Dahl\"}\n",
];
const SPARQL_SEEDS: &[&str] = &[
    "PREFIX nkg: <https://w3id.org/newskg#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT DISTINCT ?who ?date WHERE { ?m a nkg:Meeting ; nkg:participant ?p, ?o ; nkg:date ?date . ?p rdfs:label \"Anna Dahl\" . ?o rdfs:label ?who . FILTER(?o != ?p) } ORDER BY ?who LIMIT 10",
    "SELECT * WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p [ ?q ( 1 2.5 \"x\"@en ) ] } } OPTIONAL { ?o (<http://e/a>/^<http://e/b>|!<http://e/c>)* ?z } BIND(CONCAT(STR(?s), '''long''') AS ?c) FILTER(REGEX(?c, \"^h\", \"i\") || ?z > 3) } GROUP BY ?s HAVING (COUNT(*) > 0)",
    "CONSTRUCT { ?s <http://e/p> ?o } WHERE { VALUES (?s ?o) { (<http://e/a> 1) (UNDEF 2) } } # comment",
    "ASK { SELECT (SUM(?x) AS ?t) WHERE { VALUES ?x { 1 2 3 } } }",
];

const TEXT_TOKENS: &[&str] = &[
    ".",
    "...",
    ",",
    " ",
    "\n",
    "\n\n",
    "\"",
    "(",
    ")",
    "Mr ",
    "Ms ",
    "President ",
    " met ",
    " with ",
    " and ",
    "Anna Dahl",
    "Reyes",
    " on Monday",
    " in Oslo",
    "2025",
    "\u{feff}",
    "\u{200b}",
    "e\u{301}",
    "\u{0}",
    "Путин",
    "-",
    "'s",
    "—",
    "U.S.",
    "!",
    "?",
    ";",
];
const HTML_TOKENS: &[&str] = &[
    "<",
    ">",
    "</",
    "<script>",
    "</script>",
    "<style>",
    "<p>",
    "</p>",
    "<br>",
    "<!--",
    "-->",
    "&",
    "&eacute;",
    "&laquo;",
    "&#x41;",
    "&#99999999;",
    "<![CDATA[",
    "<meta charset=\"windows-1252\">",
    "<title>",
    "\"",
    "'",
    "<article>",
    "<div>",
    "<a href=\"",
    "\u{feff}",
];
const MARKDOWN_TOKENS: &[&str] = &[
    "[", "]", "(", ")", "![", "*", "**", "_", "`", "```", "#", "> ", "- ", "---\n", "\n", "\n\n",
    "<", ">", "|", "[1]: ", "\\", "&eacute;", "\u{feff}",
];
const JSONL_TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "\n",
    "\\",
    "\\u",
    "\\ud83d",
    "null",
    "true",
    "1e999",
    "\"text\":",
    "\"html\":",
    "\"date\":",
    "\"id\":",
    "\u{feff}",
    "\r\n",
];
const SPARQL_TOKENS: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    " UNION ",
    " OPTIONAL ",
    "FILTER(",
    "?x",
    "<http://e/a>",
    "\"",
    "'''",
    "#",
    "\n",
    "/",
    "|",
    "*",
    "+",
    "^",
    "!",
    " . ",
    ";",
    ",",
    "SELECT * WHERE",
    "SERVICE <http://e/> ",
    " MINUS ",
    "BIND(1 AS ?y)",
    "GRAPH ?g ",
    "VALUES ?v { 1 }",
    "PREFIX p: <http://e/>",
    "p:a",
    "@en",
    "^^<http://e/t>",
    "COUNT(*)",
    "GROUP BY ?x",
    "&&",
    "||",
    "1.5e3",
    "_:b",
    "EXISTS ",
];

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, seeds: &[&str], tokens: &[&str]) {
    let pos = |rng: &mut Rng, v: &Vec<u8>| rng.below(v.len() + 1);
    match rng.below(8) {
        0 if !input.is_empty() => {
            let i = rng.below(input.len());
            input[i] ^= 1 << rng.below(8);
        }
        1 | 2 => {
            let t = tokens[rng.below(tokens.len())].as_bytes();
            let n = if rng.below(4) == 0 {
                rng.count(20_000)
            } else {
                1
            };
            let at = pos(rng, input);
            let piece = t.repeat(n);
            input.splice(at..at, piece);
        }
        3 if !input.is_empty() => {
            let a = rng.below(input.len());
            let b = (a + rng.count(64)).min(input.len());
            input.drain(a..b);
        }
        4 if !input.is_empty() => {
            // Repeat a piece: long runs, giant tokens, deep nesting.
            let a = rng.below(input.len());
            let b = (a + rng.count(64)).min(input.len());
            let piece = input[a..b].repeat(rng.count(20_000));
            input.splice(b..b, piece);
        }
        5 => {
            let at = pos(rng, input);
            let n = rng.count(16);
            let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
            input.splice(at..at, bytes);
        }
        6 => {
            let other = seeds[rng.below(seeds.len())].as_bytes();
            let a = rng.below(other.len());
            let at = pos(rng, input);
            input.truncate(at);
            input.extend_from_slice(&other[a..]);
        }
        _ if !input.is_empty() => {
            let at = rng.below(input.len());
            input.truncate(at.max(1));
        }
        _ => input.extend_from_slice(seeds[0].as_bytes()),
    }
    // Keep inputs bounded (8 MB).
    input.truncate(8 << 20);
}

/// Runs one input through the target. Errors on bad input are fine; panics are findings.
fn run_reader(dir: &Path, ext: &str, format: InputFormat, input: &[u8], lex: &Lexicon) -> usize {
    let path = dir.join(format!("input.{ext}"));
    std::fs::write(&path, input).expect("writes the input file");
    let mut quads = 0;
    for doc in Inputs::new(&[path], Some(format)).flatten() {
        let x = extract(&doc, lex);
        quads += to_quads(&doc, &x).quads.len();
    }
    quads
}

/// `None` when evaluation ran on 5 s after its 1 s cancellation (the thread is abandoned).
fn run_sparql(store: &oxigraph::store::Store, input: &[u8]) -> Option<usize> {
    let Ok(text) = std::str::from_utf8(input) else {
        return Some(0);
    };
    if newskg::internals::check_nesting(text, newskg::internals::MAX_NESTING).is_err() {
        return Some(0);
    }
    let (text, store) = (text.to_owned(), store.clone());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .stack_size(newskg::internals::BIG_STACK)
        .spawn(move || {
            let Ok(q) = spargebra::SparqlParser::new().parse_query(&text) else {
                let _ = tx.send(0);
                return;
            };
            let token = oxigraph::sparql::CancellationToken::new();
            let cancel = token.clone();
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_secs(1));
                cancel.cancel();
            });
            let n = match oxigraph::sparql::SparqlEvaluator::new()
                .with_cancellation_token(token)
                .for_query(q)
                .on_store(&store)
                .execute()
            {
                Ok(oxigraph::sparql::QueryResults::Solutions(s)) => s.take(1000).count(),
                Ok(oxigraph::sparql::QueryResults::Graph(g)) => g.take(1000).count(),
                Ok(oxigraph::sparql::QueryResults::Boolean(_)) | Err(_) => 0,
            };
            let _ = tx.send(n);
        })
        .expect("starts a thread");
    match rx.recv_timeout(Duration::from_secs(6)) {
        Ok(n) => Some(n),
        // A panic in the thread drops the sender: re-raise it here, where it is caught.
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            panic!("the query thread panicked")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => None,
    }
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let target = args.next().context(USAGE)?;
    let (mut secs, mut seed, mut out) = (60.0f64, 1u64, PathBuf::from("target/fuzz"));
    while let Some(a) = args.next() {
        match a.as_str() {
            "--secs" => secs = args.next().context(USAGE)?.parse()?,
            "--seed" => seed = args.next().context(USAGE)?.parse()?,
            "--out" => out = args.next().context(USAGE)?.into(),
            _ => bail!("{USAGE}"),
        }
    }
    let (seeds, tokens, reader): (&[&str], &[&str], Option<(&str, InputFormat)>) =
        match target.as_str() {
            "text" => (TEXT_SEEDS, TEXT_TOKENS, Some(("txt", InputFormat::Text))),
            "html" => (HTML_SEEDS, HTML_TOKENS, Some(("html", InputFormat::Html))),
            "markdown" => (
                MARKDOWN_SEEDS,
                MARKDOWN_TOKENS,
                Some(("md", InputFormat::Markdown)),
            ),
            "jsonl" => (
                JSONL_SEEDS,
                JSONL_TOKENS,
                Some(("jsonl", InputFormat::Jsonl)),
            ),
            "sparql" => (SPARQL_SEEDS, SPARQL_TOKENS, None),
            _ => bail!("{USAGE}"),
        };
    for d in ["crashes", "slow"] {
        std::fs::create_dir_all(out.join(d))?;
    }
    let work = tempfile::tempdir()?;
    let lex = Lexicon::embedded();
    let store = oxigraph::store::Store::new()?;
    store.load_from_reader(
        oxigraph::io::RdfFormat::NQuads,
        "<http://e/a> <http://e/p> <http://e/b> <http://e/g> .\n<http://e/b> <http://e/p> \"1\" .\n<http://e/b> <http://e/a> <http://e/a> .\n".as_bytes(),
    )?;
    // Panics are findings: keep their message, not the default report on stderr.
    let last_panic = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    {
        let last = last_panic.clone();
        std::panic::set_hook(Box::new(move |info| {
            *last.lock().unwrap() = info.to_string();
        }));
    }
    let current = out.join(format!("current-{target}"));
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let started = Instant::now();
    let (mut n, mut panics, mut slow) = (0u64, 0u64, 0u64);
    let mut uncancelled = false;
    let (mut slowest, mut slowest_len, mut largest) = (Duration::ZERO, 0usize, 0usize);
    // A small pool of recent inputs, so mutations stack.
    let mut pool: Vec<Vec<u8>> = seeds.iter().map(|s| s.as_bytes().to_vec()).collect();
    while started.elapsed().as_secs_f64() < secs {
        let mut input = if rng.below(3) == 0 {
            seeds[rng.below(seeds.len())].as_bytes().to_vec()
        } else {
            pool[rng.below(pool.len())].clone()
        };
        for _ in 0..rng.count(4) {
            mutate(&mut rng, &mut input, seeds, tokens);
        }
        // Written before the run: if the process aborts, this is the input that did it.
        std::fs::write(&current, &input)?;
        let t = Instant::now();
        let r = std::panic::catch_unwind(AssertUnwindSafe(|| match reader {
            Some((ext, format)) => Some(run_reader(work.path(), ext, format, &input, lex)),
            None => run_sparql(&store, &input),
        }));
        if let Ok(None) = r {
            // Evaluation ignored its cancellation: keep the input, and end this process (the
            // thread cannot be stopped); scripts/fuzz.sh counts a hang and goes on.
            let name = format!("{target}-{seed}-{}-uncancelled", n + 1);
            std::fs::write(out.join("slow").join(&name), &input)?;
            let _ = std::fs::remove_file(&current);
            eprintln!(
                "fuzz {target}: input {name} ({} bytes) ran on 5 s past its cancellation",
                input.len()
            );
            n += 1;
            uncancelled = true;
            break;
        }
        let took = t.elapsed();
        n += 1;
        largest = largest.max(input.len());
        if took > slowest {
            (slowest, slowest_len) = (took, input.len());
        }
        let name = format!("{target}-{seed}-{n}");
        if r.is_err() {
            panics += 1;
            let msg = last_panic.lock().unwrap().clone();
            std::fs::write(out.join("crashes").join(&name), &input)?;
            eprintln!(
                "fuzz {target}: panic on input {name} ({} bytes): {msg}",
                input.len()
            );
        } else if took.as_secs_f64() > 1.0 + input.len() as f64 / 1e6 {
            slow += 1;
            std::fs::write(out.join("slow").join(&name), &input)?;
            eprintln!(
                "fuzz {target}: slow input {name}: {} bytes in {:.2} s",
                input.len(),
                took.as_secs_f64()
            );
        }
        if input.len() < 64 << 10 {
            if pool.len() < 64 {
                pool.push(input);
            } else {
                let i = rng.below(pool.len());
                pool[i] = input;
            }
        }
    }
    let _ = std::fs::remove_file(&current);
    let secs = started.elapsed().as_secs_f64();
    let mut so = std::io::stdout().lock();
    writeln!(
        so,
        "fuzz {target}: {n} inputs in {secs:.0} s ({:.0}/s), {panics} panics, {slow} slow, slowest {:.0} ms ({slowest_len} bytes), largest {largest} bytes",
        n as f64 / secs,
        slowest.as_secs_f64() * 1e3
    )?;
    so.flush()?;
    if uncancelled {
        std::process::exit(3);
    }
    Ok(())
}
