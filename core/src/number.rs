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
    let scale = 10u64.pow(decimals);
    if !v.is_finite() {
        out.push('0');
        return;
    }
    // Far beyond any coordinate a plan lets through, but clamped so that
    // the scaled magnitude always fits a u128 (1e34 ≪ 3.4e38).
    let scaled = (v.clamp(-1e30, 1e30) * scale as f64).round();
    if scaled < 0.0 {
        out.push('-');
    }
    let magnitude = scaled.abs();
    // u64 arithmetic whenever it fits (every real coordinate): wasm has no
    // 128-bit division, and the u128 path's software division was ~1 % of
    // the arena's first paint (profiled, 40,000 numbers).
    let mut fraction = if magnitude < TWO_POW_64 {
        let m = magnitude as u64;
        write_u64(out, m / scale);
        m % scale
    } else {
        let m = magnitude as u128;
        write_integer(out, m / u128::from(scale));
        (m % u128::from(scale)) as u64
    };
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

/// 2⁶⁴ as a float: magnitudes below it convert to `u64` exactly.
const TWO_POW_64: f64 = 18_446_744_073_709_551_616.0;

/// A whole number in decimal, appended to `out`.
pub fn write_integer(out: &mut String, n: u128) {
    match u64::try_from(n) {
        Ok(n) => write_u64(out, n),
        Err(_) => {
            // At most 39 digits: the top ones, then the low 19 zero-padded.
            const TEN_POW_19: u64 = 10_000_000_000_000_000_000;
            write_integer(out, n / u128::from(TEN_POW_19));
            let low = (n % u128::from(TEN_POW_19)) as u64;
            let mut buffer = [b'0'; 20];
            let len = digits_u64(&mut buffer, low);
            for _ in len..19 {
                out.push('0');
            }
            push_ascii(out, &buffer[20 - len..]);
        }
    }
}

fn write_u64(out: &mut String, n: u64) {
    let mut buffer = [b'0'; 20];
    let len = digits_u64(&mut buffer, n);
    push_ascii(out, &buffer[20 - len..]);
}

/// Writes `n`'s digits at the end of `buffer`; returns how many.
fn digits_u64(buffer: &mut [u8; 20], mut n: u64) -> usize {
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buffer.len() - at
}

fn push_ascii(out: &mut String, digits: &[u8]) {
    for b in digits {
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
            (1.5e19, 0, "15000000000000000000"),
            (1e25, 1, "10000000000000000476472934.4"),
            (-1e30, 0, "-1000000000000000019884624838656"),
            (123.0, 4, "123"),
        ];
        for (v, d, want) in table {
            assert_eq!(fixed(v, d), want, "{v} to {d} places");
        }
        // Beyond any coordinate the plan lets through: saturated, never a panic.
        for v in [f64::MAX, f64::MIN, i64::MIN as f64, 1e300, -1e300] {
            assert!(!fixed(v, 4).is_empty());
        }
    }

    #[test]
    fn integers_of_every_width() {
        let mut out = String::new();
        for n in [
            0u128,
            7,
            10,
            u128::from(u64::MAX),
            u128::from(u64::MAX) + 1,
            10u128.pow(19),
            10u128.pow(19) - 1,
            u128::MAX,
        ] {
            out.clear();
            super::write_integer(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }
}
