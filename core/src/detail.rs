//! Level of detail: whether the map draws seats or, when seats at the
//! current zoom would be too small to see, each area as one shape; and
//! whether a tap on a seat is precise enough to choose it.
//!
//! The threshold is the seat pitch on screen, [`SEATS_FROM_PX`] = 4 CSS px:
//! a seat is drawn 0.84 pitch across ([`SEAT_SIZE`]), and its state shapes
//! (a cross for taken, a tick for chosen, a square for the basket) need
//! about 3 px to be told apart; below that 20,000 seats are a texture, not
//! seats (issue 11: the arena fitted on a laptop is 2.4 px). The theatre
//! fitted on a 390 px phone is 5.7 px, so it still opens on its seats.
//! Choosing needs more: a tap on a seat drawn under [`TAP_TARGET_PX`]
//! (WCAG 2.5.8's minimum target) zooms in first instead of guessing which
//! of the seats under the finger was meant.

/// What the map draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Each area as one shape, with places left and prices.
    Areas,
    /// Every seat.
    Seats,
}

/// Seats are drawn from this pitch (centre to centre) on screen, in CSS px.
pub const SEATS_FROM_PX: f64 = 4.0;

/// A seat's drawn size as a share of the pitch (its radius is 0.42 pitch).
pub const SEAT_SIZE: f64 = 0.84;

/// The smallest seat, in CSS px, a tap chooses without zooming first.
pub const TAP_TARGET_PX: f64 = 24.0;

/// What to draw when seats are `pitch_px` apart on screen.
pub fn detail_at(pitch_px: f64) -> Detail {
    if pitch_px >= SEATS_FROM_PX {
        Detail::Seats
    } else {
        Detail::Areas
    }
}

/// For a tap on a seat when seats are `pitch_px` apart: `None` if the seat
/// is big enough to choose, else the zoom factor that makes it
/// [`TAP_TARGET_PX`] (and a little) across.
pub fn tap_zoom(pitch_px: f64) -> Option<f64> {
    let size = pitch_px * SEAT_SIZE;
    if !(size.is_finite() && size > 0.0) || size >= TAP_TARGET_PX {
        return None;
    }
    Some(TAP_TARGET_PX * 1.1 / size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seats_are_drawn_from_four_pixels_apart() {
        let table = [
            (2.4, Detail::Areas),
            (3.99, Detail::Areas),
            (4.0, Detail::Seats),
            (5.7, Detail::Seats),
            (9.1, Detail::Seats),
        ];
        for (pitch, want) in table {
            assert_eq!(detail_at(pitch), want, "{pitch} px");
        }
    }

    #[test]
    fn a_tap_on_a_small_seat_zooms_until_it_is_a_target() {
        assert_eq!(tap_zoom(40.0), None, "33.6 px across: choose it");
        let factor = tap_zoom(9.1).expect("7.6 px across: zoom first");
        assert!(9.1 * factor * SEAT_SIZE >= TAP_TARGET_PX);
        assert_eq!(tap_zoom(0.0), None);
        assert_eq!(tap_zoom(f64::NAN), None);
    }
}
