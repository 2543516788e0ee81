//! The HTTP side of `serve`: axum on tokio, serving the output folder as it is on disk,
//! plus the live-reload event stream.
//!
//! Every HTML page is sent with the reload script (and the error overlay while the content
//! has errors) added on the way out. Folders are answered with their `index.html` (after
//! a redirect that adds the trailing `/`), misses with the site's `404.html` and status 404,
//! and refused paths (see [`files::resolve`]) the same way. Responses are built whole in
//! memory, so a client that goes away mid-response costs nothing but the dropped buffer.
//! The event stream ends when the server is asked to stop, so shutdown never waits on an
//! open tab.

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use tokio::sync::broadcast::error::RecvError;

use super::Shared;
use super::files;
use super::inject;

/// The router for `shared`.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(inject::EVENTS, get(events))
        .fallback(file)
        .with_state(shared)
}

/// `GET /__lianluo/events`: a `hello` event at once, then a `reload` event after every
/// rebuild that changed what the browser shows, and a `settled` event when the whole output
/// has caught up (see [`Shared::reload`]).
async fn events(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let rx = shared.reload.subscribe();
    let stop = shared.stop.clone();
    let hello = Event::default()
        .event("hello")
        .data(shared.generation().to_string());
    let first = futures_util::stream::once(async move { Ok::<Event, Infallible>(hello) });
    let rest = futures_util::stream::unfold((rx, stop), |(mut rx, mut stop)| async move {
        if *stop.borrow() {
            return None;
        }
        let (name, generation) = tokio::select! {
            r = rx.recv() => match r {
                Ok(ev) => ev,
                Err(RecvError::Lagged(_)) => ("reload", 0),
                Err(RecvError::Closed) => return None,
            },
            _ = stop.changed() => return None,
        };
        let ev = Event::default().event(name).data(generation.to_string());
        Some((Ok(ev), (rx, stop)))
    });
    let stream: std::pin::Pin<Box<dyn Stream<Item = Result<Event, Infallible>> + Send>> =
        Box::pin(futures_util::StreamExt::chain(first, rest));
    let mut res = Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Any other path: a file of the output folder.
async fn file(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n");
    }
    let raw = uri.path().to_owned();
    let out = shared.out.clone();
    let found = tokio::task::spawn_blocking(move || lookup(&out, &raw)).await;
    let overlay = shared.overlay();
    match found {
        Ok(Found::File(path, data)) => send(StatusCode::OK, &path, data, overlay.as_deref()),
        Ok(Found::Redirect) => {
            let mut to = format!("{}/", uri.path());
            if let Some(q) = uri.query() {
                to.push('?');
                to.push_str(q);
            }
            let mut res = plain(StatusCode::MOVED_PERMANENTLY, "moved\n");
            if let Ok(v) = HeaderValue::from_str(&to) {
                res.headers_mut().insert(header::LOCATION, v);
            }
            res
        }
        Ok(Found::Missing(Some((path, data)))) => {
            send(StatusCode::NOT_FOUND, &path, data, overlay.as_deref())
        }
        Ok(Found::Missing(None)) | Err(_) => {
            let data = inject::bare(overlay.as_deref());
            html(StatusCode::NOT_FOUND, data)
        }
    }
}

/// What a request path leads to.
enum Found {
    File(PathBuf, Vec<u8>),
    /// A folder asked for without its trailing `/`.
    Redirect,
    /// Nothing: the site's 404 page, if there is one.
    Missing(Option<(PathBuf, Vec<u8>)>),
}

fn lookup(out: &Path, raw: &str) -> Found {
    let missing = || {
        let p = out.join("404.html");
        Found::Missing(std::fs::read(&p).ok().map(|d| (p, d)))
    };
    let Some(mut path) = files::resolve(out, raw) else {
        return missing();
    };
    if path.is_dir() {
        if !raw.ends_with('/') {
            return Found::Redirect;
        }
        path.push("index.html");
    }
    // Refuse anything that resolves outside the folder (a symbolic link).
    let inside = match (path.canonicalize(), out.canonicalize()) {
        (Ok(p), Ok(o)) => p.starts_with(o),
        _ => false,
    };
    if !inside || !path.is_file() {
        return missing();
    }
    match std::fs::read(&path) {
        Ok(data) => Found::File(path, data),
        Err(_) => missing(),
    }
}

fn send(status: StatusCode, path: &Path, data: Vec<u8>, overlay: Option<&str>) -> Response {
    if files::is_html(path) {
        return html(status, inject::page(&data, overlay));
    }
    respond(status, files::mime(path), data)
}

fn html(status: StatusCode, data: Vec<u8>) -> Response {
    respond(status, "text/html; charset=utf-8", data)
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    respond(
        status,
        "text/plain; charset=utf-8",
        text.as_bytes().to_vec(),
    )
}

fn respond(status: StatusCode, mime: &'static str, data: Vec<u8>) -> Response {
    let mut res = Response::new(Body::from(data));
    *res.status_mut() = status;
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    res
}
