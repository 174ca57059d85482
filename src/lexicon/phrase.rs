//! Token-sequence phrase tables: the matcher behind every word list.

use rustc_hash::FxHashMap;

use crate::Span;
use crate::text::{Token, tokenize};

/// Maps token sequences to values; finds the longest phrase starting at a token.
///
/// Phrases are tokenized with the same tokenizer as documents, so "son-in-law" and
/// "U.S." match exactly as they are split in text.
#[derive(Debug)]
pub struct PhraseTable<T> {
    by_first: FxHashMap<String, Vec<(Vec<String>, T)>>,
    fold_case: bool,
    /// A prefilter over first words: per first byte (folded; bucket 0 for non-ASCII), a bit
    /// per byte length (63: that length or longer; all bits when the word is not ASCII).
    /// Most tokens start no phrase, and this rejects them without hashing.
    starts: Box<[u64; 128]>,
    /// A finer prefilter for ASCII words: per (first byte as in `starts`, last byte & 31), a
    /// bit per byte length. An ASCII word folds to an ASCII key of the same length, first
    /// and last letters, so a word no key shares them with starts no phrase.
    pairs: Box<[u64]>,
}

/// The slot of an ASCII word's (first byte bucket, last byte) in [`PhraseTable::pairs`].
#[inline]
fn pair_slot(first: u8, last: u8) -> usize {
    usize::from(first) * 32 + usize::from(last & 31)
}

impl<T> PhraseTable<T> {
    /// An empty table; with `fold_case`, matching ignores letter case.
    #[must_use]
    pub fn new(fold_case: bool) -> Self {
        Self {
            by_first: FxHashMap::default(),
            fold_case,
            starts: Box::new([0; 128]),
            pairs: vec![0; 128 * 32].into_boxed_slice(),
        }
    }

    /// The one-word phrases of the table, in no order (in lower case when the table ignores
    /// case): for code that writes a class's word, such as a connector in a normal form.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.by_first
            .iter()
            .filter(|(_, rests)| rests.iter().any(|(rest, _)| rest.is_empty()))
            .map(|(w, _)| w.as_str())
    }

    /// Records `first` (a table key) in the prefilter.
    fn note_start(&mut self, first: &str) {
        let Some(&b) = first.as_bytes().first() else {
            return;
        };
        let bucket = if b.is_ascii() { usize::from(b) } else { 0 };
        self.starts[bucket] |= if first.is_ascii() {
            1u64 << first.len().min(63)
        } else {
            u64::MAX
        };
        if first.is_ascii() {
            let last = *first.as_bytes().last().expect("not empty");
            self.pairs[pair_slot(b, last)] |= 1u64 << first.len().min(63);
        }
    }

    /// False when no phrase of the table can start with the token text `word`.
    #[inline]
    fn may_start(&self, word: &str) -> bool {
        let Some(&b) = word.as_bytes().first() else {
            return false;
        };
        if !b.is_ascii() {
            return self.starts[0] != 0;
        }
        let b = if self.fold_case {
            b.to_ascii_lowercase()
        } else {
            b
        };
        let bits = self.starts[usize::from(b)];
        if word.is_ascii() {
            let len = 1u64 << word.len().min(63);
            let last = *word.as_bytes().last().expect("not empty");
            bits & len != 0 && self.pairs[pair_slot(b, last)] & len != 0
        } else {
            bits != 0
        }
    }

    fn key(&self, s: &str) -> String {
        if self.fold_case {
            s.to_lowercase()
        } else {
            s.to_owned()
        }
    }

    /// The phrase's tokens as table keys.
    fn keys(&self, phrase: &str) -> Vec<String> {
        tokenize(phrase, Span::new(0, phrase.len()))
            .iter()
            .map(|t| self.key(t.text(phrase)))
            .collect()
    }

    /// Adds a phrase, or returns the value already stored for it to update.
    pub fn entry(&mut self, phrase: &str, make: impl FnOnce() -> T) -> &mut T {
        let keys = self.keys(phrase);
        let Some((first, rest)) = keys.split_first() else {
            panic!("empty phrase in a word list")
        };
        self.note_start(first);
        let list = self.by_first.entry(first.clone()).or_default();
        let pos = match list.iter().position(|(r, _)| r.as_slice() == rest) {
            Some(p) => p,
            None => {
                list.push((rest.to_vec(), make()));
                // Longest first, so the first hit is the longest match.
                list.sort_by_key(|(r, _)| std::cmp::Reverse(r.len()));
                list.iter()
                    .position(|(r, _)| r.as_slice() == rest)
                    .unwrap_or(0)
            }
        };
        &mut list[pos].1
    }

    /// Adds every phrase of `other`, merging `value` into the value of a phrase already
    /// present (for a union of word classes).
    pub fn extend_from<U>(&mut self, other: &PhraseTable<U>, value: T, merge: impl Fn(&mut T, &T))
    where
        T: Clone,
    {
        let fold = self.fold_case;
        for (first, list) in &other.by_first {
            let first = self_key(fold, first);
            self.note_start(&first);
            let mine = self.by_first.entry(first).or_default();
            for (rest, _) in list {
                let rest: Vec<String> = rest.iter().map(|w| self_key(fold, w)).collect();
                match mine.iter_mut().find(|(r, _)| *r == rest) {
                    Some((_, v)) => merge(v, &value),
                    None => {
                        mine.push((rest, value.clone()));
                        mine.sort_by_key(|(r, _)| std::cmp::Reverse(r.len()));
                    }
                }
            }
        }
    }

    /// Every phrase starting at `tokens[i]`, with its length in tokens and its value,
    /// longest first.
    pub fn all_at<'s, 'd>(
        &'s self,
        doc: &'d str,
        tokens: &'d [Token],
        i: usize,
    ) -> impl Iterator<Item = (usize, &'s T)> {
        let first = tokens
            .get(i)
            .map(|t| t.text(doc))
            .filter(|f| self.may_start(f));
        let list = first.and_then(|f| self.starting_with(f));
        list.into_iter().flatten().filter_map(move |(rest, value)| {
            if i + 1 + rest.len() > tokens.len() {
                return None;
            }
            rest.iter()
                .enumerate()
                .all(|(k, want)| {
                    let got = tokens[i + 1 + k].text(doc);
                    if self.fold_case {
                        eq_fold(got, want)
                    } else {
                        got == want
                    }
                })
                .then_some((1 + rest.len(), value))
        })
    }

    /// Adds a phrase with a value (replacing an existing one).
    pub fn insert(&mut self, phrase: &str, value: T) {
        let mut value = Some(value);
        let slot = self.entry(phrase, || value.take().expect("taken once"));
        if let Some(v) = value {
            *slot = v;
        }
    }

    /// The longest phrase starting at `tokens[i]`: its length in tokens and its value.
    #[must_use]
    pub fn longest_at(&self, doc: &str, tokens: &[Token], i: usize) -> Option<(usize, &T)> {
        // Phrases are kept longest first, so the first match is the longest.
        self.all_at(doc, tokens, i).next()
    }

    /// True when the one-word phrase `word` is in the table (no tokenizing, no allocation
    /// for short ASCII words).
    #[must_use]
    pub fn has_word(&self, word: &str) -> bool {
        if !self.may_start(word) {
            return false;
        }
        self.starting_with(word)
            .is_some_and(|l| l.iter().any(|(rest, _)| rest.is_empty()))
    }

    /// The phrases whose first word is `first` (folded when the table folds case): the rest
    /// of each phrase and its value.
    fn starting_with(&self, first: &str) -> Option<&Vec<(Vec<String>, T)>> {
        if self.fold_case && first.chars().any(char::is_uppercase) {
            // Lower-case short ASCII words on the stack; others allocate.
            let mut buf = [0u8; 32];
            if first.is_ascii() && first.len() <= buf.len() {
                let b = &mut buf[..first.len()];
                b.copy_from_slice(first.as_bytes());
                b.make_ascii_lowercase();
                self.by_first.get(std::str::from_utf8(b).expect("ASCII"))
            } else {
                self.by_first.get(&first.to_lowercase())
            }
        } else {
            self.by_first.get(first)
        }
    }

    /// True when a phrase of the table starts at `tokens[i]`.
    #[must_use]
    pub fn matches_at(&self, doc: &str, tokens: &[Token], i: usize) -> bool {
        self.longest_at(doc, tokens, i).is_some()
    }

    /// The first match at or after `from` and before `to`: (start, length).
    #[must_use]
    pub fn find_in(
        &self,
        doc: &str,
        tokens: &[Token],
        from: usize,
        to: usize,
    ) -> Option<(usize, usize)> {
        (from..to.min(tokens.len()))
            .find_map(|i| self.longest_at(doc, tokens, i).map(|(n, _)| (i, n)))
    }

    /// Number of first-token keys (for diagnostics).
    #[must_use]
    pub fn len(&self) -> usize {
        self.by_first.values().map(Vec::len).sum()
    }

    /// True when empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }
}

/// `got` lower-cased equals `want` (already lower case), without allocating.
fn eq_fold(got: &str, want: &str) -> bool {
    if got.is_ascii() {
        // Most words: byte lengths must agree, then a byte-wise comparison.
        got.len() == want.len()
            && got
                .bytes()
                .zip(want.bytes())
                .all(|(g, w)| g.to_ascii_lowercase() == w)
    } else {
        got.chars().flat_map(char::to_lowercase).eq(want.chars())
    }
}

fn self_key(fold: bool, s: &str) -> String {
    if fold { s.to_lowercase() } else { s.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_phrase_wins_and_case_folds() {
        let mut t = PhraseTable::new(true);
        t.insert("secretary", 1);
        t.insert("secretary of state", 2);
        t.insert("son-in-law", 3);
        let doc = "Secretary of State Rubio and his son-in-law";
        let toks = tokenize(doc, Span::new(0, doc.len()));
        assert_eq!(t.longest_at(doc, &toks, 0), Some((3, &2)));
        assert_eq!(t.longest_at(doc, &toks, 1), None);
        assert_eq!(t.longest_at(doc, &toks, 6), Some((5, &3)));
    }

    #[test]
    fn prefilter_keeps_every_phrase_reachable() {
        let mut t = PhraseTable::new(true);
        t.insert("Élysée Palace", 1);
        t.insert("a", 2);
        t.insert("Zürich", 3);
        t.insert(
            "longerthansixtythreebytes-longerthansixtythreebytes-longerthansixtythree",
            4,
        );
        let doc = "the ÉLYSÉE palace A zürich \
                   LongerThanSixtyThreeBytes-longerthansixtythreebytes-longerthansixtythree b";
        let toks = tokenize(doc, Span::new(0, doc.len()));
        let found: Vec<_> = (0..toks.len())
            .filter_map(|i| t.longest_at(doc, &toks, i).map(|(_, v)| *v))
            .collect();
        assert_eq!(found, vec![1, 2, 3, 4]);
    }

    #[test]
    fn case_sensitive_table_keeps_case() {
        let mut t = PhraseTable::new(false);
        t.insert("US", ());
        let doc = "us US";
        let toks = tokenize(doc, Span::new(0, doc.len()));
        assert!(!t.matches_at(doc, &toks, 0));
        assert!(t.matches_at(doc, &toks, 1));
    }
}
