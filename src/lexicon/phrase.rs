//! Token-sequence phrase tables: the matcher behind every word list.

use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;

use crate::Span;
use crate::text::{FoldKey, Token, fold_key, tokenize};

/// Maps token sequences to values; finds the longest phrase starting at a token.
///
/// Phrases are tokenized with the same tokenizer as documents, so "son-in-law" and
/// "U.S." match exactly as they are split in text. Phrases are filed under their first
/// word's [`FoldKey`], which every token carries: a lookup hashes no text, and compares
/// text only where keys alone cannot tell words apart.
#[derive(Debug)]
pub struct PhraseTable<T> {
    /// Phrases by the key of their first word (in any case, also in a table that keeps
    /// case), in groups of one first word as the table keeps it.
    by_first: FxHashMap<u64, Vec<Group<T>>>,
    fold_case: bool,
    /// A prefilter for [`PhraseTable::has_word`] over the one-word phrases in ASCII: a bit
    /// per first byte (lower-cased) and a bit per byte length (63: that length or longer).
    /// An ASCII word without both bits is no one-word phrase, and is rejected without
    /// computing its key.
    one_word_first: u128,
    one_word_len: u64,
    /// A filter over the keys of first words: a bit per key (by a hash of it, in
    /// `2^starts_log2` bits, at least eight per first word), set for every first word. Most
    /// tokens start no phrase, and a clear bit says so without probing `by_first`.
    starts: Vec<u64>,
    starts_log2: u32,
}

/// The phrases of a table with one first word.
#[derive(Debug)]
struct Group<T> {
    /// The first word: in lower case when the table ignores case, else as listed.
    first: Word,
    /// The words after the first, and the value, of each phrase: longest first, phrases of
    /// one length in the order they were added.
    phrases: Vec<(Box<[Word]>, T)>,
}

/// A word of a phrase: its text (in lower case when the table ignores case, else as listed)
/// and the key of that text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    key: FoldKey,
    text: Box<str>,
}

impl<T> PhraseTable<T> {
    /// An empty table; with `fold_case`, matching ignores letter case.
    #[must_use]
    pub fn new(fold_case: bool) -> Self {
        Self {
            by_first: FxHashMap::default(),
            fold_case,
            one_word_first: 0,
            one_word_len: 0,
            starts: vec![0],
            starts_log2: 6,
        }
    }

    /// The one-word phrases of the table, in no order (in lower case when the table ignores
    /// case): for code that writes a class's word, such as a connector in a normal form.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.by_first
            .values()
            .flatten()
            .filter(|g| g.phrases.iter().any(|(rest, _)| rest.is_empty()))
            .map(|g| &*g.first.text)
    }

    /// A word as the table keeps it.
    fn word(&self, key: FoldKey, text: &str) -> Word {
        Word {
            key,
            text: if self.fold_case {
                text.to_lowercase().into()
            } else {
                text.into()
            },
        }
    }

    /// Files the phrase `first` + `rest` (words as the table keeps them) unless present;
    /// returns the phrase's slot.
    fn file(&mut self, first: Word, rest: Box<[Word]>, make: impl FnOnce() -> T) -> &mut T {
        if let (true, Some(&b)) = (rest.is_empty(), first.text.as_bytes().first()) {
            if first.text.is_ascii() {
                self.one_word_first |= 1 << b.to_ascii_lowercase();
                self.one_word_len |= 1 << first.text.len().min(63);
            }
        }
        let key = first.key;
        let new_first = match self.by_first.entry(key.0) {
            Entry::Vacant(e) => {
                e.insert(Vec::new());
                true
            }
            Entry::Occupied(_) => false,
        };
        if new_first {
            self.note_start(key);
        }
        let groups = self.by_first.get_mut(&key.0).expect("filed above");
        let g = match groups.iter().position(|g| g.first == first) {
            Some(g) => g,
            None => {
                groups.push(Group {
                    first,
                    phrases: Vec::new(),
                });
                groups.len() - 1
            }
        };
        let list = &mut groups[g].phrases;
        let pos = match list.iter().position(|(r, _)| *r == rest) {
            Some(p) => p,
            None => {
                // Longest first, so the first hit is the longest match; after the phrases
                // of its own length.
                let at = list.partition_point(|(r, _)| r.len() >= rest.len());
                list.insert(at, (rest, make()));
                at
            }
        };
        &mut list[pos].1
    }

    /// The group of phrases whose first word is `text()` (of key `key`); the text is read
    /// only when the key cannot tell.
    #[inline]
    fn group<'a>(&self, key: FoldKey, text: impl FnOnce() -> &'a str) -> Option<&Group<T>> {
        if !self.may_start(key) {
            return None;
        }
        let groups = self.by_first.get(&key.0)?;
        if self.fold_case && key.is_whole() {
            // A whole-word key is one word of the table: one group.
            return groups.first();
        }
        let text = text();
        groups
            .iter()
            .find(|g| self.same(key, || text, &g.first.text))
    }

    /// The text `got()`, whose key is `key`, is the table's word `want` of the same key: in
    /// a table that ignores case, a whole-word key says so by itself.
    #[inline]
    fn same<'a>(&self, key: FoldKey, got: impl FnOnce() -> &'a str, want: &str) -> bool {
        if self.fold_case {
            key.is_whole() || eq_fold(got(), want)
        } else {
            got() == want
        }
    }

    /// The bit of `key` in [`PhraseTable::starts`]: its index and mask.
    #[inline]
    fn start_bit(&self, key: FoldKey) -> (usize, u64) {
        let h = key.0.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - self.starts_log2);
        ((h >> 6) as usize, 1 << (h & 63))
    }

    /// False when no phrase starts with a word of key `key` (true may be wrong).
    #[inline]
    fn may_start(&self, key: FoldKey) -> bool {
        let (word, bit) = self.start_bit(key);
        self.starts[word] & bit != 0
    }

    /// Sets the bit of `key` in [`PhraseTable::starts`], first growing the filter to keep
    /// it at least eight bits per first word.
    fn note_start(&mut self, key: FoldKey) {
        if self.by_first.len() * 8 > self.starts.len() * 64 {
            while self.by_first.len() * 8 > (1 << self.starts_log2) {
                self.starts_log2 += 2;
            }
            self.starts = vec![0; (1 << self.starts_log2) / 64];
            let keys: Vec<u64> = self.by_first.keys().copied().collect();
            for k in keys {
                let (word, bit) = self.start_bit(FoldKey(k));
                self.starts[word] |= bit;
            }
        }
        let (word, bit) = self.start_bit(key);
        self.starts[word] |= bit;
    }

    /// Adds a phrase, or returns the value already stored for it to update.
    pub fn entry(&mut self, phrase: &str, make: impl FnOnce() -> T) -> &mut T {
        let mut words = tokenize(phrase, Span::new(0, phrase.len()))
            .iter()
            .map(|t| self.word(t.key, t.text(phrase)))
            .collect::<Vec<_>>()
            .into_iter();
        let Some(first) = words.next() else {
            panic!("empty phrase in a word list")
        };
        self.file(first, words.collect(), make)
    }

    /// Adds every phrase of `other`, merging `value` into the value of a phrase already
    /// present (for a union of word classes).
    pub fn extend_from<U>(&mut self, other: &PhraseTable<U>, value: T, merge: impl Fn(&mut T, &T))
    where
        T: Clone,
    {
        for g in other.by_first.values().flatten() {
            for (rest, _) in &g.phrases {
                let first = self.word(g.first.key, &g.first.text);
                let rest: Box<[Word]> = rest.iter().map(|w| self.word(w.key, &w.text)).collect();
                let mut added = false;
                let slot = self.file(first, rest, || {
                    added = true;
                    value.clone()
                });
                if !added {
                    merge(slot, &value);
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
        let list = tokens
            .get(i)
            .and_then(|t| self.group(t.key, || t.text(doc)))
            .map_or(&[][..], |g| g.phrases.as_slice());
        let after = tokens.get(i + 1..).unwrap_or_default();
        list.iter().filter_map(move |(rest, value)| {
            let toks = after.get(..rest.len())?;
            toks.iter()
                .zip(rest)
                .all(|(t, w)| t.key == w.key && self.same(w.key, || t.text(doc), &w.text))
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
        if word.is_ascii() {
            let Some(&b) = word.as_bytes().first() else {
                return false;
            };
            if self.one_word_first & (1 << b.to_ascii_lowercase()) == 0
                || self.one_word_len & (1 << word.len().min(63)) == 0
            {
                return false;
            }
        }
        self.group(fold_key(word), || word)
            .is_some_and(|g| g.phrases.iter().any(|(rest, _)| rest.is_empty()))
    }

    /// True when `tokens[i]` alone is a one-word phrase of the table: for a token, what
    /// `has_word` is for its text (a token's text is that one token again), without
    /// computing its key.
    #[must_use]
    pub fn has_word_at(&self, doc: &str, tokens: &[Token], i: usize) -> bool {
        tokens
            .get(i)
            .and_then(|t| self.group(t.key, || t.text(doc)))
            .is_some_and(|g| g.phrases.iter().any(|(rest, _)| rest.is_empty()))
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

    /// Number of phrases (for diagnostics).
    #[must_use]
    pub fn len(&self) -> usize {
        self.by_first
            .values()
            .flatten()
            .map(|g| g.phrases.len())
            .sum()
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
    fn a_token_is_a_word_of_the_table_as_its_text_is() {
        let mut t = PhraseTable::new(true);
        t.insert("joined", ());
        t.insert("joined by", ());
        t.insert("U.S.", ());
        let doc = "Joined by the u.s. envoy , JOINED joinedby";
        let toks = tokenize(doc, Span::new(0, doc.len()));
        for i in 0..toks.len() {
            let text = toks[i].text(doc);
            assert_eq!(
                t.has_word_at(doc, &toks, i),
                crate::lexicon::phrase_in(&t, text),
                "{text}"
            );
        }
        let words: Vec<&str> = (0..toks.len())
            .filter(|&i| t.has_word_at(doc, &toks, i))
            .map(|i| toks[i].text(doc))
            .collect();
        assert_eq!(words, ["Joined", "u.s.", "JOINED"]);
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
