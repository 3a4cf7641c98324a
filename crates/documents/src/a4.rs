//! A4 portrait page geometry in points, shared by the documents printed on A4 (the farmer
//! statement, the pick list).

pub(crate) const PT_PER_MM: f32 = 72.0 / 25.4;

pub(crate) const fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

pub(crate) const PAGE_W_MM: f32 = 210.0;
pub(crate) const PAGE_H_MM: f32 = 297.0;
pub(crate) const PAGE_W: f32 = mm(PAGE_W_MM);
pub(crate) const PAGE_H: f32 = mm(PAGE_H_MM);
pub(crate) const MARGIN: f32 = mm(15.0);
pub(crate) const LEFT: f32 = MARGIN;
pub(crate) const RIGHT: f32 = PAGE_W - MARGIN;
pub(crate) const CONTENT_W: f32 = RIGHT - LEFT;

/// Baseline of the footer (page number, printing time): on the bottom margin.
pub(crate) const FOOTER_BASELINE: f32 = PAGE_H - MARGIN;
/// Nothing but the footer goes below this line.
pub(crate) const CONTENT_BOTTOM: f32 = FOOTER_BASELINE - 18.0;
