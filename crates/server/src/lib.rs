//! `demarche serve`: a read-only JSON API over a store.
//!
//! Every route answers GET only. Queries run on a small pool of read-only
//! SQLite connections in blocking threads, so a slow query never stalls the
//! async runtime. Requests are bounded (body size, time, concurrency, page
//! size); a parameter the API cannot use is a 400 with a JSON error body.

mod api;
mod dashboard;
mod error;
mod pool;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::http::{header, HeaderValue, StatusCode};
use axum::Router;
use tower::limit::ConcurrencyLimitLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub use error::ApiError;
pub use pool::StorePool;

/// The largest page a client may ask for (`limit`).
pub const MAX_PAGE: usize = 500;
/// The page size when a client gives no `limit`.
pub const DEFAULT_PAGE: usize = 50;
/// The default address: loopback only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// Only what the page itself serves; the API answers JSON.
const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; \
     base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

#[derive(Clone, Debug)]
pub struct ServerConfig {
    pub db: PathBuf,
    pub addr: SocketAddr,
    /// Longest time one request may take.
    pub request_timeout: Duration,
    /// Largest request body accepted (the API takes none).
    pub max_body_bytes: usize,
    /// Requests handled at once; more wait.
    pub max_concurrent: usize,
}

impl ServerConfig {
    pub fn new(db: impl Into<PathBuf>, addr: SocketAddr) -> ServerConfig {
        ServerConfig {
            db: db.into(),
            addr,
            request_timeout: Duration::from_secs(10),
            max_body_bytes: 16 * 1024,
            max_concurrent: 64,
        }
    }
}

/// The application: every route with its limits and headers.
pub fn router(pool: Arc<StorePool>, config: &ServerConfig) -> Router {
    api::routes(pool)
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(RequestBodyLimitLayer::new(config.max_body_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            config.request_timeout,
        ))
        .layer(ConcurrencyLimitLayer::new(config.max_concurrent))
}

/// Serves until Ctrl-C. The store must exist (it is opened read-only).
pub async fn serve(config: ServerConfig) -> anyhow::Result<()> {
    let pool = Arc::new(StorePool::open(&config.db)?);
    let app = router(pool, &config);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.addr))?;
    let local = listener.local_addr()?;
    if !local.ip().is_loopback() {
        eprintln!("warning: listening on {local}, reachable from other machines");
    }
    eprintln!(
        "demarche: serving {} on http://{local}/ (Ctrl-C stops)",
        config.db.display()
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("server stopped")?;
    Ok(())
}

/// [`serve`] on a runtime of its own, for callers that are not async.
pub fn serve_blocking(config: ServerConfig) -> anyhow::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(serve(config))
}
