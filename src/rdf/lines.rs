//! N-Quads and N-Triples lines written straight into a `String`.
//!
//! The same bytes as Oxigraph's `Display` for quads and triples (and so as its N-Quads
//! serializer, which writes `"{quad} ."`), without the formatting machinery: that path writes
//! a literal one character at a time, and the evidence sentences of every statement made
//! output the largest single cost of `newskg extract --format nquads` (callgrind: 12 % of
//! extraction). `tests/it/props.rs` checks the two agree on arbitrary terms.

use oxigraph::model::vocab::xsd;
use oxigraph::model::{
    GraphNameRef, LiteralRef, NamedNodeRef, NamedOrBlankNodeRef, QuadRef, TermRef,
};

/// Appends one N-Quads line (`S P O G .` and a newline; `S P O .` in the default graph).
pub fn push_nquad(out: &mut String, q: QuadRef<'_>) {
    push_spo_of(out, q);
    match q.graph_name {
        GraphNameRef::NamedNode(n) => {
            out.push(' ');
            push_iri(out, n.as_str());
        }
        GraphNameRef::BlankNode(b) => {
            out.push(' ');
            push_blank(out, b.as_str());
        }
        GraphNameRef::DefaultGraph => {}
    }
    out.push_str(" .\n");
}

/// Appends one N-Triples line: the quad's triple, its graph left out.
pub fn push_ntriple(out: &mut String, q: QuadRef<'_>) {
    push_spo_of(out, q);
    out.push_str(" .\n");
}

fn push_spo_of(out: &mut String, q: QuadRef<'_>) {
    push_spo(out, q.subject, q.predicate, q.object);
}

/// Appends `S P O` (no graph, no ` .`).
pub(super) fn push_spo(
    out: &mut String,
    subject: NamedOrBlankNodeRef<'_>,
    predicate: NamedNodeRef<'_>,
    object: TermRef<'_>,
) {
    match subject {
        NamedOrBlankNodeRef::NamedNode(n) => push_iri(out, n.as_str()),
        NamedOrBlankNodeRef::BlankNode(b) => push_blank(out, b.as_str()),
    }
    out.push(' ');
    push_iri(out, predicate.as_str());
    out.push(' ');
    match object {
        TermRef::NamedNode(n) => push_iri(out, n.as_str()),
        TermRef::BlankNode(b) => push_blank(out, b.as_str()),
        TermRef::Literal(l) => push_literal(out, l),
        #[allow(unreachable_patterns)]
        other => {
            use std::fmt::Write as _;
            let _ = write!(out, "{other}");
        }
    }
}

/// A blank node as `_:id`.
fn push_blank(out: &mut String, id: &str) {
    out.push_str("_:");
    out.push_str(id);
}

/// An IRI as `<...>`: Oxigraph's IRIs are valid, so nothing needs escaping.
fn push_iri(out: &mut String, iri: &str) {
    out.push('<');
    out.push_str(iri);
    out.push('>');
}

fn push_literal(out: &mut String, l: LiteralRef<'_>) {
    push_quoted(out, l.value());
    if let Some(lang) = l.language() {
        out.push('@');
        out.push_str(lang);
    } else if l.datatype() != xsd::STRING {
        out.push_str("^^");
        push_iri(out, l.datatype().as_str());
    }
}

/// A string in double quotes with N-Triples escapes, copied a run at a time between escapes.
/// Scans bytes: what needs an escape is ASCII (one byte in UTF-8, never inside another
/// character) or U+FFFE/U+FFFF (`EF BF BE`/`EF BF BF`; `EF` only ever leads a character).
fn push_quoted(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let b = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        let (esc, len): (&str, usize) = match b[i] {
            0x08 => ("\\b", 1),
            b'\t' => ("\\t", 1),
            b'\n' => ("\\n", 1),
            0x0C => ("\\f", 1),
            b'\r' => ("\\r", 1),
            b'"' => ("\\\"", 1),
            b'\\' => ("\\\\", 1),
            0x00..=0x1F | 0x7F => ("", 1),
            0xEF if b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)) => {
                ("", 3)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[run..i]);
        if esc.is_empty() {
            use std::fmt::Write as _;
            let c = s[i..].chars().next().expect("a character starts here");
            let _ = write!(out, "\\u{:04X}", u32::from(c));
        } else {
            out.push_str(esc);
        }
        i += len;
        run = i;
    }
    out.push_str(&s[run..]);
    out.push('"');
}
