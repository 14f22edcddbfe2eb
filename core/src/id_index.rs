//! Id → index lookups, built once per document.
//!
//! Ids are short strings ("53613"); FNV-1a hashes them several times faster
//! than the standard library's DoS-resistant SipHash, and the ids come from
//! the venue's own API, not from an attacker choosing collisions. One map
//! type for every index in the core, so the wasm carries one copy of the
//! hash table code.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

/// FNV-1a, 64 bit.
#[derive(Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ *b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

impl PartialEq for IdIndex {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

/// A map from an id to its position in a list.
#[derive(Debug, Clone, Default)]
pub(crate) struct IdIndex(HashMap<Rc<str>, u32, BuildHasherDefault<Fnv>>);

impl IdIndex {
    /// The position of `id`.
    pub fn get(&self, id: &str) -> Option<u32> {
        self.0.get(id).copied()
    }

    /// Records `id` at `position` unless it is already there; returns whether it was new.
    pub fn insert_new(&mut self, id: Rc<str>, position: u32) -> bool {
        match self.0.entry(id) {
            std::collections::hash_map::Entry::Occupied(_) => false,
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(position);
                true
            }
        }
    }
}
