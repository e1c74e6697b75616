//! HTML: one self-contained page that a small organisation can publish as it is.
//!
//! No external assets (styles inline, the chart an inline SVG), no JavaScript, and a
//! Content-Security-Policy that would block any script or remote load even if one got in.
//! Every piece of ledger text goes through `html-escape`; a link is written only for an
//! http(s) address (`is_web_url`), so a `javascript:` URL can never become clickable.
//! Output depends only on the ledger and the report's dates, so the same ledger on the same
//! day gives the same bytes.

use html_escape::{encode_double_quoted_attribute_to_string, encode_text, encode_text_to_string};

use super::{Block, Document, Item, Link, Palette, Sheet, clean, has_control, svg};
use crate::model::is_web_url;
use crate::tr;

/// Scripts, frames, fonts, images from elsewhere, forms: nothing is allowed but the page's
/// own inline style and data: images.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

pub fn render(doc: &Document) -> String {
    page(doc, &[])
}

/// A page of a published site: `render`'s page with a navigation bar of relative links
/// (text, address) that the site made, never ledger addresses.
pub fn page(doc: &Document, nav: &[(String, String)]) -> String {
    // One string, written in order: a bulletin page of a large ledger is megabytes, and
    // a body made apart and then formatted into the page was copied twice more.
    let mut out = String::with_capacity(1 << 16);
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    out.push_str(doc.language.code());
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"");
    out.push_str(CSP);
    out.push_str(
        "\">\n<meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"commitments\">\n<title>",
    );
    // <title> holds text only: a line break there would show as a literal <br>.
    out.push_str(&encode_text(&clean(&doc.title).replace('\n', " ")));
    out.push_str("</title>\n<style>\n");
    out.push_str(&stylesheet(&doc.palette));
    out.push_str("</style>\n</head>\n<body>\n<header>\n");
    if !nav.is_empty() {
        out.push_str("<nav>");
        for (i, (t, href)) in nav.iter().enumerate() {
            if i > 0 {
                out.push_str(" · ");
            }
            out.push_str("<a href=\"");
            encode_double_quoted_attribute_to_string(href, &mut out);
            out.push_str("\">");
            push_text(&mut out, t);
            out.push_str("</a>");
        }
        out.push_str("</nav>\n");
    }
    out.push_str("<h1>");
    push_text(&mut out, &doc.title);
    out.push_str("</h1>\n<p class=\"subtitle\">");
    push_text(&mut out, &doc.subtitle);
    out.push_str("</p>\n</header>\n<main>\n");
    for block in &doc.blocks {
        match block {
            Block::Heading(h) => {
                out.push_str("<h2>");
                push_text(&mut out, h);
                out.push_str("</h2>\n");
            }
            Block::Note(n) => {
                out.push_str("<p>");
                push_text(&mut out, n);
                out.push_str("</p>\n");
            }
            Block::Table(sheet) => table(&mut out, sheet, &doc.palette),
            Block::Chart(c) => {
                out.push_str("<figure class=\"chart\">\n");
                out.push_str(&svg::render(c));
                out.push_str("<figcaption>");
                push_text(&mut out, &c.title);
                out.push_str("</figcaption>\n<ul class=\"key\">");
                for (i, (label, _)) in c.series.iter().enumerate() {
                    out.push_str(&format!("<li><span class=\"swatch s{i}\"></span>"));
                    push_text(&mut out, label);
                    out.push_str("</li>");
                }
                out.push_str("</ul>\n</figure>\n");
            }
        }
    }
    out.push_str("</main>\n<footer>\n<p>");
    // The catalogue's words, escaped, round the program's name in code type.
    out.push_str(
        &encode_text(&tr!(doc.language, "footer", program = "\u{1}"))
            .replace('\u{1}', "<code>commitments</code>"),
    );
    out.push_str("</p>\n</footer>\n</body>\n</html>\n");
    out
}

/// Ledger text as HTML text: escaped, control characters dropped, line breaks kept.
#[cfg(test)]
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_text(&mut out, s);
    out
}

/// `text(s)`, written onto the end of `out`. Text with no control character but line
/// breaks, as nearly all ledger text is, is escaped straight onto it: a bulletin's table of
/// 10,000 rows made three copies of every cell before.
fn push_text(out: &mut String, s: &str) {
    let cleaned;
    let s = if has_control(s) {
        cleaned = clean(s);
        cleaned.as_str()
    } else {
        s
    };
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        encode_text_to_string(line, out);
    }
}

/// The most columns a table shows besides its key columns: with more, it would not fit a
/// 1280-pixel screen or an A4 page, so it is split into several tables that each repeat the
/// key columns (as the terminal does), rather than scrolled sideways out of sight.
pub const MAX_COLUMNS: usize = 6;

fn table(out: &mut String, sheet: &Sheet, palette: &Palette) {
    let keys = sheet.key_columns.min(sheet.headers.len());
    let rest = sheet.headers.len() - keys;
    if keys == 0 || rest <= MAX_COLUMNS {
        let all: Vec<usize> = (0..sheet.headers.len()).collect();
        return part(out, sheet, palette, &all);
    }
    // Parts as even as can be: 8 columns are 4 and 4, not 6 and 2.
    let parts = rest.div_ceil(MAX_COLUMNS);
    let size = rest.div_ceil(parts);
    for p in 0..parts {
        let mut columns: Vec<usize> = (0..keys).collect();
        columns.extend(keys + p * size..(keys + (p + 1) * size).min(sheet.headers.len()));
        part(out, sheet, palette, &columns);
    }
}

/// One table of `sheet`'s `columns`. Written onto one string as it goes (no string per
/// cell), since a site's bulletins hold tables of every commitment.
fn part(out: &mut String, sheet: &Sheet, palette: &Palette, columns: &[usize]) {
    out.push_str("<table>\n<thead>\n<tr>");
    for &i in columns {
        out.push_str("<th scope=\"col\">");
        push_text(out, &sheet.headers[i]);
        out.push_str("</th>");
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for row in &sheet.rows {
        out.push_str("<tr>");
        for item in columns.iter().filter_map(|&i| row.get(i)) {
            let class = if matches!(item, Item::Date(_)) {
                " class=\"date\""
            } else {
                ""
            };
            out.push_str("<td");
            out.push_str(class);
            out.push('>');
            cell(out, item, palette);
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// One cell's HTML, onto the end of `out`.
fn cell(out: &mut String, item: &Item, palette: &Palette) {
    match item {
        Item::Text(t) => push_text(out, t),
        // Digits and hyphens, or a dash: nothing to escape.
        Item::Date(Some(d)) => {
            use std::fmt::Write;
            let _ = write!(out, "{d}");
        }
        Item::Date(None) | Item::List(_) => push_text(out, &item.plain()),
        Item::Local {
            text: t,
            href,
            anchor,
        } => {
            out.push_str("<a");
            if let Some(a) = anchor {
                out.push_str(" id=\"");
                encode_double_quoted_attribute_to_string(a, out);
                out.push('"');
            }
            out.push_str(" href=\"");
            encode_double_quoted_attribute_to_string(href, out);
            out.push_str("\">");
            push_text(out, t);
            out.push_str("</a>");
        }
        Item::Status { index, label, mark } => {
            out.push_str("<span class=\"status\"><span class=\"swatch");
            if *index < palette.statuses.len() {
                out.push_str(&format!(" s{index}"));
            }
            out.push_str("\"></span>");
            push_text(out, label);
            // The mark stays on the label's line: `Announced +` must not wrap.
            if !mark.is_empty() {
                out.push_str(" <span class=\"mark\">");
                push_text(out, mark);
                out.push_str("</span>");
            }
            out.push_str("</span>");
        }
        Item::Links(links) => {
            for (i, l) in links.iter().enumerate() {
                if i > 0 {
                    out.push_str("<br>");
                }
                push_link(out, l);
            }
        }
    }
}

pub fn link(l: &Link) -> String {
    let mut out = String::new();
    push_link(&mut out, l);
    out
}

/// `link(l)`, written onto the end of `out`.
fn push_link(out: &mut String, l: &Link) {
    match &l.url {
        Some(u) if is_web_url(u) => {
            out.push_str("<a href=\"");
            encode_double_quoted_attribute_to_string(u.trim(), out);
            out.push_str("\" rel=\"noopener noreferrer\">");
            push_text(out, &l.text);
            out.push_str("</a>");
        }
        Some(u) => {
            push_text(out, &l.text);
            out.push_str(" (");
            push_text(out, u);
            out.push(')');
        }
        None => push_text(out, &l.text),
    }
}

/// The page's only style. Colours come from the palette by position, so no ledger text
/// ever reaches the stylesheet.
fn stylesheet(palette: &Palette) -> String {
    let mut css = String::from(
        "body { font-family: system-ui, -apple-system, \"Segoe UI\", Roboto, Helvetica, Arial, sans-serif; line-height: 1.45; color: #1f2328; background: #fff; margin: 0 auto; max-width: 72rem; padding: 1.5rem; }\n\
         h1 { font-size: 1.6rem; margin: 0 0 .25rem; }\n\
         h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }\n\
         .subtitle { color: #57606a; margin: 0 0 1rem; }\n\
         table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .5rem 0 1rem; }\n\
         th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }\n\
         th { background: #f6f8fa; }\n\
         td:first-child { min-width: 12em; }\n\
         tbody tr:nth-child(even) { background: #fafbfc; }\n\
         a { color: #0550ae; overflow-wrap: anywhere; }\n\
         .status, td.date { white-space: nowrap; }\n\
         .swatch { display: inline-block; width: .75em; height: .75em; border-radius: 2px; margin-right: .35em; vertical-align: baseline; background: #999; }\n\
         .mark { font-weight: bold; }\n\
         figure.chart { margin: 1rem 0; }\n\
         figure.chart svg { width: 100%; height: auto; max-width: 60rem; }\n\
         figcaption { color: #57606a; font-size: .9rem; }\n\
         ul.key { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .9rem; }\n\
         nav { font-size: .9rem; margin: 0 0 .75rem; }\n\
         footer { margin-top: 3rem; color: #57606a; font-size: .85rem; border-top: 1px solid #d0d7de; }\n\
         @media print {\n\
         \x20 @page { margin: 15mm; }\n\
         \x20 body { max-width: none; padding: 0; font-size: 10pt; color: #000; }\n\
         \x20 table { font-size: 8.5pt; }\n\
         \x20 td:first-child { min-width: 10em; }\n\
         \x20 a { color: #000; text-decoration: none; }\n\
         \x20 a[href]::after { content: \" <\" attr(href) \">\"; font-size: 8pt; overflow-wrap: anywhere; }\n\
         \x20 tr, figure, h2 { break-inside: avoid; }\n\
         \x20 h2 { break-after: avoid; }\n\
         \x20 .swatch, th { print-color-adjust: exact; -webkit-print-color-adjust: exact; }\n\
         }\n",
    );
    for (i, s) in palette.statuses.iter().enumerate() {
        css.push_str(&format!(".s{i} {{ background: {}; }}\n", s.hex));
    }
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            text("<script>alert(1)</script> & co"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"
        );
        assert_eq!(text("a\x1b[31mb"), "ab");
    }

    #[test]
    fn page_title_is_plain_text() {
        let doc = Document {
            title: "A <ledger>\nof two lines".into(),
            ..Document::default()
        };
        let page = render(&doc);
        assert!(
            page.contains("<title>A &lt;ledger&gt; of two lines</title>"),
            "{page}"
        );
        assert!(
            page.contains("<h1>A &lt;ledger&gt;<br>of two lines</h1>"),
            "{page}"
        );
        assert!(page.contains(CSP));
    }

    #[test]
    fn only_web_links_are_links() {
        let l = |u: &str| {
            link(&Link {
                text: "<b>".into(),
                url: Some(u.into()),
            })
        };
        assert_eq!(
            l("https://x.org/?a=1&b=\"2\""),
            "<a href=\"https://x.org/?a=1&amp;b=&quot;2&quot;\" rel=\"noopener noreferrer\">&lt;b&gt;</a>"
        );
        assert!(!l("javascript:alert(1)").contains("href"));
        assert!(!l("JAVASCRIPT:alert(1)").contains("<a"));
    }
}
