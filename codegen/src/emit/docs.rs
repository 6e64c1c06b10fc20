//! Doc comments: spec text made safe for rustdoc and clippy, one `#[doc = " line"]` per line.
//!
//! Spec descriptions are free text written for HTML renderers. Rustdoc reads them as Markdown and
//! denies (with `-D warnings`) broken intra-doc links (`[x]`), unclosed HTML tags (`<end>`) and
//! bare URLs, and runs unfenced code blocks as doctests. [`sanitize`] fixes each of these without
//! losing text; our own generated Markdown goes through [`Doc::raw`] untouched.

use proc_macro2::TokenStream;
use quote::quote;

/// A doc comment being assembled, paragraph by paragraph.
#[derive(Debug, Default, Clone)]
pub(crate) struct Doc {
    paragraphs: Vec<Vec<String>>,
}

impl Doc {
    pub(crate) fn new() -> Self {
        Doc::default()
    }

    /// Adds spec text (sanitized) as one or more paragraphs; `None` or blank text adds nothing.
    pub(crate) fn spec(mut self, text: Option<&str>) -> Self {
        if let Some(text) = text {
            let lines = sanitize(text);
            if !lines.is_empty() {
                self.paragraphs.push(lines);
            }
        }
        self
    }

    /// Adds generated Markdown, trusted as is.
    pub(crate) fn raw(mut self, text: impl Into<String>) -> Self {
        let text = text.into();
        self.paragraphs
            .push(text.lines().map(|l| l.trim_end().to_owned()).collect());
        self
    }

    /// Adds generated Markdown unless the doc already has some text.
    pub(crate) fn or_raw(self, text: impl Into<String>) -> Self {
        if self.paragraphs.is_empty() {
            self.raw(text)
        } else {
            self
        }
    }

    /// The lines, paragraphs separated by one blank line.
    pub(crate) fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (i, paragraph) in self.paragraphs.iter().enumerate() {
            if i > 0 {
                out.push(String::new());
            }
            out.extend(paragraph.iter().cloned());
        }
        out
    }

    /// Outer attributes: `#[doc = " line"]` per line.
    pub(crate) fn attrs(&self) -> TokenStream {
        self.lines()
            .iter()
            .map(|line| {
                let text = doc_text(line);
                quote!(#[doc = #text])
            })
            .collect()
    }

    /// Inner attributes (`#![doc = " line"]`) for crate or module docs.
    pub(crate) fn inner_attrs(&self) -> TokenStream {
        self.lines()
            .iter()
            .map(|line| {
                let text = doc_text(line);
                quote!(#![doc = #text])
            })
            .collect()
    }
}

/// ` line` (the space that `///` would put), or nothing for a blank line. Control characters
/// and bidirectional formatting characters are left out: docs must read as they display.
fn doc_text(line: &str) -> String {
    let line = strip_hidden(line);
    if line.is_empty() {
        String::new()
    } else {
        format!(" {line}")
    }
}

/// Whether `c` must not reach generated text: a control character other than a newline or a
/// tab (NUL, ESC, ...), or a bidirectional formatting character (U+202A..U+202E, U+2066..U+2069,
/// the marks U+200E, U+200F, U+061C), which can make text display otherwise than it reads.
pub(crate) fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `text` without its hidden characters: control characters other than newline and tab, and
/// bidirectional formatting characters.
pub fn strip_hidden(text: &str) -> String {
    text.chars().filter(|&c| !is_hidden(c)).collect()
}

/// `text` on one line and without hidden characters: line breaks and other control characters
/// become spaces, bidirectional formatting characters are left out.
pub fn one_line_text(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => Some(' '),
            c if is_hidden(c) => None,
            c => Some(c),
        })
        .collect()
}

/// A text argument's placeholder in the examples of the crate docs: `"<name>"` (a Rust string
/// literal, without the quotes and backslashes a parameter name may have).
pub(crate) fn placeholder(name: &str) -> String {
    format!("\"<{}>\"", name.replace(['"', '\\'], ""))
}

/// Inline code: `text` in backticks, with a longer fence when the text has backticks itself.
pub(crate) fn code(text: &str) -> String {
    let text = text.replace(['\r', '\n'], " ");
    let longest = longest_run(&text, '`');
    if longest == 0 {
        return format!("`{text}`");
    }
    let fence = "`".repeat(longest + 1);
    format!("{fence} {text} {fence}")
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// Makes spec text rustdoc-safe, as lines (no leading or trailing blank line, no double blank).
pub(crate) fn sanitize(text: &str) -> Vec<String> {
    let text = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', "    ");
    let mut out: Vec<String> = Vec::new();
    let mut fence: Option<&str> = None;
    let mut list_indent: Option<usize> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                out.push("```".to_owned());
                fence = None;
            } else {
                out.push(line.trim_end().to_owned());
            }
            continue;
        }
        if let Some(marker) = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m)) {
            out.push("```text".to_owned());
            fence = Some(marker);
            list_indent = None;
            continue;
        }
        if trimmed.is_empty() {
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
            list_indent = None;
            continue;
        }
        let escaped = escape_line(trimmed);
        match list_marker_width(trimmed) {
            Some(width) => {
                list_indent = Some(width);
                out.push(escaped);
            }
            None => match list_indent {
                Some(width) => out.push(format!("{}{escaped}", " ".repeat(width))),
                None => out.push(escaped),
            },
        }
    }
    if fence.is_some() {
        out.push("```".to_owned());
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// The width of a list item's marker and its space (`- ` is 2, `10. ` is 4), if `line` is one.
fn list_marker_width(line: &str) -> Option<usize> {
    if ["- ", "* ", "+ "].iter().any(|m| line.starts_with(m)) {
        return Some(2);
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    if (1..=9).contains(&digits) && (rest.starts_with(". ") || rest.starts_with(") ")) {
        return Some(digits + 2);
    }
    None
}

/// Escapes one trimmed line outside code fences: brackets, backslashes, `<` (but autolinks),
/// a leading `>`, unmatched backticks; wraps bare URLs in `<...>`; keeps code spans and
/// `[text](https://...)` links as they are.
fn escape_line(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            let run = chars[i..].iter().take_while(|&&ch| ch == '`').count();
            if let Some(end) = closing_backticks(&chars, i + run, run) {
                out.extend(&chars[i..end + run]);
                i = end + run;
            } else {
                for _ in 0..run {
                    out.push_str("\\`");
                }
                i += run;
            }
            continue;
        }
        let kept = match c {
            '[' => markdown_link_end(&chars, i),
            '<' => autolink_end(&chars, i),
            _ => None,
        };
        if let Some(end) = kept {
            out.extend(&chars[i..end]);
            i = end;
            continue;
        }
        if url_starts_at(&chars, i) {
            let end = bare_url_end(&chars, i);
            out.push('<');
            out.extend(&chars[i..end]);
            out.push('>');
            i = end;
            continue;
        }
        match c {
            '\\' | '[' | ']' | '<' => {
                out.push('\\');
                out.push(c);
            }
            '>' if i == 0 => out.push_str("\\>"),
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// Where a run of exactly `run` backticks starts at or after `from`.
fn closing_backticks(chars: &[char], from: usize, run: usize) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '`' {
            let len = chars[i..].iter().take_while(|&&ch| ch == '`').count();
            if len == run {
                return Some(i);
            }
            i += len;
        } else {
            i += 1;
        }
    }
    None
}

fn is_url_at(chars: &[char], i: usize) -> bool {
    let rest: String = chars[i..chars.len().min(i + 8)].iter().collect();
    rest.starts_with("http://") || rest.starts_with("https://")
}

/// A bare URL starts here: `http(s)://` not in the middle of a word.
fn url_starts_at(chars: &[char], i: usize) -> bool {
    is_url_at(chars, i) && (i == 0 || !chars[i - 1].is_alphanumeric())
}

/// The end of a bare URL: up to whitespace or `<>"'` and backticks, minus trailing punctuation
/// and unbalanced closing parentheses or brackets.
fn bare_url_end(chars: &[char], start: usize) -> usize {
    let mut end = start;
    while end < chars.len()
        && !chars[end].is_whitespace()
        && !matches!(chars[end], '<' | '>' | '"' | '\'' | '`')
    {
        end += 1;
    }
    loop {
        let last = chars[end - 1];
        let url = &chars[start..end];
        let unbalanced = |open: char, close: char| {
            url.iter().filter(|&&c| c == close).count() > url.iter().filter(|&&c| c == open).count()
        };
        let trim = matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '*')
            || (last == ')' && unbalanced('(', ')'))
            || (last == ']' && unbalanced('[', ']'));
        if trim && end > start + 1 {
            end -= 1;
        } else {
            return end;
        }
    }
}

/// `<http...>` with no space inside: an autolink, kept.
fn autolink_end(chars: &[char], i: usize) -> Option<usize> {
    if !is_url_at(chars, i + 1) {
        return None;
    }
    let close = chars[i..].iter().position(|&c| c == '>')? + i;
    if chars[i..close].iter().any(|c| c.is_whitespace()) {
        return None;
    }
    Some(close + 1)
}

/// `[text](http...)` with plain text: a Markdown link, kept.
fn markdown_link_end(chars: &[char], i: usize) -> Option<usize> {
    let close = chars[i + 1..].iter().position(|&c| c == ']')? + i + 1;
    let text = &chars[i + 1..close];
    if text.is_empty() || text.iter().any(|&c| matches!(c, '[' | '`' | '<' | '\\')) {
        return None;
    }
    if chars.get(close + 1) != Some(&'(') || !is_url_at(chars, close + 2) {
        return None;
    }
    let end = chars[close + 2..].iter().position(|&c| c == ')')? + close + 2;
    if chars[close + 2..end]
        .iter()
        .any(|&c| c.is_whitespace() || c == '<')
    {
        return None;
    }
    Some(end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> String {
        sanitize(text).join("\n")
    }

    #[test]
    fn brackets_are_escaped_so_they_are_not_intra_doc_links() {
        assert_eq!(one("a [b] c"), r"a \[b\] c");
    }

    #[test]
    fn markdown_links_to_urls_are_kept() {
        assert_eq!(
            one("see [the spec](https://example.com/a_b) now"),
            "see [the spec](https://example.com/a_b) now"
        );
    }

    #[test]
    fn bare_urls_are_wrapped_and_trailing_punctuation_stays_outside() {
        assert_eq!(
            one("as defined by https://tools.ietf.org/html/rfc3339#section-5.6)."),
            "as defined by <https://tools.ietf.org/html/rfc3339#section-5.6>)."
        );
        assert_eq!(one("(see http://x.io/a(b))"), "(see <http://x.io/a(b)>)");
    }

    #[test]
    fn autolinks_are_kept() {
        assert_eq!(one("<https://example.com>"), "<https://example.com>");
    }

    #[test]
    fn html_like_tags_are_escaped() {
        assert_eq!(one("bytes=<start>-<end>"), r"bytes=\<start>-\<end>");
    }

    #[test]
    fn leading_indentation_cannot_make_a_code_block() {
        assert_eq!(one("text\n\n    let x = 1;"), "text\n\nlet x = 1;");
    }

    #[test]
    fn fences_become_text_and_are_closed() {
        assert_eq!(one("a\n```json\n{ [1] }"), "a\n```text\n{ [1] }\n```");
        assert_eq!(one("```\nx <y>\n```\nb"), "```text\nx <y>\n```\nb");
    }

    #[test]
    fn code_spans_are_kept_and_stray_backticks_escaped() {
        assert_eq!(one("use `a[0]` here"), "use `a[0]` here");
        assert_eq!(one("it`s"), r"it\`s");
    }

    #[test]
    fn backslashes_and_leading_quote_marks_are_escaped() {
        assert_eq!(one(r"\d+ matches"), r"\\d+ matches");
        assert_eq!(one("> quoted"), r"\> quoted");
        assert_eq!(one("a -> b"), "a -> b");
    }

    #[test]
    fn lazy_list_continuations_are_indented() {
        assert_eq!(one("- item\nmore\n\nafter"), "- item\n  more\n\nafter");
        assert_eq!(one("10. item\nmore"), "10. item\n    more");
    }

    #[test]
    fn blank_lines_are_collapsed_and_trimmed() {
        assert_eq!(sanitize("\n\na\r\n\r\n\r\nb\n\n"), vec!["a", "", "b"]);
        assert!(sanitize("  \n ").is_empty());
    }

    #[test]
    fn tabs_become_spaces() {
        assert_eq!(one("a\tb"), "a    b");
    }

    #[test]
    fn code_spans_with_backticks_get_longer_fences() {
        assert_eq!(code("GET /v2/{name}"), "`GET /v2/{name}`");
        assert_eq!(code("a`b"), "`` a`b ``");
    }

    #[test]
    fn doc_attributes_are_one_per_line_with_a_leading_space() {
        let doc = Doc::new().spec(Some("first")).raw("second");
        let text = doc.attrs().to_string();
        assert_eq!(
            text,
            r#"# [doc = " first"] # [doc = ""] # [doc = " second"]"#
        );
    }

    #[test]
    fn control_and_bidi_characters_never_reach_a_doc_line() {
        let doc = Doc::new().spec(Some(
            "a\u{0}b \u{202E}evil\u{202C} \u{2066}x\u{2069} \u{1b}[31m",
        ));
        let text = doc.attrs().to_string();
        // (`[` is escaped so that rustdoc does not read a link.)
        assert_eq!(text, quote!(#[doc = " ab evil x \\[31m"]).to_string());
        assert_eq!(
            one_line_text("specs/a\nb\r.json\u{202E}"),
            "specs/a b .json"
        );
    }

    #[test]
    fn or_raw_only_fills_an_empty_doc() {
        assert_eq!(Doc::new().or_raw("x").lines(), vec!["x"]);
        assert_eq!(Doc::new().spec(Some("a")).or_raw("x").lines(), vec!["a"]);
    }
}
