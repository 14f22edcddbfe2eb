//! Sessions keyed by the `SpektrixSession` cookie: each has a number, an
//! optional customer, an optional basket and a last-seen time. Expiry
//! releases the session's held seats.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::basket::Basket;
use crate::ids::token;
use crate::store::{lock, SeatState, World};

pub const COOKIE: &str = "SpektrixSession";

#[derive(Debug)]
pub struct Session {
    pub id: String,
    pub num: u64,
    pub customer: Option<usize>,
    pub basket: Option<Basket>,
    pub last_seen: Instant,
}

pub type SessionRef = Arc<Mutex<Session>>;

#[derive(Default)]
pub struct Sessions {
    map: Mutex<HashMap<String, SessionRef>>,
    next: AtomicU64,
}

impl Sessions {
    /// Finds the live session for a cookie value and touches it, or makes a
    /// new one. Returns the session and whether it is new.
    pub fn resolve(&self, cookie: Option<&str>, timeout: Duration) -> (SessionRef, bool) {
        let now = Instant::now();
        let mut map = lock(&self.map);
        if let Some(s) = cookie.and_then(|c| map.get(c)) {
            let mut g = lock(s);
            if now.duration_since(g.last_seen) <= timeout {
                g.last_seen = now;
                drop(g);
                return (s.clone(), false);
            }
        }
        let id = token(32);
        let num = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let s = Arc::new(Mutex::new(Session { id: id.clone(), num, customer: None, basket: None, last_seen: now }));
        map.insert(id, s.clone());
        (s, true)
    }

    pub fn get(&self, id: &str) -> Option<SessionRef> {
        lock(&self.map).get(id).cloned()
    }

    pub fn all(&self) -> Vec<SessionRef> {
        lock(&self.map).values().cloned().collect()
    }

    pub fn clear(&self) {
        lock(&self.map).clear();
    }

    /// Removes the session and releases its basket's places.
    pub fn expire(&self, id: &str, world: &World) -> bool {
        let s = lock(&self.map).remove(id);
        match s {
            Some(s) => {
                let mut g = lock(&s);
                release_all(&mut g, world);
                true
            }
            None => false,
        }
    }

    /// Expires every session idle longer than `timeout`.
    pub fn sweep(&self, timeout: Duration, world: &World) -> usize {
        let now = Instant::now();
        let stale: Vec<String> = lock(&self.map)
            .iter()
            .filter(|(_, s)| now.duration_since(lock(s).last_seen) > timeout)
            .map(|(k, _)| k.clone())
            .collect();
        stale.iter().filter(|id| self.expire(id, world)).count()
    }

    pub fn expire_all(&self, world: &World) -> usize {
        let ids: Vec<String> = lock(&self.map).keys().cloned().collect();
        ids.iter().filter(|id| self.expire(id, world)).count()
    }
}

/// Returns every place in the session's basket to sale and empties it.
pub fn release_all(s: &mut Session, world: &World) {
    let Some(basket) = s.basket.as_mut() else {
        return;
    };
    for t in basket.tickets.drain(..) {
        let Some(rt) = world.rt.get(t.instance) else {
            continue;
        };
        let mut st = lock(&rt.state);
        release_ticket(&mut st, &t, s.num);
    }
    basket.touch();
}

pub fn release_ticket(st: &mut crate::store::InstState, t: &crate::basket::Ticket, num: u64) {
    match t.seat {
        Some(seat) => {
            if st.seats.get(seat) == Some(&SeatState::Basket(num)) {
                st.seats[seat] = SeatState::Free;
            }
        }
        None => {
            if let Some(u) = st.unres.get_mut(&t.area) {
                if let Some(n) = u.baskets.get_mut(&num) {
                    *n = n.saturating_sub(1);
                    if *n == 0 {
                        u.baskets.remove(&num);
                    }
                }
            }
        }
    }
    st.version += 1;
}
