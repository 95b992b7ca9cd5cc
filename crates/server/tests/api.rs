use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use demarche_model::{Document, Event, Mention, Mode, Quote, QuoteKind, Record, Span};
use demarche_server::{router, ServerConfig, StorePool, MAX_PAGE};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

fn span_of(doc: &Document, needle: &str) -> Span {
    let s = doc.text.find(needle).expect("needle in text");
    Span::new(s, s + needle.len())
}

/// A short story of our own: a foreign minister rejecting a proposal.
fn record() -> Record {
    let text =
        "Talks stall\nForeign Minister Lena Varga rejected the Austrian proposal on Friday. \
        “We cannot accept these terms,” Varga said in Budapest.";
    let mut doc = Document::new("https://news.example/talks", text.to_string());
    doc.title = Some("Talks stall".into());
    doc.published = chrono::NaiveDate::from_ymd_opt(2024, 11, 8);
    let varga = |words: &str| Mention {
        span: span_of(&doc, words),
        name: Some("Lena Varga".into()),
        code: Some("HUNGOV".into()),
        entity: None,
    };
    let quote_speaker = varga("Varga said");
    let source = varga("Lena Varga");
    doc.quotes.push(Quote {
        span: span_of(&doc, "We cannot accept these terms,"),
        kind: QuoteKind::Direct,
        cue: Some(span_of(&doc, "said")),
        speaker: Some(quote_speaker),
    });
    doc.events.push(Event {
        source: Some(source),
        target: Some(Mention {
            span: span_of(&doc, "Austrian"),
            name: Some("Austria".into()),
            code: Some("AUT".into()),
            entity: None,
        }),
        cameo: "125".into(),
        plover: "REJECT".into(),
        quad_class: 3,
        goldstein: -5.0,
        mode: Mode::Asserted,
        trigger: span_of(&doc, "rejected"),
        evidence: span_of(
            &doc,
            "Foreign Minister Lena Varga rejected the Austrian proposal on Friday.",
        ),
        date: Some("2024-11-08".into()),
        date_span: None,
        quote: None,
    });
    Record::from_document(&doc)
}

struct App {
    _dir: tempfile::TempDir,
    router: axum::Router,
    doc_id: String,
}

fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("api.db");
    let r = record();
    demarche_store::Store::open(&path)
        .unwrap()
        .insert_record(&r)
        .unwrap();
    let config = ServerConfig::new(&path, "127.0.0.1:0".parse().unwrap());
    let pool = Arc::new(StorePool::open(&path).unwrap());
    App {
        _dir: dir,
        router: router(pool, &config),
        doc_id: r.doc_id,
    }
}

async fn get(app: &App, uri: &str) -> (StatusCode, axum::http::HeaderMap, Value) {
    let response = app
        .router
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = serde_json::from_slice(&bytes)
        .unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into()));
    (status, headers, body)
}

#[tokio::test]
async fn lists_filter_and_page() {
    let app = app();
    let (status, headers, body) = get(&app, "/api/events?source=HUN&target=AUT&limit=10").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.get("content-security-policy").is_some());
    assert_eq!(body["items"][0]["cameo"], "125");
    assert_eq!(body["items"][0]["origin"], "https://news.example/talks");
    assert_eq!(body["next_offset"], Value::Null);
    let (_, _, none) = get(&app, "/api/events?source=AUT").await;
    assert_eq!(none["items"].as_array().unwrap().len(), 0);
    let (_, _, quotes) = get(&app, "/api/quotes?speaker=varga").await;
    assert_eq!(quotes["items"][0]["text"], "We cannot accept these terms,");
    let (_, _, hits) = get(&app, "/api/search?q=austrian%20proposal").await;
    assert_eq!(hits["items"][0]["kind"], "document");
    let (_, _, stats) = get(&app, "/api/stats").await;
    assert_eq!(
        (stats["documents"].as_i64(), stats["events"].as_i64()),
        (Some(1), Some(1))
    );
    let (_, _, timeline) = get(&app, "/api/timeline?source=HUN&target=AUT&by=week").await;
    assert_eq!(timeline[0]["period"], "2024-11-04");
}

#[tokio::test]
async fn bad_parameters_are_json_400s() {
    let app = app();
    for uri in [
        "/api/events?root=abc",
        "/api/events?limit=lots",
        "/api/events?sorce=RUS",
        "/api/quotes?since=yesterday",
        "/api/search",
        "/api/timeline?source=RUS",
        "/api/timeline?source=RUS&target=USA&by=day",
        "/api/documents/not-hex",
    ] {
        let (status, _, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(body["error"].is_string(), "{uri}: {body}");
    }
    let (status, _, body) = get(&app, &format!("/api/events?limit={}", MAX_PAGE + 1)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["parameter"], "limit");
}

#[tokio::test]
async fn documents_carry_text_and_spans() {
    let app = app();
    let (status, _, doc) = get(&app, &format!("/api/documents/{}", app.doc_id)).await;
    assert_eq!(status, StatusCode::OK);
    let text: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    let span = &doc["events"][0]["trigger"]["span"];
    let (a, b) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    assert_eq!(text[a..b].iter().collect::<String>(), "rejected");
    let (status, _, _) = get(&app, "/api/documents/00ff").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn openapi_describes_every_route_and_home_is_a_page() {
    let app = app();
    let (status, _, spec) = get(&app, "/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    for path in [
        "/api/stats",
        "/api/quotes",
        "/api/events",
        "/api/actors",
        "/api/search",
        "/api/timeline",
    ] {
        assert!(spec["paths"][path].is_object(), "{path} undocumented");
        let (status, _, _) = get(&app, &format!("{path}?source=HUN&target=AUT&q=talks")).await;
        // Routes that take none of these parameters refuse them: the route exists either way.
        assert_ne!(status, StatusCode::NOT_FOUND, "{path}");
    }
    let (status, headers, body) = get(&app, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(
        body.as_str().unwrap().contains("/assets/app.js"),
        "the dashboard page loads its script"
    );
    let (status, _, body) = get(&app, "/nope").await;
    assert_eq!(
        (status, body["error"].is_string()),
        (StatusCode::NOT_FOUND, true)
    );
}

#[tokio::test]
async fn writes_are_refused() {
    let app = app();
    let request = Request::post("/api/events").body(Body::from("x")).unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
}
