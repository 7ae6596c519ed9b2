//! `dossier serve`: a live preview for authors.
//!
//! The site is built with the same code as `build` ([`Rebuilder`]), but nothing is
//! written: each request renders the file it asks for, in memory, and `output/` is
//! never touched. After a change, the rebuilder reads and parses only changed files,
//! and rendered files are dropped from the cache, so an edit costs one page's parse
//! plus what the browser asks for next. If the change breaks the build, the last good
//! site stays served and every open page shows the errors; until a first build
//! succeeds, every page is the list of errors.
//!
//! This module keeps the served state and answers requests; [`server`] is the HTTP
//! server, [`http`] the request rules, [`live`] the reload script and events,
//! [`watch`] the file watcher.

mod http;
mod live;
mod server;
mod watch;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex, RwLock, Weak};
use std::time::Instant;

use crate::build::{Build, Changes, Options, Rebuilder};
use crate::diag::Severity;
use crate::render::{Output, Renderer};
use crate::text::escape_html;
use crate::Error;
use http::{Request, Route};
use server::Reply;

/// What `dossier serve` was asked for.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    /// Sub-path the site is served under, e.g. `/wiki/` (always `/`-delimited).
    pub base_path: String,
    pub open: bool,
    pub drafts: bool,
    /// Host names to answer besides loopback names and IP addresses (`--host`).
    pub hosts: Vec<String>,
    /// Overrides `broken_links` from `dossier.yaml`.
    pub broken_links: Option<crate::config::BrokenLinks>,
    /// Overrides `source_texts` from `dossier.yaml`.
    pub source_texts: Option<std::path::PathBuf>,
    /// Filled in by [`run`] once the port is known: the site's absolute URL.
    pub url: String,
}

/// The served site and what clients need to know about it.
struct State {
    options: ServeOptions,
    current: RwLock<Current>,
    rendered: Mutex<Rendered>,
    clients: Mutex<Vec<Sender<String>>>,
}

struct Current {
    renderer: Option<Arc<Renderer>>,
    errors: Vec<String>,
    version: u64,
}

/// Rendered files of one version of the site. A render that started before a rebuild
/// finishes after it; it is stored only if the cache is still at its version, so a
/// stale page can never outlive the rebuild (open tabs would reload forever).
#[derive(Default)]
struct Rendered {
    version: u64,
    files: HashMap<String, Arc<Vec<u8>>>,
}

impl State {
    fn state_json(&self) -> String {
        let current = self.current.read().unwrap_or_else(|e| e.into_inner());
        serde_json::json!({ "version": current.version, "errors": current.errors }).to_string()
    }

    fn broadcast(&self) {
        let message = self.state_json();
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        clients.retain(|c| c.send(message.clone()).is_ok());
    }
}

/// Builds the site, serves it, and rebuilds on every change until interrupted.
pub fn run(options: ServeOptions) -> Result<(), Error> {
    let (listener, addr) = bind(options.bind, options.port)?;
    let url = format!("http://{addr}{}", options.base_path);
    if addr.port() != options.port && options.port != 0 {
        eprintln!("port {} is in use; using {} instead", options.port, addr.port());
    }
    if !options.bind.is_loopback() {
        eprintln!("warning: serving on {} makes your drafts visible to other machines on the network", options.bind);
    }

    let mut options = options;
    options.url = url.clone();
    let state = Arc::new(State {
        options: options.clone(),
        current: RwLock::new(Current { renderer: None, errors: Vec::new(), version: 0 }),
        rendered: Mutex::new(Rendered::default()),
        clients: Mutex::new(Vec::new()),
    });
    let mut builder =
        Builder { rebuilder: Rebuilder::new(build_options(&options), true), search_warmer: search_warmer() };
    builder.rebuild(&state, &Changes::everything());
    let watcher = watch::Watch::new(&options.root)?;
    if watcher.polling {
        eprintln!("note: native file events are unavailable here; polling for changes every 0.5 s");
    }
    eprintln!("serving {url} (Ctrl-C to stop)");
    if options.open {
        open_browser(&url);
    }

    let watch_state = Arc::clone(&state);
    std::thread::spawn(move || {
        while let Some(changes) = watcher.next() {
            builder.rebuild(&watch_state, &changes);
        }
    });
    server::run(listener, Arc::new(move |request: &Request| handle(&state, request)));
    Ok(())
}

/// Opens `url` in the default browser: `start` on Windows (a built-in of cmd; its first
/// quoted argument is a window title, hence the ""), `open` on macOS, `xdg-open`
/// elsewhere. A failure is not an error: the URL is printed above anyway.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    if let Err(e) = command.arg(url).spawn() {
        eprintln!("note: could not open a browser ({e}); open {url} yourself");
    }
}

/// A thread that builds the search index of the newest renderer it is sent, on one core
/// (a rebuild in the meantime keeps the other), skipping renderers already replaced.
fn search_warmer() -> Sender<Weak<Renderer>> {
    let (tx, rx) = channel::<Weak<Renderer>>();
    std::thread::spawn(move || {
        let Ok(pool) = rayon::ThreadPoolBuilder::new().num_threads(1).build() else { return };
        while let Ok(mut newest) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                newest = newer;
            }
            if let Some(renderer) = newest.upgrade() {
                pool.install(|| renderer.prepare_search());
            }
        }
    });
    tx
}

/// Binds `port`, or the next free one of the 20 after it.
fn bind(ip: IpAddr, port: u16) -> Result<(TcpListener, SocketAddr), Error> {
    let mut last = None;
    let tries = if port == 0 { 1 } else { 20 };
    for p in (0..tries).map(|i| port.saturating_add(i)) {
        match TcpListener::bind((ip, p)) {
            Ok(l) => {
                let addr = l.local_addr().map_err(|e| Error::msg(format!("cannot serve: {e}")))?;
                return Ok((l, addr));
            }
            Err(e) => last = Some(e),
        }
    }
    let e = last.map(|e| e.to_string()).unwrap_or_default();
    Err(Error::msg(format!("cannot listen on {ip}:{port} or the {} ports after it: {e}", tries - 1)))
}

/// What `build` is asked for: the site as served, at its served URL.
fn build_options(options: &ServeOptions) -> Options {
    Options {
        root: options.root.clone(),
        drafts: options.drafts,
        base_url: Some(options.url.clone()),
        broken_links: options.broken_links,
        source_texts: options.source_texts.clone(),
    }
}

/// The rebuilds: the pipeline's [`Rebuilder`], and where each new renderer goes to have
/// its search index built in the background.
struct Builder {
    rebuilder: Rebuilder,
    search_warmer: Sender<Weak<Renderer>>,
}

impl Builder {
    fn rebuild(&mut self, state: &State, changes: &Changes) {
        let start = Instant::now();
        let outcome = self.rebuilder.rebuild(changes);
        let mut current = state.current.write().unwrap_or_else(|e| e.into_inner());
        // Dropped after the reload event is out: freeing a big site takes a while.
        let mut replaced = None;
        match outcome {
            Ok(Build { renderer: Some(renderer), diagnostics, pages, incremental, .. }) => {
                let warnings = diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
                let _ = self.search_warmer.send(Arc::downgrade(&renderer));
                replaced = current.renderer.replace(renderer);
                current.errors.clear();
                current.version += 1;
                let mut rendered = state.rendered.lock().unwrap_or_else(|e| e.into_inner());
                *rendered = Rendered { version: current.version, files: HashMap::new() };
                drop(rendered);
                eprintln!(
                    "{} {pages} pages in {:.0} ms ({warnings} warning{})",
                    if incremental { "updated" } else { "rebuilt" },
                    start.elapsed().as_secs_f64() * 1000.0,
                    if warnings == 1 { "" } else { "s" }
                );
            }
            Ok(Build { diagnostics, .. }) => {
                let errors: Vec<String> =
                    diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| d.render()).collect();
                for e in &errors {
                    eprint!("{e}");
                }
                let still = if current.renderer.is_some() {
                    "still serving the last good version"
                } else {
                    "serving the errors until they are fixed"
                };
                eprintln!("build failed: {} error(s); {still}", errors.len());
                current.errors = errors;
            }
            Err(e) => {
                eprintln!("error: {e}");
                current.errors = vec![e.to_string()];
            }
        }
        drop(current);
        state.broadcast();
        drop(replaced);
    }
}

fn handle(state: &State, request: &Request) -> Reply {
    if !http::host_allowed(request.host.as_deref(), &state.options.hosts) {
        return Reply::text(
            421,
            "this preview answers only to localhost and IP addresses (a page elsewhere may not read it); start dossier serve with --host NAME to allow NAME\n",
        );
    }
    let base = state.options.base_path.as_str();
    match http::route(&request.target, base) {
        Route::Events => {
            let (tx, rx) = channel();
            let _ = tx.send(state.state_json());
            state.clients.lock().unwrap_or_else(|e| e.into_inner()).push(tx);
            Reply::Stream(Box::new(move |out| {
                let Ok(probe) = out.try_clone() else { return };
                live::stream(&rx, out, || server::closed(&probe));
            }))
        }
        Route::Script => Reply::full(200, "text/javascript; charset=utf-8", live::SCRIPT.as_bytes().to_vec()),
        Route::RedirectToBase => Reply::Full {
            status: 301,
            headers: vec![("Location", base.to_string()), ("Cache-Control", "no-store".into())],
            body: Arc::new(Vec::new()),
        },
        Route::BadRequest => Reply::text(400, "bad request\n"),
        Route::NotFound => not_found(state),
        Route::File(path) => match file(state, &path) {
            Some((status, body)) => Reply::full(status, http::content_type(&path), body),
            None => not_found(state),
        },
    }
}

/// A rendered file (with the live script in HTML), cached until the next rebuild; the
/// list of errors while no build has succeeded yet.
fn file(state: &State, path: &str) -> Option<(u16, Arc<Vec<u8>>)> {
    let (renderer, version, errors) = {
        let current = state.current.read().unwrap_or_else(|e| e.into_inner());
        (current.renderer.clone(), current.version, current.errors.clone())
    };
    let Some(renderer) = renderer else {
        return path.ends_with(".html").then(|| (500, Arc::new(error_page(state, &errors, version))));
    };
    if let Some(hit) = state.rendered.lock().unwrap_or_else(|e| e.into_inner()).files.get(path) {
        return Some((200, Arc::clone(hit)));
    }
    let body = match renderer.render(path) {
        Ok(Some(Output::Bytes(b))) => b,
        Ok(Some(Output::File(from))) => {
            let mut bytes = Vec::new();
            // Never follow a link: an asset replaced by one since the build must not
            // serve what it points at.
            let read =
                crate::load::open_regular(&from).and_then(|mut f| std::io::Read::read_to_end(&mut f, &mut bytes));
            read.ok()?;
            bytes
        }
        Ok(None) => return None,
        Err(e) => return Some((500, Arc::new(format!("cannot render {path}: {e}\n").into_bytes()))),
    };
    let body =
        if path.ends_with(".html") { live::inject(&body, &live::tag(&state.options.base_path, version)) } else { body };
    let shared = Arc::new(body);
    let mut rendered = state.rendered.lock().unwrap_or_else(|e| e.into_inner());
    if rendered.version == version {
        rendered.files.insert(path.to_string(), Arc::clone(&shared));
    }
    Some((200, shared))
}

/// The page every HTML path shows while the site has never built: its errors, and the
/// live script, which reloads it once they are fixed.
fn error_page(state: &State, errors: &[String], version: u64) -> Vec<u8> {
    let mut html = String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>dossier: the site has errors</title>\n<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}pre{background:#2b1111;color:#ffe3e3;padding:1rem;border-radius:6px;white-space:pre-wrap}</style>\n</head>\n<body>\n<h1>The site does not build yet</h1>\n<p>Fix these and this page reloads by itself.</p>\n");
    for e in errors {
        html.push_str("<pre>");
        html.push_str(&escape_html(e));
        html.push_str("</pre>\n");
    }
    html.push_str("</body>\n</html>\n");
    live::inject(html.as_bytes(), &live::tag(&state.options.base_path, version))
}

fn not_found(state: &State) -> Reply {
    let body = file(state, "404.html").map(|(_, b)| b).unwrap_or_else(|| Arc::new(b"not found\n".to_vec()));
    Reply::full(404, "text/html; charset=utf-8", body)
}
