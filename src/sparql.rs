//! Guards for SPARQL text from untrusted clients, applied before it reaches the parser.
//!
//! The SPARQL parser and evaluator recurse once per nesting level, so a query of a few
//! thousand nested brackets (`FILTER((((…))))`, `{{{…}}}`) overflows the thread's stack and
//! aborts the whole process, which no `catch_unwind` can stop. [`check_nesting`] refuses such
//! text with a message naming the position, and [`on_big_stack`] runs parsing and evaluation on
//! a thread whose stack is large enough for any query within the limits.

/// Deepest bracket nesting (`(`, `{`, `[` together) [`check_nesting`] accepts by default.
/// Real queries stay under 20; 4,000 levels overflowed the parser of a 2 MiB thread.
pub const MAX_NESTING: usize = 128;

/// Stack size of [`on_big_stack`] threads: 256 MiB of address space, touched only as deep as
/// a query recurses.
pub const BIG_STACK: usize = 256 << 20;

/// Checks that brackets in `text` nest at most `max` deep, skipping string literals
/// (`"…"`, `'…'`, and their triple-quoted forms), IRIs (`<…>`) and `#` comments.
///
/// # Errors
/// A message with the 1-based line and column of the bracket past the limit.
pub fn check_nesting(text: &str, max: usize) -> Result<(), String> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'(' | b'{' | b'[' => {
                depth += 1;
                if depth > max {
                    let line = 1 + b[..i].iter().filter(|&&c| c == b'\n').count();
                    let col = 1 + text[..i]
                        .rsplit('\n')
                        .next()
                        .map_or(0, |l| l.chars().count());
                    return Err(format!(
                        "brackets nested deeper than {max} levels at line {line}, column {col}"
                    ));
                }
            }
            b')' | b'}' | b']' => depth = depth.saturating_sub(1),
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            q @ (b'"' | b'\'') => {
                let long = b[i..].starts_with(&[q, q, q]);
                i += if long { 3 } else { 1 };
                while i < b.len() {
                    if b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if long {
                        if b[i..].starts_with(&[q, q, q]) {
                            i += 2;
                            break;
                        }
                    } else if b[i] == q || b[i] == b'\n' {
                        break;
                    }
                    i += 1;
                }
            }
            // An IRI when a `>` closes it before any character an IRI cannot hold; else the
            // less-than operator.
            b'<' => {
                if let Some(len) = b[i + 1..].iter().position(|&c| {
                    c == b'>' || c.is_ascii_whitespace() || matches!(c, b'<' | b'"' | b'{' | b'}')
                }) {
                    if b[i + 1 + len] == b'>' {
                        i += 1 + len;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// Runs `f` on a new thread with a [`BIG_STACK`] stack and returns its result; `None` when the
/// thread cannot be started or `f` panicked.
pub fn on_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    std::thread::Builder::new()
        .name("newskg sparql".into())
        .stack_size(BIG_STACK)
        .spawn(f)
        .ok()?
        .join()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_outside_strings_iris_and_comments() {
        let q = "SELECT * WHERE { ?s ?p \"((((\" . FILTER(?o < 3 && ?o > (1)) } # ((((";
        assert!(check_nesting(q, 3).is_ok());
        assert!(check_nesting("ASK { <http://e/((((((> ?p ?o }", 2).is_ok());
        assert!(check_nesting("ASK { ?s ?p '''(((\n(((''' }", 1).is_ok());
        let deep = format!("ASK {{ FILTER({}1{}) }}", "(".repeat(10), ")".repeat(10));
        let e = check_nesting(&deep, 5).unwrap_err();
        assert!(
            e.contains("deeper than 5") && e.contains("line 1, column 17"),
            "{e}"
        );
        // A `<` that is an operator does not hide the brackets after it.
        assert!(check_nesting("ASK { FILTER(1 < 2 && ((((1)))) ) }", 3).is_err());
    }

    #[test]
    fn a_big_stack_thread_survives_deep_recursion() {
        fn down(n: u64) -> u64 {
            let pad = std::hint::black_box([n; 64]);
            if n == 0 {
                pad[0]
            } else {
                down(n - 1) + pad[1] - n + 1
            }
        }
        assert_eq!(on_big_stack(|| down(50_000)), Some(50_000));
    }
}
