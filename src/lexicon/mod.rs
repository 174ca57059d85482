//! Linguistic knowledge as data: [`Lexicon`] compiles the word lists under
//! `src/lexicon/data/` (gazetteers, world knowledge, role words, cue words) into phrase
//! tables once.
//!
//! ```
//! let lex = newskg::Lexicon::embedded();
//! let france = lex.find("France").unwrap();
//! assert_eq!(lex.entity(france).name, "France");
//! ```

mod load;
mod phrase;
pub mod pos;

pub use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

pub use phrase::PhraseTable;

use crate::model::{EntityType, PlaceKind, Predicate};

/// A failure to read a word list (only possible for lists loaded at run time; the embedded
/// lists are checked by tests).
#[derive(Debug, thiserror::Error)]
#[error("{file} line {line}: {message}")]
pub struct LexiconError {
    file: &'static str,
    line: usize,
    message: String,
}

/// An office a known person holds or held.
#[derive(Clone, Debug)]
pub struct Office {
    /// The relation the office implies.
    pub predicate: Predicate,
    /// Canonical name of the state, body or person it is held in or for.
    pub of: String,
    /// The title, lower case ("president").
    pub title: String,
    /// First year held.
    pub from: Option<i32>,
    /// Last year held (None: current).
    pub to: Option<i32>,
}

impl Office {
    /// True when the office was held in `year` (or when no year is known).
    #[must_use]
    pub fn held_in(&self, year: Option<i32>) -> bool {
        let Some(y) = year else {
            return self.to.is_none();
        };
        self.from.is_none_or(|f| f <= y) && self.to.is_none_or(|t| y <= t)
    }
}

/// An entity the lexicon knows by name.
#[derive(Clone, Debug)]
pub struct KnownEntity {
    /// Canonical name ("United States", "Vladimir Putin").
    pub name: String,
    /// Person, organisation or place.
    pub ty: EntityType,
    /// For places, what kind.
    pub place_kind: Option<PlaceKind>,
    /// The country it lies in or belongs to (canonical name).
    pub country: Option<String>,
    /// Wikidata id ("Q159").
    pub wikidata: Option<String>,
    /// "m" or "f" for people.
    pub gender: Option<char>,
    /// Offices held (world knowledge about people).
    pub offices: Vec<Office>,
    /// A news organisation (a source, never a party to a meeting).
    pub media: bool,
    /// The name as written with its diacritics ("São Paulo" for "Sao Paulo"): the first alias
    /// whose ASCII transliteration is the canonical name, else the canonical name. The graph's
    /// `rdfs:label`.
    pub label: String,
}

/// Index of a [`KnownEntity`] in the lexicon.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct KnownId(pub u32);

/// What a name in text can stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameHit {
    /// A known entity's name or alias.
    Entity {
        /// Which entity.
        id: KnownId,
        /// A single-word alias of a person (a surname): weaker evidence.
        surname: bool,
    },
    /// A country adjective or people noun ("Russian", "Ukrainians").
    Demonym {
        /// The country.
        country: KnownId,
        /// A plural people noun: names a group, not the country.
        plural: bool,
    },
}

/// A role word ("special envoy") and what it implies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    /// The relation.
    pub predicate: Predicate,
    /// head, post, kin, tie or deputy.
    pub kind: RoleKind,
    /// The phrase as listed.
    pub phrase: String,
}

/// How a role relates a person to the object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleKind {
    /// Heads a state or body.
    Head,
    /// Holds a post.
    Post,
    /// Family tie.
    Kin,
    /// Personal tie.
    Tie,
    /// Deputy of a person.
    Deputy,
}

/// Kinds of cue phrases in `cues.tsv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cue {
    /// Mr, Dr, Sheikh...
    Honorific,
    /// former, ex...
    Former,
    /// A past-tense meeting verb.
    MeetVerb,
    /// A noun after "held" ("held talks").
    HeldNoun,
    /// A noun naming a meeting.
    MeetNoun,
    /// "on the sidelines of".
    Sidelines,
    /// alongside, joined by...
    Companion,
    /// Negation, modality, future.
    NotHappened,
    /// Past-tense context for a noun-headed meeting.
    PastMarker,
    /// Nouns after a demonym that make it a group of people.
    GroupNoun,
    /// Nouns after a demonym that make it the state.
    GovernmentNoun,
    /// he/him/his.
    PronounMale,
    /// she/her.
    PronounFemale,
    /// Org prefixes ("Ministry of").
    OrgPrefix,
    /// Reported speech verbs.
    Speech,
    /// Words that end a meeting verb's object list.
    ClauseEnd,
    /// Words after a capitalised pair that make it a person.
    PersonContext,
    /// Copulas linking a person to a role.
    Copula,
    /// Nouns for a residence or estate ("his Florida estate, Mar-a-Lago").
    ResidenceNoun,
    /// Nouns after a place name ("Rajasthan state").
    PlaceNoun,
    /// Verbs of taking part ("took part in the meeting").
    Participation,
}

impl Cue {
    /// The cue kind of a `cues.tsv` kind name.
    pub(crate) fn parse(s: &str) -> Option<Cue> {
        Some(match s {
            "honorific" => Cue::Honorific,
            "former" => Cue::Former,
            "meet-verb" => Cue::MeetVerb,
            "held-noun" => Cue::HeldNoun,
            "meet-noun" => Cue::MeetNoun,
            "sidelines" => Cue::Sidelines,
            "companion" => Cue::Companion,
            "not-happened" => Cue::NotHappened,
            "past-marker" => Cue::PastMarker,
            "group-noun" => Cue::GroupNoun,
            "government-noun" => Cue::GovernmentNoun,
            "pronoun-m" => Cue::PronounMale,
            "pronoun-f" => Cue::PronounFemale,
            "org-prefix" => Cue::OrgPrefix,
            "speech" => Cue::Speech,
            "clause-end" => Cue::ClauseEnd,
            "person-context" => Cue::PersonContext,
            "copula" => Cue::Copula,
            "residence-noun" => Cue::ResidenceNoun,
            "place-noun" => Cue::PlaceNoun,
            "participation" => Cue::Participation,
            _ => return None,
        })
    }
}

/// The compiled word lists.
#[derive(Debug)]
pub struct Lexicon {
    entities: Vec<KnownEntity>,
    by_name: FxHashMap<String, KnownId>,
    by_skeleton: FxHashMap<String, Vec<KnownId>>,
    /// Names, aliases and demonyms, case-sensitive.
    pub names: PhraseTable<Vec<NameHit>>,
    /// Role words, case-insensitive.
    pub roles: PhraseTable<Role>,
    /// Verbs that state a role ("heads", "represents"), case-insensitive.
    pub role_verbs: PhraseTable<Predicate>,
    cues: FxHashMap<Cue, PhraseTable<()>>,
    /// Every word class by name (cue kinds of `cues.tsv` and the classes of `classes.tsv`),
    /// case-insensitive, for the rule files.
    classes: FxHashMap<String, PhraseTable<()>>,
    /// The classes again, by id (names sorted), for compiled rules.
    class_ids: FxHashMap<String, usize>,
    class_tables: Vec<PhraseTable<()>>,
    /// Every class phrase in one table, valued by the ids of the classes holding it: one
    /// lookup per token finds every class that starts there.
    class_union: PhraseTable<Vec<u16>>,
    /// Words between a country and a role ("special", "economic").
    pub modifiers: FxHashSet<String>,
    /// Capitalised words that are not names.
    pub stopwords: FxHashSet<String>,
    /// Given names: `given_names.txt` (kept by hand) and the US Census 1990 first names of
    /// `given_names_census.tsv` that are no English word.
    pub given_names: FxHashSet<String>,
    /// Census first names that are also English words ("Grace", "Morgan"): a given name only
    /// before a surname that is no English word.
    pub word_given_names: FxHashSet<String>,
    /// Lower-case particles inside names.
    pub particles: FxHashSet<String>,
    /// Name suffixes (Jr).
    pub name_suffixes: FxHashSet<String>,
    /// Last words of organisation names.
    pub org_suffixes: FxHashSet<String>,
    /// Last words of place names.
    pub place_suffixes: FxHashSet<String>,
    /// Lower-case boilerplate cues, matched as substrings of a line.
    pub boilerplate: Vec<String>,
    /// The boilerplate cues as one automaton, built once: a paragraph is searched in one
    /// pass instead of once per cue.
    pub(crate) boilerplate_cues: aho_corasick::AhoCorasick,
}

/// A spelling-insensitive key: "Zelenskyy" and "Zelensky", "Luhansk" and "Lugansk",
/// "Schröder" and "Schroeder" get the same skeleton.
#[must_use]
pub fn skeleton(name: &str) -> String {
    // Fold case and accents ("ö" -> "oe" first, so "Schröder" meets "Schroeder").
    let mut folded: Vec<char> = Vec::with_capacity(name.len() + 4);
    if name.is_ascii() {
        // The ASCII cases of the loop below: lower case, and '-', '\'', '.' as spaces.
        folded.extend(name.bytes().map(|b| match b {
            b'-' | b'\'' | b'.' => ' ',
            b => char::from(b.to_ascii_lowercase()),
        }));
    } else {
        for c in name.chars().flat_map(char::to_lowercase) {
            match c {
                'ä' => folded.extend(['a', 'e']),
                'ö' => folded.extend(['o', 'e']),
                'ü' => folded.extend(['u', 'e']),
                'ß' => folded.extend(['s', 's']),
                c => folded.push(fold_accent(c)),
            }
        }
    }
    // One pass of transliteration rules, then collapse doubled letters.
    let mut out = String::with_capacity(folded.len());
    let mut i = 0;
    while i < folded.len() {
        let (c, next) = (folded[i], folded.get(i + 1).copied());
        let (emit, used) = match (c, next) {
            ('k', Some('h')) => ('h', 2),
            ('a' | 'o' | 'u', Some('e')) => (c, 2),
            ('c', Some('k')) => ('k', 2),
            ('i', Some('y')) | ('y', Some('i')) => ('i', 2),
            ('g', _) => ('h', 1),
            ('y' | 'j', _) => ('i', 1),
            ('w', _) => ('v', 1),
            _ => (c, 1),
        };
        i += used;
        let keep = emit == ' ' || (emit.is_alphanumeric() && !out.ends_with(emit));
        if !keep {
            continue;
        }
        out.push(emit);
    }
    out
}

/// `phrase` (a word or words, any case) is, as a whole, a phrase of the word class `c`
/// (see [`Lexicon::in_class`]).
#[must_use]
pub fn phrase_in(c: &PhraseTable<()>, phrase: &str) -> bool {
    let alphanumeric = if phrase.is_ascii() {
        phrase.bytes().all(|b| b.is_ascii_alphanumeric())
    } else {
        phrase.chars().all(char::is_alphanumeric)
    };
    // One ASCII symbol ("," or "-") is one token of its own: the word lookup answers too.
    if alphanumeric || (phrase.len() == 1 && phrase.as_bytes()[0].is_ascii_graphic()) {
        return c.has_word(phrase);
    }
    let toks = crate::text::tokenize(phrase, crate::Span::new(0, phrase.len()));
    c.longest_at(phrase, &toks, 0)
        .is_some_and(|(len, ())| len == toks.len())
}

/// True when the set (of lower-case words) holds `word` lower-cased; short ASCII words are
/// lower-cased on the stack.
#[must_use]
pub fn contains_folded(set: &FxHashSet<String>, word: &str) -> bool {
    let mut buf = [0u8; 32];
    if word.is_ascii() && word.len() <= buf.len() {
        let b = &mut buf[..word.len()];
        b.copy_from_slice(word.as_bytes());
        b.make_ascii_lowercase();
        return std::str::from_utf8(b).is_ok_and(|w| set.contains(w));
    }
    set.contains(&word.to_lowercase())
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ø' | 'ō' | 'ő' => 'o',
        'ù' | 'ú' | 'û' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ğ' => 'g',
        'ł' => 'l',
        'ř' => 'r',
        'ś' | 'š' | 'ş' => 's',
        'ť' | 'ţ' => 't',
        'ź' | 'ż' | 'ž' => 'z',
        'đ' => 'd',
        '-' | '\'' | '’' | '.' => ' ',
        c => c,
    }
}

impl Lexicon {
    /// The lexicon compiled from the embedded word lists, built once per process.
    #[must_use]
    pub fn embedded() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            Lexicon::load().expect("embedded word lists are valid (checked by tests)")
        })
    }

    /// A word class by name (`cues.tsv` kinds, `classes.tsv` classes, `modifier`, `stopword`).
    #[must_use]
    pub fn class(&self, name: &str) -> Option<&PhraseTable<()>> {
        self.class_ids.get(name).map(|&id| &self.class_tables[id])
    }

    /// `phrase` (a word or words, any case) is, as a whole, a phrase of the word class
    /// `name`; false when no class has that name.
    #[must_use]
    pub fn in_class(&self, name: &str, phrase: &str) -> bool {
        self.class(name).is_some_and(|c| phrase_in(c, phrase))
    }

    /// The id of a word class (stable for one lexicon), for compiled rules.
    #[must_use]
    pub fn class_id(&self, name: &str) -> Option<usize> {
        self.class_ids.get(name).copied()
    }

    /// A word class by id (see [`Lexicon::class_id`]).
    ///
    /// # Panics
    /// For an id this lexicon did not give.
    #[must_use]
    pub fn class_by_id(&self, id: usize) -> &PhraseTable<()> {
        &self.class_tables[id]
    }

    /// Every word-class phrase starting at `tokens[i]`, longest first: its length in tokens
    /// and the ids of the classes holding it.
    pub(crate) fn classes_at<'s, 'd>(
        &'s self,
        doc: &'d str,
        tokens: &'d [crate::text::Token],
        i: usize,
    ) -> impl Iterator<Item = (usize, &'s [u16])> {
        self.class_union
            .all_at(doc, tokens, i)
            .map(|(len, ids)| (len, ids.as_slice()))
    }

    /// Number of word classes.
    #[must_use]
    pub fn class_count(&self) -> usize {
        self.class_tables.len()
    }

    /// The entity with this canonical name.
    #[must_use]
    pub fn find(&self, name: &str) -> Option<KnownId> {
        self.by_name.get(name).copied()
    }

    /// Entities whose name or alias has the same `skeleton` as `name`.
    #[must_use]
    pub fn find_variant(&self, name: &str) -> &[KnownId] {
        // Short words have too many look-alikes to be variants.
        if name.chars().count() < 5 {
            return &[];
        }
        self.by_skeleton
            .get(&skeleton(name))
            .map_or(&[], Vec::as_slice)
    }

    /// The entity behind an id.
    #[must_use]
    pub fn entity(&self, id: KnownId) -> &KnownEntity {
        &self.entities[id.0 as usize]
    }

    /// The cue table of a kind.
    #[must_use]
    pub fn cue(&self, cue: Cue) -> &PhraseTable<()> {
        static EMPTY: OnceLock<PhraseTable<()>> = OnceLock::new();
        self.cues
            .get(&cue)
            .unwrap_or_else(|| EMPTY.get_or_init(|| PhraseTable::new(true)))
    }

    /// The known person who holds `title`-like head office of `of` in `year`.
    #[must_use]
    pub fn office_holder(
        &self,
        predicate: Predicate,
        title: Option<&str>,
        of: &str,
        year: Option<i32>,
    ) -> Option<KnownId> {
        let mut found = None;
        for (i, e) in self.entities.iter().enumerate() {
            for o in &e.offices {
                if o.predicate == predicate
                    && o.of == of
                    && title.is_none_or(|t| o.title == t)
                    && o.held_in(year)
                {
                    if found.is_some() {
                        return None;
                    }
                    found = Some(KnownId(u32::try_from(i).expect("small")));
                }
            }
        }
        found
    }

    /// Number of known entities.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// True when no entity is known.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }
}

#[cfg(test)]
mod tests;
