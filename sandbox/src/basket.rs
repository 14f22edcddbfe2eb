//! The per-session basket: tickets, hash, JSON, and the all-or-nothing add,
//! remove and best-available operations. Instance mutexes are taken in index
//! order, so racing sessions see exactly one winner per seat.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::MutexGuard;

use serde_json::{json, Value};

use crate::customer::is_member;
use crate::decode::{BestReq, TicketReq};
use crate::errors::ApiError;
use crate::ids::{random_id, token};
use crate::model::AreaKind;
use crate::session::{release_ticket, Session};
use crate::store::{buyable, letter, lock, InstState, SeatState, World};

#[derive(Debug, Clone)]
pub struct Ticket {
    pub id: String,
    pub instance: usize,
    pub seat: Option<usize>,
    pub area: usize,
    pub band: usize,
    pub ticket_type: usize,
    pub price: f64,
}

#[derive(Debug)]
pub struct Basket {
    pub id: String,
    pub hash: String,
    pub tickets: Vec<Ticket>,
}

impl Basket {
    pub fn new() -> Basket {
        Basket { id: random_id(), hash: token(16), tickets: vec![] }
    }

    /// Marks a change: a new hash.
    pub fn touch(&mut self) {
        self.hash = token(16);
    }
}

impl Default for Basket {
    fn default() -> Self {
        Self::new()
    }
}

pub fn ticket_json(w: &World, t: &Ticket) -> Value {
    let inst = w.instances.get(t.instance);
    let plan = inst.and_then(|i| w.plans.get(i.plan));
    let seat = t.seat.and_then(|s| plan.and_then(|p| p.seats.get(s)));
    let area = plan.and_then(|p| p.areas.get(t.area));
    let band = plan.and_then(|p| p.bands.get(t.band));
    let tt = w.ticket_types.get(t.ticket_type);
    json!({
        "id": t.id,
        "seat": seat.map(|s| s.id.to_string()),
        "seatName": seat.map(|s| s.name.clone()),
        "seatingPlan": area.map(|a| a.id.clone()),
        "planName": area.map(|a| a.name.clone()),
        "band": band.map(|b| json!({"id": b.id, "name": b.name})),
        "instance": inst.map(|i| i.id.clone()),
        "type": tt.map(|t| json!({"id": t.id, "name": t.name})),
        "price": t.price,
        "total": t.price,
    })
}

pub fn basket_json(w: &World, b: &Basket) -> Value {
    let total: f64 = b.tickets.iter().map(|t| t.price).sum();
    json!({
        "id": b.id, "hash": b.hash,
        "tickets": b.tickets.iter().map(|t| ticket_json(w, t)).collect::<Vec<_>>(),
        "total": total, "ticketCount": b.tickets.len(),
    })
}

/// A place to hold, resolved against the catalog.
struct Want {
    instance: usize,
    seat: Option<usize>,
    area: usize,
    band: usize,
    ticket_type: usize,
    price: f64,
}

fn resolve(w: &World, reqs: &[TicketReq]) -> Result<(Vec<Want>, Vec<String>), ApiError> {
    let mut wants = vec![];
    let mut problems = vec![];
    let mut unknown = vec![];
    for (n, r) in reqs.iter().enumerate() {
        let n = n + 1;
        let Some(ii) = w.instance(&r.instance) else {
            problems.push(format!("Ticket {n}: instance {} was not found", r.instance));
            continue;
        };
        let Some(inst) = w.instances.get(ii) else {
            continue;
        };
        let (Some(plan), Some(pl)) = (w.plans.get(inst.plan), w.price_lists.get(inst.price_list)) else {
            continue;
        };
        let Some(tt) = w.ticket_types.iter().position(|t| t.id == r.ticket_type) else {
            problems.push(format!("Ticket {n}: ticket type {} was not found", r.ticket_type));
            continue;
        };
        let (seat, area, band) = if let Some(sid) = &r.seat {
            match sid.parse::<u64>().ok().and_then(|id| plan.seat_by_id.get(&id)) {
                Some(&s) => {
                    let seat = &plan.seats[s];
                    (Some(s), seat.area, seat.band)
                }
                None => {
                    unknown.push(format!("Seat {sid} does not exist in this instance."));
                    continue;
                }
            }
        } else {
            let aid = r.area.as_deref().unwrap_or("");
            match plan.area_by_id.get(aid).map(|&a| (a, plan.areas.get(a).map(|x| &x.kind))) {
                Some((a, Some(AreaKind::Unreserved { band, .. }))) => (None, a, *band),
                _ => {
                    problems.push(format!("Ticket {n}: seatingPlan {aid} is not an unreserved area of this instance"));
                    continue;
                }
            }
        };
        match pl.price(band, tt) {
            Some(price) => wants.push(Want { instance: ii, seat, area, band, ticket_type: tt, price }),
            None => problems.push(format!(
                "Ticket {n}: ticket type {} is not sold in price band {}",
                r.ticket_type,
                plan.bands.get(band).map(|b| b.name.as_str()).unwrap_or("?")
            )),
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    Ok((wants, unknown))
}

fn lock_all<'a>(w: &'a World, instances: &BTreeSet<usize>) -> BTreeMap<usize, MutexGuard<'a, InstState>> {
    instances.iter().filter_map(|&i| w.rt.get(i).map(|rt| (i, lock(&rt.state)))).collect()
}

/// Holds every wanted place for the session or none; returns the tickets.
fn hold(w: &World, s: &mut Session, wants: Vec<Want>, mut errors: Vec<String>) -> Result<Vec<Ticket>, ApiError> {
    let member = is_member(s.customer);
    let ids: BTreeSet<usize> = wants.iter().map(|x| x.instance).collect();
    let mut guards = lock_all(w, &ids);
    let mut seen = BTreeSet::new();
    let mut unres_want: BTreeMap<(usize, usize), u64> = BTreeMap::new();
    for x in &wants {
        let (Some(st), Some(plan)) =
            (guards.get(&x.instance), w.instances.get(x.instance).and_then(|i| w.plans.get(i.plan)))
        else {
            continue;
        };
        match x.seat {
            Some(seat) => {
                let state = st.seats.get(seat).copied().unwrap_or(SeatState::Sold);
                let ok = buyable(letter(plan, seat, state, s.num, member)) && seen.insert((x.instance, seat));
                if !ok {
                    let area = plan.areas.get(x.area).map(|a| a.name.as_str()).unwrap_or("");
                    errors.push(format!("Seat {} in {area} is no longer available.", plan.seats[seat].name));
                }
            }
            None => *unres_want.entry((x.instance, x.area)).or_default() += 1,
        }
    }
    for (&(i, a), &n) in &unres_want {
        let (Some(st), Some(plan)) = (guards.get(&i), w.instances.get(i).and_then(|x| w.plans.get(x.plan))) else {
            continue;
        };
        let left = st.unres_available(plan, a);
        if n > left {
            let name = plan.areas.get(a).map(|x| x.name.as_str()).unwrap_or("");
            errors.push(format!("Only {left} places are left in {name}; {n} were requested."));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::conflict(errors.join(" ")));
    }
    let mut added = vec![];
    for x in wants {
        let Some(st) = guards.get_mut(&x.instance) else {
            continue;
        };
        match x.seat {
            Some(seat) => st.seats[seat] = SeatState::Basket(s.num),
            None => *st.unres.entry(x.area).or_default().baskets.entry(s.num).or_default() += 1,
        }
        st.version += 1;
        added.push(Ticket {
            id: random_id(),
            instance: x.instance,
            seat: x.seat,
            area: x.area,
            band: x.band,
            ticket_type: x.ticket_type,
            price: x.price,
        });
    }
    drop(guards);
    let basket = s.basket.get_or_insert_with(Basket::new);
    basket.tickets.extend(added.iter().cloned());
    basket.touch();
    Ok(added)
}

/// `POST basket/tickets`.
pub fn add(w: &World, s: &mut Session, reqs: &[TicketReq]) -> Result<Value, ApiError> {
    let (wants, unknown) = resolve(w, reqs)?;
    let added = hold(w, s, wants, unknown)?;
    Ok(Value::Array(added.iter().map(|t| ticket_json(w, t)).collect()))
}

/// `DELETE basket/tickets?ticketIds=a,b`.
pub fn remove(w: &World, s: &mut Session, ids: &[String]) -> Result<Value, ApiError> {
    if ids.is_empty() {
        return Err(ApiError::validation(vec!["ticketIds is required".into()]));
    }
    let Some(basket) = s.basket.as_mut() else {
        return Err(ApiError::not_found("Basket"));
    };
    if let Some(missing) = ids.iter().find(|id| !basket.tickets.iter().any(|t| &t.id == *id)) {
        return Err(ApiError::not_found(&format!("Ticket {missing}")));
    }
    let (gone, keep): (Vec<Ticket>, Vec<Ticket>) = basket.tickets.drain(..).partition(|t| ids.contains(&t.id));
    basket.tickets = keep;
    basket.touch();
    for t in &gone {
        if let Some(rt) = w.rt.get(t.instance) {
            release_ticket(&mut lock(&rt.state), t, s.num);
        }
    }
    Ok(basket_json(w, basket))
}

/// `POST basket/tickets/best-available`.
pub fn best(w: &World, s: &mut Session, r: &BestReq) -> Result<Value, ApiError> {
    let Some(ii) = w.instance(&r.instance) else {
        return Err(ApiError::validation(vec![format!("Instance {} was not found", r.instance)]));
    };
    let inst = &w.instances[ii];
    let (Some(plan), Some(pl), Some(rt)) = (w.plans.get(inst.plan), w.price_lists.get(inst.price_list), w.rt.get(ii))
    else {
        return Err(ApiError::not_found("Instance"));
    };
    if !inst.overlay {
        return Err(ApiError::validation(vec!["Best available is not enabled for this instance".into()]));
    }
    let Some(tt) = w.ticket_types.iter().position(|t| t.id == r.ticket_type) else {
        return Err(ApiError::validation(vec![format!("Ticket type {} was not found", r.ticket_type)]));
    };
    let bands: Vec<usize> = r.bands.iter().filter_map(|id| plan.bands.iter().position(|b| &b.id == id)).collect();
    let areas: Vec<usize> = r.areas.iter().filter_map(|id| plan.area_by_id.get(id).copied()).collect();
    let member = is_member(s.customer);
    let pick = {
        let st = lock(&rt.state);
        let mut best: Option<(f64, &[usize])> = None;
        for run in &plan.stretches {
            if run.len() < r.quantity {
                continue;
            }
            for win in run.windows(r.quantity) {
                let mut score = 0.0;
                let mut ok = true;
                for &k in win {
                    let seat = &plan.seats[k];
                    let l = letter(plan, k, st.seats.get(k).copied().unwrap_or(SeatState::Sold), s.num, member);
                    if !matches!(l, b'A' | b'X' | b'I')
                        || pl.price(seat.band, tt).is_none()
                        || (!bands.is_empty() && !bands.contains(&seat.band))
                        || (!areas.is_empty() && !areas.iter().any(|&a| plan.area_within(seat.area, a)))
                    {
                        ok = false;
                        break;
                    }
                    score += crate::store::dist(plan.focus, (seat.ax, seat.ay)) + if l == b'I' { 200.0 } else { 0.0 };
                }
                if ok && best.as_ref().is_none_or(|b| score < b.0) {
                    best = Some((score, win));
                }
            }
        }
        best.map(|b| b.1.to_vec())
    };
    let Some(seats) = pick else {
        return Err(ApiError::conflict(format!("No {} seats together are available.", r.quantity)));
    };
    let wants = seats
        .iter()
        .filter_map(|&k| {
            let seat = plan.seats.get(k)?;
            Some(Want {
                instance: ii,
                seat: Some(k),
                area: seat.area,
                band: seat.band,
                ticket_type: tt,
                price: pl.price(seat.band, tt)?,
            })
        })
        .collect();
    // Another session may have taken one in between: `hold` re-checks.
    let added = hold(w, s, wants, vec![])?;
    Ok(Value::Array(added.iter().map(|t| ticket_json(w, t)).collect()))
}
