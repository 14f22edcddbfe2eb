//! The price list: price bands, ticket types and what each pair costs.
//!
//! A price is a (band, ticket type) pair. Names may be missing (the API can
//! send `{"id"}` alone): then a neutral label is used, never an error.

use crate::error::ApiError;
use crate::id_index::IdIndex;
use crate::report::Report;
use crate::wire;
use crate::wire::lenient::Record;
use std::rc::Rc;

/// A price band, as an index into [`PriceList::bands`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BandIndex(pub u16);

/// A ticket type, as an index into [`PriceList::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TicketTypeIndex(pub u16);

/// How many band colours the stylesheet defines (`--seatmap-band-0` ...).
pub const PALETTE_SIZE: u16 = 8;

/// A price band.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// Its id.
    pub id: Rc<str>,
    /// Its name ("Band A", or a neutral label when the API gave none).
    pub name: Rc<str>,
    /// Prices per ticket type, in price-list order.
    pub prices: Vec<(TicketTypeIndex, f64)>,
    /// The ticket type a seat in this band gets by default (the band default, else the dearest).
    pub default_type: Option<TicketTypeIndex>,
    /// Colour slot: bands ranked by price, dearest first.
    pub colour: u16,
}

/// A ticket type (Adult, Concession, …).
#[derive(Debug, Clone, PartialEq)]
pub struct TicketType {
    /// Its id.
    pub id: Rc<str>,
    /// Its name ("Band A", or a neutral label when the API gave none).
    pub name: Rc<str>,
}

/// The performance's price list.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PriceList {
    /// Its bands, in price-list order.
    pub bands: Vec<Band>,
    /// Its ticket types, in price-list order.
    pub types: Vec<TicketType>,
    band_index: IdIndex,
    type_index: IdIndex,
}

const DOCUMENT: &str = "price list";

/// Most price bands (and ticket types) one list may have; indexes are `u16`.
const MAX_ENTRIES: usize = 4_096;

impl PriceList {
    /// Builds the price list from `GET instances/{id}/price-list`. A price
    /// without a usable amount, band or ticket type is skipped and reported.
    pub(crate) fn build(wire: wire::PriceList<'_>, report: &mut Report) -> Result<PriceList, ApiError> {
        let mut list = PriceList::default();
        let mut defaults: Vec<(BandIndex, TicketTypeIndex)> = Vec::new();
        if wire.prices.is_invalid() {
            report.add(DOCUMENT, "prices that are not a list");
        }
        for price in wire.prices.records() {
            let price = match price {
                Record::Ok(p) => p,
                Record::Bad(shape) => {
                    report.add(DOCUMENT, format!("price skipped: it was {}", shape.words()));
                    continue;
                }
            };
            let (Some(band_id), Some(type_id)) = (price.price_band.id(), price.ticket_type.id()) else {
                report.add(DOCUMENT, "price skipped: no price band or ticket type id");
                continue;
            };
            let Some(amount) = price.amount.value().filter(|a| *a >= 0.0) else {
                report.add(DOCUMENT, "price skipped: its amount is not a number of pounds");
                continue;
            };
            let (Some(b), Some(t)) = (
                list.band_index_of(band_id, price.price_band.name()),
                list.type_index_of(type_id, price.ticket_type.name()),
            ) else {
                report.add(DOCUMENT, "price skipped: more price bands or ticket types than a venue can have");
                continue;
            };
            let entry = &mut list.bands[b.0 as usize].prices;
            if !entry.iter().any(|(existing, _)| *existing == t) {
                entry.push((t, amount));
            }
            if price.is_band_default.or(false) && !defaults.iter().any(|(band, _)| *band == b) {
                defaults.push((b, t));
            }
        }
        if list.bands.is_empty() {
            // The map can still be shown: every seat is "not on sale online".
            report.add(DOCUMENT, "no usable prices: nothing can be bought online");
        }
        for (i, band) in list.bands.iter_mut().enumerate() {
            // Without a default, the dearest price is the full-price ticket.
            band.default_type = defaults
                .iter()
                .find(|(b, _)| *b == BandIndex(i as u16))
                .map(|(_, t)| *t)
                .or_else(|| band.prices.iter().max_by(|a, b| a.1.total_cmp(&b.1)).map(|(t, _)| *t));
        }
        let mut ranked: Vec<usize> = (0..list.bands.len()).collect();
        crate::sorting::sort_by(&mut ranked, |a, b| {
            let pa = list.bands[*a].top_price();
            let pb = list.bands[*b].top_price();
            pb.total_cmp(&pa).then(a.cmp(b))
        });
        for (rank, i) in ranked.into_iter().enumerate() {
            list.bands[i].colour = rank as u16 % PALETTE_SIZE;
        }
        Ok(list)
    }
}

impl Band {
    /// The cheapest price in the band ("from £35").
    pub fn from_price(&self) -> Option<f64> {
        self.prices.iter().map(|(_, a)| *a).min_by(f64::total_cmp)
    }

    fn top_price(&self) -> f64 {
        self.prices.iter().map(|(_, a)| *a).fold(0.0, f64::max)
    }

    /// The price of a ticket type in this band.
    pub fn price_of(&self, kind: TicketTypeIndex) -> Option<f64> {
        self.prices.iter().find(|(t, _)| *t == kind).map(|(_, a)| *a)
    }
}

impl PriceList {
    fn band_index_of(&mut self, id: &str, name: Option<&str>) -> Option<BandIndex> {
        if let Some(ix) = self.band_index.get(id) {
            return Some(BandIndex(ix as u16));
        }
        if self.bands.len() >= MAX_ENTRIES {
            return None;
        }
        let ix = BandIndex(self.bands.len() as u16);
        let name = name.map(str::to_owned).unwrap_or_else(|| format!("Price band {}", ix.0 + 1));
        let id: Rc<str> = id.into();
        self.band_index.insert_new(id.clone(), ix.0 as u32);
        self.bands.push(Band { id, name: name.into(), prices: Vec::new(), default_type: None, colour: 0 });
        Some(ix)
    }

    fn type_index_of(&mut self, id: &str, name: Option<&str>) -> Option<TicketTypeIndex> {
        if let Some(ix) = self.type_index.get(id) {
            return Some(TicketTypeIndex(ix as u16));
        }
        if self.types.len() >= MAX_ENTRIES {
            return None;
        }
        let ix = TicketTypeIndex(self.types.len() as u16);
        let name = name.map(str::to_owned).unwrap_or_else(|| format!("Ticket type {}", ix.0 + 1));
        let id: Rc<str> = id.into();
        self.type_index.insert_new(id.clone(), ix.0 as u32);
        self.types.push(TicketType { id, name: name.into() });
        Some(ix)
    }

    /// A band by index.
    pub fn band(&self, ix: BandIndex) -> &Band {
        &self.bands[ix.0 as usize]
    }

    /// A ticket type by index.
    pub fn ticket_type(&self, ix: TicketTypeIndex) -> &TicketType {
        &self.types[ix.0 as usize]
    }

    /// A band by id.
    pub fn band_by_id(&self, id: &str) -> Option<BandIndex> {
        self.band_index.get(id).map(|i| BandIndex(i as u16))
    }

    /// A ticket type by id.
    pub fn type_by_id(&self, id: &str) -> Option<TicketTypeIndex> {
        self.type_index.get(id).map(|i| TicketTypeIndex(i as u16))
    }

    /// The price of a ticket type in a band.
    pub fn price(&self, band: BandIndex, kind: TicketTypeIndex) -> Option<f64> {
        self.bands.get(band.0 as usize)?.price_of(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(json: &str) -> Result<PriceList, ApiError> {
        PriceList::build(serde_json::from_str::<wire::PriceList>(json).expect("test json"), &mut Report::default())
    }

    #[test]
    fn bands_types_and_defaults_are_read() {
        let l = list(
            r#"{"id":"P1","prices":[
            {"amount":35,"isBandDefault":true,"priceBand":{"id":"A","name":"Band A"},"ticketType":{"id":"AD","name":"Adult"}},
            {"amount":25,"isBandDefault":false,"priceBand":{"id":"A","name":"Band A"},"ticketType":{"id":"CO","name":"Concession"}},
            {"amount":20,"isBandDefault":true,"priceBand":{"id":"B","name":"Band B"},"ticketType":{"id":"AD","name":"Adult"}}]}"#,
        )
        .unwrap();
        let a = l.band_by_id("A").unwrap();
        assert_eq!(&*l.band(a).name, "Band A");
        assert_eq!(l.band(a).from_price(), Some(25.0));
        assert_eq!(l.band(a).default_type, l.type_by_id("AD"));
        assert_eq!(l.price(a, l.type_by_id("CO").unwrap()), Some(25.0));
        assert_eq!(l.band(l.band_by_id("B").unwrap()).colour, 1, "cheaper band ranks second");
    }

    #[test]
    fn names_missing_give_neutral_labels_and_ids_may_be_numbers() {
        let l = list(r#"{"prices":[{"amount":10,"priceBand":{"id":7},"ticketType":"9"},{"amount":12,"priceBand":{"id":7},"ticketType":{"id":"8"}}]}"#).unwrap();
        let b = l.band_by_id("7").unwrap();
        assert_eq!(&*l.band(b).name, "Price band 1");
        assert_eq!(&*l.ticket_type(l.type_by_id("9").unwrap()).name, "Ticket type 1");
        assert_eq!(l.band(b).default_type, l.type_by_id("8"), "no default: the dearest price");
    }

    #[test]
    fn unusable_prices_are_skipped_and_an_empty_list_is_reported() {
        for json in [
            r#"{"prices":[{"amount":null,"priceBand":{"id":"A"},"ticketType":{"id":"T"}}]}"#,
            r#"{"prices":null}"#,
            r#"{"prices":[{"amount":-1,"priceBand":{"id":"A"},"ticketType":{"id":"T"}}]}"#,
        ] {
            let mut report = Report::default();
            let l = PriceList::build(serde_json::from_str::<wire::PriceList>(json).unwrap(), &mut report).unwrap();
            assert!(l.bands.is_empty(), "{json}");
            assert!(report.summary().unwrap().contains("nothing can be bought online"), "{json}");
        }
    }
}
