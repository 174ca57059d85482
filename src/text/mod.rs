//! Sentences and tokens with byte spans: [`split`] turns blocks of a document into
//! [`Sentence`]s of [`Token`]s.
//!
//! Tokens never own text: each is a [`Span`] into the document plus a few flags, so a
//! sentence's tokens are one allocation however long it is.

pub mod time;

use crate::Span;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (and digits, apostrophes, internal dots of abbreviations such as "U.S.").
    Word,
    /// Digits, possibly with separators ("2,000", "3.5").
    Number,
    /// One punctuation or symbol character.
    Punct,
}

/// One token: a span and what it looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Bytes in the document.
    pub span: Span,
    /// Word, number or punctuation.
    pub kind: TokenKind,
    /// Starts with an upper-case letter.
    pub upper: bool,
    /// No whitespace between this token and the previous one ("Russia" "-" "Ukraine").
    pub glued: bool,
    /// The key of the token's text in any case ([`fold_key`]), computed once here so that
    /// word lists look the token up without hashing its text again. It stays valid when
    /// only the letter case of the text changes.
    pub key: FoldKey,
}

/// The key of a word in any case: words equal up to letter case (`str::to_lowercase`) have
/// the same key. A lower-case form of up to 7 bytes is the key itself (its bytes and its
/// length), so two such words share a key only when they are equal up to case; a longer
/// one is hashed, and two different long words may share a key, so a lookup by key still
/// compares the text of a long word (see [`FoldKey::is_whole`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct FoldKey(pub u64);

impl FoldKey {
    /// The key holds the whole lower-case word (at most 7 bytes), not a hash: equal keys
    /// mean words equal up to case.
    #[must_use]
    pub fn is_whole(self) -> bool {
        self.0 >> 63 == 0
    }
}

/// The [`FoldKey`] of `word`. ASCII words are lower-cased as they are read, without a copy;
/// others go through `str::to_lowercase`.
#[must_use]
pub fn fold_key(word: &str) -> FoldKey {
    if word.is_ascii() {
        FoldKey(key_folding_ascii(word.as_bytes()))
    } else {
        FoldKey(key_folding_ascii(word.to_lowercase().as_bytes()))
    }
}

/// The key of `bytes` with ASCII capitals read as small letters (other bytes as they are):
/// up to 7 bytes, the bytes (little-endian) and the length in the top byte; else a
/// multiplicative hash (in the manner of FxHash) of the bytes read eight at a time, with the
/// top bit set.
fn key_folding_ascii(bytes: &[u8]) -> u64 {
    /// The multiplier of rustc-hash 2's FxHasher.
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let pack = |part: &[u8]| {
        part.iter()
            .rev()
            .fold(0u64, |v, &b| (v << 8) | u64::from(b))
    };
    if bytes.len() <= 7 {
        return lower_ascii8(pack(bytes)) | ((bytes.len() as u64) << 56);
    }
    let step = |h: u64, chunk: u64| (h.rotate_left(5) ^ lower_ascii8(chunk)).wrapping_mul(K);
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = step(h, u64::from_le_bytes(c.try_into().expect("8 bytes")));
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        h = step(h, pack(tail));
    }
    h | 1 << 63
}

/// Eight bytes (little-endian in a `u64`) with the ASCII capitals among them made small.
#[inline]
fn lower_ascii8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Per byte, with its high bit cleared (no carry crosses a byte): the high bit of
    // `at_least_a` says "at least 'A'", that of `above_z` "above 'Z'".
    let low7 = x & (0x7f * ONES);
    let at_least_a = low7 + u64::from(0x80 - b'A') * ONES;
    let above_z = low7 + u64::from(0x7f - b'Z') * ONES;
    // Capitals: at least 'A', not above 'Z', and ASCII; 0x80 >> 2 is the case bit 0x20.
    let capitals = at_least_a & !above_z & !x & (0x80 * ONES);
    x | (capitals >> 2)
}

impl Token {
    /// The token's text in `doc`.
    #[must_use]
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.span]
    }

    /// True for a word token.
    #[must_use]
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

/// A sentence: its span and its tokens.
#[derive(Clone, Debug)]
pub struct Sentence {
    /// Bytes in the document, from the first token to the last.
    pub span: Span,
    /// The tokens, in order.
    pub tokens: Vec<Token>,
    /// Index of the block (paragraph) it came from; block 0 is the headline.
    pub block: usize,
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Adm", "Sen", "Rep",
    "Gov", "Jr", "Sr", "Prof", "Rev", "Hon", "Mt", "No", "Nos", "vs", "etc", "Inc", "Ltd", "Co",
    "Corp", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "approx", "Fig", "Mme", "Messrs", "Pres", "Amb", "Dept", "Ave", "Blvd",
];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits `text` into tokens, within `block` only.
#[must_use]
pub fn tokenize(text: &str, block: Span) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(block.len() / 5 + 1);
    let s = &text[block];
    let bytes = s.as_bytes();
    let base = block.start;
    // `p` is the byte offset of the next character; runs of ASCII letters and digits are
    // skipped byte by byte, everything else is read as a `char`.
    let mut p = 0;
    let mut prev_end = usize::MAX;
    while let Some(c) = char_at(s, p) {
        if c.is_whitespace() {
            p += c.len_utf8();
            continue;
        }
        let start = p;
        let glued = prev_end == start;
        let (end, kind) = if c.is_alphabetic() {
            (word_end(s, start), TokenKind::Word)
        } else if c.is_ascii_digit() {
            let mut end = start;
            loop {
                while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                    end += 1;
                }
                match char_at(s, end) {
                    Some(d) if d.is_alphanumeric() => end += d.len_utf8(),
                    Some(',' | '.' | ':') if bytes.get(end + 1).is_some_and(u8::is_ascii_digit) => {
                        end += 1;
                    }
                    _ => break,
                }
            }
            (end, TokenKind::Number)
        } else if is_apostrophe(c)
            && s[start + c.len_utf8()..].starts_with('s')
            && !char_at(s, start + c.len_utf8() + 1).is_some_and(char::is_alphanumeric)
        {
            // The possessive "'s" is one token.
            (start + c.len_utf8() + 1, TokenKind::Word)
        } else {
            (start + c.len_utf8(), TokenKind::Punct)
        };
        tokens.push(Token {
            span: Span::new(base + start, base + end),
            kind,
            upper: c.is_uppercase(),
            glued,
            key: fold_key(&s[start..end]),
        });
        prev_end = end;
        p = end;
    }
    tokens
}

/// The character at byte `p` of `s` (a character boundary), without decoding ASCII.
#[inline]
fn char_at(s: &str, p: usize) -> Option<char> {
    let b = *s.as_bytes().get(p)?;
    if b.is_ascii() {
        Some(char::from(b))
    } else {
        s[p..].chars().next()
    }
}

/// The end of the word token starting at byte `start` of `s` (a letter): letters, digits
/// and combining marks, apostrophes inside a word ("O'Brien", "don't", not the possessive
/// "'s"), and the dots of single letters joined by dots ("U.S.", "J.D.", "a.m.").
fn word_end(s: &str, start: usize) -> usize {
    let bytes = s.as_bytes();
    let mut end = start;
    let mut last_dot_abbrev = false;
    loop {
        while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
            end += 1;
        }
        let Some(d) = char_at(s, end) else {
            break;
        };
        let j = end;
        if d.is_alphanumeric() || is_mark(d) {
            end = j + d.len_utf8();
        } else if is_apostrophe(d) {
            // "O'Brien", "don't" stay whole; "Trump's" leaves "'s" to its own token.
            let rest = &s[j + d.len_utf8()..];
            let next: Option<char> = rest.chars().next();
            let after_s = rest.chars().nth(1);
            let possessive =
                matches!(next, Some('s')) && !after_s.is_some_and(char::is_alphanumeric);
            if next.is_some_and(char::is_alphabetic) && !possessive {
                end = j + d.len_utf8();
            } else {
                break;
            }
        } else if d == '.' {
            // "U.S.", "J.D.", "a.m.": single letters joined by dots.
            let seg_len = s[start..j]
                .rsplit('.')
                .next()
                .map_or(0, |p| p.chars().count());
            let next = s[j + 1..].chars().next();
            if seg_len == 1
                && (next.is_some_and(char::is_alphabetic) && s[j + 1..].chars().nth(1) == Some('.')
                    || last_dot_abbrev)
            {
                end = j + 1;
                last_dot_abbrev = true;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    end
}

fn is_mark(c: char) -> bool {
    // Combining marks keep decomposed accents inside their word.
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF)
}

fn is_closing(c: &str) -> bool {
    matches!(c, "\"" | "'" | "”" | "’" | ")" | "]" | "»")
}

/// Splits each block of `text` into sentences. Blocks are paragraphs: a sentence never
/// crosses one. Abbreviations (Mr., U.S., Dec.) and initials do not end sentences.
#[must_use]
pub fn split(text: &str, blocks: &[Span]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (b, &block) in blocks.iter().enumerate() {
        let tokens = tokenize(text, block);
        let mut start = 0;
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            let tx = t.text(text);
            let ends = match tx {
                "." => !is_abbreviation_before(text, &tokens, i),
                "!" | "?" | "…" => true,
                _ => false,
            };
            if ends {
                // Take closing quotes and brackets with the sentence.
                let mut j = i + 1;
                while j < tokens.len()
                    && tokens[j].kind == TokenKind::Punct
                    && (is_closing(tokens[j].text(text))
                        || matches!(tokens[j].text(text), "." | "!" | "?"))
                {
                    j += 1;
                }
                let next_starts = tokens.get(j).is_none_or(|n| {
                    n.upper
                        || n.kind == TokenKind::Number
                        || matches!(n.text(text), "\"" | "“" | "‘" | "'" | "(" | "-" | "–" | "—")
                });
                if next_starts {
                    push(&mut out, text, &tokens[start..j], b);
                    start = j;
                }
                // Every end mark in i..j looks ahead to the same token j: none ends a sentence
                // either (a run of dots is read once, not once per dot).
                i = j;
                continue;
            }
            i += 1;
        }
        push(&mut out, text, &tokens[start..], b);
    }
    out
}

/// The most tokens a sentence holds. Longer runs without a sentence end (lists, pages
/// without full stops, generated text) are cut into pieces of at most this many tokens, after
/// the last semicolon or comma of each piece's second half when there is one. Every stage
/// after splitting looks at a sentence as a whole, so this bound keeps extraction linear in
/// the document's length whatever its punctuation. News sentences are far shorter: the
/// longest in the development articles has about 115 tokens.
pub const MAX_SENTENCE_TOKENS: usize = 256;

fn push(out: &mut Vec<Sentence>, text: &str, mut tokens: &[Token], block: usize) {
    while tokens.len() > MAX_SENTENCE_TOKENS {
        let half = MAX_SENTENCE_TOKENS / 2;
        let window = &tokens[half..MAX_SENTENCE_TOKENS];
        let cut = |mark: &str| {
            window
                .iter()
                .rposition(|t| t.kind == TokenKind::Punct && t.text(text) == mark)
        };
        let at = cut(";")
            .or_else(|| cut(","))
            .map_or(MAX_SENTENCE_TOKENS, |k| half + k + 1);
        push_one(out, &tokens[..at], block);
        tokens = &tokens[at..];
    }
    push_one(out, tokens, block);
}

fn push_one(out: &mut Vec<Sentence>, tokens: &[Token], block: usize) {
    if let (Some(first), Some(last)) = (tokens.first(), tokens.last()) {
        out.push(Sentence {
            span: first.span.cover(last.span),
            tokens: tokens.to_vec(),
            block,
        });
    }
}

fn is_abbreviation_before(text: &str, tokens: &[Token], dot: usize) -> bool {
    let Some(prev) = dot.checked_sub(1).map(|p| tokens[p]) else {
        return false;
    };
    if !prev.is_word() || prev.span.end != tokens[dot].span.start {
        return false;
    }
    let w = prev.text(text);
    // A single capital is an initial ("J. Smith"), unless it is a pronoun.
    if w.chars().count() == 1 && prev.upper && w != "I" {
        return true;
    }
    ABBREVIATIONS.contains(&w)
}

/// Tokens of a wire dateline at the start of a sentence ("MOSCOW, March 4 (Reuters) -",
/// "LONDON (AP) --"): the index of the first token after it, or 0 when there is none.
#[must_use]
pub fn dateline_end(text: &str, tokens: &[Token]) -> usize {
    let caps = |t: &Token| {
        t.is_word()
            && t.text(text).chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !t.text(text).chars().any(char::is_lowercase)
    };
    if !tokens.first().is_some_and(caps) {
        return 0;
    }
    let mut i = 0;
    while i < tokens.len() && (caps(&tokens[i]) || tokens[i].text(text) == ".") {
        i += 1;
    }
    // Optional ", date", then optional "(Agency)", then a free-standing dash.
    if tokens.get(i).is_some_and(|t| t.text(text) == ",") {
        i += 1;
        while i < tokens.len()
            && (tokens[i].kind == TokenKind::Number
                || matches!(tokens[i].text(text), "." | ",")
                || (tokens[i].upper && tokens[i].text(text).len() <= 9))
            && tokens[i].text(text) != "("
        {
            i += 1;
        }
    }
    if tokens.get(i).is_some_and(|t| t.text(text) == "(") {
        let close = (i + 1..(i + 8).min(tokens.len())).find(|&j| tokens[j].text(text) == ")");
        match close {
            Some(c) => i = c + 1,
            None => return 0,
        }
    }
    match tokens.get(i) {
        Some(t) if matches!(t.text(text), "-" | "–" | "—" | ":") && !t.glued => {
            let mut end = i + 1;
            while tokens.get(end).is_some_and(|t| t.text(text) == "-") {
                end += 1;
            }
            end
        }
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text, &[Span::new(0, text.len())])
            .iter()
            .map(|s| &text[s.span])
            .collect()
    }

    #[test]
    fn long_runs_without_an_end_are_cut_at_commas() {
        // 300 clauses of 7 tokens ("Anna met Boris in Hull on Monday" + ","), no full stop.
        let clause = "Anna met Boris in Hull on Monday";
        let text = vec![clause; 300].join(", ");
        let found = split(&text, &[Span::new(0, text.len())]);
        assert!(found.len() > 1, "one sentence of {} bytes", text.len());
        for s in &found {
            assert!(
                s.tokens.len() <= MAX_SENTENCE_TOKENS,
                "{} tokens",
                s.tokens.len()
            );
            // Every piece starts a clause: the cut is after a comma, never inside one.
            assert_eq!(s.tokens[0].text(&text), "Anna");
        }
        let tokens: usize = found.iter().map(|s| s.tokens.len()).sum();
        assert_eq!(tokens, 300 * 7 + 299, "a token lost or repeated");
        // Without commas the cut is at the limit.
        let words = vec!["word"; 1000].join(" ");
        let found = split(&words, &[Span::new(0, words.len())]);
        let sizes: Vec<usize> = found.iter().map(|s| s.tokens.len()).collect();
        assert_eq!(sizes, [256, 256, 256, 232]);
    }

    #[test]
    fn sentence_table() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Mr. Smith met Dr. Jones. They talked.",
                &["Mr. Smith met Dr. Jones.", "They talked."],
            ),
            (
                "The U.S. envoy left on Dec. 3. He said “no.” Then he went.",
                &[
                    "The U.S. envoy left on Dec. 3.",
                    "He said “no.”",
                    "Then he went.",
                ],
            ),
            (
                "Gen. Ali spoke. J. D. Vance listened!",
                &["Gen. Ali spoke.", "J. D. Vance listened!"],
            ),
            (
                "Just yesterday... they met. Fine",
                &["Just yesterday... they met.", "Fine"],
            ),
            ("No full stop at the end", &["No full stop at the end"]),
        ];
        for (text, want) in cases {
            assert_eq!(&sentences(text), want, "{text}");
        }
    }

    #[test]
    fn tokens_keep_abbreviations_and_split_possessives() {
        let text = "U.S. envoy Trump’s son-in-law O'Brien met J.D. Vance in Russia–Ukraine talks.";
        let toks: Vec<&str> = tokenize(text, Span::new(0, text.len()))
            .iter()
            .map(|t| t.text(text))
            .collect();
        assert_eq!(
            toks,
            [
                "U.S.", "envoy", "Trump", "’s", "son", "-", "in", "-", "law", "O'Brien", "met",
                "J.D.", "Vance", "in", "Russia", "–", "Ukraine", "talks", "."
            ]
        );
    }

    #[test]
    fn datelines_table() {
        for (text, after) in [
            ("MOSCOW, March 4 (Example Wire) - Putin met him.", "Putin"),
            ("LONDON (AP) -- Lammy hosted Fidan.", "Lammy"),
            (
                "UNITED NATIONS, Oct. 7, 2025 (Wire) -- Guterres met him.",
                "Guterres",
            ),
            ("NATO allies met on Monday.", ""),
            ("Putin met Witkoff - twice.", ""),
            ("UN Secretary-General Guterres spoke.", ""),
        ] {
            let toks = tokenize(text, Span::new(0, text.len()));
            let end = dateline_end(text, &toks);
            let got = if end == 0 { "" } else { toks[end].text(text) };
            assert_eq!(got, after, "{text}");
        }
    }

    #[test]
    fn fold_keys_ignore_case_only() {
        let key = |w: &str| fold_key(w);
        // Whole-word keys (up to 7 bytes lower-cased) and hashed ones (longer).
        for (a, b) in [
            ("Envoy", "ENVOY"),
            ("us", "US"),
            ("Schröder", "SCHRÖDER"),
            ("Secretary-General", "secretary-general"),
            ("Élysée", "élysée"),
        ] {
            assert_eq!(key(a), key(b), "{a} / {b}");
        }
        assert!(key("Envoy").is_whole());
        assert!(!key("Secretary").is_whole());
        // Short words differ unless equal up to case: the key is the word.
        let words = [
            "a", "A.", "an", "and", "ana", "Anna", "annas", "x", "\0", "7", "1990", "naa",
        ];
        for (i, a) in words.iter().enumerate() {
            for b in &words[i + 1..] {
                assert_ne!(key(a), key(b), "{a} / {b}");
            }
        }
        // A short and a long word never share a key (the top bit tells them apart).
        assert_ne!(key("abcdefg").0 >> 63, key("abcdefgh").0 >> 63);
    }

    proptest::proptest! {
        #[test]
        fn ascii_lowering_by_eight_bytes_matches_std(bytes: [u8; 8]) {
            let want = u64::from_le_bytes(bytes.map(|b| b.to_ascii_lowercase()));
            proptest::prop_assert_eq!(lower_ascii8(u64::from_le_bytes(bytes)), want);
        }

        #[test]
        fn fold_key_is_the_key_of_the_lower_case_form(word in "\\PC{0,12}") {
            proptest::prop_assert_eq!(fold_key(&word), fold_key(&word.to_lowercase()));
        }
    }

    #[test]
    fn numbers_and_multibyte() {
        let text = "Schröder paid 2,000.5 euros — Erdoğan 3.";
        let toks: Vec<&str> = tokenize(text, Span::new(0, text.len()))
            .iter()
            .map(|t| t.text(text))
            .collect();
        assert_eq!(
            toks,
            [
                "Schröder",
                "paid",
                "2,000.5",
                "euros",
                "—",
                "Erdoğan",
                "3",
                "."
            ]
        );
    }
}
