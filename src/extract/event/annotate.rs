//! The annotator: each unit of a sentence (a mention, a role phrase or a word) with the
//! facts the rule matcher reads, computed once per sentence.

use std::collections::HashSet;

use super::mood::qualifier;
use crate::extract::mention::{ItemKind, MentionSource};
use crate::extract::relation::{SentenceView, description_at, titled_antecedent};
use crate::lexicon::Lexicon;
use crate::lexicon::pos::{Pos, PosTable};
use crate::model::{EntityType, PlaceKind};
use crate::rules::matcher::{Unit, Units, class_matrix};
use crate::text::Token;

/// The sentence's units, annotated once.
pub(crate) fn annotate<'a>(v: &SentenceView<'a, '_>, role_objects: &HashSet<usize>) -> Units<'a> {
    let lex = v.lex;
    let toks = &v.sentence.tokens;
    let doc = v.doc;
    // Every word class at every unit, looked up once per sentence; the annotator reads these.
    let starts: Vec<usize> = v.items.iter().map(|it| it.start).collect();
    let classes = class_matrix(lex, doc, toks, &starts);
    let n = starts.len();
    let party_glue = lex.class_id("party-glue");
    let det = lex.class_id("det");
    let adverb = lex.class_id("adverb");
    let clause_break = lex.class_id("clause-break");
    let pronoun_person = lex.class_id("pronoun-person");
    let group_anaphor = lex.class_id("group-anaphor");
    // The length in tokens of the class phrase at unit `k`.
    let at = |id: Option<usize>, k: usize| classes.len(id?, k);
    let mut units: Vec<Unit<'a>> = v
        .items
        .iter()
        .map(|it| Unit {
            start: it.start,
            fold: {
                let tok = &toks[it.start];
                let t = tok.text(doc);
                if t.is_ascii() {
                    // Lower-cased ASCII has the same byte offsets.
                    std::borrow::Cow::Borrowed(tok.text(v.lower))
                } else if t.chars().any(char::is_uppercase) {
                    std::borrow::Cow::Owned(t.to_lowercase())
                } else {
                    std::borrow::Cow::Borrowed(t)
                }
            },
            ..Unit::default()
        })
        .collect();
    for (k, (u, it)) in units.iter_mut().zip(v.items).enumerate() {
        let start = it.start;
        u.cap = toks[start].upper;
        u.lower = matches!(it.kind, ItemKind::Word) && !toks[start].upper && toks[start].is_word();
        match &it.kind {
            ItemKind::Mention(m) => {
                u.name = true;
                u.party_start = true;
                if let Some(e) = v.entity_of[*m] {
                    let ent = &v.entities[e.index()];
                    u.person = ent.ty == EntityType::Person;
                    u.org = ent.ty == EntityType::Organization;
                    u.group = ent.ty != EntityType::Person;
                    u.place =
                        ent.ty == EntityType::Place || ent.place_kind == Some(PlaceKind::Facility);
                    let media = ent.known.is_some_and(|id| lex.entity(id).media);
                    let nationality =
                        matches!(v.mentions[*m].source, MentionSource::Nationality(_));
                    if ent.ty != EntityType::Place
                        && !media
                        && !nationality
                        && !role_objects.contains(m)
                        && !qualifier(v, k)
                    {
                        u.bearer_end = Some(k + 1);
                    }
                }
            }
            ItemKind::Role { .. } => {
                u.role = true;
                u.title = true;
                u.deputy = crate::extract::relation::is_deputy(v, k);
                u.party_start = true;
                if description_at(v, k).is_some() || titled_antecedent(v, k).is_some() {
                    u.bearer_end = Some(k + 1);
                }
            }
            ItemKind::Honorific => {
                u.party_start = true;
                u.hon = true;
                u.title = true;
            }
            ItemKind::Demonym(_) => {
                u.party_start = true;
                u.title = true;
            }
            ItemKind::Word | ItemKind::Punct => {
                let first_upper = toks[start].upper;
                u.plain = true;
                u.party_glue = at(party_glue, k).is_some();
                u.det = at(det, k).is_some();
                u.adv = at(adverb, k).is_some()
                    || (!first_upper && u.fold.len() > 4 && u.fold.ends_with("ly"));
                u.clause_end = at(clause_break, k).is_some();
                // "Presidents A of X and B of Y": a plural title.
                if first_upper
                    && u.fold.len() > 3
                    && u.fold.ends_with('s')
                    && lex.roles.longest_at(doc, toks, start).is_none()
                    && {
                        let single = &toks[start].text(doc)[..u.fold.len() - 1];
                        lex.roles
                            .longest_at(
                                single,
                                &crate::text::tokenize(single, crate::Span::new(0, single.len())),
                                0,
                            )
                            .is_some_and(|(l, _)| l == 1)
                    }
                {
                    u.party_start = true;
                }
                if at(pronoun_person, k) == Some(1) {
                    u.bearer_end = Some(k + 1);
                    u.party_start = true;
                }
            }
        }
    }
    // A glue phrase of several words ("then with", "as well as") glues all of them.
    for k in 0..n {
        if let Some(len) = at(party_glue, k).filter(|&l| l > 1) {
            let end_tok = units[k].start + len;
            for u in units[k..].iter_mut().take_while(|u| u.start < end_tok) {
                u.party_glue = true;
            }
        }
    }
    // Group anaphors span several units ("the two leaders").
    for k in 0..n {
        if let Some(len) = at(group_anaphor, k) {
            let end_tok = units[k].start + len;
            if let Some(end) =
                (k + 1..=n).find(|&j| units.get(j).is_none_or(|u| u.start >= end_tok))
            {
                units[k].bearer_end = Some(end);
                units[k].party_start = true;
            }
        }
    }
    Units::new(
        doc,
        toks,
        units,
        classes,
        lex,
        crate::rules::RuleSet::embedded(),
    )
}

/// The word or punctuation unit `k` (token `tok`, folded `fold`) may sit inside a noun group
/// before a name: a capitalised word of a title ("AU Commission Chairperson X", "Minister of
/// Defense X"; not a stopword, not the first unit) or a lower-case noun or adjective ("his
/// political rival X") by the part-of-speech lexicon. The matcher asks it only of the units
/// a run of parties reaches.
pub(crate) fn nominal(lex: &Lexicon, doc: &str, tok: &Token, fold: &str, k: usize) -> bool {
    if !tok.is_word() {
        return false;
    }
    if tok.upper {
        return k > 0 && !lex.stopwords.contains(tok.text(doc));
    }
    let tags = PosTable::embedded().tags(fold);
    let closed = tags.intersects(Pos::CLOSED_CLASS);
    let nominal =
        tags.intersects(Pos::NOUN.union(Pos::ADJ)) && !tags.intersects(Pos::PAST.union(Pos::THIRD));
    !closed && (nominal || (tags.is_empty() && fold.contains('-')))
}
