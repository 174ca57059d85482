//! Rules as data: a small pattern language over a sentence's units (mentions, roles, words),
//! compiled once at start-up from the rule files in `src/lexicon/data/rules/`.
//!
//! A rule file is a list of rules; each rule names what it matches and what it emits, and
//! carries example sentences of its own (run by `tests/it/rules.rs`):
//!
//! ```text
//! rule meet-verb                       # the rule id, recorded with every fact it finds
//!   match  a=PARTIES ADV* v=<meet-verb> with? b=PARTIES
//!   check  realis v                    # named checks, written in code (see Check)
//!   emit   meeting a | b               # a meeting; '|' separates sides, a host side first
//!   mode   phone                       # optional: in-person (default), phone, video
//!   side   a                           # joins only: the joiners take a's side (or `first`)
//!   split  b                           # optional: each of b met a on their own when the
//!                                      # text lists three or more, says "respectively" or
//!                                      # names the event in the plural ("calls from")
//!   confidence 0.85                  # optional: `overlap` lets matches share words with
//!                                      # other rules' (see Rule::overlap)
//!   example  Lena Ortiz met Paul Weber in Vienna.  => Lena Ortiz; Paul Weber
//!   counter  Lena Ortiz will meet Paul Weber in Vienna.
//! ```
//!
//! Pattern elements, separated by spaces:
//! - `word`, `word|other`: a word (case-insensitive); `,` `'s` and other punctuation too;
//! - `<class>`: a phrase of a word class from `classes.tsv` or `cues.tsv` (multi-word phrases
//!   consume every word they cover);
//! - `PARTIES`: a run of coordinated people or organisations with their titles ("President
//!   of Chile Ana Ruiz and her foreign minister, Tom Berg"), `PARTY` one of them, `PLACE` a
//!   place, `PLACES` a list of places, `NAME` any mention, `ROLE` a role word, `ADV` an adverb (`-ly` or `<adverb>`),
//!   `DET` a determiner or possessive pronoun, `ANY` any word that does not end a clause;
//!   `PERSON` a person, `ORG` an organisation, `GROUP` an organisation or place (a state or
//!   body a role belongs to), `HON` an honorific, `TITLE` a role, honorific or country
//!   adjective, `DEPUTY` a deputy's role word, `CAP` a capitalised word, `RVERB` a role verb
//!   ("heads", `verbs.tsv`);
//! - `!element`: the element does not match here (zero-width: `!(HON? PERSON)`);
//! - `( a b / c d )`: a group with alternatives; `?`, `*`, `+` and `{m,n}` after an element
//!   or a group repeat it (greedy); `name=element` captures what the element matched,
//!   `name=( ... )` what a group matched; one name may capture in several alternatives.
//!
//! A rule's emit names captures: `meeting a | b` (two sides), `meeting a` (everyone in `a`
//! met each other), `join a` (people who took part in the meeting just told; `attend a`
//! also opens a meeting of their own when none was told), `anaphor v`
//! (a mention of the meeting just told: "the talks lasted five hours"), `event v` (a new
//! meeting of people not named yet: "the delegations of A and B met"), `relation P a b`
//! (a relation `P` from each entity of `a` to each entity of `b`), `pairs P l` (`P` for each
//! "X of Y" inside `l`).
//!
//! Role rules state what a role word or verb says ("Chilean Foreign Minister Rui Mota", "Ivo
//! Petrov, Ana Ruiz's spokesman", "the Russian president", "Ana Ruiz heads the council"):
//! `role s r [o]` (the role word of capture `r` relates `s` to the last entity of `o`, the
//! person a pronoun in `o` stands for, or the holder of an office named in `o`; without `o`
//! or when `o` names none, to the office world knowledge gives `s`), `office r` (the one
//! person of the story holding the office a description names), `verb s v o` (the relation a
//! role verb of `verbs.tsv` states). The predicate comes from `roles.tsv`, fitted to the
//! object by named code. Lines for role rules: `objects x` (the mentions of `x` qualify the
//! role: no object, no meeting participant), `remit` (the role has a remit: a head with one
//! is a member) and `remit o` (besides, a place that `o` names is the remit, not the
//! employer). Role rules run first (their objects are no meeting participants); each role
//! word and role verb states one relation, for the first rule that matches it.
//!
//! Rules of one family (meetings; relations between names; roles) do not match words an
//! earlier rule of the family took, except rules marked `overlap`.
//!
//! Cost: a rule is tried only on sentences holding its anchor (a class, place, role or role
//! verb it requires) and every other atom it requires, only at units where an atom it can
//! start with matches, and not past the last unit holding its anchor.

mod compile;
pub(crate) mod matcher;
mod parse;
use compile::parse_file;

use std::fmt;

use crate::lexicon::Lexicon;

/// A rule file could not be compiled: which file, which line, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// The rule file.
    pub file: &'static str,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for RuleError {}

/// One element of a pattern.
#[derive(Clone, Debug)]
pub(crate) enum Node {
    /// A single unit (or a phrase of units).
    Atom(Atom),
    /// Alternatives, each a sequence.
    Group(Vec<Vec<Node>>),
    /// Repetition of a node, greedy.
    Repeat(Box<Node>, usize, usize),
    /// A capture of what the inner node matched.
    Capture(usize, Box<Node>),
    /// A zero-width test: the inner node does not match here (`!PERSON`, `!(HON? PERSON)`).
    Not(Box<Node>),
}

/// What one element matches.
#[derive(Clone, Debug)]
pub(crate) enum Atom {
    /// One of these folded words.
    Word(Vec<String>),
    /// A phrase of a word class (its id in the lexicon).
    Class(usize),
    /// A run of coordinated parties with their titles.
    Parties,
    /// One party (person or organisation mention, description or pronoun).
    Party,
    /// A place mention.
    Place,
    /// A run of coordinated places ("Norway, Sweden and Finland").
    Places,
    /// Any mention.
    Name,
    /// A role word.
    Role,
    /// An adverb.
    Adv,
    /// A determiner or possessive.
    Det,
    /// Any word or punctuation that does not end a clause.
    Any,
    /// A mention of a person.
    Person,
    /// A mention of an organisation.
    Org,
    /// A mention of an organisation or a place: a state or body a role may belong to.
    Group,
    /// An honorific ("Mr", "Shri").
    Hon,
    /// A word of a title: a role, an honorific or a country adjective.
    Title,
    /// A capitalised word or name.
    Cap,
    /// A deputy's role word ("deputy", "vice-president") before another role.
    Deputy,
    /// A lower-case word.
    Lower,
    /// A phrase of one cue kind of `cues.tsv` alone (`<cue:meet-verb>`; `<meet-verb>` is the
    /// class of that name, which `classes.tsv` may extend).
    Cue(crate::lexicon::Cue),
    /// A verb that states a role ("heads", "leads": `verbs.tsv`), one phrase.
    RoleVerb,
}

/// A named check a rule asks for, written in code because it looks beyond the match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// The verb group of the capture reports a real, past or present event: no negation,
    /// modal, future, infinitive under "plan/hope/refuse to", or conditional.
    Realis,
    /// The clause around the match has no cue of a meeting that did not happen.
    Happened,
    /// The sentence says the noun-headed meeting took place (a past marker: "took place",
    /// "ended", "after", "during", a past verb).
    Past,
    /// `larger b a`: the place of capture `b` (the slot held here) is a country, region or
    /// continent larger than the place of the checked capture `a` ("Tartu, Estonia").
    Larger(usize),
    /// `post r`: the role word of capture `r` names a post (minister, spokesman), not the
    /// head of a state or body (`roles.tsv` kind `post`).
    Post,
    /// `envoy r`: the role word of capture `r` names an envoy (predicate `envoyOf`), sent
    /// *to* the place after "to", not by it.
    Envoy,
    /// `active t`: the verb of capture `t` is no passive without an agent ("criteria had to
    /// be met"): no form of "be" before it, unless it ends in "by".
    Active,
    /// `within b a`: capture `a` (checked) may lie inside place `b`: `a` is a place below a
    /// country, a facility or an unknown organisation, and not a country adjective; `b` is
    /// another place, and not a city around a region.
    Within(usize),
}

/// What a rule emits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Emit {
    /// A meeting; each inner list is one side (captures by slot).
    Meeting(Vec<Vec<usize>>),
    /// People who joined the meeting just told (`join`); with `true` (`attend`), a meeting
    /// of their own when none was told, which later mentions may fill.
    Join(Vec<usize>, bool),
    /// A mention of the meeting just told, giving it a date or place.
    Anaphor(usize),
    /// A new meeting whose participants are not named here (a group: "the delegations of A
    /// and B met"): later joins fill it.
    Event(usize),
    /// A relation between the entities of two captures (subject, object).
    Relation(crate::model::Predicate, usize, usize),
    /// A relation for each "X of Y" inside a capture (a person or organisation X, a place Y):
    /// "Presidents A of Chile and B of Peru".
    Pairs(crate::model::Predicate, usize),
    /// `role s r [o]`: the role word of capture `r` relates the entity of `s` to its object:
    /// the last entity named in `o`; for a pronoun ("his deputy"), the person it stands
    /// for; for an office ("the president's"), the one person holding it; with no object,
    /// the office world knowledge gives the subject that year (named code: `role_object`).
    /// The predicate comes from the role (`roles.tsv`), fitted to the object.
    Role {
        /// The subject capture.
        subject: usize,
        /// The role capture (its last role word is the role; a deputy word before it makes
        /// a deputy's office).
        role: usize,
        /// The object capture, if any.
        object: Option<usize>,
    },
    /// `office r`: a description ("the Russian president") states the relation of the
    /// office it names, for the one person of the document who holds it (world knowledge).
    Office(usize),
    /// `verb s v o`: a role verb ("heads", `verbs.tsv`) states its relation from `s` to `o`.
    Verb(usize, usize, usize),
    /// `trigger KIND t [f]`: a meeting trigger of the clause code (`meeting::meeting`, named
    /// code that finds the clause's participants, place and day): capture `t` is the trigger,
    /// `f` the word where it was found (default: `t`'s first). Tried only when no meeting rule
    /// found a meeting in the sentence; the trigger found first in the sentence wins.
    Trigger(TriggerKind, usize, Option<usize>),
}

/// How the clause code reads a trigger's participants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TriggerKind {
    /// A verb: subjects before it, objects after it, in its clause.
    Verb,
    /// A noun with its owner ("following talks with X, Y said"): the owner before it or the
    /// clause's subject after, and the names after "with".
    Possessive,
    /// "the A–B meeting": the names of the pair.
    Pair,
    /// "on the sidelines of": the names of the clause; the host event's place is the venue.
    Sidelines,
}

/// Whose side the people of a join take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JoinSide {
    /// The side of the entity of this capture ("X was joined by Y": X's).
    Of(usize),
    /// The meeting's first side (its subject's: "X met Y alongside Z").
    First,
}

/// The mode of a meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub enum Mode {
    /// Face to face.
    #[default]
    InPerson,
    /// By telephone.
    Phone,
    /// By video link.
    Video,
}

impl Mode {
    /// The ontology's local name of the mode individual.
    #[must_use]
    pub fn local_name(self) -> &'static str {
        match self {
            Mode::InPerson => "InPerson",
            Mode::Phone => "PhoneCall",
            Mode::Video => "VideoCall",
        }
    }
}

/// An example sentence of a rule.
#[derive(Clone, Debug)]
pub struct Example {
    /// Line in the rule file.
    pub line: usize,
    /// The sentence (a short text, may hold several sentences).
    pub text: String,
    /// The names that must be found together in one meeting; for a counter-example, the
    /// names that no meeting may hold together (empty: no meeting at all).
    pub expect: Vec<String>,
    /// A positive example (the rule fires) or a counter-example (no meeting).
    pub positive: bool,
}

/// A compiled rule.
#[derive(Clone, Debug)]
pub struct Rule {
    /// The rule id.
    pub id: &'static str,
    /// The rule file and line where it starts.
    pub file: &'static str,
    /// Line of the `rule` keyword.
    pub line: usize,
    pub(crate) pattern: Vec<Node>,
    /// Capture names, by slot.
    pub captures: Vec<String>,
    /// Checks, each on a capture slot (or the whole match for `Happened`/`Past`).
    pub checks: Vec<(Check, Option<usize>)>,
    /// What it emits.
    pub emit: Emit,
    /// The mode, when the rule fixes it.
    pub mode: Option<Mode>,
    /// For joins: whose side the people join (`side a`: the side of capture `a`'s entity;
    /// `side first`: the first side, the subject's).
    pub side: Option<JoinSide>,
    /// A side (by capture slot) whose members each had their own meeting when the text lists
    /// three or more, says "respectively", or names the event in the plural ("calls").
    pub split: Option<usize>,
    /// Confidence in [0, 1].
    pub confidence: f32,
    /// Captures whose mentions qualify the role (`objects x`: "Director for Europe",
    /// "Britain's Europe Director"): neither the role's object nor meeting participants.
    pub objects: Vec<usize>,
    /// The role has a remit (`remit`): a head with a remit is a member.
    pub remit: bool,
    /// `overlap`: the rule's matches may share words with other rules' matches ("the Embassy
    /// in Tanzania's capital Dar es Salaam" holds two places in places): they neither take
    /// words from nor lose words to the rest of the family.
    pub overlap: bool,
    /// `remit o`: besides, a place (not a building) that capture `o` names is the remit, not
    /// the role's object ("director for Europe"; but "spokesman for the Kremlin").
    pub remit_object: Option<usize>,
    /// Example sentences.
    pub examples: Vec<Example>,
    /// A word the sentence must contain for the rule to be tried (a cheap prefilter):
    /// the first literal or class of the pattern's trigger, when there is one.
    pub(crate) anchor: Option<Atom>,
    /// The atoms a match can start with (`None`: any unit): the matcher tries the rule only
    /// at units where one of them matches.
    pub(crate) starts: Option<Vec<Atom>>,
    /// The atoms every match holds (top-level elements that are not optional): the rule is
    /// tried only on sentences holding each of them.
    pub(crate) required: Vec<Atom>,
    /// Alternatives every match chooses among, each with the atoms it requires ("(v=<meet-verb>
    /// / v=visited ...)"): the rule is tried only on sentences holding every atom of one
    /// alternative of each choice.
    pub(crate) choices: Vec<Vec<Vec<Atom>>>,
    /// The prefilter atoms with their ids in [`RuleSet::atoms`] (set by [`RuleSet::compile`]):
    /// the matcher computes each atom's start units once per sentence, by id.
    pub(crate) plan: Plan,
}

/// A rule's prefilter atoms, each with its id among the atoms of its [`RuleSet`].
#[derive(Clone, Debug, Default)]
pub(crate) struct Plan {
    /// The pattern's first element, when it is an atom (or a captured atom).
    pub first: Option<(usize, Atom)>,
    /// [`Rule::starts`].
    pub starts: Option<Vec<(usize, Atom)>>,
    /// [`Rule::required`].
    pub required: Vec<(usize, Atom)>,
    /// [`Rule::choices`].
    pub choices: Vec<Vec<Vec<(usize, Atom)>>>,
    /// [`Rule::anchor`].
    pub anchor: Option<(usize, Atom)>,
}

/// A set of rules by their index in a [`RuleSet`]: one bit per rule, as many words as the
/// rule files need (no limit on the number of rules). Up to two words (128 rules) live
/// inline: a sentence's masks cost no allocation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleMask {
    /// Number of words.
    len: usize,
    inline: [u64; RuleMask::INLINE],
    /// The words, when more than [`RuleMask::INLINE`].
    heap: Vec<u64>,
}

impl RuleMask {
    /// Words held inline (128 rules).
    const INLINE: usize = 2;

    /// No rule, for a set of `rules` rules.
    #[must_use]
    pub fn empty(rules: usize) -> RuleMask {
        let len = rules.div_ceil(64);
        RuleMask {
            len,
            inline: [0; RuleMask::INLINE],
            heap: if len > RuleMask::INLINE {
                vec![0; len]
            } else {
                Vec::new()
            },
        }
    }

    /// Only rule `r`, for a set of `rules` rules.
    #[must_use]
    pub fn only(rules: usize, r: usize) -> RuleMask {
        let mut m = RuleMask::empty(rules);
        m.words_mut()[r / 64] |= 1 << (r % 64);
        m
    }

    fn words(&self) -> &[u64] {
        if self.len > RuleMask::INLINE {
            &self.heap
        } else {
            &self.inline[..self.len]
        }
    }

    fn words_mut(&mut self) -> &mut [u64] {
        if self.len > RuleMask::INLINE {
            &mut self.heap
        } else {
            &mut self.inline[..self.len]
        }
    }

    /// Holds rule `r`.
    #[must_use]
    pub fn has(&self, r: usize) -> bool {
        self.words()
            .get(r / 64)
            .is_some_and(|w| w & (1 << (r % 64)) != 0)
    }

    /// Holds no rule.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.words().iter().all(|&w| w == 0)
    }

    /// Adds the rules of `other` (of the same rule set).
    pub fn add(&mut self, other: &RuleMask) {
        for (a, b) in self.words_mut().iter_mut().zip(other.words()) {
            *a |= b;
        }
    }

    /// The rules of both.
    #[must_use]
    pub fn and(&self, other: &RuleMask) -> RuleMask {
        let mut m = self.clone();
        for (a, b) in m.words_mut().iter_mut().zip(other.words()) {
            *a &= b;
        }
        m
    }

    /// The rules of `self` not in `other`.
    #[must_use]
    pub fn and_not(&self, other: &RuleMask) -> RuleMask {
        let mut m = self.clone();
        for (a, b) in m.words_mut().iter_mut().zip(other.words()) {
            *a &= !b;
        }
        m
    }
}

/// The compiled rules of every rule file.
#[derive(Debug)]
pub struct RuleSet {
    /// The rules, in file order (earlier rules win when two match the same words).
    pub rules: Vec<Rule>,
    /// Every rule's anchor word or class phrase in one table, valued by the bit mask of the
    /// rules it anchors: a sentence is matched only by the rules whose anchor it holds.
    pub(crate) anchors: crate::lexicon::PhraseTable<RuleMask>,
    /// Rules without an anchor: tried on every sentence.
    pub(crate) unanchored: RuleMask,
    /// Rules anchored on a place: tried on sentences naming a place.
    pub(crate) place_anchored: RuleMask,
    /// Rules anchored on a role word: tried on sentences holding one.
    pub(crate) role_anchored: RuleMask,
    /// Rules anchored on a role verb: tried on sentences holding one.
    pub(crate) verb_anchored: RuleMask,
    /// The rules of each family (see [`Rule::family`]), by bit.
    pub(crate) families: [RuleMask; 4],
    /// Number of prefilter atom ids (see [`Plan`]).
    pub(crate) atom_count: usize,
    /// The ids of the [`Atom::Word`] prefilter atoms holding each folded word: a sentence's
    /// word rows are filled with one lookup per unit.
    pub(crate) word_atoms: rustc_hash::FxHashMap<String, Vec<usize>>,
}

impl RuleSet {
    /// The bit mask of the rules of a family (see [`Rule::family`]).
    #[must_use]
    pub fn family_mask(&self, family: usize) -> &RuleMask {
        &self.families[family]
    }
}

impl Rule {
    /// The family of the rule: 0 meetings, 1 relations between names, 2 roles (run first,
    /// since a role's object is no meeting participant), 3 triggers of the clause code. Rules of one family do not match
    /// words an earlier rule of the family took; role rules take their role or verb word.
    #[must_use]
    pub fn family(&self) -> usize {
        match self.emit {
            Emit::Relation(..) | Emit::Pairs(..) => 1,
            Emit::Role { .. } | Emit::Office(_) | Emit::Verb(..) => 2,
            Emit::Trigger(..) => 3,
            _ => 0,
        }
    }
}

/// The embedded rule files: (name, text).
pub const RULE_FILES: &[(&str, &str)] = &[
    (
        "meetings.rules",
        include_str!("../lexicon/data/rules/meetings.rules"),
    ),
    (
        "relations.rules",
        include_str!("../lexicon/data/rules/relations.rules"),
    ),
];

impl RuleSet {
    /// The rules compiled from the embedded files, once per process.
    ///
    /// # Panics
    /// When an embedded rule file does not compile (the test suite compiles them).
    #[must_use]
    pub fn embedded() -> &'static RuleSet {
        static SET: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
        SET.get_or_init(|| {
            RuleSet::compile(RULE_FILES, Lexicon::embedded())
                .unwrap_or_else(|e| panic!("embedded rule file: {e}"))
        })
    }

    /// Compiles rule files against the lexicon's word classes.
    ///
    /// # Errors
    /// The first malformed line: an unknown keyword, class, capture or check, a bad
    /// pattern or confidence, a rule without `match` or `emit`.
    pub fn compile(
        files: &[(&'static str, &'static str)],
        lex: &Lexicon,
    ) -> Result<RuleSet, RuleError> {
        let mut rules = Vec::new();
        for &(file, text) in files {
            parse_file(file, text, lex, &mut rules)?;
        }
        // Number the prefilter atoms of every rule: equal atoms share an id.
        let mut keys: Vec<String> = Vec::new();
        let mut id_of = |a: &Atom| -> (usize, Atom) {
            let key = format!("{a:?}");
            let id = match keys.iter().position(|k| *k == key) {
                Some(id) => id,
                None => {
                    keys.push(key);
                    keys.len() - 1
                }
            };
            (id, a.clone())
        };
        for rule in &mut rules {
            let first = match rule.pattern.first() {
                Some(Node::Atom(a)) => Some(a),
                Some(Node::Capture(_, inner)) => match inner.as_ref() {
                    Node::Atom(a) => Some(a),
                    _ => None,
                },
                _ => None,
            };
            rule.plan = Plan {
                first: first.map(&mut id_of),
                starts: rule
                    .starts
                    .as_ref()
                    .map(|s| s.iter().map(&mut id_of).collect()),
                required: {
                    // Phrase-table atoms last: their rows cost a lookup per unit, and a
                    // missing cheap atom spares them.
                    let mut required: Vec<(usize, Atom)> =
                        rule.required.iter().map(&mut id_of).collect();
                    required.sort_by_key(|(_, a)| matches!(a, Atom::Cue(_) | Atom::RoleVerb));
                    required
                },
                choices: rule
                    .choices
                    .iter()
                    .map(|c| {
                        c.iter()
                            .map(|alt| alt.iter().map(&mut id_of).collect())
                            .collect()
                    })
                    .collect(),
                anchor: rule.anchor.as_ref().map(&mut id_of),
            };
        }
        let atom_count = keys.len();
        let mut word_atoms: rustc_hash::FxHashMap<String, Vec<usize>> =
            rustc_hash::FxHashMap::default();
        for plan in rules.iter().map(|r| &r.plan) {
            let atoms = plan
                .first
                .iter()
                .chain(plan.starts.iter().flatten())
                .chain(&plan.required)
                .chain(plan.choices.iter().flatten().flatten())
                .chain(&plan.anchor);
            for (id, atom) in atoms {
                if let Atom::Word(words) = atom {
                    for w in words {
                        let ids = word_atoms.entry(w.clone()).or_default();
                        if !ids.contains(id) {
                            ids.push(*id);
                        }
                    }
                }
            }
        }
        let mut anchors = crate::lexicon::PhraseTable::new(true);
        let n = rules.len();
        let mut unanchored = RuleMask::empty(n);
        let mut place_anchored = RuleMask::empty(n);
        let mut role_anchored = RuleMask::empty(n);
        let mut verb_anchored = RuleMask::empty(n);
        for (r, rule) in rules.iter().enumerate() {
            let bit = RuleMask::only(n, r);
            match &rule.anchor {
                Some(Atom::Place) => place_anchored.add(&bit),
                Some(Atom::Role) => role_anchored.add(&bit),
                Some(Atom::RoleVerb) => verb_anchored.add(&bit),
                Some(Atom::Cue(cue)) => {
                    anchors.extend_from(lex.cue(*cue), bit, RuleMask::add);
                }
                Some(Atom::Class(id)) => {
                    anchors.extend_from(lex.class_by_id(*id), bit, RuleMask::add);
                }
                Some(Atom::Word(words)) => {
                    for w in words {
                        anchors.entry(w, || RuleMask::empty(n)).add(&bit);
                    }
                }
                _ => unanchored.add(&bit),
            }
        }
        Ok(RuleSet {
            families: [0, 1, 2, 3].map(|f| {
                let mut m = RuleMask::empty(n);
                for (r, _) in rules.iter().enumerate().filter(|(_, r)| r.family() == f) {
                    m.add(&RuleMask::only(n, r));
                }
                m
            }),
            rules,
            anchors,
            unanchored,
            place_anchored,
            role_anchored,
            verb_anchored,
            atom_count,
            word_atoms,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rule file of `n` rules, rule `i` anchored on its own word `wordi`.
    fn many_rules(n: usize) -> &'static str {
        let mut text = String::new();
        for i in 0..n {
            text.push_str(&format!(
                "rule r{i}\n  match  a=PERSON word{i} b=PERSON\n  emit   meeting a | b\n  \
                 example  Lena Ortiz word{i} Paul Weber.  => Lena Ortiz; Paul Weber\n\n"
            ));
        }
        Box::leak(text.into_boxed_str())
    }

    #[test]
    fn more_than_64_rules_compile_and_keep_their_own_bits() {
        let n = 150;
        let set = RuleSet::compile(&[("many.rules", many_rules(n))], Lexicon::embedded())
            .expect("150 rules compile");
        assert_eq!(set.rules.len(), n);
        assert_eq!(set.rules[n - 1].id, "r149");
        // Each rule's anchor word selects that rule alone, past the first 64 and 128.
        for r in [0, 63, 64, 127, 128, 149] {
            let doc = format!("Lena Ortiz word{r} Paul Weber");
            let toks = crate::text::tokenize(&doc, crate::Span::new(0, doc.len()));
            let (_, mask) = set
                .anchors
                .longest_at(&doc, &toks, 2)
                .unwrap_or_else(|| panic!("word{r} anchors a rule"));
            let held: Vec<usize> = (0..n + 70).filter(|&i| mask.has(i)).collect();
            assert_eq!(held, vec![r]);
        }
        // All of them are meeting rules.
        let meetings = set.family_mask(0);
        assert!((0..n).all(|r| meetings.has(r)));
        assert!(set.family_mask(1).is_empty());
    }

    #[test]
    fn rule_mask_set_operations() {
        let (a, b) = (RuleMask::only(130, 3), RuleMask::only(130, 129));
        let mut both = a.clone();
        both.add(&b);
        assert!(both.has(3) && both.has(129) && !both.has(64));
        assert_eq!(both.and(&b), b);
        assert_eq!(both.and_not(&b), a);
        assert!(a.and(&b).is_empty());
        assert!(!RuleMask::only(1, 0).has(64));
    }
}
