//! The `GET instances/{id}/status/detail` body: each leaf area with its
//! seats' letters per price band (and, asked for, their locks), written by
//! hand for speed and cached per distinct view. The control API can switch
//! it to XML or plain text, to test a client against a body it cannot read.

use std::fmt::Write as _;
use std::sync::Arc;

use serde_json::Value;

use crate::availability::View;
use crate::detail_cache::RenderedDetail;
use crate::letters::Letter;
use crate::live::LiveInstance;
use crate::model::{AreaKind, Instance, Plan};

/// The content type `status/detail` answers in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DetailFormat {
    #[default]
    Json,
    Xml,
    Text,
}

impl DetailFormat {
    pub fn parse(name: &str) -> Option<DetailFormat> {
        match name.to_ascii_lowercase().as_str() {
            "json" => Some(DetailFormat::Json),
            "xml" => Some(DetailFormat::Xml),
            "text" => Some(DetailFormat::Text),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            DetailFormat::Json => "json",
            DetailFormat::Xml => "xml",
            DetailFormat::Text => "text",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            DetailFormat::Json => "application/json; charset=utf-8",
            DetailFormat::Xml => "text/xml; charset=utf-8",
            DetailFormat::Text => "text/plain; charset=utf-8",
        }
    }
}

/// The JSON body for a view, from the performance's cache when possible.
pub fn cached_json(
    instance: &Instance,
    plan: &Plan,
    live: &LiveInstance,
    view: &View,
    lock_information: bool,
) -> Arc<RenderedDetail> {
    live.detail_cache
        .get_or_render(view.cache_key(lock_information), || render_json(instance, plan, view, lock_information))
}

fn js(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Seats of `area` in price band `band`, in plan order.
fn seats_in_band<'p>(plan: &'p Plan, area: &'p [usize], band: usize) -> impl Iterator<Item = usize> + 'p {
    area.iter().copied().filter(move |&s| plan.seats.get(s).is_some_and(|seat| seat.band == band))
}

pub fn render_json(instance: &Instance, plan: &Plan, view: &View, lock_information: bool) -> String {
    let mut out = String::with_capacity(64 + plan.seats.len() * 32);
    let _ = write!(out, "{{\"instance\":{},\"areas\":[", js(&instance.id));
    for (k, &a) in plan.leaves.iter().enumerate() {
        let Some(area) = plan.areas.get(a) else {
            continue;
        };
        if k > 0 {
            out.push(',');
        }
        let _ = write!(out, "{{\"id\":{},\"name\":{}", js(&area.id), js(&area.name));
        if let AreaKind::Unreserved { capacity, band, .. } = area.kind {
            let (available, mine) = view.unreserved.get(&a).copied().unwrap_or((0, 0));
            let band_id = plan.bands.get(band).map(|b| b.id.as_str()).unwrap_or("");
            let _ = write!(
                out,
                ",\"capacity\":{capacity},\"available\":{available},\"inBasket\":{mine},\"bands\":[{{\"priceBand\":{{\"id\":{}}},\"seats\":[]}}]",
                js(band_id)
            );
            if lock_information {
                out.push_str(",\"lockTypes\":[]");
            }
            out.push('}');
            continue;
        }
        out.push_str(",\"bands\":[");
        let mut used_locks: Vec<usize> = vec![];
        let mut first_band = true;
        for (b, band) in plan.bands.iter().enumerate() {
            let mut seats = seats_in_band(plan, &area.seats, b).peekable();
            if seats.peek().is_none() {
                continue;
            }
            if !first_band {
                out.push(',');
            }
            first_band = false;
            let _ = write!(out, "{{\"priceBand\":{{\"id\":{}}},\"seats\":[", js(&band.id));
            for (j, s) in seats.enumerate() {
                let Some(seat) = plan.seats.get(s) else {
                    continue;
                };
                let letter = view.letters.get(s).copied().unwrap_or(Letter::Unavailable);
                if j > 0 {
                    out.push(',');
                }
                let _ = write!(out, "{{\"id\":\"{}\",\"status\":\"{}\"", seat.id, letter.wire());
                if lock_information && letter.names_lock() {
                    // A lock without an id (a replayed `W`, `I` or `X` seat
                    // that named none) decides the letter but is never shown.
                    let named = seat.lock.and_then(|l| plan.lock_types.get(l).map(|t| (l, t)));
                    if let Some((index, lock_type)) = named.filter(|(_, t)| !t.id.is_empty()) {
                        let _ = write!(out, ",\"lockType\":{}", js(&lock_type.id));
                        if !used_locks.contains(&index) {
                            used_locks.push(index);
                        }
                    }
                    if letter == Letter::Info {
                        if let Some(info) = &seat.info {
                            let _ = write!(out, ",\"info\":{}", js(info));
                        }
                    }
                }
                out.push('}');
            }
            out.push_str("]}");
        }
        out.push(']');
        if lock_information {
            out.push_str(",\"lockTypes\":[");
            used_locks.sort_unstable();
            // A replayed lock id can stand for two kinds (its seats' letters
            // differ); it is described once.
            let mut written: Vec<&str> = vec![];
            for &index in &used_locks {
                let Some(lock_type) = plan.lock_types.get(index) else {
                    continue;
                };
                if written.contains(&lock_type.id.as_str()) {
                    continue;
                }
                if !written.is_empty() {
                    out.push(',');
                }
                written.push(&lock_type.id);
                let _ = write!(
                    out,
                    "{{\"id\":{},\"name\":{},\"description\":{}}}",
                    js(&lock_type.id),
                    js(&lock_type.name),
                    js(&lock_type.description)
                );
            }
            out.push(']');
        }
        out.push('}');
    }
    out.push_str("]}");
    out
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The same letters as XML, as an older or misconfigured server might send.
pub fn render_xml(instance: &Instance, plan: &Plan, view: &View) -> String {
    let mut out = String::with_capacity(64 + plan.seats.len() * 40);
    let _ = writeln!(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    let _ = writeln!(out, "<StatusDetail instance=\"{}\">", xml_escape(&instance.id));
    for &a in &plan.leaves {
        let Some(area) = plan.areas.get(a) else {
            continue;
        };
        let _ = write!(out, "  <Area id=\"{}\" name=\"{}\"", xml_escape(&area.id), xml_escape(&area.name));
        if let AreaKind::Unreserved { capacity, .. } = area.kind {
            let (available, mine) = view.unreserved.get(&a).copied().unwrap_or((0, 0));
            let _ = writeln!(out, " capacity=\"{capacity}\" available=\"{available}\" inBasket=\"{mine}\"/>");
            continue;
        }
        out.push_str(">\n");
        for (b, band) in plan.bands.iter().enumerate() {
            let mut seats = seats_in_band(plan, &area.seats, b).peekable();
            if seats.peek().is_none() {
                continue;
            }
            let _ = writeln!(out, "    <Band priceBand=\"{}\">", xml_escape(&band.id));
            for s in seats {
                let letter = view.letters.get(s).copied().unwrap_or(Letter::Unavailable);
                let id = plan.seats.get(s).map(|seat| seat.id).unwrap_or_default();
                let _ = writeln!(out, "      <Seat id=\"{id}\" status=\"{}\"/>", letter.wire());
            }
            out.push_str("    </Band>\n");
        }
        out.push_str("  </Area>\n");
    }
    out.push_str("</StatusDetail>\n");
    out
}

/// The same letters as plain text: one `seat-id letter` line per seat under
/// a line per area.
pub fn render_text(instance: &Instance, plan: &Plan, view: &View) -> String {
    let mut out = String::with_capacity(64 + plan.seats.len() * 10);
    let _ = writeln!(out, "instance {}", instance.id);
    for &a in &plan.leaves {
        let Some(area) = plan.areas.get(a) else {
            continue;
        };
        if let AreaKind::Unreserved { capacity, .. } = area.kind {
            let (available, _) = view.unreserved.get(&a).copied().unwrap_or((0, 0));
            let _ = writeln!(out, "area {} {}: {available} of {capacity} available", area.id, area.name);
            continue;
        }
        let _ = writeln!(out, "area {} {}", area.id, area.name);
        for &s in &area.seats {
            let letter = view.letters.get(s).copied().unwrap_or(Letter::Unavailable);
            let id = plan.seats.get(s).map(|seat| seat.id).unwrap_or_default();
            let _ = writeln!(out, "{id} {}", letter.wire());
        }
    }
    out
}

/// Reads a format from a control request body's `format`.
pub fn format_from(body: &Value) -> Option<DetailFormat> {
    body.get("format").and_then(Value::as_str).and_then(DetailFormat::parse)
}
