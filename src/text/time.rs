//! Dates in text: [`find_dates`] recognises absolute dates in common forms and weekday or
//! day-relative words; [`resolve`] turns them into calendar dates against an anchor.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::model::Date;
use crate::text::{Token, TokenKind, fold_key};

/// A time expression as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateExpr {
    /// A full date ("December 2, 2025", "6 January 2025", "2025-12-02").
    Absolute(Date),
    /// Month and day without a year ("December 2").
    MonthDay(u8, u8),
    /// A weekday, 0 = Monday.
    Weekday(u8),
    /// "today".
    Today,
    /// "yesterday", "last night".
    Yesterday,
    /// "three days ago", "a week ago": days before the publication date.
    DaysAgo(u16),
    /// "last Thursday": that weekday in the calendar week before the anchor's.
    LastWeekday(u8),
    /// A time that names no day ("in January 2020", "last week", "in 2022", "recently"): the
    /// meeting has no date, and no other date of the sentence is taken for it.
    Vague,
}

/// A time expression found in a sentence: token range and value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// What it says.
    pub expr: DateExpr,
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// `word` in ASCII lower case, in `buf` when it fits (every word [`find_dates`] looks for
/// has at most 10 letters); a longer word as it is, which equals none of them.
fn lower<'b>(word: &'b str, buf: &'b mut [u8; 10]) -> &'b [u8] {
    match buf.get_mut(..word.len()) {
        Some(b) => {
            b.copy_from_slice(word.as_bytes());
            b.make_ascii_lowercase();
            b
        }
        None => word.as_bytes(),
    }
}

fn month(word: &str) -> Option<u8> {
    // Month names and their abbreviations are 3 ("May", "Jan") to 9 ("September") letters:
    // a full name, its first three letters, or "Sept".
    if !(3..=9).contains(&word.len()) {
        return None;
    }
    let mut buf = [0u8; 10];
    Some(match lower(word, &mut buf) {
        b"january" | b"jan" => 1,
        b"february" | b"feb" => 2,
        b"march" | b"mar" => 3,
        b"april" | b"apr" => 4,
        b"may" => 5,
        b"june" | b"jun" => 6,
        b"july" | b"jul" => 7,
        b"august" | b"aug" => 8,
        b"september" | b"sep" | b"sept" => 9,
        b"october" | b"oct" => 10,
        b"november" | b"nov" => 11,
        b"december" | b"dec" => 12,
        _ => return None,
    })
}

fn day(word: &str) -> Option<u8> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year(word: &str) -> Option<i32> {
    (word.len() == 4)
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1800..=2200).contains(y))
}

/// The keys ([`crate::text::FoldKey`]) of every word that may start a time expression:
/// month names and their abbreviations, weekdays, counts, and the words of relative times.
/// A word token whose key is not among them starts none (a number may).
fn starting_words() -> &'static FxHashSet<u64> {
    static KEYS: OnceLock<FxHashSet<u64>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let months = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "jan",
            "feb",
            "mar",
            "apr",
            "jun",
            "jul",
            "aug",
            "sep",
            "sept",
            "oct",
            "nov",
            "dec",
        ];
        let others = [
            "last",
            "a",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "ten",
            "recently",
            "later",
            "earlier",
            "previously",
            "afterwards",
            "today",
            "yesterday",
        ];
        months
            .iter()
            .chain(&WEEKDAYS)
            .chain(&others)
            .map(|w| fold_key(w).0)
            .collect()
    })
}

/// Finds time expressions among a sentence's tokens.
#[must_use]
pub fn find_dates(doc: &str, tokens: &[Token]) -> Vec<DateMention> {
    let tx = |i: usize| tokens.get(i).map_or("", |t| t.text(doc));
    let mut out = Vec::new();
    let (mut lower_buf, mut next_buf) = ([0u8; 10], [0u8; 10]);
    let starting = starting_words();
    let mut i = 0;
    while i < tokens.len() {
        // No expression starts with a punctuation mark, nor with a word not listed.
        let skip = match tokens[i].kind {
            TokenKind::Punct => true,
            TokenKind::Word => !starting.contains(&tokens[i].key.0),
            TokenKind::Number => false,
        };
        if skip {
            i += 1;
            continue;
        }
        let t = tx(i);
        // ISO: 2025-12-02 is tokenized as 2025 - 12 - 02.
        if let Some(y) = year(t).filter(|_| tx(i + 1) == "-" && tx(i + 3) == "-") {
            if let (Ok(m), Ok(d)) = (tx(i + 2).parse::<u8>(), tx(i + 4).parse::<u8>()) {
                if let Some(date) = Date::new(y, m, d) {
                    out.push(DateMention {
                        start: i,
                        end: i + 5,
                        expr: DateExpr::Absolute(date),
                    });
                    i += 5;
                    continue;
                }
            }
        }
        if tokens[i].upper {
            if let Some(m) = month(t) {
                // Month Day[,] [Year]  ("Dec. 2, 2025", "December 2 2025")
                let mut j = i + 1;
                if tx(j) == "." {
                    j += 1;
                }
                if let Some(d) = day(tx(j)).filter(|_| tokens[j].kind == TokenKind::Number) {
                    let mut k = j + 1;
                    if tx(k) == "," {
                        k += 1;
                    }
                    if let Some(y) = year(tx(k)) {
                        if let Some(date) = Date::new(y, m, d) {
                            out.push(DateMention {
                                start: i,
                                end: k + 1,
                                expr: DateExpr::Absolute(date),
                            });
                            i = k + 1;
                            continue;
                        }
                    }
                    out.push(DateMention {
                        start: i,
                        end: j + 1,
                        expr: DateExpr::MonthDay(m, d),
                    });
                    i = j + 1;
                    continue;
                }
            }
        }
        if tokens[i].kind == TokenKind::Number {
            if let Some(d) = day(t) {
                // Day Month[,] [Year]  ("6 January, 2025", "24 May 2022")
                let mut j = i + 1;
                if tx(j) == "of" {
                    j += 1;
                }
                if let Some(m) = tokens.get(j).filter(|t| t.upper).and_then(|_| month(tx(j))) {
                    let mut k = j + 1;
                    if tx(k) == "." {
                        k += 1;
                    }
                    if tx(k) == "," {
                        k += 1;
                    }
                    if let Some(date) = year(tx(k)).and_then(|y| Date::new(y, m, d)) {
                        out.push(DateMention {
                            start: i,
                            end: k + 1,
                            expr: DateExpr::Absolute(date),
                        });
                        i = k + 1;
                        continue;
                    }
                    out.push(DateMention {
                        start: i,
                        end: j + 1,
                        expr: DateExpr::MonthDay(m, d),
                    });
                    i = j + 1;
                    continue;
                }
            }
        }
        // No word below is longer than "afterwards" or "previously" (10 bytes); a count may
        // have leading zeros.
        if t.len() > 10 && !t.bytes().all(|b| b.is_ascii_digit()) {
            i += 1;
            continue;
        }
        // Lower-cased on the stack; the next word only when this one may start a two-word
        // expression.
        let lower = lower(t, &mut lower_buf);
        // "last night", "last Thursday", "last week"
        if lower == b"last" {
            let next = self::lower(tx(i + 1), &mut next_buf);
            if next == b"night" || next == b"evening" {
                out.push(DateMention {
                    start: i,
                    end: i + 2,
                    expr: DateExpr::Yesterday,
                });
                i += 2;
                continue;
            }
            if let Some(w) = WEEKDAYS.iter().position(|d| d.as_bytes() == next) {
                out.push(DateMention {
                    start: i,
                    end: i + 2,
                    expr: DateExpr::LastWeekday(u8::try_from(w).expect("0..7")),
                });
                i += 2;
                continue;
            }
            if matches!(
                next,
                b"week"
                    | b"month"
                    | b"year"
                    | b"weekend"
                    | b"summer"
                    | b"autumn"
                    | b"fall"
                    | b"winter"
                    | b"spring"
            ) {
                out.push(DateMention {
                    start: i,
                    end: i + 2,
                    expr: DateExpr::Vague,
                });
                i += 2;
                continue;
            }
        }
        // "10 days ago", "a week ago", "two days ago"
        let count = match lower {
            b"a" | b"one" => Some(1),
            b"two" => Some(2),
            b"three" => Some(3),
            b"four" => Some(4),
            b"five" => Some(5),
            b"six" => Some(6),
            b"seven" => Some(7),
            b"ten" => Some(10),
            // Only a number parses (a word starts with a letter or an apostrophe).
            _ if tokens[i].kind == TokenKind::Number => t.parse::<u16>().ok().filter(|n| *n <= 60),
            _ => None,
        };
        if let Some(c) = count {
            let unit = match self::lower(tx(i + 1), &mut next_buf) {
                b"day" | b"days" => Some(1),
                b"week" | b"weeks" => Some(7),
                _ => None,
            };
            if let Some(u) = unit.filter(|_| tx(i + 2).eq_ignore_ascii_case("ago")) {
                out.push(DateMention {
                    start: i,
                    end: i + 3,
                    expr: DateExpr::DaysAgo(c * u),
                });
                i += 3;
                continue;
            }
        }
        // "in January 2020", "in June", "in 2022", "recently": no day.
        if (tokens[i].upper
            && month(t).is_some()
            && t.len() >= 3
            && (year(tx(i + 1)).is_some()
                || matches!(
                    tx(i.wrapping_sub(1)),
                    "in" | "In" | "since" | "until" | "late" | "early" | "mid"
                )))
            || (year(t).is_some() && matches!(tx(i.wrapping_sub(1)), "in" | "In" | "since"))
            || lower == b"recently"
            // "Later, X met Y": some other time than the one just told.
            || (i == 0 && matches!(lower, b"later" | b"earlier" | b"previously" | b"afterwards"))
        {
            out.push(DateMention {
                start: i,
                end: i + 1,
                expr: DateExpr::Vague,
            });
            i += 1;
            continue;
        }
        if let Some(w) = WEEKDAYS
            .iter()
            .position(|d| d.as_bytes() == lower)
            .filter(|_| tokens[i].upper)
        {
            out.push(DateMention {
                start: i,
                end: i + 1,
                expr: DateExpr::Weekday(u8::try_from(w).expect("0..7")),
            });
        } else if lower == b"today" {
            out.push(DateMention {
                start: i,
                end: i + 1,
                expr: DateExpr::Today,
            });
        } else if lower == b"yesterday" {
            out.push(DateMention {
                start: i,
                end: i + 1,
                expr: DateExpr::Yesterday,
            });
        }
        i += 1;
    }
    out
}

/// The calendar date of an expression, given the anchor (the latest full date the text gave
/// before it, or the publication date). Weekdays resolve to the latest such day on or before
/// the anchor: news reports what happened.
#[must_use]
pub fn resolve(expr: DateExpr, anchor: Option<Date>, published: Option<Date>) -> Option<Date> {
    match expr {
        DateExpr::Absolute(d) => Some(d),
        DateExpr::MonthDay(m, d) => {
            let a = anchor.or(published)?;
            let same_year = Date::new(a.year, m, d)?;
            // "December 30" written in early January means last year.
            if same_year.to_days() - a.to_days() > 60 {
                Date::new(a.year - 1, m, d)
            } else {
                Some(same_year)
            }
        }
        DateExpr::Weekday(w) => {
            let a = anchor.or(published)?;
            let back = (i64::from(a.weekday()) - i64::from(w)).rem_euclid(7);
            Some(a.add_days(-back))
        }
        DateExpr::Today => published.or(anchor),
        DateExpr::Yesterday => published.or(anchor).map(|p| p.add_days(-1)),
        DateExpr::DaysAgo(n) => published.or(anchor).map(|p| p.add_days(-i64::from(n))),
        // "last Thursday": that day of the previous calendar week (Monday to Sunday); a day
        // of this week would be told as "on Thursday" or "yesterday".
        DateExpr::LastWeekday(w) => {
            let a = anchor.or(published)?;
            let monday = a.add_days(-i64::from(a.weekday()));
            Some(monday.add_days(-7 + i64::from(w)))
        }
        DateExpr::Vague => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;
    use crate::text::tokenize;

    fn first(text: &str) -> Option<DateExpr> {
        let toks = tokenize(text, Span::new(0, text.len()));
        find_dates(text, &toks).first().map(|d| d.expr)
    }

    #[test]
    fn date_forms_table() {
        let d = |y, m, dd| Some(DateExpr::Absolute(Date::new(y, m, dd).unwrap()));
        let cases = [
            (
                "on Tuesday (December 2, 2025) at noon",
                Some(DateExpr::Weekday(1)),
            ),
            ("met on December 2, 2025.", d(2025, 12, 2)),
            ("on 6 January, 2025 in Delhi", d(2025, 1, 6)),
            ("on 24 May 2022", d(2022, 5, 24)),
            ("on Jan. 14, 2025, they", d(2025, 1, 14)),
            ("dated 2025-02-11.", d(2025, 2, 11)),
            ("on the 3rd of March 2024", d(2024, 3, 3)),
            ("by March 4", Some(DateExpr::MonthDay(3, 4))),
            ("she may come", None),
            ("a week earlier", None),
        ];
        for (text, want) in cases {
            assert_eq!(first(text), want, "{text}");
        }
    }

    #[test]
    fn weekdays_resolve_backwards_from_anchor() {
        let tue = Date::new(2025, 12, 2);
        assert_eq!(
            resolve(DateExpr::Weekday(6), tue, None),
            Date::new(2025, 11, 30)
        );
        assert_eq!(resolve(DateExpr::Weekday(1), tue, None), tue);
        assert_eq!(
            resolve(DateExpr::Weekday(0), None, tue),
            Date::new(2025, 12, 1)
        );
        assert_eq!(resolve(DateExpr::Weekday(0), None, None), None);
        assert_eq!(
            resolve(DateExpr::MonthDay(12, 30), Date::new(2026, 1, 3), None),
            Date::new(2025, 12, 30)
        );
        assert_eq!(
            resolve(DateExpr::Yesterday, None, tue),
            Date::new(2025, 12, 1)
        );
    }
}
