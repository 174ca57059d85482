//! Helpers of the part-of-speech table: case folding, the spelling tests that inflection
//! needs, and checking the fields of `pos.tsv`.

use super::{BUF, Entry, NO_LEMMA, Pos};

/// Calls `f` with `word` in lower case (and `’` as `'`), without allocating when `word` is
/// ASCII and at most [`BUF`] bytes long.
pub(super) fn with_folded<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let b = word.as_bytes();
    if b.is_ascii() {
        if !b.iter().any(u8::is_ascii_uppercase) {
            return f(word);
        }
        if b.len() <= BUF {
            let mut buf = [0u8; BUF];
            for (d, s) in buf.iter_mut().zip(b) {
                *d = s.to_ascii_lowercase();
            }
            return f(std::str::from_utf8(&buf[..b.len()]).unwrap_or_default());
        }
        return f(&word.to_ascii_lowercase());
    }
    let folded: String = word
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
        .collect();
    f(&folded)
}

pub(super) fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// True when `b` ends consonant-vowel-consonant with a final consonant that doubles
/// (not w, x or y): "hop", "rat", "plan".
pub(super) fn ends_cvc(b: &[u8]) -> bool {
    let n = b.len();
    n >= 3
        && b[n - 3].is_ascii_lowercase()
        && !is_vowel(b[n - 3])
        && is_vowel(b[n - 2])
        && b[n - 1].is_ascii_lowercase()
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
}

/// True when a verb stem takes `-es` in the third person: "passes", "fixes", "goes".
pub(super) fn sibilant_or_o(stem: &str) -> bool {
    ["s", "x", "z", "ch", "sh", "o"]
        .iter()
        .any(|e| stem.ends_with(e))
}

/// Rejects empty words, upper case and tabs (data words are stored folded).
pub(super) fn check_word(word: &str) -> Result<(), String> {
    if word.is_empty() {
        return Err("empty word".into());
    }
    let bad = if word.is_ascii() {
        word.bytes()
            .any(|b| b.is_ascii_uppercase() || matches!(b, b'\t'..=b'\r' | b' '))
    } else {
        word.chars().any(|c| c.is_uppercase() || c.is_whitespace())
    };
    if bad {
        return Err(format!("{word:?} is not a lower-case word"));
    }
    Ok(())
}

/// Adds one `pos.tsv` field (lemma tags or an irregular form) to `entry`.
pub(super) fn parse_field(
    field: &str,
    entry: &mut Entry,
    verb_lemmas: &mut Vec<Box<str>>,
) -> Result<(), String> {
    let class = |c: char| match c {
        'N' => Some(Pos::NOUN),
        'V' => Some(Pos::VERB),
        'J' => Some(Pos::ADJ),
        'R' => Some(Pos::ADV),
        _ => None,
    };
    let Some((head, lemmas)) = field.split_once(':') else {
        if field.is_empty() {
            return Err("empty field".into());
        }
        for c in field.chars() {
            let p = class(c).ok_or_else(|| format!("unknown class letter {c:?} in {field:?}"))?;
            entry.lemma |= p;
            entry.tags |= p;
            if p == Pos::VERB {
                entry.tags |= Pos::BASE;
            }
        }
        return Ok(());
    };
    let mut chars = head.chars();
    let x = chars
        .next()
        .and_then(class)
        .ok_or_else(|| format!("bad field {field:?}"))?;
    let mut tags = x;
    for flag in chars {
        tags |= match (x, flag) {
            (Pos::VERB, 'd') => Pos::PAST,
            (Pos::VERB, 'p') => Pos::PARTICIPLE,
            (Pos::VERB, 'g') => Pos::GERUND,
            (Pos::VERB, 's') => Pos::THIRD,
            (Pos::VERB, 'b') => Pos::BASE,
            (Pos::NOUN, 'p') => Pos::PLURAL,
            _ => return Err(format!("unknown flag {flag:?} in {field:?}")),
        };
    }
    for lemma in lemmas.split(',') {
        check_word(lemma).map_err(|e| format!("{e} in {field:?}"))?;
        if x == Pos::VERB && entry.verb_lemma == NO_LEMMA {
            entry.verb_lemma =
                u32::try_from(verb_lemmas.len()).map_err(|_| "too many verb lemmas".to_string())?;
            verb_lemmas.push(lemma.into());
        }
    }
    entry.tags |= tags;
    Ok(())
}
