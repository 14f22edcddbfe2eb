//! The price list: price bands, ticket types and what each pair costs.
//!
//! A price is a (band, ticket type) pair. Names may be missing (the API can
//! send `{"id"}` alone): then a neutral label is used, never an error.

use crate::core::error::ApiError;
use crate::core::plan::IdIndex;
use crate::core::wire;
use std::rc::Rc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BandIx(pub u16);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeIx(pub u16);

/// How many band colours the stylesheet defines (`--seatmap-band-0` ...).
pub const PALETTE_SIZE: u16 = 8;

#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub id: Rc<str>,
    pub name: Rc<str>,
    /// Prices per ticket type, in price-list order.
    pub prices: Vec<(TypeIx, f64)>,
    pub default_type: Option<TypeIx>,
    /// Colour slot: bands ranked by price, dearest first.
    pub colour: u16,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TicketType {
    pub id: Rc<str>,
    pub name: Rc<str>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct PriceList {
    pub bands: Vec<Band>,
    pub types: Vec<TicketType>,
    band_index: IdIndex,
    type_index: IdIndex,
}

impl TryFrom<wire::PriceList> for PriceList {
    type Error = ApiError;

    fn try_from(wire: wire::PriceList) -> Result<Self, ApiError> {
        let mut list = PriceList::default();
        let mut defaults: Vec<(BandIx, TypeIx)> = Vec::new();
        for price in wire.prices.unwrap_or_default() {
            let (Some(band), Some(kind)) = (price.price_band, price.ticket_type) else { continue };
            let (Some(band_id), Some(type_id)) = (band.id, kind.id) else { continue };
            let Some(amount) = price.amount.filter(|a| a.is_finite() && *a >= 0.0) else { continue };
            let b = list.band_ix(&band_id, band.name);
            let t = list.type_ix(&type_id, kind.name);
            let entry = &mut list.bands[b.0 as usize].prices;
            if !entry.iter().any(|(existing, _)| *existing == t) {
                entry.push((t, amount));
            }
            if price.is_band_default == Some(true) && !defaults.iter().any(|(band, _)| *band == b) {
                defaults.push((b, t));
            }
        }
        if list.bands.is_empty() {
            return Err(ApiError::Invalid { what: "price list", detail: "it has no prices".into() });
        }
        for (i, band) in list.bands.iter_mut().enumerate() {
            // Without a default, the dearest price is the full-price ticket.
            band.default_type = defaults
                .iter()
                .find(|(b, _)| *b == BandIx(i as u16))
                .map(|(_, t)| *t)
                .or_else(|| band.prices.iter().max_by(|a, b| a.1.total_cmp(&b.1)).map(|(t, _)| *t));
        }
        let mut ranked: Vec<usize> = (0..list.bands.len()).collect();
        ranked.sort_by(|a, b| {
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

    pub fn price_of(&self, kind: TypeIx) -> Option<f64> {
        self.prices.iter().find(|(t, _)| *t == kind).map(|(_, a)| *a)
    }
}

impl PriceList {
    fn band_ix(&mut self, id: &str, name: Option<String>) -> BandIx {
        if let Some(ix) = self.band_index.get(id) {
            return BandIx(*ix as u16);
        }
        let ix = BandIx(self.bands.len() as u16);
        let name = name.filter(|n| !n.trim().is_empty()).unwrap_or_else(|| format!("Price band {}", ix.0 + 1));
        let id: Rc<str> = id.into();
        self.band_index.insert(id.clone(), ix.0 as u32);
        self.bands.push(Band { id, name: name.into(), prices: Vec::new(), default_type: None, colour: 0 });
        ix
    }

    fn type_ix(&mut self, id: &str, name: Option<String>) -> TypeIx {
        if let Some(ix) = self.type_index.get(id) {
            return TypeIx(*ix as u16);
        }
        let ix = TypeIx(self.types.len() as u16);
        let name = name.filter(|n| !n.trim().is_empty()).unwrap_or_else(|| format!("Ticket type {}", ix.0 + 1));
        let id: Rc<str> = id.into();
        self.type_index.insert(id.clone(), ix.0 as u32);
        self.types.push(TicketType { id, name: name.into() });
        ix
    }

    pub fn band(&self, ix: BandIx) -> &Band {
        &self.bands[ix.0 as usize]
    }

    pub fn ticket_type(&self, ix: TypeIx) -> &TicketType {
        &self.types[ix.0 as usize]
    }

    pub fn band_by_id(&self, id: &str) -> Option<BandIx> {
        self.band_index.get(id).map(|i| BandIx(*i as u16))
    }

    pub fn type_by_id(&self, id: &str) -> Option<TypeIx> {
        self.type_index.get(id).map(|i| TypeIx(*i as u16))
    }

    pub fn price(&self, band: BandIx, kind: TypeIx) -> Option<f64> {
        self.bands.get(band.0 as usize)?.price_of(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(json: &str) -> Result<PriceList, ApiError> {
        PriceList::try_from(serde_json::from_str::<wire::PriceList>(json).expect("test json"))
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
    fn unusable_prices_are_skipped_and_an_empty_list_is_an_error() {
        assert!(list(r#"{"prices":[{"amount":null,"priceBand":{"id":"A"},"ticketType":{"id":"T"}}]}"#).is_err());
        assert!(list(r#"{"prices":null}"#).is_err());
        assert!(list(r#"{"prices":[{"amount":-1,"priceBand":{"id":"A"},"ticketType":{"id":"T"}}]}"#).is_err());
    }
}
