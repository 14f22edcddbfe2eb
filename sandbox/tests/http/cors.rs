//! CORS: allowed origins echoed with credentials; preflight allows only
//! content-type; refused origins get no CORS headers.

use crate::support::*;

#[tokio::test]
async fn allowed_and_refused_origins() {
    let s = start().await;
    let c = browser();
    let r = c.get(s.url("events")).header("origin", "http://localhost:8080").send().await.unwrap();
    let h = r.headers();
    assert_eq!(h["access-control-allow-origin"], "http://localhost:8080");
    assert_eq!(h["access-control-allow-credentials"], "true");
    assert!(h.get_all("vary").iter().any(|v| v.to_str().unwrap().contains("Origin")));
    let r = c.get(s.url("events")).header("origin", "http://evil.example").send().await.unwrap();
    assert!(r.headers().get("access-control-allow-origin").is_none());
    assert!(r.headers().get("access-control-allow-credentials").is_none());
    // Errors carry CORS too, so the widget can read them.
    let r = c.get(s.url("basket")).header("origin", "http://127.0.0.1:8080").send().await.unwrap();
    assert_eq!(r.status().as_u16(), 404);
    assert_eq!(r.headers()["access-control-allow-origin"], "http://127.0.0.1:8080");
}

#[tokio::test]
async fn preflight_allows_only_content_type() {
    let s = start_with(|c| c.origins = vec!["http://app.test".into()]).await;
    let c = browser();
    let pre = |hdrs: &'static str, origin: &'static str| {
        c.request(reqwest::Method::OPTIONS, s.url("basket/tickets"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", hdrs)
            .send()
    };
    let r = pre("content-type", "http://app.test").await.unwrap();
    assert_eq!(r.status().as_u16(), 204);
    let h = r.headers();
    assert_eq!(h["access-control-allow-origin"], "http://app.test");
    assert_eq!(h["access-control-allow-methods"], "GET, POST, DELETE");
    assert_eq!(h["access-control-allow-headers"], "content-type");
    let r = pre("content-type, x-requested-with", "http://app.test").await.unwrap();
    assert!(r.headers().get("access-control-allow-headers").is_none());
    let r = pre("content-type", "http://localhost:8080").await.unwrap();
    assert!(r.headers().get("access-control-allow-origin").is_none());
    assert!(r.headers().get("access-control-allow-methods").is_none());
}
