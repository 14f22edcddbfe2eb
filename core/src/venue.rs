//! The performance and everything about it that changes rarely: the
//! instance (with its sale state), the plan and the price list.

use crate::error::ApiError;
use crate::plan::Plan;
use crate::prices::PriceList;
use crate::report::Report;
use crate::wire;
use std::rc::Rc;

/// The performance: checked, from `GET instances/{id}` (docs/spektrix-v3.md#instance).
#[derive(Debug, Clone, PartialEq)]
pub struct InstanceInfo {
    /// The instance id.
    pub id: Rc<str>,
    /// The seating plan's id.
    pub plan_id: Rc<str>,
    /// When it starts, as the API gave it (venue time, ISO 8601).
    pub start: Option<Rc<str>>,
    /// Whether `POST basket/tickets/best-available` may be used.
    pub best_available: bool,
    /// `isOnSale`: tickets can be bought online now.
    pub on_sale: bool,
    /// `cancelled`.
    pub cancelled: bool,
    /// `startSellingAtWeb`: when online sales open (venue time, ISO 8601).
    pub sales_open: Option<Rc<str>>,
    /// `stopSellingAtWeb`: when online sales close (venue time, ISO 8601).
    pub sales_close: Option<Rc<str>>,
}

const DOCUMENT: &str = "performance";

impl InstanceInfo {
    pub(crate) fn build(w: wire::Instance<'_>, requested_id: &str, report: &mut Report) -> Result<Self, ApiError> {
        let plan_id = w
            .plan_id
            .text()
            .ok_or(ApiError::Invalid { what: "the performance", detail: "it has no seating plan".into() })?;
        let id = match w.id.text() {
            Some(id) => id,
            None => {
                report.add(DOCUMENT, "no id: the requested id is used");
                requested_id
            }
        };
        let flag = |f: wire::lenient::Flag, name: &str, default: bool, report: &mut Report| {
            if f.0.is_invalid() {
                report.add(DOCUMENT, format!("{name} is not true or false: read as {default}"));
            }
            f.or(default)
        };
        Ok(InstanceInfo {
            id: id.into(),
            plan_id: plan_id.into(),
            start: w.start.text().map(Into::into),
            best_available: flag(w.has_best_available_overlay, "hasBestAvailableOverlay", false, report),
            on_sale: flag(w.is_on_sale, "isOnSale", true, report),
            cancelled: flag(w.cancelled, "cancelled", false, report),
            sales_open: w.start_selling_at_web.text().map(Into::into),
            sales_close: w.stop_selling_at_web.text().map(Into::into),
        })
    }
}

/// Everything that changes rarely: loaded once per performance.
#[derive(Debug, Clone)]
pub struct Venue {
    /// The performance.
    pub instance: InstanceInfo,
    /// Its seating plan.
    pub plan: Plan,
    /// Its price list.
    pub prices: PriceList,
}

/// Whether the performance can be booked online now, and if not, why.
#[derive(Debug, Clone, PartialEq)]
pub enum SaleState {
    /// Tickets can be bought.
    OnSale,
    /// Online sales have not opened yet.
    NotYetOnSale {
        /// When they open (venue time, ISO 8601), if the venue said.
        opens: Option<Rc<str>>,
    },
    /// Online sales have closed (or the venue sells this one offline only).
    Closed,
    /// The performance is cancelled.
    Cancelled,
    /// Every seat and place is taken.
    SoldOut,
}

impl SaleState {
    /// Whether seats can be chosen and added.
    pub fn is_open(&self) -> bool {
        matches!(self, SaleState::OnSale)
    }

    /// From the instance alone; `now` is the buyer's local time as ISO 8601
    /// (`2026-12-01T10:00:00`), compared with the venue's times as text,
    /// which is exact when both are in the same time zone and off by the
    /// difference otherwise.
    pub fn of(instance: &InstanceInfo, now: &str) -> SaleState {
        if instance.cancelled {
            return SaleState::Cancelled;
        }
        let before = |t: &Option<Rc<str>>| t.as_deref().is_some_and(|t| now < t);
        let after = |t: &Option<Rc<str>>| t.as_deref().is_some_and(|t| now >= t);
        if instance.on_sale {
            return SaleState::OnSale;
        }
        if before(&instance.sales_open) {
            return SaleState::NotYetOnSale { opens: instance.sales_open.clone() };
        }
        if after(&instance.sales_close) || instance.sales_open.is_some() {
            return SaleState::Closed;
        }
        SaleState::NotYetOnSale { opens: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instance(on_sale: bool, cancelled: bool, opens: Option<&str>, closes: Option<&str>) -> InstanceInfo {
        InstanceInfo {
            id: "I".into(),
            plan_id: "P".into(),
            start: None,
            best_available: false,
            on_sale,
            cancelled,
            sales_open: opens.map(Into::into),
            sales_close: closes.map(Into::into),
        }
    }

    #[test]
    fn sale_state_follows_the_instance() {
        let now = "2026-12-01T10:00:00";
        assert_eq!(SaleState::of(&instance(true, false, None, None), now), SaleState::OnSale);
        assert_eq!(SaleState::of(&instance(true, true, None, None), now), SaleState::Cancelled);
        assert_eq!(
            SaleState::of(&instance(false, false, Some("2026-12-24T10:00:00"), None), now),
            SaleState::NotYetOnSale { opens: Some("2026-12-24T10:00:00".into()) }
        );
        assert_eq!(
            SaleState::of(&instance(false, false, Some("2026-11-01T10:00:00"), Some("2026-11-30T19:00:00")), now),
            SaleState::Closed
        );
        assert_eq!(SaleState::of(&instance(false, false, None, None), now), SaleState::NotYetOnSale { opens: None });
    }
}
