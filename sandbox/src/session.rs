//! Sessions keyed by the `SpektrixSession` cookie: each has a number, an
//! optional customer, an optional basket and a last-seen time. Expiry
//! releases the session's held places and marks it expired, so a request
//! still in flight for it can no longer hold anything.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::basket::Basket;
use crate::customer::is_member;
use crate::holds::release_tickets;
use crate::ids::token;
use crate::letters::Viewer;
use crate::sync::lock;
use crate::world::World;

pub const COOKIE: &str = "SpektrixSession";

#[derive(Debug)]
pub struct Session {
    /// The cookie value.
    pub id: String,
    /// What seat tables record as the holder of this session's places.
    pub number: u64,
    /// Index into `customer::CUSTOMERS`.
    pub customer: Option<usize>,
    pub basket: Option<Basket>,
    pub last_seen: Instant,
    /// Set (under this session's lock) when it expires; nothing may be held
    /// for it afterwards.
    pub expired: bool,
}

impl Session {
    pub fn viewer(&self) -> Viewer {
        Viewer { session_number: self.number, member: is_member(self.customer) }
    }
}

pub type SessionRef = Arc<Mutex<Session>>;

#[derive(Default)]
pub struct Sessions {
    by_id: Mutex<HashMap<String, SessionRef>>,
    last_number: AtomicU64,
}

impl Sessions {
    /// Finds the live session for a cookie value and touches it, or makes a
    /// new one. Returns the session and whether it is new. A session found
    /// idle past `timeout` ends here, its seats released before the new
    /// session answers (as Spektrix's expiry would have done already),
    /// rather than at the next sweep.
    pub fn resolve(&self, cookie: Option<&str>, timeout: Duration, world: &World) -> (SessionRef, bool) {
        let now = Instant::now();
        let mut by_id = lock(&self.by_id);
        if let Some(existing) = cookie.and_then(|c| by_id.get(c)) {
            let mut session = lock(existing);
            if now.duration_since(session.last_seen) <= timeout {
                session.last_seen = now;
                drop(session);
                return (existing.clone(), false);
            }
        }
        if let Some(stale) = cookie.and_then(|c| by_id.remove(c)) {
            // Released without the map's lock held, as the sweep does.
            drop(by_id);
            end(&mut lock(&stale), world);
            by_id = lock(&self.by_id);
        }
        let id = token(32);
        let number = self.last_number.fetch_add(1, Ordering::Relaxed) + 1;
        let session = Arc::new(Mutex::new(Session {
            id: id.clone(),
            number,
            customer: None,
            basket: None,
            last_seen: now,
            expired: false,
        }));
        by_id.insert(id, session.clone());
        (session, true)
    }

    pub fn all(&self) -> Vec<SessionRef> {
        lock(&self.by_id).values().cloned().collect()
    }

    pub fn clear(&self) {
        lock(&self.by_id).clear();
    }

    /// Removes the session and releases its basket's places.
    pub fn expire(&self, id: &str, world: &World) -> bool {
        let removed = lock(&self.by_id).remove(id);
        match removed {
            Some(session) => {
                end(&mut lock(&session), world);
                true
            }
            None => false,
        }
    }

    /// Expires every session idle longer than `timeout`.
    pub fn sweep(&self, timeout: Duration, world: &World) -> usize {
        let now = Instant::now();
        let stale: Vec<String> = lock(&self.by_id)
            .iter()
            .filter(|(_, session)| now.duration_since(lock(session).last_seen) > timeout)
            .map(|(id, _)| id.clone())
            .collect();
        stale.iter().filter(|id| self.expire(id, world)).count()
    }

    pub fn expire_all(&self, world: &World) -> usize {
        let ids: Vec<String> = lock(&self.by_id).keys().cloned().collect();
        ids.iter().filter(|id| self.expire(id, world)).count()
    }
}

/// Marks the session expired, returns every place in its basket to sale and
/// empties the basket.
fn end(session: &mut Session, world: &World) {
    session.expired = true;
    let number = session.number;
    if let Some(basket) = session.basket.as_mut() {
        release_tickets(world, basket.tickets.iter(), number);
        basket.tickets.clear();
        basket.touch();
    }
}
