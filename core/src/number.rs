//! Numbers as text for SVG attributes and styles, without the standard
//! library's float formatting (which costs more wasm than all of this
//! widget's number output put together).

/// `v` rounded to `decimals` places (0 to 4), trailing zeros dropped:
/// `fixed(2.50, 2)` is "2.5", `fixed(-0.004, 2)` is "0", NaN is "0".
pub fn fixed(v: f64, decimals: u32) -> String {
    let mut out = String::with_capacity(12);
    write_fixed(&mut out, v, decimals);
    out
}

/// [`fixed`], appended to `out` (no allocation of its own: the seat
/// markup writes 40,000 numbers for 20,000 seats).
pub fn write_fixed(out: &mut String, v: f64, decimals: u32) {
    let decimals = decimals.min(4);
    let scale = 10i64.pow(decimals);
    if !v.is_finite() {
        out.push('0');
        return;
    }
    // Far beyond any coordinate a plan lets through, but clamped so that
    // scaling and negating can never overflow (i128 holds ±1e34 easily).
    let v = v.clamp(-1e30, 1e30);
    let scaled = (v * scale as f64).round() as i128;
    if scaled < 0 {
        out.push('-');
    }
    let magnitude = scaled.unsigned_abs();
    let scale = scale as u128;
    write_integer(out, magnitude / scale);
    let mut fraction = magnitude % scale;
    if fraction == 0 {
        return;
    }
    let mut digits = decimals;
    while fraction.is_multiple_of(10) {
        fraction /= 10;
        digits -= 1;
    }
    out.push('.');
    let mut buffer = [b'0'; 4];
    for slot in buffer[..digits as usize].iter_mut().rev() {
        *slot = b'0' + (fraction % 10) as u8;
        fraction /= 10;
    }
    for b in &buffer[..digits as usize] {
        out.push(*b as char);
    }
}

/// A whole number in decimal, appended to `out`.
pub fn write_integer(out: &mut String, mut n: u128) {
    let mut buffer = [0u8; 39];
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for b in &buffer[at..] {
        out.push(*b as char);
    }
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
            (-0.5, 1, "-0.5"),
            (1_000_000.25, 2, "1000000.25"),
            (0.0001, 4, "0.0001"),
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
