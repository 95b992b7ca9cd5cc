use demarche_actors::{annotate, resolve_at, ActorKb};
use demarche_model::{Document, Span};

#[test]
fn kremlin_and_putin_are_coded() {
    let text = "The Kremlin said on Tuesday that Putin would travel to Tehran.";
    let mut doc = Document::new("t", text.into());
    doc.published = chrono::NaiveDate::from_ymd_opt(2024, 2, 6);
    annotate(&mut doc, ActorKb::embedded());
    let codes: Vec<_> = doc
        .entities
        .iter()
        .map(|e| {
            (
                doc.slice(e.span).to_string(),
                e.actor.as_ref().and_then(|a| a.code.clone()),
            )
        })
        .collect();
    assert_eq!(codes[0], ("Kremlin".into(), Some("RUSGOV".into())));
    let p = text.find("Putin").unwrap();
    let m = resolve_at(&doc, ActorKb::embedded(), Span::new(p, p + 5)).unwrap();
    assert_eq!(m.code.as_deref(), Some("RUSGOV"));
}

#[test]
fn the_knowledge_base_can_be_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<ActorKb>();
}
