//! JSON pointer to `line:col`, for messages. Nothing is indexed at load time: when an error or a
//! warning is shown, its file is parsed again into a stream of events with positions (YAML's
//! event parser, which reads JSON too), and the wanted pointers are looked up in one pass. The
//! walk keeps a stack of the current path, not a recursion, so any depth is fine.

use std::collections::HashMap;

use granit_parser::{Event, Parser};

/// 1-based line and column of the node at each pointer (`#/a/b`, `~0`/`~1` escapes) in `text`,
/// in the order of `pointers`. The member of a mapping is found at its key (`type:` in
/// `type: 7`), an item at its first character, `#` at the document's first node. `None` for a
/// pointer that is not in the text (or text the parser gives up on before reaching it).
pub fn line_cols(text: &str, pointers: &[&str]) -> Vec<Option<(usize, usize)>> {
    let mut found: Vec<Option<(usize, usize)>> = vec![None; pointers.len()];
    // Pointers by their escaped text; several pointers may be the same.
    let mut wanted: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, pointer) in pointers.iter().enumerate() {
        wanted.entry(pointer).or_default().push(i);
    }
    let mut remaining = pointers.len();
    let mut mark = |pointer: &str, line: usize, col: usize, found: &mut Vec<_>| {
        if let Some(indices) = wanted.remove(pointer) {
            for i in indices {
                found[i] = Some((line, col + 1));
                remaining -= 1;
            }
        }
        remaining == 0
    };
    // The path to the current node, as pointer text, and the containers it is in.
    let mut path = String::from("#");
    let mut frames: Vec<Frame> = Vec::new();
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else {
            break;
        };
        if let Some(Frame::Skip(nesting)) = frames.last_mut() {
            match event {
                Event::MappingStart(..) | Event::SequenceStart(..) => *nesting += 1,
                Event::MappingEnd | Event::SequenceEnd => *nesting -= 1,
                _ => {}
            }
            if *nesting == 0 {
                frames.pop();
            }
            continue;
        }
        let (line, col) = (span.start.line(), span.start.col());
        let starts_node = matches!(
            event,
            Event::Scalar(..)
                | Event::SequenceStart(..)
                | Event::MappingStart(..)
                | Event::Alias(_)
        );
        if starts_node {
            match frames.last_mut() {
                // A key: the member it names is located here.
                Some(Frame::Mapping {
                    key: key @ None,
                    len,
                }) => {
                    let name = match &event {
                        Event::Scalar(value, ..) => value.to_string(),
                        // A complex key: no pointer can name it.
                        _ => String::new(),
                    };
                    *len = path.len();
                    path.push('/');
                    path.push_str(&name.replace('~', "~0").replace('/', "~1"));
                    *key = Some(());
                    if mark(&path, line, col, &mut found) {
                        return found;
                    }
                    if !matches!(event, Event::Scalar(..) | Event::Alias(_)) {
                        // A complex key: skip its content (a nameless member's value follows).
                        frames.push(Frame::Skip(1));
                    }
                    continue;
                }
                Some(Frame::Sequence { index, len }) => {
                    *len = path.len();
                    path.push('/');
                    path.push_str(&index.to_string());
                    *index += 1;
                    if mark(&path, line, col, &mut found) {
                        return found;
                    }
                }
                Some(Frame::Skip(_) | Frame::Mapping { .. }) | None => {
                    if frames.is_empty() && mark(&path, line, col, &mut found) {
                        return found;
                    }
                }
            }
        }
        match event {
            Event::MappingStart(..) => frames.push(Frame::Mapping { key: None, len: 0 }),
            Event::SequenceStart(..) => frames.push(Frame::Sequence { index: 0, len: 0 }),
            Event::MappingEnd | Event::SequenceEnd => {
                frames.pop();
                end_value(&mut frames, &mut path);
            }
            Event::Scalar(..) | Event::Alias(_) => end_value(&mut frames, &mut path),
            _ => {}
        }
    }
    found
}

/// A container being read.
enum Frame {
    /// `key` is set while the value of a member is read; `len` is the path's length without it.
    Mapping { key: Option<()>, len: usize },
    /// `index` is the next item's; `len` is the path's length without the current item.
    Sequence { index: usize, len: usize },
    /// The content of a complex key, with its nesting depth.
    Skip(usize),
}

/// A value ended: drop its segment from the path.
fn end_value(frames: &mut [Frame], path: &mut String) {
    match frames.last_mut() {
        Some(Frame::Mapping { key, len }) if key.is_some() => {
            path.truncate(*len);
            *key = None;
        }
        Some(Frame::Sequence { len, .. }) => path.truncate(*len),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, pointer: &str) -> Option<(usize, usize)> {
        line_cols(text, &[pointer])[0]
    }

    #[test]
    fn yaml_members_are_found_at_their_keys() {
        let text = "swagger: '2.0'\ndefinitions:\n  Pet:\n    type: object\n    properties:\n      a~b/c: {type: 7}\n      list:\n        - x\n        - {y: 1}\n";
        assert_eq!(at(text, "#"), Some((1, 1)));
        assert_eq!(at(text, "#/definitions/Pet"), Some((3, 3)));
        assert_eq!(at(text, "#/definitions/Pet/type"), Some((4, 5)));
        assert_eq!(
            at(text, "#/definitions/Pet/properties/a~0b~1c/type"),
            Some((6, 15))
        );
        assert_eq!(
            at(text, "#/definitions/Pet/properties/list/1"),
            Some((9, 11))
        );
        assert_eq!(
            at(text, "#/definitions/Pet/properties/list/1/y"),
            Some((9, 12))
        );
        assert_eq!(at(text, "#/definitions/Cat"), None);
        assert_eq!(at(text, "#/definitions/Pet/properties/list/2"), None);
    }

    #[test]
    fn json_is_read_the_same_way() {
        let text = "{\n  \"swagger\": \"2.0\",\n  \"definitions\": {\n    \"Pet\": {\"type\": \"object\",\n      \"properties\": {\"tags\": {\"type\": \"array\", \"items\": [1, {\"a\": 2}]}}}\n  }\n}\n";
        assert_eq!(at(text, "#/swagger"), Some((2, 3)));
        assert_eq!(at(text, "#/definitions/Pet"), Some((4, 5)));
        assert_eq!(at(text, "#/definitions/Pet/type"), Some((4, 13)));
        assert_eq!(
            at(text, "#/definitions/Pet/properties/tags/items/1/a"),
            Some((5, 62))
        );
    }

    #[test]
    fn several_pointers_are_found_in_one_pass() {
        let text = "a: 1\nb:\n  c: 2\n";
        assert_eq!(
            line_cols(text, &["#/b/c", "#/a", "#/nope", "#/a"]),
            [Some((3, 3)), Some((1, 1)), None, Some((1, 1))]
        );
    }

    #[test]
    fn deep_documents_are_walked_without_recursion() {
        let depth = 5_000;
        let text = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let pointer = format!("#{}", "/0".repeat(depth));
        let result = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || at(&text, &pointer))
            .unwrap()
            .join()
            .unwrap();
        // The parser may refuse such nesting; it must not overflow.
        assert!(matches!(result, Some((1, c)) if c == depth + 1) || result.is_none());
    }
}
