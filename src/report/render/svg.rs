//! The status-counts chart as inline SVG: stacked bars, one per period, with a tooltip on
//! each segment. Drawn with presentation attributes only (no `style=`), so that the page's
//! Content-Security-Policy has nothing to refuse.

use html_escape::encode_text;

use super::chart::{Bar, Chart};
use super::clean;

const PLOT_W: f64 = 640.0;
const PLOT_H: f64 = 200.0;
const LEFT: f64 = 36.0;
const TOP: f64 = 10.0;
const RIGHT: f64 = 10.0;

pub fn render(chart: &Chart) -> String {
    let n = chart.bars.len().max(1);
    let most = chart.bars.iter().map(Bar::total).max().unwrap_or(0).max(1);
    // Gridlines at whole numbers of commitments, and the axis ends on one.
    let tick = most.div_ceil(5).max(1);
    let max = most.div_ceil(tick) * tick;
    let rotate = n > 12;
    let bottom = if rotate { 60.0 } else { 28.0 };
    let width = LEFT + PLOT_W + RIGHT;
    let height = TOP + PLOT_H + bottom;
    let step = PLOT_W / n as f64;
    let bar_w = (step * 0.7).min(48.0);
    let y = |count: usize| TOP + PLOT_H - PLOT_H * count as f64 / max as f64;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {height:.0}\" role=\"img\" aria-label=\"{}\" font-family=\"sans-serif\" font-size=\"11\">\n",
        encode_text(&clean(&chart.title)).replace('"', "&quot;")
    );
    let mut t = 0;
    while t <= max {
        let ty = y(t);
        out.push_str(&format!(
            "<line x1=\"{LEFT:.1}\" y1=\"{ty:.1}\" x2=\"{:.1}\" y2=\"{ty:.1}\" stroke=\"#d0d7de\" stroke-width=\"1\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#57606a\">{t}</text>\n",
            LEFT + PLOT_W,
            LEFT - 6.0,
            ty + 4.0
        ));
        t += tick;
    }
    for (i, bar) in chart.bars.iter().enumerate() {
        let x = LEFT + step * i as f64 + (step - bar_w) / 2.0;
        let mut below = 0;
        for (s, count) in bar.counts.iter().enumerate() {
            if *count == 0 {
                continue;
            }
            let (label, hex) = chart
                .series
                .get(s)
                .map_or(("", "#999999"), |(l, h)| (l.as_str(), h.as_str()));
            let top = y(below + count);
            let h = y(below) - top;
            out.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"{top:.1}\" width=\"{bar_w:.1}\" height=\"{h:.1}\" fill=\"{hex}\"><title>{}: {} {}</title></rect>\n",
                encode_text(&clean(&bar.label)),
                count,
                encode_text(&clean(label))
            ));
            below += count;
        }
        let cx = x + bar_w / 2.0;
        let ly = TOP + PLOT_H + 14.0;
        let label = encode_text(&clean(&bar.label)).into_owned();
        if rotate {
            out.push_str(&format!(
                "<text x=\"{cx:.1}\" y=\"{ly:.1}\" text-anchor=\"end\" transform=\"rotate(-45 {cx:.1} {ly:.1})\" fill=\"#1f2328\">{label}</text>\n"
            ));
        } else {
            out.push_str(&format!(
                "<text x=\"{cx:.1}\" y=\"{ly:.1}\" text-anchor=\"middle\" fill=\"#1f2328\">{label}</text>\n"
            ));
        }
    }
    out.push_str(&format!(
        "<line x1=\"{LEFT:.1}\" y1=\"{0:.1}\" x2=\"{1:.1}\" y2=\"{0:.1}\" stroke=\"#57606a\" stroke-width=\"1\"/>\n</svg>\n",
        TOP + PLOT_H,
        LEFT + PLOT_W
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rect_per_non_empty_segment_and_labels_escaped() {
        let chart = Chart {
            key: "Key:".into(),
            title: "t".into(),
            series: vec![
                ("<A>".into(), "#000000".into()),
                ("B".into(), "#ffffff".into()),
            ],
            bars: vec![
                Bar {
                    label: "Q1".into(),
                    counts: vec![2, 0],
                    note: String::new(),
                },
                Bar {
                    label: "Q2".into(),
                    counts: vec![1, 3],
                    note: String::new(),
                },
            ],
        };
        let svg = render(&chart);
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains("<title>Q2: 1 &lt;A&gt;</title>"), "{svg}");
        assert!(!svg.contains("style="));
    }
}
