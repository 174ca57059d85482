//! Parsing rule patterns: the pattern lexer and parser, and the small helpers of the rule
//! file reader (comments, capture slots, prefilter anchors).

use super::{Atom, Node};
use crate::lexicon::Lexicon;

pub(super) fn strip_comment(line: &str) -> &str {
    // '#' starts a comment when it begins the line or follows a space.
    match line.find(" #") {
        Some(i) => &line[..i],
        None if line.trim_start().starts_with('#') => "",
        None => line,
    }
}

pub(super) fn slot_of(captures: &[String], name: &str) -> Option<usize> {
    captures.iter().position(|c| c == name)
}

/// An element every match must contain, for the prefilter: a word class first, else a
/// place, else a literal word (punctuation and "in" are in most sentences).
pub(super) fn anchor_of(nodes: &[Node]) -> Option<Atom> {
    let required = required_atoms(nodes);
    let required: Vec<&Atom> = required.iter().collect();
    required
        .iter()
        .find(|a| matches!(a, Atom::Class(_)))
        .or_else(|| required.iter().find(|a| matches!(a, Atom::Place)))
        .or_else(|| {
            required
                .iter()
                .find(|a| matches!(a, Atom::RoleVerb | Atom::Role | Atom::Cue(_)))
        })
        .or_else(|| {
            required.iter().find(|a| {
                matches!(a, Atom::Word(w) if w.iter().all(|w| w.chars().any(char::is_alphabetic) && w != "in"))
            })
        })
        .or_else(|| required.iter().find(|a| matches!(a, Atom::Word(_))))
        .map(|a| (*a).clone())
}

/// The atoms every match of `nodes` holds: its top-level atoms and captured atoms.
pub(super) fn required_atoms(nodes: &[Node]) -> Vec<Atom> {
    let mut out = Vec::new();
    for n in nodes {
        required_in(n, &mut out);
    }
    out
}

/// The atoms `node` surely holds: itself, a capture's atom, or the elements of a group of one
/// alternative ("t=( <held-verb> ANY{0,6} <held-noun> with )").
fn required_in(node: &Node, out: &mut Vec<Atom>) {
    match node {
        Node::Atom(a) => out.push(a.clone()),
        Node::Capture(_, inner) => required_in(inner, out),
        Node::Group(alts) if alts.len() == 1 => {
            for n in &alts[0] {
                required_in(n, out);
            }
        }
        _ => {}
    }
}

/// Choices every match of `nodes` makes: for each group of alternatives it must pass
/// through (at top level, in a capture, or in a group of one alternative), the required
/// atoms of each alternative (see [`required_atoms`]); a match holds every atom of one
/// alternative of each choice. Groups with an alternative that requires nothing are left out.
pub(super) fn required_choices(nodes: &[Node]) -> Vec<Vec<Vec<Atom>>> {
    let mut out = Vec::new();
    for n in nodes {
        choices_in(n, &mut out);
    }
    out
}

fn choices_in(node: &Node, out: &mut Vec<Vec<Vec<Atom>>>) {
    match node {
        Node::Capture(_, inner) => choices_in(inner, out),
        Node::Group(alts) if alts.len() == 1 => {
            for n in &alts[0] {
                choices_in(n, out);
            }
        }
        Node::Group(alts) => {
            let choice: Option<Vec<Vec<Atom>>> = alts
                .iter()
                .map(|alt| Some(required_atoms(alt)).filter(|r| !r.is_empty()))
                .collect();
            if let Some(choice) = choice {
                out.push(choice);
            }
        }
        _ => {}
    }
}

/// The atoms a match of `nodes` can start with, or `None` when it can start anywhere (a
/// pattern that may match nothing).
pub(super) fn first_atoms(nodes: &[Node]) -> Option<Vec<Atom>> {
    let mut out = Vec::new();
    for n in nodes {
        if !first_of(n, &mut out) {
            return Some(out);
        }
    }
    None
}

/// Adds the atoms `node` can start with to `out`; true when `node` may match nothing.
fn first_of(node: &Node, out: &mut Vec<Atom>) -> bool {
    match node {
        Node::Atom(a) => {
            out.push(a.clone());
            false
        }
        Node::Capture(_, inner) => first_of(inner, out),
        Node::Repeat(inner, min, _) => first_of(inner, out) || *min == 0,
        Node::Not(_) => true,
        Node::Group(alts) => {
            let mut nullable = false;
            for alt in alts {
                let mut all = true;
                for n in alt {
                    if !first_of(n, out) {
                        all = false;
                        break;
                    }
                }
                nullable |= all;
            }
            nullable
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok {
    Open,
    Close,
    Slash,
    Quant(usize, usize),
    Not,
    Elem(String),
}

pub(super) fn lex_pattern(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    for w in s.split_whitespace() {
        let mut w = w;
        // Leading '!' and '(' and trailing ')' or quantifiers may be glued to a word;
        // "o=(" opens a captured group.
        loop {
            if let Some(rest) = w.strip_prefix('(') {
                out.push(Tok::Open);
                w = rest;
            } else if let Some(rest) = w.strip_prefix('!').filter(|r| !r.is_empty()) {
                out.push(Tok::Not);
                w = rest;
            } else if let Some(i) = w.find("=(").filter(|&i| i > 0) {
                out.push(Tok::Elem(w[..=i].to_owned()));
                out.push(Tok::Open);
                w = &w[i + 2..];
            } else {
                break;
            }
        }
        let mut tail = Vec::new();
        loop {
            if w.len() > 1 || (w.len() == 1 && !matches!(w, "?" | "*" | "+" | ")")) {
                if let Some(rest) = w.strip_suffix(')') {
                    tail.push(Tok::Close);
                    w = rest;
                    continue;
                }
                if let Some(rest) = w.strip_suffix('?') {
                    tail.push(Tok::Quant(0, 1));
                    w = rest;
                    continue;
                }
                if let Some(rest) = w.strip_suffix('*') {
                    tail.push(Tok::Quant(0, usize::MAX));
                    w = rest;
                    continue;
                }
                if let Some(rest) = w.strip_suffix('+') {
                    tail.push(Tok::Quant(1, usize::MAX));
                    w = rest;
                    continue;
                }
                if w.ends_with('}') {
                    if let Some(open) = w.rfind('{') {
                        if let Some(q) = parse_range(&w[open + 1..w.len() - 1]) {
                            tail.push(Tok::Quant(q.0, q.1));
                            w = &w[..open];
                            continue;
                        }
                    }
                }
            }
            break;
        }
        match w {
            "" => {}
            ")" => out.push(Tok::Close),
            "/" => out.push(Tok::Slash),
            "?" => out.push(Tok::Quant(0, 1)),
            "*" => out.push(Tok::Quant(0, usize::MAX)),
            "+" => out.push(Tok::Quant(1, usize::MAX)),
            _ => out.push(Tok::Elem(w.to_owned())),
        }
        out.extend(tail.into_iter().rev());
    }
    out
}

fn parse_range(s: &str) -> Option<(usize, usize)> {
    let (a, b) = s.split_once(',')?;
    let a = a.trim().parse().ok()?;
    let b = b.trim().parse().ok()?;
    (a <= b).then_some((a, b))
}

pub(super) struct Parser<'a> {
    pub(super) toks: Vec<Tok>,
    pub(super) pos: usize,
    pub(super) captures: &'a mut Vec<String>,
    pub(super) lex: &'a Lexicon,
}

impl Parser<'_> {
    pub(super) fn seq(&mut self) -> Result<Vec<Node>, String> {
        let mut out = Vec::new();
        while let Some(t) = self.toks.get(self.pos).cloned() {
            match t {
                Tok::Close | Tok::Slash => break,
                Tok::Quant(..) => return Err("a quantifier follows nothing".into()),
                Tok::Open | Tok::Elem(_) | Tok::Not => {
                    let node = self.element()?;
                    out.push(node);
                }
            }
        }
        if out.is_empty() {
            return Err("empty pattern".into());
        }
        Ok(out)
    }

    fn element(&mut self) -> Result<Node, String> {
        let t = self.toks[self.pos].clone();
        self.pos += 1;
        let mut node = match t {
            Tok::Not => {
                if self.pos >= self.toks.len() {
                    return Err("'!' before nothing".into());
                }
                let inner = self.element()?;
                return Ok(Node::Not(Box::new(inner)));
            }
            Tok::Elem(e) if e.ends_with('=') && self.toks.get(self.pos) == Some(&Tok::Open) => {
                // "o=( ... )": a capture of a group.
                let name = e[..e.len() - 1].to_owned();
                let slot = self.slot(name);
                let group = self.element()?;
                Node::Capture(slot, Box::new(group))
            }
            Tok::Open => {
                let mut alts = vec![self.seq()?];
                while self.toks.get(self.pos) == Some(&Tok::Slash) {
                    self.pos += 1;
                    alts.push(self.seq()?);
                }
                if self.toks.get(self.pos) != Some(&Tok::Close) {
                    return Err("unclosed group".into());
                }
                self.pos += 1;
                Node::Group(alts)
            }
            Tok::Elem(e) => {
                let (name, body) = match e.split_once('=') {
                    Some((n, b)) if !n.is_empty() && !b.is_empty() => (Some(n.to_owned()), b),
                    _ => (None, e.as_str()),
                };
                let atom = self.atom(body)?;
                match name {
                    Some(n) => {
                        let slot = self.slot(n);
                        // A capture may quantify its element: "b=PARTY+".
                        let inner = self.quantified(Node::Atom(atom));
                        Node::Capture(slot, Box::new(inner))
                    }
                    None => Node::Atom(atom),
                }
            }
            _ => unreachable!("seq only calls element on Open or Elem"),
        };
        node = self.quantified(node);
        Ok(node)
    }

    /// The slot of a capture name: a new one, or the same name's in another alternative
    /// ("(o=NAME 's / o=GROUP)": whichever matched).
    fn slot(&mut self, name: String) -> usize {
        match slot_of(self.captures, &name) {
            Some(s) => s,
            None => {
                self.captures.push(name);
                self.captures.len() - 1
            }
        }
    }

    fn quantified(&mut self, mut node: Node) -> Node {
        while let Some(Tok::Quant(a, b)) = self.toks.get(self.pos) {
            node = Node::Repeat(Box::new(node), *a, *b);
            self.pos += 1;
        }
        node
    }

    fn atom(&self, body: &str) -> Result<Atom, String> {
        Ok(match body {
            "PARTIES" => Atom::Parties,
            "PARTY" => Atom::Party,
            "PLACE" => Atom::Place,
            "PLACES" => Atom::Places,
            "NAME" => Atom::Name,
            "ROLE" => Atom::Role,
            "ADV" => Atom::Adv,
            "DET" => Atom::Det,
            "ANY" => Atom::Any,
            "PERSON" => Atom::Person,
            "ORG" => Atom::Org,
            "GROUP" => Atom::Group,
            "HON" => Atom::Hon,
            "TITLE" => Atom::Title,
            "CAP" => Atom::Cap,
            "DEPUTY" => Atom::Deputy,
            "LOWER" => Atom::Lower,
            b if b.starts_with("<cue:") && b.ends_with('>') => {
                let name = &b[5..b.len() - 1];
                Atom::Cue(
                    crate::lexicon::Cue::parse(name)
                        .ok_or_else(|| format!("unknown cue <{name}>"))?,
                )
            }
            "RVERB" => Atom::RoleVerb,
            b if b.starts_with('<') && b.ends_with('>') && b.len() > 2 => {
                let name = &b[1..b.len() - 1];
                let id = self
                    .lex
                    .class_id(name)
                    .ok_or_else(|| format!("unknown word class <{name}>"))?;
                Atom::Class(id)
            }
            b if b.chars().any(|c| c.is_ascii_uppercase()) => {
                return Err(format!("unknown element {b}"));
            }
            b => Atom::Word(b.split('|').map(str::to_lowercase).collect()),
        })
    }
}
