//! A small seeded generator (xorshift64*): every case is reproducible from its seed.

pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Random {
        Random(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// True one time in `n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An odd float: ordinary, huge, tiny, negative zero, NaN-making.
    pub fn float(&mut self) -> f64 {
        let ordinary = (self.next() % 100_000) as f64 / 7.0;
        *self.pick(&[
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            577.0,
            1e9,
            -1e9,
            1.7e308,
            -1.7e308,
            f64::MAX,
            f64::MIN_POSITIVE,
            9.3e18,
            -9.3e18,
            ordinary,
        ])
    }
}
