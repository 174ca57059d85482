//! Mentions: names, country adjectives and role words found in one sentence.
//!
//! [`analyse`] turns a sentence's tokens into [`Item`]s, a coarser sequence where a
//! gazetteer name, a capitalised name run, a role phrase or an honorific is one item. Later
//! stages match patterns over items, not characters.

use crate::Span;
use crate::lexicon::{Cue, KnownId, Lexicon, NameHit, Role, RoleKind};
use crate::model::EntityType;
use crate::text::{Sentence, TokenKind};

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

/// "SOCCER - JAPAN GET LUCKY WIN": a sentence in capitals says nothing by its case. Its
/// words are read in lower case except those that, written as names are ("Japan", "NATO"),
/// start a known name. The copy has the same byte offsets as `doc` (ASCII case changes
/// only), so mention spans stay valid. `None` when the sentence is not in capitals.
fn decapitalise(doc: &str, sentence: &Sentence, lex: &Lexicon) -> Option<(String, Sentence)> {
    let toks = &sentence.tokens;
    let words: Vec<&str> = toks
        .iter()
        .filter(|t| t.is_word())
        .map(|t| t.text(doc))
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .collect();
    let caps = words
        .iter()
        .filter(|w| !w.chars().any(char::is_lowercase))
        .count();
    if words.len() < 3 || caps * 5 < words.len() * 4 {
        return None;
    }
    let mut text = doc.as_bytes().to_vec();
    let mut out = sentence.clone();
    // Title case every word, then keep the case only where a known name starts.
    for t in &out.tokens {
        if t.is_word() && doc[t.span].is_ascii() {
            let b = &mut text[t.span.start..t.span.end];
            b[1..].make_ascii_lowercase();
        }
    }
    let titled = String::from_utf8(text).expect("ASCII case changes keep UTF-8");
    let mut text = titled.clone().into_bytes();
    let mut k = 0;
    while k < out.tokens.len() {
        let t = out.tokens[k];
        if !t.is_word() {
            k += 1;
            continue;
        }
        let known = lex
            .names
            .longest_at(doc, toks, k)
            .or_else(|| lex.names.longest_at(&titled, toks, k))
            .map(|(len, _)| len);
        if let Some(len) = known {
            // "NATO" as written, "Japan" in title case.
            let as_written = lex.names.longest_at(doc, toks, k).is_some();
            for j in k..(k + len).min(out.tokens.len()) {
                let tj = out.tokens[j];
                if as_written {
                    text[tj.span.start..tj.span.end]
                        .copy_from_slice(&doc.as_bytes()[tj.span.start..tj.span.end]);
                }
            }
            k += len;
            continue;
        }
        if doc[t.span].is_ascii() {
            text[t.span.start..t.span.end].make_ascii_lowercase();
            out.tokens[k].upper = false;
        }
        k += 1;
    }
    Some((
        String::from_utf8(text).expect("ASCII case changes keep UTF-8"),
        out,
    ))
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
    // "anti-Castro Cubans": a name glued to a prefix by a hyphen is an adjective.
    let prefixed = |i: usize| {
        i >= 2
            && toks[i].glued
            && tx(i - 1) == "-"
            && toks[i - 1].glued
            && prefixes.is_some_and(|p| p.matches_at(doc, toks, i - 2))
    };
    while i < n {
        if prefixed(i) {
            slots.push(Slot::Prefixed);
            i += 1;
            continue;
        }
        let name = lex.names.longest_at(doc, toks, i);
        let role = lex.roles.longest_at(doc, toks, i);
        let hon = toks[i].upper && lex.cue(Cue::Honorific).matches_at(doc, toks, i);
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
        let is_run_start =
            start >= skip && matches!(slot, Slot::Free) && starts_name(doc, sentence, start, lex);
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
                    (t.upper && t.is_word() && !lex.stopwords.contains(txt))
                        || (txt == "." && t.glued && tx(s - 1).chars().count() == 1)
                        || (lex.particles.contains(txt) && toks.get(s + 1).is_some_and(|n| n.upper))
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
                        || (matches!(txt, "of" | "for" | "and")
                            && toks.get(s + 1).is_some_and(|n| n.upper)
                            && (lex.cue(Cue::OrgPrefix).matches_at(doc, toks, start) || lex.org_suffixes.contains(tx(s - 1))))
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
        let after_office = start >= 2 && tx(start - 1) == "of";
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
    promote_demonyms(doc, sentence, lex, &mut items, mentions, index);
    coordinated_names(doc, sentence, index, &mut items, mentions);
    mark_titled(&items, mentions);
    results_lines(doc, sentence, lex, &mut items, mentions, index);
    items
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
                .is_some_and(|t| t.text(doc) == "for");
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

fn span_of(sentence: &Sentence, start: usize, end: usize) -> Span {
    sentence.tokens[start]
        .span
        .cover(sentence.tokens[end - 1].span)
}

/// Decides what a capitalised run names, from its own words and its context.
#[expect(clippy::too_many_arguments, reason = "one call site")]
fn classify_run<'l>(
    doc: &str,
    sentence: &Sentence,
    index: usize,
    lex: &'l Lexicon,
    items: &mut Vec<Item<'l>>,
    mentions: &mut Vec<Mention>,
    start: usize,
    end: usize,
) {
    let toks = &sentence.tokens;
    let words: Vec<&str> = (start..end)
        .map(|i| toks[i].text(doc))
        .filter(|w| *w != "." && *w != "-")
        .collect();
    let first = words.first().copied().unwrap_or_default();
    let last = words.last().copied().unwrap_or_default();
    // "Presidents Lia Ferraz of Chile and ...": a plural title opens the run; the name after
    // it is a person's.
    if words.len() >= 3 && plural_title(lex, toks[start].text(doc)) {
        items.push(Item {
            start,
            end: start + 1,
            kind: ItemKind::Word,
        });
        classify_run(doc, sentence, index, lex, items, mentions, start + 1, end);
        return;
    }
    // "Greek Energy Forum", "Zimbabwe African National Union", "Thai Raksa Chart Party": a
    // country name or adjective right before an organisation's name is part of it.
    let head_word = words.len() == 1 && lex.org_suffixes.contains(first);
    let org_name = (words.len() >= 2 && lex.org_suffixes.contains(last))
        || lex.cue(Cue::OrgPrefix).matches_at(doc, toks, start);
    if org_name || head_word {
        if let Some(prev) = items.last() {
            let adjacent = prev.end == start && toks[prev.start].upper;
            let absorbed = match prev.kind {
                ItemKind::Demonym(_) => true,
                // "the African Union Commission": an organisation's body is an organisation.
                ItemKind::Mention(m) => {
                    m + 1 == mentions.len()
                        && (mentions[m].ty == EntityType::Place
                            || (head_word && mentions[m].ty == EntityType::Organization))
                        && !matches!(mentions[m].source, MentionSource::Nationality(_))
                }
                _ => false,
            };
            if adjacent && absorbed && (start == prev.start + 1 || prev.end - prev.start <= 2) {
                let mut from = prev.start;
                if let ItemKind::Mention(_) = prev.kind {
                    mentions.pop();
                }
                items.pop();
                // "Cuban American National Foundation": every country word before it.
                while let Some(more) = items.last() {
                    if more.end == from
                        && toks[more.start].upper
                        && more.end - more.start == 1
                        && matches!(more.kind, ItemKind::Demonym(_))
                    {
                        from = more.start;
                        items.pop();
                    } else {
                        break;
                    }
                }
                mentions.push(Mention {
                    span: span_of(sentence, from, end),
                    sentence: index,
                    tokens: (from, end),
                    ty: EntityType::Organization,
                    source: MentionSource::Name,
                    titled: false,
                });
                items.push(Item {
                    start: from,
                    end,
                    kind: ItemKind::Mention(mentions.len() - 1),
                });
                return;
            }
        }
    }
    // "the African Union Commission": an organisation's head word alone names no one.
    if words.len() == 1 && lex.org_suffixes.contains(first) {
        items.push(Item {
            start,
            end,
            kind: ItemKind::Word,
        });
        return;
    }
    let prev = items.last().map(|it| &it.kind);
    // "President X", "Mr X", and "Ambassador to the United Nations X".
    let after_role_object = {
        let k = items.len();
        let word = |j: usize| {
            items
                .get(j)
                .map_or("", |it: &Item<'_>| toks[it.start].text(doc))
        };
        k >= 3 && matches!(items[k - 1].kind, ItemKind::Mention(_)) && {
            let mut j = k - 2;
            if word(j) == "the" && j > 0 {
                j -= 1;
            }
            matches!(word(j), "of" | "to" | "for")
                && j > 0
                && matches!(items[j - 1].kind, ItemKind::Role { .. })
        }
    };
    // "his wife, Rosângela da Silva": a name of two or more words right after "ROLE,".
    let after_role_comma = words.len() >= 2
        && items.len() >= 2
        && matches!(items[items.len() - 1].kind, ItemKind::Punct)
        && toks[items[items.len() - 1].start].text(doc) == ","
        && matches!(items[items.len() - 2].kind, ItemKind::Role { .. });
    // "Presidents A of X and B of Y": a plural title.
    let after_plural_title = items.last().is_some_and(|it| {
        matches!(it.kind, ItemKind::Word)
            && it.end == it.start + 1
            && toks[it.start].upper
            && plural_title(lex, toks[it.start].text(doc))
    });
    let after_title = after_plural_title
        || matches!(prev, Some(ItemKind::Honorific | ItemKind::Role { .. }))
        || after_role_object
        || after_role_comma;
    // "the gas producer Vantor", "the Ekho newspaper": a noun for an organisation right
    // before or after an unknown name.
    let org_nouns = lex.class("org-noun");
    let lower_at = |i: usize| toks.get(i).is_some_and(|t| !t.upper);
    let org_noun = !after_title
        && org_nouns.is_some_and(|c| {
            (start > 0 && lower_at(start - 1) && c.matches_at(doc, toks, start - 1))
                || (lower_at(end) && c.matches_at(doc, toks, end))
        });
    // "Vantor Airlines spokesman X", "Ekho Paper's chairman": an unknown name before an
    // office (or its possessive) is the body the office belongs to.
    let office_at = |i: usize| {
        toks.get(i).is_some_and(|t| !t.upper)
            && lex
                .roles
                .longest_at(doc, toks, i)
                .is_some_and(|(_, r)| matches!(r.kind, RoleKind::Head | RoleKind::Post))
    };
    let possessive = toks
        .get(end)
        .is_some_and(|t| matches!(t.text(doc), "'s" | "’s"));
    let office_after = !after_title
        && words.len() >= 2
        && !lex.given_names.contains(first)
        && (office_at(end) || (possessive && office_at(end + 1)));
    // "CNEN", "DEPA": an unknown acronym of two to six capitals names an organisation.
    let acronym = words.len() == 1
        && (2..=6).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_uppercase())
        && !crate::lexicon::pos::PosTable::embedded()
            .tags(first)
            .intersects(crate::lexicon::pos::Pos::CLOSED_CLASS)
        && !lex
            .class("acronym-not-org")
            .is_some_and(|c| c.matches_at(doc, toks, start));
    let org = acronym
        || (words.len() >= 2 && lex.org_suffixes.contains(last))
        || lex.cue(Cue::OrgPrefix).matches_at(doc, toks, start)
        || org_noun
        || office_after;
    // "Morgan Tsvangirai": a census given name that is also a word ("Morgan", "Grace") names
    // a person before a surname that is no English word.
    let given = words.len() >= 2
        && (lex.given_names.contains(first)
            || (words.len() <= 3
                && lex.word_given_names.contains(first)
                && crate::lexicon::pos::PosTable::embedded().tags(last)
                    == crate::lexicon::pos::Pos::EMPTY));
    let context = lex.cue(Cue::PersonContext).matches_at(doc, toks, end)
        || (toks.get(end).is_some_and(|t| t.text(doc) == ",")
            && lex.roles.matches_at(doc, toks, end + 1))
        || (toks.get(end).is_some_and(|t| t.text(doc) == ",")
            && matches!(
                toks.get(end + 1).map(|t| t.text(doc)),
                Some("a" | "an" | "the")
            )
            && lex.roles.matches_at(doc, toks, end + 2));
    let name_like = words
        .iter()
        .all(|w| w.chars().skip(1).any(char::is_lowercase) || w.chars().count() <= 2);
    // "Tiananmen Square", "Rajasthan state": place names by their last word or the noun after.
    // "in Kutama, Zimbabwe", "from Otranto, Italy": a name after "in", "at", "from" or "near"
    // and before ", COUNTRY" is a place of that country.
    let country_after = toks.get(end).is_some_and(|t| t.text(doc) == ",")
        && lex
            .names
            .longest_at(doc, toks, end + 1)
            .is_some_and(|(len, hits)| {
                toks.get(end + 1 + len).is_none_or(|t| !t.upper)
                    && hits.iter().any(|h| match h {
                        NameHit::Entity { id, .. } => {
                            lex.entity(*id).place_kind == Some(crate::model::PlaceKind::Country)
                        }
                        NameHit::Demonym { .. } => false,
                    })
            });
    let place_frame = country_after
        && start > 0
        && matches!(
            toks[start - 1].text(doc),
            "in" | "at" | "from" | "near" | "to"
        )
        && words.len() <= 2;
    // "in Dundalk", "near Tarvel": one unknown name after a preposition of place, no
    // surname of a person named before.
    let surname_before = |w: &str| {
        mentions
            .iter()
            .any(|m| m.ty == EntityType::Person && doc[m.span].split(' ').any(|part| part == w))
    };
    let after_place_prep = start > 0
        && lex
            .class("place-prep")
            .is_some_and(|p| p.matches_at(doc, toks, start - 1));
    let place = (words.len() == 1
        && after_place_prep
        && name_like
        && !after_title
        && first.chars().count() > 2
        && !lex.org_suffixes.contains(first)
        // "in English", "in Old Havana": no adjective or verb of the language.
        && !crate::lexicon::pos::PosTable::embedded()
            .tags(first)
            .intersects(crate::lexicon::pos::Pos::ADJ.union(crate::lexicon::pos::Pos::VERB))
        && toks.get(end).is_none_or(|t| !t.text(doc).starts_with(['\'', '’']))
        && !surname_before(first))
        || place_frame
        || (words.len() >= 2 && lex.place_suffixes.contains(last))
        || (start > 0 && lex.cue(Cue::PlaceNoun).matches_at(doc, toks, end) && !after_title);
    // "Elian Gonzalez", "Ashton Bumhira": two or three capitalised words, none of them an
    // English word, not after a preposition of place, name a person.
    let open_name = (2..=3).contains(&words.len())
        && name_like
        && words.iter().all(|w| {
            w.chars().count() > 2
                && w.chars().next().is_some_and(char::is_uppercase)
                && crate::lexicon::pos::PosTable::embedded().tags(w)
                    == crate::lexicon::pos::Pos::EMPTY
        })
        && (start == 0
            || !lex
                .class("place-prep")
                .is_some_and(|p| p.matches_at(doc, toks, start - 1)));
    let ty = if org {
        Some(EntityType::Organization)
    } else if place {
        Some(EntityType::Place)
    } else if after_title
        || given
        || open_name
        || (words.len() >= 2 && name_like && start > 0 && context)
    {
        Some(EntityType::Person)
    } else {
        // A variant spelling of a known name ("Zelenskyy") is that name.
        let joined = doc[span_of(sentence, start, end)].to_owned();
        let variants = lex.find_variant(&joined);
        if !variants.is_empty() {
            let ty = lex.entity(variants[0]).ty;
            mentions.push(Mention {
                span: span_of(sentence, start, end),
                sentence: index,
                tokens: (start, end),
                ty,
                source: MentionSource::Known(variants.to_vec()),
                titled: after_title,
            });
            items.push(Item {
                start,
                end,
                kind: ItemKind::Mention(mentions.len() - 1),
            });
            return;
        }
        // Single unknown words may still be a surname of someone named in full (resolution
        // decides); mark them as unclassified persons only when they look like names.
        // Two-letter surnames ("Li", "Wu") only when a person named before bears them.
        let short_surname = first.chars().count() == 2
            && mentions.iter().any(|m| {
                m.ty == EntityType::Person
                    && m.tokens.1 - m.tokens.0 >= 2
                    && (doc[m.span].rsplit(' ').next() == Some(first)
                        || doc[m.span].split(' ').next() == Some(first))
            });
        // "Commission", "Council": an organisation's head word alone names no one.
        (words.len() == 1
            && name_like
            && !lex.org_suffixes.contains(first)
            && (first.chars().count() > 2 || short_surname))
            .then_some(EntityType::Person)
    };
    match ty {
        Some(ty) => {
            let span = span_of(sentence, start, end);
            mentions.push(Mention {
                span,
                sentence: index,
                tokens: (start, end),
                ty,
                source: MentionSource::Name,
                titled: after_title,
            });
            items.push(Item {
                start,
                end,
                kind: ItemKind::Mention(mentions.len() - 1),
            });
        }
        None => items.push(Item {
            start,
            end,
            kind: ItemKind::Word,
        }),
    }
}

/// Country adjectives before a role or a government noun are mentions of the country
/// ("Russian President", "the French government"); before other nouns they are not.
fn promote_demonyms(
    doc: &str,
    sentence: &Sentence,
    lex: &Lexicon,
    items: &mut [Item<'_>],
    mentions: &mut Vec<Mention>,
    index: usize,
) {
    for k in 0..items.len() {
        let ItemKind::Demonym(country) = items[k].kind else {
            continue;
        };
        let mut j = k + 1;
        while j < items.len()
            && matches!(items[j].kind, ItemKind::Word)
            && crate::lexicon::contains_folded(
                &lex.modifiers,
                sentence.tokens[items[j].start].text(doc),
            )
        {
            j += 1;
        }
        let qualifies = match items.get(j).map(|it| &it.kind) {
            Some(ItemKind::Role { .. }) => true,
            Some(ItemKind::Word) => {
                lex.cue(Cue::GovernmentNoun)
                    .matches_at(doc, &sentence.tokens, items[j].start)
            }
            _ => false,
        };
        if qualifies {
            let (s, e) = (items[k].start, items[k].end);
            mentions.push(Mention {
                span: span_of(sentence, s, e),
                sentence: index,
                tokens: (s, e),
                ty: EntityType::Place,
                source: MentionSource::Nationality(country),
                titled: false,
            });
            items[k].kind = ItemKind::Mention(mentions.len() - 1);
        }
    }
}

/// "Bristol City 0 Crewe 2", "Fulham 4 3 0 1": in a results line a name followed by a score
/// is a team, an organisation, even when it is also a city; a name with a score after it and
/// another scored name right after that score, or with three scores after it (a standings
/// row). People named in full keep their type ("Ana Ruiz 68 70 71" on a golf leaderboard).
fn results_lines(
    doc: &str,
    sentence: &Sentence,
    lex: &Lexicon,
    items: &mut [Item<'_>],
    mentions: &mut Vec<Mention>,
    index: usize,
) {
    let toks = &sentence.tokens;
    let score = |i: usize| {
        toks.get(i).is_some_and(|t| {
            t.kind == TokenKind::Number && t.text(doc).bytes().all(|b| b.is_ascii_digit())
        })
    };
    if !items.iter().any(|it| score(it.end)) {
        return;
    }
    // Items that may name a team: mentions, and capitalised runs no rule typed.
    let named = |it: &Item<'_>| match it.kind {
        ItemKind::Mention(_) => true,
        ItemKind::Word => {
            let t = toks[it.start];
            t.upper && t.is_word() && !lex.stopwords.contains(t.text(doc))
        }
        _ => false,
    };
    let scored = |k: usize| items.get(k).is_some_and(|it| named(it) && score(it.end));
    let teams: Vec<usize> = (0..items.len())
        .filter(|&k| {
            let e = items[k].end;
            scored(k)
                && ((score(e + 1) && score(e + 2)) || scored(k + 2) || (k >= 2 && scored(k - 2)))
        })
        .collect();
    for k in teams {
        let it = &mut items[k];
        match it.kind {
            ItemKind::Mention(m) => {
                let person_in_full = mentions[m].ty == EntityType::Person
                    && (mentions[m].titled || mentions[m].tokens.1 - mentions[m].tokens.0 >= 2);
                if person_in_full || matches!(mentions[m].source, MentionSource::Nationality(_)) {
                    continue;
                }
                mentions[m].ty = EntityType::Organization;
                mentions[m].source = MentionSource::Name;
            }
            _ => {
                mentions.push(Mention {
                    span: span_of(sentence, it.start, it.end),
                    sentence: index,
                    tokens: (it.start, it.end),
                    ty: EntityType::Organization,
                    source: MentionSource::Name,
                    titled: false,
                });
                it.kind = ItemKind::Mention(mentions.len() - 1);
            }
        }
    }
}

/// A mention right after a role or honorific is "titled": a strong person signal.
fn mark_titled(items: &[Item<'_>], mentions: &mut [Mention]) {
    for w in items.windows(2) {
        if let (ItemKind::Role { .. } | ItemKind::Honorific, ItemKind::Mention(m)) =
            (&w[0].kind, &w[1].kind)
        {
            mentions[*m].titled = true;
        }
    }
}

/// One name, one type in a story: an untitled name typed a person only for want of other
/// evidence takes the type an organisation's mention of the same words has ("Sinn Fein
/// leader X" ... "said Sinn Fein").
pub fn one_name_one_type(doc: &str, mentions: &mut [Mention]) {
    let orgs: Vec<&str> = mentions
        .iter()
        .filter(|m| m.ty == EntityType::Organization && matches!(m.source, MentionSource::Name))
        .map(|m| &doc[m.span])
        .collect();
    if orgs.is_empty() {
        return;
    }
    let orgs: Vec<String> = orgs.into_iter().map(str::to_owned).collect();
    for m in mentions.iter_mut() {
        if m.ty == EntityType::Person
            && !m.titled
            && matches!(m.source, MentionSource::Name)
            && orgs.iter().any(|o| *o == doc[m.span])
        {
            m.ty = EntityType::Organization;
        }
    }
}

/// "including Cai Qi and Wang Yi": an unclassified capitalised name of two or three words
/// coordinated with a person ("X and Y", "Y and X") is a person too.
fn coordinated_names(
    doc: &str,
    sentence: &Sentence,
    index: usize,
    items: &mut [Item<'_>],
    mentions: &mut Vec<Mention>,
) {
    let toks = &sentence.tokens;
    let pos = crate::lexicon::pos::PosTable::embedded();
    let person = |items: &[Item<'_>], mentions: &[Mention], k: usize| matches!(items.get(k).map(|i| &i.kind), Some(ItemKind::Mention(m)) if mentions[*m].ty == EntityType::Person);
    let word = |items: &[Item<'_>], k: usize| {
        items
            .get(k)
            .map_or("", |i: &Item<'_>| toks[i.start].text(doc))
    };
    for k in 0..items.len() {
        let it = &items[k];
        let len = it.end - it.start;
        let name_like = matches!(it.kind, ItemKind::Word)
            && (2..=3).contains(&len)
            && (it.start..it.end).all(|t| {
                let w = toks[t].text(doc);
                // "Emerging Technologies": words of the language, longer than a short
                // syllable name ("Cai Qi"), are a title, not a name.
                toks[t].upper
                    && w.chars().skip(1).any(char::is_lowercase)
                    && (w.chars().count() <= 4 || pos.tags(w).is_empty())
            });
        if !name_like || it.start == 0 {
            continue;
        }
        let coordinated = (word(items, k + 1) == "and" && person(items, mentions, k + 2))
            || (k >= 2 && word(items, k - 1) == "and" && person(items, mentions, k - 2))
            // "Presidents A of X and B of Y"
            || (k >= 4
                && word(items, k - 1) == "and"
                && word(items, k - 3) == "of"
                && person(items, mentions, k - 4));
        if coordinated {
            mentions.push(Mention {
                span: span_of(sentence, it.start, it.end),
                sentence: index,
                tokens: (it.start, it.end),
                ty: EntityType::Person,
                source: MentionSource::Name,
                titled: false,
            });
            items[k].kind = ItemKind::Mention(mentions.len() - 1);
        }
    }
}

/// "Presidents", "Ministers": the plural of a one-word title in `roles.tsv`.
fn plural_title(lex: &Lexicon, word: &str) -> bool {
    let Some(single) = word.strip_suffix('s').filter(|w| w.len() >= 3) else {
        return false;
    };
    let toks = crate::text::tokenize(single, Span::new(0, single.len()));
    toks.len() == 1
        && lex
            .roles
            .longest_at(single, &toks, 0)
            .is_some_and(|(l, _)| l == 1)
}

#[cfg(test)]
#[path = "mention_tests.rs"]
mod tests;
