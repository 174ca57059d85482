//! Mentions: names, country adjectives and role words found in one sentence.
//!
//! [`analyse`] turns a sentence's tokens into [`Item`]s, a coarser sequence where a
//! gazetteer name, a capitalised name run, a role phrase or an honorific is one item. Later
//! stages match patterns over items, not characters.

use crate::Span;
use crate::lexicon::{Cue, KnownId, Lexicon, NameHit, PhraseTable, Role};
use crate::model::EntityType;
use crate::text::{Sentence, TokenKind};

mod classify;
mod passes;

use classify::classify_run;
pub use passes::one_name_one_type;
use passes::{
    coordinated_names, decapitalise, foreign_institutions, mark_titled, promote_demonyms,
    results_lines,
};

/// Where a mention's identity comes from.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub enum MentionSource {
    /// A gazetteer name or alias: one or more candidates (several for a shared surname).
    Known(Vec<KnownId>),
    /// A capitalised run the lexicon does not know.
    Name,
    /// A country adjective qualifying a role or government ("Russian President").
    Nationality(KnownId),
}

/// A mention of an entity in the text, before resolution.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Mention {
    /// Bytes in the document.
    pub span: Span,
    /// Sentence index.
    pub sentence: usize,
    /// Token range in the sentence.
    pub tokens: (usize, usize),
    /// The mention's type (for unknown names: as classified from context).
    pub ty: EntityType,
    /// Where the identity comes from.
    pub source: MentionSource,
    /// An honorific or title stood right before it ("Mr", "President").
    pub titled: bool,
}

/// One unit of a sentence for pattern matching.
#[derive(Clone, Debug)]
pub struct Item<'l> {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// What it is.
    pub kind: ItemKind<'l>,
}

/// The kinds of [`Item`].
#[derive(Clone, Debug)]
pub enum ItemKind<'l> {
    /// A mention (index into the document's mentions).
    Mention(usize),
    /// A country adjective that is not itself a mention ("Ukrainian negotiators").
    Demonym(KnownId),
    /// A role phrase; `former` when "former" or "ex-" precedes it.
    Role {
        /// The role.
        role: &'l Role,
        /// A past role.
        former: bool,
        /// Followed by "for" (a post with a remit, not the head: "director general for Europe").
        remit: bool,
    },
    /// Mr, Dr, Sheikh...
    Honorific,
    /// Any other word.
    Word,
    /// Punctuation.
    Punct,
}

enum Slot<'l> {
    Free,
    /// A capitalised word glued to a prefix ("anti-Castro"): a word, never a name.
    Prefixed,
    Known(usize, Vec<KnownId>, bool),
    Demonym(usize, KnownId, bool),
    Role(usize, &'l Role),
    Honorific(usize),
}

/// Analyses one sentence: appends its mentions to `mentions` and returns its items.
pub fn analyse<'l>(
    doc: &str,
    sentence: &Sentence,
    index: usize,
    lex: &'l Lexicon,
    mentions: &mut Vec<Mention>,
) -> Vec<Item<'l>> {
    match decapitalise(doc, sentence, lex) {
        Some((doc, sentence)) => analyse_cased(&doc, &sentence, index, lex, mentions),
        None => analyse_cased(doc, sentence, index, lex, mentions),
    }
}

fn analyse_cased<'l>(
    doc: &str,
    sentence: &Sentence,
    index: usize,
    lex: &'l Lexicon,
    mentions: &mut Vec<Mention>,
) -> Vec<Item<'l>> {
    let toks = &sentence.tokens;
    let n = toks.len();
    let tx = |i: usize| toks.get(i).map_or("", |t| t.text(doc));
    // Pass 1: gazetteer names, role phrases and honorifics, longest first.
    let mut slots: Vec<Slot<'l>> = Vec::with_capacity(n);
    // A wire dateline names the agency, not a participant of the story.
    let skip = crate::text::dateline_end(doc, toks);
    let mut i = 0;
    while i < skip {
        slots.push(Slot::Free);
        i += 1;
    }
    let prefixes = lex.class("name-prefix");
    let connectors = lex.class("name-connector");
    let office_of = lex.class("of-word");
    let complement = lex.class("org-complement-prep");
    let pos = crate::lexicon::pos::PosTable::embedded();
    // "Bank of Canada": the token before `s` is "of" or "for" right after an organisation's
    // head word ("Bank", "Party", "Institute") or a run opened by an organisation prefix.
    // A company's legal form ends its name: "Hanover Trust Co. of Boston" is a company of
    // Boston ("company-form").
    let company_form = lex.class("company-form");
    let org_complement_at = |start: usize, s: usize| {
        let head = if s >= 3 && tx(s - 2) == "." {
            s - 3
        } else {
            s - 2
        };
        s >= 2
            && lower_word(complement, tx(s - 1))
            && !company_form.is_some_and(|c| c.has_word(tx(head)))
            && (lex.org_suffixes.contains(tx(s - 2))
                || lex.cue(Cue::OrgPrefix).matches_at(doc, toks, start))
    };
    // "the Supreme People's Assembly", "the Boatmen's Union": a common noun's possessive
    // inside a name whose next one to three capitalised words end in an organisation's head.
    // "de la Cruz", "al-Hakimi", "van der Berg": after a particle, the name goes on with a
    // capitalised word, possibly after a second particle or a hyphen glued to both.
    let particle_leads = |p: usize| {
        let upper = |q: usize| toks.get(q).is_some_and(|t| t.upper);
        upper(p)
            || (toks.get(p).is_some_and(|t| {
                (t.glued && t.text(doc) == "-") || lex.particles.contains(t.text(doc))
            }) && upper(p + 1))
    };
    let org_ahead = |p: usize| {
        (p..(p + 3).min(n))
            .take_while(|&q| toks[q].upper && toks[q].is_word())
            .any(|q| lex.org_suffixes.contains(tx(q)))
    };
    let org_possessive = |s: usize| {
        let t = toks[s];
        t.glued
            && t.text(doc).starts_with(['\'', '’'])
            && s >= 1
            && !lex.org_suffixes.contains(tx(s - 1))
            && pos.tags(tx(s - 1)).contains(crate::lexicon::pos::Pos::NOUN)
            && org_ahead(s + 1)
    };
    // "the Belt and Road Forum", "the Food and Drug Administration": "and" between the
    // capitalised words before an organisation's head word.
    let and_word = lex.class("name-and");
    let org_and = |s: usize| lower_word(and_word, tx(s)) && org_ahead(s + 1);
    // "anti-Castro Cubans": a name glued to a prefix by a hyphen is an adjective.
    let prefixed = |i: usize| {
        i >= 2
            && toks[i].glued
            && tx(i - 1) == "-"
            && toks[i - 1].glued
            && prefixes.is_some_and(|p| p.matches_at(doc, toks, i - 2))
    };
    let honorifics = lex.cue(Cue::Honorific);
    while i < n {
        if prefixed(i) {
            slots.push(Slot::Prefixed);
            i += 1;
            continue;
        }
        let name = lex.names.longest_at(doc, toks, i);
        let role = lex.roles.longest_at(doc, toks, i);
        let hon = toks[i].upper && honorifics.matches_at(doc, toks, i);
        let name_len = name.map_or(0, |(l, _)| l);
        let role_len = role.map_or(0, |(l, _)| l);
        if hon && name_len <= 1 && role_len <= 1 {
            let len = if tx(i + 1) == "." && toks.get(i + 1).is_some_and(|t| t.glued) {
                2
            } else {
                1
            };
            slots.push(Slot::Honorific(len));
            i += len;
            continue;
        }
        if name_len > 0 && name_len >= role_len {
            let (len, hits) = name.expect("checked");
            let entities: Vec<KnownId> = hits
                .iter()
                .filter_map(|h| match h {
                    NameHit::Entity { id, .. } => Some(*id),
                    NameHit::Demonym { .. } => None,
                })
                .collect();
            let surname = hits
                .iter()
                .all(|h| matches!(h, NameHit::Entity { surname: true, .. }));
            let demonym = hits.iter().find_map(|h| match h {
                NameHit::Demonym { country, plural } => Some((*country, *plural)),
                NameHit::Entity { .. } => None,
            });
            // "US" is both: a name when it stands alone, an adjective before a role or noun.
            let adjectival = toks
                .get(i + len)
                .is_some_and(|t| t.is_word() && t.kind == TokenKind::Word);
            match demonym {
                Some((c, plural)) if entities.is_empty() || (adjectival && entities == [c]) => {
                    slots.push(Slot::Demonym(len, c, plural))
                }
                _ if !entities.is_empty() => slots.push(Slot::Known(len, entities, surname)),
                _ => slots.push(Slot::Free),
            }
            i += len;
            continue;
        }
        if role_len > 0 {
            let (len, r) = role.expect("checked");
            // Role words need a word boundary on the right ("head" not in "headed").
            slots.push(Slot::Role(len, r));
            i += len;
            continue;
        }
        slots.push(Slot::Free);
        i += 1;
    }
    // Expand slots into a token-indexed cover map.
    let mut items: Vec<Item<'l>> = Vec::with_capacity(n);
    let mut pending: Vec<(usize, usize, Slot<'l>)> = Vec::with_capacity(slots.len());
    let mut at = 0;
    for s in slots {
        let len = match &s {
            Slot::Free | Slot::Prefixed => 1,
            Slot::Known(l, ..) | Slot::Demonym(l, ..) | Slot::Role(l, _) | Slot::Honorific(l) => *l,
        };
        pending.push((at, at + len, s));
        at += len;
    }
    // Pass 2: capitalised runs over free tokens become name candidates.
    let mut k = 0;
    while k < pending.len() {
        let (start, end, slot) = &pending[k];
        let (start, end) = (*start, *end);
        if let Some((to, ty)) = place_led_name(doc, sentence, lex, &pending, k, skip) {
            mentions.push(Mention {
                span: span_of(sentence, start, pending[to - 1].1),
                sentence: index,
                tokens: (start, pending[to - 1].1),
                ty,
                source: MentionSource::Name,
                titled: false,
            });
            items.push(Item {
                start,
                end: pending[to - 1].1,
                kind: ItemKind::Mention(mentions.len() - 1),
            });
            k = to;
            continue;
        }
        // "Jan van der Berg": a capitalised word that is no function word starts a name
        // before a particle, even a stopword ("Jan" is also a month's abbreviation).
        let given_before_particle = toks[start].upper
            && toks[start].is_word()
            && !pos
                .tags(tx(start))
                .intersects(crate::lexicon::pos::Pos::CLOSED_CLASS)
            && toks
                .get(start + 1)
                .is_some_and(|t| lex.particles.contains(t.text(doc)) && particle_leads(start + 2));
        let is_run_start = start >= skip
            && matches!(slot, Slot::Free)
            && (starts_name(doc, sentence, start, lex) || given_before_particle);
        if !is_run_start {
            push_item(
                doc, sentence, index, lex, &mut items, mentions, start, end, slot,
            );
            k += 1;
            continue;
        }
        let mut run_end = end;
        let mut j = k + 1;
        while j < pending.len() {
            let (s, e, sl) = &pending[j];
            let t = toks[*s];
            let txt = t.text(doc);
            let continues = match sl {
                Slot::Free => {
                    (t.upper
                        && t.is_word()
                        && (!lex.stopwords.contains(txt) || lex.org_suffixes.contains(txt)))
                        || (txt == "." && t.glued && tx(s - 1).chars().count() == 1)
                        || (lex.particles.contains(txt) && particle_leads(*s + 1))
                        || (txt == "-"
                            && t.glued
                            && toks.get(s + 1).is_some_and(|n| n.upper && n.glued))
                        // "Chan-o-cha", "Jong-un": a hyphenated name goes on with lower-case
                        // parts that are no English word or sit between two hyphens.
                        || (txt == "-"
                            && t.glued
                            && toks.get(s + 1).is_some_and(|n| {
                                let part = n.text(doc);
                                n.glued
                                    && n.is_word()
                                    && (toks.get(s + 2).is_some_and(|h| h.glued && h.text(doc) == "-")
                                        || crate::lexicon::pos::PosTable::embedded().tags(part)
                                            == crate::lexicon::pos::Pos::EMPTY)
                            }))
                        || (!t.upper
                            && t.glued
                            && t.is_word()
                            && tx(s - 1) == "-"
                            && run_end == *s)
                        || lex.name_suffixes.contains(txt.trim_end_matches('.'))
                        // "Ministry of Foreign Affairs", "Organisation for Security and ...":
                        // connectors inside an organisation's name.
                        || (lower_word(connectors, txt)
                            && toks.get(s + 1).is_some_and(|n| n.upper)
                            // "the Space Agency and Roger Crouch": a given name after "and"
                            // starts a person's name.
                            && !(lower_word(and_word, txt) && lex.given_names.contains(tx(s + 1)))
                            && (lex.cue(Cue::OrgPrefix).matches_at(doc, toks, start) || lex.org_suffixes.contains(tx(s - 1))))
                        || (run_end == *s && (org_possessive(*s) || org_and(*s)))
                }
                // "Bank of Canada", "Institute for North Korean Studies": after "of" or "for"
                // inside an organisation's name, a known name or country word goes on with it.
                Slot::Known(..) | Slot::Demonym(..)
                    if run_end == *s && t.upper && org_complement_at(start, *s) =>
                {
                    true
                }
                // "Ahmed Khan": a known surname after an unknown given name is part of the name.
                Slot::Known(_, _, true) => *e == s + 1,
                // "Ricardo Lagos", "Luis Montenegro": a one-word place or organisation right
                // after a given name is that person's surname.
                Slot::Known(1, _, _) => j == k + 1 && lex.given_names.contains(tx(start)),
                _ => false,
            };
            if !continues {
                break;
            }
            run_end = *e;
            j += 1;
        }
        // Trailing particles or dots are not part of the name.
        while run_end > start + 1
            && !toks[run_end - 1].upper
            && tx(run_end - 1) != "."
            && !(toks[run_end - 1].glued && tx(run_end - 2) == "-" && toks[run_end - 1].is_word())
        {
            run_end -= 1;
            j -= 1;
        }
        if run_end > start + 1 && tx(run_end - 1) == "." && tx(run_end - 2).chars().count() > 1 {
            run_end -= 1;
            j -= 1;
        }
        let consumed_to = pending[j - 1].1;
        // "Minister of Defense Abraham Belay": the office's object and a person's name in one
        // capitalised run; a given name inside it after "of" starts the person's name.
        // "Police and Crime Commissioner Stephen Mold": a given name right after a title word
        // inside the run starts the person's name too.
        let after_office = start >= 2 && lower_word(office_of, tx(start - 1));
        {
            let split = (start + 1..run_end.saturating_sub(1)).find(|&p| {
                toks[p].upper
                    && lex.given_names.contains(tx(p))
                    && (after_office
                        || lex
                            .roles
                            .longest_at(doc, toks, p - 1)
                            .is_some_and(|(l, _)| l == 1)
                        // "Middle East Peace George Mitchell": words before a given name that
                        // starts a name of two or three words, none of them a given name.
                        || ((2..=3).contains(&(run_end - p))
                            && (start..p).all(|q| !lex.given_names.contains(tx(q)))))
            });
            if let Some(p) = split {
                classify_run(doc, sentence, index, lex, &mut items, mentions, start, p);
                classify_run(doc, sentence, index, lex, &mut items, mentions, p, run_end);
                for (s, e, sl) in &pending[k..j] {
                    if *s >= run_end {
                        push_item(doc, sentence, index, lex, &mut items, mentions, *s, *e, sl);
                    }
                }
                k = j;
                continue;
            }
        }
        classify_run(
            doc, sentence, index, lex, &mut items, mentions, start, run_end,
        );
        for (s, e, sl) in &pending[k..j] {
            if *s >= run_end {
                push_item(doc, sentence, index, lex, &mut items, mentions, *s, *e, sl);
            }
        }
        debug_assert!(consumed_to >= run_end);
        k = j;
    }
    foreign_institutions(sentence, lex, &mut items, mentions);
    promote_demonyms(doc, sentence, lex, &mut items, mentions, index);
    coordinated_names(doc, sentence, index, lex, &mut items, mentions);
    mark_titled(&items, mentions);
    results_lines(doc, sentence, lex, &mut items, mentions, index);
    items
}

/// "Miami Beach", "the Florida Straits": a known place right before capitalised English
/// words ending in a place's head word (`place-suffix`) names another place. Not when a word
/// after it is no English word, or the sentence is in title case (a headline: fewer than two
/// lower-case words of five letters or more). "Jordan Bardella": a one-word place that is
/// also a given name, before one or two capitalised words that are no English words, is a
/// person's name, and so is a known person's surname that is also a given name before such
/// words ("Ashton Bumhira", not Catherine Ashton). Returns the pending slot after the name and
/// its type.
fn place_led_name(
    doc: &str,
    sentence: &Sentence,
    lex: &Lexicon,
    pending: &[(usize, usize, Slot<'_>)],
    k: usize,
    skip: usize,
) -> Option<(usize, EntityType)> {
    let (start, end, Slot::Known(_, ids, surname)) = &pending[k] else {
        return None;
    };
    let toks = &sentence.tokens;
    let pos = crate::lexicon::pos::PosTable::embedded();
    let next = pending.get(k + 1)?;
    // "Ashton Bumhira": a known person's surname that is also a given name, before a surname
    // that is no English word, names another person (as a place does for "Jordan Bardella").
    let given_surname = *surname
        && ids
            .iter()
            .all(|id| lex.entity(*id).ty == EntityType::Person)
        && (lex.given_names.contains(toks[*start].text(doc))
            || lex.word_given_names.contains(toks[*start].text(doc)));
    if *start < skip
        || !matches!(next.2, Slot::Free)
        || next.0 != *end
        || !starts_name(doc, sentence, next.0, lex)
        || !(given_surname
            || (!surname && ids.iter().all(|id| lex.entity(*id).ty == EntityType::Place)))
    {
        return None;
    }
    // "Jordan Bardella": a one-word place that is also a given name, before one or two
    // capitalised words that are no English words, is a person's given name.
    if given_surname || lex.given_names.contains(toks[*start].text(doc)) {
        let surname = |q: usize| {
            pending.get(q).is_some_and(|(s, e, sl)| {
                matches!(sl, Slot::Free)
                    && *e == s + 1
                    && toks[*s].upper
                    && toks[*s].is_word()
                    && toks[*s].text(doc).chars().skip(1).any(char::is_lowercase)
                    && pos.tags(toks[*s].text(doc)).is_empty()
            })
        };
        let words = (k + 1..k + 3).take_while(|&q| surname(q)).count();
        let one_word_place = end - start == 1;
        // The name ends there: no capitalised word and no hyphenated part ("Kim Jong-nam").
        let ends = pending.get(k + 1 + words).is_none_or(|(s, _, _)| {
            let hyphen = toks[*s].glued && toks[*s].text(doc) == "-";
            !toks[*s].upper && !hyphen
        });
        return (one_word_place && (1..=2).contains(&words) && ends)
            .then_some((k + 1 + words, EntityType::Person));
    }
    let mut to = k + 1;
    while let Some((s, _, Slot::Free)) = pending.get(to) {
        let t = toks[*s];
        if !(t.upper && t.is_word() && !lex.stopwords.contains(t.text(doc))) {
            break;
        }
        if pos.tags(t.text(doc)).is_empty() {
            return None;
        }
        to += 1;
    }
    // Title case: fewer than two longer words (five letters or more) in lower case.
    let prose = toks
        .iter()
        .filter(|t| t.is_word() && !t.upper && t.span.end - t.span.start >= 5)
        .nth(1)
        .is_some();
    if !prose {
        return None;
    }
    let last = toks[pending[to - 1].0].text(doc);
    lex.place_suffixes
        .contains(last)
        .then_some((to, EntityType::Place))
}

fn starts_name(doc: &str, sentence: &Sentence, i: usize, lex: &Lexicon) -> bool {
    let t = sentence.tokens[i];
    t.upper
        && t.is_word()
        && !lex.stopwords.contains(t.text(doc))
        && !t.text(doc).starts_with(['\'', '’'])
}

#[expect(
    clippy::too_many_arguments,
    reason = "one call site; a struct would only rename these"
)]
fn push_item<'l>(
    doc: &str,
    sentence: &Sentence,
    index: usize,
    lex: &'l Lexicon,
    items: &mut Vec<Item<'l>>,
    mentions: &mut Vec<Mention>,
    start: usize,
    end: usize,
    slot: &Slot<'l>,
) {
    let kind = match slot {
        Slot::Known(_, ids, _) => {
            let ty = lex.entity(ids[0]).ty;
            mentions.push(Mention {
                span: span_of(sentence, start, end),
                sentence: index,
                tokens: (start, end),
                ty,
                source: MentionSource::Known(ids.clone()),
                titled: false,
            });
            ItemKind::Mention(mentions.len() - 1)
        }
        Slot::Demonym(_, c, plural) => {
            if *plural {
                ItemKind::Word
            } else {
                ItemKind::Demonym(*c)
            }
        }
        Slot::Role(_, r) => {
            // "former chancellor", "ex-president", "Former German chancellor", "the former US envoy"
            let toks = &sentence.tokens;
            let mut former = false;
            for back in 1..=4.min(start) {
                let i = start - back;
                if lex.cue(Cue::Former).matches_at(doc, toks, i) {
                    former = true;
                    break;
                }
                let t = toks[i].text(doc);
                let skippable = t == "-"
                    || crate::lexicon::contains_folded(&lex.modifiers, t)
                    || lex.names.matches_at(doc, toks, i);
                if !skippable {
                    break;
                }
            }
            let remit = sentence
                .tokens
                .get(end)
                .is_some_and(|t| lower_word(lex.class("remit-prep"), t.text(doc)));
            ItemKind::Role {
                role: r,
                former,
                remit,
            }
        }
        Slot::Honorific(_) => ItemKind::Honorific,
        Slot::Prefixed => ItemKind::Word,
        Slot::Free => {
            if sentence.tokens[start].kind == TokenKind::Punct {
                ItemKind::Punct
            } else {
                ItemKind::Word
            }
        }
    };
    items.push(Item { start, end, kind });
}

/// `w`, written in lower case, is a word of `class` (a function word as the analysis reads it:
/// "Of" in a title is no connector); false when the class is missing.
pub(super) fn lower_word(class: Option<&PhraseTable<()>>, w: &str) -> bool {
    !w.chars().any(char::is_uppercase) && class.is_some_and(|c| c.has_word(w))
}

fn span_of(sentence: &Sentence, start: usize, end: usize) -> Span {
    sentence.tokens[start]
        .span
        .cover(sentence.tokens[end - 1].span)
}

#[cfg(test)]
#[path = "mention_tests.rs"]
mod tests;
