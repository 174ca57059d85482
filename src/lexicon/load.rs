//! Reading the lexicon's embedded data files: the list parsers and [`Lexicon::load`].

use super::{
    Cue, FxHashMap, FxHashSet, KnownEntity, KnownId, Lexicon, LexiconError, NameHit, Office,
    PhraseTable, Role, RoleKind, skeleton,
};
use crate::model::{EntityType, PlaceKind, Predicate};

macro_rules! data {
    ($name:literal) => {
        ($name, include_str!(concat!("data/", $name)))
    };
}

fn records(
    file: &'static str,
    text: &'static str,
    columns: usize,
) -> Result<Vec<(usize, Vec<&'static str>)>, LexiconError> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        if fields.len() != columns {
            return Err(LexiconError {
                file,
                line: n + 1,
                message: format!("{} fields, want {columns}", fields.len()),
            });
        }
        out.push((n + 1, fields));
    }
    Ok(out)
}

fn predicate(file: &'static str, line: usize, name: &str) -> Result<Predicate, LexiconError> {
    Predicate::from_local_name(name).ok_or_else(|| LexiconError {
        file,
        line,
        message: format!("unknown relation {name}"),
    })
}

fn list(field: &str) -> impl Iterator<Item = &str> {
    field
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty() && *s != "-")
}

fn opt(field: &str) -> Option<String> {
    (field != "-" && !field.is_empty()).then(|| field.to_owned())
}

fn words(text: &'static str) -> FxHashSet<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

impl Lexicon {
    /// Compiles the embedded word lists.
    ///
    /// # Errors
    /// A malformed line in a list.
    pub fn load() -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon {
            entities: Vec::new(),
            by_name: FxHashMap::default(),
            by_skeleton: FxHashMap::default(),
            names: PhraseTable::new(false),
            roles: PhraseTable::new(true),
            role_verbs: PhraseTable::new(true),
            cues: FxHashMap::default(),
            classes: FxHashMap::default(),
            class_ids: FxHashMap::default(),
            class_tables: Vec::new(),
            class_union: PhraseTable::new(true),
            modifiers: words(include_str!("data/modifiers.txt")),
            stopwords: words(include_str!("data/stopwords.txt")),
            given_names: words(include_str!("data/given_names.txt")),
            word_given_names: FxHashSet::default(),
            particles: FxHashSet::default(),
            name_suffixes: FxHashSet::default(),
            org_suffixes: FxHashSet::default(),
            place_suffixes: FxHashSet::default(),
            boilerplate: Vec::new(),
            boilerplate_cues: aho_corasick::AhoCorasick::new::<_, &str>([])
                .expect("empty automaton"),
        };
        let (f, t) = data!("given_names_census.tsv");
        for (line, r) in records(f, t, 3)? {
            match r[2] {
                "name" => lex.given_names.insert(r[0].to_owned()),
                "word" => lex.word_given_names.insert(r[0].to_owned()),
                other => {
                    return Err(LexiconError {
                        file: f,
                        line,
                        message: format!("unknown kind {other}, want name or word"),
                    });
                }
            };
        }
        let (f, t) = data!("roles.tsv");
        for (line, r) in records(f, t, 3)? {
            let predicate = predicate(f, line, r[1])?;
            let kind = match r[2] {
                "head" => RoleKind::Head,
                "post" => RoleKind::Post,
                "kin" => RoleKind::Kin,
                "tie" => RoleKind::Tie,
                "deputy" => RoleKind::Deputy,
                other => {
                    return Err(LexiconError {
                        file: f,
                        line,
                        message: format!("unknown role kind {other}"),
                    });
                }
            };
            lex.roles.insert(
                r[0],
                Role {
                    predicate,
                    kind,
                    phrase: r[0].to_owned(),
                },
            );
        }
        let (f, t) = data!("countries.tsv");
        let mut demonyms = Vec::new();
        for (_, r) in records(f, t, 5)? {
            let id = lex.add(
                r[0],
                EntityType::Place,
                Some(PlaceKind::Country),
                None,
                opt(r[4]),
                None,
            );
            for a in list(r[1]) {
                lex.alias(id, a);
            }
            for d in list(r[2]) {
                demonyms.push((id, d));
            }
        }
        let (f, t) = data!("places.tsv");
        for (line, r) in records(f, t, 5)? {
            let kind = match r[1] {
                "city" => PlaceKind::City,
                "region" => PlaceKind::Region,
                "continent" => PlaceKind::Continent,
                "facility" => PlaceKind::Facility,
                other => {
                    return Err(LexiconError {
                        file: f,
                        line,
                        message: format!("unknown place kind {other}"),
                    });
                }
            };
            let id = lex.add(
                r[0],
                EntityType::Place,
                Some(kind),
                opt(r[3]),
                opt(r[4]),
                None,
            );
            for a in list(r[2]) {
                lex.alias(id, a);
            }
        }
        let (f, t) = data!("organizations.tsv");
        for (_, r) in records(f, t, 5)? {
            let id = lex.add(
                r[0],
                EntityType::Organization,
                None,
                opt(r[2]),
                opt(r[4]),
                None,
            );
            lex.entities[id.0 as usize].media = r[3] == "media";
            // Seats of government stand for institutions and are places too (venues).
            if r[3] == "seat" {
                lex.entities[id.0 as usize].place_kind = Some(PlaceKind::Facility);
            }
            for a in list(r[1]) {
                lex.alias(id, a);
            }
        }
        let (f, t) = data!("people.tsv");
        for (line, r) in records(f, t, 9)? {
            let predicate = predicate(f, line, r[3])?;
            let year = |s: &str| s.parse::<i32>().ok();
            let office = Office {
                predicate,
                of: r[4].to_owned(),
                title: r[5].to_owned(),
                from: year(r[6]),
                to: year(r[7]),
            };
            let id = match lex.by_name.get(r[0]) {
                Some(&id) => id,
                None => lex.add(
                    r[0],
                    EntityType::Person,
                    None,
                    None,
                    opt(r[8]),
                    r[2].chars().next(),
                ),
            };
            lex.entities[id.0 as usize].offices.push(office);
            for a in list(r[1]) {
                lex.alias(id, a);
            }
        }
        // Demonyms after names: "US" is both an alias and an adjective of the same country.
        for (id, d) in demonyms {
            let plural = d.ends_with('s') && !d.ends_with("ss") && d.len() > 4;
            let hits = lex.names.entry(d, Vec::new);
            let hit = NameHit::Demonym {
                country: id,
                plural,
            };
            if !hits.contains(&hit) {
                hits.push(hit);
            }
        }
        let (f, t) = data!("verbs.tsv");
        for (line, r) in records(f, t, 2)? {
            let predicate = predicate(f, line, r[1])?;
            lex.role_verbs.insert(r[0], predicate);
        }
        let (f, t) = data!("cues.tsv");
        for (line, r) in records(f, t, 2)? {
            match r[0] {
                "particle" => {
                    lex.particles.insert(r[1].to_owned());
                }
                "suffix" => {
                    lex.name_suffixes.insert(r[1].to_owned());
                }
                "org-suffix" => {
                    lex.org_suffixes.insert(r[1].to_owned());
                }
                "place-suffix" => {
                    lex.place_suffixes.insert(r[1].to_owned());
                }
                "boilerplate" => lex.boilerplate.push(r[1].to_lowercase()),
                "venue-prep" => {}
                kind => {
                    lex.classes
                        .entry(kind.to_owned())
                        .or_insert_with(|| PhraseTable::new(true))
                        .insert(r[1], ());
                    let cue = Cue::parse(kind).ok_or_else(|| LexiconError {
                        file: f,
                        line,
                        message: format!("unknown cue kind {kind}"),
                    })?;
                    // Honorifics and org prefixes are case-sensitive: "Mr" is, "mr" is not.
                    let fold = !matches!(cue, Cue::Honorific | Cue::OrgPrefix);
                    lex.cues
                        .entry(cue)
                        .or_insert_with(|| PhraseTable::new(fold))
                        .insert(r[1], ());
                }
            }
        }
        let (f, t) = data!("classes.tsv");
        for (_, r) in records(f, t, 2)? {
            lex.classes
                .entry(r[0].to_owned())
                .or_insert_with(|| PhraseTable::new(true))
                .insert(r[1], ());
        }
        for (name, table) in [("modifier", &lex.modifiers), ("stopword", &lex.stopwords)] {
            let class = lex
                .classes
                .entry(name.to_owned())
                .or_insert_with(|| PhraseTable::new(true));
            for w in table {
                class.insert(w, ());
            }
        }
        lex.boilerplate_cues =
            aho_corasick::AhoCorasick::new(&lex.boilerplate).map_err(|e| LexiconError {
                file: "cues.tsv",
                line: 0,
                message: format!("boilerplate cues: {e}"),
            })?;
        let mut names: Vec<String> = lex.classes.keys().cloned().collect();
        names.sort();
        for (id, name) in names.into_iter().enumerate() {
            let table = lex.classes.remove(&name).expect("listed");
            let tag = u16::try_from(id).expect("fewer than 65,536 word classes");
            lex.class_union
                .extend_from(&table, vec![tag], |ids, id| ids.extend_from_slice(id));
            lex.class_tables.push(table);
            lex.class_ids.insert(name, id);
        }
        Ok(lex)
    }

    fn add(
        &mut self,
        name: &str,
        ty: EntityType,
        place_kind: Option<PlaceKind>,
        country: Option<String>,
        wikidata: Option<String>,
        gender: Option<char>,
    ) -> KnownId {
        if let Some(&id) = self.by_name.get(name) {
            // A name listed twice (a city that is also a region): the first listing wins.
            return id;
        }
        let id = KnownId(u32::try_from(self.entities.len()).expect("fewer than 4 billion entries"));
        self.entities.push(KnownEntity {
            name: name.to_owned(),
            ty,
            place_kind,
            country,
            wikidata,
            gender,
            offices: Vec::new(),
            media: false,
            label: name.to_owned(),
        });
        self.by_name.insert(name.to_owned(), id);
        self.names
            .entry(name, Vec::new)
            .push(NameHit::Entity { id, surname: false });
        self.by_skeleton.entry(skeleton(name)).or_default().push(id);
        id
    }

    fn alias(&mut self, id: KnownId, alias: &str) {
        // "President Trump" is a title and a name: text matching must see the title as a role
        // word, so such aliases are left to the title rules.
        let person = self.entities[id.0 as usize].ty == EntityType::Person;
        let toks = crate::text::tokenize(alias, crate::Span::new(0, alias.len()));
        let titled = toks.len() > 1
            && (self
                .roles
                .longest_at(alias, &toks, 0)
                .is_some_and(|(n, _)| n < toks.len())
                || matches!(toks[0].text(alias), "Mr" | "Mrs" | "Ms" | "Dr" | "Sir"));
        if person && titled {
            return;
        }
        let e = &mut self.entities[id.0 as usize];
        if e.label == e.name && !alias.is_ascii() && any_ascii::any_ascii(alias) == e.name {
            e.label = alias.to_owned();
        }
        let surname = person && !alias.contains(' ');
        let hits = self.names.entry(alias, Vec::new);
        if !hits
            .iter()
            .any(|h| matches!(h, NameHit::Entity { id: i, .. } if *i == id))
        {
            hits.push(NameHit::Entity { id, surname });
        }
        // Acronyms are not spelling variants of anything ("ROK" is not "Rock").
        if alias
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
        {
            return;
        }
        let sk = self.by_skeleton.entry(skeleton(alias)).or_default();
        if !sk.contains(&id) {
            sk.push(id);
        }
    }
}
