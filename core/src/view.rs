//! The view transform: which part of the plan the SVG shows (its one
//! `viewBox`) and the two-way mapping between plan units and screen pixels,
//! as the browser applies it for `preserveAspectRatio="xMidYMid meet"`.
//! Zooming keeps the point under the pointer still; panning moves by pixels.

use crate::number::fixed;
use crate::plan::Rect;

/// The part of the plan the SVG shows (its `viewBox`), in plan units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewBox {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

/// The element's size on screen, in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

/// How far in a customer may zoom, relative to the whole plan fitted.
pub const MAX_ZOOM: f64 = 24.0;

impl ViewBox {
    /// The plan's bounds with a margin: the whole map in view.
    pub fn fit(bounds: Rect) -> ViewBox {
        let margin = (bounds.width.max(bounds.height) * 0.03).max(1.0);
        let r = bounds.padded(margin);
        ViewBox { x: r.x, y: r.y, width: r.width.max(1.0), height: r.height.max(1.0) }
    }

    /// The plan fitted together with its background picture (where the
    /// stage usually is) once the picture's size is known, unless the
    /// picture is far larger than the seats (then the seats alone: a
    /// venue-wide picture must not shrink every seat).
    pub fn fit_with(bounds: Rect, picture: Option<Rect>) -> ViewBox {
        let both = picture
            .filter(|p| p.width > 0.0 && p.height > 0.0)
            .map(|p| bounds.union(&p))
            .filter(|u| u.width <= bounds.width * 2.0 && u.height <= bounds.height * 2.0);
        ViewBox::fit(both.unwrap_or(bounds))
    }

    /// The `viewBox` attribute value.
    pub fn attribute(&self) -> String {
        format!("{} {} {} {}", fixed(self.x, 2), fixed(self.y, 2), fixed(self.width, 2), fixed(self.height, 2))
    }

    /// Pixels per plan unit, and the letterbox offset, for a viewport.
    fn scale(&self, viewport: Viewport) -> (f64, f64, f64) {
        let s = (viewport.width / self.width).min(viewport.height / self.height);
        let s = if s.is_finite() && s > 0.0 { s } else { 1.0 };
        let offset_x = (viewport.width - self.width * s) / 2.0;
        let offset_y = (viewport.height - self.height * s) / 2.0;
        (s, offset_x, offset_y)
    }

    /// Plan point → screen point (relative to the SVG's top-left corner).
    pub fn to_view(&self, viewport: Viewport, (x, y): (f64, f64)) -> (f64, f64) {
        let (s, ox, oy) = self.scale(viewport);
        ((x - self.x) * s + ox, (y - self.y) * s + oy)
    }

    /// Screen point → plan point: the inverse of [`ViewBox::to_view`].
    pub fn invert(&self, viewport: Viewport, (px, py): (f64, f64)) -> (f64, f64) {
        let (s, ox, oy) = self.scale(viewport);
        ((px - ox) / s + self.x, (py - oy) / s + self.y)
    }

    /// Zooms by `factor` (>1 zooms in) keeping the plan point under `anchor`
    /// (a screen point) where it is, within `[fit / MAX_ZOOM, fit]` in size.
    pub fn zoom(&self, viewport: Viewport, anchor: (f64, f64), factor: f64, fit: &ViewBox) -> ViewBox {
        if !(factor.is_finite() && factor > 0.0) {
            return *self;
        }
        let min_width = fit.width / MAX_ZOOM;
        let width = (self.width / factor).max(min_width).min(fit.width);
        let applied = self.width / width;
        let (ax, ay) = self.invert(viewport, anchor);
        let next = ViewBox {
            x: ax - (ax - self.x) / applied,
            y: ay - (ay - self.y) / applied,
            width,
            height: self.height / applied,
        };
        next.clamped(fit)
    }

    /// Pans by a screen-pixel delta (dragging right moves the plan right).
    pub fn pan(&self, viewport: Viewport, dx: f64, dy: f64, fit: &ViewBox) -> ViewBox {
        let (s, _, _) = self.scale(viewport);
        ViewBox { x: self.x - dx / s, y: self.y - dy / s, ..*self }.clamped(fit)
    }

    /// Shows `target` (e.g. an area's bounds), padded, never beyond the zoom limits.
    pub fn focus_on(target: Rect, fit: &ViewBox) -> ViewBox {
        let pad = (target.width.max(target.height) * 0.08).max(fit.width / MAX_ZOOM / 4.0);
        let r = target.padded(pad);
        let width = r.width.max(fit.width / MAX_ZOOM).min(fit.width);
        let height = r.height.max(fit.height / MAX_ZOOM).min(fit.height);
        let (cx, cy) = r.centre();
        ViewBox { x: cx - width / 2.0, y: cy - height / 2.0, width, height }.clamped(fit)
    }

    /// Whether a plan point is inside the box (to scroll a focused seat into view).
    pub fn contains(&self, (x, y): (f64, f64)) -> bool {
        x >= self.x && x <= self.x + self.width && y >= self.y && y <= self.y + self.height
    }

    /// Centres the box on a point, same size.
    pub fn centred_on(&self, (x, y): (f64, f64), fit: &ViewBox) -> ViewBox {
        ViewBox { x: x - self.width / 2.0, y: y - self.height / 2.0, ..*self }.clamped(fit)
    }

    /// Keeps the centre of the view inside the fitted plan.
    fn clamped(self, fit: &ViewBox) -> ViewBox {
        // `max`/`min`, not `f64::clamp`, which panics on NaN bounds (and a
        // panic in wasm stops every map on the page): a box that is not
        // finite falls back to the fitted view.
        let within = |v: f64, low: f64, size: f64| v.max(low).min(low + size);
        let cx = within(self.x + self.width / 2.0, fit.x, fit.width);
        let cy = within(self.y + self.height / 2.0, fit.y, fit.height);
        let next = ViewBox { x: cx - self.width / 2.0, y: cy - self.height / 2.0, ..self };
        if [next.x, next.y, next.width, next.height].iter().all(|v| v.is_finite())
            && next.width > 0.0
            && next.height > 0.0
        {
            next
        } else {
            *fit
        }
    }

    /// Pixels per plan unit on screen.
    pub fn pixels_per_unit(&self, viewport: Viewport) -> f64 {
        self.scale(viewport).0
    }

    /// The part of the plan actually on screen: the box itself plus the
    /// bands `xMidYMid meet` letterboxes it with, which are visible too.
    pub fn visible(&self, viewport: Viewport) -> Rect {
        let (s, ox, oy) = self.scale(viewport);
        Rect { x: self.x - ox / s, y: self.y - oy / s, width: viewport.width / s, height: viewport.height / s }
    }

    /// The smallest pan that brings `point` at least `margin` screen pixels
    /// inside what is visible; `None` when it already is (the map must not
    /// move for a seat the buyer can see).
    pub fn keep_in_view(&self, viewport: Viewport, (x, y): (f64, f64), margin: f64, fit: &ViewBox) -> Option<ViewBox> {
        let seen = self.visible(viewport);
        let m = margin / self.scale(viewport).0;
        let shift = |at: f64, low: f64, size: f64| {
            let m = m.min(size / 2.0);
            if at < low + m {
                at - (low + m)
            } else if at > low + size - m {
                at - (low + size - m)
            } else {
                0.0
            }
        };
        let dx = shift(x, seen.x, seen.width);
        let dy = shift(y, seen.y, seen.height);
        if dx == 0.0 && dy == 0.0 {
            return None;
        }
        Some(ViewBox { x: self.x + dx, y: self.y + dy, ..*self }.clamped(fit))
    }

    /// How far zoomed in, 1.0 = whole plan.
    pub fn zoom_level(&self, fit: &ViewBox) -> f64 {
        fit.width / self.width
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PORT: Viewport = Viewport { width: 800.0, height: 400.0 };

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-6 && (a.1 - b.1).abs() < 1e-6
    }

    #[test]
    fn to_view_and_invert_are_inverse() {
        let v = ViewBox { x: -50.0, y: 10.0, width: 1000.0, height: 1000.0 };
        for p in [(0.0, 0.0), (123.4, 567.8), (-50.0, 10.0), (950.0, 1010.0)] {
            assert!(close(v.invert(PORT, v.to_view(PORT, p)), p), "{p:?}");
        }
    }

    #[test]
    fn letterboxing_centres_the_plan() {
        // A square plan in a wide viewport: 400px tall, centred horizontally.
        let v = ViewBox { x: 0.0, y: 0.0, width: 100.0, height: 100.0 };
        assert!(close(v.to_view(PORT, (0.0, 0.0)), (200.0, 0.0)));
        assert!(close(v.to_view(PORT, (100.0, 100.0)), (600.0, 400.0)));
    }

    #[test]
    fn zoom_keeps_the_point_under_the_pointer() {
        let fit = ViewBox { x: 0.0, y: 0.0, width: 1000.0, height: 500.0 };
        let anchor = (600.0, 100.0);
        let before = fit.invert(PORT, anchor);
        let zoomed = fit.zoom(PORT, anchor, 2.0, &fit);
        assert!((zoomed.width - 500.0).abs() < 1e-9);
        assert!(close(zoomed.invert(PORT, anchor), before));
    }

    #[test]
    fn zoom_is_limited_both_ways() {
        let fit = ViewBox { x: 0.0, y: 0.0, width: 1000.0, height: 500.0 };
        let out = fit.zoom(PORT, (0.0, 0.0), 0.1, &fit);
        assert_eq!(out.width, 1000.0);
        let deep = fit.zoom(PORT, (400.0, 200.0), 1e6, &fit);
        assert!((deep.zoom_level(&fit) - MAX_ZOOM).abs() < 1e-9);
    }

    #[test]
    fn pan_moves_by_screen_pixels_and_stays_on_the_plan() {
        let fit = ViewBox { x: 0.0, y: 0.0, width: 800.0, height: 400.0 };
        let v = fit.zoom(PORT, (400.0, 200.0), 2.0, &fit);
        let moved = v.pan(PORT, 100.0, 0.0, &fit);
        assert!((v.x - moved.x - 50.0).abs() < 1e-9, "2px per unit at zoom 2");
        let far = v.pan(PORT, 1e6, 1e6, &fit);
        assert!(far.x + far.width / 2.0 >= fit.x - 1e-9);
    }

    #[test]
    fn the_fit_takes_in_the_stage_picture_unless_it_dwarfs_the_seats() {
        let seats = Rect { x: 30.0, y: 250.0, width: 1140.0, height: 1340.0 };
        let stage = Rect { x: 0.0, y: 0.0, width: 1200.0, height: 1650.0 };
        let with = ViewBox::fit_with(seats, Some(stage));
        assert!(with.contains((600.0, 100.0)), "the stage is in view: {with:?}");
        assert_eq!(ViewBox::fit_with(seats, None), ViewBox::fit(seats));
        let huge = Rect { x: -5000.0, y: -5000.0, width: 20000.0, height: 20000.0 };
        assert_eq!(ViewBox::fit_with(seats, Some(huge)), ViewBox::fit(seats));
    }

    #[test]
    fn the_visible_area_includes_the_letterbox_bands() {
        // A square box in a wide viewport shows 200 px of plan either side of it.
        let v = ViewBox { x: 0.0, y: 0.0, width: 100.0, height: 100.0 };
        let seen = v.visible(PORT);
        assert!(close((seen.x, seen.y), (-50.0, 0.0)) && close((seen.width, seen.height), (200.0, 100.0)), "{seen:?}");
        assert_eq!(v.pixels_per_unit(PORT), 4.0);
    }

    #[test]
    fn keep_in_view_moves_only_for_what_is_out_of_sight_and_only_as_far_as_needed() {
        let fit = ViewBox { x: -1000.0, y: -1000.0, width: 3000.0, height: 3000.0 };
        let v = ViewBox { x: 0.0, y: 0.0, width: 100.0, height: 100.0 };
        // Outside the viewBox but inside the letterbox band: visible, so no move (issue 11: the map jumped here).
        assert_eq!(v.keep_in_view(PORT, (-30.0, 50.0), 8.0, &fit), None);
        assert_eq!(v.keep_in_view(PORT, (50.0, 50.0), 8.0, &fit), None);
        // Beyond the right edge: moved just enough to show it 8 px (2 units) inside.
        let moved = v.keep_in_view(PORT, (160.0, 50.0), 8.0, &fit).expect("a move");
        assert!((moved.x - 12.0).abs() < 1e-9 && moved.y == 0.0, "{moved:?}");
        assert!(moved.visible(PORT).right() >= 162.0 - 1e-9);
    }

    #[test]
    fn nothing_a_plan_or_a_gesture_sends_can_make_it_panic_or_leave_the_plan() {
        let fits = [
            ViewBox { x: 0.0, y: 0.0, width: 1000.0, height: 500.0 },
            ViewBox { x: f64::NAN, y: 0.0, width: f64::INFINITY, height: 1.0 },
            ViewBox { x: -1.7e308, y: 1.7e308, width: 1e-300, height: 0.0 },
            ViewBox { x: 0.0, y: 0.0, width: f64::NAN, height: f64::NAN },
        ];
        let ports = [PORT, Viewport { width: 0.0, height: 0.0 }, Viewport { width: f64::NAN, height: -5.0 }];
        let odd = [0.0, -1.0, 1e-320, 1e308, f64::NAN, f64::INFINITY, f64::NEG_INFINITY];
        for fit in fits {
            for port in ports {
                for v in odd {
                    let zoomed = fit.zoom(port, (v, v), v, &fit);
                    let panned = fit.pan(port, v, -v, &fit);
                    let focused = ViewBox::focus_on(Rect { x: v, y: v, width: v, height: v }, &fit);
                    for b in [zoomed, panned, focused, fit.centred_on((v, v), &fit)] {
                        let _ = b.attribute();
                        let _ = b.invert(port, (v, v));
                        let _ = b.visible(port);
                        let _ = b.keep_in_view(port, (v, v), v, &fit);
                    }
                }
            }
        }
    }

    #[test]
    fn focus_on_an_area_contains_it() {
        let fit = ViewBox { x: 0.0, y: 0.0, width: 1000.0, height: 1000.0 };
        let target = Rect { x: 100.0, y: 200.0, width: 200.0, height: 100.0 };
        let v = ViewBox::focus_on(target, &fit);
        assert!(v.contains((100.0, 200.0)) && v.contains((300.0, 300.0)));
        assert!(v.width < fit.width);
    }
}
