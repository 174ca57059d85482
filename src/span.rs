//! Byte ranges into a document's text: [`Span`].

use std::ops::Range;

/// A half-open byte range `[start, end)` into a document's text.
///
/// Spans are set once, when text is split, and never shifted afterwards; every later stage
/// refers back to the original text through them.
///
/// ```
/// use newskg::Span;
/// let text = "Putin met Witkoff.";
/// let span = Span::new(0, 5);
/// assert_eq!(&text[span], "Putin");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (`start <= end`).
    #[must_use]
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// Number of bytes covered.
    #[must_use]
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// True when the span covers nothing.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.start >= self.end
    }

    /// True when `other` lies inside `self`.
    #[must_use]
    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    #[must_use]
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The range form, for slicing.
    #[must_use]
    pub const fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

impl std::ops::Index<Span> for str {
    type Output = str;
    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}

impl std::ops::Index<Span> for String {
    type Output = str;
    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}

/// Converts byte offsets into Unicode code point offsets for one text, in increasing order.
///
/// RDF evidence counts characters (as NIF and Web Annotation do); spans count bytes.
#[derive(Debug)]
pub struct CharCounter<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    /// A counter at the start of `text`.
    #[must_use]
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// Code point offset of byte offset `at` (must be on a char boundary).
    pub fn chars_at(&mut self, at: usize) -> usize {
        if at < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..at].chars().count();
        self.byte = at;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points() {
        let text = "Schröder met Erdoğan — “twice”.";
        let mut c = CharCounter::new(text);
        let start = text.find("Erdoğan").unwrap();
        let end = start + "Erdoğan".len();
        let (cs, ce) = (c.chars_at(start), c.chars_at(end));
        let sliced: String = text.chars().skip(cs).take(ce - cs).collect();
        assert_eq!(sliced, "Erdoğan");
        assert_eq!(c.chars_at(0), 0);
    }

    #[test]
    fn span_slices_str() {
        assert_eq!(&"a–b"[Span::new(1, 4)], "–");
        assert!(Span::new(0, 10).contains(Span::new(2, 3)));
        assert_eq!(Span::new(2, 3).cover(Span::new(5, 9)), Span::new(2, 9));
    }
}
