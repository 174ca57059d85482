//! Inputs found by `scripts/fuzz.sh` (examples/fuzz.rs), each a test named after its bug. A
//! hang is caught by a watchdog far above the fixed time (it is a hang detector, not a speed
//! goal: speed lives in `scripts/bench.sh`).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_newskg");

/// Runs `newskg extract --format nquads FILE`; fails if it runs past `limit`.
fn extract_within(path: &std::path::Path, limit: Duration) -> String {
    let mut child = Command::new(BIN)
        .args(["extract", "--format", "nquads"])
        .arg(path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("runs newskg");
    let out = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || std::io::read_to_string(out).unwrap_or_default());
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("polls") {
            assert!(status.success(), "extract failed: {status}");
            return reader.join().expect("reads");
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("extract still running after {limit:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Bug: the PARTIES run check scanned the run once per candidate end, for every start: a
/// sentence with thousands of comma-separated names ("Vik,Vik,Vik,...", 63 KB) was cubic, about
/// half an hour (2,000 names: 8.4 s). Now one pass per start: 3 s on this 2-core machine.
#[test]
fn comma_run_of_12600_names_does_not_hang_extraction() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("run.txt");
    let text = format!(
        "Talks in Oslo\nForeign Minister Anna Dahl met Trade Minister Omar Reyes in Oslo on Monday (May 5, 2025). Mr Reyes, an adviser to President Lena Vik{}, said the talks were useful.\n",
        ",Vik".repeat(12_600)
    );
    std::fs::write(&path, text).expect("writes");
    let nq = extract_within(&path, Duration::from_secs(120));
    // Still the article's meeting.
    assert!(
        nq.contains("/id/person/anna-dahl>"),
        "{}",
        &nq[..nq.len().min(2000)]
    );
    assert!(
        nq.lines()
            .any(|l| l.contains("#participant>") && l.contains("omar-reyes")),
        "no meeting with Omar Reyes"
    );
}
