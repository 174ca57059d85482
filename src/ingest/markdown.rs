//! Markdown to plain text: syntax removed, words kept; YAML front matter read for metadata.

/// Front matter fields and the plain text.
#[derive(Debug, Default)]
pub struct MarkdownArticle {
    /// Plain text, one paragraph per line.
    pub text: String,
    /// `title:` from front matter, else the first heading.
    pub title: Option<String>,
    /// `date:` from front matter.
    pub published: Option<String>,
    /// `url:` from front matter.
    pub url: Option<String>,
}

/// Strips Markdown syntax and decodes HTML character references.
#[must_use]
pub fn extract(md: &str) -> MarkdownArticle {
    let mut a = MarkdownArticle::default();
    let mut body = md;
    if let Some(rest) = md
        .strip_prefix("---\n")
        .or_else(|| md.strip_prefix("---\r\n"))
    {
        if let Some(end) = rest.find("\n---") {
            for line in rest[..end].lines() {
                if let Some((k, v)) = line.split_once(':') {
                    let v = v.trim().trim_matches('"').trim_matches('\'').to_owned();
                    match k.trim() {
                        "title" => a.title = Some(v),
                        "date" | "published" => a.published = Some(v),
                        "url" | "canonical" => a.url = Some(v),
                        _ => {}
                    }
                }
            }
            body = rest[end + 4..].trim_start_matches(['-', '\r', '\n']);
        }
    }
    let mut out = Vec::new();
    let mut para = String::new();
    let mut fenced = false;
    for line in body.lines() {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if fenced || t.starts_with("<!--") {
            continue;
        }
        let heading = t.starts_with('#');
        let stripped = t.trim_start_matches('#').trim_start_matches('>').trim();
        let stripped = strip_list_marker(stripped);
        if stripped.is_empty()
            || heading
            || t.starts_with(['-', '*', '+'])
            || t.chars().next().is_some_and(|c| c.is_ascii_digit())
        {
            if !para.is_empty() {
                out.push(std::mem::take(&mut para));
            }
            if stripped
                .chars()
                .all(|c| matches!(c, '-' | '*' | '_' | '=' | ' '))
            {
                continue;
            }
        }
        // Markdown passes HTML character references through ("&eacute;", "&laquo;").
        let clean = super::html::decode_entities(&inline(stripped));
        if heading && a.title.is_none() {
            a.title = Some(clean.clone());
        }
        if !para.is_empty() {
            para.push(' ');
        }
        para.push_str(&clean);
        if heading {
            out.push(std::mem::take(&mut para));
        }
    }
    if !para.is_empty() {
        out.push(para);
    }
    a.text = out.join("\n");
    a
}

fn strip_list_marker(s: &str) -> &str {
    if let Some(rest) = s
        .strip_prefix(['-', '*', '+'])
        .filter(|r| r.starts_with(' '))
    {
        return rest.trim_start();
    }
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
    if digits > 0 && (s[digits..].starts_with(". ") || s[digits..].starts_with(") ")) {
        return s[digits + 2..].trim_start();
    }
    s
}

/// Removes emphasis, code, images and link targets from one line. Linear in the line's
/// length whatever its markup: where the next `]`, `>` and `)` are is computed once, so an
/// unclosed `[` or `<` costs a look-up, not a scan to the end of the line.
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let next = Next::new(&chars);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '!' if chars.get(i + 1) == Some(&'[') => {
                // Images: drop entirely.
                if let Some(close) = next.bracket(i + 2) {
                    i = skip_target(&chars, &next, close + 1);
                    continue;
                }
                out.push(c);
            }
            '[' => {
                // The label holds no `]`, so its own links are unclosed: one level deep.
                if let Some(close) = next.bracket(i + 1) {
                    let label: String = chars[i + 1..close].iter().collect();
                    out.push_str(&inline(&label));
                    i = skip_target(&chars, &next, close + 1);
                    continue;
                }
                out.push(c);
            }
            '*' | '`' => {}
            '_' if i == 0
                || !chars[i - 1].is_alphanumeric()
                || chars.get(i + 1).is_none_or(|n| !n.is_alphanumeric()) => {}
            '<' => {
                // Inline HTML tags.
                if let Some(close) = next.angle(i + 1) {
                    i = close + 1;
                    continue;
                }
                out.push(c);
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// For each position of a line, where the next `]`, `>` and `)` at or after it are.
struct Next {
    at: Vec<[u32; 3]>,
}

impl Next {
    const NONE: u32 = u32::MAX;

    fn new(chars: &[char]) -> Next {
        let mut at = vec![[Self::NONE; 3]; chars.len() + 1];
        for i in (0..chars.len()).rev() {
            let mut row = at[i + 1];
            let here = u32::try_from(i).unwrap_or(Self::NONE);
            match chars[i] {
                ']' => row[0] = here,
                '>' => row[1] = here,
                ')' => row[2] = here,
                _ => {}
            }
            at[i] = row;
        }
        Next { at }
    }

    fn get(&self, from: usize, k: usize) -> Option<usize> {
        let v = self.at.get(from)?[k];
        (v != Self::NONE).then_some(v as usize)
    }

    fn bracket(&self, from: usize) -> Option<usize> {
        self.get(from, 0)
    }

    fn angle(&self, from: usize) -> Option<usize> {
        self.get(from, 1)
    }

    fn paren(&self, from: usize) -> Option<usize> {
        self.get(from, 2)
    }
}

fn skip_target(chars: &[char], next: &Next, at: usize) -> usize {
    if chars.get(at) == Some(&'(') {
        if let Some(close) = next.paren(at + 1) {
            return close + 1;
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_table() {
        let md = "---\ntitle: \"Talks\"\ndate: 2025-08-19\n---\n# Lula meets **Sánchez**\n\nLula *welcomed* [Pedro Sánchez](https://x.org) in\nSão Paulo. ![img](a.png)\n\n- Item one\n- `Item` two\n";
        let a = extract(md);
        assert_eq!(a.title.as_deref(), Some("Talks"));
        assert_eq!(a.published.as_deref(), Some("2025-08-19"));
        assert_eq!(
            a.text,
            "Lula meets Sánchez\nLula welcomed Pedro Sánchez in São Paulo. \nItem one\nItem two"
        );
    }
}
