//! The small closed vocabularies every stage shares: [`EntityType`], [`PlaceKind`],
//! [`Predicate`].

use oxigraph::model::NamedNodeRef;
use serde::Serialize;

/// What kind of thing an entity is (the contract's three classes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum EntityType {
    /// A person.
    Person,
    /// An organisation, institution or government body.
    Organization,
    /// A country, region, city or facility.
    Place,
}

impl EntityType {
    /// The local name of the class in the ontology.
    #[must_use]
    pub fn class(self) -> &'static str {
        match self {
            EntityType::Person => "Person",
            EntityType::Organization => "Organization",
            EntityType::Place => "Place",
        }
    }

    /// The class IRI (`nkg:Person`, ...).
    #[must_use]
    pub fn class_iri(self) -> NamedNodeRef<'static> {
        use crate::rdf::vocab;
        match self {
            EntityType::Person => vocab::PERSON,
            EntityType::Organization => vocab::ORGANIZATION,
            EntityType::Place => vocab::PLACE,
        }
    }

    /// The path segment of minted IRIs.
    #[must_use]
    pub fn iri_segment(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Organization => "org",
            EntityType::Place => "place",
        }
    }
}

/// A more specific kind of place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum PlaceKind {
    /// A sovereign state or territory.
    Country,
    /// A city or town.
    City,
    /// A region, province, state or sea.
    Region,
    /// A continent.
    Continent,
    /// A building or estate used as a venue.
    Facility,
}

impl PlaceKind {
    /// The extra ontology class (`nkg:Country`, ...), where there is one.
    #[must_use]
    pub fn class_iri(self) -> Option<NamedNodeRef<'static>> {
        use crate::rdf::vocab;
        match self {
            PlaceKind::Country => Some(vocab::COUNTRY),
            PlaceKind::City => Some(vocab::CITY),
            PlaceKind::Region | PlaceKind::Continent => Some(vocab::REGION),
            PlaceKind::Facility => None,
        }
    }

    /// The extra ontology class, where there is one.
    #[must_use]
    pub fn class(self) -> Option<&'static str> {
        match self {
            PlaceKind::Country => Some("Country"),
            PlaceKind::City => Some("City"),
            PlaceKind::Region | PlaceKind::Continent => Some("Region"),
            PlaceKind::Facility => None,
        }
    }
}

/// The relation vocabulary of the contract. Everything newskg knows about a predicate is in
/// its row of the vocabulary table ([`Predicate::info`]): adding a predicate means a variant,
/// a row, and its declaration in `ontology/newskg.ttl` and `ontology/shapes.ttl`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Predicate {
    /// Took part in the same meeting (symmetric).
    MetWith,
    /// Envoy, negotiator or representative of.
    EnvoyOf,
    /// Aide, adviser or assistant to.
    AideTo,
    /// Head of a state, government or organisation.
    LeaderOf,
    /// Holds a post in, works for, belongs to.
    MemberOf,
    /// Deputy of.
    DeputyOf,
    /// Family tie (symmetric).
    RelativeOf,
    /// Friend, business partner, ally (symmetric).
    AssociateOf,
    /// Place or organisation inside a place.
    LocatedIn,
}

/// One row of the vocabulary table: what a [`Predicate`] is called and how views treat it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PredicateInfo {
    /// The IRI, in the `nkg:` namespace.
    pub iri: NamedNodeRef<'static>,
    /// The `rdfs:label` in the ontology, also used in drawings ("envoy of").
    pub label: &'static str,
    /// `p(a, b)` implies `p(b, a)`; stored in both directions.
    pub symmetric: bool,
    /// Drawn by the roles view of `newskg export`.
    pub role_view: bool,
    /// Rank when choosing an entity's top role for drawings (0 first); `None`: never.
    pub role_rank: Option<u8>,
    /// Rank when choosing the group (cluster) of a person in drawings (0 first); `None`:
    /// never.
    pub group_rank: Option<u8>,
}

const fn row(
    local: &'static str,
    label: &'static str,
    symmetric: bool,
    role_view: bool,
    role_rank: Option<u8>,
    group_rank: Option<u8>,
) -> PredicateInfo {
    PredicateInfo {
        iri: NamedNodeRef::new_unchecked(local),
        label,
        symmetric,
        role_view,
        role_rank,
        group_rank,
    }
}

macro_rules! nkg {
    ($local:literal) => {
        concat!("https://w3id.org/newskg#", $local)
    };
}

/// The vocabulary table, in [`Predicate::ALL`] order.
const TABLE: [PredicateInfo; 9] = [
    row(nkg!("metWith"), "met with", true, false, None, None),
    row(nkg!("envoyOf"), "envoy of", false, true, Some(1), Some(2)),
    row(nkg!("aideTo"), "aide to", false, true, Some(4), Some(3)),
    row(nkg!("leaderOf"), "leader of", false, true, Some(0), Some(0)),
    row(nkg!("memberOf"), "member of", false, true, Some(2), Some(1)),
    row(nkg!("deputyOf"), "deputy of", false, true, Some(3), None),
    row(nkg!("relativeOf"), "relative of", true, true, None, None),
    row(nkg!("associateOf"), "associate of", true, true, None, None),
    row(nkg!("locatedIn"), "located in", false, false, None, None),
];

impl Predicate {
    /// Every predicate, in the contract's order.
    pub const ALL: [Predicate; 9] = [
        Predicate::MetWith,
        Predicate::EnvoyOf,
        Predicate::AideTo,
        Predicate::LeaderOf,
        Predicate::MemberOf,
        Predicate::DeputyOf,
        Predicate::RelativeOf,
        Predicate::AssociateOf,
        Predicate::LocatedIn,
    ];

    /// This predicate's row of the vocabulary table.
    #[must_use]
    pub fn info(self) -> &'static PredicateInfo {
        &TABLE[self as usize]
    }

    /// The IRI (`https://w3id.org/newskg#metWith`, ...).
    #[must_use]
    pub fn iri(self) -> NamedNodeRef<'static> {
        self.info().iri
    }

    /// The local name in the ontology (`metWith`, ...).
    #[must_use]
    pub fn local_name(self) -> &'static str {
        &self.iri().as_str()[crate::rdf::vocab::NKG.len()..]
    }

    /// The label ("envoy of").
    #[must_use]
    pub fn label(self) -> &'static str {
        self.info().label
    }

    /// Parses a local name.
    #[must_use]
    pub fn from_local_name(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.local_name() == s)
    }

    /// True for the symmetric predicates.
    #[must_use]
    pub fn is_symmetric(self) -> bool {
        self.info().symmetric
    }

    /// True when the subject holds a post in or for the object (the predicates with a role
    /// rank: leaderOf, envoyOf, memberOf, deputyOf, aideTo); linking compares people's posts.
    #[must_use]
    pub(crate) fn is_office(self) -> bool {
        self.info().role_rank.is_some()
    }
}

/// A calendar date (proleptic Gregorian), the unit of `nkg:date`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month 1-12.
    pub month: u8,
    /// Day 1-31.
    pub day: u8,
}

impl Date {
    /// A valid date, or None.
    #[must_use]
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        (1..=12).contains(&month).then_some(())?;
        (day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` (and ignores a time after it, as in `2025-12-02T10:00:00Z`).
    #[must_use]
    pub fn parse_iso(s: &str) -> Option<Date> {
        let s = s.trim();
        let head = s.get(..10)?;
        let mut it = head.split('-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        Date::new(y, m, d)
    }

    /// Days since 1970-01-01.
    #[must_use]
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` since 1970-01-01.
    #[must_use]
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = u8::try_from(doy - (153 * mp + 2) / 5 + 1).expect("1..=31");
        let month = u8::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).expect("1..=12");
        let year = i32::try_from(yoe + era * 400 + i64::from(month <= 2)).expect("year in range");
        Date { year, month, day }
    }

    /// Day of the week, 0 = Monday ... 6 = Sunday.
    #[must_use]
    pub fn weekday(self) -> u8 {
        u8::try_from((self.to_days() + 3).rem_euclid(7)).expect("0..7")
    }

    /// This date moved by `days`.
    #[must_use]
    pub fn add_days(self, days: i64) -> Date {
        Date::from_days(self.to_days() + days)
    }
}

/// As its ISO 8601 text, `"2025-12-02"`.
impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_know_weekdays() {
        let d = Date::new(2025, 12, 2).unwrap();
        assert_eq!(d.weekday(), 1, "2 December 2025 is a Tuesday");
        assert_eq!(Date::from_days(d.to_days()), d);
        assert_eq!(d.add_days(-2).to_string(), "2025-11-30");
        assert_eq!(
            Date::new(2024, 2, 29).unwrap().add_days(1).to_string(),
            "2024-03-01"
        );
        assert!(Date::new(2025, 2, 29).is_none());
        assert_eq!(
            Date::parse_iso("2025-01-06T09:00:00Z"),
            Date::new(2025, 1, 6)
        );
    }

    #[test]
    fn predicates_round_trip() {
        for p in Predicate::ALL {
            assert_eq!(Predicate::from_local_name(p.local_name()), Some(p));
            assert!(p.iri().as_str().starts_with(crate::rdf::vocab::NKG));
        }
    }
}
