//! A retracted `metWith` also leaves the meetings it came from: a meeting whose participants
//! and sides still pair the two people is rewritten so that it no longer does, keeping every
//! other pairing it can (see [`reshape`]), and marked `nkg:correctedBy` the correction.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::{GraphName, NamedNode, Quad, Term};
use oxigraph::sparql::QueryResults;

use crate::rdf::vocab::{CORRECTED_BY, MEETING, PARTICIPANT, SIDE, SIDE_MEMBER, SIDE_OF};
use crate::{Error, Predicate, Result, Store};

/// An unordered pair of entity IRIs, smaller first.
pub(crate) type Pair = (String, String);

pub(crate) fn pair(a: &str, b: &str) -> Pair {
    if a <= b {
        (a.to_owned(), b.to_owned())
    } else {
        (b.to_owned(), a.to_owned())
    }
}

/// A meeting's participants and sides (empty: no sides, every pair met).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Shape {
    pub participants: BTreeSet<String>,
    pub sides: Vec<BTreeSet<String>>,
}

impl Shape {
    /// The pairs the meeting asserts met: every pair without sides, else pairs on different
    /// sides (a participant on no side counts as a side of its own).
    pub fn pairs(&self) -> BTreeSet<Pair> {
        let side_of = |p: &String| self.sides.iter().position(|s| s.contains(p));
        let ps: Vec<&String> = self.participants.iter().collect();
        let mut out = BTreeSet::new();
        for (i, a) in ps.iter().enumerate() {
            for b in &ps[i + 1..] {
                let same =
                    !self.sides.is_empty() && side_of(a).is_some() && side_of(a) == side_of(b);
                if !same {
                    out.insert(pair(a, b));
                }
            }
        }
        out
    }

    fn drop(&mut self, p: &str) {
        self.participants.remove(p);
        for s in &mut self.sides {
            s.remove(p);
        }
        self.sides.retain(|s| !s.is_empty());
    }
}

/// The shape a meeting takes once the pairings in `retracted` no longer hold, or `None` when
/// it asserts none of them. In turn, until no retracted pairing is left:
/// 1. a participant all of whose pairings are retracted leaves the meeting;
/// 2. when the pairings left are exactly those of some sides (people on one side did not meet
///    each other: the complement of the pairings is a union of cliques), those become the
///    sides: "A met B and C" without A-B is sides {A, B} and {C};
/// 3. otherwise the participant in most retracted pairings (the later IRI on a tie) leaves.
pub(crate) fn reshape(shape: &Shape, retracted: &BTreeSet<Pair>) -> Option<Shape> {
    if shape.pairs().is_disjoint(retracted) {
        return None;
    }
    let mut s = shape.clone();
    loop {
        let pairs = s.pairs();
        let bad: Vec<&Pair> = pairs.intersection(retracted).collect();
        if bad.is_empty() {
            return Some(s);
        }
        // 1. Participants met by no one any more.
        let lonely: Vec<String> = s
            .participants
            .iter()
            .filter(|p| {
                pairs
                    .iter()
                    .filter(|(a, b)| a == *p || b == *p)
                    .all(|q| retracted.contains(q))
            })
            .cloned()
            .collect();
        if !lonely.is_empty() {
            for p in &lonely {
                s.drop(p);
            }
            continue;
        }
        // 2. Sides from the pairings left.
        let kept: BTreeSet<&Pair> = pairs.difference(retracted).collect();
        if let Some(sides) = sides_for(&s.participants, &kept) {
            s.sides = sides;
            continue;
        }
        // 3. The participant in most retracted pairings.
        let mut count: BTreeMap<&String, usize> = BTreeMap::new();
        for (a, b) in &bad {
            *count.entry(a).or_default() += 1;
            *count.entry(b).or_default() += 1;
        }
        let worst = count
            .iter()
            .max_by_key(|&(p, n)| (*n, *p))
            .map(|(p, _)| (*p).clone())
            .expect("a retracted pairing has participants");
        s.drop(&worst);
    }
}

/// Sides whose cross pairs are exactly `kept`: the groups of participants who did not meet
/// (connected through "did not meet"), when each group is a clique of "did not meet".
fn sides_for(
    participants: &BTreeSet<String>,
    kept: &BTreeSet<&Pair>,
) -> Option<Vec<BTreeSet<String>>> {
    let ps: Vec<&String> = participants.iter().collect();
    let met = |a: &String, b: &String| kept.contains(&pair(a, b));
    let mut groups: Vec<BTreeSet<String>> = Vec::new();
    for p in &ps {
        let home = groups.iter().position(|g| g.iter().any(|q| !met(p, q)));
        match home {
            Some(i) => {
                // Everyone in the group must not have met p, and p must have met everyone
                // in every other group.
                if groups[i].iter().any(|q| met(p, q)) {
                    return None;
                }
                groups[i].insert((*p).clone());
            }
            None => groups.push(BTreeSet::from([(*p).clone()])),
        }
    }
    for (i, g) in groups.iter().enumerate() {
        for h in &groups[i + 1..] {
            if g.iter().any(|a| h.iter().any(|b| !met(a, b))) {
                return None;
            }
        }
    }
    (groups.len() >= 2).then_some(groups)
}

fn iri(t: Option<&Term>) -> Option<String> {
    match t {
        Some(Term::NamedNode(n)) => Some(n.as_str().to_owned()),
        _ => None,
    }
}

fn select(store: &Store, q: &str) -> Result<Vec<oxigraph::sparql::QuerySolution>> {
    match store.query(q)? {
        QueryResults::Solutions(rows) => rows
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(Error::eval),
        _ => Ok(Vec::new()),
    }
}

/// Rewrites the meetings (in document graphs) that still pair two people whose `metWith`
/// was retracted; `retracted` maps each retracted pair to its correction. Direct `metWith`
/// triples of pairings a rewritten meeting no longer makes are removed from its graph unless
/// another meeting or statement of that graph supports them. Returns how many meetings were
/// rewritten.
///
/// # Errors
/// Store failure.
pub(crate) fn retract_pairings(
    store: &Store,
    retracted: &BTreeMap<Pair, NamedNode>,
) -> Result<usize> {
    if retracted.is_empty() {
        return Ok(0);
    }
    let all: BTreeSet<Pair> = retracted.keys().cloned().collect();
    let met_with = Predicate::MetWith.iri();
    let mut rewritten = 0;
    // Meetings where a retracted pair both take part.
    let values: String = retracted
        .keys()
        .map(|(a, b)| format!("(<{a}> <{b}>) "))
        .collect();
    let found = select(
        store,
        &format!(
            "SELECT DISTINCT ?d ?m ?a ?b WHERE {{ VALUES (?a ?b) {{ {values} }} GRAPH ?d {{ ?m a {MEETING} ; {PARTICIPANT} ?a, ?b }} }}"
        ),
    )?;
    let mut meetings: BTreeMap<(String, String), BTreeSet<Pair>> = BTreeMap::new();
    for r in &found {
        if let (Some(d), Some(m), Some(a), Some(b)) = (
            iri(r.get("d")),
            iri(r.get("m")),
            iri(r.get("a")),
            iri(r.get("b")),
        ) {
            meetings.entry((d, m)).or_default().insert(pair(&a, &b));
        }
    }
    for ((d, m), pairs) in meetings {
        let shape = read_shape(store, &d, &m)?;
        let Some(new) = reshape(&shape, &all) else {
            continue;
        };
        let by: BTreeSet<&NamedNode> = pairs.iter().filter_map(|p| retracted.get(p)).collect();
        let g = GraphName::NamedNode(NamedNode::new_unchecked(d.as_str()));
        let mi = NamedNode::new_unchecked(m.as_str());
        let node = |s: &str| NamedNode::new_unchecked(s);
        let mut remove = Vec::new();
        let mut insert = Vec::new();
        for p in &shape.participants {
            remove.push(Quad::new(mi.clone(), PARTICIPANT, node(p), g.clone()));
        }
        for r in select(
            store,
            &format!("SELECT ?s ?x WHERE {{ GRAPH <{d}> {{ <{m}> {SIDE_OF} ?s . ?s ?p ?x }} }}"),
        )? {
            if let Some(s) = iri(r.get("s")) {
                remove.push(Quad::new(mi.clone(), SIDE_OF, node(&s), g.clone()));
                for q in select(
                    store,
                    &format!("SELECT ?p ?x WHERE {{ GRAPH <{d}> {{ <{s}> ?p ?x }} }}"),
                )? {
                    if let (Some(p), Some(x)) = (iri(q.get("p")), q.get("x")) {
                        remove.push(Quad::new(node(&s), node(&p), x.clone(), g.clone()));
                    }
                }
            }
        }
        if new.participants.len() < 2 {
            // Nothing is left of the meeting: every triple about it goes.
            for q in select(
                store,
                &format!("SELECT ?p ?x WHERE {{ GRAPH <{d}> {{ <{m}> ?p ?x }} }}"),
            )? {
                if let (Some(p), Some(x)) = (iri(q.get("p")), q.get("x")) {
                    remove.push(Quad::new(mi.clone(), node(&p), x.clone(), g.clone()));
                }
            }
        } else {
            for p in &new.participants {
                insert.push(Quad::new(mi.clone(), PARTICIPANT, node(p), g.clone()));
            }
            for (k, side) in new.sides.iter().enumerate() {
                let si = node(&format!("{m}/side/{}", k + 1));
                insert.push(Quad::new(mi.clone(), SIDE_OF, si.clone(), g.clone()));
                insert.push(Quad::new(
                    si.clone(),
                    oxigraph::model::vocab::rdf::TYPE,
                    SIDE,
                    g.clone(),
                ));
                for p in side {
                    insert.push(Quad::new(si.clone(), SIDE_MEMBER, node(p), g.clone()));
                }
            }
        }
        for c in &by {
            insert.push(Quad::new(mi.clone(), CORRECTED_BY, (*c).clone(), g.clone()));
        }
        // Pairings the meeting no longer makes, other than the retracted ones (already gone).
        let lost: Vec<Pair> = shape
            .pairs()
            .difference(&new.pairs())
            .filter(|p| !all.contains(*p))
            .cloned()
            .collect();
        let mut tx = store.oxigraph().start_transaction().map_err(Error::eval)?;
        for q in &remove {
            tx.remove(q.as_ref());
        }
        for q in &insert {
            tx.insert(q.as_ref());
        }
        tx.commit().map_err(Error::eval)?;
        for (a, b) in lost {
            let keep = match store.query(&format!(
                "ASK {{ GRAPH <{d}> {{
                   {{ ?m2 a {MEETING} ; {PARTICIPANT} <{a}>, <{b}> FILTER NOT EXISTS {{ ?m2 {SIDE_OF} ?s . ?s {SIDE_MEMBER} <{a}>, <{b}> }} }}
                   UNION {{ ?st <{rdf}subject> <{a}> ; <{rdf}predicate> {met_with} ; <{rdf}object> <{b}> }}
                   UNION {{ ?st <{rdf}subject> <{b}> ; <{rdf}predicate> {met_with} ; <{rdf}object> <{a}> }} }} }}",
                rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            ))? {
                QueryResults::Boolean(b) => b,
                _ => true,
            };
            if !keep {
                store.update(&format!(
                    "DELETE DATA {{ GRAPH <{d}> {{ <{a}> {met_with} <{b}> . <{b}> {met_with} <{a}> }} }}"
                ))?;
            }
        }
        rewritten += 1;
    }
    Ok(rewritten)
}

fn read_shape(store: &Store, d: &str, m: &str) -> Result<Shape> {
    let mut shape = Shape {
        participants: BTreeSet::new(),
        sides: Vec::new(),
    };
    for r in select(
        store,
        &format!("SELECT ?p WHERE {{ GRAPH <{d}> {{ <{m}> {PARTICIPANT} ?p }} }}"),
    )? {
        if let Some(p) = iri(r.get("p")) {
            shape.participants.insert(p);
        }
    }
    let mut sides: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in select(
        store,
        &format!(
            "SELECT ?s ?p WHERE {{ GRAPH <{d}> {{ <{m}> {SIDE_OF} ?s . ?s {SIDE_MEMBER} ?p }} }}"
        ),
    )? {
        if let (Some(s), Some(p)) = (iri(r.get("s")), iri(r.get("p"))) {
            sides.entry(s).or_default().insert(p);
        }
    }
    shape.sides = sides.into_values().collect();
    Ok(shape)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(ps: &[&str], sides: &[&[&str]]) -> Shape {
        Shape {
            participants: ps.iter().map(|s| (*s).to_owned()).collect(),
            sides: sides
                .iter()
                .map(|s| s.iter().map(|x| (*x).to_owned()).collect())
                .collect(),
        }
    }

    fn r(pairs: &[(&str, &str)]) -> BTreeSet<Pair> {
        pairs.iter().map(|(a, b)| pair(a, b)).collect()
    }

    #[test]
    fn two_people_who_did_not_meet_leave_no_meeting() {
        let new = reshape(&shape(&["a", "b"], &[]), &r(&[("b", "a")])).unwrap();
        assert!(new.participants.is_empty());
    }

    #[test]
    fn three_without_sides_become_two_sides() {
        let new = reshape(&shape(&["a", "b", "c"], &[]), &r(&[("a", "b")])).unwrap();
        assert_eq!(new.participants.len(), 3);
        assert_eq!(new.pairs(), r(&[("a", "c"), ("b", "c")]));
    }

    #[test]
    fn a_guest_who_met_only_the_host_leaves() {
        let s = shape(&["h", "g1", "g2"], &[&["h"], &["g1", "g2"]]);
        let new = reshape(&s, &r(&[("h", "g1")])).unwrap();
        assert_eq!(new.pairs(), r(&[("h", "g2")]));
        assert!(!new.participants.contains("g1"));
    }

    #[test]
    fn no_retracted_pairing_no_change() {
        let s = shape(&["h", "g1", "g2"], &[&["h"], &["g1", "g2"]]);
        assert_eq!(reshape(&s, &r(&[("g1", "g2")])), None);
    }

    #[test]
    fn crossed_sides_drop_one_of_the_two() {
        // {a, x} met {b, y}; a-b did not meet: no sides give exactly the rest.
        let s = shape(&["a", "b", "x", "y"], &[&["a", "x"], &["b", "y"]]);
        let new = reshape(&s, &r(&[("a", "b")])).unwrap();
        assert!(new.pairs().is_disjoint(&r(&[("a", "b")])));
        assert_eq!(new.participants.len(), 3);
    }
}
