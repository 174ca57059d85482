//! Roles for drawings: an entity's top role ("special envoy of United States") and the group
//! (cluster) a person is drawn in, ranked by the vocabulary table.

use std::collections::BTreeMap;

use super::{PREFIX, local, rows};
use crate::model::{Predicate, PredicateInfo};
use crate::{Result, Store};

/// A role fact: predicate, object IRI, object label, object type, `nkg:role` cue.
pub(super) type RoleFact = (String, String, String, String, String);

pub(super) fn role_facts(store: &Store) -> Result<BTreeMap<String, Vec<RoleFact>>> {
    // The predicates that can make an entity's top role.
    let roles: String = Predicate::ALL
        .iter()
        .filter(|p| p.info().role_rank.is_some())
        .map(|p| format!("nkg:{} ", p.local_name()))
        .collect();
    let q = format!(
        "{PREFIX}SELECT DISTINCT ?s ?p ?o ?ol ?ot ?role WHERE {{ VALUES ?p {{ {roles}}} ?s ?p ?o . ?o rdfs:label ?ol . OPTIONAL {{ VALUES ?ot {{ nkg:Person nkg:Organization nkg:Place }} ?o a ?ot }} OPTIONAL {{ ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; nkg:role ?role }} }}"
    );
    let mut facts: BTreeMap<String, Vec<RoleFact>> = BTreeMap::new();
    for r in rows(store, &q)? {
        facts.entry(r[0].clone()).or_default().push((
            local(&r[1]).to_owned(),
            r[2].clone(),
            r[3].clone(),
            local(&r[4]).to_owned(),
            r[5].clone(),
        ));
    }
    for v in facts.values_mut() {
        v.sort();
        v.dedup();
    }
    Ok(facts)
}

/// A predicate's rank (by local name) as a top role, or as a group; `usize::MAX` for none.
fn rank(predicate: &str, rank: fn(&PredicateInfo) -> Option<u8>) -> usize {
    Predicate::from_local_name(predicate)
        .and_then(|p| rank(p.info()))
        .map_or(usize::MAX, usize::from)
}

fn role_rank(i: &PredicateInfo) -> Option<u8> {
    i.role_rank
}

fn group_rank(i: &PredicateInfo) -> Option<u8> {
    i.group_rank
}

/// The top role: leaderOf before envoyOf, memberOf, deputyOf, aideTo; a country or
/// organisation before a person; the longest cue word ("special envoy" before "envoy").
pub(super) fn top_role(facts: &[RoleFact]) -> Option<String> {
    let best = facts.iter().min_by(|a, b| {
        (
            rank(&a.0, role_rank),
            a.3 == "Person",
            usize::MAX - a.4.len(),
            &a.2,
        )
            .cmp(&(
                rank(&b.0, role_rank),
                b.3 == "Person",
                usize::MAX - b.4.len(),
                &b.2,
            ))
    })?;
    let (p, _, olabel, _, cue) = best;
    Some(if cue.is_empty() {
        let phrase = Predicate::from_local_name(p).map_or("aide to", Predicate::label);
        format!("{phrase} {olabel}")
    } else if Predicate::from_local_name(p) == Some(Predicate::AideTo) {
        format!("{cue} to {olabel}")
    } else if cue.contains(" of ") {
        format!("{cue}, {olabel}")
    } else {
        format!("{cue} of {olabel}")
    })
}

/// The group: the country or organisation of the first leaderOf, memberOf, envoyOf or
/// aideTo fact, following people (an aide to a leader is in the leader's group).
pub(super) fn group_of(
    iri: &str,
    facts: &BTreeMap<String, Vec<RoleFact>>,
    hops: usize,
) -> Option<(String, String)> {
    let mut candidates: Vec<&RoleFact> = facts
        .get(iri)?
        .iter()
        .filter(|f| rank(&f.0, group_rank) < usize::MAX)
        .collect();
    candidates.sort_by(|a, b| {
        (rank(&a.0, group_rank), a.3 == "Person", &a.2).cmp(&(
            rank(&b.0, group_rank),
            b.3 == "Person",
            &b.2,
        ))
    });
    for f in candidates {
        if f.3 != "Person" {
            return Some((f.1.clone(), f.2.clone()));
        }
        if hops > 0 {
            if let Some(g) = group_of(&f.1, facts, hops - 1) {
                return Some(g);
            }
        }
    }
    None
}
