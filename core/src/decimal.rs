//! Reading decimal text as an `f64`, exactly as `str::parse::<f64>` does,
//! without the standard library's parser.
//!
//! The standard parser carries a 10 KB table of powers of five and its own
//! big-decimal code; in the widget's wasm that was 14 KB gzipped (issue 13),
//! for three call sites that read the odd number sent as text (`"35.00"`) and
//! two attributes. Here the common case (up to 19 significant digits, a
//! power of ten up to 22) is Clinger's exact fast path; anything else is
//! found by a binary search over the `f64` values, each step an exact
//! comparison of big integers. That is slow but correct, and such text does
//! not occur in practice.
//!
//! Same grammar as the standard library: an optional sign, then `inf`,
//! `infinity` or `nan` in any case, or digits with an optional point and an
//! optional exponent (`1`, `1.`, `.5`, `1e5`, `2.5E-3`); nothing else, no
//! surrounding blanks. Same value, bit for bit (tested against it below).

use std::cmp::Ordering;

/// Significant digits kept: beyond this many, only whether the rest are all
/// zero can change the rounding (the standard parser keeps 768).
const MAX_DIGITS: usize = 800;

/// `text` as a number, or `None` where `text.parse::<f64>()` fails.
pub(crate) fn parse_f64(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, rest) = match bytes.first() {
        Some(b'-') => (true, &bytes[1..]),
        Some(b'+') => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    let magnitude = special(rest).or_else(|| finite(rest))?;
    Some(if negative { -magnitude } else { magnitude })
}

fn special(text: &[u8]) -> Option<f64> {
    let lower = |word: &[u8]| text.eq_ignore_ascii_case(word);
    if lower(b"inf") || lower(b"infinity") {
        Some(f64::INFINITY)
    } else if lower(b"nan") {
        Some(f64::NAN)
    } else {
        None
    }
}

/// Digits, point and exponent, read into significant digits and a power of ten.
fn finite(text: &[u8]) -> Option<f64> {
    let mut digits: Vec<u8> = Vec::new();
    // The value is 0.d1d2d3… × 10^point.
    let mut point: i64 = 0;
    let mut seen_digit = false;
    let mut seen_point = false;
    let mut dropped_nonzero = false;
    let mut at = 0;
    while at < text.len() {
        match text[at] {
            b'0'..=b'9' => {
                let d = text[at] - b'0';
                seen_digit = true;
                if digits.is_empty() && d == 0 {
                    // A leading zero: only moves the point when after it.
                    if seen_point {
                        point -= 1;
                    }
                } else {
                    if !seen_point {
                        point += 1;
                    }
                    if digits.len() < MAX_DIGITS {
                        digits.push(d);
                    } else if d != 0 {
                        dropped_nonzero = true;
                    }
                }
            }
            b'.' if !seen_point => seen_point = true,
            _ => break,
        }
        at += 1;
    }
    if !seen_digit {
        return None;
    }
    if at < text.len() {
        if !matches!(text[at], b'e' | b'E') {
            return None;
        }
        at += 1;
        let negative = match text.get(at) {
            Some(b'-') => {
                at += 1;
                true
            }
            Some(b'+') => {
                at += 1;
                false
            }
            _ => false,
        };
        if at == text.len() {
            return None;
        }
        let mut exponent: i64 = 0;
        for b in &text[at..] {
            if !b.is_ascii_digit() {
                return None;
            }
            // Saturates far beyond where every value is zero or infinite.
            exponent = (exponent * 10 + i64::from(b - b'0')).min(1 << 40);
        }
        point += if negative { -exponent } else { exponent };
    }
    if dropped_nonzero {
        // Stands for the dropped digits: below any halfway point, never zero.
        digits.push(1);
    }
    while digits.last() == Some(&0) {
        digits.pop();
    }
    if digits.is_empty() {
        return Some(0.0);
    }
    // The value is below 10^-324 (rounds to zero) or at least 10^309.
    if point < -323 {
        return Some(0.0);
    }
    if point > 310 {
        return Some(f64::INFINITY);
    }
    let exponent = point - digits.len() as i64;
    Some(fast(&digits, exponent).unwrap_or_else(|| slow(&digits, exponent)))
}

/// Clinger's fast path: an integer below 2^53 times or over an exact power
/// of ten (10^0 … 10^22) is one correctly rounded operation.
fn fast(digits: &[u8], exponent: i64) -> Option<f64> {
    if digits.len() > 19 || exponent.abs() > 22 {
        return None;
    }
    let whole = digits.iter().fold(0u64, |n, d| n * 10 + u64::from(*d));
    if whole > 1 << 53 {
        return None;
    }
    let power = (0..exponent.abs()).fold(1.0f64, |p, _| p * 10.0);
    Some(if exponent < 0 { whole as f64 / power } else { whole as f64 * power })
}

/// The nearest `f64` to `digits × 10^exponent` (ties to even), by binary
/// search over the finite values' bit patterns, which are in numeric order.
#[inline(never)]
fn slow(digits: &[u8], exponent: i64) -> f64 {
    let value = Exact::new(digits, exponent);
    // The largest float not above the value.
    let (mut low, mut high) = (0u64, f64::INFINITY.to_bits());
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        let (m, q) = parts(middle);
        if value.cmp(u128::from(m), q) == Ordering::Less {
            high = middle;
        } else {
            low = middle;
        }
    }
    // Between `low` and the next float up (infinity after `f64::MAX`, which
    // `parts` reads as 2^1024): the halfway point decides.
    let (m_low, q_low) = parts(low);
    let (m_high, q_high) = parts(low + 1);
    let q = q_low.min(q_high);
    let half = (u128::from(m_low) << (q_low - q)) + (u128::from(m_high) << (q_high - q));
    let rounded = match value.cmp(half, q - 1) {
        Ordering::Less => low,
        Ordering::Greater => low + 1,
        Ordering::Equal if low % 2 == 0 => low,
        Ordering::Equal => low + 1,
    };
    f64::from_bits(rounded)
}

/// A non-negative float's bit pattern as `m × 2^q`; the pattern just above
/// `f64::MAX` (infinity) reads as 2^1024, the next power of two.
fn parts(bits: u64) -> (u64, i64) {
    let biased = (bits >> 52) as i64;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    }
}

/// `digits × 10^exponent`, exactly, for comparing with `m × 2^q`.
struct Exact {
    /// The digits as one integer.
    whole: Big,
    exponent: i64,
}

impl Exact {
    fn new(digits: &[u8], exponent: i64) -> Exact {
        let mut whole = Big::default();
        for d in digits {
            whole.multiply_add(10, u32::from(*d));
        }
        Exact { whole, exponent }
    }

    /// How `digits × 10^exponent` compares with `m × 2^q`: both sides made
    /// whole by multiplying with the missing powers of five and two.
    fn cmp(&self, m: u128, q: i64) -> Ordering {
        let mut left = self.whole.clone();
        let mut right = Big::from(m);
        // 10^e = 5^e × 2^e.
        let (fives_left, fives_right) = if self.exponent >= 0 { (self.exponent, 0) } else { (0, -self.exponent) };
        left.multiply_power_of_five(fives_left);
        right.multiply_power_of_five(fives_right);
        let twos = self.exponent - q;
        if twos >= 0 {
            left.shift_left(twos as usize);
        } else {
            right.shift_left((-twos) as usize);
        }
        left.cmp(&right)
    }
}

/// An unsigned big integer, little-endian 32-bit limbs, no trailing zero limbs.
#[derive(Clone, Default, PartialEq, Eq)]
struct Big(Vec<u32>);

impl From<u128> for Big {
    fn from(mut n: u128) -> Big {
        let mut limbs = Vec::new();
        while n > 0 {
            limbs.push(n as u32);
            n >>= 32;
        }
        Big(limbs)
    }
}

impl Big {
    fn multiply_add(&mut self, factor: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn multiply_power_of_five(&mut self, mut power: i64) {
        // 5^13 is the largest power of five below 2^32.
        while power > 0 {
            let step = power.min(13);
            self.multiply_add(5u32.pow(step as u32), 0);
            power -= step;
        }
    }

    fn shift_left(&mut self, bits: usize) {
        if self.0.is_empty() {
            return;
        }
        let (limbs, bits) = (bits / 32, bits % 32);
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let next = *limb >> (32 - bits);
                *limb = *limb << bits | carry;
                carry = next;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }
}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Big) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Big) -> Ordering {
        self.0.len().cmp(&other.0.len()).then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    use super::parse_f64;
    use proptest::prelude::*;

    fn same(text: &str) {
        let ours = parse_f64(text);
        let theirs = text.parse::<f64>().ok();
        match (ours, theirs) {
            (Some(a), Some(b)) => {
                assert!(a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()), "{text:?}: {a:e} vs {b:e}")
            }
            (a, b) => assert_eq!(a, b, "{text:?}"),
        }
    }

    #[test]
    fn reads_what_the_standard_parser_reads() {
        for text in [
            "0",
            "-0",
            "+0",
            "00",
            "0.0",
            ".0",
            "0.",
            "1",
            "35.00",
            "577",
            "577.0",
            "-12.5",
            "+3",
            ".5",
            "5.",
            "1e5",
            "1E5",
            "1e+5",
            "1e-5",
            "2.5E-3",
            "0.1",
            "0.2",
            "0.3",
            "123456789012345678",
            "9007199254740993",
            "9007199254740992",
            "9007199254740991",
            "12345678901234567890123",
            "1e22",
            "1e23",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "2e308",
            "1e309",
            "4.9e-324",
            "2.5e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "2.2250738585072011e-308",
            "2.2250738585072014e-308",
            "1e-400",
            "1e400",
            "0e999999999999999999999",
            "0.000000000000000000000000000000000001",
            "3.14159265358979323846264338327950288419716939937510",
            "inf",
            "-inf",
            "+Infinity",
            "INF",
            "NaN",
            "nan",
            "-NaN",
            "infinit",
            "",
            ".",
            "-",
            "+",
            "e5",
            "1e",
            "1e+",
            "1e-",
            "1.2.3",
            "1,5",
            " 1",
            "1 ",
            "1_000",
            "0x10",
            "1e5.5",
            "--1",
            "+-1",
            "1ee5",
            "١",
        ] {
            same(text);
        }
        same(&format!("0.{}1", "0".repeat(900)));
        same(&format!("1{}", "0".repeat(900)));
        same(&format!("1.{}1e-300", "0".repeat(900)));
        same(&format!("{}e-1000", "9".repeat(1000)));
    }

    #[test]
    fn the_halfway_cases_round_to_even() {
        // Exactly halfway between two floats (2^53 + 1), then just above it.
        same("9007199254740993");
        same(&format!("9007199254740993.{}1", "0".repeat(850)));
        same("8.98846567431158053655e307");
    }

    proptest! {
        #[test]
        fn any_float_written_out_reads_back_the_same(bits in any::<u64>(), precision in 0usize..25) {
            let v = f64::from_bits(bits);
            same(&v.to_string());
            same(&format!("{v:e}"));
            same(&format!("{v:.precision$e}"));
            same(&format!("{:.precision$}", v.abs() % 1e6));
        }

        #[test]
        fn any_text_of_the_grammar_reads_the_same(text in "[-+]?[0-9]{0,30}(\\.[0-9]{0,30})?([eE][-+]?[0-9]{1,4})?") {
            same(&text);
        }

        #[test]
        fn any_short_text_reads_the_same(text in "[-+.eE0-9a-z]{0,8}") {
            same(&text);
        }
    }
}
