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
use oxigraph::model::{GraphName, Literal, NamedNode, Quad};

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
    NamedNode::new_unchecked(format!("{ID}{}/{}", e.ty.iri_segment(), slug(&e.name)))
}

fn n(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

fn plain(s: &str) -> Literal {
    Literal::new_simple_literal(s)
}

fn int(v: usize) -> Literal {
    Literal::new_typed_literal(v.to_string(), xsd::INTEGER)
}

fn decimal(v: f32) -> Literal {
    Literal::new_typed_literal(format!("{:.2}", v.clamp(0.0, 1.0)), xsd::DECIMAL)
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

/// Maps an extraction to quads in the document's graph.
#[must_use]
pub fn to_quads(doc: &Document, x: &Extraction) -> DocumentGraph {
    let g_iri = document_iri(&doc.id);
    let g = GraphName::NamedNode(g_iri.clone());
    let shared = GraphName::NamedNode(n(vocab::ENTITIES_GRAPH));
    // About as many quads as the document gives (measured on generated news: within 20 %),
    // so the vector does not grow and copy itself many times over.
    let mut quads = Vec::with_capacity(
        8 + 6 * x.entities.len() + 14 * x.relations.len() + 16 * x.meetings.len(),
    );
    // Entity descriptions (types, labels, Wikidata ids) are the same whichever document names
    // the entity: they go to one shared graph, so a label is stored once, not once per
    // document, and queries over the union do not multiply matches by documents.
    let mut described = Vec::with_capacity(5 * x.entities.len());
    let mut q = |s: &NamedNode, p: &str, o: oxigraph::model::Term| {
        quads.push(Quad::new(s.clone(), n(p), o, g.clone()))
    };
    // Document.
    q(
        &g_iri,
        rdf::TYPE.as_str(),
        vocab::DOCUMENT.into_owned().into(),
    );
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
    q(
        &g_iri,
        vocab::CONTENT_HASH.as_str(),
        plain(&content_hash).into(),
    );
    if let Some(t) = &doc.meta.title {
        q(&g_iri, vocab::TITLE.as_str(), plain(t).into());
    }
    if let Some(d) = doc.meta.published {
        q(
            &g_iri,
            vocab::PUBLISHED.as_str(),
            Literal::new_typed_literal(d.to_string(), xsd::DATE).into(),
        );
    }
    if let Some(u) = doc.meta.url.as_deref().and_then(|u| NamedNode::new(u).ok()) {
        q(&g_iri, vocab::URL.as_str(), u.into());
    }
    // Entities that took part in at least one mention.
    let iris: Vec<NamedNode> = x.entities.iter().map(entity_iri).collect();
    for (e, iri) in x.entities.iter().zip(&iris) {
        q(iri, vocab::MENTIONED_IN.as_str(), g_iri.clone().into());
        // The sex this document shows (honorific, given name, world knowledge): evidence the
        // cross-document linker uses against a link.
        if let Some(sex) = e.sex {
            let g = if sex == 'f' { "female" } else { "male" };
            q(iri, vocab::GENDER.as_str(), plain(g).into());
        }
        // Why each name was linked to this entity.
        // A name written exactly as the entity's name, linked by that name alone (or by the
        // gazetteer entry whose Wikidata id the entity carries), needs no record.
        for l in e
            .links
            .iter()
            .filter(|l| !(matches!(l.rule, "same-name" | "known-name") && l.surface == e.name))
        {
            let li = link_iri(&g_iri, &l.surface, l.rule);
            q(&li, rdf::TYPE.as_str(), vocab::LINK.into_owned().into());
            q(&li, vocab::LINKED.as_str(), iri.clone().into());
            q(&li, vocab::SURFACE.as_str(), plain(&l.surface).into());
            q(&li, vocab::LINK_RULE.as_str(), plain(l.rule).into());
            q(
                &li,
                vocab::LINK_EVIDENCE.as_str(),
                plain(&l.evidence).into(),
            );
            q(&li, vocab::LINKED_IN.as_str(), g_iri.clone().into());
        }
        let mut q = |s: &NamedNode, p: &str, o: oxigraph::model::Term| {
            described.push(Quad::new(s.clone(), n(p), o, shared.clone()))
        };
        q(
            iri,
            rdf::TYPE.as_str(),
            e.ty.class_iri().into_owned().into(),
        );
        if let Some(c) = e
            .place_kind
            .filter(|_| e.ty == crate::EntityType::Place)
            .and_then(crate::PlaceKind::class_iri)
        {
            q(iri, rdf::TYPE.as_str(), c.into_owned().into());
        }
        // Seats of government (the Kremlin, the White House) are institutions and places.
        if e.ty == crate::EntityType::Organization
            && e.place_kind == Some(crate::PlaceKind::Facility)
        {
            q(iri, rdf::TYPE.as_str(), vocab::PLACE.into_owned().into());
        }
        // The label keeps the spelling with diacritics (the lexicon's, for known entities);
        // the canonical name and the ASCII form are alternative labels.
        let label = match e.known {
            Some(k) => crate::Lexicon::embedded().entity(k).label.as_str(),
            None => e.name.as_str(),
        };
        q(iri, rdfs::LABEL.as_str(), plain(label).into());
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
                q(iri, vocab::ALT_LABEL.as_str(), plain(a).into());
            }
        }
        if let Some(w) = &e.wikidata {
            q(
                iri,
                vocab::WIKIDATA_ITEM.as_str(),
                n(&format!("{WIKIDATA}{w}")).into(),
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
    for (s, iri) in &mut used {
        let span = x.sentences[*s];
        let (start, end) = (chars.chars_at(span.start), chars.chars_at(span.end));
        *iri = n(&format!("{}#char={start},{end}", g_iri.as_str()));
        q(iri, rdf::TYPE.as_str(), vocab::SENTENCE.into_owned().into());
        q(iri, vocab::TEXT.as_str(), plain(&doc.text[span]).into());
        q(iri, vocab::START_CHAR.as_str(), int(start).into());
        q(iri, vocab::END_CHAR.as_str(), int(end).into());
        q(iri, vocab::DOCUMENT_OF.as_str(), g_iri.clone().into());
    }
    // Relations with their statements.
    for r in &x.relations {
        let (s, o) = (&iris[r.subject.index()], &iris[r.object.index()]);
        let p = r.predicate.iri().as_str();
        q(s, p, o.clone().into());
        if r.predicate.is_symmetric() {
            q(o, p, s.clone().into());
        }
        // A metWith drawn from a meeting has its evidence through the meeting node.
        if r.from_meeting {
            continue;
        }
        // Keyed by the entities' places in the document, not their IRIs, so linking across
        // documents (which renames IRIs) at build time or later (`newskg link`) mints the
        // same statement IRI.
        let key = format!(
            "{}|{}|{}|{}|{}",
            doc.id,
            r.subject.index(),
            p,
            r.object.index(),
            r.sentence
        );
        let st = n(&format!("{ID}stmt/{:016x}", fnv64(key.as_bytes())));
        q(
            &st,
            rdf::TYPE.as_str(),
            vocab::STATEMENT.into_owned().into(),
        );
        q(&st, rdf::SUBJECT.as_str(), s.clone().into());
        q(&st, rdf::PREDICATE.as_str(), n(p).into());
        q(&st, rdf::OBJECT.as_str(), o.clone().into());
        q(
            &st,
            vocab::EVIDENCE.as_str(),
            used[&r.sentence].clone().into(),
        );
        q(&st, vocab::RULE.as_str(), plain(r.rule).into());
        q(
            &st,
            vocab::CONFIDENCE.as_str(),
            decimal(r.confidence).into(),
        );
        if let Some(role) = &r.role {
            q(&st, vocab::ROLE.as_str(), plain(role).into());
        }
    }
    // Meetings.
    for m in &x.meetings {
        // By the participants' places in the document, as statements are.
        let mut key = format!("{}|{}", doc.id, m.sentence);
        for p in &m.participants {
            key.push('|');
            key.push_str(&p.index().to_string());
        }
        let mi = n(&format!("{ID}meeting/{:016x}", fnv64(key.as_bytes())));
        q(&mi, rdf::TYPE.as_str(), vocab::MEETING.into_owned().into());
        for p in &m.participants {
            q(
                &mi,
                vocab::PARTICIPANT.as_str(),
                iris[p.index()].clone().into(),
            );
        }
        if let Some(d) = m.date {
            q(
                &mi,
                vocab::DATE.as_str(),
                Literal::new_typed_literal(d.to_string(), xsd::DATE).into(),
            );
        }
        if let Some(l) = m.location {
            q(
                &mi,
                vocab::LOCATION.as_str(),
                iris[l.index()].clone().into(),
            );
        }
        q(
            &mi,
            vocab::MODE.as_str(),
            mode_iri(m.mode).into_owned().into(),
        );
        for (k, side) in m.sides.iter().enumerate() {
            let si = n(&format!("{}/side/{}", mi.as_str(), k + 1));
            q(&mi, vocab::SIDE_OF.as_str(), si.clone().into());
            q(&si, rdf::TYPE.as_str(), vocab::SIDE.into_owned().into());
            for p in side {
                q(
                    &si,
                    vocab::SIDE_MEMBER.as_str(),
                    iris[p.index()].clone().into(),
                );
            }
        }
        q(
            &mi,
            vocab::EVIDENCE.as_str(),
            used[&m.sentence].clone().into(),
        );
        q(&mi, vocab::RULE.as_str(), plain(m.rule).into());
        q(
            &mi,
            vocab::CONFIDENCE.as_str(),
            decimal(m.confidence).into(),
        );
    }
    quads.extend(described);
    let relations = x.relations.len();
    DocumentGraph {
        content_hash,
        iri: g_iri,
        quads,
        counts: (x.entities.len(), relations, x.meetings.len()),
    }
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
pub(crate) fn link_iri(graph: &NamedNode, surface: &str, rule: &str) -> NamedNode {
    let key = format!("{}|{surface}|{rule}", graph.as_str());
    NamedNode::new_unchecked(format!("{ID}link/{:016x}", fnv64(key.as_bytes())))
}
