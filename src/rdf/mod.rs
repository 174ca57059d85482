//! Extraction to RDF: [`to_quads`] maps a document's [`Extraction`] to the quads of its named
//! graph, following `ontology/newskg.ttl` and the contract.
//!
//! Layout: entity descriptions (types, `rdfs:label`, `skos:altLabel`, `nkg:wikidata`) go to
//! the shared graph [`vocab::ENTITIES_GRAPH`]; everything else to the document's graph:
//! - the document: `<doc/ID> a nkg:Document; nkg:title; nkg:published; nkg:url; nkg:contentHash`
//!   (no local path: `nkg:sourcePath` only through [`record_path`], `build --record-paths`)
//! - each entity it names: `nkg:mentionedIn` the document
//! - each relation: the direct triple (both directions for symmetric predicates) and one
//!   statement node (`rdf:subject/predicate/object`, `nkg:evidence` the sentence,
//!   `nkg:rule`, `nkg:confidence`, `nkg:role`)
//! - each evidence sentence once: `<doc/ID#char=S,E> nkg:text; nkg:startChar; nkg:endChar`
//! - each meeting: `nkg:participant`s, `nkg:date`, `nkg:location`, evidence, rule, confidence

mod lines;
pub mod vocab;

pub use lines::{push_nquad, push_ntriple};

use std::collections::BTreeMap;

use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{GraphName, LiteralRef, NamedNode, NamedNodeRef, Quad, TermRef};

use crate::extract::{Entity, Extraction};
use crate::ingest::{Document, fnv64, slug};
use crate::span::CharCounter;
use vocab::{DOC, ID, WIKIDATA};

/// The quads of one document's named graph.
#[derive(Clone, Debug)]
pub struct DocumentGraph {
    /// The document IRI, also the graph name.
    pub iri: NamedNode,
    /// All quads, in the document's graph.
    pub quads: Vec<Quad>,
    /// The document's content hash (also stored as `nkg:contentHash`).
    pub content_hash: String,
    /// Number of entities, relations (symmetric counted once) and meetings.
    pub counts: (usize, usize, usize),
}

/// The IRI of a document id.
#[must_use]
pub fn document_iri(id: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{DOC}{id}"))
}

/// The IRI of an entity: type segment and the slug of its canonical name, the same in every
/// run and store.
#[must_use]
pub fn entity_iri(e: &Entity) -> NamedNode {
    let slug = slug(&e.name);
    let segment = e.ty.iri_segment();
    let mut iri = String::with_capacity(ID.len() + segment.len() + 1 + slug.len());
    iri.push_str(ID);
    iri.push_str(segment);
    iri.push('/');
    iri.push_str(&slug);
    NamedNode::new_unchecked(iri)
}

fn n(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

fn plain(s: &str) -> LiteralRef<'_> {
    LiteralRef::new_simple_literal(s)
}

/// An `xsd:integer`, written into `buf`.
fn int(buf: &mut String, v: usize) -> LiteralRef<'_> {
    buf.clear();
    push_dec(buf, v);
    LiteralRef::new_typed_literal(buf, xsd::INTEGER)
}

/// Appends `v` in decimal (as `{v}` formats it), without the formatting machinery.
fn push_dec(out: &mut String, mut v: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + u8::try_from(v % 10).expect("a digit");
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&digits[i..]).expect("ASCII digits"));
}

/// Appends `v` as 16 lower-case hexadecimal digits (as `{v:016x}` formats it).
fn push_hex16(out: &mut String, v: u64) {
    for shift in (0..16).rev() {
        let d = usize::try_from((v >> (shift * 4)) & 0xf).expect("a nibble");
        out.push(char::from(b"0123456789abcdef"[d]));
    }
}

/// Writes into `buf` the IRI `{ID}{kind}/` and the 16-digit hash of `key`: the IRI of a
/// statement, meeting or link record.
fn hashed_iri<'b>(buf: &'b mut String, kind: &str, key: &str) -> NamedNodeRef<'b> {
    buf.clear();
    buf.push_str(ID);
    buf.push_str(kind);
    buf.push('/');
    push_hex16(buf, fnv64(key.as_bytes()));
    NamedNodeRef::new_unchecked(buf)
}

/// An `xsd:decimal` with two decimals, clamped to [0, 1], written into `buf`.
fn decimal(buf: &mut String, v: f32) -> LiteralRef<'_> {
    use std::fmt::Write as _;
    buf.clear();
    let _ = write!(buf, "{:.2}", v.clamp(0.0, 1.0));
    LiteralRef::new_typed_literal(buf, xsd::DECIMAL)
}

/// The individual of a meeting mode (`nkg:InPerson`, ...).
fn mode_iri(mode: crate::rules::Mode) -> oxigraph::model::NamedNodeRef<'static> {
    use crate::rules::Mode;
    match mode {
        Mode::InPerson => vocab::IN_PERSON,
        Mode::Phone => vocab::PHONE_CALL,
        Mode::Video => vocab::VIDEO_CALL,
    }
}

/// Where [`emit`] sends each quad: `shared` for the shared entities graph, else the
/// document's graph.
trait Sink {
    fn quad(&mut self, s: NamedNodeRef<'_>, p: NamedNodeRef<'_>, o: TermRef<'_>, shared: bool);
}

/// Owned quads, the document's graph first and the shared graph's after them.
struct Owned {
    g: GraphName,
    shared: GraphName,
    quads: Vec<Quad>,
    described: Vec<Quad>,
}

impl Sink for Owned {
    fn quad(&mut self, s: NamedNodeRef<'_>, p: NamedNodeRef<'_>, o: TermRef<'_>, shared: bool) {
        if shared {
            self.described
                .push(Quad::new(s, p, o.into_owned(), self.shared.clone()));
        } else {
            self.quads
                .push(Quad::new(s, p, o.into_owned(), self.g.clone()));
        }
    }
}

/// N-Quads or N-Triples lines, the document's graph first and the shared graph's after
/// them (the order of [`to_quads`]).
struct Lines<'a> {
    out: &'a mut String,
    described: String,
    /// What ends a line of the document's graph (` <g> .` and a newline; ` .` and a newline
    /// for N-Triples) and of the shared graph.
    end: String,
    end_shared: String,
}

impl Sink for Lines<'_> {
    fn quad(&mut self, s: NamedNodeRef<'_>, p: NamedNodeRef<'_>, o: TermRef<'_>, shared: bool) {
        let (out, end) = if shared {
            (&mut self.described, &self.end_shared)
        } else {
            (&mut *self.out, &self.end)
        };
        lines::push_spo(out, s.into(), p, o);
        out.push_str(end);
    }
}

/// Maps an extraction to quads in the document's graph.
#[must_use]
pub fn to_quads(doc: &Document, x: &Extraction) -> DocumentGraph {
    let g_iri = document_iri(&doc.id);
    // About as many quads as the document gives (measured on generated news: within 20 %),
    // so the vector does not grow and copy itself many times over.
    let mut sink = Owned {
        g: GraphName::NamedNode(g_iri.clone()),
        shared: GraphName::NamedNode(n(vocab::ENTITIES_GRAPH)),
        quads: Vec::with_capacity(
            8 + 6 * x.entities.len() + 14 * x.relations.len() + 16 * x.meetings.len(),
        ),
        described: Vec::with_capacity(5 * x.entities.len()),
    };
    let content_hash = emit(doc, x, g_iri.as_ref(), &mut sink);
    let mut quads = sink.quads;
    quads.extend(sink.described);
    DocumentGraph {
        content_hash,
        iri: g_iri,
        quads,
        counts: (x.entities.len(), x.relations.len(), x.meetings.len()),
    }
}

/// Appends the lines of [`to_quads`]'s quads to `out` (N-Quads, or with `nquads` false
/// N-Triples), the same bytes as [`push_nquad`] over them, without building the quads.
pub fn push_lines(doc: &Document, x: &Extraction, nquads: bool, out: &mut String) {
    let g_iri = document_iri(&doc.id);
    // The same bytes as `push_nquad`/`push_ntriple` write after the triple.
    let end = |g: &str| {
        if nquads {
            format!(" <{g}> .\n")
        } else {
            " .\n".to_owned()
        }
    };
    let mut sink = Lines {
        end: end(g_iri.as_str()),
        end_shared: end(vocab::ENTITIES_GRAPH),
        out,
        // About five lines of 150 bytes per entity.
        described: String::with_capacity(x.entities.len() * 800),
    };
    emit(doc, x, g_iri.as_ref(), &mut sink);
    let Lines { out, described, .. } = sink;
    out.push_str(&described);
}

/// Sends the quads of a document's extraction to `sink`; returns the content hash.
fn emit(doc: &Document, x: &Extraction, g_iri: NamedNodeRef<'_>, sink: &mut impl Sink) -> String {
    // A quad in the document's graph; `described!`, in the shared graph.
    macro_rules! q {
        ($s:expr, $p:expr, $o:expr) => {
            sink.quad($s, $p, TermRef::from($o), false)
        };
    }
    macro_rules! described {
        ($s:expr, $p:expr, $o:expr) => {
            sink.quad($s, $p, TermRef::from($o), true)
        };
    }
    // Document.
    q!(g_iri, rdf::TYPE, vocab::DOCUMENT);
    // The hash covers everything extraction reads: the text and the metadata (a changed
    // `--date` or JSON `date` is a changed document, not an unchanged one).
    let content_hash = {
        let m = &doc.meta;
        let key = format!(
            "{}|{:?}|{:?}|{:?}|{:?}",
            doc.content_hash, m.published, m.title, m.url, m.dateline
        );
        format!("{:016x}", fnv64(key.as_bytes()))
    };
    q!(g_iri, vocab::CONTENT_HASH, plain(&content_hash));
    if let Some(t) = &doc.meta.title {
        q!(g_iri, vocab::TITLE, plain(t));
    }
    if let Some(d) = doc.meta.published {
        let d = d.to_string();
        q!(
            g_iri,
            vocab::PUBLISHED,
            LiteralRef::new_typed_literal(&d, xsd::DATE)
        );
    }
    if let Some(u) = doc.meta.url.as_deref().and_then(|u| NamedNode::new(u).ok()) {
        q!(g_iri, vocab::URL, u.as_ref());
    }
    // Entities that took part in at least one mention.
    let iris: Vec<NamedNode> = x.entities.iter().map(entity_iri).collect();
    let mut wikidata = String::new();
    let (mut link_key, mut link_buf) = (String::new(), String::new());
    for (e, iri) in x.entities.iter().zip(&iris) {
        let iri = iri.as_ref();
        q!(iri, vocab::MENTIONED_IN, g_iri);
        // The sex this document shows (honorific, given name, world knowledge): evidence the
        // cross-document linker uses against a link.
        if let Some(sex) = e.sex {
            let g = if sex == 'f' { "female" } else { "male" };
            q!(iri, vocab::GENDER, plain(g));
        }
        // Why each name was linked to this entity.
        // A name written exactly as the entity's name, linked by that name alone (or by the
        // gazetteer entry whose Wikidata id the entity carries), needs no record.
        for l in e
            .links
            .iter()
            .filter(|l| !(matches!(l.rule, "same-name" | "known-name") && l.surface == e.name))
        {
            let li = push_link_iri(
                &mut link_key,
                &mut link_buf,
                g_iri.as_str(),
                &l.surface,
                l.rule,
            );
            q!(li, rdf::TYPE, vocab::LINK);
            q!(li, vocab::LINKED, iri);
            q!(li, vocab::SURFACE, plain(&l.surface));
            q!(li, vocab::LINK_RULE, plain(l.rule));
            q!(li, vocab::LINK_EVIDENCE, plain(&l.evidence));
            q!(li, vocab::LINKED_IN, g_iri);
        }
        described!(iri, rdf::TYPE, e.ty.class_iri());
        if let Some(c) = e
            .place_kind
            .filter(|_| e.ty == crate::EntityType::Place)
            .and_then(crate::PlaceKind::class_iri)
        {
            described!(iri, rdf::TYPE, c);
        }
        // Seats of government (the Kremlin, the White House) are institutions and places.
        if e.ty == crate::EntityType::Organization
            && e.place_kind == Some(crate::PlaceKind::Facility)
        {
            described!(iri, rdf::TYPE, vocab::PLACE);
        }
        // The label keeps the spelling with diacritics (the lexicon's, for known entities);
        // the canonical name and the ASCII form are alternative labels.
        let label = match e.known {
            Some(k) => crate::Lexicon::embedded().entity(k).label.as_str(),
            None => e.name.as_str(),
        };
        described!(iri, rdfs::LABEL, plain(label));
        let ascii = crate::ingest::ascii_form(label);
        let canonical = (label != e.name).then_some(&e.name);
        for a in e
            .aliases
            .iter()
            .chain(canonical)
            .chain(ascii.as_ref())
            .collect::<std::collections::BTreeSet<_>>()
        {
            if a != label {
                described!(iri, vocab::ALT_LABEL, plain(a));
            }
        }
        if let Some(w) = &e.wikidata {
            wikidata.clear();
            wikidata.push_str(WIKIDATA);
            wikidata.push_str(w);
            described!(
                iri,
                vocab::WIKIDATA_ITEM,
                NamedNodeRef::new_unchecked(&wikidata)
            );
        }
    }
    // Evidence sentences, each once, with code point offsets.
    let mut used: BTreeMap<usize, NamedNode> = BTreeMap::new();
    for s in x
        .relations
        .iter()
        .map(|r| r.sentence)
        .chain(x.meetings.iter().map(|m| m.sentence))
    {
        used.entry(s).or_insert_with(|| n("urn:placeholder"));
    }
    let mut chars = CharCounter::new(&doc.text);
    let mut num = String::new();
    for (s, iri) in &mut used {
        let span = x.sentences[*s];
        let (start, end) = (chars.chars_at(span.start), chars.chars_at(span.end));
        let mut text = String::with_capacity(g_iri.as_str().len() + 24);
        text.push_str(g_iri.as_str());
        text.push_str("#char=");
        push_dec(&mut text, start);
        text.push(',');
        push_dec(&mut text, end);
        *iri = NamedNode::new_unchecked(text);
        let iri = iri.as_ref();
        q!(iri, rdf::TYPE, vocab::SENTENCE);
        q!(iri, vocab::TEXT, plain(&doc.text[span]));
        q!(iri, vocab::START_CHAR, int(&mut num, start));
        q!(iri, vocab::END_CHAR, int(&mut num, end));
        q!(iri, vocab::DOCUMENT_OF, g_iri);
    }
    // Keys and IRIs of statements, meetings and sides, written into buffers kept across them.
    let (mut key, mut node, mut side_iri) = (String::new(), String::new(), String::new());
    // Relations with their statements.
    for r in &x.relations {
        let (s, o) = (
            iris[r.subject.index()].as_ref(),
            iris[r.object.index()].as_ref(),
        );
        let p = r.predicate.iri();
        q!(s, p, o);
        if r.predicate.is_symmetric() {
            q!(o, p, s);
        }
        // A metWith drawn from a meeting has its evidence through the meeting node.
        if r.from_meeting {
            continue;
        }
        // Keyed by the entities' places in the document, not their IRIs, so linking across
        // documents (which renames IRIs) at build time or later (`newskg link`) mints the
        // same statement IRI.
        key.clear();
        key.push_str(&doc.id);
        key.push('|');
        push_dec(&mut key, r.subject.index());
        key.push('|');
        key.push_str(p.as_str());
        key.push('|');
        push_dec(&mut key, r.object.index());
        key.push('|');
        push_dec(&mut key, r.sentence);
        let st = hashed_iri(&mut node, "stmt", &key);
        q!(st, rdf::TYPE, vocab::STATEMENT);
        q!(st, rdf::SUBJECT, s);
        q!(st, rdf::PREDICATE, p);
        q!(st, rdf::OBJECT, o);
        q!(st, vocab::EVIDENCE, used[&r.sentence].as_ref());
        q!(st, vocab::RULE, plain(r.rule));
        q!(st, vocab::CONFIDENCE, decimal(&mut num, r.confidence));
        if let Some(role) = &r.role {
            q!(st, vocab::ROLE, plain(role));
        }
    }
    // Meetings.
    for m in &x.meetings {
        // By the participants' places in the document, as statements are.
        key.clear();
        key.push_str(&doc.id);
        key.push('|');
        push_dec(&mut key, m.sentence);
        for p in &m.participants {
            key.push('|');
            push_dec(&mut key, p.index());
        }
        let mi = hashed_iri(&mut node, "meeting", &key);
        q!(mi, rdf::TYPE, vocab::MEETING);
        for p in &m.participants {
            q!(mi, vocab::PARTICIPANT, iris[p.index()].as_ref());
        }
        if let Some(d) = m.date {
            let d = d.to_string();
            q!(
                mi,
                vocab::DATE,
                LiteralRef::new_typed_literal(&d, xsd::DATE)
            );
        }
        if let Some(l) = m.location {
            q!(mi, vocab::LOCATION, iris[l.index()].as_ref());
        }
        q!(mi, vocab::MODE, mode_iri(m.mode));
        for (k, side) in m.sides.iter().enumerate() {
            side_iri.clear();
            side_iri.push_str(mi.as_str());
            side_iri.push_str("/side/");
            push_dec(&mut side_iri, k + 1);
            let si = NamedNodeRef::new_unchecked(&side_iri);
            q!(mi, vocab::SIDE_OF, si);
            q!(si, rdf::TYPE, vocab::SIDE);
            for p in side {
                q!(si, vocab::SIDE_MEMBER, iris[p.index()].as_ref());
            }
        }
        q!(mi, vocab::EVIDENCE, used[&m.sentence].as_ref());
        q!(mi, vocab::RULE, plain(m.rule));
        q!(mi, vocab::CONFIDENCE, decimal(&mut num, m.confidence));
    }
    content_hash
}

/// Adds `nkg:sourcePath` to a document's graph: the input path relative to the working
/// directory (`build --record-paths`). Without this call the graph holds no local path.
pub fn record_path(graph: &mut DocumentGraph, doc: &Document) {
    let path = relative_to_cwd(&doc.origin);
    graph.quads.push(Quad::new(
        graph.iri.clone(),
        vocab::SOURCE_PATH.into_owned(),
        plain(&path),
        GraphName::NamedNode(graph.iri.clone()),
    ));
}

/// `origin` (a path as given, possibly `path:line` or `-`) relative to the working directory.
fn relative_to_cwd(origin: &str) -> String {
    use std::path::{Component, Path, PathBuf};
    let p = Path::new(origin);
    let Ok(cwd) = std::env::current_dir() else {
        return origin.to_owned();
    };
    if !p.is_absolute() {
        return origin.to_owned();
    }
    let (pc, cc): (Vec<Component>, Vec<Component>) =
        (p.components().collect(), cwd.components().collect());
    let common = pc.iter().zip(&cc).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..cc.len() {
        out.push("..");
    }
    for c in &pc[common..] {
        out.push(c);
    }
    out.to_string_lossy().into_owned()
}

/// The prefixes newskg output uses.
pub const PREFIXES: &[(&str, &str)] = &[
    ("nkg", vocab::NKG),
    ("id", vocab::ID),
    ("doc", vocab::DOC),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("skos", vocab::SKOS),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("wd", vocab::WIKIDATA),
    ("foaf", vocab::FOAF),
];

/// An RDF serializer with newskg's prefixes.
pub fn prefixed(mut ser: oxigraph::io::RdfSerializer) -> oxigraph::io::RdfSerializer {
    for (p, iri) in PREFIXES {
        ser = ser.with_prefix(*p, *iri).expect("valid prefix IRIs");
    }
    ser
}

/// An IRI with a known prefix shortened (`nkg:metWith`).
#[must_use]
pub fn shorten(iri: &str) -> String {
    // Longest namespace first: `id:` and `doc:` sit under the `nkg` host.
    let mut best: Option<(&str, &str)> = None;
    for (p, ns) in PREFIXES {
        if iri.starts_with(ns) && best.is_none_or(|(_, b)| ns.len() > b.len()) {
            best = Some((p, ns));
        }
    }
    match best {
        Some((p, ns)) => format!("{p}:{}", &iri[ns.len()..]),
        None => format!("<{iri}>"),
    }
}

/// The IRI of the record of why `surface` was linked by `rule` in the document graph `graph`:
/// keyed by the graph, the name as written and the rule (not the entity's IRI), so linking
/// later (`newskg link`) mints the same IRI as linking during `build`.
#[must_use]
pub(crate) fn link_iri<'a>(
    graph: impl Into<NamedNodeRef<'a>>,
    surface: &str,
    rule: &str,
) -> NamedNode {
    let (mut key, mut iri) = (String::new(), String::new());
    push_link_iri(&mut key, &mut iri, graph.into().as_str(), surface, rule).into_owned()
}

/// [`link_iri`] written into `buf` (its key into `key`).
fn push_link_iri<'b>(
    key: &mut String,
    buf: &'b mut String,
    graph: &str,
    surface: &str,
    rule: &str,
) -> NamedNodeRef<'b> {
    key.clear();
    for (i, part) in [graph, surface, rule].into_iter().enumerate() {
        if i > 0 {
            key.push('|');
        }
        key.push_str(part);
    }
    hashed_iri(buf, "link", key)
}
