//! Charts as SVG drawn on the server: they show with JavaScript off, in print and in
//! screenshots. Each has a `<title>` and `<desc>` for screen readers, and the page shows
//! the same figures as a table beside it. Coordinates are display values (f64); amounts
//! stay integers everywhere else.

use maud::{html, Markup, PreEscaped};
use std::fmt::Write;

/// Colours of series, in order.
pub const PALETTE: [&str; 6] = [
    "#1f5fbf", "#e07b00", "#17663a", "#8e44ad", "#b42318", "#5b6675",
];

fn esc(text: &str) -> String {
    maud::html! { (text) }.into_string()
}

/// Horizontal bars, one per `(label, value)`, scaled to the largest; `fmt` formats the
/// values written beside the bars.
pub fn bars(id: &str, title: &str, rows: &[(String, u64)], fmt: impl Fn(u64) -> String) -> Markup {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1) as f64;
    let (row_h, label_w, bar_w) = (26.0, 170.0, 330.0);
    let height = (rows.len().max(1) as f64) * row_h + 10.0;
    let mut svg = String::new();
    for (i, (label, value)) in rows.iter().enumerate() {
        let y = 5.0 + i as f64 * row_h;
        let w = (*value as f64 / max * bar_w).max(1.0);
        let short: String = label.chars().take(24).collect();
        let _ = write!(
            svg,
            r##"<text x="{lx}" y="{ty}" text-anchor="end" font-size="12" fill="#1b2330">{l}</text><rect x="{label_w}" y="{y}" width="{w:.1}" height="18" rx="2" fill="{c}"><title>{full}: {v}</title></rect><text x="{vx:.1}" y="{ty}" font-size="12" fill="#5b6675">{v}</text>"##,
            lx = label_w - 6.0,
            ty = y + 13.0,
            l = esc(&short),
            c = PALETTE[0],
            full = esc(label),
            v = esc(&fmt(*value)),
            vx = label_w + w + 4.0,
        );
    }
    figure(
        id,
        title,
        &format!("{} rows", rows.len()),
        600.0,
        height,
        &svg,
    )
}

/// One line series: name and `(x, y)` points in x order.
pub struct Series {
    /// Legend text.
    pub name: String,
    /// Points.
    pub points: Vec<(u64, u64)>,
}

/// Lines over a shared x axis (block heights), with axis ticks at the ends.
pub fn lines(
    id: &str,
    title: &str,
    series: &[Series],
    x_label: &str,
    fmt: impl Fn(u64) -> String,
) -> Markup {
    let (w, h, left, bottom, top) = (600.0, 240.0, 70.0, 30.0, 10.0);
    let xs = series.iter().flat_map(|s| s.points.iter().map(|p| p.0));
    let (x0, x1) = (xs.clone().min().unwrap_or(0), xs.max().unwrap_or(1));
    let y1 = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .max()
        .unwrap_or(0)
        .max(1);
    let span = (x1.saturating_sub(x0)).max(1) as f64;
    let px = |x: u64| left + (x.saturating_sub(x0)) as f64 / span * (w - left - 10.0);
    let py = |y: u64| top + (1.0 - y as f64 / y1 as f64) * (h - top - bottom);
    let mut svg = format!(
        r##"<line x1="{left}" y1="{b}" x2="{r}" y2="{b}" stroke="#9aa4b1"/><line x1="{left}" y1="{top}" x2="{left}" y2="{b}" stroke="#9aa4b1"/><text x="{left}" y="{t}" font-size="11" fill="#5b6675">{x0}</text><text x="{r}" y="{t}" font-size="11" text-anchor="end" fill="#5b6675">{x1} ({xl})</text><text x="{yl}" y="{yt}" font-size="11" text-anchor="end" fill="#5b6675">{ymax}</text><text x="{yl}" y="{b}" font-size="11" text-anchor="end" fill="#5b6675">0</text>"##,
        b = h - bottom,
        r = w - 10.0,
        t = h - bottom + 16.0,
        xl = esc(x_label),
        yl = left - 4.0,
        yt = top + 10.0,
        ymax = esc(&fmt(y1)),
    );
    for (i, s) in series.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        let path: Vec<String> = s
            .points
            .iter()
            .map(|&(x, y)| format!("{:.1},{:.1}", px(x), py(y)))
            .collect();
        let _ = write!(
            svg,
            r##"<polyline fill="none" stroke="{color}" stroke-width="2" points="{}"><title>{}</title></polyline>"##,
            path.join(" "),
            esc(&s.name)
        );
        for &(x, y) in &s.points {
            let _ = write!(
                svg,
                r##"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{color}"><title>{}: {} at {x}</title></circle>"##,
                px(x),
                py(y),
                esc(&s.name),
                esc(&fmt(y))
            );
        }
    }
    let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
    html! {
        (figure(id, title, &names.join(", "), w, h, &svg))
        (legend(&names))
    }
}

/// Stacked columns: one per label, segments in `names` order.
pub fn stacked(id: &str, title: &str, names: &[&str], columns: &[(String, Vec<u64>)]) -> Markup {
    let (w, h, bottom) = (600.0, 220.0, 28.0);
    let max = columns
        .iter()
        .map(|c| c.1.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let n = columns.len().max(1) as f64;
    let slot = (w - 20.0) / n;
    let mut svg = format!(
        r##"<line x1="10" y1="{b}" x2="{r}" y2="{b}" stroke="#9aa4b1"/>"##,
        b = h - bottom,
        r = w - 10.0
    );
    for (i, (label, values)) in columns.iter().enumerate() {
        let x = 10.0 + i as f64 * slot + slot * 0.15;
        let mut y = h - bottom;
        for (j, v) in values.iter().enumerate() {
            let seg = *v as f64 / max * (h - bottom - 10.0);
            y -= seg;
            let _ = write!(
                svg,
                r##"<rect x="{x:.1}" y="{y:.1}" width="{bw:.1}" height="{seg:.1}" fill="{c}"><title>{label}: {name} {v}</title></rect>"##,
                bw = slot * 0.7,
                c = PALETTE[j % PALETTE.len()],
                label = esc(label),
                name = esc(names.get(j).copied().unwrap_or("")),
            );
        }
        if columns.len() <= 24 {
            let _ = write!(
                svg,
                r##"<text x="{:.1}" y="{}" font-size="10" text-anchor="middle" fill="#5b6675">{}</text>"##,
                x + slot * 0.35,
                h - bottom + 14.0,
                esc(label)
            );
        }
    }
    html! {
        (figure(id, title, &names.join(", "), w, h, &svg))
        (legend(names))
    }
}

fn legend(names: &[&str]) -> Markup {
    html! {
        div.legend aria-hidden="true" {
            @for (i, n) in names.iter().enumerate() {
                span { i style=(format!("background:{}", PALETTE[i % PALETTE.len()])) {} (n) }
            }
        }
    }
}

fn figure(id: &str, title: &str, desc: &str, w: f64, h: f64, inner: &str) -> Markup {
    let svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" id="{id}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{t}</title><desc id="{id}-desc">{d}</desc>{inner}</svg>"#,
        id = esc(id),
        t = esc(title),
        d = esc(desc),
    );
    html! { figure.chart { (PreEscaped(svg)) figcaption { (title) } } }
}
