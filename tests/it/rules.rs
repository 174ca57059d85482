//! Table-driven tests of the extraction rules, one table per rule family, on sentences
//! written for these tests. Each case lists facts that must be found and facts that must not.

use newskg::{Document, InputFormat, Lexicon, extract};

/// Facts of a text as "Subject predicate Object" lines, and meetings as
/// "meeting A + B [date] [@place]" with participants sorted.
fn facts(text: &str, published: Option<&str>) -> Vec<String> {
    let mut doc = Document::from_bytes("case.txt", text.as_bytes(), InputFormat::Text)
        .expect("valid test text");
    doc.meta.published = published.and_then(newskg::Date::parse_iso);
    let x = extract(&doc, Lexicon::embedded());
    let name = |e: newskg::EntityId| x.entities[e.index()].name.clone();
    let mut out: Vec<String> = x
        .relations
        .iter()
        .map(|r| {
            format!(
                "{} {} {}",
                name(r.subject),
                r.predicate.local_name(),
                name(r.object)
            )
        })
        .collect();
    for m in &x.meetings {
        let mut ps: Vec<String> = m.participants.iter().map(|p| name(*p)).collect();
        ps.sort();
        let mut line = format!("meeting {}", ps.join(" + "));
        if let Some(d) = m.date {
            line.push_str(&format!(" {d}"));
        }
        if let Some(l) = m.location {
            line.push_str(&format!(" @{}", name(l)));
        }
        out.push(line);
    }
    out
}

fn entities(text: &str) -> Vec<String> {
    let doc = Document::from_bytes("case.txt", text.as_bytes(), InputFormat::Text)
        .expect("valid test text");
    let x = extract(&doc, Lexicon::embedded());
    x.entities
        .iter()
        .map(|e| format!("{} {:?}", e.name, e.ty))
        .collect()
}

/// Runs a table: (text, must contain, must not contain). Symmetric facts may appear in
/// either direction.
fn check(table: &[(&str, &[&str], &[&str])]) {
    for (text, want, not) in table {
        // A headline line first, as articles have one.
        let text = format!("Test headline\n{text}\n");
        let got = facts(&text, None);
        let has = |f: &str| {
            got.iter().any(|g| g == f) || {
                let parts: Vec<&str> = f.splitn(3, ' ').collect();
                f.contains("metWith")
                    && got.iter().any(|g| {
                        g.contains(" metWith ") && g.contains(parts[0]) && g.contains(parts[2])
                    })
            }
        };
        for w in *want {
            assert!(has(w), "{text:?}\n  missing: {w}\n  got: {got:#?}");
        }
        for n in *not {
            assert!(
                !got.iter().any(|g| g.contains(n)),
                "{text:?}\n  unexpected: {n}\n  got: {got:#?}"
            );
        }
    }
}

#[test]
fn titles_before_names() {
    check(&[
        (
            "German Chancellor Friedrich Merz spoke in Berlin.",
            &["Friedrich Merz leaderOf Germany"],
            &[],
        ),
        (
            "US Secretary of State Marco Rubio arrived.",
            &["Marco Rubio memberOf United States"],
            &[],
        ),
        (
            "Russian Foreign Minister Sergei Lavrov left early.",
            &["Sergei Lavrov memberOf Russia"],
            &[],
        ),
        (
            "Ukrainian negotiator Pavlo Hrytsenko said little.",
            &["Pavlo Hrytsenko envoyOf Ukraine"],
            &[],
        ),
        (
            "Trump's special envoy Steve Witkoff flew in.",
            &["Steve Witkoff envoyOf Donald Trump"],
            &[],
        ),
        (
            "Lavrov's deputy Sergei Ryabkov spoke.",
            &["Sergei Ryabkov deputyOf Sergei Lavrov"],
            &[],
        ),
        (
            "Russian Deputy Foreign Minister Sergei Ryabkov spoke.",
            &["Sergei Ryabkov memberOf Russia"],
            &["deputyOf"],
        ),
        (
            "White House Press Secretary Karoline Leavitt told reporters.",
            &["Karoline Leavitt memberOf White House"],
            &[],
        ),
        (
            "Kremlin economic envoy Kirill Dmitriev attended.",
            &["Kirill Dmitriev envoyOf Kremlin"],
            &[],
        ),
        (
            "National Security Advisor of India Shri Ajit Doval spoke.",
            &["Ajit Doval aideTo India"],
            &[],
        ),
        (
            "Former German chancellor Gerhard Schroeder spoke.",
            &[],
            &["leaderOf"],
        ),
        (
            "Rubio stayed home, instead sending his deputy Christopher Landau.",
            &["Christopher Landau deputyOf Marco Rubio"],
            &[],
        ),
    ]);
}

#[test]
fn roles_stated_by_verbs() {
    check(&[
        (
            "Kirill Dmitriev, a close ally of Putin who heads the Russian Direct Investment Fund, spoke.",
            &["Kirill Dmitriev leaderOf Russian Direct Investment Fund"],
            &["Vladimir Putin leaderOf"],
        ),
        (
            "Jonathan Powell, who advises Keir Starmer, spoke.",
            &["Jonathan Powell aideTo Keir Starmer"],
            &[],
        ),
        (
            "Rustem Umerov represented Ukraine at the talks.",
            &["Rustem Umerov envoyOf Ukraine"],
            &[],
        ),
        (
            "A Russian delegation led by Sergei Lavrov arrived.",
            &[],
            &["leaderOf"],
        ),
    ]);
}

#[test]
fn titles_without_country_use_world_knowledge() {
    check(&[
        (
            "President Volodymyr Zelensky spoke with Ukraine's allies.",
            &["Volodymyr Zelensky leaderOf Ukraine"],
            &[],
        ),
        (
            "Secretary of State Marco Rubio briefed allies of the United States.",
            &["Marco Rubio memberOf United States"],
            &[],
        ),
        // World knowledge needs the country named in the document.
        ("President Volodymyr Zelensky spoke.", &[], &["leaderOf"]),
    ]);
}

#[test]
fn descriptions_use_world_knowledge_for_people_of_the_document() {
    check(&[
        // 2004: Jack Straw was the UK's foreign secretary; the document names him and the UK.
        (
            "On 3 May 2004 Jack Straw left Britain. The foreign secretary's plane was late.",
            &["Jack Straw memberOf United Kingdom"],
            &[],
        ),
        (
            "On 2 May 2025 Donald Trump spoke in the United States. Melania Trump, the president's wife, did not attend.",
            &["Melania Trump relativeOf Donald Trump"],
            &[],
        ),
        (
            "Vladimir Putin spoke on 2 May 2025. Later the Russian president met Narendra Modi in Moscow.",
            &["meeting Narendra Modi + Vladimir Putin @Moscow"],
            &[],
        ),
        (
            "Friedrich Merz arrived on 3 June 2025 in France. The German leader met Emmanuel Macron in Paris.",
            &["meeting Emmanuel Macron + Friedrich Merz @Paris"],
            &[],
        ),
        // Two presidents in the document: "the president" is ambiguous, so nothing.
        (
            "On 2 May 2025 Donald Trump met Vladimir Putin. Melania Trump, the president's wife, did not attend.",
            &[],
            &["relativeOf"],
        ),
        // Nobody in the document holds the office: nothing.
        (
            "On 3 May 2004 Tony Blair left Britain. The foreign secretary's plane was late.",
            &[],
            &["memberOf"],
        ),
    ]);
}

#[test]
fn appositions_and_copulas() {
    check(&[
        (
            "Jared Kushner, son-in-law of US President Donald Trump, arrived.",
            &[
                "Jared Kushner relativeOf Donald Trump",
                "Donald Trump leaderOf United States",
            ],
            &[],
        ),
        (
            "Kushner, Trump's son-in-law, left.",
            &["Jared Kushner relativeOf Donald Trump"],
            &[],
        ),
        (
            "Witkoff, a business friend of Trump, flew to Moscow.",
            &["Steve Witkoff associateOf Donald Trump"],
            &[],
        ),
        (
            "Yuri Ushakov, a Kremlin aide, said so.",
            &["Yuri Ushakov aideTo Kremlin"],
            &[],
        ),
        (
            "Maria Ortega, the envoy of Spain, said nothing.",
            &["Maria Ortega envoyOf Spain"],
            &[],
        ),
        (
            "Elena Marsh is the spokesperson of the European Union.",
            &["Elena Marsh memberOf European Union"],
            &[],
        ),
        (
            "Peter Vance, who is a close ally of Viktor Orban, spoke.",
            &["Peter Vance associateOf Viktor Orban"],
            &[],
        ),
        (
            "Spain's director general for Europe, Jose Maria Pons, attended.",
            &["Jose Maria Pons memberOf Spain"],
            &["leaderOf"],
        ),
    ]);
}

#[test]
fn meetings_that_happened() {
    check(&[
        (
            "French President Emmanuel Macron hosted German Chancellor Friedrich Merz at the Elysee Palace in Paris on Tuesday (June 3, 2025).",
            &["meeting Emmanuel Macron + Friedrich Merz 2025-06-03 @Elysee"],
            &[],
        ),
        (
            "Tony Blair has met Italian Prime Minister Silvio Berlusconi and German Chancellor Gerhard Schroeder to talk about trade.",
            &["meeting Gerhard Schroeder + Silvio Berlusconi + Tony Blair"],
            &[],
        ),
        (
            "Talks between Sergei Lavrov and Hakan Fidan ended without agreement on 15 September 2025.",
            &["meeting Hakan Fidan + Sergei Lavrov 2025-09-15"],
            &[],
        ),
        (
            "Marco Rubio held an extensive and productive meeting with Andrii Sybiha in Geneva.",
            &["meeting Andrii Sybiha + Marco Rubio @Geneva"],
            &[],
        ),
        (
            "Keir Starmer met Emmanuel Macron alongside Olaf Scholz.",
            &["meeting Emmanuel Macron + Keir Starmer + Olaf Scholz"],
            &[],
        ),
        (
            "Hakan Fidan was received by Vladimir Putin in Moscow.",
            &["meeting Hakan Fidan + Vladimir Putin @Moscow"],
            &[],
        ),
        (
            "Donald Trump spoke by phone with Vladimir Putin on 2025-02-12.",
            &["meeting Donald Trump + Vladimir Putin 2025-02-12"],
            &[],
        ),
        (
            "Jared Kushner, son-in-law of Donald Trump, met Kirill Dmitriev in Miami.",
            &["meeting Jared Kushner + Kirill Dmitriev @Miami"],
            &["Donald Trump + ", " + Donald Trump"],
        ),
        (
            "Ushakov said Vladimir Putin met Steve Witkoff on Tuesday.",
            &["meeting Steve Witkoff + Vladimir Putin"],
            &["Yuri Ushakov +", "+ Yuri Ushakov"],
        ),
    ]);
}

#[test]
fn a_title_alone_stands_for_the_one_person_the_text_named_with_it() {
    check(&[
        (
            "League Secretary General Maren Ostby arrived in Bergen on Monday. During the visit, the Secretary General also met with Mayor Per Halvorsen.",
            &["meeting Maren Ostby + Per Halvorsen"],
            &[],
        ),
        (
            "Chief Executive Amara Diallo opened the plant. Later the chief executive met with Governor Ruth Okoye.",
            &["meeting Amara Diallo + Ruth Okoye"],
            &[],
        ),
        // Two people named with the title: "the Secretary General" could be either.
        (
            "Secretary General Maren Ostby and Secretary General Ivo Brandt spoke. The Secretary General later met with Mayor Per Halvorsen.",
            &[],
            &["Per Halvorsen"],
        ),
        // A former holder is not the one the title means now.
        (
            "Former Chief Executive Amara Diallo opened the plant. Later the chief executive met with Governor Ruth Okoye.",
            &[],
            &["Ruth Okoye"],
        ),
    ]);
}

#[test]
fn a_meeting_within_the_meeting_told_takes_its_place_and_day() {
    check(&[
        (
            "On May 8, 2006, foreign ministers of Chile, Peru and Bolivia held a meeting in Lima. Minister Ana Ruiz spoke first. During the meeting, Ana Ruiz met with Peruvian Foreign Minister Tomas Vidal.",
            &["meeting Ana Ruiz + Tomas Vidal 2006-05-08 @Lima"],
            &[],
        ),
        // No definite mention of the meeting told: a meeting of its own, place and day unknown.
        (
            "On May 8, 2006, foreign ministers of Chile, Peru and Bolivia held a meeting in Lima. Minister Ana Ruiz spoke first. Ana Ruiz later met with Peruvian Foreign Minister Tomas Vidal.",
            &["meeting Ana Ruiz + Tomas Vidal"],
            &["@Lima", "2006-05-08"],
        ),
    ]);
}

#[test]
fn a_headline_gives_the_place_of_a_lone_meeting() {
    let got = facts(
        "Readout of Peace Talks in Geneva\nToday, Marco Rubio held a productive meeting with Andrii Sybiha.\n",
        None,
    );
    assert!(
        got.contains(&"meeting Andrii Sybiha + Marco Rubio @Geneva".to_owned()),
        "{got:?}"
    );
}

#[test]
fn meetings_that_did_not_happen() {
    check(&[
        (
            "A meeting between Vladimir Putin and Volodymyr Zelensky has not been scheduled.",
            &[],
            &["meeting"],
        ),
        (
            "Friedrich Merz will meet Keir Starmer next week.",
            &[],
            &["meeting"],
        ),
        (
            "Viktor Orban refused to meet Andrii Sybiha.",
            &[],
            &["meeting"],
        ),
        (
            "Marco Rubio is skipping the talks, instead sending Christopher Landau.",
            &[],
            &["meeting"],
        ),
        (
            "Steve Witkoff heads to Moscow for talks with Vladimir Putin.",
            &[],
            &["meeting"],
        ),
        (
            "The summit between Lula and Donald Trump was cancelled.",
            &[],
            &["meeting"],
        ),
        (
            "Emmanuel Macron did not meet Xi Jinping.",
            &[],
            &["meeting"],
        ),
    ]);
}

#[test]
fn dates_resolve_against_the_text() {
    check(&[
        (
            "The talks began on Tuesday (December 2, 2025). On Sunday, Steve Witkoff met Rustem Umerov in Florida.",
            &["meeting Rustem Umerov + Steve Witkoff 2025-11-30 @Florida"],
            &[],
        ),
        (
            "Narendra Modi met Joe Biden in Tokyo on 24 May 2022.",
            &["meeting Joe Biden + Narendra Modi 2022-05-24 @Tokyo"],
            &[],
        ),
        // Vague times give no date.
        (
            "A week earlier, Narendra Modi met Joe Biden in Tokyo.",
            &["meeting Joe Biden + Narendra Modi @Tokyo"],
            &["2022", "2025"],
        ),
    ]);
    let got = facts(
        "Test headline\nOn Monday, Lula welcomed Pedro Sanchez in Sao Paulo.\n",
        Some("2025-08-19"),
    );
    assert!(
        got.iter()
            .any(|f| f.starts_with("meeting ") && f.contains("2025-08-18")),
        "{got:?}"
    );
}

#[test]
fn locations_nest() {
    check(&[
        (
            "They gathered at Chevening, in Kent, for two days.",
            &["Chevening locatedIn Kent"],
            &[],
        ),
        (
            "The Kremlin in Moscow issued a statement.",
            &["Kremlin locatedIn Moscow"],
            &[],
        ),
        ("The war by Russia in Ukraine goes on.", &[], &["locatedIn"]),
        (
            "They met at the president's Florida estate, Mar-a-Lago, on Friday.",
            &["Mar-a-Lago locatedIn Florida"],
            &[],
        ),
    ]);
}

#[test]
fn names_merge_inside_a_document() {
    let text = "Headline\nPresident Volodymyr Zelenskyy spoke. Later Zelensky and Mr Zelensky agreed. Nato and NATO met. Vladimir Putin spoke; President Putin left.\n";
    let e = entities(text);
    assert_eq!(
        e.iter()
            .filter(|x| x.starts_with("Volodymyr Zelensky "))
            .count(),
        1,
        "{e:?}"
    );
    assert_eq!(
        e.iter().filter(|x| x.contains("Zelensk")).count(),
        1,
        "{e:?}"
    );
    assert_eq!(
        e.iter().filter(|x| x.starts_with("NATO")).count(),
        1,
        "{e:?}"
    );
    assert_eq!(e.iter().filter(|x| x.contains("Putin")).count(), 1, "{e:?}");
}

#[test]
fn shared_surnames_stay_apart() {
    let e = entities("Headline\nAhmed Khan met Sadiq Khan in London. Ahmed Khan left.\n");
    assert!(
        e.contains(&"Ahmed Khan Person".to_owned()) && e.contains(&"Sadiq Khan Person".to_owned()),
        "{e:?}"
    );
}

#[test]
fn boilerplate_and_groups_are_not_entities() {
    let e = entities(
        "Headline\nThe Ukrainians met the Americans in Geneva on Monday.\nSign up for the Evening Digest\nDownload our app\n© 2025 Example Media Group Ltd. All rights reserved.\n",
    );
    assert_eq!(e, ["Geneva Place"], "{e:?}");
}

#[test]
fn unknown_places_by_their_form() {
    let e = entities(
        "Headline\nThe rail link joins Rajasthan state and Sindh province; protests filled Tiananmen Square.\n",
    );
    for want in ["Rajasthan Place", "Sindh Place", "Tiananmen Square Place"] {
        assert!(e.contains(&want.to_owned()), "{want} missing from {e:?}");
    }
}

/// "in X, COUNTRY": an unknown name in a place frame is a place of that country.
#[test]
fn unknown_places_in_a_place_frame() {
    check(&[(
        "The ferry sailed from Vlorakos, Greece, and the envoy was born in Tamberlo, Kenya.",
        &["Vlorakos locatedIn Greece", "Tamberlo locatedIn Kenya"],
        &[],
    )]);
    // Not a place: a person's name before a country in a list of attendees.
    let e = entities(
        "Headline
The envoys met Kofi Mensah, Ghana's minister.
",
    );
    assert!(e.contains(&"Kofi Mensah Person".to_owned()), "{e:?}");
}

#[test]
fn country_adjectives_are_mentions_only_before_roles() {
    let e = entities("Headline\nThe French President spoke while Ukrainian troops advanced.\n");
    assert!(e.contains(&"France Place".to_owned()), "{e:?}");
    assert!(!e.iter().any(|x| x.starts_with("Ukraine")), "{e:?}");
}

/// Every example of every rule file: a positive example yields one meeting with all the
/// names it lists; a counter-example yields no meeting. A failure names the file and line.
#[test]
fn every_rule_file_example() {
    let set = newskg::internals::RuleSet::embedded();
    assert!(set.rules.len() >= 10, "meeting rules are compiled");
    let mut failures = Vec::new();
    for rule in &set.rules {
        for ex in &rule.examples {
            let text = format!("Test headline\n{}\n", ex.text);
            let doc = Document::from_bytes("example.txt", text.as_bytes(), InputFormat::Text)
                .expect("valid example text");
            let x = extract(&doc, Lexicon::embedded());
            let names = |m: &newskg::Meeting| -> Vec<String> {
                m.participants
                    .iter()
                    .map(|p| x.entities[p.index()].name.clone())
                    .collect()
            };
            let relation_rule = matches!(rule.family(), 1 | 2);
            let stated: Vec<String> = x
                .relations
                .iter()
                .map(|r| {
                    format!(
                        "{} {} {}",
                        x.entities[r.subject.index()].name,
                        r.predicate.local_name(),
                        x.entities[r.object.index()].name
                    )
                })
                .collect();
            let ok = if relation_rule {
                // Relation rules: "S predicate O" facts that must (or must not) be stated.
                ex.expect.iter().all(|f| stated.contains(f) == ex.positive)
            } else if ex.positive {
                x.meetings
                    .iter()
                    .any(|m| ex.expect.iter().all(|want| names(m).contains(want)))
            } else if ex.expect.is_empty() {
                x.meetings.is_empty()
            } else {
                !x.meetings
                    .iter()
                    .any(|m| ex.expect.iter().all(|want| names(m).contains(want)))
            };
            if !ok {
                let got: Vec<Vec<String>> = x.meetings.iter().map(names).collect();
                failures.push(format!(
                    "{}:{} (rule {}): {:?} gave meetings {got:?} and facts {stated:?}, want {:?}",
                    rule.file, ex.line, rule.id, ex.text, ex.expect
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A malformed rule file is refused with its file name, line and the problem.
#[test]
fn rule_errors_name_file_and_line() {
    let lex = Lexicon::embedded();
    let cases: &[(&str, &str, usize)] = &[
        (
            "rule r\n  match a=PARTIES <no-such-class>\n",
            "unknown word class",
            2,
        ),
        (
            "rule r\n  match a=PARTIES met b=PARTIES\n  emit meeting a | c\n",
            "unknown capture c",
            3,
        ),
        (
            "rule r\n  match a=PARTIES met b=PARTIES\n  emit meeting a | b\n",
            "no example",
            1,
        ),
        ("  match a=PARTIES\n", "outside a rule", 1),
        ("rule r\n  match (a=PARTIES met\n", "unclosed group", 2),
        ("rule r\n  confidence 1.5\n", "not in [0, 1]", 2),
    ];
    for (text, want, line) in cases {
        let err = newskg::internals::RuleSet::compile(&[("bad.rules", *text)], lex)
            .expect_err("malformed rule file");
        let shown = err.to_string();
        assert!(
            shown.starts_with(&format!("bad.rules:{line}:")) && shown.contains(want),
            "{text:?} gave {shown:?}, want line {line} and {want:?}"
        );
    }
}

/// Sides: a host and guests meet across the table; guests of one delegation are
/// participants together without a metWith between them.
#[test]
fn sides_link_across_not_within() {
    check(&[
        (
            "President Ana Costa hosted Envoy Tom Berg and Adviser Lia Kern in Lisbon on 4 May 2024.",
            &[
                "Ana Costa metWith Tom Berg",
                "Ana Costa metWith Lia Kern",
                "meeting Ana Costa + Lia Kern + Tom Berg 2024-05-04 @Lisbon",
            ],
            &["Tom Berg metWith Lia Kern"],
        ),
        (
            // No sides given: everyone met everyone.
            "President Ana Costa, Envoy Tom Berg and Adviser Lia Kern met in Lisbon.",
            &["Tom Berg metWith Lia Kern", "Ana Costa metWith Tom Berg"],
            &[],
        ),
    ]);
}

/// The mode of a meeting comes from its words: phone, video, else in person.
#[test]
fn meeting_modes() {
    let cases = [
        (
            "Premier Ida Lund spoke by phone with President Otto Vik.",
            newskg::Mode::Phone,
        ),
        (
            "Premier Ida Lund held a video call with President Otto Vik.",
            newskg::Mode::Video,
        ),
        (
            "Premier Ida Lund received a telephone call from President Otto Vik.",
            newskg::Mode::Phone,
        ),
        (
            "Premier Ida Lund met President Otto Vik in Oslo.",
            newskg::Mode::InPerson,
        ),
    ];
    for (text, want) in cases {
        let text = format!("Test headline\n{text}\n");
        let doc = Document::from_bytes("case.txt", text.as_bytes(), InputFormat::Text).unwrap();
        let x = extract(&doc, Lexicon::embedded());
        assert_eq!(x.meetings.len(), 1, "{text}");
        assert_eq!(x.meetings[0].mode, want, "{text}");
    }
}

/// An organisation's name keeps the country word it starts with, and its head word may be
/// any organisation noun ("Forum", "Police", "Hospital", "Holdings").
#[test]
fn organisation_names_keep_their_country_word() {
    let e = entities(
        "Headline\nThe Norwegian Shipping Forum and Kenya Police spoke to Baltic Holdings and the Lakeside Hospital.\n",
    );
    for want in [
        "Norwegian Shipping Forum Organization",
        "Kenya Police Organization",
        "Baltic Holdings Organization",
        "Lakeside Hospital Organization",
    ] {
        assert!(e.contains(&want.to_owned()), "{want} missing from {e:?}");
    }
    assert!(!e.contains(&"Kenya Place".to_owned()), "{e:?}");
    // An organisation's body is an organisation of its own; a given name after a title word
    // inside a capitalised run starts a person's name.
    let e = entities(
        "Headline
The African Union Commission agreed. Later Police and Crime Commissioner Stephen Hale agreed.
",
    );
    for want in [
        "African Union Commission Organization",
        "Stephen Hale Person",
    ] {
        assert!(e.contains(&want.to_owned()), "{want} missing from {e:?}");
    }
    // Several country words before an organisation's name; a title run before a person's name.
    let e = entities(
        "Headline\nThe Cuban American National Foundation wrote to Special Envoy for Middle East Peace George Harlan.\n",
    );
    for want in [
        "Cuban American National Foundation Organization",
        "George Harlan Person",
    ] {
        assert!(e.contains(&want.to_owned()), "{want} missing from {e:?}");
    }
}

/// An organisation's head word heads its whole name: the capitalised words after "of" or "for",
/// known places and country words among them ("National Bank of Moldova"), a common noun's
/// possessive before the head ("the Fishermen's Union"), and "and" between the words before
/// it ("the Sea and Air Authority"); the possessor that is itself an organisation stays apart.
#[test]
fn organisation_names_run_through_their_complements() {
    let e = entities(
        "Headline\nThe National Bank of Moldova and the Progressive Party of Rural Workers wrote to the Fishermen's Union.\nThe Sea and Air Authority met the Institute for South Asian Studies at Tarvel University's Centre for Maritime Law.\n",
    );
    for want in [
        "National Bank of Moldova Organization",
        "Progressive Party of Rural Workers Organization",
        "Fishermen's Union Organization",
        "Sea and Air Authority Organization",
        "Institute for South Asian Studies Organization",
        "Tarvel University Organization",
    ] {
        assert!(e.contains(&want.to_owned()), "{want} missing from {e:?}");
    }
    for not in ["Moldova Place", "Rural Workers Person", "Fishermen Person"] {
        assert!(!e.contains(&not.to_owned()), "{not} in {e:?}");
    }
}

/// A known place before a newspaper's, broadcaster's or exchange's head word is part of that
/// organisation's name ("the Riga Herald"); before a place's head word it names another place
/// ("Odesa Beach"), except in a title-case line, which says nothing by its capitals.
#[test]
fn place_names_inside_other_names() {
    let e = entities(
        "Headline\nThe Riga Herald and Latvia Television said the ministers walked along Odesa Beach before talks resumed.\n",
    );
    for want in [
        "Riga Herald Organization",
        "Latvia Television Organization",
        "Odesa Beach Place",
    ] {
        assert!(e.contains(&want.to_owned()), "{want} missing from {e:?}");
    }
    for not in ["Riga Place", "Latvia Place"] {
        assert!(!e.contains(&not.to_owned()), "{not} in {e:?}");
    }
    let e = entities("Headline\nOdesa Beach Reopens After Storm Damage Is Repaired\n");
    assert!(!e.contains(&"Odesa Beach Place".to_owned()), "{e:?}");
}

/// Results and standings lines name teams: a name before a score and another scored name, or
/// before two scores or more, is an organisation, even a town's name.
#[test]
fn results_and_standings_lines_name_teams() {
    let e = entities(
        "Headline\nResults of Sunday's games in the Tarvel league.\nLakeside 6 Orchard 2\nStandings after Sunday's games.\nRiverton 80 53 .602\n",
    );
    for want in [
        "Lakeside Organization",
        "Orchard Organization",
        "Riverton Organization",
    ] {
        assert!(e.contains(&want.to_owned()), "{want} missing from {e:?}");
    }
}

/// A ministry has one name however an article words it ("the Moldovan Foreign Ministry", "the
/// Moldovan Ministry of Foreign Affairs", "the Ministry of Foreign Affairs of Moldova"), so
/// documents that word it differently name one entity; the article's wording stays an alias.
#[test]
fn ministry_names_agree_across_wordings() {
    for text in [
        "Headline\nThe Moldovan Foreign Ministry said on Monday that the deal was void.\n",
        "Headline\nThe Moldovan Ministry of Foreign Affairs said on Monday that the deal was void.\n",
        "Headline\nThe Ministry of Foreign Affairs of Moldova said on Monday that the deal was void.\n",
    ] {
        let e = entities(text);
        assert!(
            e.contains(&"Ministry of Foreign Affairs of Moldova Organization".to_owned()),
            "{text}: {e:?}"
        );
    }
    let e = entities("Headline\nThe Interior Ministry said on Monday that the deal was void.\n");
    assert!(
        e.contains(&"Ministry of Interior Organization".to_owned()),
        "{e:?}"
    );
}

/// Name particles keep a name whole: "al-" glued by a hyphen, two particles in a row ("van
/// der", "de la"), and a first name that is also a stopword before a particle (issue 10).
#[test]
fn name_particles_keep_names_whole() {
    let e = entities(
        "Headline\nAbdullah al-Hakimi met Hans Grundberg. Jan van der Berg met Ana de la Cruz.\n",
    );
    for want in [
        "Abdullah al-Hakimi Person",
        "Jan van der Berg Person",
        "Ana de la Cruz Person",
    ] {
        assert!(e.contains(&want.to_owned()), "{want} missing from {e:?}");
    }
}

/// A one-word place that is also a given name, before a capitalised word that is no English
/// word, is a person's first name (issue 10); before an English word it stays a place.
#[test]
fn a_place_that_is_a_given_name_starts_a_persons_name() {
    let e = entities(
        "Headline\nPortuguese Prime Minister Luis Montenegro met Jordan Bardella in Paris.\n",
    );
    assert!(e.contains(&"Jordan Bardella Person".to_owned()), "{e:?}");
    assert!(!e.contains(&"Jordan Place".to_owned()), "{e:?}");
    let e = entities("Headline\nThe ministers met in Jordan Valley towns on Monday.\n");
    assert!(!e.iter().any(|x| x.ends_with("Person")), "{e:?}");
}

/// A known person's surname that is also a given name, before a surname that is no English
/// word, names another person ("Ashton Bumhira" is not Catherine Ashton); alone it is still
/// the known person.
#[test]
fn a_known_surname_that_is_a_given_name_starts_another_persons_name() {
    let e =
        entities("Headline\n\"We need jobs\", said Ashton Okoroafor, director of a youth group.\n");
    assert!(e.contains(&"Ashton Okoroafor Person".to_owned()), "{e:?}");
    assert!(!e.contains(&"Catherine Ashton Person".to_owned()), "{e:?}");
    let e = entities("Headline\nThe talks were chaired by Ashton in Brussels.\n");
    assert!(e.contains(&"Catherine Ashton Person".to_owned()), "{e:?}");
}

/// Linguistic knowledge is data: no English word is written as a string literal in the
/// extraction code (`src/extract/`, tests aside); the code names a word class of the lexicon
/// instead (`classes.tsv`, `cues.tsv`). A literal counts as English when the part-of-speech
/// lexicon knows it; class names, rule ids and messages are read from their call
/// (`class("...")`, `in_class("...")`, `rule: "..."`...), and suffixes from `ends_with`.
#[test]
fn extraction_code_holds_no_english_words() {
    const NAMING_CALLS: &[&str] = &[
        "class(",
        "class_id(",
        "in_class(",
        "table(",
        "is(",
        "has(",
        "of(lex,",
        "is(lex,",
        "is(v.lex,",
        "expect(",
        "rule:",
        "new(&t,",
        "eprintln!(",
        "format!(",
        // A suffix is morphology, not a word ("-ed", "-ly").
        "ends_with(",
    ];
    let pos = newskg::internals::pos::PosTable::embedded();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/extract");
    let mut files = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).expect("src/extract is readable") {
            let p = e.expect("directory entry").path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                files.push(p);
            }
        }
    }
    assert!(files.len() >= 8, "scanned {files:?}");
    let mut found = Vec::new();
    for f in &files {
        let rel = f
            .strip_prefix(&root)
            .expect("under root")
            .to_string_lossy()
            .replace('\\', "/");
        if rel.ends_with("_tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(f).expect("readable source");
        for (n, line) in text.lines().enumerate() {
            if line.contains("#[cfg(test)]") {
                break;
            }
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            let mut rest = code;
            while let Some(open) = rest.find('"') {
                let before = rest[..open].trim_end();
                let Some(len) = rest[open + 1..].find('"') else {
                    break;
                };
                let lit = &rest[open + 1..open + 1 + len];
                rest = &rest[open + len + 2..];
                let named = NAMING_CALLS.iter().any(|c| before.ends_with(c));
                let word = lit.len() > 1 && lit.chars().all(|c| c.is_ascii_alphabetic());
                if word && !named && !pos.tags(&lit.to_lowercase()).is_empty() {
                    found.push(format!("src/extract/{rel}:{}: \"{lit}\"", n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "English words in extraction code (move them to a lexicon class):\n{}",
        found.join("\n")
    );
}

/// The role label of each relation of a text: "Subject predicate Object (label)".
fn labelled(text: &str) -> Vec<String> {
    let text = format!("Test headline\n{text}\n");
    let doc = Document::from_bytes("case.txt", text.as_bytes(), InputFormat::Text)
        .expect("valid test text");
    let x = extract(&doc, Lexicon::embedded());
    let name = |e: newskg::EntityId| x.entities[e.index()].name.clone();
    x.relations
        .iter()
        .map(|r| {
            format!(
                "{} {} {} ({})",
                name(r.subject),
                r.predicate.local_name(),
                name(r.object),
                r.role.as_deref().unwrap_or("-")
            )
        })
        .collect()
}

/// Deputy, acting and designate offices are kept apart from the office itself (issue 10): the
/// label says which office; a deputy deputises for the holder of the office the document
/// names; an office not yet taken states no relation.
#[test]
fn deputy_acting_and_designate_offices() {
    let got = labelled("Deputy Foreign Minister Sergei Ryabkov said Russia would respond.");
    assert!(
        got.contains(&"Sergei Ryabkov memberOf Russia (deputy foreign minister)".to_owned()),
        "{got:?}"
    );
    assert!(
        !got.iter().any(|g| g.ends_with("(foreign minister)")),
        "{got:?}"
    );
    // The principal is named with the office itself: the deputy deputises for them.
    let got = labelled(
        "Chilean Foreign Minister Ana Ruiz and Chilean Deputy Foreign Minister Rui Mota arrived.",
    );
    assert!(
        got.contains(&"Rui Mota deputyOf Ana Ruiz (deputy foreign minister)".to_owned()),
        "{got:?}"
    );
    assert!(
        got.contains(&"Ana Ruiz memberOf Chile (foreign minister)".to_owned()),
        "{got:?}"
    );
    // Without the principal in the text there is no one to deputise for.
    let got = labelled("Chilean Deputy Foreign Minister Rui Mota arrived.");
    assert!(!got.iter().any(|g| g.contains("deputyOf")), "{got:?}");
    // A deputy of another state's minister is nobody's deputy.
    let got = labelled(
        "Peruvian Foreign Minister Ana Ruiz and Chilean Deputy Foreign Minister Rui Mota arrived.",
    );
    assert!(!got.iter().any(|g| g.contains("deputyOf")), "{got:?}");
    let got = labelled("Acting President Lia Ferraz of Chile spoke.");
    assert!(
        got.contains(&"Lia Ferraz leaderOf Chile (acting president)".to_owned()),
        "{got:?}"
    );
    let got = labelled("Prime Minister-designate Lia Ferraz of Chile spoke.");
    assert!(!got.iter().any(|g| g.contains("leaderOf")), "{got:?}");
}

/// A membership is not stated beside a stronger tie the same sentence gives.
#[test]
fn membership_gives_way_to_leadership() {
    let got = labelled("Secretary-General Ola Brekke of the Andean Council spoke.");
    assert!(
        got.contains(&"Ola Brekke leaderOf Andean Council (secretary-general)".to_owned()),
        "{got:?}"
    );
    assert!(!got.iter().any(|g| g.contains("memberOf")), "{got:?}");
}
