//! Typing a capitalised name run: person, place, organisation or none, from its words and context.

use super::{Item, ItemKind, Mention, MentionSource, lower_word, span_of};
use crate::Span;
use crate::lexicon::pos::{Pos, PosTable};
use crate::lexicon::{Cue, Lexicon, NameHit, RoleKind};
use crate::model::EntityType;
use crate::text::Sentence;

/// How many of the document's latest mentions a single word is compared with when asking
/// whether a person named before bears it as a surname: far more than a news story names, and
/// a bound that keeps a document of many thousands of names linear.
const SURNAME_REACH: usize = 512;

/// The document's latest [`SURNAME_REACH`] mentions, newest first.
fn recent(mentions: &[Mention]) -> impl Iterator<Item = &Mention> {
    mentions.iter().rev().take(SURNAME_REACH)
}

/// Decides what a capitalised run names, from its own words and its context.
#[expect(clippy::too_many_arguments, reason = "one call site")]
pub(super) fn classify_run<'l>(
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
    // "National Bank of Romania", "Institute for Economic Research": an organisation's head
    // word before "of" or "for" heads the whole name.
    let complement = lex.class("org-complement-prep");
    let org_head = words
        .windows(2)
        .any(|w| lex.org_suffixes.contains(w[0]) && lower_word(complement, w[1]));
    let org_name = (words.len() >= 2 && (lex.org_suffixes.contains(last) || org_head))
        || lex.cue(Cue::OrgPrefix).matches_at(doc, toks, start);
    if org_name || head_word {
        if let Some(prev) = items.last() {
            // "the Baltic Grain Board": a place read with its article ("the Baltic") before an
            // organisation's name; the article stays outside the name.
            let article = prev.end == prev.start + 2
                && !toks[prev.start].upper
                && lower_word(lex.class("the"), toks[prev.start].text(doc));
            let first = prev.start + usize::from(article);
            let adjacent = prev.end == start && toks[first].upper;
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
            if adjacent && absorbed && (start == first + 1 || prev.end - first <= 2) {
                let mut from = first;
                if let ItemKind::Mention(_) = prev.kind {
                    mentions.pop();
                }
                items.pop();
                if article {
                    items.push(Item {
                        start: first - 1,
                        end: first,
                        kind: ItemKind::Word,
                    });
                }
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
            if lower_word(lex.class("the"), word(j)) && j > 0 {
                j -= 1;
            }
            lower_word(lex.class("role-object-prep"), word(j))
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
    let surname_before = |w: &str| {
        recent(mentions)
            .any(|m| m.ty == EntityType::Person && doc[m.span].split(' ').any(|part| part == w))
    };
    // "the recent General Elections", "Envoy for Middle East Peace George Mitchell": one
    // word after a title is no name when it is a plural noun, or a noun continuing the
    // office's object.
    let one_noun = |plural: bool| {
        words.len() == 1
            && {
                let tags = PosTable::embedded().tags(first);
                tags.contains(Pos::NOUN) && (!plural || tags.contains(Pos::PLURAL))
            }
            && !surname_before(first)
    };
    let plural_noun = one_noun(true);
    let after_title = (after_plural_title
        || matches!(prev, Some(ItemKind::Honorific | ItemKind::Role { .. }))
        || (after_role_object && !one_noun(false))
        || after_role_comma)
        && !plural_noun;
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
    // "BANGKOK, Thailand (AP)": an acronym in brackets closing a dateline (capitalised words,
    // commas and a date from the start of the sentence, nothing or a dash after it) is the
    // agency's credit, even one that elsewhere names no organisation.
    let text_at = |i: usize| toks.get(i).map_or("", |t| t.text(doc));
    let credit = words.len() == 1
        && start >= 2
        && text_at(start - 1) == "("
        && text_at(end) == ")"
        && toks.get(end + 1).is_none_or(|t| t.text(doc) == "-")
        && toks[..start - 1].iter().all(|t| {
            t.upper
                || t.kind == crate::text::TokenKind::Number
                || matches!(t.text(doc), "," | "." | "(" | ")")
        });
    // "CNEN", "DEPA": an unknown acronym of two to six capitals names an organisation.
    let acronym = words.len() == 1
        && (2..=6).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_uppercase())
        && !PosTable::embedded()
            .tags(first)
            .intersects(Pos::CLOSED_CLASS)
        && (credit
            || !lex
                .class("acronym-not-org")
                .is_some_and(|c| c.matches_at(doc, toks, start)));
    // "Cairo AL-AHALI in Arabic 6 Apr 94": a wire source line names a paper or broadcaster
    // between the place it files from and its language, before the time stamp.
    let source_line = items.last().is_some_and(|it| {
        it.end == start
            && matches!(it.kind, ItemKind::Mention(m) if mentions[m].ty == EntityType::Place)
    }) && toks
        .get(end)
        .is_some_and(|t| lower_word(lex.class("venue-prep"), t.text(doc)))
        && toks
            .get(end + 1)
            .is_some_and(|t| lower_word(lex.class("language"), &t.text(doc).to_lowercase()))
        && toks
            .get(end + 2)
            .is_some_and(|t| t.kind == crate::text::TokenKind::Number);
    let org = acronym
        || (words.len() >= 2 && (lex.org_suffixes.contains(last) || org_head))
        || lex.cue(Cue::OrgPrefix).matches_at(doc, toks, start)
        || org_noun
        || office_after;
    // "Morgan Tsvangirai": a census given name that is also a word ("Morgan", "Grace") names
    // a person before a surname that is no English word.
    let given = words.len() >= 2
        && (lex.given_names.contains(first)
            || (words.len() <= 3
                && lex.word_given_names.contains(first)
                && PosTable::embedded().tags(last) == Pos::EMPTY));
    let context = lex.cue(Cue::PersonContext).matches_at(doc, toks, end)
        || (toks.get(end).is_some_and(|t| t.text(doc) == ",")
            && lex.roles.matches_at(doc, toks, end + 1))
        || (toks.get(end).is_some_and(|t| t.text(doc) == ",")
            && toks
                .get(end + 1)
                .is_some_and(|t| lower_word(lex.class("article"), t.text(doc)))
            && lex.roles.matches_at(doc, toks, end + 2));
    let name_like = words
        .iter()
        .all(|w| w.chars().skip(1).any(char::is_lowercase) || w.chars().count() <= 2);
    // "Tiananmen Square", "Rajasthan state": place names by their last word or the noun after.
    // "in Kutama, Zimbabwe", "from Otranto, Italy": a name after "in", "at", "from" or "near"
    // and before ", COUNTRY" is a place of that country.
    // "of Bethany, Conn.", "GRAND RAPIDS, Mich.": a name before ", STATE" (a region of a
    // country) that ends the phrase is a place of that state, without a preposition too.
    let (mut state_after, mut state_abbreviated) = (false, false);
    let country_after = toks.get(end).is_some_and(|t| t.text(doc) == ",")
        && lex
            .names
            .longest_at(doc, toks, end + 1)
            .is_some_and(|(len, hits)| {
                let next = toks.get(end + 1 + len);
                // "Conn.", "N.M.": the state's abbreviation ends in a dot.
                state_abbreviated = toks[end + len].text(doc).ends_with('.');
                let ends_phrase = next.is_none_or(|t| {
                    t.kind == crate::text::TokenKind::Punct && !t.text(doc).starts_with(['\'', '’'])
                });
                next.is_none_or(|t| !t.upper)
                    && hits.iter().any(|h| match h {
                        NameHit::Entity { id, .. } => {
                            let e = lex.entity(*id);
                            state_after |= ends_phrase
                                && e.place_kind == Some(crate::model::PlaceKind::Region)
                                && e.country.is_some();
                            e.place_kind == Some(crate::model::PlaceKind::Country) || state_after
                        }
                        NameHit::Demonym { .. } => false,
                    })
            });
    // A dateline opens the sentence (after a bracketed "(Text)" at most).
    let sentence_start =
        start == 0 || (start >= 3 && text_at(0) == "(" && text_at(start - 1) == ")");
    // "Indeed, Russia ...": an English word opening the sentence is no place.
    let opening_word = sentence_start
        && words.len() == 1
        && first.chars().any(char::is_lowercase)
        && !PosTable::embedded().tags(first).is_empty();
    let place_frame = country_after
        && words.len() <= 2
        && ((start > 0 && lower_word(lex.class("place-frame-prep"), toks[start - 1].text(doc)))
            || ((state_after || sentence_start)
                && !opening_word
                && !after_title
                // "of Bethany, Conn.": a given name before a state's abbreviation is a town.
                && (state_abbreviated || !lex.given_names.contains(first))
                && !surname_before(first)));
    // "in Dundalk", "near Tarvel": one unknown name after a preposition of place, no
    // surname of a person named before.
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
        && !PosTable::embedded()
            .tags(first)
            .intersects(Pos::ADJ.union(Pos::VERB))
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
                && PosTable::embedded().tags(w) == Pos::EMPTY
        })
        && !after_place_prep;
    // "Ana de la Cruz", "Jan van der Berg": capitalised words around a name particle.
    let particle_name = words.len() >= 3
        && name_like_ends(&words)
        && words[1..words.len() - 1]
            .iter()
            .any(|w| lex.particles.contains(*w));
    // "DAYTON, Ohio (AP)": a word in capitals opening a sentence before ", STATE" is the
    // dateline's place, not an acronym.
    let dateline_place = place_frame && sentence_start;
    let ty = if org && !(acronym && dateline_place) {
        Some(EntityType::Organization)
    } else if place {
        Some(EntityType::Place)
    } else if after_title
        || given
        || particle_name
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
            && recent(mentions).any(|m| {
                m.ty == EntityType::Person
                    && m.tokens.1 - m.tokens.0 >= 2
                    && (doc[m.span].rsplit(' ').next() == Some(first)
                        || doc[m.span].split(' ').next() == Some(first))
            });
        // "Commission", "Council": an organisation's head word alone names no one.
        if source_line {
            Some(EntityType::Organization)
        } else {
            (words.len() == 1
                && name_like
                && !lex.org_suffixes.contains(first)
                && !plural_noun
                && (first.chars().count() > 2 || short_surname))
                .then_some(EntityType::Person)
        }
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

/// The first and last words of a run are capitalised words with lower-case letters after the
/// first ("Cruz", not "UN").
fn name_like_ends(words: &[&str]) -> bool {
    let cap = |w: &&str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).any(char::is_lowercase)
    };
    words.first().is_some_and(cap) && words.last().is_some_and(cap)
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
