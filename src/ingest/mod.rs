//! Bytes to [`Document`]s: plain text, HTML, Markdown and JSON Lines, optionally gzipped,
//! from files, folders (recursive) or stdin; [`Inputs`] streams them one at a time.
//!
//! ```
//! use newskg::{Document, InputFormat};
//! let doc = Document::from_bytes("note.txt", b"Macron met Merz.\n", InputFormat::Text).unwrap();
//! assert_eq!(doc.id, "note");
//! assert_eq!(&doc.text[doc.blocks[0]], "Macron met Merz.");
//! ```

pub mod html;
mod inputs;
pub mod markdown;

use std::borrow::Cow;
use std::path::Path;

use serde::Deserialize;

pub use inputs::{Inputs, check_paths};

use crate::model::Date;
use crate::{Error, Lexicon, Result, Span};

/// How to read input bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// Plain text: first line is the headline, one paragraph per line or blank-line separated.
    Text,
    /// An HTML page.
    Html,
    /// Markdown, optionally with YAML front matter.
    Markdown,
    /// JSON Lines: one `{"id","url","title","date","text"|"html"}` object per line.
    Jsonl,
    /// One JSON article object, or an array of them.
    Json,
}

impl InputFormat {
    /// The format a file name implies (after removing `.gz`).
    #[must_use]
    pub fn from_path(path: &Path) -> InputFormat {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
        match ext {
            "html" | "htm" | "xhtml" => InputFormat::Html,
            "md" | "markdown" => InputFormat::Markdown,
            "jsonl" | "ndjson" => InputFormat::Jsonl,
            "json" => InputFormat::Json,
            _ => InputFormat::Text,
        }
    }

    /// The format the content suggests (for stdin).
    #[must_use]
    pub fn sniff(head: &[u8]) -> InputFormat {
        let s = String::from_utf8_lossy(&head[..head.len().min(512)]);
        let t = s.trim_start().to_ascii_lowercase();
        if t.starts_with('{') {
            InputFormat::Jsonl
        } else if t.starts_with("<!doctype html") || t.starts_with("<html") || t.starts_with('<') {
            InputFormat::Html
        } else {
            InputFormat::Text
        }
    }
}

/// What is known about a document besides its text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<Date>,
    /// Source URL.
    pub url: Option<String>,
    /// The date of a date line near the top of the text ("June 3, 2022, Sochi"), when there
    /// is one: the day of the events the lead tells without a time of their own.
    pub dateline: Option<Date>,
}

/// One article, ready for extraction.
#[derive(Clone, Debug)]
pub struct Document {
    /// Stable identifier, used in the document IRI (file stem, JSON `id`, or a content hash).
    pub id: String,
    /// Where it came from (path as given, `path:line` for JSON Lines, `-` for stdin).
    pub origin: String,
    /// The article text. For plain text files this is the file itself, so offsets slice it.
    pub text: String,
    /// Paragraphs of article text; boilerplate lines are left out. Block 0 is the headline.
    pub blocks: Vec<Span>,
    /// Title, date, URL.
    pub meta: Meta,
    /// Hex digest of the text (FNV-1a 64), to detect unchanged documents.
    pub content_hash: String,
}

/// A stable 64-bit FNV-1a hash (the same on every machine and run).
#[must_use]
pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// `s` in Unicode Normalization Form C (unchanged, without copying, when it already is).
#[must_use]
pub fn nfc(s: String) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        s
    } else {
        s.nfc().collect()
    }
}

/// Lower-case ASCII slug: the text transliterated to ASCII (`any_ascii`, every script:
/// "Nicușor Dan" -> `nicusor-dan`, "Владимир" -> `vladimir`), letters and digits kept, other
/// runs become `-`. The same name always gives the same slug.
#[must_use]
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let push = |c: char, out: &mut String| {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    };
    for c in s.chars() {
        if c.is_ascii() {
            push(c, &mut out);
        } else {
            // German umlauts keep their usual transliteration ("Schröder" -> schroeder).
            let t = match c {
                'ä' | 'Ä' => "ae",
                'ö' | 'Ö' => "oe",
                'ü' | 'Ü' => "ue",
                _ => any_ascii::any_ascii_char(c),
            };
            // Marks a transliteration writes for signs such as the soft sign ("ь" -> "'")
            // are dropped, not made word breaks.
            for t in t.chars().filter(|t| !matches!(t, '\'' | '"' | '`')) {
                push(t, &mut out);
            }
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str(&format!("x{:016x}", fnv64(s.as_bytes())));
    }
    out
}

/// The ASCII form of a name ("António Guterres" -> "Antonio Guterres"), or `None` when the
/// name is already ASCII.
#[must_use]
pub fn ascii_form(name: &str) -> Option<String> {
    (!name.is_ascii()).then(|| any_ascii::any_ascii(name))
}

#[derive(Deserialize)]
struct JsonArticle {
    id: Option<serde_json::Value>,
    url: Option<String>,
    title: Option<String>,
    date: Option<String>,
    text: Option<String>,
    html: Option<String>,
}

impl Document {
    /// Builds a document from raw bytes of one article.
    ///
    /// # Errors
    /// Empty input, binary data, or text that is not UTF-8.
    pub fn from_bytes(origin: &str, bytes: &[u8], format: InputFormat) -> Result<Document> {
        let text = check_text(origin, bytes, format == InputFormat::Html)?;
        let text = text.as_ref();
        let stem = Path::new(origin)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(origin);
        let stem = stem.strip_suffix(".gz").unwrap_or(stem);
        let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
        let id = if origin == "-" {
            format!("stdin-{:016x}", fnv64(bytes))
        } else {
            slug(stem)
        };
        let meta = Meta::default();
        match format {
            InputFormat::Text => Ok(Document::new(id, origin, text.to_owned(), meta)),
            InputFormat::Html => {
                let page = html::extract(text);
                let meta = Meta {
                    title: page.title,
                    published: page.published.as_deref().and_then(Date::parse_iso),
                    url: page.url,
                    dateline: None,
                };
                Document::non_empty(Document::new(id, origin, page.text, meta))
            }
            InputFormat::Markdown => {
                let md = markdown::extract(text);
                let meta = Meta {
                    title: md.title,
                    published: md.published.as_deref().and_then(Date::parse_iso),
                    url: md.url,
                    dateline: None,
                };
                Document::non_empty(Document::new(id, origin, md.text, meta))
            }
            InputFormat::Jsonl | InputFormat::Json => Document::from_json_line(origin, text.trim()),
        }
    }

    /// Builds a document from one JSON Lines record.
    ///
    /// # Errors
    /// Bad JSON, or no text.
    pub fn from_json_line(origin: &str, line: &str) -> Result<Document> {
        let a: JsonArticle = serde_json::from_str(line)
            .map_err(|e| Error::bad(origin, format!("not a JSON article object: {e}")))?;
        let id = match (&a.id, &a.url) {
            (Some(serde_json::Value::String(s)), _) => slug(s),
            (Some(v), _) if !v.is_null() => slug(&v.to_string()),
            (_, Some(u)) => slug(
                u.trim_start_matches("https://")
                    .trim_start_matches("http://"),
            ),
            _ => format!("doc-{:016x}", fnv64(line.as_bytes())),
        };
        let published = a.date.as_deref().and_then(Date::parse_iso);
        let (text, title) = match (a.text, a.html) {
            (Some(t), _) if !t.trim().is_empty() => (t, a.title),
            (_, Some(h)) => {
                let page = html::extract(&h);
                (page.text, a.title.or(page.title))
            }
            _ => return Err(Error::bad(origin, "no \"text\" or \"html\" field")),
        };
        // A title given apart from the text becomes the headline block.
        let text = match &title {
            Some(t) if !text.trim_start().starts_with(t.trim()) => format!("{t}\n\n{text}"),
            _ => text,
        };
        Document::non_empty(Document::new(
            id,
            origin,
            text,
            Meta {
                title,
                published,
                url: a.url,
                dateline: None,
            },
        ))
    }

    fn new(id: String, origin: &str, text: String, mut meta: Meta) -> Document {
        // Text as written, in one normal form: a name typed with combining accents (NFD) is
        // the same name as its precomposed spelling.
        let text = nfc(text);
        meta.title = meta.title.map(nfc);
        let blocks = blocks(&text, Lexicon::embedded());
        let (date, bare) = dateline(&text).unzip();
        meta.dateline = date.filter(|_| bare == Some(true));
        if meta.published.is_none() {
            meta.published = date;
        }
        if meta.title.is_none() {
            meta.title = blocks.first().map(|b| text[*b].trim().to_owned());
        }
        let content_hash = format!("{:016x}", fnv64(text.as_bytes()));
        Document {
            id,
            origin: origin.to_owned(),
            text,
            blocks,
            meta,
            content_hash,
        }
    }

    fn non_empty(doc: Document) -> Result<Document> {
        if doc.blocks.is_empty() {
            return Err(Error::bad(&doc.origin, "no article text found"));
        }
        Ok(doc)
    }
}

/// A publication date standing on a short line of its own near the top ("2025-02-11",
/// "By Jane Roe · Paris · 3 June 2025"), and whether the line holds only the date and
/// capitalised names ("June 3, 2022, Sochi"): a date line, not a sentence.
fn dateline(text: &str) -> Option<(Date, bool)> {
    let mut pos = 0;
    for line in text.split_inclusive('\n').take(8) {
        let span = Span::new(pos, pos + line.trim_end().len());
        pos += line.len();
        if line.split_whitespace().nth(12).is_some() {
            continue;
        }
        let tokens = crate::text::tokenize(text, span);
        let dates = crate::text::time::find_dates(text, &tokens);
        let found = dates.iter().find_map(|d| match d.expr {
            crate::text::time::DateExpr::Absolute(date) => Some(date),
            _ => None,
        });
        if let Some(date) = found {
            let in_date = |t: usize| dates.iter().any(|d| d.start <= t && t < d.end);
            // A byline's date ("Published 2025-08-19", "Updated ...") is the page's, not the
            // events'.
            let byline = Lexicon::embedded()
                .class("byline")
                .is_some_and(|c| c.find_in(text, &tokens, 0, tokens.len()).is_some());
            let bare = !byline
                && tokens
                    .iter()
                    .enumerate()
                    .all(|(t, tok)| in_date(t) || !tok.is_word() || tok.upper);
            return Some((date, bare));
        }
    }
    None
}

/// Decodes input bytes to text, or rejects empty and binary input with a reason.
///
/// The encoding comes from, in order: a byte order mark (UTF-8, UTF-16LE/BE); valid UTF-8;
/// for HTML, the charset a `<meta charset>` or `<meta http-equiv="Content-Type">` declares
/// in the first 1024 bytes; detection (`chardetng`). Decoding is by `encoding_rs` (the WHATWG
/// Encoding Standard). Only bytes that no declared or detected encoding decodes without
/// errors are refused.
fn check_text<'a>(origin: &str, bytes: &'a [u8], html: bool) -> Result<Cow<'a, str>> {
    let text = decode(origin, bytes, html)?;
    if text.chars().all(|c| c.is_whitespace() || is_invisible(c)) {
        return Err(Error::bad(origin, "empty document"));
    }
    Ok(text)
}

fn decode<'a>(origin: &str, bytes: &'a [u8], html: bool) -> Result<Cow<'a, str>> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, bad) = enc.decode_without_bom_handling(&bytes[bom..]);
        if bad {
            return Err(Error::bad(
                origin,
                format!("not valid {} (after its byte order mark)", enc.name()),
            ));
        }
        return Ok(text);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::bad(origin, "empty document"));
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if sample.contains(&0) || controls * 20 > sample.len() {
        return Err(Error::bad(origin, "binary data, not text"));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    let declared = html
        .then(|| declared_charset(&bytes[..bytes.len().min(1024)]))
        .flatten();
    let enc = declared.unwrap_or_else(|| {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(bytes, true);
        det.guess(None, chardetng::Utf8Detection::Deny)
    });
    let (text, bad) = enc.decode_without_bom_handling(bytes);
    if bad {
        let valid = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |_| 0);
        return Err(Error::bad(
            origin,
            format!(
                "not valid UTF-8 (invalid byte at offset {valid}), and not valid {} ({}) either",
                enc.name(),
                if declared.is_some() {
                    "the charset the page declares"
                } else {
                    "the encoding detected"
                }
            ),
        ));
    }
    Ok(text)
}

/// Zero-width and format characters that carry no text.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{feff}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{00ad}'
    )
}

/// The encoding an HTML head declares: `<meta charset="...">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=...">`.
fn declared_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = memfind(&lower[from..], b"charset") {
        let mut i = from + at + b"charset".len();
        from = i;
        while lower.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while lower
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
        {
            i += 1;
        }
        let end = lower[i..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .map_or(lower.len(), |p| i + p);
        if let Some(enc) = encoding_rs::Encoding::for_label(&lower[i..end]) {
            return Some(enc.output_encoding());
        }
    }
    None
}

fn memfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Splits text into paragraph blocks and drops boilerplate (newsletter plugs, app links,
/// copyright lines, menus, bylines), judged by general cues, not by site.
#[must_use]
pub fn blocks(text: &str, lex: &Lexicon) -> Vec<Span> {
    let mut lines: Vec<Span> = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let start = pos + (line.len() - line.trim_start().len());
            lines.push(Span::new(start, start + trimmed.len()));
        } else {
            lines.push(Span::new(pos, pos));
        }
        pos += line.len();
    }
    // Hard-wrapped text (lines broken mid-sentence) joins lines into blank-line paragraphs.
    let content: Vec<&Span> = lines.iter().filter(|l| !l.is_empty()).collect();
    let long: Vec<&[&Span]> = content.windows(2).filter(|w| w[0].len() >= 50).collect();
    let wrapped = long.len() > 2 && {
        let mid_sentence = long
            .iter()
            .filter(|w| w[1].start <= w[0].end + 2 && !ends_sentence(&text[*w[0]]))
            .count();
        mid_sentence * 2 > long.len()
    };
    let mut paragraphs: Vec<Span> = Vec::new();
    let mut prev_blank = true;
    for l in lines {
        if l.is_empty() {
            prev_blank = true;
            continue;
        }
        match paragraphs.last_mut() {
            Some(p) if wrapped && !prev_blank => *p = p.cover(l),
            _ => paragraphs.push(l),
        }
        prev_blank = false;
    }
    let mut out = Vec::new();
    for (i, p) in paragraphs.into_iter().enumerate() {
        if !is_boilerplate(&text[p], i == 0, lex) {
            out.push(p);
        }
    }
    out
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', '!', '?', '"', '”', ':', '’', ')'])
}

/// True for site furniture: lines with a boilerplate cue, and short verbless lines such as
/// menu entries ("Network Links") after the headline.
#[must_use]
pub fn is_boilerplate(line: &str, first: bool, lex: &Lexicon) -> bool {
    let lower = line.to_lowercase();
    if lex.boilerplate_cues.is_match(&lower) {
        return true;
    }
    // Words counted up to 7: only short lines matter below.
    let words = line.split_whitespace().take(7).count();
    if lower.starts_with("by ") && words <= 6 && !ends_sentence(line) {
        return true;
    }
    !first && words <= 4 && !ends_sentence(line) && !numbered(line)
}

/// A short line of figures is text, not site furniture: a results or standings line ("Lotte 6
/// Hyundai 2", "Tarvel 80 53 .602") holds two numbers or more.
fn numbered(line: &str) -> bool {
    let number = |w: &&str| {
        w.bytes().any(|b| b.is_ascii_digit())
            && w.bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    };
    line.split_whitespace().filter(number).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(text: &str) -> Vec<&str> {
        blocks(text, Lexicon::embedded())
            .into_iter()
            .map(|b| &text[b])
            .collect()
    }

    #[test]
    fn boilerplate_table() {
        let text = "Leaders meet\nMacron met Merz in Paris on Monday.\nSign up for our morning briefing\nShare this\nMore headlines here\nDownload the app today\n© 2025 Example Media Ltd. All rights reserved.\nBy Jane Roe\n";
        assert_eq!(
            kept(text),
            ["Leaders meet", "Macron met Merz in Paris on Monday."]
        );
    }

    /// Results and standings lines are short and end without a full stop, like menu entries,
    /// but they hold figures: they are text.
    #[test]
    fn short_lines_of_figures_are_text() {
        let text = "League results\nResults of Sunday's games in the Tarvel league.\nLakeside 6 Orchard 2\nRiverton 80 53 .602\nMore headlines\nPage 2\n";
        assert_eq!(
            kept(text),
            [
                "League results",
                "Results of Sunday's games in the Tarvel league.",
                "Lakeside 6 Orchard 2",
                "Riverton 80 53 .602"
            ]
        );
    }

    #[test]
    fn hard_wrapped_paragraphs_join() {
        let text = "Headline here\n\nFrench President Emmanuel Macron met German Chancellor Friedrich\nMerz in Paris on Tuesday, and the two leaders talked about trade and\nsecurity for several hours before a dinner at the Elysee Palace.\n\nThey left together late at night and said nothing at all to the\nreporters who had waited outside the palace gates in the cold rain.\n";
        assert_eq!(kept(text).len(), 3);
        assert!(kept(text)[1].ends_with("Elysee Palace."));
    }

    #[test]
    fn bad_bytes_name_the_problem() {
        for (bytes, want) in [
            (&b""[..], "empty"),
            (b"\x00\x01\x02binary", "binary"),
            (b"\xef\xbb\xbf", "empty"),
            ("\u{feff}\u{200b} \u{200b}\n".as_bytes(), "empty"),
        ] {
            let err = Document::from_bytes("x.txt", bytes, InputFormat::Text)
                .unwrap_err()
                .to_string();
            assert!(err.starts_with("x.txt: ") && err.contains(want), "{err}");
        }
    }

    #[test]
    fn json_line_uses_fields() {
        let d = Document::from_json_line("a.jsonl:1", r#"{"id":"A 1","url":"https://e.org/x","title":"T","date":"2025-02-11","text":"Body text."}"#).unwrap();
        assert_eq!(d.id, "a-1");
        assert_eq!(d.meta.published, Date::new(2025, 2, 11));
        assert_eq!(d.text, "T\n\nBody text.");
        assert!(Document::from_json_line("a.jsonl:2", "{\"id\":1}").is_err());
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slug("Élysée talks (2025)"), "elysee-talks-2025");
        assert_eq!(slug("Nicușor Dan"), "nicusor-dan");
        assert_eq!(slug("Владимир Зеленский"), "vladimir-zelenskiy");
        assert_eq!(slug("Gerhard Schröder"), "gerhard-schroeder");
    }
}
