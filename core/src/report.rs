//! What decoding skipped or repaired, said once and plainly.
//!
//! A bad record is skipped, counted and reported, never fatal for its
//! document (docs/spektrix-v3.md#tolerant-decoding). The shell prints
//! [`Report::summary`] to the console once and sends it with a
//! `seatmap:warning` event.

use std::fmt::Write;

/// One kind of problem and how often it occurred.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The document: "seating plan", "price list", "seat availability", …
    pub document: &'static str,
    /// What was wrong and what was done about it, e.g. "seat skipped: its id is null".
    pub what: String,
    /// How many records had it.
    pub count: u32,
}

/// The problems found in one or more documents.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    problems: Vec<Problem>,
}

/// A report holds at most this many kinds of problem; more are counted in the last.
const MAX_KINDS: usize = 32;

impl Report {
    /// Counts one occurrence of a problem.
    pub fn add(&mut self, document: &'static str, what: impl Into<String>) {
        self.add_many(document, what, 1);
    }

    /// Counts `count` occurrences of a problem.
    pub fn add_many(&mut self, document: &'static str, what: impl Into<String>, count: u32) {
        if count == 0 {
            return;
        }
        let what = what.into();
        if let Some(p) = self.problems.iter_mut().find(|p| p.document == document && p.what == what) {
            p.count = p.count.saturating_add(count);
            return;
        }
        if self.problems.len() >= MAX_KINDS {
            if let Some(last) = self.problems.last_mut() {
                last.count = last.count.saturating_add(count);
            }
            return;
        }
        self.problems.push(Problem { document, what, count });
    }

    /// Adds every problem of `other`.
    pub fn merge(&mut self, other: &Report) {
        for p in &other.problems {
            self.add_many(p.document, p.what.clone(), p.count);
        }
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// The problems, in the order first seen.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// How many records had a problem of any kind.
    pub fn total(&self) -> u32 {
        self.problems.iter().map(|p| p.count).sum()
    }

    /// One line per problem: "seating plan: 2 × seat skipped: its id is null".
    pub fn summary(&self) -> Option<String> {
        if self.problems.is_empty() {
            return None;
        }
        let mut out = String::new();
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                out.push_str("; ");
            }
            let _ = write!(out, "{}: {} × {}", p.document, p.count, p.what);
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_of_one_kind_are_counted_together() {
        let mut r = Report::default();
        r.add("seating plan", "seat skipped: its id is null");
        r.add("seating plan", "seat skipped: its id is null");
        r.add("price list", "price skipped: its amount is text");
        assert_eq!(r.problems().len(), 2);
        assert_eq!(r.total(), 3);
        assert_eq!(
            r.summary().unwrap(),
            "seating plan: 2 × seat skipped: its id is null; price list: 1 × price skipped: its amount is text"
        );
    }

    #[test]
    fn a_flood_of_distinct_problems_stays_bounded() {
        let mut r = Report::default();
        for i in 0..1000 {
            r.add("seat availability", format!("unknown letter {i}"));
        }
        assert_eq!(r.problems().len(), MAX_KINDS);
        assert_eq!(r.total(), 1000);
    }
}
