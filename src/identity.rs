//! Evidence for and against two person mentions being one person.
//!
//! Names agree when their [`name_key`]s are equal: the same letters after Unicode
//! transliteration (`any_ascii`), case folding, German umlauts as `ae`/`oe`/`ue`, punctuation as
//! spaces, and a few transliteration variants of Slavic names (`-yy`/`-iy`/`-ii` endings as
//! `-y`; `y` before a vowel after a consonant as `i`, so "Kyslytsya" meets "Kyslytsia"). A
//! spelling skeleton alone (Smyth/Smith, Harry/Gary) is no agreement.
//!
//! What contradicts an identity: the sex a word of address or a given name shows ("Mr X" is
//! not a woman named X; `data/name_sex.tsv`), and given names that differ ("Harry Hart" is not
//! "Gary Hart"; an initial agrees with the names it begins, "Steve" with "Steven").

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The identity key of a name: equal keys mean the names agree (see the module docs).
#[must_use]
pub fn name_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut push_word = |w: &[u8]| {
        if !out.is_empty() {
            out.push(' ');
        }
        push_translit(&mut out, w);
    };
    if name.is_ascii() {
        // Most names: ASCII letters and digits make the words, anything else parts them.
        name.as_bytes()
            .split(|b| !b.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .for_each(push_word);
        return out;
    }
    let mut flat = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => flat.push_str("ae"),
            'ö' => flat.push_str("oe"),
            'ü' => flat.push_str("ue"),
            'ß' => flat.push_str("ss"),
            c if c.is_ascii_alphanumeric() => flat.push(c),
            c if c.is_ascii() => flat.push(' '),
            c => {
                let t = any_ascii::any_ascii_char(c);
                if t.is_empty() {
                    continue;
                }
                for t in t.chars().flat_map(char::to_lowercase) {
                    if t.is_ascii_alphanumeric() {
                        flat.push(t);
                    } else if t != '\'' {
                        flat.push(' ');
                    }
                }
            }
        }
    }
    // `flat` holds ASCII letters, digits and spaces only.
    flat.split_ascii_whitespace()
        .for_each(|w| push_word(w.as_bytes()));
    out
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Appends the transliteration variant of one ASCII word of letters and digits (in any
/// case) to `out`, in lower case: a final "yy", "iy", "ii", "yi" or "ij" as "y", then a "y"
/// between a consonant and a vowel as "i".
fn push_translit(out: &mut String, w: &[u8]) {
    let mut stem = w;
    let mut y_end = false;
    for end in ["yy", "iy", "ii", "yi", "ij"] {
        if w.len() > end.len() + 2 && w[w.len() - end.len()..].eq_ignore_ascii_case(end.as_bytes())
        {
            stem = &w[..w.len() - end.len()];
            y_end = true;
            break;
        }
    }
    // The word as rewritten: the stem, and the final "y" when an ending was replaced.
    let n = stem.len() + usize::from(y_end);
    let at = |i: usize| stem.get(i).map_or(b'y', u8::to_ascii_lowercase);
    for i in 0..n {
        let c = at(i);
        let y_as_i = c == b'y'
            && i > 0
            && !is_vowel(at(i - 1))
            && at(i - 1) != b'y'
            && i + 1 < n
            && is_vowel(at(i + 1));
        out.push(if y_as_i { 'i' } else { char::from(c) });
    }
}

struct SexTable {
    honorific: FxHashMap<String, char>,
    given: FxHashMap<String, char>,
}

fn table() -> &'static SexTable {
    static T: OnceLock<SexTable> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = SexTable {
            honorific: FxHashMap::default(),
            given: FxHashMap::default(),
        };
        for line in include_str!("lexicon/data/name_sex.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let [kind, word, sex] = cols[..] else {
                panic!("name_sex.tsv: want 3 columns: {line}");
            };
            let sex = sex.chars().next().expect("m or f");
            match kind {
                "honorific" => t.honorific.insert(word.to_owned(), sex),
                "given" => t.given.insert(name_key(word), sex),
                other => panic!("name_sex.tsv: unknown kind {other}"),
            };
        }
        t
    })
}

/// The sex a word of address shows ("Mr" -> 'm', "Ms" -> 'f'); `None` for "Dr" and non-honorifics.
#[must_use]
pub fn honorific_sex(word: &str) -> Option<char> {
    table().honorific.get(word.trim_end_matches('.')).copied()
}

/// The sex the given name of a full name shows ("Frances Thornbury" -> 'f'), when the list
/// knows it.
#[must_use]
pub fn given_name_sex(full: &str) -> Option<char> {
    let mut words = full.split_whitespace();
    let first = words.next()?;
    words.next()?;
    table().given.get(&name_key(first)).copied()
}

/// The honorific standing right before byte `start` of `doc` ("Mr Hart": "Mr"), if any.
#[must_use]
pub fn honorific_before(doc: &str, start: usize) -> Option<&str> {
    let word = last_word(doc, start)?;
    honorific_sex(word).map(|_| word.trim_end_matches('.'))
}

/// Longest word [`honorific_before`] and [`word_before`] look back over, in bytes: no title
/// is longer, and a bounded look-back keeps a document without spaces linear.
const WORD_REACH: usize = 64;

/// The whitespace-, bracket- or quote-separated word ending right before byte `start` (after
/// trailing whitespace), or `None` when none ends there or it is longer than [`WORD_REACH`].
fn last_word(doc: &str, start: usize) -> Option<&str> {
    let mut lo = start.saturating_sub(2 * WORD_REACH);
    while !doc.is_char_boundary(lo) {
        lo -= 1;
    }
    let before = doc.get(lo..start)?.trim_end();
    let sep = |c: char| c.is_whitespace() || c == '(' || c == '"';
    match before.rfind(sep) {
        Some(i) => Some(&before[i + before[i..].chars().next().map_or(1, char::len_utf8)..]),
        None if lo == 0 => Some(before),
        None => None,
    }
    .filter(|w| w.len() <= WORD_REACH)
}

/// The word standing right before byte `start` of `doc` ("President Clinton": "President").
#[must_use]
pub fn word_before(doc: &str, start: usize) -> Option<&str> {
    let word = last_word(doc, start)?.trim_end_matches('.');
    (!word.is_empty()).then_some(word)
}

/// True unless both sexes are known and differ.
#[must_use]
pub fn sexes_agree(a: Option<char>, b: Option<char>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// True when the given names of two full names may be one person's: equal after
/// [`name_key`], one an initial of the other ("J." and "John"), or one a short form that begins
/// the other ("Steve" and "Steven"). "Harry" and "Gary" do not agree.
#[must_use]
pub fn given_names_agree(a: &str, b: &str) -> bool {
    let first = |s: &str| name_key(s.split_whitespace().next().unwrap_or_default());
    let (x, y) = (first(a), first(b));
    if x == y {
        return true;
    }
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    (short.len() == 1 && long.starts_with(&short)) || (short.len() >= 3 && long.starts_with(&short))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_agree_after_normalisation_not_by_skeleton() {
        for (a, b) in [
            ("Zelensky", "Zelenskyy"),
            ("Zelenskiy", "Zelensky"),
            ("Kyslytsya", "Kyslytsia"),
            ("Schröder", "Schroeder"),
            ("ROSÂNGELA", "rosangela"),
            ("Jean-Yves Le Drian", "Jean Yves Le Drian"),
        ] {
            assert_eq!(name_key(a), name_key(b), "{a} / {b}");
        }
        for (a, b) in [
            ("Smyth", "Smith"),
            ("Harry Hart", "Gary Hart"),
            ("Khan", "Kahn"),
            ("Blair", "Blain"),
        ] {
            assert_ne!(name_key(a), name_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn sex_evidence() {
        assert_eq!(honorific_sex("Mr."), Some('m'));
        assert_eq!(honorific_sex("Ms"), Some('f'));
        assert_eq!(honorific_sex("Dr"), None);
        assert_eq!(given_name_sex("Frances Thornbury"), Some('f'));
        assert_eq!(given_name_sex("Thornbury"), None);
        assert_eq!(honorific_before("said Mr. Hart", 9), Some("Mr"));
        assert_eq!(honorific_before("said Hart", 5), None);
        assert!(!sexes_agree(Some('m'), Some('f')));
        assert!(sexes_agree(None, Some('f')));
    }

    #[test]
    fn given_names() {
        assert!(given_names_agree("Steve Witkoff", "Steven Witkoff"));
        assert!(given_names_agree("J. Smith", "John Smith"));
        assert!(!given_names_agree("Harry Hart", "Gary Hart"));
        assert!(!given_names_agree("Paul Smith", "John Smith"));
    }
}
