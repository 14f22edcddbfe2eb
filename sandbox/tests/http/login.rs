//! The loginlogout.aspx stand-in: form, labels, escaping, framing, and that
//! it logs the same session in and out.

use crate::support::*;

#[tokio::test]
async fn login_page_logs_in_and_escapes() {
    let s = start().await;
    let c = browser();
    let url = format!("{}/demotheatre/website/secure/loginlogout.aspx", s.root);
    let r = c.get(&url).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let csp = r.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains("frame-ancestors") && csp.contains("http://localhost:8080"));
    let html = r.text().await.unwrap();
    for needle in ["id=\"email\"", "id=\"password\"", "id=\"login\"", "<label for=\"email\"", "<label for=\"password\""]
    {
        assert!(html.contains(needle), "{needle}");
    }
    let evil = "<img src=x onerror=alert(1)>\"'";
    let html = c.post(&url).form(&[("email", evil), ("password", "x")]).send().await.unwrap().text().await.unwrap();
    assert!(!html.contains("<img"), "echo must be escaped");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;"));
    let html = c
        .post(&url)
        .form(&[("email", "member@example.com"), ("password", "member-demo")])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Logged in as Morgan") && html.contains("id=\"logout\""));
    let (st, v) = s.get_json(&c, "customer").await;
    assert_eq!(st, 200);
    assert_eq!(v["email"], "member@example.com");
    let html = c.post(&url).form(&[("action", "logout")]).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("id=\"login\""));
    assert_eq!(s.get_json(&c, "customer").await.0, 401);
}
