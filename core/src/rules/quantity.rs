//! Ticket-count rules: the most tickets per order, the allowed counts
//! (e.g. pairs only), the gate for adding one more ticket ([`can_add`]) and
//! Ingresso-style `valid_quantity_flags` (as a list of allowed counts).

use super::{Problem, RuleConfig};

/// The largest total that can be bought under `config`.
pub(super) fn effective_max(config: &RuleConfig) -> u32 {
    match &config.allowed_counts {
        Some(list) => list.iter().copied().filter(|&c| c <= config.max_tickets).max().unwrap_or(0),
        None => config.max_tickets,
    }
}

/// Whether `count` is a count that may be bought (0 is always fine: nothing
/// chosen yet).
fn allowed(count: u32, config: &RuleConfig) -> bool {
    count == 0
        || (count <= config.max_tickets && config.allowed_counts.as_ref().is_none_or(|list| list.contains(&count)))
}

/// Refuses to go beyond the most tickets allowed. Pass the total the order
/// would have *after* adding (see [`super::Counts::total`]). Counts below the
/// maximum that are not in `allowed_counts` are fine here: the customer may
/// be on the way to an allowed count (1 on the way to a pair).
pub fn can_add(total_after_adding: u32, config: &RuleConfig) -> Result<(), Problem> {
    let max = effective_max(config);
    if total_after_adding > max {
        Err(Problem::TooMany { max })
    } else {
        Ok(())
    }
}

/// The problems with a final `total` (0 is never a problem).
pub(super) fn count_problems(total: u32, config: &RuleConfig) -> Vec<Problem> {
    let mut out = Vec::new();
    let max = effective_max(config);
    if total > max {
        out.push(Problem::TooMany { max });
    }
    if config.allowed_counts.is_some() && !allowed(total, config) && total <= max {
        out.push(Problem::CountNotAllowed { count: total, allowed: nearest_allowed(total, config) });
    }
    out
}

/// The allowed counts nearest to `count`: the largest below it and the
/// smallest above it, where they exist (ascending).
fn nearest_allowed(count: u32, config: &RuleConfig) -> Vec<u32> {
    let ok = |c: &u32| *c > 0 && allowed(*c, config);
    let list = config.allowed_counts.as_deref().unwrap_or(&[]);
    let below = list.iter().copied().filter(|c| *c < count && ok(c)).max();
    let above = list.iter().copied().filter(|c| *c > count && ok(c)).min();
    below.into_iter().chain(above).collect()
}
