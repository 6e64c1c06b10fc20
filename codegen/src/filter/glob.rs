//! Path globs: `/users/**`, `/users/*/messages`, `/me/mail*`.
//!
//! A glob and a path are split at `/` into segments. A `**` segment matches any number of
//! segments (none included), a `*` within a segment matches any characters of that one
//! segment, and every other character matches itself (`{user-id}` too: a path's parameters are
//! matched by their names as written, or by `*`). The path is the operation's as in the IR:
//! relative to the host and base path, without any `?` suffix.

use std::fmt;

/// A parsed path glob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathGlob {
    segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    /// `**`: any number of segments.
    Any,
    /// Text with `*` wildcards, split at them (`mail*` is `["mail", ""]`).
    Parts(Vec<String>),
}

/// Why a glob is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlobError {
    /// The glob as given.
    pub glob: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl fmt::Display for GlobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a path glob: {}", self.glob, self.reason)
    }
}

impl std::error::Error for GlobError {}

impl PathGlob {
    /// Parses a glob: it starts with `/`, and `**` is a whole segment.
    pub fn parse(glob: &str) -> Result<PathGlob, GlobError> {
        let error = |reason| GlobError {
            glob: glob.to_owned(),
            reason,
        };
        let Some(rest) = glob.strip_prefix('/') else {
            return Err(error("it must start with `/` (e.g. `/users/**`)"));
        };
        let segments = rest
            .split('/')
            .map(|segment| match segment {
                "**" => Ok(Segment::Any),
                s if s.contains("**") => Err(error("`**` must be a whole segment (`/a/**/b`)")),
                s => Ok(Segment::Parts(s.split('*').map(str::to_owned).collect())),
            })
            .collect::<Result<_, _>>()?;
        Ok(PathGlob { segments })
    }

    /// Whether `path` (starting with `/`) matches the glob.
    pub fn matches(&self, path: &str) -> bool {
        let Some(rest) = path.strip_prefix('/') else {
            return false;
        };
        let path: Vec<&str> = rest.split('/').collect();
        matches_from(&self.segments, &path)
    }
}

/// Matches glob segments against path segments, trying each place a `**` could end (paths and
/// globs are a few segments long).
fn matches_from(glob: &[Segment], path: &[&str]) -> bool {
    match glob.split_first() {
        None => path.is_empty(),
        Some((Segment::Any, rest)) => {
            (0..=path.len()).any(|skip| matches_from(rest, &path[skip..]))
        }
        Some((Segment::Parts(parts), rest)) => match path.split_first() {
            Some((segment, path)) => segment_matches(parts, segment) && matches_from(rest, path),
            None => false,
        },
    }
}

/// Whether one path segment matches text split at its `*`s: the first part is a prefix, the
/// last a suffix, and those between appear in order.
fn segment_matches(parts: &[String], segment: &str) -> bool {
    let (first, last) = match parts {
        [only] => return only == segment,
        [first, .., last] => (first, last),
        [] => return segment.is_empty(),
    };
    if first.len() + last.len() > segment.len()
        || !segment.starts_with(first.as_str())
        || !segment.ends_with(last.as_str())
    {
        return false;
    }
    let mut middle = &segment[first.len()..segment.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match middle.find(part.as_str()) {
            Some(at) => middle = &middle[at + part.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(glob: &str, path: &str) -> bool {
        PathGlob::parse(glob).unwrap().matches(path)
    }

    #[test]
    fn literal_globs_match_only_their_path() {
        assert!(matches("/users", "/users"));
        assert!(!matches("/users", "/users/{id}"));
        assert!(!matches("/users", "/user"));
        assert!(!matches("/users", "/usersx"));
        assert!(matches("/users/{user-id}", "/users/{user-id}"));
        assert!(!matches("/users/{user-id}", "/users/{id}"));
        assert!(matches("/", "/"));
        assert!(!matches("/", "/users"));
    }

    #[test]
    fn a_star_is_one_segment_or_part_of_one() {
        assert!(matches("/users/*", "/users/{id}"));
        assert!(matches("/users/*", "/users/delta()"));
        assert!(!matches("/users/*", "/users"));
        assert!(!matches("/users/*", "/users/{id}/messages"));
        assert!(matches("/users/*/messages", "/users/{id}/messages"));
        assert!(!matches("/users/*/messages", "/users/{id}/events"));
        assert!(matches("/me/mail*", "/me/mailFolders"));
        assert!(matches("/me/mail*", "/me/mail"));
        assert!(!matches("/me/mail*", "/me/calendar"));
        assert!(matches("/*ers", "/users"));
        assert!(matches("/u*r*s", "/users"));
        assert!(!matches("/u*r*s", "/uxs"));
        // The two ends may not overlap: `ab*ba` needs at least `abba`.
        assert!(!matches("/ab*ba", "/aba"));
        assert!(matches("/ab*ba", "/abba"));
    }

    #[test]
    fn a_double_star_is_any_number_of_segments() {
        assert!(matches("/users/**", "/users"));
        assert!(matches("/users/**", "/users/{id}"));
        assert!(matches("/users/**", "/users/{id}/messages/{message-id}"));
        assert!(!matches("/users/**", "/usersx"));
        assert!(!matches("/users/**", "/me/users"));
        assert!(matches("/**", "/anything/at/all"));
        assert!(matches("/**/messages", "/me/messages"));
        assert!(matches("/**/messages", "/messages"));
        assert!(matches(
            "/**/messages",
            "/users/{id}/mailFolders/{f}/messages"
        ));
        assert!(!matches("/**/messages", "/me/messages/{id}"));
        assert!(matches("/users/**/messages/*", "/users/{id}/messages/{m}"));
        assert!(matches("/**/**/x", "/x"));
    }

    #[test]
    fn paths_without_a_leading_slash_never_match() {
        assert!(!matches("/**", "users"));
        assert!(!matches("/**", ""));
    }

    #[test]
    fn bad_globs_are_errors() {
        for (glob, reason) in [
            ("users/**", "must start with `/`"),
            ("", "must start with `/`"),
            ("/users/**x", "`**` must be a whole segment"),
            ("/a***", "`**` must be a whole segment"),
        ] {
            let error = PathGlob::parse(glob).unwrap_err();
            assert!(error.to_string().contains(reason), "{glob}: {error}");
            assert!(error.to_string().contains(&format!("`{glob}`")), "{error}");
        }
    }
}
