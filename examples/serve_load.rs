//! Load generator for `newskg serve` (or any SPARQL endpoint): N clients, each on its own
//! keep-alive connection, POST the same query for a while; prints queries/second and latency
//! percentiles as one TSV line.
//!
//! Usage: `serve_load URL CLIENTS SECONDS QUERY` (QUERY: text or @file.rq).

use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 5 {
        eprintln!("usage: serve_load URL CLIENTS SECONDS QUERY|@FILE");
        std::process::exit(2);
    }
    let url = args[1].clone();
    let clients: usize = args[2].parse().expect("CLIENTS: a number");
    let secs: f64 = args[3].parse().expect("SECONDS: a number");
    let query = match args[4].strip_prefix('@') {
        Some(p) => std::fs::read_to_string(p).expect("reads the query file"),
        None => args[4].clone(),
    };
    let until = Instant::now() + Duration::from_secs_f64(secs);
    let started = Instant::now();
    let handles: Vec<_> = (0..clients)
        .map(|_| {
            let (url, query) = (url.clone(), query.clone());
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .build()
                    .into();
                let mut lat = Vec::new();
                let mut errors = 0usize;
                while Instant::now() < until {
                    let t = Instant::now();
                    let ok = agent
                        .post(&url)
                        .header("content-type", "application/sparql-query")
                        .header("accept", "application/sparql-results+json")
                        .send(query.as_bytes())
                        .ok()
                        .and_then(|mut r| {
                            (r.status() == 200)
                                .then(|| r.body_mut().read_to_vec().ok())
                                .flatten()
                        })
                        .is_some_and(|b| !b.is_empty());
                    if ok {
                        lat.push(t.elapsed().as_secs_f64() * 1e3);
                    } else {
                        errors += 1;
                    }
                }
                (lat, errors)
            })
        })
        .collect();
    let mut lat = Vec::new();
    let mut errors = 0;
    for h in handles {
        let (l, e) = h.join().expect("client thread");
        lat.extend(l);
        errors += e;
    }
    let wall = started.elapsed().as_secs_f64();
    lat.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        lat.get(((lat.len() as f64 - 1.0) * p).round() as usize)
            .copied()
            .unwrap_or(f64::NAN)
    };
    println!(
        "{clients}\t{:.0}\t{:.2}\t{:.2}\t{}\t{errors}",
        lat.len() as f64 / wall,
        pct(0.5),
        pct(0.99),
        lat.len()
    );
}
