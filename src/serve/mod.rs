//! `lianluo serve`: build a site, serve it on this computer, and rebuild it on every save.
//!
//! One file per part: the [`watcher`] turns saves into batches of changed paths; [`reload`]
//! runs the [`incremental`] builder on each batch (on its own thread) and tells open tabs
//! through the [`server`]'s event stream; [`search`] rebuilds the search index afterwards,
//! off the path to the reload; the server sends the output folder as it is on disk, with
//! the reload script and, while the content has errors, the error overlay from [`inject`]
//! added to every HTML page on the way out ([`files`] keeps requests inside the folder).
//! The output folder is always what `lianluo build` would write, so what an editor sees is
//! what gets published. Nothing in the content can stop the server: every failure becomes
//! an overlay.

mod files;
pub mod incremental;
mod inject;
mod reload;
mod search;
mod server;
mod watcher;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::sync::{broadcast, watch};

use crate::output::target;

pub use inject::EVENTS;

/// What `serve` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub site: PathBuf,
    /// The output folder (emptied and written in place; checked by the caller with
    /// [`crate::output::target::check`]); `None`: a temporary folder removed on exit.
    pub out: Option<crate::output::target::Destination>,
    pub bind: IpAddr,
    /// 0: any free port (the chosen one is printed).
    pub port: u16,
    /// The usual port, when it was taken and another one is used (said on the first line).
    pub busy_port: Option<u16>,
    pub open: bool,
    pub as_of: Option<String>,
    pub minify: bool,
    /// See [`crate::output::Options::pages_begin`].
    pub pages_begin: fn(),
}

/// What the builder thread and the server share.
#[derive(Debug)]
pub struct Shared {
    /// The folder served.
    pub out: PathBuf,
    overlay: RwLock<Option<Arc<str>>>,
    generation: AtomicU64,
    /// Events for open tabs: (`reload`, generation) after every rebuild the browser should
    /// show, (`settled`, generation) once the whole output of that generation is written,
    /// the search index last.
    pub reload: broadcast::Sender<(&'static str, u64)>,
    /// Becomes `true` when the server is stopping.
    pub stop: watch::Receiver<bool>,
    /// Answer any `Host`: `--bind` opened the server to the network on purpose.
    pub any_host: bool,
}

impl Shared {
    /// The error overlay to put on pages, if the content has errors.
    pub fn overlay(&self) -> Option<Arc<str>> {
        self.overlay.read().map_or(None, |o| o.clone())
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Set the overlay; tell open tabs to reload when it or the output `changed`.
    pub fn publish(&self, overlay: Option<String>, changed: bool) {
        let overlay: Option<Arc<str>> = overlay.map(Arc::from);
        let differs = match self.overlay.write() {
            Ok(mut o) => {
                let differs = *o != overlay;
                *o = overlay;
                differs
            }
            Err(_) => true,
        };
        if changed || differs {
            let g = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
            self.announce("reload", g);
        }
    }

    /// Tell open tabs to reload, leaving the overlay as it is.
    pub fn reload_now(&self) {
        let g = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        self.announce("reload", g);
    }

    /// Send the event `name` with `generation` to every open tab.
    pub fn announce(&self, name: &'static str, generation: u64) {
        let _ = self.reload.send((name, generation));
    }
}

/// Run the server until Ctrl-C. `Err` is a message for the terminal.
pub fn run(opts: Options) -> Result<(), String> {
    let site = opts
        .site
        .canonicalize()
        .map_err(|e| format!("{}: {e}", opts.site.display()))?;
    if !site.join("site.yaml").is_file() {
        return Err(format!(
            "no site.yaml in {}: run lianluo in a site folder, or give its path: `lianluo serve path/to/site` (`lianluo new site DIR` makes one)",
            opts.site.display()
        ));
    }
    let temporary = opts.out.is_none();
    let destination = match &opts.out {
        Some(destination) => destination.clone(),
        None => {
            let tmp = std::env::temp_dir();
            remove_stale_folders(&tmp);
            let out = tmp.join(format!("{TEMPORARY_PREFIX}{}", std::process::id()));
            target::check(&out, &site).map_err(|r| r.0)?
        }
    };
    let _lock = target::lock(&destination, None).map_err(|e| e.0)?;
    target::reset(&destination).map_err(|e| e.0)?;
    let out = destination.path.clone();
    let result = serve(&opts, &site, &out);
    if temporary {
        let _ = std::fs::remove_dir_all(&out);
        let _ = std::fs::remove_file(target::lock_path(&out));
    }
    result
}

/// The name of `serve`'s temporary output folders, before the process id.
const TEMPORARY_PREFIX: &str = "lianluo-serve-";

/// Remove the temporary output folders of servers that were killed (their process is
/// gone, and the folder carries lianluo's marker).
fn remove_stale_folders(tmp: &Path) {
    let Ok(entries) = std::fs::read_dir(tmp) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(TEMPORARY_PREFIX)
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if process_alive(pid) || !entry.path().join(target::MARKER).is_file() {
            continue;
        }
        let _ = std::fs::remove_dir_all(entry.path());
        let _ = std::fs::remove_file(target::lock_path(&entry.path()));
    }
}

/// Whether process `pid` runs (on systems without `/proc`: assumed so, nothing removed).
fn process_alive(pid: u32) -> bool {
    if !Path::new("/proc/self").exists() {
        return true;
    }
    Path::new("/proc").join(pid.to_string()).exists()
}

fn serve(opts: &Options, site: &Path, out: &Path) -> Result<(), String> {
    let (watcher, batches) = watcher::watch(site, out)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let addr = SocketAddr::new(opts.bind, opts.port);
    let listener = rt
        .block_on(tokio::net::TcpListener::bind(addr))
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let busy = opts
        .busy_port
        .map(|p| format!(" (port {p} is in use by another program)"))
        .unwrap_or_default();
    if let Some(p) = opts.busy_port {
        eprintln!(
            "port {p} is in use by another program: serving on port {} instead",
            addr.port()
        );
    }
    let (stop_tx, stop_rx) = watch::channel(false);
    let (reload_tx, _) = broadcast::channel(16);
    let shared = Arc::new(Shared {
        out: out.to_path_buf(),
        overlay: RwLock::new(None),
        generation: AtomicU64::new(0),
        reload: reload_tx,
        stop: stop_rx.clone(),
        any_host: !opts.bind.is_loopback(),
    });
    let opts_out = output_options(opts);
    let mut builder = incremental::Builder::new(site, out, opts.as_of.clone(), opts_out);
    let search = search::Worker::start(Arc::clone(&shared))?;
    eprintln!("building {} …", site.display());
    reload::once(&mut builder, &shared, &Default::default());
    reload::finish(&mut builder, &shared, &search, &|| false);
    let for_thread = Arc::clone(&shared);
    std::thread::Builder::new()
        .name("lianluo-rebuild".into())
        .spawn(move || reload::run(builder, &for_thread, &search, &batches))
        .map_err(|e| format!("cannot start the builder: {e}"))?;

    let url = format!("http://{addr}/");
    println!("serving {} at {url}{busy} (Ctrl-C to stop)", site.display());
    eprintln!(
        "watching {} for changes; output in {}",
        site.display(),
        out.display()
    );
    if opts.open {
        open_browser(&url);
    }
    let app = server::router(Arc::clone(&shared));
    rt.block_on(async move {
        let server = tokio::spawn(server::run(listener, app, stop_rx.clone()));
        interrupted().await;
        eprintln!("stopping");
        let _ = stop_tx.send(true);
        let _ = tokio::time::timeout(Duration::from_secs(3), server).await;
    });
    rt.shutdown_timeout(Duration::from_secs(1));
    drop(watcher);
    Ok(())
}

fn output_options(opts: &Options) -> crate::output::Options {
    crate::output::Options {
        minify: opts.minify,
        pages_begin: opts.pages_begin,
    }
}

/// Wait for Ctrl-C (or, on Unix, SIGTERM).
async fn interrupted() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = ctrl_c => {},
                    _ = term.recv() => {},
                }
            }
            Err(_) => ctrl_c.await,
        }
    }
    #[cfg(not(unix))]
    ctrl_c.await;
}

/// Open `url` in the default browser; failing to is not an error.
fn open_browser(url: &str) {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let spawned = cmd
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if spawned.is_err() {
        eprintln!("could not open a browser: open {url} yourself");
    }
}
