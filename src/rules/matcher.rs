//! The matcher: runs a compiled [`Rule`](super::Rule) over a sentence's [`Unit`]s with
//! backtracking (greedy repeats, longest phrase first) and returns the captures.

use super::{Atom, Node, Rule};
use crate::lexicon::Lexicon;
use crate::text::Token;

/// What the matcher knows of one unit of a sentence (a mention, a role phrase or a word),
/// computed once per sentence by the annotator.
#[derive(Clone, Debug, Default)]
pub(crate) struct Unit {
    /// First token.
    pub start: usize,
    /// The folded (lower-case) text of the first token.
    pub fold: String,
    /// A place.
    pub place: bool,
    /// Any mention.
    pub name: bool,
    /// A role phrase.
    pub role: bool,
    /// Ends a bearer phrase (a party, a description, a pronoun, "the two leaders") that
    /// starts here: the unit index one past it.
    pub bearer_end: Option<usize>,
    /// May start a run of parties (a title, "the", "President", a name...).
    pub party_start: bool,
    /// May sit inside a run of parties ("and", ",", "of", "'s", "former").
    pub party_glue: bool,
    /// An adverb.
    pub adv: bool,
    /// A determiner or possessive pronoun.
    pub det: bool,
    /// Ends a clause ("which", "to" before a verb, ";").
    pub clause_end: bool,
    /// A lower-case noun or adjective that may sit inside a noun group before a name ("his
    /// political rival X"), by the part-of-speech lexicon.
    pub nominal: bool,
}

/// The sentence as the matcher sees it.
pub(crate) struct Units<'a> {
    pub doc: &'a str,
    pub tokens: &'a [Token],
    pub units: Vec<Unit>,
    pub lex: &'a Lexicon,
}

/// Captures: for each slot, the unit range it matched.
pub(crate) type Caps = Vec<Option<(usize, usize)>>;

/// One match of a rule: the unit range and the captures.
#[derive(Clone, Debug)]
pub(crate) struct Match {
    pub start: usize,
    pub end: usize,
    pub caps: Caps,
}

impl Units<'_> {
    /// The unit index at which the phrase of `len` tokens starting at unit `k` ends.
    fn after_tokens(&self, k: usize, len: usize) -> Option<usize> {
        let end_tok = self.units[k].start + len;
        (k + 1..=self.units.len()).find(|&j| {
            self.units
                .get(j)
                .map_or(end_tok >= self.tokens.len(), |u| u.start == end_tok)
        })
    }

    /// Unit ends an atom can reach from `k`, longest first.
    fn ends(&self, atom: &Atom, k: usize) -> Vec<usize> {
        let Some(u) = self.units.get(k) else {
            return Vec::new();
        };
        match atom {
            Atom::Word(words) => {
                if words.iter().any(|w| *w == u.fold) {
                    vec![k + 1]
                } else {
                    Vec::new()
                }
            }
            Atom::Class(name) => self
                .lex
                .class(name)
                .and_then(|t| t.longest_at(self.doc, self.tokens, u.start))
                .and_then(|(len, ())| self.after_tokens(k, len))
                .into_iter()
                .collect(),
            Atom::Party => u.bearer_end.into_iter().collect(),
            Atom::Parties => self.parties(k),
            Atom::Place => single(u.place, k),
            Atom::Name => single(u.name, k),
            Atom::Role => single(u.role, k),
            Atom::Adv => single(u.adv, k),
            Atom::Det => single(u.det, k),
            Atom::Any => single(!u.clause_end, k),
        }
    }

    /// A run of coordinated parties from `k`: every end that closes a bearer, longest first.
    fn parties(&self, k: usize) -> Vec<usize> {
        let first = &self.units[k];
        let opener = first.party_glue
            && !matches!(first.fold.as_str(), "and" | "," | "of" | "'s" | "’s" | "as");
        if !first.party_start && !opener {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut j = k;
        while j < self.units.len() {
            let u = &self.units[j];
            if let Some(e) = u.bearer_end {
                // "Trump's decision": a possessor is not a party of the clause.
                if !self
                    .units
                    .get(e)
                    .is_some_and(|n| matches!(n.fold.as_str(), "'s" | "’s"))
                {
                    out.push(e);
                }
                j = e;
                continue;
            }
            if u.party_start || u.party_glue || u.nominal {
                j += 1;
                continue;
            }
            break;
        }
        // "A, B and C" is a list; "A, B said" is not: a comma inside the run needs an "and"
        // (or ";") after it.
        out.retain(|&e| {
            let comma = (k..e).find(|&j| self.units[j].fold == ",");
            comma.is_none_or(|c| {
                (c..e).any(|j| {
                    matches!(
                        self.units[j].fold.as_str(),
                        "and" | ";" | "&" | "as" | "then" | "respectively"
                    )
                }) || self
                    .units
                    .get(e)
                    .is_some_and(|u| matches!(u.fold.as_str(), "respectively" | "," | "and"))
            })
        });
        out.reverse();
        out
    }

    /// Every match of `rule`, leftmost first, not overlapping each other nor starting inside
    /// a `blocked` unit range (what earlier rules took).
    pub(crate) fn find_all(&self, rule: &Rule, blocked: &[(usize, usize)]) -> Vec<Match> {
        if let Some(anchor) = &rule.anchor {
            if !(0..self.units.len()).any(|k| !self.ends(anchor, k).is_empty()) {
                return Vec::new();
            }
        }
        let mut out = Vec::new();
        let mut k = 0;
        while k < self.units.len() {
            if let Some(&(_, end)) = blocked.iter().find(|&&(s, e)| s <= k && k < e) {
                k = end;
                continue;
            }
            let mut caps: Caps = vec![None; rule.captures.len()];
            let mut found = None;
            self.seq(&rule.pattern, k, &mut caps, &mut |end, caps| {
                found = Some((end, caps.clone()));
                true
            });
            match found {
                Some((end, caps)) if end > k => {
                    out.push(Match {
                        start: k,
                        end,
                        caps,
                    });
                    k = end;
                }
                _ => k += 1,
            }
        }
        out
    }

    fn seq(
        &self,
        nodes: &[Node],
        i: usize,
        caps: &mut Caps,
        k: &mut dyn FnMut(usize, &mut Caps) -> bool,
    ) -> bool {
        let Some((first, rest)) = nodes.split_first() else {
            return k(i, caps);
        };
        match first {
            Node::Atom(a) => {
                for end in self.ends(a, i) {
                    if self.seq(rest, end, caps, k) {
                        return true;
                    }
                }
                false
            }
            Node::Group(alts) => {
                for alt in alts {
                    if self.seq(alt, i, caps, &mut |j, c| self.seq(rest, j, c, k)) {
                        return true;
                    }
                }
                false
            }
            Node::Repeat(node, min, max) => self.repeat(node, *min, *max, 0, i, rest, caps, k),
            Node::Capture(slot, inner) => {
                let slot = *slot;
                self.seq(
                    std::slice::from_ref(inner.as_ref()),
                    i,
                    caps,
                    &mut |j, c| {
                        let old = c[slot];
                        c[slot] = Some((i, j));
                        if self.seq(rest, j, c, k) {
                            true
                        } else {
                            c[slot] = old;
                            false
                        }
                    },
                )
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn repeat(
        &self,
        node: &Node,
        min: usize,
        max: usize,
        count: usize,
        i: usize,
        rest: &[Node],
        caps: &mut Caps,
        k: &mut dyn FnMut(usize, &mut Caps) -> bool,
    ) -> bool {
        if count < max
            && self.seq(std::slice::from_ref(node), i, caps, &mut |j, c| {
                j > i && self.repeat(node, min, max, count + 1, j, rest, c, k)
            })
        {
            return true;
        }
        count >= min && self.seq(rest, i, caps, k)
    }
}

fn single(ok: bool, k: usize) -> Vec<usize> {
    if ok { vec![k + 1] } else { Vec::new() }
}
