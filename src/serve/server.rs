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
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&shared),
            check_host,
        ))
        .with_state(shared)
}

/// How long a connection may take to send a request's headers, or stay idle between
/// requests, before it is closed.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Serve `app` on `listener` until `stop` turns true: hyper's HTTP/1 with a timer, so a
/// connection that sends its headers too slowly, or sits idle, is closed after
/// [`HEADER_TIMEOUT`] (the event stream stays open: it is a response being written).
pub async fn run(
    listener: tokio::net::TcpListener,
    app: Router,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .keep_alive(true);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors or similar: wait a little and go on.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = stopped(&mut stop) => return,
        };
        let service = TowerToHyperService::new(app.clone());
        let connection = http.serve_connection(TokioIo::new(stream), service);
        let mut stop = stop.clone();
        tokio::spawn(async move {
            let mut connection = std::pin::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                () = stopped(&mut stop) => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
        });
    }
}

/// Wait until `stop` turns true (or its sender is gone).
async fn stopped(stop: &mut tokio::sync::watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

/// Refuse requests whose `Host` is not a name of this computer, unless `--bind` opened
/// the server to the network: a page on another site could otherwise read the preview
/// through a name it points at 127.0.0.1 (DNS rebinding).
async fn check_host(
    State(shared): State<Arc<Shared>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if shared.any_host || is_loopback_host(host) {
        next.run(request).await
    } else {
        plain(
            StatusCode::MISDIRECTED_REQUEST,
            "this preview answers only to localhost and 127.0.0.1\n",
        )
    }
}

/// `localhost`, `*.localhost`, `127.x.x.x` or `[::1]`, with or without a port.
fn is_loopback_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(name, _)| name)
    };
    let name = name.to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
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
            // `//deputies` must not become `//deputies/`, which a browser reads as another
            // host: the target always starts with exactly one `/`.
            let mut to = format!("/{}/", uri.path().trim_start_matches(['/', '\\']));
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

#[cfg(test)]
mod tests {
    use super::is_loopback_host;

    #[test]
    fn only_names_of_this_computer_are_loopback_hosts() {
        for host in [
            "localhost",
            "localhost:1111",
            "127.0.0.1:1111",
            "[::1]:1111",
            "a.localhost",
            "LOCALHOST",
            "127.1.2.3",
        ] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "127.0.0.1.evil.example",
            "localhost.evil.example",
            "",
            "[::2]:1111",
            "10.0.0.1",
        ] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }
}
