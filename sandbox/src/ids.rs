//! Spektrix-looking identifiers: deterministic ones from a seeded generator for
//! the catalog, random ones for runtime objects (tickets, baskets, cookies).

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// 33 characters: five digits then 28 uppercase letters, like
/// `67201AVCRKQDBSGLQHRCLJQTBDLCTLNNQ`.
pub fn spektrix_id<R: Rng>(rng: &mut R) -> String {
    let mut s = String::with_capacity(33);
    s.push(char::from(b'1' + rng.gen_range(0..9u8)));
    for _ in 0..4 {
        s.push(char::from(b'0' + rng.gen_range(0..10u8)));
    }
    for _ in 0..28 {
        s.push(char::from(b'A' + rng.gen_range(0..26u8)));
    }
    s
}

/// A fresh random Spektrix-style id (not deterministic).
pub fn random_id() -> String {
    spektrix_id(&mut rand::thread_rng())
}

/// A random token of `len` alphanumeric characters (session cookies).
pub fn token(len: usize) -> String {
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::thread_rng();
    (0..len).map(|_| char::from(CHARS[rng.gen_range(0..CHARS.len())])).collect()
}

/// The seeded generator used for one part of the catalog. Each venue gets its
/// own stream so adding one never shifts another's ids.
pub fn seeded(seed: u64, stream: u64) -> StdRng {
    StdRng::seed_from_u64(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}
