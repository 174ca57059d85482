//! Compiling one rule file: lines to rules, with errors naming the file and line.

use super::parse::{self, Parser, anchor_of, lex_pattern, slot_of, strip_comment};
use super::{Check, Emit, Example, JoinSide, Mode, Node, Rule, RuleError, TriggerKind};
use crate::lexicon::Lexicon;

struct Draft {
    id: &'static str,
    line: usize,
    pattern: Option<Vec<Node>>,
    captures: Vec<String>,
    checks: Vec<(Check, Option<usize>)>,
    emit: Option<Emit>,
    mode: Option<Mode>,
    side: Option<JoinSide>,
    split: Option<usize>,
    confidence: f32,
    objects: Vec<usize>,
    remit: bool,
    remit_object: Option<usize>,
    overlap: bool,
    examples: Vec<Example>,
}

pub(super) fn parse_file(
    file: &'static str,
    text: &'static str,
    lex: &Lexicon,
    out: &mut Vec<Rule>,
) -> Result<(), RuleError> {
    let err = |line: usize, message: String| RuleError {
        file,
        line,
        message,
    };
    let mut draft: Option<Draft> = None;
    let finish = |d: Draft, out: &mut Vec<Rule>| -> Result<(), RuleError> {
        let pattern = d
            .pattern
            .ok_or_else(|| err(d.line, format!("rule {} has no match line", d.id)))?;
        let emit = d
            .emit
            .ok_or_else(|| err(d.line, format!("rule {} has no emit line", d.id)))?;
        if !d.examples.iter().any(|e| e.positive) {
            return Err(err(d.line, format!("rule {} has no example", d.id)));
        }
        let anchor = anchor_of(&pattern);
        let starts = parse::first_atoms(&pattern);
        let required = parse::required_atoms(&pattern);
        let choices = parse::required_choices(&pattern);
        out.push(Rule {
            id: d.id,
            file,
            line: d.line,
            pattern,
            captures: d.captures,
            checks: d.checks,
            emit,
            mode: d.mode,
            side: d.side,
            split: d.split,
            confidence: d.confidence,
            objects: d.objects,
            remit: d.remit,
            remit_object: d.remit_object,
            overlap: d.overlap,
            examples: d.examples,
            anchor,
            starts,
            required,
            choices,
            plan: super::Plan::default(),
        });
        Ok(())
    };
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let content = strip_comment(raw).trim();
        if content.is_empty() {
            continue;
        }
        let (key, rest) = content
            .split_once(char::is_whitespace)
            .map_or((content, ""), |(k, r)| (k, r.trim()));
        if key == "rule" {
            if let Some(d) = draft.take() {
                finish(d, out)?;
            }
            if rest.is_empty() || rest.contains(char::is_whitespace) {
                return Err(err(line, "rule wants one id".into()));
            }
            if out.iter().any(|r| r.id == rest) {
                return Err(err(line, format!("duplicate rule id {rest}")));
            }
            draft = Some(Draft {
                id: rest,
                line,
                pattern: None,
                captures: Vec::new(),
                checks: Vec::new(),
                emit: None,
                mode: None,
                side: None,
                split: None,
                confidence: 0.8,
                objects: Vec::new(),
                remit: false,
                remit_object: None,
                overlap: false,
                examples: Vec::new(),
            });
            continue;
        }
        let Some(d) = draft.as_mut() else {
            return Err(err(line, format!("{key} outside a rule")));
        };
        match key {
            "match" => {
                let mut p = Parser {
                    toks: lex_pattern(rest),
                    pos: 0,
                    captures: &mut d.captures,
                    lex,
                };
                let nodes = p.seq().map_err(|m| err(line, m))?;
                if p.pos != p.toks.len() {
                    return Err(err(line, format!("unexpected {:?}", p.toks[p.pos])));
                }
                d.pattern = Some(nodes);
            }
            "check" => {
                let mut words = rest.split_whitespace();
                let capture = |name: &str| {
                    slot_of(&d.captures, name)
                        .ok_or_else(|| err(line, format!("check on unknown capture {name}")))
                };
                let check = match words.next() {
                    Some("realis") => Check::Realis,
                    Some("happened") => Check::Happened,
                    Some("past") => Check::Past,
                    Some("larger") => Check::Larger(capture(words.next().unwrap_or("-"))?),
                    Some("post") => Check::Post,
                    Some("envoy") => Check::Envoy,
                    Some("within") => Check::Within(capture(words.next().unwrap_or("-"))?),
                    Some("active") => Check::Active,
                    other => return Err(err(line, format!("unknown check {other:?}"))),
                };
                let slot = match words.next() {
                    Some(name) => Some(
                        slot_of(&d.captures, name)
                            .ok_or_else(|| err(line, format!("check on unknown capture {name}")))?,
                    ),
                    None => None,
                };
                if matches!(
                    check,
                    Check::Realis
                        | Check::Larger(_)
                        | Check::Post
                        | Check::Envoy
                        | Check::Within(_)
                ) && slot.is_none()
                {
                    return Err(err(line, format!("{check:?} needs a capture")));
                }
                d.checks.push((check, slot));
            }
            "emit" => {
                let mut words = rest.split_whitespace();
                let what = words.next().unwrap_or("");
                if what == "pairs" {
                    // "pairs leaderOf l": each "X of Y" inside capture l.
                    let parts: Vec<&str> = rest.split_whitespace().skip(1).collect();
                    let [pred, list] = parts[..] else {
                        return Err(err(line, "pairs wants a predicate and a capture".into()));
                    };
                    let predicate = crate::model::Predicate::from_local_name(pred)
                        .ok_or_else(|| err(line, format!("unknown predicate {pred}")))?;
                    let slot = slot_of(&d.captures, list)
                        .ok_or_else(|| err(line, format!("emit names unknown capture {list}")))?;
                    d.emit = Some(Emit::Pairs(predicate, slot));
                    continue;
                }
                if what == "trigger" {
                    let parts: Vec<&str> = rest.split_whitespace().skip(1).collect();
                    let kind = match parts.first().copied() {
                        Some("verb") => TriggerKind::Verb,
                        Some("possessive") => TriggerKind::Possessive,
                        Some("pair") => TriggerKind::Pair,
                        Some("sidelines") => TriggerKind::Sidelines,
                        other => return Err(err(line, format!("unknown trigger kind {other:?}"))),
                    };
                    let slot = |n: &str| {
                        slot_of(&d.captures, n)
                            .ok_or_else(|| err(line, format!("emit names unknown capture {n}")))
                    };
                    let t = slot(parts.get(1).copied().unwrap_or("-"))?;
                    let f = match parts.get(2) {
                        Some(n) => Some(slot(n)?),
                        None => None,
                    };
                    d.emit = Some(Emit::Trigger(kind, t, f));
                    continue;
                }
                if matches!(what, "role" | "office" | "verb") {
                    let slots = rest
                        .split_whitespace()
                        .skip(1)
                        .map(|n| {
                            slot_of(&d.captures, n)
                                .ok_or_else(|| err(line, format!("emit names unknown capture {n}")))
                        })
                        .collect::<Result<Vec<usize>, RuleError>>()?;
                    d.emit = Some(match (what, slots.as_slice()) {
                        ("role", &[subject, role]) => Emit::Role {
                            subject,
                            role,
                            object: None,
                        },
                        ("role", &[subject, role, object]) => Emit::Role {
                            subject,
                            role,
                            object: Some(object),
                        },
                        ("office", &[r]) => Emit::Office(r),
                        ("verb", &[s, v, o]) => Emit::Verb(s, v, o),
                        _ => return Err(err(line, format!("bad emit {what}: wrong captures"))),
                    });
                    continue;
                }
                if what == "relation" {
                    // "relation locatedIn a b": the predicate, then subject and object.
                    let parts: Vec<&str> = rest.split_whitespace().skip(1).collect();
                    let [pred, subj, obj] = parts[..] else {
                        return Err(err(
                            line,
                            "relation wants a predicate and two captures".into(),
                        ));
                    };
                    let predicate = crate::model::Predicate::from_local_name(pred)
                        .ok_or_else(|| err(line, format!("unknown predicate {pred}")))?;
                    let slot = |n: &str| {
                        slot_of(&d.captures, n)
                            .ok_or_else(|| err(line, format!("emit names unknown capture {n}")))
                    };
                    d.emit = Some(Emit::Relation(predicate, slot(subj)?, slot(obj)?));
                    continue;
                }
                let mut sides: Vec<Vec<usize>> = vec![Vec::new()];
                for w in words {
                    if w == "|" {
                        sides.push(Vec::new());
                        continue;
                    }
                    let s = slot_of(&d.captures, w)
                        .ok_or_else(|| err(line, format!("emit names unknown capture {w}")))?;
                    sides.last_mut().expect("one side").push(s);
                }
                if sides.iter().any(Vec::is_empty) {
                    return Err(err(line, "empty side in emit".into()));
                }
                d.emit = Some(match what {
                    "meeting" => Emit::Meeting(sides),
                    "join" if sides.len() == 1 => Emit::Join(sides.remove(0), false),
                    "attend" if sides.len() == 1 => Emit::Join(sides.remove(0), true),
                    "anaphor" if sides.len() == 1 && sides[0].len() == 1 => {
                        Emit::Anaphor(sides[0][0])
                    }
                    "event" if sides.len() == 1 && sides[0].len() == 1 => Emit::Event(sides[0][0]),
                    other => return Err(err(line, format!("bad emit {other}"))),
                });
            }
            "side" => {
                d.side =
                    Some(if rest == "first" {
                        JoinSide::First
                    } else {
                        JoinSide::Of(slot_of(&d.captures, rest).ok_or_else(|| {
                            err(line, format!("side names unknown capture {rest}"))
                        })?)
                    });
            }
            "objects" => {
                for n in rest.split_whitespace() {
                    d.objects.push(
                        slot_of(&d.captures, n).ok_or_else(|| {
                            err(line, format!("objects names unknown capture {n}"))
                        })?,
                    );
                }
            }
            "overlap" if rest.is_empty() => d.overlap = true,
            "remit" => {
                d.remit = true;
                if !rest.is_empty() {
                    d.remit_object =
                        Some(slot_of(&d.captures, rest).ok_or_else(|| {
                            err(line, format!("remit names unknown capture {rest}"))
                        })?);
                }
            }
            "split" => {
                d.split = Some(
                    slot_of(&d.captures, rest)
                        .ok_or_else(|| err(line, format!("split names unknown capture {rest}")))?,
                );
            }
            "mode" => {
                d.mode = Some(match rest {
                    "in-person" => Mode::InPerson,
                    "phone" => Mode::Phone,
                    "video" => Mode::Video,
                    other => return Err(err(line, format!("unknown mode {other}"))),
                });
            }
            "confidence" => {
                d.confidence = rest
                    .parse::<f32>()
                    .ok()
                    .filter(|c| (0.0..=1.0).contains(c))
                    .ok_or_else(|| err(line, format!("confidence {rest} not in [0, 1]")))?;
            }
            "example" => {
                let (text, expect) = rest
                    .split_once("=>")
                    .ok_or_else(|| err(line, "example wants 'text => name; name'".into()))?;
                let expect: Vec<String> = expect
                    .split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect();
                if expect.is_empty() {
                    return Err(err(line, "example names no participant".into()));
                }
                d.examples.push(Example {
                    line,
                    text: text.trim().to_owned(),
                    expect,
                    positive: true,
                });
            }
            "counter" => {
                // "text => names": no meeting holds all these names; "text": no meeting at all.
                let (text, expect) = rest.split_once("=>").unwrap_or((rest, ""));
                d.examples.push(Example {
                    line,
                    text: text.trim().to_owned(),
                    expect: expect
                        .split(';')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect(),
                    positive: false,
                });
            }
            other => return Err(err(line, format!("unknown keyword {other}"))),
        }
    }
    if let Some(d) = draft.take() {
        finish(d, out)?;
    }
    Ok(())
}
