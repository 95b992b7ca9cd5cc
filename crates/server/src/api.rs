//! The routes of the JSON API.

use std::sync::Arc;

use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use demarche_store::{
    ActorFilter, EventFilter, QuoteFilter, SearchQuery, Store, StoreError, TimelineQuery,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::{ApiError, StorePool, DEFAULT_PAGE, MAX_PAGE};

const OPENAPI: &str = include_str!("openapi.json");

type Shared = Arc<StorePool>;

pub fn routes(pool: Shared) -> Router {
    Router::new()
        .route("/api/openapi.json", get(openapi))
        .route("/api/stats", get(stats))
        .route("/api/quotes", get(quotes))
        .route("/api/events", get(events))
        .route("/api/actors", get(actors))
        .route("/api/search", get(search))
        .route("/api/timeline", get(timeline))
        .route("/api/documents/{id}", get(document))
        .merge(crate::dashboard::routes())
        .fallback(not_found)
        .with_state(pool)
}

/// Query parameters, refused with a JSON 400 when they do not parse
/// (unknown names, text where a number belongs).
struct Params<T>(T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        Query::<T>::try_from_uri(&parts.uri)
            .map(|Query(v)| Params(v))
            .map_err(|e| ApiError {
                status: StatusCode::BAD_REQUEST,
                message: e.body_text(),
                parameter: None,
            })
    }
}

/// One page of a list.
#[derive(Serialize)]
struct Page<T> {
    items: Vec<T>,
    limit: usize,
    offset: usize,
    /// The offset of the next page, or null on the last one.
    next_offset: Option<usize>,
}

/// Checks `limit` against the API's bounds and fills in the default.
fn page_limit(limit: &mut Option<usize>) -> Result<usize, ApiError> {
    let n = limit.unwrap_or(DEFAULT_PAGE);
    if n == 0 || n > MAX_PAGE {
        return Err(ApiError::bad_parameter(
            "limit",
            format!("limit must be between 1 and {MAX_PAGE}"),
        ));
    }
    *limit = Some(n);
    Ok(n)
}

/// Runs a store query on a blocking thread.
async fn query<T: Send + 'static>(
    pool: Shared,
    f: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(move || pool.with(f))
        .await
        .map_err(|e| ApiError::internal(format!("query failed: {e}")))?
        .map_err(ApiError::from)
}

async fn paged<T: Serialize + Send + 'static>(
    pool: Shared,
    limit: usize,
    offset: Option<usize>,
    f: impl FnOnce(&Store) -> Result<Vec<T>, StoreError> + Send + 'static,
) -> Result<Response, ApiError> {
    let items = query(pool, f).await?;
    let offset = offset.unwrap_or(0);
    let next_offset = (items.len() == limit).then_some(offset + limit);
    let rows = items.len();
    let page = Page {
        items,
        limit,
        offset,
        next_offset,
    };
    json_sized(&page, rows * ROW_BYTES)
}

/// Bytes a page row usually takes in JSON (an event row: about 600).
const ROW_BYTES: usize = 768;

/// A JSON response written into a buffer sized for it up front: a page of a
/// hundred rows would otherwise grow and copy its buffer a dozen times.
fn json_sized<T: Serialize>(value: &T, size_hint: usize) -> Result<Response, ApiError> {
    let mut body = Vec::with_capacity(size_hint.max(256));
    serde_json::to_writer(&mut body, value)
        .map_err(|e| ApiError::internal(format!("cannot encode the answer: {e}")))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

async fn not_found() -> ApiError {
    ApiError::not_found("no such route (see /api/openapi.json)")
}

async fn stats(State(pool): State<Shared>) -> Result<Json<demarche_store::Stats>, ApiError> {
    Ok(Json(query(pool, |s| s.stats()).await?))
}

async fn quotes(
    State(pool): State<Shared>,
    Params(mut f): Params<QuoteFilter>,
) -> Result<impl IntoResponse, ApiError> {
    let limit = page_limit(&mut f.limit)?;
    paged(pool, limit, f.offset, move |s| s.quotes(&f)).await
}

async fn events(
    State(pool): State<Shared>,
    Params(mut f): Params<EventFilter>,
) -> Result<impl IntoResponse, ApiError> {
    let limit = page_limit(&mut f.limit)?;
    paged(pool, limit, f.offset, move |s| s.events(&f)).await
}

async fn actors(
    State(pool): State<Shared>,
    Params(mut f): Params<ActorFilter>,
) -> Result<impl IntoResponse, ApiError> {
    let limit = page_limit(&mut f.limit)?;
    paged(pool, limit, f.offset, move |s| s.actors(&f)).await
}

async fn search(
    State(pool): State<Shared>,
    Params(mut q): Params<SearchQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let limit = page_limit(&mut q.limit)?;
    paged(pool, limit, q.offset, move |s| s.search(&q)).await
}

async fn timeline(
    State(pool): State<Shared>,
    Params(t): Params<TimelineQuery>,
) -> Result<Json<Vec<demarche_store::TimelinePoint>>, ApiError> {
    Ok(Json(query(pool, move |s| s.timeline(&t)).await?))
}

async fn document(
    State(pool): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    if id.is_empty() || id.len() > 64 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ApiError::bad_parameter(
            "id",
            "a document id is a hexadecimal hash",
        ));
    }
    let wanted = id.clone();
    match query(pool, move |s| s.document(&wanted)).await? {
        Some(record) => Ok(Json(record).into_response()),
        None => Err(ApiError::not_found(format!("no document {id}"))),
    }
}
