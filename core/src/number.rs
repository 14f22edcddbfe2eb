//! Numbers as text for SVG attributes and styles, without the standard
//! library's float formatting (which costs more wasm than all of this
//! widget's number output put together).

/// `v` rounded to `decimals` places (0 to 4), trailing zeros dropped:
/// `fixed(2.50, 2)` is "2.5", `fixed(-0.004, 2)` is "0", NaN is "0".
pub fn fixed(v: f64, decimals: u32) -> String {
    let decimals = decimals.min(4);
    let scale = 10i64.pow(decimals);
    if !v.is_finite() {
        return "0".to_owned();
    }
    // Far beyond any coordinate a plan lets through, but clamped so that
    // scaling and negating can never overflow (i128 holds ±1e34 easily).
    let v = v.clamp(-1e30, 1e30);
    let scaled = (v * scale as f64).round() as i128;
    let scale = scale as i128;
    let (sign, magnitude) = if scaled < 0 { ("-", -scaled) } else { ("", scaled) };
    let whole = magnitude / scale;
    let mut fraction = magnitude % scale;
    if fraction == 0 {
        return if whole == 0 { "0".to_owned() } else { format!("{sign}{whole}") };
    }
    let mut digits = decimals;
    while fraction % 10 == 0 {
        fraction /= 10;
        digits -= 1;
    }
    format!("{sign}{whole}.{fraction:0width$}", width = digits as usize)
}

#[cfg(test)]
mod tests {
    use super::fixed;

    #[test]
    fn rounds_and_trims() {
        let table = [
            (2.5, 2, "2.5"),
            (2.0, 2, "2"),
            (-0.004, 2, "0"),
            (-1.256, 2, "-1.26"),
            (0.05, 2, "0.05"),
            (1234.5678, 1, "1234.6"),
            (9.999, 2, "10"),
            (f64::NAN, 2, "0"),
            (-3.0, 0, "-3"),
            (-9.3e18, 2, "-9300000000000000000"),
        ];
        for (v, d, want) in table {
            assert_eq!(fixed(v, d), want, "{v} to {d} places");
        }
        // Beyond any coordinate the plan lets through: saturated, never a panic.
        for v in [f64::MAX, f64::MIN, i64::MIN as f64, 1e300, -1e300] {
            assert!(!fixed(v, 4).is_empty());
        }
    }
}
