//! Paging of every list: `?start=&count=` as in AMP, with a pager under the table.

use maud::{html, Markup};
use serde::Deserialize;

/// Default rows per page.
pub const PAGE: usize = 25;
/// Largest page a client may ask for.
pub const PAGE_MAX: usize = 200;

/// The page asked for.
#[derive(Debug, Clone, Copy, Deserialize, Default)]
pub struct Paging {
    start: Option<usize>,
    count: Option<usize>,
}

impl Paging {
    /// First row shown.
    pub fn start(&self) -> usize {
        self.start.unwrap_or(0)
    }

    /// Rows per page.
    pub fn count(&self) -> usize {
        self.count.unwrap_or(PAGE).clamp(1, PAGE_MAX)
    }

    /// The rows of this page.
    pub fn slice<'a, T>(&self, rows: &'a [T]) -> &'a [T] {
        let start = self.start().min(rows.len());
        let end = start.saturating_add(self.count()).min(rows.len());
        &rows[start..end]
    }

    /// "Rows a–b of n" and previous/next links; `base` is the page's path with any other
    /// query (`?q=x` or empty).
    pub fn pager(&self, total: usize, base: &str) -> Markup {
        let (start, count) = (self.start(), self.count());
        let sep = if base.contains('?') { '&' } else { '?' };
        let link = |s: usize| format!("{base}{sep}start={s}&count={count}");
        let shown_end = start.saturating_add(count).min(total);
        html! {
            nav.pager aria-label="Pages" {
                @if total == 0 { span { "Nothing yet." } }
                @else { span { "Rows " (start.min(total) + 1) "–" (shown_end) " of " (total) } }
                @if start > 0 {
                    a href=(link(start.saturating_sub(count))) rel="prev" { "← Previous" }
                }
                @if shown_end < total {
                    a href=(link(shown_end)) rel="next" { "Next →" }
                }
            }
        }
    }
}
