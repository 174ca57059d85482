//! The matcher: runs a compiled `Rule` over a sentence's `Unit`s with
//! backtracking (greedy repeats, longest phrase first) and returns the captures.

use super::{Atom, Node, Rule};
use crate::lexicon::Lexicon;
use crate::text::Token;

/// What the matcher knows of one unit of a sentence (a mention, a role phrase or a word),
/// computed once per sentence by the annotator.
#[derive(Clone, Debug, Default)]
pub(crate) struct Unit<'a> {
    /// First token.
    pub start: usize,
    /// The folded (lower-case) text of the first token (borrowed when already lower case).
    pub fold: std::borrow::Cow<'a, str>,
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
    /// A mention of a person.
    pub person: bool,
    /// A mention of an organisation.
    pub org: bool,
    /// A mention of an organisation or place (with its entity).
    pub group: bool,
    /// An honorific.
    pub hon: bool,
    /// A role, honorific or country adjective.
    pub title: bool,
    /// Starts with a capital letter.
    pub cap: bool,
    /// A deputy's role word.
    pub deputy: bool,
    /// A lower-case word.
    pub lower: bool,
    /// A lower-case noun or adjective that may sit inside a noun group before a name ("his
    /// political rival X"), by the part-of-speech lexicon.
    pub nominal: bool,
}

/// The sentence as the matcher sees it.
pub(crate) struct Units<'a> {
    pub doc: &'a str,
    pub tokens: &'a [Token],
    pub units: Vec<Unit<'a>>,
    /// Class phrase lengths by (class, unit) (see [`class_matrix`]).
    pub classes: Vec<u8>,
    /// The ends of the run of parties from each unit, computed once per sentence.
    pub party_cache: std::cell::RefCell<Vec<Option<Ends>>>,
    pub lex: &'a Lexicon,
    /// Which of [`FLAG_ATOMS`] may start somewhere in the sentence, gathered on first use.
    pub flags_present: std::cell::OnceCell<u32>,
    /// Each unit's flag bits, gathered on first use.
    pub unit_flags: std::cell::OnceCell<Vec<u32>>,
    /// Whether a cue phrase (or, for `None`, a role verb) starts at each unit: 0 not asked
    /// yet, 1 no, 2 yes.
    pub phrase_rows: std::cell::RefCell<Vec<(Option<crate::lexicon::Cue>, Vec<u8>)>>,
    /// The units where each prefilter atom of the rules (by its id in the rule set, see
    /// [`super::Plan`]) may start, gathered on first use.
    pub start_rows: std::cell::RefCell<StartRows>,
}

/// Bit rows over a sentence's units, one per prefilter atom id: a bit set where the atom may
/// start.
#[derive(Default)]
pub(crate) struct StartRows {
    /// `u64`s per row.
    words: usize,
    bits: Vec<u64>,
    /// Which rows are filled.
    done: Vec<bool>,
    /// The filled rows of [`Atom::Party`] (bearers may change).
    party: Vec<usize>,
}

impl StartRows {
    fn row(&self, id: usize) -> &[u64] {
        &self.bits[id * self.words..(id + 1) * self.words]
    }
}

/// The unit ends an atom reaches, longest first, without allocating (a run of parties
/// has at most [`Ends::MAX`] ends; longer runs keep the longest ones).
#[derive(Clone, Copy, Default)]
pub(crate) struct Ends {
    ends: [usize; Ends::MAX],
    len: usize,
}

impl Ends {
    const MAX: usize = 8;

    fn one(ok: bool, end: usize) -> Ends {
        let mut e = Ends::default();
        if ok {
            e.push(end);
        }
        e
    }

    fn push(&mut self, end: usize) {
        if self.len < Ends::MAX {
            self.ends[self.len] = end;
            self.len += 1;
        }
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn as_slice(&self) -> &[usize] {
        &self.ends[..self.len]
    }
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

/// The atoms [`Units::present`] answers from flags gathered once per sentence.
const FLAG_ATOMS: [Atom; 17] = [
    Atom::Parties,
    Atom::Party,
    Atom::Place,
    Atom::Places,
    Atom::Name,
    Atom::Role,
    Atom::Adv,
    Atom::Det,
    Atom::Any,
    Atom::Person,
    Atom::Org,
    Atom::Group,
    Atom::Hon,
    Atom::Title,
    Atom::Cap,
    Atom::Deputy,
    Atom::Lower,
];

/// `fold` is one of `words`: lengths and first bytes compared before the bytes.
#[inline]
fn one_of(words: &[String], fold: &str) -> bool {
    let f = fold.as_bytes();
    words.iter().any(|w| {
        let w = w.as_bytes();
        w.len() == f.len() && w.first() == f.first() && w == f
    })
}

/// The bit of a flag atom in [`unit_flags`], if the atom is one.
fn flag_bit(atom: &Atom) -> Option<u32> {
    let d = std::mem::discriminant(atom);
    FLAG_ATOMS
        .iter()
        .position(|f| std::mem::discriminant(f) == d)
        .map(|i| 1 << i)
}

/// The flag atoms (in the order of [`FLAG_ATOMS`]) a unit may start, read from its fields.
fn unit_flags(u: &Unit<'_>) -> u32 {
    [
        u.party_start || u.party_glue,
        u.bearer_end.is_some(),
        u.place,
        u.place,
        u.name,
        u.role,
        u.adv,
        u.det,
        !u.clause_end,
        u.person,
        u.org,
        u.group,
        u.hon,
        u.title,
        u.cap,
        u.deputy,
        u.lower,
    ]
    .iter()
    .enumerate()
    .fold(0, |m, (i, &on)| if on { m | 1 << i } else { m })
}

/// The longest phrase of every word class at every unit start, by (class, unit): 1 none,
/// else its length in tokens + 1. One lookup per unit in the table of all class phrases
/// (longest first, so the first length seen for a class is its longest).
pub(crate) fn class_matrix(
    lex: &Lexicon,
    doc: &str,
    tokens: &[Token],
    starts: &[usize],
) -> Vec<u8> {
    let n = starts.len();
    let mut m = vec![1u8; lex.class_count() * n];
    for (j, &start) in starts.iter().enumerate() {
        for (len, ids) in lex.classes_at(doc, tokens, start) {
            let len = u8::try_from(len + 1).unwrap_or(u8::MAX);
            for &c in ids {
                let slot = &mut m[usize::from(c) * n + j];
                if *slot == 1 {
                    *slot = len;
                }
            }
        }
    }
    m
}

impl Units<'_> {
    /// The length in tokens of the longest phrase of class `id` at unit `k`, computed once
    /// per sentence.
    pub(crate) fn class_len(&self, id: usize, k: usize) -> Option<usize> {
        let slot = self.classes[id * self.units.len() + k];
        (slot > 1).then(|| usize::from(slot - 1))
    }

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
    fn ends(&self, atom: &Atom, k: usize) -> Ends {
        let Some(u) = self.units.get(k) else {
            return Ends::default();
        };
        match atom {
            Atom::Word(words) => Ends::one(one_of(words, &u.fold), k + 1),
            Atom::Class(id) => match self
                .class_len(*id, k)
                .and_then(|len| self.after_tokens(k, len))
            {
                Some(end) => Ends::one(true, end),
                None => Ends::default(),
            },
            Atom::Party => match u.bearer_end {
                Some(end) => Ends::one(true, end),
                None => Ends::default(),
            },
            Atom::Parties => {
                let mut cache = self.party_cache.borrow_mut();
                if cache.is_empty() {
                    cache.resize(self.units.len(), None);
                }
                *cache[k].get_or_insert_with(|| self.parties(k))
            }
            Atom::Place => Ends::one(u.place, k + 1),
            Atom::Places => {
                // Places joined by ",", "and", "the": every end after a place, longest first.
                let mut out = Ends::default();
                if !u.place {
                    return out;
                }
                let mut ends = Vec::new();
                let mut j = k;
                while let Some(w) = self.units.get(j) {
                    if w.place {
                        ends.push(j + 1);
                    } else if !matches!(w.fold.as_ref(), "," | "and" | "the") {
                        break;
                    }
                    j += 1;
                }
                for &e in ends.iter().rev() {
                    out.push(e);
                }
                out
            }
            Atom::Name => Ends::one(u.name, k + 1),
            Atom::Role => Ends::one(u.role, k + 1),
            Atom::Adv => Ends::one(u.adv, k + 1),
            Atom::Det => Ends::one(u.det, k + 1),
            Atom::Any => Ends::one(!u.clause_end, k + 1),
            Atom::Person => Ends::one(u.person, k + 1),
            Atom::Org => Ends::one(u.org, k + 1),
            Atom::Group => Ends::one(u.group, k + 1),
            Atom::Hon => Ends::one(u.hon, k + 1),
            Atom::Title => Ends::one(u.title, k + 1),
            Atom::Cap => Ends::one(u.cap, k + 1),
            Atom::Deputy => Ends::one(u.deputy, k + 1),
            Atom::Lower => Ends::one(u.lower, k + 1),
            Atom::Cue(cue) => match self
                .lex
                .cue(*cue)
                .longest_at(self.doc, self.tokens, u.start)
                .and_then(|(len, ())| self.after_tokens(k, len))
            {
                Some(end) => Ends::one(true, end),
                None => Ends::default(),
            },
            Atom::RoleVerb => match self
                .lex
                .role_verbs
                .longest_at(self.doc, self.tokens, u.start)
                .and_then(|(len, _)| self.after_tokens(k, len))
            {
                Some(end) => Ends::one(true, end),
                None => Ends::default(),
            },
        }
    }

    /// The units where a word class may start, as a row of the class matrix.
    fn class_row(&self, id: usize) -> &[u8] {
        let n = self.units.len();
        &self.classes[id * n..(id + 1) * n]
    }

    /// Fills the start row of prefilter atom `id` (`atom`), once per sentence.
    fn row_ready(&self, id: usize, atom: &Atom) {
        let mut rows = self.start_rows.borrow_mut();
        if rows.done.get(id).copied().unwrap_or(false) {
            return;
        }
        let n = self.units.len();
        let words = n.div_ceil(64).max(1);
        if rows.words != words {
            rows.words = words;
            rows.bits.clear();
            rows.done.clear();
            rows.party.clear();
        }
        if rows.done.len() <= id {
            rows.done.resize(id + 1, false);
            rows.bits.resize((id + 1) * words, 0);
        }
        let at = id * words;
        let row = &mut rows.bits[at..at + words];
        row.fill(0);
        let mut set = |k: usize| row[k / 64] |= 1 << (k % 64);
        match (atom, flag_bit(atom)) {
            (Atom::Class(c), _) => {
                for (k, &slot) in self.class_row(*c).iter().enumerate() {
                    if slot > 1 {
                        set(k);
                    }
                }
            }
            // Flags gathered once per sentence (a party's bearer may change after: read live).
            (Atom::Party, _) | (_, None) => {
                // `may_start` reads the units and the phrase rows, never these rows.
                for k in 0..n {
                    if self.may_start(atom, k) {
                        set(k);
                    }
                }
            }
            (_, Some(bit)) => {
                for (k, f) in self.flags().iter().enumerate() {
                    if f & bit != 0 {
                        set(k);
                    }
                }
            }
        }
        rows.done[id] = true;
        if matches!(atom, Atom::Party) {
            rows.party.push(id);
        }
    }

    /// Forgets what was gathered about parties (after bearers changed).
    pub(crate) fn forget_parties(&self) {
        self.party_cache.borrow_mut().clear();
        let mut rows = self.start_rows.borrow_mut();
        for id in std::mem::take(&mut rows.party) {
            rows.done[id] = false;
        }
    }

    /// A match of `atom` (prefilter atom `id`) may start somewhere in the sentence. Flags of
    /// units (mention kinds, adverbs...) are gathered once per sentence, so rules x atoms
    /// costs no scan of units.
    fn present(&self, id: usize, atom: &Atom) -> bool {
        match atom {
            Atom::Class(id) => self.class_row(*id).iter().any(|&s| s > 1),
            Atom::Word(_) | Atom::Cue(_) | Atom::RoleVerb => {
                self.row_ready(id, atom);
                self.start_rows.borrow().row(id).iter().any(|&w| w != 0)
            }
            flag => {
                let flags = self.flags();
                let any = *self
                    .flags_present
                    .get_or_init(|| flags.iter().fold(0, |m, f| m | f));
                flag_bit(flag).is_none_or(|bit| any & bit != 0)
            }
        }
    }

    /// Each unit's flag bits ([`unit_flags`]), computed on first use.
    fn flags(&self) -> &[u32] {
        self.unit_flags
            .get_or_init(|| self.units.iter().map(unit_flags).collect())
    }

    /// The last unit where a match of `atom` (prefilter atom `id`) may start.
    fn last_at(&self, id: usize, atom: &Atom) -> Option<usize> {
        match atom {
            Atom::Class(id) => self.class_row(*id).iter().rposition(|&s| s > 1),
            _ => {
                self.row_ready(id, atom);
                let rows = self.start_rows.borrow();
                let row = rows.row(id);
                let w = row.iter().rposition(|&w| w != 0)?;
                Some(w * 64 + 63 - row[w].leading_zeros() as usize)
            }
        }
    }

    /// A match of `atom` may start at unit `k` (a cheap test: no run of parties is built).
    fn may_start(&self, atom: &Atom, k: usize) -> bool {
        let u = &self.units[k];
        match atom {
            Atom::Word(words) => one_of(words, &u.fold),
            Atom::Class(id) => self.class_len(*id, k).is_some(),
            Atom::Parties => u.party_start || u.party_glue,
            Atom::Party => u.bearer_end.is_some(),
            Atom::Place | Atom::Places => u.place,
            Atom::Name => u.name,
            Atom::Role => u.role,
            Atom::Adv => u.adv,
            Atom::Det => u.det,
            Atom::Any => !u.clause_end,
            Atom::Person => u.person,
            Atom::Org => u.org,
            Atom::Group => u.group,
            Atom::Hon => u.hon,
            Atom::Title => u.title,
            Atom::Cap => u.cap,
            Atom::Deputy => u.deputy,
            Atom::Lower => u.lower,
            Atom::RoleVerb | Atom::Cue(_) => {
                // Phrase lookups, remembered per (cue kind, unit): rules ask again and again.
                let key = match atom {
                    Atom::Cue(c) => Some(*c),
                    _ => None,
                };
                let n = self.units.len();
                let mut rows = self.phrase_rows.borrow_mut();
                let row = match rows.iter().position(|(c, _)| *c == key) {
                    Some(r) => r,
                    None => {
                        rows.push((key, vec![0; n]));
                        rows.len() - 1
                    }
                };
                if rows[row].1[k] == 0 {
                    rows[row].1[k] = if self.ends(atom, k).is_empty() { 1 } else { 2 };
                }
                rows[row].1[k] == 2
            }
        }
    }

    /// A run of coordinated parties from `k`: every end that closes a bearer, longest first.
    fn parties(&self, k: usize) -> Ends {
        let first = &self.units[k];
        let opener = first.party_glue
            && !matches!(first.fold.as_ref(), "and" | "," | "of" | "'s" | "’s" | "as");
        if !first.party_start && !opener {
            return Ends::default();
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
                    .is_some_and(|n| matches!(n.fold.as_ref(), "'s" | "’s"))
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
        // One forward pass over the run (the ends ascend): the first comma, and whether a
        // joining word follows it before each end. A scan per end made a run of thousands of
        // commas ("Vik,Vik,Vik,...") cubic: 2,000 names took 8 s (found by scripts/fuzz.sh).
        debug_assert!(out.is_sorted());
        let (mut first_comma, mut joined, mut j) = (false, false, k);
        out.retain(|&e| {
            while j < e {
                let f = self.units[j].fold.as_ref();
                first_comma |= f == ",";
                joined |=
                    first_comma && matches!(f, "and" | ";" | "&" | "as" | "then" | "respectively");
                j += 1;
            }
            !first_comma
                || joined
                || self
                    .units
                    .get(e)
                    .is_some_and(|u| matches!(u.fold.as_ref(), "respectively" | "," | "and"))
        });
        let mut ends = Ends::default();
        for &e in out.iter().rev() {
            ends.push(e);
        }
        ends
    }

    /// Every match of `rule`, leftmost first, not overlapping each other nor starting inside
    /// a `blocked` unit range (what earlier rules took).
    pub(crate) fn find_all(&self, rule: &Rule, blocked: &[(usize, usize)]) -> Vec<Match> {
        let plan = &rule.plan;
        // Every atom the pattern requires occurs in the sentence.
        if !plan.required.iter().all(|(id, a)| self.present(*id, a)) {
            return Vec::new();
        }
        // A match holds its anchor: it starts at or before the last unit the anchor matches.
        let mut last = self.units.len();
        if let Some((id, anchor)) = &plan.anchor {
            match self.last_at(*id, anchor) {
                Some(k) => last = k + 1,
                None => return Vec::new(),
            }
        }
        // A rule that opens on a required element (a party, a class word) starts only where
        // that element matches, and only where one of the atoms that can start it matches.
        for (id, a) in plan.first.iter().chain(plan.starts.iter().flatten()) {
            self.row_ready(*id, a);
        }
        let rows = self.start_rows.borrow();
        // The units of word `w` where the rule may start.
        let candidates = |w: usize| -> u64 {
            let first = plan.first.as_ref().map_or(!0, |(id, _)| rows.row(*id)[w]);
            let starts = plan
                .starts
                .as_ref()
                .map_or(!0, |s| s.iter().fold(0, |m, (id, _)| m | rows.row(*id)[w]));
            first & starts
        };
        // The first unit at or after `k` where the rule may start.
        let next = |k: usize| -> Option<usize> {
            let mut w = k / 64;
            let mut bits = candidates(w) & (!0u64 << (k % 64));
            loop {
                if bits != 0 {
                    return Some(w * 64 + bits.trailing_zeros() as usize);
                }
                w += 1;
                if w >= rows.words {
                    return None;
                }
                bits = candidates(w);
            }
        };
        let mut out = Vec::new();
        let mut k = 0;
        let mut caps: Caps = vec![None; rule.captures.len()];
        while k < last {
            match next(k) {
                Some(c) if c < last => k = c,
                _ => break,
            }
            if let Some(&(_, end)) = blocked.iter().find(|&&(s, e)| s <= k && k < e) {
                k = end;
                continue;
            }
            caps.fill(None);
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
                for &end in self.ends(a, i).as_slice() {
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
            // Captures inside a `!` are not kept (a failed capture restores its slot).
            Node::Not(inner) => {
                !self.seq(
                    std::slice::from_ref(inner.as_ref()),
                    i,
                    caps,
                    &mut |_, _| true,
                ) && self.seq(rest, i, caps, k)
            }
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
