//! New entries laid out like the record around them.
//!
//! yaml-edit lays out what it inserts its own way: two spaces per level, lists indented under
//! their key, one space after a dash. Files written by hand or by other tools often differ —
//! four spaces per level, `-   ` before each list item, lists level with their key — and a
//! new evidence entry in the CLI's layout then stands out in the file and in every diff.
//!
//! So after an edit, the inserted lines are re-indented to the layout the enclosing record
//! already uses. This is presentation only, and is treated so: anything it does not fully
//! understand (a change that is not a pure insertion, a block of text spread over lines, a
//! record without a clear layout) leaves yaml-edit's text as it was, and a result is kept only
//! when it reads back as exactly the same YAML as yaml-edit's (compared value by value); the
//! write's own check against the intended ledger comes after this, as before.

/// How a record lays out its nested blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout {
    /// Spaces a mapping nested under `key:` is indented by.
    step: usize,
    /// Spaces a list under `key:` is indented by (0: the dashes are level with the key).
    list: usize,
    /// Spaces between a dash and the first key of a mapping item (`-   id:` has 3).
    gap: usize,
}

/// The layout yaml-edit gives to what it inserts.
const YAML_EDIT: Layout = Layout {
    step: 2,
    list: 2,
    gap: 1,
};

/// `edited` is `original` after yaml-edit's edits; returns it with the inserted lines laid out
/// like their record, or `edited` unchanged when that cannot be done with certainty.
pub fn restyle(original: &str, edited: String) -> String {
    match relaid(original, &edited) {
        Some(text) if same_yaml(&text, &edited) => text,
        _ => edited,
    }
}

fn relaid(original: &str, edited: &str) -> Option<String> {
    let old: Vec<&str> = original.split_inclusive('\n').collect();
    let new: Vec<&str> = edited.split_inclusive('\n').collect();
    let inserted = insertions(&old, &new)?;
    if inserted.iter().all(|&i| !i) {
        return None;
    }
    let list_column = records_column(&old)?;
    // Each group of inserted lines, where it starts and ends in `new`, and the layout of its
    // record. Most files use yaml-edit's own layout; they are left without copying the text.
    let mut groups = Vec::new();
    let (mut i, mut at_old) = (0, 0);
    while i < new.len() {
        if !inserted[i] {
            // `at_old` counts the old lines passed: the next group was inserted before it.
            at_old += 1;
            i += 1;
            continue;
        }
        let end = (i..new.len()).find(|&j| !inserted[j]).unwrap_or(new.len());
        let record = enclosing_record(&old, at_old, list_column);
        groups.push((i, end, layout(record).unwrap_or(YAML_EDIT)));
        i = end;
    }
    if groups.iter().all(|&(_, _, l)| l == YAML_EDIT) {
        return None;
    }
    let mut out = String::with_capacity(edited.len() + 256);
    let mut changed = false;
    let mut done = 0;
    for (start, end, layout) in groups {
        new[done..start].iter().for_each(|l| out.push_str(l));
        let group = &new[start..end];
        if layout == YAML_EDIT {
            group.iter().for_each(|l| out.push_str(l));
        } else {
            let lines = relay(group, layout)?;
            changed |= lines.iter().zip(group).any(|(a, b)| a != b);
            lines.iter().for_each(|l| out.push_str(l));
        }
        done = end;
    }
    new[done..].iter().for_each(|l| out.push_str(l));
    changed.then_some(out)
}

/// Which lines of `new` were inserted into `old`, if `new` is `old` with lines inserted and
/// nothing else; None otherwise (yaml-edit also rewrites a line, e.g. `gaps: []`).
fn insertions(old: &[&str], new: &[&str]) -> Option<Vec<bool>> {
    let mut inserted = Vec::with_capacity(new.len());
    // Lines are compared without their endings: yaml-edit ends a last line that had none.
    let bare = |l: &str| l.trim_end_matches(['\n', '\r']).to_string();
    let mut o = 0;
    for line in new {
        if o < old.len() && bare(old[o]) == bare(line) {
            inserted.push(false);
            o += 1;
        } else {
            inserted.push(true);
        }
    }
    (o == old.len()).then_some(inserted)
}

/// The column of the dashes of the top-level `commitments:` list.
fn records_column(lines: &[&str]) -> Option<usize> {
    let key = lines
        .iter()
        .position(|l| l.trim_end().starts_with("commitments:"))?;
    lines[key + 1..]
        .iter()
        .map(|l| l.trim_end())
        .find(|l| is_data(l))
        .filter(|l| l.trim_start().starts_with('-'))
        .map(indent)
}

/// The lines of the record that holds old line `at` (a line inserted before `at` belongs to
/// the record above it; one appended after the last record, to the last record).
fn enclosing_record<'a>(old: &'a [&'a str], at: usize, column: usize) -> &'a [&'a str] {
    let is_start = |l: &str| {
        let t = l.trim_end();
        is_data(t) && indent(t) == column && t.trim_start().starts_with('-')
    };
    let is_outside = |l: &str| {
        let t = l.trim_end();
        is_data(t) && indent(t) < column
    };
    let start = (0..at.min(old.len()))
        .rev()
        .find(|&i| is_start(old[i]))
        .unwrap_or(0);
    let end = (start + 1..old.len())
        .find(|&i| is_start(old[i]) || is_outside(old[i]))
        .unwrap_or(old.len());
    &old[start..end]
}

/// The layout a record's own lines show, if they show one.
fn layout(record: &[&str]) -> Option<Layout> {
    let data: Vec<&str> = record
        .iter()
        .map(|l| l.trim_end())
        .filter(|l| is_data(l))
        .collect();
    let mut steps = Vec::new();
    let mut lists = Vec::new();
    let mut gaps = Vec::new();
    for (i, line) in data.iter().enumerate() {
        let body = line.trim_start();
        if let Some(rest) = body.strip_prefix('-')
            && let Some(after) = rest.strip_prefix(' ')
        {
            let gap = 1 + after.len() - after.trim_start().len();
            if is_key(after.trim_start()) {
                gaps.push(gap);
            }
        }
        if is_opener(body)
            && let Some(next) = data.get(i + 1)
            && indent(next) >= indent(line)
        {
            let by = indent(next) - indent(line);
            if next.trim_start().starts_with('-') {
                lists.push(by);
            } else if by > 0 {
                steps.push(by);
            }
        }
    }
    let most = |v: &[usize]| {
        let mut best: Option<(usize, usize)> = None;
        for &x in v {
            let n = v.iter().filter(|&&y| y == x).count();
            if best.is_none_or(|(_, m)| n > m) {
                best = Some((x, n));
            }
        }
        best.map(|(x, _)| x)
    };
    // A mapping item's keys are one level in: the dash and its gap are a step.
    let step = most(&steps).or_else(|| most(&gaps).map(|g| g + 1))?;
    Some(Layout {
        step,
        list: most(&lists).unwrap_or(YAML_EDIT.list),
        gap: most(&gaps).unwrap_or(step - 1).max(1),
    })
}

/// Re-indents one group of lines inserted by yaml-edit (in the `YAML_EDIT` layout) to
/// `layout`. The group's first line is where yaml-edit put it, level with its siblings.
fn relay(group: &[&str], layout: Layout) -> Option<Vec<String>> {
    // Open levels: (yaml-edit's column, the new column).
    let mut levels: Vec<(usize, usize)> = Vec::new();
    let mut out = Vec::with_capacity(group.len());
    let mut previous: Option<(&str, usize)> = None;
    for line in group {
        let (content, ending) = split_ending(line);
        if !is_data(content) || content.contains('\t') {
            return None;
        }
        let old = indent(content);
        let body = content.trim_start();
        while levels.last().is_some_and(|&(o, _)| o > old) {
            levels.pop();
        }
        let new = match levels.last() {
            None => old,
            Some(&(o, n)) if o == old => n,
            Some(_) => {
                // Deeper than any open level: the first line under a `key:` opener.
                let (parent, parent_new) = previous?;
                if !is_opener(parent) {
                    return None;
                }
                if body.starts_with('-') {
                    parent_new + layout.list
                } else {
                    parent_new + layout.step
                }
            }
        };
        if levels.last().is_none_or(|&(o, _)| o < old) {
            levels.push((old, new));
        }
        let text = match body.strip_prefix("- ") {
            Some(item) if is_key(item) => {
                // The item's other keys line up with its first.
                levels.push((old + 2, new + 1 + layout.gap));
                format!(
                    "{}-{}{item}{ending}",
                    " ".repeat(new),
                    " ".repeat(layout.gap)
                )
            }
            Some(_) => format!("{}{body}{ending}", " ".repeat(new)),
            None if body.starts_with('-') => return None,
            None => format!("{}{body}{ending}", " ".repeat(new)),
        };
        previous = Some((body, new));
        out.push(text);
    }
    Some(out)
}

/// Whether both texts hold the same YAML, value for value.
fn same_yaml(a: &str, b: &str) -> bool {
    let read = |t: &str| serde_saphyr::from_str::<serde_json::Value>(t).ok();
    match (read(a), read(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

fn split_ending(line: &str) -> (&str, &str) {
    let content = line.trim_end_matches(['\n', '\r']);
    (content, &line[content.len()..])
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Not blank and not only a comment.
fn is_data(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// `key: value` or `key:` — a mapping entry with a plain key (`https://…` is not one: a
/// key's colon is followed by a space or ends the line).
fn is_key(body: &str) -> bool {
    let Some((key, rest)) = body.split_once(':') else {
        return false;
    };
    (rest.is_empty() || rest.starts_with(' '))
        && !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// `key:` with nothing after it but a comment: a block follows. A block scalar (`key: |`)
/// is not an opener; its lines are text, and `relay` gives up on them.
fn is_opener(body: &str) -> bool {
    let Some((key, rest)) = body.split_once(':') else {
        return false;
    };
    let rest = rest.trim();
    is_key(body) && !key.starts_with('-') && (rest.is_empty() || rest.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn four_space() -> &'static str {
        "commitments:\n\
         \x20   -   id: a\n\
         \x20       source:\n\
         \x20           title: S\n\
         \x20       history:\n\
         \x20           -   date: 2025-03-31\n\
         \x20               status: announced\n\
         \x20               evidence:\n\
         \x20                   - source\n"
    }

    #[test]
    fn a_pushed_item_takes_the_records_layout() {
        let original = four_space();
        let edited = format!(
            "{original}\
             \x20           - date: 2026-01-01\n\
             \x20             status: partial\n\
             \x20             evidence:\n\
             \x20               - source\n\
             \x20             note: n\n"
        );
        let expected = format!(
            "{original}\
             \x20           -   date: 2026-01-01\n\
             \x20               status: partial\n\
             \x20               evidence:\n\
             \x20                   - source\n\
             \x20               note: n\n"
        );
        assert_eq!(restyle(original, edited), expected);
    }

    #[test]
    fn a_new_list_takes_the_records_layout() {
        let original =
            "commitments:\n- id: a\n  history:\n  - date: 2025-03-31\n    status: announced\n";
        let edited = "commitments:\n- id: a\n  evidence:\n    - id: e\n      url: https://example.org\n  history:\n  - date: 2025-03-31\n    status: announced\n".to_string();
        assert_eq!(
            restyle(original, edited),
            "commitments:\n- id: a\n  evidence:\n  - id: e\n    url: https://example.org\n  history:\n  - date: 2025-03-31\n    status: announced\n"
        );
    }

    #[test]
    fn the_clis_own_layout_is_left_alone() {
        let original = "commitments:\n  - id: a\n    history:\n      - date: 2025-03-31\n        status: announced\n";
        let edited = format!("{original}      - date: 2026-01-01\n        status: partial\n");
        assert_eq!(restyle(original, edited.clone()), edited);
    }

    #[test]
    fn anything_but_a_pure_insertion_is_left_alone() {
        let original = "commitments:\n    -   id: a\n        gaps: []\n";
        let edited =
            "commitments:\n    -   id: a\n        gaps:\n          - note: n\n".to_string();
        assert_eq!(restyle(original, edited.clone()), edited);
    }

    #[test]
    fn text_over_several_lines_is_left_alone() {
        let original =
            "commitments:\n    -   id: a\n        history:\n            -   date: 2025-03-31\n";
        let edited = format!(
            "{original}            - date: 2026-01-01\n              note: |-\n                one\n                two\n"
        );
        assert_eq!(restyle(original, edited.clone()), edited);
    }

    #[test]
    fn crlf_lines_keep_their_endings() {
        let original = four_space().replace('\n', "\r\n");
        let edited = format!(
            "{original}            - date: 2026-01-01\r\n              status: partial\r\n"
        );
        let out = restyle(&original, edited);
        assert!(
            out.ends_with(
                "            -   date: 2026-01-01\r\n                status: partial\r\n"
            ),
            "{out}"
        );
    }
}
