//! Token-sequence phrase tables: the matcher behind every word list.

use rustc_hash::FxHashMap;

use crate::Span;
use crate::text::{FoldKey, Token, fold_key, tokenize};

/// Maps token sequences to values; finds the longest phrase starting at a token.
///
/// Phrases are tokenized with the same tokenizer as documents, so "son-in-law" and
/// "U.S." match exactly as they are split in text. Phrases are filed under their first
/// word's [`FoldKey`], which every token carries: a lookup hashes no text, and compares
/// text only for the phrases filed under the token's key.
#[derive(Debug)]
pub struct PhraseTable<T> {
    /// Phrases by the key of their first word (in any case, also in a table that keeps
    /// case), longest first; phrases of one length in the order they were added.
    by_first: FxHashMap<u64, Vec<Phrase<T>>>,
    fold_case: bool,
}

/// One phrase of a table and its value.
#[derive(Debug)]
struct Phrase<T> {
    /// Its words: in lower case when the table ignores case, else as listed.
    words: Box<[Word]>,
    value: T,
}

/// A word of a phrase: its text and the key of that text.
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
        }
    }

    /// The one-word phrases of the table, in no order (in lower case when the table ignores
    /// case): for code that writes a class's word, such as a connector in a normal form.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.by_first
            .values()
            .flatten()
            .filter_map(|p| match &*p.words {
                [w] => Some(&*w.text),
                _ => None,
            })
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

    /// Files `words` (in this table's form) unless present; returns the phrase's slot.
    fn file(&mut self, words: Box<[Word]>, make: impl FnOnce() -> T) -> &mut T {
        let Some(first) = words.first() else {
            panic!("empty phrase in a word list")
        };
        let list = self.by_first.entry(first.key.0).or_default();
        let pos = match list.iter().position(|p| p.words == words) {
            Some(p) => p,
            None => {
                let len = words.len();
                // Longest first, so the first hit is the longest match; after the phrases
                // of its own length.
                let at = list.partition_point(|p| p.words.len() >= len);
                list.insert(
                    at,
                    Phrase {
                        words,
                        value: make(),
                    },
                );
                at
            }
        };
        &mut list[pos].value
    }

    /// Adds a phrase, or returns the value already stored for it to update.
    pub fn entry(&mut self, phrase: &str, make: impl FnOnce() -> T) -> &mut T {
        let words: Box<[Word]> = tokenize(phrase, Span::new(0, phrase.len()))
            .iter()
            .map(|t| self.word(t.key, t.text(phrase)))
            .collect();
        self.file(words, make)
    }

    /// Adds every phrase of `other`, merging `value` into the value of a phrase already
    /// present (for a union of word classes).
    pub fn extend_from<U>(&mut self, other: &PhraseTable<U>, value: T, merge: impl Fn(&mut T, &T))
    where
        T: Clone,
    {
        for p in other.by_first.values().flatten() {
            let words: Box<[Word]> = p.words.iter().map(|w| self.word(w.key, &w.text)).collect();
            let mut added = false;
            let slot = self.file(words, || {
                added = true;
                value.clone()
            });
            if !added {
                merge(slot, &value);
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
            .and_then(|t| self.by_first.get(&t.key.0))
            .map_or(&[][..], Vec::as_slice);
        let rest = tokens.get(i..).unwrap_or_default();
        list.iter().filter_map(move |p| {
            let toks = rest.get(..p.words.len())?;
            toks.iter()
                .zip(&*p.words)
                .all(|(t, w)| t.key == w.key && self.same(w.key, t.text(doc), &w.text))
                .then_some((p.words.len(), &p.value))
        })
    }

    /// The text `got`, whose key is `key`, is the table's word `want` of the same key: in a
    /// table that ignores case, a whole-word key says so by itself.
    #[inline]
    fn same(&self, key: FoldKey, got: &str, want: &str) -> bool {
        if self.fold_case {
            key.is_whole() || eq_fold(got, want)
        } else {
            got == want
        }
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
        let key = fold_key(word);
        self.by_first.get(&key.0).is_some_and(|l| {
            l.iter()
                .any(|p| matches!(&*p.words, [w] if w.key == key && self.same(key, word, &w.text)))
        })
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
