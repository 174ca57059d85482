//! Corrections that last: a user says "this fact is wrong", "this fact holds", "these two
//! nodes are one person", "this node is two people", or "call it this"; the correction is
//! kept in the store folder as Turtle ([`FILE`]), with who and when (PROV-O), and [`apply`]
//! enforces every correction after each build, so rebuilds and new documents respect them.
//!
//! In the store, the corrections are also in the named graph [`GRAPH`]: each is an
//! `nkg:Correction` (`nkg:correctionKind` "retract", "assert", "merge", "split" or "rename";
//! `prov:wasAssociatedWith` an agent with an `rdfs:label`; `prov:endedAtTime`). A retracted
//! fact's direct triples are deleted from the document graphs and its statement nodes get
//! `nkg:retractedBy` the correction; an asserted fact is a direct triple in [`GRAPH`] with a
//! statement node carrying `nkg:assertedBy`; a merge or split is recorded as an `nkg:Link`
//! with rule `correction`.
//!
//! ```text
//! newskg correct --store S --retract id:person/a nkg:metWith id:person/b --reason "never met"
//! newskg correct --store S --merge id:person/ms-kallas id:person/kaja-kallas
//! newskg correct --store S --list
//! ```

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Literal, NamedNode, NamedOrBlankNode, Quad, Term};

use crate::rdf::vocab::{ENTITIES_GRAPH, ID, SKOS, nkg};
use crate::{Error, Predicate, Result, Store};

mod meetings;

/// The corrections file in the store folder.
pub const FILE: &str = "corrections.ttl";
/// The named graph holding the corrections and the facts they assert.
pub const GRAPH: &str = "https://w3id.org/newskg/graph/corrections";
const PROV: &str = "http://www.w3.org/ns/prov#";
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// A correction to record ([`record`]): terms are IRIs already expanded (see [`expand`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A fact is wrong: its direct triples leave the document graphs.
    Retract {
        /// The fact's subject.
        subject: NamedNode,
        /// The fact's predicate (`nkg:metWith`, ...).
        predicate: NamedNode,
        /// The fact's object.
        object: NamedNode,
    },
    /// A fact holds: a direct triple in the corrections graph.
    Assert {
        /// The fact's subject.
        subject: NamedNode,
        /// The fact's predicate.
        predicate: NamedNode,
        /// The fact's object.
        object: NamedNode,
    },
    /// Two entities are one: `entity` becomes `into` (its labels become `into`'s altLabels).
    Merge {
        /// The entity that goes.
        entity: NamedNode,
        /// The entity that stays.
        into: NamedNode,
    },
    /// An entity is two: its mentions in `document` are another entity, labelled `label`.
    Split {
        /// The entity split.
        entity: NamedNode,
        /// The document whose mentions move.
        document: NamedNode,
        /// The new entity's label.
        label: String,
    },
    /// An entity's label changes (the old label becomes an altLabel).
    Rename {
        /// The entity.
        entity: NamedNode,
        /// Its new label.
        label: String,
    },
}

/// One correction, as read from the corrections file of a store folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    /// Its IRI.
    pub iri: NamedNode,
    /// "retract", "assert", "merge", "split" or "rename".
    pub kind: String,
    /// Who (the agent's label).
    pub by: String,
    /// When (xsd:dateTime lexical form, UTC).
    pub at: String,
    /// The fact, for retract and assert.
    pub fact: Option<(NamedNode, NamedNode, NamedNode)>,
    /// The entity merged, split or renamed.
    pub entity: Option<NamedNode>,
    /// The merge target.
    pub into: Option<NamedNode>,
    /// The split's document.
    pub document: Option<NamedNode>,
    /// The new label (rename, split).
    pub label: Option<String>,
    /// Why.
    pub reason: Option<String>,
}

fn n(s: &str) -> NamedNode {
    NamedNode::new_unchecked(s)
}

/// Expands an IRI, `<IRI>` or a prefixed name (`id:person/x`, `nkg:metWith`, `doc:a`).
///
/// # Errors
/// Not an IRI and no known prefix.
pub fn expand(term: &str) -> Result<NamedNode> {
    let t = term.trim().trim_start_matches('<').trim_end_matches('>');
    if t.starts_with("http://") || t.starts_with("https://") {
        return NamedNode::new(t).map_err(|e| Error::Usage(format!("{term}: not an IRI: {e}")));
    }
    if let Some((p, local)) = t.split_once(':') {
        if let Some((_, ns)) = crate::rdf::PREFIXES.iter().find(|(q, _)| *q == p) {
            return NamedNode::new(format!("{ns}{}", local.replace('\\', "")))
                .map_err(|e| Error::Usage(format!("{term}: not an IRI: {e}")));
        }
    }
    Err(Error::Usage(format!(
        "{term}: not an IRI or a prefixed name (id:person/..., nkg:metWith, doc:...)"
    )))
}

/// Reads the corrections of a store folder, oldest first (an absent file: none).
///
/// # Errors
/// The file cannot be read or is not valid Turtle (the error names it).
pub fn load(store_dir: &Path) -> Result<Vec<Correction>> {
    let path = store_dir.join(FILE);
    let text = match std::fs::read(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&path, e)),
    };
    let mut by_subject: BTreeMap<String, Vec<Quad>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut labels: BTreeMap<String, String> = BTreeMap::new();
    for t in RdfParser::from_format(RdfFormat::Turtle).for_slice(&text) {
        let t = t.map_err(|e| Error::bad(path.display().to_string(), e.to_string()))?;
        let s = match &t.subject {
            NamedOrBlankNode::NamedNode(s) => s.as_str().to_owned(),
            _ => continue,
        };
        if t.predicate.as_str() == format!("{RDFS}label") {
            if let Term::Literal(l) = &t.object {
                labels.insert(s.clone(), l.value().to_owned());
            }
        }
        if !by_subject.contains_key(&s) {
            order.push(s.clone());
        }
        by_subject.entry(s).or_default().push(t);
    }
    let mut out = Vec::new();
    for s in &order {
        let triples = &by_subject[s];
        let get = |p: &str| {
            triples
                .iter()
                .find(|t| t.predicate.as_str() == p)
                .map(|t| t.object.clone())
        };
        let iri = |p: &str| match get(p) {
            Some(Term::NamedNode(x)) => Some(x),
            _ => None,
        };
        let lit = |p: &str| match get(p) {
            Some(Term::Literal(l)) => Some(l.value().to_owned()),
            _ => None,
        };
        let Some(kind) = lit(&nkg("correctionKind")) else {
            continue;
        };
        let fact = match (
            iri(&format!("{RDF}subject")),
            iri(&format!("{RDF}predicate")),
            iri(&format!("{RDF}object")),
        ) {
            (Some(a), Some(b), Some(c)) => Some((a, b, c)),
            _ => None,
        };
        let by = iri(&format!("{PROV}wasAssociatedWith"))
            .and_then(|a| labels.get(a.as_str()).cloned())
            .unwrap_or_default();
        out.push(Correction {
            iri: n(s),
            kind,
            by,
            at: lit(&format!("{PROV}endedAtTime")).unwrap_or_default(),
            fact,
            entity: iri(&nkg("entity")),
            into: iri(&nkg("into")),
            document: iri(&nkg("inDocument")),
            label: lit(&nkg("newLabel")),
            reason: lit(&format!("{RDFS}comment")),
        });
    }
    // Oldest first; the file's order among corrections of the same second.
    out.sort_by(|a, b| a.at.cmp(&b.at));
    Ok(out)
}

/// Now as an xsd:dateTime in UTC ("2026-11-30T00:20:05Z").
fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = i64::try_from(days).unwrap_or(0) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

fn turtle_literal(s: &str) -> String {
    Literal::new_simple_literal(s).to_string()
}

/// Appends one correction to the store's [`FILE`] (Turtle) and returns its IRI. `by` is who
/// makes it (default: `$USER`), `reason` why (stored as `rdfs:comment`).
///
/// # Errors
/// A merge of an entity into itself, no store in `store_dir`, or the file cannot be written.
pub fn record(
    store_dir: &Path,
    change: &Change,
    by: Option<&str>,
    reason: Option<&str>,
) -> Result<NamedNode> {
    let dir = store_dir;
    Store::check_exists(dir)?;
    let at = now();
    let by = by
        .map(str::to_owned)
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "unknown".into());
    let mut body = Vec::new();
    let kind = match change {
        Change::Retract {
            subject: s,
            predicate: p,
            object: o,
        }
        | Change::Assert {
            subject: s,
            predicate: p,
            object: o,
        } => {
            body.push(format!("rdf:subject {s}"));
            body.push(format!("rdf:predicate {p}"));
            body.push(format!("rdf:object {o}"));
            if matches!(change, Change::Retract { .. }) {
                "retract"
            } else {
                "assert"
            }
        }
        Change::Merge { entity: a, into: b } => {
            if a == b {
                return Err(Error::Usage(format!("--merge {a} {b}: the same entity")));
            }
            body.push(format!("nkg:entity {a}"));
            body.push(format!("nkg:into {b}"));
            "merge"
        }
        Change::Split {
            entity,
            document,
            label,
        } => {
            body.push(format!("nkg:entity {entity}"));
            body.push(format!("nkg:inDocument {document}"));
            body.push(format!("nkg:newLabel {}", turtle_literal(label)));
            "split"
        }
        Change::Rename { entity, label } => {
            body.push(format!("nkg:entity {entity}"));
            body.push(format!("nkg:newLabel {}", turtle_literal(label)));
            "rename"
        }
    };
    let key = format!("{at}|{kind}|{}", body.join("|"));
    let iri = n(&format!(
        "{ID}correction/{:016x}",
        crate::ingest::fnv64(key.as_bytes())
    ));
    let agent = n(&format!("{ID}agent/{}", crate::ingest::slug(&by)));
    let path = dir.join(FILE);
    let fresh = !path.exists();
    let mut text = String::new();
    if fresh {
        text.push_str(&format!(
            "# Corrections to this newskg store, applied after every build (newskg correct).\n@prefix nkg: <{}> .\n@prefix rdf: <{RDF}> .\n@prefix rdfs: <{RDFS}> .\n@prefix prov: <{PROV}> .\n@prefix xsd: <{XSD}> .\n",
            crate::rdf::vocab::NKG
        ));
    }
    text.push_str(&format!(
        "\n{iri} a nkg:Correction , prov:Activity ;\n    nkg:correctionKind {} ;\n",
        turtle_literal(kind)
    ));
    for b in &body {
        text.push_str(&format!("    {b} ;\n"));
    }
    if let Some(r) = reason {
        text.push_str(&format!("    rdfs:comment {} ;\n", turtle_literal(r)));
    }
    text.push_str(&format!(
        "    prov:wasAssociatedWith {agent} ;\n    prov:endedAtTime \"{at}\"^^xsd:dateTime .\n{agent} a prov:Agent ; rdfs:label {} .\n",
        turtle_literal(&by)
    ));
    // Check that the file with this correction parses before touching it.
    let mut all = if fresh {
        Vec::new()
    } else {
        std::fs::read(&path).map_err(|e| Error::io(&path, e))?
    };
    all.extend_from_slice(text.as_bytes());
    for t in RdfParser::from_format(RdfFormat::Turtle).for_slice(&all) {
        t.map_err(|e| Error::bad(path.display().to_string(), format!("bad correction: {e}")))?;
    }
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| Error::io(&path, e))?;
    Ok(iri)
}

fn esc(s: &str) -> String {
    Literal::new_simple_literal(s).to_string()
}

/// Enforces every correction of the store folder on the store; returns how many there are.
/// Run after each build: a rebuilt or new document that states a retracted fact, or names a
/// merged entity, is corrected again.
///
/// # Errors
/// A bad corrections file, or store failure.
pub fn apply(store: &Store, store_dir: &Path) -> Result<usize> {
    let corrections = load(store_dir)?;
    if corrections.is_empty() {
        return Ok(0);
    }
    let g = format!("<{GRAPH}>");
    let eg = format!("<{ENTITIES_GRAPH}>");
    let k = |l: &str| format!("<{}>", nkg(l));
    // The corrections themselves, as written, in their graph.
    store.update(&format!("DROP SILENT GRAPH {g}"))?;
    let text =
        std::fs::read(store_dir.join(FILE)).map_err(|e| Error::io(store_dir.join(FILE), e))?;
    let mut tx_quads = Vec::new();
    for t in RdfParser::from_format(RdfFormat::Turtle).for_slice(&text) {
        let t =
            t.map_err(|e| Error::bad(store_dir.join(FILE).display().to_string(), e.to_string()))?;
        tx_quads.push(oxigraph::model::Quad::new(
            t.subject,
            t.predicate,
            t.object,
            n(GRAPH),
        ));
    }
    store.oxigraph().extend(tx_quads).map_err(Error::eval)?;
    // Retracted metWith pairs, for the meetings that still pair them.
    let mut pairings = BTreeMap::new();
    for c in &corrections {
        let ci = &c.iri;
        let mut u = String::new();
        match (c.kind.as_str(), &c.fact, &c.entity) {
            ("retract" | "assert", Some((s, p, o)), _) => {
                let symmetric = Predicate::ALL
                    .iter()
                    .any(|q| q.is_symmetric() && q.iri() == p.as_ref());
                let mut pairs = vec![(s, o)];
                if symmetric {
                    pairs.push((o, s));
                }
                if c.kind == "retract" && p.as_str() == nkg("metWith") {
                    pairings.insert(meetings::pair(s.as_str(), o.as_str()), ci.clone());
                }
                for (s, o) in pairs {
                    if c.kind == "retract" {
                        u.push_str(&format!(
                            "DELETE {{ GRAPH ?d {{ {s} {p} {o} }} }} WHERE {{ GRAPH ?d {{ {s} {p} {o} }} FILTER(?d != {g}) }} ;
                             INSERT {{ GRAPH {g} {{ ?st {rb} {ci} }} }} WHERE {{ GRAPH ?d {{ ?st <{RDF}subject> {s} ; <{RDF}predicate> {p} ; <{RDF}object> {o} }} FILTER(?d != {g}) }} ;\n",
                            rb = k("retractedBy"),
                        ));
                    } else {
                        u.push_str(&format!(
                            "INSERT DATA {{ GRAPH {g} {{ {s} {p} {o} }} }} ;\n"
                        ));
                    }
                }
                if c.kind == "assert" {
                    let st = format!("<{}/statement>", ci.as_str());
                    u.push_str(&format!(
                        "INSERT DATA {{ GRAPH {g} {{ {st} a <{RDF}Statement> ; <{RDF}subject> {s} ; <{RDF}predicate> {p} ; <{RDF}object> {o} ; {ab} {ci} }} }} ;\n",
                        ab = k("assertedBy"),
                    ));
                }
            }
            ("merge", _, Some(a)) => {
                let Some(b) = &c.into else { continue };
                u.push_str(&format!(
                    "INSERT {{ GRAPH {g} {{ ?l a {link} ; {linked} {b} ; {surface} ?name ; {rule} \"correction\" ; {ev} \"{ci_s}\" }} }} WHERE {{ GRAPH {eg} {{ {a} <{RDFS}label> ?name }} BIND(IRI(CONCAT(\"{ci_s}/link/\", MD5(?name))) AS ?l) }} ;
                     DELETE {{ GRAPH {eg} {{ {a} <{RDFS}label> ?l }} }} INSERT {{ GRAPH {eg} {{ {b} <{SKOS}altLabel> ?l }} }} WHERE {{ GRAPH {eg} {{ {a} <{RDFS}label> ?l }} }} ;
                     DELETE {{ GRAPH ?d {{ {a} ?p ?o }} }} INSERT {{ GRAPH ?d {{ {b} ?p ?o }} }} WHERE {{ GRAPH ?d {{ {a} ?p ?o }} FILTER(?d != {g}) }} ;
                     DELETE {{ GRAPH ?d {{ ?s ?p {a} }} }} INSERT {{ GRAPH ?d {{ ?s ?p {b} }} }} WHERE {{ GRAPH ?d {{ ?s ?p {a} }} FILTER(?d != {g}) }} ;
                     DELETE {{ GRAPH {eg} {{ {b} <{SKOS}altLabel> ?l }} }} WHERE {{ GRAPH {eg} {{ {b} <{RDFS}label> ?l ; <{SKOS}altLabel> ?l }} }} ;\n",
                    ci_s = ci.as_str(),
                    link = k("Link"),
                    linked = k("linked"),
                    surface = k("surface"),
                    rule = k("linkRule"),
                    ev = k("linkEvidence"),
                ));
            }
            ("split", _, Some(e)) => {
                let (Some(d), Some(label)) = (&c.document, &c.label) else {
                    continue;
                };
                let seg = e
                    .as_str()
                    .strip_prefix(ID)
                    .and_then(|r| r.split('/').next())
                    .unwrap_or("person");
                let new = n(&format!("{ID}{seg}/{}", crate::ingest::slug(label)));
                u.push_str(&format!(
                    "DELETE {{ GRAPH {d} {{ {e} ?p ?o }} }} INSERT {{ GRAPH {d} {{ {new} ?p ?o }} }} WHERE {{ GRAPH {d} {{ {e} ?p ?o }} }} ;
                     DELETE {{ GRAPH {d} {{ ?s ?p {e} }} }} INSERT {{ GRAPH {d} {{ ?s ?p {new} }} }} WHERE {{ GRAPH {d} {{ ?s ?p {e} }} }} ;
                     INSERT {{ GRAPH {eg} {{ {new} a ?t ; <{RDFS}label> {l} }} }} WHERE {{ GRAPH {eg} {{ {e} a ?t }} }} ;
                     INSERT DATA {{ GRAPH {g} {{ <{ci_s}/link> a {link} ; {linked} {new} ; {surface} {l} ; {rule} \"correction\" ; {ev} \"{ci_s}\" ; {inn} {d} }} }} ;\n",
                    l = esc(label),
                    ci_s = ci.as_str(),
                    link = k("Link"),
                    linked = k("linked"),
                    surface = k("surface"),
                    rule = k("linkRule"),
                    ev = k("linkEvidence"),
                    inn = k("linkedIn"),
                ));
            }
            ("rename", _, Some(e)) => {
                let Some(label) = &c.label else { continue };
                u.push_str(&format!(
                    "DELETE {{ GRAPH {eg} {{ {e} <{RDFS}label> ?l }} }} INSERT {{ GRAPH {eg} {{ {e} <{SKOS}altLabel> ?l }} }} WHERE {{ GRAPH {eg} {{ {e} <{RDFS}label> ?l }} FILTER(?l != {l}) }} ;
                     DELETE DATA {{ GRAPH {eg} {{ {e} <{SKOS}altLabel> {l} }} }} ;
                     INSERT DATA {{ GRAPH {eg} {{ {e} <{RDFS}label> {l} }} }} ;\n",
                    l = esc(label),
                ));
            }
            _ => continue,
        }
        let u = u.trim_end().trim_end_matches(';');
        if !u.is_empty() {
            store.update(u)?;
        }
    }
    meetings::retract_pairings(store, &pairings)?;
    Ok(corrections.len())
}

/// One line of `newskg correct --list`: when, who, kind, what (prefixed names) and why,
/// tab-separated.
impl std::fmt::Display for Correction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let c = self;
        let short = |x: &NamedNode| crate::rdf::shorten(x.as_str());
        let what = match (c.kind.as_str(), &c.fact, &c.entity) {
            (_, Some((s, p, o)), _) => format!("{} {} {}", short(s), short(p), short(o)),
            ("merge", _, Some(a)) => format!(
                "{} into {}",
                short(a),
                c.into.as_ref().map(short).unwrap_or_default()
            ),
            ("split", _, Some(e)) => format!(
                "{} in {} as {:?}",
                short(e),
                c.document.as_ref().map(short).unwrap_or_default(),
                c.label.clone().unwrap_or_default()
            ),
            ("rename", _, Some(e)) => {
                format!("{} to {:?}", short(e), c.label.clone().unwrap_or_default())
            }
            _ => String::new(),
        };
        write!(
            f,
            "{}\t{}\t{:<8}\t{}{}",
            c.at,
            c.by,
            c.kind,
            what,
            c.reason
                .as_ref()
                .map_or(String::new(), |r| format!("\t({r})"))
        )
    }
}
