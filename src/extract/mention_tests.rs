//! Names as an open class: each case is a construction of English, with names we made up.

use crate::extract::extract;
use crate::ingest::{Document, InputFormat};
use crate::lexicon::Lexicon;
use crate::model::EntityType;

/// The entities of `text`, as (name, type) pairs.
fn entities(text: &str) -> Vec<(String, EntityType)> {
    let doc =
        Document::from_bytes("t.txt", text.as_bytes(), InputFormat::Text).expect("a text document");
    let x = extract(&doc, Lexicon::embedded());
    x.entities.iter().map(|e| (e.name.clone(), e.ty)).collect()
}

/// `found` holds the entity `name` of type `ty`.
fn holds(found: &[(String, EntityType)], name: &str, ty: EntityType) -> bool {
    found.iter().any(|(n, t)| n == name && *t == ty)
}

fn has(text: &str, name: &str, ty: EntityType) -> bool {
    holds(&entities(text), name, ty)
}

#[test]
fn census_given_name_opens_a_persons_name() {
    // "Raquel" is in the census list only, not in the hand-kept list.
    let text = "Headline\n\nThe delegation was led by Raquel Ventimiglia on Monday.\n";
    assert!(has(text, "Raquel Ventimiglia", EntityType::Person));
}

#[test]
fn given_name_that_is_also_a_word_needs_a_surname_that_is_not() {
    let text = "Headline\n\nCritics of Morgan Tswarelo gathered outside. Grace Period ended.\n";
    let found = entities(text);
    assert!(holds(&found, "Morgan Tswarelo", EntityType::Person));
    assert!(!found.iter().any(|(n, _)| n.contains("Grace")), "{found:?}");
}

#[test]
fn two_words_of_no_language_name_a_person() {
    let text = "Headline\n\nThe report quoted Ilkor Bandavi at length.\n";
    assert!(has(text, "Ilkor Bandavi", EntityType::Person));
}

#[test]
fn unknown_words_after_a_preposition_of_place_are_no_person() {
    let text = "Headline\n\nThe convoy stopped in Tarvel Osk overnight.\n";
    assert!(!has(text, "Tarvel Osk", EntityType::Person));
}

#[test]
fn hyphenated_names_keep_lower_case_parts() {
    let text = "Headline\n\nGeneral Prasert Chan-o-wong spoke to reporters.\n";
    assert!(has(text, "Prasert Chan-o-wong", EntityType::Person));
}

#[test]
fn a_name_glued_to_anti_is_an_adjective() {
    let text = "Headline\n\nVladimir Putin spoke. Anti-government and anti-Putin groups marched.\n";
    let found = entities(text);
    let putins = found.iter().filter(|(n, _)| n.contains("Putin")).count();
    assert_eq!(putins, 1, "{found:?}");
    let doc = Document::from_bytes(
        "t.txt",
        b"Headline\n\nThe anti-Macron protesters marched in Lyon.\n",
        InputFormat::Text,
    )
    .expect("a text document");
    let x = extract(&doc, Lexicon::embedded());
    assert!(
        !x.entities.iter().any(|e| e.name.contains("Macron")),
        "{:?}",
        x.entities
    );
}

#[test]
fn a_middle_name_does_not_make_a_second_person() {
    let text = "Headline\n\nTomas Ezequiel Barrantes was born in 1950. Later Tomas Barrantes \
                led the party.\n";
    let found = entities(text);
    let people: Vec<_> = found
        .iter()
        .filter(|(n, t)| n.contains("Barrantes") && *t == EntityType::Person)
        .collect();
    assert_eq!(people.len(), 1, "{found:?}");
}

#[test]
fn a_noun_for_an_organisation_types_the_name_next_to_it() {
    let text = "Headline\n\nThe gas producer Vantorix signed a deal. The Ekhovo newspaper \
                reported it.\n";
    assert!(has(text, "Vantorix", EntityType::Organization));
    assert!(has(text, "Ekhovo", EntityType::Organization));
}

#[test]
fn one_unknown_name_after_a_preposition_of_place_is_a_place() {
    let text = "Headline\n\nPolice found explosives in Darnagh on Sunday. The talks were held \
                in English.\n";
    let found = entities(text);
    assert!(holds(&found, "Darnagh", EntityType::Place), "{found:?}");
    assert!(!found.iter().any(|(n, _)| n == "English"), "{found:?}");
}

#[test]
fn a_surname_after_a_preposition_of_place_stays_a_person() {
    let text = "Headline\n\nMinister Ilse Tarnow spoke on Monday. Much depends on the trust \
                placed in Tarnow by the cabinet.\n";
    let found = entities(text);
    assert!(!holds(&found, "Tarnow", EntityType::Place), "{found:?}");
}

#[test]
fn an_unknown_name_before_an_office_is_its_body() {
    let text = "Headline\n\nVantor Freight spokesman Ilse Tarnow declined to comment. \
                Orvell Mining's chairman resigned.\n";
    let found = entities(text);
    assert!(
        holds(&found, "Vantor Freight", EntityType::Organization),
        "{found:?}"
    );
    assert!(
        holds(&found, "Orvell Mining", EntityType::Organization),
        "{found:?}"
    );
}

#[test]
fn one_name_keeps_one_type_in_a_story() {
    let text = "Headline\n\nKarvo Dena leader Ilse Tarnow spoke. Officials said Karvo Dena \
                would attend.\n";
    let found = entities(text);
    let karvo: Vec<_> = found.iter().filter(|(n, _)| n == "Karvo Dena").collect();
    assert_eq!(karvo.len(), 1, "{found:?}");
    assert_eq!(karvo[0].1, EntityType::Organization);
}

#[test]
fn names_with_scores_in_a_results_line_are_teams() {
    let text = "Results\n\nLeague results on Saturday : Paris 2 Vantor United 1 Orvell 0 Karvo 3\n";
    let found = entities(text);
    for team in ["Vantor United", "Orvell", "Karvo", "Paris"] {
        assert!(
            holds(&found, team, EntityType::Organization),
            "{team}: {found:?}"
        );
    }
    // A golf leaderboard names people in full: they stay people.
    let text = "Leaders\n\nLeading scores : Ilse Tarnow 68 70 71 , Raquel Ventimiglia 69 70 72\n";
    let found = entities(text);
    assert!(
        holds(&found, "Ilse Tarnow", EntityType::Person),
        "{found:?}"
    );
}

#[test]
fn a_sentence_in_capitals_is_read_by_its_known_names() {
    let text = "JAPAN AND NATO SIGN TRADE PACT IN OSAKA\n\nThe pact was signed on Monday.\n";
    let found = entities(text);
    assert!(holds(&found, "Japan", EntityType::Place), "{found:?}");
    assert!(found.iter().any(|(n, _)| n == "NATO"), "{found:?}");
    assert!(
        !found
            .iter()
            .any(|(n, _)| n.to_lowercase().contains("trade")),
        "{found:?}"
    );
}

#[test]
fn an_unknown_acronym_names_an_organisation_and_its_definition_links_it() {
    let text = "Headline\n\nThe Karvo Workers Union (KWU) called a strike at 10 GMT. Later the \
                KWU met officials of the VNF. The Vantor National Front denied it.\n";
    let found = entities(text);
    let kwu: Vec<_> = found
        .iter()
        .filter(|(n, _)| n.contains("Karvo") || n == "KWU")
        .collect();
    assert_eq!(kwu.len(), 1, "{found:?}");
    assert_eq!(kwu[0].1, EntityType::Organization);
    let vnf: Vec<_> = found
        .iter()
        .filter(|(n, _)| n.contains("Vantor") || n == "VNF")
        .collect();
    assert_eq!(vnf.len(), 1, "{found:?}");
    assert!(!found.iter().any(|(n, _)| n == "GMT"), "{found:?}");
}

#[test]
fn a_title_of_address_is_no_given_name() {
    // "Princess" is in the census lists of given names; before a name it is a title.
    let text = "Headline\n\nPrincess Ilvana Torsk spoke. Later Princess Ilvana left. \
                Cde Tarnowe said the party agreed.\n";
    let found = entities(text);
    assert!(
        !found
            .iter()
            .any(|(n, _)| n.starts_with("Princess") || n.starts_with("Cde")),
        "{found:?}"
    );
}

#[test]
fn a_police_or_military_rank_is_a_title_not_part_of_the_name() {
    let text = "Headline\n\nChief Superintendent Al Quenby said the road would reopen. \
                Brigadier General Tomas Ildefonso inspected the base.\n";
    let found = entities(text);
    for name in ["Al Quenby", "Tomas Ildefonso"] {
        assert!(holds(&found, name, EntityType::Person), "{name}: {found:?}");
    }
    assert!(
        !found
            .iter()
            .any(|(n, _)| n.contains("Superintendent") || n.contains("Brigadier")),
        "{found:?}"
    );
}

#[test]
fn a_plural_noun_or_an_offices_object_after_a_title_names_no_one() {
    let text = "Headline\n\nThe Prime Minister won the General Elections in May. \
                Special Envoy for Arctic Peace Dara Quillan arrived. \
                Coach Wendell Roberts praised the team. Roberts said it was earned.\n";
    let found = entities(text);
    assert!(
        !found
            .iter()
            .any(|(n, _)| n == "Elections" || n.starts_with("Peace")),
        "{found:?}"
    );
    assert!(
        holds(&found, "Dara Quillan", EntityType::Person),
        "{found:?}"
    );
    // A surname that is also a plural noun still joins the full name told before.
    let x = {
        let doc = Document::from_bytes("t.txt", text.as_bytes(), InputFormat::Text).unwrap();
        extract(&doc, Lexicon::embedded())
    };
    let roberts = x
        .mentions
        .iter()
        .zip(&x.mention_entity)
        .filter(|(m, _)| &text[m.span.start..m.span.end] == "Roberts")
        .filter_map(|(_, e)| e.map(|e| x.entities[e.index()].name.clone()))
        .collect::<Vec<_>>();
    assert_eq!(roberts, ["Wendell Roberts"], "{found:?}");
}

#[test]
fn an_unknown_name_before_a_state_is_a_place_of_it() {
    // "of Kelvale, Conn.": no preposition of place is needed before a US state.
    let text = "Headline\n\nThe singer is a native of Kelvale, Conn., and lives abroad.\n";
    assert!(
        has(text, "Kelvale", EntityType::Place),
        "{:?}",
        entities(text)
    );
    // An English word opening a sentence, or a possessive after the state, makes no place.
    let text = "Headline\n\nIndeed, Russia played a part. Dorvan, Texas's envoy, spoke.\n";
    let found = entities(text);
    assert!(
        !found
            .iter()
            .any(|(n, t)| (n == "Indeed" || n == "Dorvan") && *t == EntityType::Place),
        "{found:?}"
    );
}

#[test]
fn a_dateline_names_its_place_and_the_agency_in_brackets() {
    // A word in capitals opening a dateline is its place, not an acronym; "AP", which names
    // no organisation elsewhere, is the agency's credit there.
    let text = "Headline\n\nMARVALE, Ohio (AP)\n\nThe storm passed.\n";
    let found = entities(text);
    assert!(
        found
            .iter()
            .any(|(n, t)| n.eq_ignore_ascii_case("Marvale") && *t == EntityType::Place),
        "{found:?}"
    );
    assert!(holds(&found, "AP", EntityType::Organization), "{found:?}");
    assert!(!has(
        "Headline\n\nThe AP reported it first.\n",
        "AP",
        EntityType::Organization
    ));
}

#[test]
fn an_abbreviated_title_opens_a_name() {
    let text = "Headline\n\nDr Ilona Varga met PM Andris Kalnins in Riga on Thursday.\n";
    assert!(
        has(text, "Andris Kalnins", EntityType::Person),
        "{:?}",
        entities(text)
    );
}

#[test]
fn a_place_read_with_its_article_joins_the_organisation_after_it() {
    // "the Baltic" alone is the sea; before "Grain Board" it is part of the board's name.
    let text = "Headline\n\nOfficials of the Baltic Grain Board met in Riga on Monday.\n";
    let found = entities(text);
    assert!(
        holds(&found, "Baltic Grain Board", EntityType::Organization),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|(n, _)| n == "Baltic Sea" || n == "Grain Board"),
        "{found:?}"
    );
}

#[test]
fn an_organisation_head_word_that_is_also_page_furniture_ends_a_name() {
    // "Network" opens no name (a page's "Network Links"), but ends one.
    let text = "Headline\n\nThe Teleonce Network said so on Monday.\n";
    assert!(
        has(text, "Teleonce Network", EntityType::Organization),
        "{:?}",
        entities(text)
    );
}
