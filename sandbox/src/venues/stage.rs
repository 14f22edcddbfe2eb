//! The generated venues' background pictures: where the stage is, as a
//! venue's plan draws it under the seats (`backgroundImageUrl`). Each is an
//! SVG as large as the plan in plan units (the picture is placed at the
//! root area's origin at its own size), transparent but for the stage.

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::errors::ApiError;

/// Where the sandbox serves venue pictures, by file name.
pub const ROUTE: &str = "/images/plans/{file}";

/// The `backgroundImageUrl` for a generated venue ("" for any other plan):
/// relative to the custom domain, as the widget resolves it.
pub fn image_url(venue: &str) -> String {
    match picture(venue) {
        Some(_) => format!("/images/plans/{venue}.svg"),
        None => String::new(),
    }
}

/// `GET /images/plans/{venue}.svg`.
pub async fn image(Path(file): Path<String>) -> Response {
    match file.strip_suffix(".svg").and_then(picture) {
        Some(svg) => ([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "public, max-age=3600")], svg)
            .into_response(),
        None => ApiError::not_found("The picture").into_response(),
    }
}

/// A stage: (x, y, width, height) in plan units, and the picture's size.
struct Layout {
    size: (u32, u32),
    stage: (u32, u32, u32, u32),
    /// A thrust or apron in front of the stage, if any.
    apron: Option<(u32, u32, u32, u32)>,
}

fn layout(venue: &str) -> Option<Layout> {
    Some(match venue {
        // Seats curve round a thrust stage at the top (studio.rs: the focus at 440,60).
        "studio" => Layout { size: (760, 400), stage: (300, 10, 280, 60), apron: Some((360, 70, 160, 45)) },
        // A proscenium stage above the Stalls (theatre.rs: rows start near y 300).
        "theatre" => Layout { size: (1200, 1650), stage: (330, 70, 540, 120), apron: Some((420, 190, 360, 40)) },
        // An end stage at the top of the standing floor (arena.rs: the floor from 1900,2050).
        "arena" => Layout { size: (5200, 5200), stage: (2150, 1790, 900, 220), apron: None },
        _ => return None,
    })
}

fn picture(venue: &str) -> Option<String> {
    let l = layout(venue)?;
    let (x, y, w, h) = l.stage;
    let apron = l
        .apron
        .map(|(ax, ay, aw, ah)| {
            format!(r##"<rect x="{ax}" y="{ay}" width="{aw}" height="{ah}" rx="12" fill="#5f6368"/>"##)
        })
        .unwrap_or_default();
    let font = (h as f64 * 0.35).round();
    Some(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{sw}" height="{sh}" viewBox="0 0 {sw} {sh}">{apron}<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="10" fill="#3c4043"/><text x="{tx}" y="{ty}" font-family="sans-serif" font-size="{font}" font-weight="700" letter-spacing="6" fill="#ffffff" text-anchor="middle" dominant-baseline="central">STAGE</text></svg>"##,
        sw = l.size.0,
        sh = l.size.1,
        tx = x + w / 2,
        ty = y + h / 2,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_venues_have_a_stage_and_other_plans_none() {
        for venue in ["studio", "theatre", "arena"] {
            let svg = picture(venue).expect("a picture");
            assert!(svg.starts_with("<svg ") && svg.contains("STAGE"), "{venue}");
            assert_eq!(image_url(venue), format!("/images/plans/{venue}.svg"));
        }
        assert_eq!(image_url("file"), "");
        assert!(picture("../etc/passwd").is_none());
    }
}
