//! HTML to article text: markup, scripts, navigation and footers removed; title, publication
//! date and canonical URL read from the head.

/// What an HTML page yields.
#[derive(Debug, Default)]
pub struct HtmlArticle {
    /// The article text, one paragraph per line.
    pub text: String,
    /// `og:title`, else `<title>`, else the first `<h1>`.
    pub title: Option<String>,
    /// `article:published_time` and friends.
    pub published: Option<String>,
    /// `<link rel="canonical">` or `og:url`.
    pub url: Option<String>,
}

/// Elements whose content is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
    "button", "select", "template", "figure", "menu",
];
/// Elements that end a paragraph.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "section",
    "article",
    "blockquote",
    "ul",
    "ol",
    "table",
    "main",
    "dd",
    "dt",
    "pre",
    "hr",
    "title",
];

struct Tag<'a> {
    name: String,
    closing: bool,
    self_closing: bool,
    attrs: &'a str,
}

fn parse_tag(inner: &str) -> Tag<'_> {
    let closing = inner.starts_with('/');
    let body = inner.trim_start_matches('/');
    let name_end = body
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(body.len());
    Tag {
        name: body[..name_end].to_ascii_lowercase(),
        closing,
        self_closing: inner.ends_with('/'),
        attrs: &body[name_end..],
    }
}

/// The value of attribute `name` in a tag's attribute text.
fn attr(attrs: &str, name: &str) -> Option<String> {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find(name) {
        let at = from + pos;
        from = at + name.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let vstart = attrs.len() - rest.len() + 1;
        let v = attrs[vstart..].trim_start();
        let (q, v) = match v.chars().next() {
            Some(q @ ('"' | '\'')) => (Some(q), &v[1..]),
            _ => (None, v),
        };
        let end = match q {
            Some(q) => v.find(q).unwrap_or(v.len()),
            None => v
                .find(|c: char| c.is_whitespace() || c == '>')
                .unwrap_or(v.len()),
        };
        return Some(decode_entities(&v[..end]));
    }
    None
}

/// Decodes HTML character references: numeric ones and every named reference of the HTML5
/// table (2,231 names, `htmlize`), with the legacy forms without a final `;` ("&eacute")
/// decoded as browsers do. Unknown names stay as written.
#[must_use]
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    htmlize::unescape(s).into_owned()
}

/// Extracts the article from an HTML page. When the page has an `<article>` element, only its
/// text is kept; the title becomes the first line.
#[must_use]
pub fn extract(html: &str) -> HtmlArticle {
    let mut page = HtmlArticle::default();
    let mut og_title = None;
    let mut h1 = None;
    let mut all = String::new();
    let mut article = String::new();
    let mut in_article = 0usize;
    let mut skip_stack: Vec<String> = Vec::new();
    let mut in_title = false;
    let mut in_h1 = false;
    let mut title = String::new();
    let mut h1_text = String::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(
                &mut all,
                &mut article,
                in_article > 0,
                skip_stack.is_empty(),
                rest,
            );
            break;
        };
        let text = &rest[..lt];
        if in_title {
            title.push_str(text);
        } else {
            if in_h1 && skip_stack.is_empty() {
                h1_text.push_str(text);
            }
            push_text(
                &mut all,
                &mut article,
                in_article > 0,
                skip_stack.is_empty(),
                text,
            );
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = parse_tag(&rest[1..gt]);
        rest = &rest[gt + 1..];
        if tag.name.starts_with('!') || tag.name.starts_with('?') {
            continue;
        }
        // Raw-text elements: skip to their end tag without parsing.
        if !tag.closing && matches!(tag.name.as_str(), "script" | "style" | "template" | "svg") {
            let close = format!("</{}", tag.name);
            let lower = rest.to_ascii_lowercase();
            rest = lower.find(&close).map_or("", |e| {
                rest[e..].find('>').map_or("", |g| &rest[e + g + 1..])
            });
            continue;
        }
        match (tag.name.as_str(), tag.closing) {
            ("meta", _) => {
                let key = attr(tag.attrs, "property")
                    .or_else(|| attr(tag.attrs, "name"))
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                let content = attr(tag.attrs, "content");
                match key.as_str() {
                    "og:title" | "twitter:title" => og_title = og_title.or(content),
                    "article:published_time"
                    | "og:published_time"
                    | "date"
                    | "pubdate"
                    | "publishdate"
                    | "dc.date"
                    | "dcterms.date"
                    | "parsely-pub-date" => {
                        page.published = page.published.take().or(content);
                    }
                    "og:url" => page.url = page.url.take().or(content),
                    _ => {}
                }
            }
            ("link", _)
                if attr(tag.attrs, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                page.url = attr(tag.attrs, "href").or(page.url.take());
            }
            ("time", false) if page.published.is_none() => {
                page.published = attr(tag.attrs, "datetime")
            }
            ("title", false) => in_title = true,
            ("title", true) => in_title = false,
            ("h1", false) => in_h1 = h1.is_none(),
            ("h1", true) => {
                if in_h1 {
                    h1 = Some(
                        decode_entities(h1_text.trim())
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" "),
                    );
                }
                in_h1 = false;
            }
            ("article", false) => in_article += 1,
            ("article", true) => in_article = in_article.saturating_sub(1),
            (name, false) if SKIP.contains(&name) && !tag.self_closing => {
                skip_stack.push(name.to_owned())
            }
            (name, true) if SKIP.contains(&name) => {
                if let Some(pos) = skip_stack.iter().rposition(|n| n == name) {
                    skip_stack.truncate(pos);
                }
            }
            _ => {}
        }
        if BLOCK.contains(&tag.name.as_str()) {
            all.push('\n');
            if in_article > 0 || tag.name == "article" {
                article.push('\n');
            }
        }
    }
    let tidy = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    page.title = og_title
        .map(|t| tidy(&t))
        .or_else(|| Some(tidy(&decode_entities(&title))).filter(|t| !t.is_empty()))
        .or(h1.clone());
    let body = if article.trim().is_empty() {
        all
    } else {
        article
    };
    let mut lines: Vec<String> = body.lines().map(tidy).filter(|l| !l.is_empty()).collect();
    // The headline leads the text, once.
    if let Some(head) = h1.or_else(|| page.title.clone()) {
        if lines.first() != Some(&head) {
            lines.retain(|l| *l != head);
            lines.insert(0, head);
        }
    }
    page.text = lines.join("\n");
    page
}

fn push_text(all: &mut String, article: &mut String, in_article: bool, visible: bool, text: &str) {
    if !visible || text.is_empty() {
        return;
    }
    let decoded = decode_entities(text);
    all.push_str(&decoded);
    if in_article {
        article.push_str(&decoded);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_text_without_furniture() {
        let html = r#"<html><head><title>Site | Talks</title>
            <meta property="og:title" content="Leaders meet &amp; talk">
            <meta property="article:published_time" content="2025-03-04T08:00:00Z">
            <link rel="canonical" href="https://example.org/a"></head>
            <body><nav><a href="/">Home</a> World</nav><script>var x = "<p>no</p>";</script>
            <article><h1>Leaders meet &amp; talk</h1><p>Macron met Merz in <b>Paris</b>.</p>
            <p>They spoke&nbsp;for “hours”.</p></article>
            <footer>© 2025 Example Media. Subscribe</footer></body></html>"#;
        let a = extract(html);
        assert_eq!(a.title.as_deref(), Some("Leaders meet & talk"));
        assert_eq!(a.published.as_deref(), Some("2025-03-04T08:00:00Z"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(
            a.text,
            "Leaders meet & talk\nMacron met Merz in Paris.\nThey spoke for “hours”."
        );
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            decode_entities("a &lt;b&gt; &#233;&#x41; &bogus; &"),
            "a <b> éA &bogus; &"
        );
        assert_eq!(
            decode_entities(
                "&Eacute;lys&eacute;e &laquo;x&raquo; &Scaron;&scaron; &ccaron; &nbsp;"
            ),
            "Élysée «x» Šš č \u{a0}"
        );
    }
}
