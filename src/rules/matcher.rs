//! The matcher: runs a compiled `Rule` over a sentence's `Unit`s with
//! backtracking (greedy repeats, longest phrase first) and returns the captures.

use super::{Atom, Node, Rule, RuleSet};
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
    /// A word or punctuation (no mention, role, honorific or demonym).
    pub plain: bool,
    /// May sit inside a noun group before a name (see [`crate::extract::event::nominal`]):
    /// asked on first use, `None` until then.
    pub nominal: std::cell::Cell<Option<bool>>,
}

/// The sentence as the matcher sees it.
pub(crate) struct Units<'a> {
    pub doc: &'a str,
    pub tokens: &'a [Token],
    pub units: Vec<Unit<'a>>,
    /// Class phrase lengths and start rows by (class, unit) (see [`class_matrix`]).
    pub classes: ClassMatrix,
    /// The ends of the run of parties from each unit, computed once per sentence.
    pub party_cache: std::cell::RefCell<Vec<Option<Ends>>>,
    pub lex: &'a Lexicon,
    /// The rule set whose prefilter atom ids the matcher is given.
    set: &'a RuleSet,
    /// The start rows of the word atoms of [`RuleSet::word_atoms`], by atom id, gathered on
    /// first use with one lookup per unit.
    word_rows: std::cell::OnceCell<Vec<u64>>,
    /// The start rows of the flag atoms (by [`flag_index`]), gathered on first use in one
    /// pass over the units.
    flag_rows: std::cell::OnceCell<Vec<u64>>,
    /// The units where each other prefilter atom of the rules (by its id in the rule set, see
    /// [`super::Plan`]) may start, gathered on first use.
    start_rows: std::cell::RefCell<StartRows>,
    /// Scratch rows of [`Units::find_all`] (the units where a rule may start, and the union
    /// of its start atoms' rows), kept to spare an allocation per rule.
    scratch: std::cell::RefCell<(Vec<u64>, Vec<u64>)>,
}

/// Bit rows over a sentence's units, one per prefilter atom id: a bit set where the atom may
/// start.
#[derive(Default)]
struct StartRows {
    bits: Vec<u64>,
    /// Which rows are filled.
    done: Vec<bool>,
    /// The filled rows of [`Atom::Party`] (bearers may change).
    party: Vec<usize>,
}

/// The word classes of a sentence's units: for each (class, unit) the length in tokens + 1 of
/// the longest phrase of the class starting there (1: none), and for each class a bit row of
/// the units where one starts.
pub(crate) struct ClassMatrix {
    /// Units.
    n: usize,
    /// `u64`s per bit row.
    words: usize,
    lens: Vec<u8>,
    rows: Vec<u64>,
}

impl ClassMatrix {
    /// The length in tokens of the longest phrase of class `id` at unit `k`.
    pub(crate) fn len(&self, id: usize, k: usize) -> Option<usize> {
        let slot = self.lens[id * self.n + k];
        (slot > 1).then(|| usize::from(slot - 1))
    }

    /// The bit row of the units where a phrase of class `id` starts.
    fn row(&self, id: usize) -> &[u64] {
        &self.rows[id * self.words..(id + 1) * self.words]
    }
}

/// `u64`s in a bit row over `n` units (at least one).
fn row_words(n: usize) -> usize {
    n.div_ceil(64).max(1)
}

/// Sets bit `k` of a bit row.
#[inline]
fn set_bit(row: &mut [u64], k: usize) {
    row[k / 64] |= 1 << (k % 64);
}

/// The last set bit of a bit row.
fn last_bit(row: &[u64]) -> Option<usize> {
    let w = row.iter().rposition(|&w| w != 0)?;
    Some(w * 64 + 63 - row[w].leading_zeros() as usize)
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

    fn push(&mut self, end: usize) {
        if self.len < Ends::MAX {
            self.ends[self.len] = end;
            self.len += 1;
        }
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

/// Number of flag atoms (see [`flag_index`]).
const FLAGS: usize = 15;

/// The row of a flag atom among a sentence's flag rows: the atoms read from one field of a
/// unit, in the order of [`unit_flags`]. `None` for the others, and for [`Atom::Party`]
/// (bearers may change after the rows are gathered: its row is read live).
fn flag_index(atom: &Atom) -> Option<usize> {
    Some(match atom {
        Atom::Parties => 0,
        Atom::Place | Atom::Places => 1,
        Atom::Name => 2,
        Atom::Role => 3,
        Atom::Adv => 4,
        Atom::Det => 5,
        Atom::Any => 6,
        Atom::Person => 7,
        Atom::Org => 8,
        Atom::Group => 9,
        Atom::Hon => 10,
        Atom::Title => 11,
        Atom::Cap => 12,
        Atom::Deputy => 13,
        Atom::Lower => 14,
        _ => return None,
    })
}

/// `fold` is one of `words`: lengths and first bytes compared before the bytes.
#[inline]
fn one_of(words: &[String], fold: &str) -> bool {
    let f = fold.as_bytes();
    words.iter().any(|w| {
        let w = w.as_bytes();
        w.len() == f.len() && w.first() == f.first() && w == f
    })
}

/// The flag atoms a unit may start, a bit per [`flag_index`].
fn unit_flags(u: &Unit<'_>) -> u32 {
    [
        u.party_start || u.party_glue,
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

/// The longest phrase of every word class at every unit start (see [`ClassMatrix`]). One
/// lookup per unit in the table of all class phrases (longest first, so the first length
/// seen for a class is its longest).
pub(crate) fn class_matrix(
    lex: &Lexicon,
    doc: &str,
    tokens: &[Token],
    starts: &[usize],
) -> ClassMatrix {
    let n = starts.len();
    let words = row_words(n);
    let classes = lex.class_count();
    let mut m = ClassMatrix {
        n,
        words,
        lens: vec![1u8; classes * n],
        rows: vec![0; classes * words],
    };
    for (j, &start) in starts.iter().enumerate() {
        for (len, ids) in lex.classes_at(doc, tokens, start) {
            let len = u8::try_from(len + 1).unwrap_or(u8::MAX);
            for &c in ids {
                let c = usize::from(c);
                let slot = &mut m.lens[c * n + j];
                if *slot == 1 {
                    *slot = len;
                    set_bit(&mut m.rows[c * words..(c + 1) * words], j);
                }
            }
        }
    }
    m
}

impl<'a> Units<'a> {
    /// The matcher's view of a sentence: its `units` and their word `classes`, for the rules
    /// of `set`.
    pub(crate) fn new(
        doc: &'a str,
        tokens: &'a [Token],
        units: Vec<Unit<'a>>,
        classes: ClassMatrix,
        lex: &'a Lexicon,
        set: &'a RuleSet,
    ) -> Units<'a> {
        Units {
            doc,
            tokens,
            units,
            classes,
            party_cache: std::cell::RefCell::default(),
            lex,
            set,
            word_rows: std::cell::OnceCell::new(),
            flag_rows: std::cell::OnceCell::new(),
            start_rows: std::cell::RefCell::default(),
            scratch: std::cell::RefCell::default(),
        }
    }
}

impl Units<'_> {
    /// The length in tokens of the longest phrase of class `id` at unit `k`, computed once
    /// per sentence.
    pub(crate) fn class_len(&self, id: usize, k: usize) -> Option<usize> {
        self.classes.len(id, k)
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
        match atom {
            Atom::Parties => {
                if k >= self.units.len() {
                    return Ends::default();
                }
                let mut cache = self.party_cache.borrow_mut();
                if cache.is_empty() {
                    cache.resize(self.units.len(), None);
                }
                *cache[k].get_or_insert_with(|| self.parties(k))
            }
            Atom::Places => {
                // Places joined by ",", "and", "the": every end after a place, longest first.
                let mut out = Ends::default();
                if !self.units.get(k).is_some_and(|u| u.place) {
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
            _ => {
                let mut out = Ends::default();
                if let Some(end) = self.end(atom, k) {
                    out.push(end);
                }
                out
            }
        }
    }

    /// The unit end an atom of one end (any but [`Atom::Parties`] and [`Atom::Places`])
    /// reaches from `k`.
    fn end(&self, atom: &Atom, k: usize) -> Option<usize> {
        let u = self.units.get(k)?;
        let on = |b: bool| b.then_some(k + 1);
        match atom {
            Atom::Word(words) => on(one_of(words, &u.fold)),
            Atom::Class(id) => self
                .class_len(*id, k)
                .and_then(|len| self.after_tokens(k, len)),
            Atom::Party => u.bearer_end,
            Atom::Parties | Atom::Places => self.ends(atom, k).as_slice().first().copied(),
            Atom::Place => on(u.place),
            Atom::Name => on(u.name),
            Atom::Role => on(u.role),
            Atom::Adv => on(u.adv),
            Atom::Det => on(u.det),
            Atom::Any => on(!u.clause_end),
            Atom::Person => on(u.person),
            Atom::Org => on(u.org),
            Atom::Group => on(u.group),
            Atom::Hon => on(u.hon),
            Atom::Title => on(u.title),
            Atom::Cap => on(u.cap),
            Atom::Deputy => on(u.deputy),
            Atom::Lower => on(u.lower),
            Atom::Cue(cue) => self
                .lex
                .cue(*cue)
                .longest_at(self.doc, self.tokens, u.start)
                .and_then(|(len, ())| self.after_tokens(k, len)),
            Atom::RoleVerb => self
                .lex
                .role_verbs
                .longest_at(self.doc, self.tokens, u.start)
                .and_then(|(len, _)| self.after_tokens(k, len)),
        }
    }

    /// Calls `f` with the start row of prefilter atom `id` (`atom`): a bit set at each unit
    /// where a match of the atom may start.
    fn with_row<R>(&self, id: usize, atom: &Atom, f: impl FnOnce(&[u64]) -> R) -> R {
        if let Atom::Class(c) = atom {
            return f(self.classes.row(*c));
        }
        if matches!(atom, Atom::Word(_)) && id < self.set.atom_count {
            let words = row_words(self.units.len());
            let rows = self.word_rows.get_or_init(|| {
                let mut rows = vec![0; self.set.atom_count * words];
                for (k, u) in self.units.iter().enumerate() {
                    for &id in self
                        .set
                        .word_atoms
                        .get(u.fold.as_ref())
                        .into_iter()
                        .flatten()
                    {
                        set_bit(&mut rows[id * words..(id + 1) * words], k);
                    }
                }
                rows
            });
            return f(&rows[id * words..(id + 1) * words]);
        }
        if let Some(i) = flag_index(atom) {
            let words = row_words(self.units.len());
            let rows = self.flag_rows.get_or_init(|| {
                // One pass over the units fills every flag row.
                let mut rows = vec![0; FLAGS * words];
                for (k, u) in self.units.iter().enumerate() {
                    let mut f = unit_flags(u);
                    while f != 0 {
                        let i = f.trailing_zeros() as usize;
                        set_bit(&mut rows[i * words..(i + 1) * words], k);
                        f &= f - 1;
                    }
                }
                rows
            });
            return f(&rows[i * words..(i + 1) * words]);
        }
        self.row_ready(id, atom);
        let rows = self.start_rows.borrow();
        let words = row_words(self.units.len());
        f(&rows.bits[id * words..(id + 1) * words])
    }

    /// Fills the start row of prefilter atom `id` (`atom`, a word, cue, role verb or party),
    /// once per sentence.
    fn row_ready(&self, id: usize, atom: &Atom) {
        let mut rows = self.start_rows.borrow_mut();
        if rows.done.get(id).copied().unwrap_or(false) {
            return;
        }
        let n = self.units.len();
        let words = row_words(n);
        if rows.done.len() <= id {
            // Room for the rule set's atoms at once (a rule set has a few dozen).
            let len = (id + 1).max(64);
            rows.done.resize(len, false);
            rows.bits.resize(len * words, 0);
        }
        let row = &mut rows.bits[id * words..(id + 1) * words];
        row.fill(0);
        // `may_start` reads the units and the phrase tables, never these rows.
        for k in 0..n {
            if self.may_start(atom, k) {
                set_bit(row, k);
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

    /// A match of `atom` (prefilter atom `id`) may start somewhere in the sentence.
    fn present(&self, id: usize, atom: &Atom) -> bool {
        self.with_row(id, atom, |row| row.iter().any(|&w| w != 0))
    }

    /// The last unit where a match of `atom` (prefilter atom `id`) may start.
    fn last_at(&self, id: usize, atom: &Atom) -> Option<usize> {
        self.with_row(id, atom, last_bit)
    }

    /// A match of `atom` may start at unit `k` (a cheap test: no run of parties is built).
    fn may_start(&self, atom: &Atom, k: usize) -> bool {
        let u = &self.units[k];
        match atom {
            Atom::Word(words) => one_of(words, &u.fold),
            Atom::Class(id) => self.class_len(*id, k).is_some(),
            Atom::Party => u.bearer_end.is_some(),
            Atom::RoleVerb | Atom::Cue(_) => self.end(atom, k).is_some(),
            flag => flag_index(flag).is_some_and(|i| unit_flags(u) & (1 << i) != 0),
        }
    }

    /// Unit `k` may sit inside a noun group before a name, looked up on first use.
    fn nominal(&self, k: usize) -> bool {
        let u = &self.units[k];
        if let Some(v) = u.nominal.get() {
            return v;
        }
        let v = u.plain
            && crate::extract::event::nominal(
                self.lex,
                self.doc,
                &self.tokens[u.start],
                &u.fold,
                k,
            );
        u.nominal.set(Some(v));
        v
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
            if u.party_start || u.party_glue || self.nominal(j) {
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
        // And every atom of one alternative of each choice: it starts at or before the last
        // unit of each atom of that alternative.
        for choice in &plan.choices {
            let alt_last = |alt: &Vec<(usize, Atom)>| -> Option<usize> {
                alt.iter()
                    .map(|(id, a)| self.last_at(*id, a))
                    .try_fold(usize::MAX, |m, k| k.map(|k| m.min(k)))
            };
            match choice.iter().filter_map(alt_last).max() {
                Some(k) => last = last.min(k + 1),
                None => return Vec::new(),
            }
        }
        // A rule that opens on a required element (a party, a class word) starts only where
        // that element matches, and only where one of the atoms that can start it matches.
        let (mut cand, mut any) = std::mem::take(&mut *self.scratch.borrow_mut());
        let words = row_words(self.units.len());
        cand.clear();
        cand.resize(words, !0);
        if let Some((id, a)) = &plan.first {
            self.with_row(*id, a, |row| {
                for (c, r) in cand.iter_mut().zip(row) {
                    *c &= r;
                }
            });
        }
        if let Some(starts) = &plan.starts {
            any.clear();
            any.resize(words, 0);
            for (id, a) in starts {
                self.with_row(*id, a, |row| {
                    for (c, r) in any.iter_mut().zip(row) {
                        *c |= r;
                    }
                });
            }
            for (c, r) in cand.iter_mut().zip(&any) {
                *c &= r;
            }
        }
        // The first unit at or after `k` where the rule may start.
        let next = |k: usize| -> Option<usize> {
            let mut w = k / 64;
            let mut bits = *cand.get(w)? & (!0u64 << (k % 64));
            loop {
                if bits != 0 {
                    return Some(w * 64 + bits.trailing_zeros() as usize);
                }
                w += 1;
                bits = *cand.get(w)?;
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
        *self.scratch.borrow_mut() = (cand, any);
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
            Node::Atom(a @ (Atom::Parties | Atom::Places)) => {
                for &end in self.ends(a, i).as_slice() {
                    if self.seq(rest, end, caps, k) {
                        return true;
                    }
                }
                false
            }
            Node::Atom(a) => self
                .end(a, i)
                .is_some_and(|end| self.seq(rest, end, caps, k)),
            Node::Group(alts) => {
                for alt in alts {
                    let found = match alt.as_slice() {
                        // An alternative of one atom (most): its ends directly.
                        [Node::Atom(a @ (Atom::Parties | Atom::Places))] => self
                            .ends(a, i)
                            .as_slice()
                            .iter()
                            .any(|&j| self.seq(rest, j, caps, k)),
                        [Node::Atom(a)] => {
                            self.end(a, i).is_some_and(|j| self.seq(rest, j, caps, k))
                        }
                        alt => self.seq(alt, i, caps, &mut |j, c| self.seq(rest, j, c, k)),
                    };
                    if found {
                        return true;
                    }
                }
                false
            }
            Node::Repeat(node, min, max) => self.repeat(node, *min, *max, 0, i, rest, caps, k),
            // Captures inside a `!` are not kept (a failed capture restores its slot).
            Node::Not(inner) => {
                let matches = match inner.as_ref() {
                    Node::Atom(a @ (Atom::Parties | Atom::Places)) => {
                        !self.ends(a, i).as_slice().is_empty()
                    }
                    Node::Atom(a) => self.end(a, i).is_some(),
                    inner => self.seq(std::slice::from_ref(inner), i, caps, &mut |_, _| true),
                };
                !matches && self.seq(rest, i, caps, k)
            }
            Node::Capture(slot, inner) => {
                let slot = *slot;
                // The capture holds (i, j) while the rest is tried from j.
                let mut then = |j: usize, c: &mut Caps| {
                    let old = c[slot];
                    c[slot] = Some((i, j));
                    if self.seq(rest, j, c, k) {
                        true
                    } else {
                        c[slot] = old;
                        false
                    }
                };
                // A captured atom (most captures): its ends directly.
                match inner.as_ref() {
                    Node::Atom(a @ (Atom::Parties | Atom::Places)) => {
                        self.ends(a, i).as_slice().iter().any(|&j| then(j, caps))
                    }
                    Node::Atom(a) => self.end(a, i).is_some_and(|j| then(j, caps)),
                    inner => self.seq(std::slice::from_ref(inner), i, caps, &mut then),
                }
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
