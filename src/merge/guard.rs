//! The last check before a merged text is used: nothing either side wrote is missing.
//!
//! The record-by-record merge is checked by what the merged file means (`canonical`); that
//! cannot see comments, blank lines or layout. This check looks at lines: every line that a
//! side added (a comment, a changed value, a blank line) must be in the merged text, as many
//! times as that side added it, and every line that neither side removed as many times as it
//! was there. What each side added and removed is read from a line diff against BASE, not from
//! how often a line occurs (a record deleted and another added with the same `made:` line is a
//! removal and an addition, not no change). Copies of one line cannot be told apart, so the
//! count asked for is the fewest a
//! right merge can hold: removals by the two sides are taken to be of different copies, and
//! the same line added on both sides to be one addition (the same entry added on two branches
//! is kept once). So the same comment added on both sides in two places is only known to be
//! there, not there twice — the one thing this check cannot tell, and an edge that loses no
//! words.

use std::collections::HashMap;

/// Lines of OURS or THEIRS (compared with BASE) that `merged` lacks, as written (trailing
/// blanks aside), in file order; empty when nothing is lost. Lines that are one of `excused`
/// (`key: value`, values the merge replaced on purpose) are not looked for.
pub fn lost_lines(
    base: &str,
    ours: &str,
    theirs: &str,
    merged: &str,
    excused: &[String],
) -> Vec<String> {
    fn count(text: &str) -> HashMap<&str, usize> {
        let mut n: HashMap<&str, usize> = HashMap::new();
        for line in text.lines() {
            *n.entry(line.trim_end()).or_default() += 1;
        }
        n
    }
    let (b, m) = (count(base), count(merged));
    let (o, t) = (changes(base, ours), changes(base, theirs));
    let get = |n: &HashMap<&str, usize>, l: &str| n.get(l).copied().unwrap_or(0);
    let got = |n: &HashMap<&str, (usize, usize)>, l: &str| n.get(l).copied().unwrap_or((0, 0));
    let mut lost: Vec<&str> = o
        .keys()
        .chain(t.keys())
        .chain(b.keys())
        .filter(|l| {
            let bare = l.trim_start().trim_start_matches("- ");
            !excused.iter().any(|x| bare == x)
        })
        .filter_map(|&l| {
            let ((o_removed, o_added), (t_removed, t_added)) = (got(&o, l), got(&t, l));
            // As many copies as were there, less those either side removed (supposing they
            // removed different ones), plus as many as the side that added more added
            // (supposing the same addition on both sides is one): the fewest a merge that
            // keeps both sides' work can hold.
            let need = get(&b, l).saturating_sub(o_removed + t_removed) + o_added.max(t_added);
            (get(&m, l) < need).then_some(l)
        })
        .collect();
    // In the order a person meets them: theirs's lines, then ours's.
    let at = |l: &str| {
        theirs
            .find(l)
            .or_else(|| ours.find(l).map(|i| i + theirs.len()))
    };
    lost.sort_by_key(|l| at(l));
    lost.dedup();
    lost.into_iter().map(str::to_string).collect()
}

/// Per line (trailing blanks aside), how many copies `side` removed from `base` and how many
/// it added, by a line diff. Not the difference of the counts: a side that deletes a record
/// and adds another holding one of its lines (`made: 2025-03-31`) removed one copy and added
/// one, and the two sides' removals and additions only add up right when told apart.
fn changes<'a>(base: &'a str, side: &'a str) -> HashMap<&'a str, (usize, usize)> {
    let b: Vec<&str> = base.lines().map(str::trim_end).collect();
    let s: Vec<&str> = side.lines().map(str::trim_end).collect();
    let mut n: HashMap<&str, (usize, usize)> = HashMap::new();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &b, &s) {
        for l in &b[op.old_range()] {
            if op.tag() != similar::DiffTag::Equal {
                n.entry(l).or_default().0 += 1;
            }
        }
        for l in &s[op.new_range()] {
            if op.tag() != similar::DiffTag::Equal {
                n.entry(l).or_default().1 += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_from_either_side_must_stay() {
        let base = "a: 1\nb: 2\n";
        let ours = "a: 1\n# mine\nb: 2\n";
        let theirs = "a: 1   # theirs\nb: 2\n";
        assert_eq!(
            lost_lines(base, ours, theirs, ours, &[]),
            vec!["a: 1   # theirs".to_string()]
        );
        let both = "a: 1   # theirs\n# mine\nb: 2\n";
        assert!(lost_lines(base, ours, theirs, both, &[]).is_empty());
        // A line one side removed and the other left alone may go.
        assert!(lost_lines(base, "a: 1\n", base, "a: 1\n", &[]).is_empty());
        // Of a line written twice, one copy changed by each side: neither copy is owed.
        assert!(lost_lines("x:\nx:\n", "x: 1\nx:\n", "x:\nx: 2\n", "x: 1\nx: 2\n", &[]).is_empty());
        // A blank line added by one side counts, though the file has others.
        assert_eq!(lost_lines("\n\n", "\n\n", "\n\n\n", "\n\n", &[]).len(), 1);
    }

    #[test]
    fn a_record_removed_is_not_a_line_lost_because_another_shares_it() {
        let (a, b, c) = (
            "- id: a\n  title: A\n  made: 1\n",
            "- id: b\n  title: B\n  made: 1\n",
            "- id: c\n  title: C\n  made: 1\n",
        );
        let base = format!("{a}{b}");
        // Ours adds `c`; theirs removes `a` and adds `c`: `made: 1` is there twice on each
        // side, as before, but one copy went with `a` and one came with `c`.
        let (ours, theirs) = (format!("{a}{b}{c}"), format!("{b}{c}"));
        let merged = format!("{b}{c}");
        assert!(lost_lines(&base, &ours, &theirs, &merged, &[]).is_empty());
        // Without `b`'s line, one is lost all the same.
        let short = format!("{b}{c}").replacen("  made: 1\n", "", 1);
        assert_eq!(
            lost_lines(&base, &ours, &theirs, &short, &[]),
            vec!["  made: 1".to_string()]
        );
    }
}
