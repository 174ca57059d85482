//! Tests of the part-of-speech table: tags, lemmas, inflection and the closed classes.

use super::*;

fn t(word: &str) -> Pos {
    PosTable::embedded().tags(word)
}

fn lemma(word: &str) -> Option<&'static str> {
    PosTable::embedded().lemma_verb(word)
}

const PP: Pos = Pos::VERB.union(Pos::PAST).union(Pos::PARTICIPLE);

#[test]
fn embedded_data_loads_and_is_large() {
    let table = PosTable::embedded();
    assert!(table.len() > 80_000, "{} words", table.len());
    assert!(!table.is_empty());
}

#[test]
fn load_time() {
    let start = std::time::Instant::now();
    let table = PosTable::from_gz(POS_GZ, CLOSED_CLASS_TSV).unwrap();
    let elapsed = start.elapsed();
    println!(
        "pos table: {} words from {} gzipped bytes loaded in {elapsed:?}",
        table.len(),
        POS_GZ.len()
    );
    let words = [
        "President",
        "Putin",
        "met",
        "the",
        "envoy",
        "in",
        "talks",
        "on",
        "Tuesday",
        "hosted",
        "meeting",
        "were",
        "discussed",
        "sitting",
        "conferred",
        "said",
        "officials",
    ];
    let rounds = 100_000;
    let start = std::time::Instant::now();
    let mut n = 0u32;
    for _ in 0..rounds {
        for w in words {
            n = n.wrapping_add(table.tags(std::hint::black_box(w)).bits());
        }
    }
    let per = start.elapsed() / (rounds * words.len() as u32);
    println!("pos lookup: {per:?} per word ({n})");
}

#[test]
fn met_held_spoke() {
    assert_eq!(t("met"), PP);
    assert!(t("held").contains(PP));
    assert!(t("held").contains(Pos::ADJ), "WordNet: held, adjective");
    assert!(!t("held").intersects(Pos::NOUN | Pos::GERUND | Pos::BASE));
    assert_eq!(t("spoke"), Pos::NOUN | Pos::VERB | Pos::PAST);
    assert_eq!(t("spoken"), Pos::ADJ | Pos::VERB | Pos::PARTICIPLE);
    assert!(t("sat").contains(PP));
    assert!(t("took").contains(Pos::VERB | Pos::PAST));
    assert!(!t("took").contains(Pos::PARTICIPLE));
    assert!(t("taken").contains(Pos::VERB | Pos::PARTICIPLE));
    assert!(t("sang").contains(Pos::VERB | Pos::PAST));
    assert!(!t("sang").contains(Pos::PARTICIPLE));
    assert!(t("sung").contains(Pos::VERB | Pos::PARTICIPLE));
    assert_eq!(t("began"), Pos::VERB | Pos::PAST);
    assert_eq!(t("begun"), Pos::VERB | Pos::PARTICIPLE);
    assert_eq!(t("came"), Pos::VERB | Pos::PAST);
    assert_eq!(t("gotten"), Pos::VERB | Pos::PARTICIPLE);
    assert!(t("got").contains(PP));
    assert!(!t("feed").contains(Pos::PAST), "no archaic fee -> feed");
}

#[test]
fn verb_lemmas() {
    assert_eq!(lemma("met"), Some("meet"));
    assert_eq!(lemma("spoke"), Some("speak"));
    assert_eq!(lemma("held"), Some("hold"));
    assert_eq!(lemma("sat"), Some("sit"));
    assert_eq!(lemma("took"), Some("take"));
    assert_eq!(lemma("were"), Some("be"));
    assert_eq!(lemma("is"), Some("be"));
    assert_eq!(lemma("does"), Some("do"));
    assert_eq!(lemma("being"), Some("be"));
    assert_eq!(lemma("hosted"), Some("host"));
    assert_eq!(lemma("Hosted"), Some("host"));
    assert_eq!(lemma("received"), Some("receive"));
    assert_eq!(lemma("visited"), Some("visit"));
    assert_eq!(lemma("conferred"), Some("confer"));
    assert_eq!(lemma("stopped"), Some("stop"));
    assert_eq!(lemma("carried"), Some("carry"));
    assert_eq!(lemma("sitting"), Some("sit"));
    assert_eq!(lemma("meeting"), Some("meet"));
    assert_eq!(lemma("making"), Some("make"));
    assert_eq!(lemma("dying"), Some("die"));
    assert_eq!(lemma("hoped"), Some("hope"));
    assert_eq!(lemma("hopped"), Some("hop"));
    assert_eq!(lemma("talks"), Some("talk"));
    assert_eq!(lemma("watches"), Some("watch"));
    assert_eq!(lemma("meet"), Some("meet"));
    assert_eq!(lemma("feed"), Some("feed"));
    assert_eq!(lemma("found"), Some("find"), "an irregular form wins");
    assert_eq!(lemma("president"), None);
    assert_eq!(lemma("the"), None);
    assert_eq!(lemma("xyzzyq"), None);
}

#[test]
fn regular_past_and_participle() {
    for w in [
        "hosted",
        "received",
        "welcomed",
        "visited",
        "conferred",
        "discussed",
        "stopped",
    ] {
        assert!(t(w).contains(PP), "{w}: {}", t(w));
        assert!(
            !t(w).intersects(Pos::GERUND | Pos::THIRD | Pos::BASE),
            "{w}: {}",
            t(w)
        );
    }
    assert_eq!(t("hosted"), PP);
    assert!(t("received").contains(Pos::ADJ), "WordNet: received wisdom");
}

#[test]
fn gerunds() {
    assert_eq!(t("meeting"), Pos::NOUN | Pos::VERB | Pos::GERUND);
    assert!(t("sitting").contains(Pos::VERB | Pos::GERUND));
    assert!(t("making").contains(Pos::VERB | Pos::GERUND));
    assert!(t("dying").contains(Pos::VERB | Pos::GERUND));
    assert!(t("being").contains(Pos::AUX | Pos::VERB | Pos::GERUND));
}

#[test]
fn plurals_and_third_person() {
    let talks = t("talks");
    assert!(talks.contains(Pos::NOUN | Pos::PLURAL), "{talks}");
    assert!(talks.contains(Pos::VERB | Pos::THIRD), "{talks}");
    assert!(!talks.intersects(Pos::PAST | Pos::GERUND));
    assert!(t("meets").contains(Pos::VERB | Pos::THIRD));
    assert!(t("officials").contains(Pos::NOUN | Pos::PLURAL));
    assert!(t("parties").contains(Pos::NOUN | Pos::PLURAL));
    assert!(t("buses").contains(Pos::NOUN | Pos::PLURAL));
    assert!(t("women").contains(Pos::NOUN | Pos::PLURAL));
    assert!(t("feet").contains(Pos::NOUN | Pos::PLURAL), "noun.exc");
    assert!(t("children").contains(Pos::NOUN | Pos::PLURAL), "noun.exc");
    assert!(t("goes").contains(Pos::VERB | Pos::THIRD));
    assert!(t("carries").contains(Pos::VERB | Pos::THIRD));
    assert!(!t("class").contains(Pos::PLURAL));
}

#[test]
fn closed_class_words() {
    let were = t("were");
    assert!(were.contains(Pos::AUX | Pos::VERB | Pos::PAST), "{were}");
    assert!(!were.contains(Pos::PARTICIPLE));
    assert!(t("is").contains(Pos::AUX | Pos::VERB | Pos::THIRD));
    assert!(t("has").contains(Pos::AUX | Pos::VERB | Pos::THIRD));
    assert!(!t("has").contains(Pos::NOUN), "no has -> ha");
    assert!(!t("its").contains(Pos::PLURAL));
    assert!(t("does").contains(Pos::AUX | Pos::VERB | Pos::THIRD));
    assert!(t("the").contains(Pos::DET));
    assert!(t("of").contains(Pos::PREP));
    assert!(t("they").contains(Pos::PRON));
    assert!(t("and").contains(Pos::CONJ));
    assert!(t("that").contains(Pos::DET | Pos::PRON | Pos::CONJ));
    for m in [
        "will", "would", "shall", "should", "can", "could", "may", "might", "must",
    ] {
        assert!(t(m).contains(Pos::MODAL), "{m}");
    }
    for n in ["not", "n't", "never", "don't", "won't"] {
        assert!(t(n).contains(Pos::NEG), "{n}");
    }
    assert!(
        t("don’t").contains(Pos::AUX | Pos::NEG),
        "typographic apostrophe"
    );
    assert!(
        t("will").contains(Pos::NOUN | Pos::VERB),
        "union with WordNet"
    );
    for a in [
        "be", "am", "are", "was", "were", "been", "being", "have", "had", "do", "did",
    ] {
        assert!(t(a).contains(Pos::AUX), "{a}");
    }
}

#[test]
fn case_unknown_and_odd_input() {
    assert_eq!(t("MET"), t("met"));
    assert_eq!(t("Talks"), t("talks"));
    assert_eq!(t("The"), t("the"));
    assert!(t("Meeting").contains(Pos::VERB | Pos::GERUND));
    assert!(t("president").contains(Pos::NOUN));
    assert!(!t("president").contains(Pos::VERB));
    assert!(t("President").contains(Pos::NOUN));
    assert!(
        t("DON’T").contains(Pos::AUX | Pos::NEG),
        "non-ASCII input folds too"
    );
    assert_eq!(t("Über"), Pos::EMPTY);
    assert_eq!(t("xyzzyq"), Pos::EMPTY);
    assert_eq!(t(""), Pos::EMPTY);
    assert_eq!(t("42"), Pos::EMPTY);
    assert_eq!(t(&"a".repeat(200)), Pos::EMPTY);
    assert_eq!(t(&"Walking".repeat(20)), Pos::EMPTY);
    assert!(t("bigger").contains(Pos::ADJ), "adj.exc");
}

#[test]
fn display_and_ops() {
    assert_eq!(t("meeting").to_string(), "NOUN|VERB|GERUND");
    assert_eq!(Pos::EMPTY.to_string(), "-");
    assert!(Pos::default().is_empty());
    assert_eq!(Pos::from_name("MODAL"), Some(Pos::MODAL));
    assert_eq!(Pos::from_name("modal"), None);
    let p = Pos::NOUN | Pos::PLURAL;
    assert_eq!(p & Pos::OPEN_CLASS, Pos::NOUN);
    assert!(p.contains(Pos::EMPTY));
    assert!(Pos::CLOSED_CLASS.contains(Pos::DET | Pos::NEG));
    assert!(Pos::VERB_FORMS.contains(Pos::PAST | Pos::BASE));
    assert!(!Pos::VERB_FORMS.intersects(Pos::PLURAL | Pos::VERB));
}

#[test]
fn malformed_data_is_an_error() {
    let e = PosTable::parse("talk\tNX\n", "").unwrap_err().to_string();
    assert!(e.contains("pos.tsv line 1"), "{e}");
    assert!(PosTable::parse("talk\n", "").is_err());
    assert!(PosTable::parse("Talk\tN\n", "").is_err());
    assert!(PosTable::parse("met\tVq:meet\n", "").is_err());
    assert!(PosTable::parse("met\tVd:\n", "").is_err());
    let e = PosTable::parse("", "# c\nthe\tDET|NOUN\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("closed-class.tsv line 2"), "{e}");
    assert!(PosTable::parse("", "the\n").is_err());
    assert!(PosTable::from_gz(b"not gzip", "").is_err());
    let ok = PosTable::parse("# c\nmeet\tNV\nmet\tVdp:meet\n", "the\tDET\n").unwrap();
    assert_eq!(ok.len(), 3);
    assert_eq!(ok.tags("met"), PP);
    assert_eq!(
        ok.tags("meets"),
        Pos::NOUN | Pos::PLURAL | Pos::VERB | Pos::THIRD
    );
    assert_eq!(ok.lemma_verb("met"), Some("meet"));
}
