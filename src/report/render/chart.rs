//! The bar chart of status counts over time: stacked bars of block characters in the
//! terminal (Taskwarrior's `ghistory`), ASCII where Unicode cannot be shown, and the data an
//! SVG chart is drawn from in HTML.

use comfy_table::Color;

use super::{Palette, clean};

/// One stacked bar per period; one segment per status of the scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    /// The statuses in scale order: label and colour (`#rrggbb`).
    pub series: Vec<(String, String)>,
    pub bars: Vec<Bar>,
    /// What comes before the legend in text ("Key:"), in the report's language.
    pub key: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    /// Commitments in each status of `series`, in the same order.
    pub counts: Vec<usize>,
    /// Shown after the total, e.g. "2 changed".
    pub note: String,
}

impl Bar {
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }
}

const UNICODE: [char; 8] = ['█', '▓', '▒', '░', '▚', '▞', '▄', '▀'];
const ASCII: [char; 8] = ['#', '=', '+', ':', '%', '.', 'o', '*'];

/// Longest bar, in characters: longer bars are no easier to read.
const MAX_BAR: usize = 60;

/// The chart as lines of text, `width` characters wide at most (down to a floor of ten
/// characters of bar, below which a chart says nothing).
/// With `colors` (a terminal that wants colour), each status is also drawn in its colour,
/// the same as in the tables; the fill characters still tell the statuses apart without it.
pub fn render(chart: &Chart, ascii: bool, width: usize, colors: Option<&Palette>) -> String {
    let fills = if ascii { ASCII } else { UNICODE };
    let axis = if ascii { '|' } else { '│' };
    let fill = |i: usize| fills[i % fills.len()];
    let mut out = format!("{}\n", clean(&chart.title));
    let legend: Vec<String> = chart
        .series
        .iter()
        .enumerate()
        .map(|(i, (label, _))| {
            let code = colors
                .and_then(|p| p.statuses.get(i))
                .and_then(|s| s.terminal)
                .and_then(ansi);
            match code {
                Some(code) => format!("\x1b[{code}m{}\x1b[0m {}", fill(i), clean(label)),
                None => format!("{} {}", fill(i), clean(label)),
            }
        })
        .collect();
    out.push_str(&format!("{} {}\n", chart.key, legend.join("  ")));
    let label_w = chart
        .bars
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(0);
    let max = chart.bars.iter().map(Bar::total).max().unwrap_or(0);
    let total_w = max.to_string().len();
    let note_w = chart
        .bars
        .iter()
        .map(|b| b.note.chars().count())
        .max()
        .unwrap_or(0);
    let room = width.saturating_sub(label_w + 2 + 1 + total_w + 2 + note_w);
    let bar_w = room.clamp(10, MAX_BAR);
    for bar in &chart.bars {
        let mut line = format!("{:<label_w$} {axis}", clean(&bar.label));
        // Segment ends are rounded from running totals, so the bar is as long as its total
        // says, whatever the rounding of each segment.
        let scale = if max == 0 {
            0.0
        } else {
            bar_w as f64 / max as f64
        };
        let mut cum = 0usize;
        let mut drawn = 0usize;
        for (i, n) in bar.counts.iter().enumerate() {
            cum += n;
            let end = (cum as f64 * scale).round() as usize;
            let color = colors
                .and_then(|p| p.statuses.get(i))
                .and_then(|s| s.terminal)
                .and_then(ansi)
                .filter(|_| end > drawn);
            if let Some(code) = color {
                line.push_str(&format!("\x1b[{code}m"));
            }
            for _ in drawn..end {
                line.push(fill(i));
            }
            if color.is_some() {
                line.push_str("\x1b[0m");
            }
            drawn = end.max(drawn);
        }
        line.push_str(&" ".repeat(bar_w - drawn.min(bar_w)));
        line.push_str(&format!(" {:>total_w$}", bar.total()));
        if !bar.note.is_empty() {
            line.push_str("  ");
            line.push_str(&clean(&bar.note));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The ANSI foreground code of the few colours the palette uses.
fn ansi(color: Color) -> Option<&'static str> {
    match color {
        Color::Red => Some("31"),
        Color::Green => Some("32"),
        Color::Yellow => Some("33"),
        Color::Blue => Some("34"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> Chart {
        Chart {
            key: "Key:".into(),
            title: "t".into(),
            series: vec![
                ("A".into(), "#000000".into()),
                ("B".into(), "#ffffff".into()),
            ],
            bars: vec![
                Bar {
                    label: "2025-Q1".into(),
                    counts: vec![2, 0],
                    note: String::new(),
                },
                Bar {
                    label: "2025-Q2".into(),
                    counts: vec![1, 3],
                    note: "1 changed".into(),
                },
            ],
        }
    }

    #[test]
    fn bars_are_as_long_as_their_totals() {
        let text = render(&chart(), false, 0, None);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1], "Key: █ A  ▓ B");
        // Ten characters for the largest total, 4: 2.5 characters a commitment.
        assert_eq!(lines[2], "2025-Q1 │█████      2");
        assert_eq!(lines[3], "2025-Q2 │███▓▓▓▓▓▓▓ 4  1 changed");
    }

    #[test]
    fn ascii_when_asked() {
        let text = render(&chart(), true, 0, None);
        assert!(text.is_ascii(), "{text}");
        assert!(text.contains("2025-Q2 |###======= 4"), "{text}");
    }

    #[test]
    fn colour_only_when_given_a_palette() {
        let palette = Palette::new(&crate::model::Vocabulary::default());
        // Series 0 is announced (no colour), series 1 in progress (yellow).
        let text = render(&chart(), false, 0, Some(&palette));
        assert!(text.contains("███\x1b[33m▓▓▓▓▓▓▓\x1b[0m 4"), "{text:?}");
        assert!(!text.contains("\x1b[39m"));
    }
}
