//! `dossier serve`: a live preview for authors.
//!
//! The site is built with the same code as `build` (load → parse → resolve → a
//! [`Renderer`]), but nothing is written: each request renders the file it asks for,
//! in memory, and `output/` is never touched. After a change, only changed files are
//! read and parsed again (the [`PageCache`]), the site is resolved anew, and rendered
//! files are dropped from the cache, so an edit costs one page's parse plus what the
//! browser asks for next. If the change breaks the build, the last good site stays
//! served and every open page shows the errors.

mod http;
mod live;
mod watch;

use std::collections::HashMap;
use std::io::{Cursor, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex, RwLock, Weak};
use std::time::Instant;

use tiny_http::{Header, Request, Response, Server};

use crate::build::{self, Options, PageCache};
use crate::diag::{Diagnostic, Severity};
use crate::model::Site;
use crate::render::{theme::Theme, Output, Renderer};
use crate::Error;
use http::Route;

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
    /// Filled in by [`run`] once the port is known: the site's absolute URL.
    pub url: String,
}

/// The served site and what clients need to know about it.
struct State {
    options: ServeOptions,
    current: RwLock<Current>,
    rendered: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    clients: Mutex<Vec<Sender<String>>>,
}

struct Current {
    renderer: Option<Arc<Renderer>>,
    errors: Vec<String>,
    version: u64,
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
    let server = Server::from_listener(listener, None).map_err(|e| Error::msg(format!("cannot serve: {e}")))?;
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
        rendered: Mutex::new(HashMap::new()),
        clients: Mutex::new(Vec::new()),
    });
    let mut builder = Builder {
        options: options.clone(),
        cache: PageCache::default(),
        theme: None,
        last: None,
        search_warmer: search_warmer(),
        renderer: None,
    };
    builder.rebuild(&state, &watch::Changes { theme_or_config: true, ..Default::default() });
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

    // A fixed set of workers answers requests (a thread per request let memory follow
    // the load); an event stream, open as long as its tab, gets a thread of its own.
    let server = Arc::new(server);
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (server, state) = (Arc::clone(&server), Arc::clone(&state));
            std::thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    handle(&state, request);
                }
            })
        })
        .collect();
    for worker in workers {
        let _ = worker.join();
    }
    Ok(())
}

/// Threads answering requests. Rendering a page takes milliseconds, and a preview has
/// one reader; more would only add memory.
const WORKERS: usize = 8;

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
                // Responses go out as a header write and a body write; with Nagle's
                // algorithm on, the body waits for the browser's delayed ACK (40 ms).
                let _ = socket2::SockRef::from(&l).set_tcp_nodelay(true);
                let addr = l.local_addr().map_err(|e| Error::msg(format!("cannot serve: {e}")))?;
                return Ok((l, addr));
            }
            Err(e) => last = Some(e),
        }
    }
    let e = last.map(|e| e.to_string()).unwrap_or_default();
    Err(Error::msg(format!("cannot listen on {ip}:{port} or the {} ports after it: {e}", tries - 1)))
}

/// Keeps what survives between rebuilds: parsed pages, the loaded theme, and the last
/// resolved site with the diagnostics that did not come from resolve (config, parse).
struct Builder {
    options: ServeOptions,
    cache: PageCache,
    theme: Option<Arc<Theme>>,
    last: Option<(Arc<Site>, Vec<Diagnostic>)>,
    /// Where each new renderer goes to have its search index built in the background.
    search_warmer: Sender<Weak<Renderer>>,
    /// The renderer of the last site, if it built: a body-only update reuses its
    /// navigation and output paths.
    renderer: Option<Arc<Renderer>>,
}

/// A finished rebuild: the renderer to serve, or the errors that prevent it.
type Outcome = Result<Result<(Arc<Renderer>, usize), Vec<String>>, Error>;

impl Builder {
    fn build_options(&self) -> Options {
        Options {
            root: self.options.root.clone(),
            drafts: self.options.drafts,
            base_url: Some(self.options.url.clone()),
        }
    }

    fn rebuild(&mut self, state: &State, changes: &watch::Changes) {
        let start = Instant::now();
        let (outcome, how) = match self.incremental(changes) {
            Some(outcome) => (outcome, "updated"),
            None => (self.full(changes.theme_or_config), "rebuilt"),
        };
        let mut current = state.current.write().unwrap_or_else(|e| e.into_inner());
        // Dropped after the reload event is out: freeing a big site takes a while.
        let mut replaced = None;
        match outcome {
            Ok(Ok((renderer, warnings))) => {
                let pages = renderer.site().pages.len();
                let _ = self.search_warmer.send(Arc::downgrade(&renderer));
                replaced = current.renderer.replace(renderer);
                current.errors.clear();
                current.version += 1;
                state.rendered.lock().unwrap_or_else(|e| e.into_inner()).clear();
                eprintln!(
                    "{how} {pages} pages in {:.0} ms ({warnings} warning{})",
                    start.elapsed().as_secs_f64() * 1000.0,
                    if warnings == 1 { "" } else { "s" }
                );
            }
            Ok(Err(errors)) => {
                for e in &errors {
                    eprint!("{e}");
                }
                eprintln!("build failed: {} error(s); still serving the last good version", errors.len());
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

    /// Loads, parses and resolves everything (parsing only files that changed).
    fn full(&mut self, reload_theme: bool) -> Outcome {
        let loaded = build::load_cached(&self.build_options(), &mut self.cache)?;
        let site = Arc::new(loaded.site);
        let base = loaded.before_resolve;
        if reload_theme || self.theme.is_none() {
            self.theme = Some(Arc::new(Theme::load(&self.options.root, &site.config.theme, &site.config.language)?));
        }
        self.last = Some((Arc::clone(&site), base));
        self.renderer = None;
        self.finish(site)
    }

    /// The fast path for edits to the text of existing notes: reparse those files and
    /// update the last site in place. `None` when the change needs a full rebuild.
    fn incremental(&mut self, changes: &watch::Changes) -> Option<Outcome> {
        if changes.theme_or_config || changes.paths.is_empty() {
            return None;
        }
        let (last, base) = self.last.as_ref()?;
        if !changes.paths.iter().all(|rel| rel.ends_with(".md") && self.cache.contains(rel)) {
            return None;
        }
        let options = self.build_options();
        let mut site = Site::clone(last);
        let mut base = base.clone();
        for rel in &changes.paths {
            let (page, parse_problems) = self.cache.reparse(&options, site.config.raw_html, rel)?;
            base.retain(|d| d.path != page.file);
            base.extend(parse_problems);
            if page.meta.draft && !options.drafts || !crate::resolve::incremental::update(&mut site, page) {
                return None;
            }
        }
        let site = Arc::new(site);
        self.last = Some((Arc::clone(&site), base));
        Some(self.finish(site))
    }

    fn finish(&mut self, site: Arc<Site>) -> Outcome {
        let (_, base) = self.last.as_ref().ok_or_else(|| Error::msg("no site"))?;
        let mut all: Vec<Diagnostic> = base.iter().chain(site.problems.all()).cloned().collect();
        crate::diag::sort(&mut all);
        all.dedup();
        let errors: Vec<String> = all.iter().filter(|d| d.severity == Severity::Error).map(|d| d.render()).collect();
        if !errors.is_empty() {
            self.renderer = None;
            return Ok(Err(errors));
        }
        let warnings = all.iter().filter(|d| d.severity == Severity::Warning).count();
        let renderer = Arc::new(match self.renderer.take() {
            Some(last) => last.with_new_bodies(site),
            None => Renderer::new(site, self.theme.clone().ok_or_else(|| Error::msg("theme not loaded"))?),
        });
        self.renderer = Some(Arc::clone(&renderer));
        Ok(Ok((renderer, warnings)))
    }
}

fn handle(state: &State, request: Request) {
    if !http::headers_ok(request.headers().iter().map(|h| (h.field.as_str().as_str().len(), h.value.as_str().len()))) {
        let _ = request.respond(bytes(431, "text/plain; charset=utf-8", b"request header fields too large\n".to_vec()));
        return;
    }
    let base = state.options.base_path.as_str();
    let response = match http::route(request.url(), base) {
        Route::Events => {
            let (tx, rx) = channel();
            let _ = tx.send(state.state_json());
            state.clients.lock().unwrap_or_else(|e| e.into_inner()).push(tx);
            // Written by hand, flushing every event: a buffered response would hold
            // events back until its buffer filled. On a thread of its own, so an open
            // tab does not hold a worker.
            let mut out = request.into_writer();
            std::thread::spawn(move || {
                let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
                if out.write_all(head.as_bytes()).and_then(|_| out.flush()).is_err() {
                    return;
                }
                let mut events = live::EventStream::new(rx);
                let mut buf = [0u8; 4096];
                while let Ok(n) = events.read(&mut buf) {
                    if n == 0 || out.write_all(&buf[..n]).and_then(|_| out.flush()).is_err() {
                        break;
                    }
                }
            });
            return;
        }
        Route::Script => bytes(200, "text/javascript; charset=utf-8", live::SCRIPT.as_bytes().to_vec()),
        Route::RedirectToBase => {
            Response::from_data(Vec::new()).with_status_code(301).with_header(header("Location", base))
        }
        Route::BadRequest => bytes(400, "text/plain; charset=utf-8", b"bad request\n".to_vec()),
        Route::NotFound => not_found(state),
        Route::File(path) => match file(state, &path) {
            Some((status, body)) => bytes(status, http::content_type(&path), body),
            None => not_found(state),
        },
    };
    let _ = request.respond(response);
}

/// A rendered file (with the live script in HTML), cached until the next rebuild.
fn file(state: &State, path: &str) -> Option<(u16, Vec<u8>)> {
    let (renderer, version) = {
        let current = state.current.read().unwrap_or_else(|e| e.into_inner());
        (current.renderer.clone()?, current.version)
    };
    if let Some(hit) = state.rendered.lock().unwrap_or_else(|e| e.into_inner()).get(path) {
        return Some((200, hit.to_vec()));
    }
    let body = match renderer.render(path) {
        Ok(Some(Output::Bytes(b))) => b,
        Ok(Some(Output::File(from))) => std::fs::read(from).ok()?,
        Ok(None) => return None,
        Err(e) => return Some((500, format!("cannot render {path}: {e}\n").into_bytes())),
    };
    let body =
        if path.ends_with(".html") { live::inject(&body, &live::tag(&state.options.base_path, version)) } else { body };
    let shared = Arc::new(body);
    state.rendered.lock().unwrap_or_else(|e| e.into_inner()).insert(path.to_string(), Arc::clone(&shared));
    Some((200, shared.to_vec()))
}

fn not_found(state: &State) -> Response<Cursor<Vec<u8>>> {
    let body = file(state, "404.html").map(|(_, b)| b).unwrap_or_else(|| b"not found\n".to_vec());
    bytes(404, "text/html; charset=utf-8", body)
}

fn bytes(status: u16, content_type: &str, body: Vec<u8>) -> Response<Cursor<Vec<u8>>> {
    Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
}

/// A response header. Values are ours (content types, the base path, which the CLI
/// restricts to URL-safe ASCII), so they are always valid.
fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("header names and values are ASCII we produce")
}

/// Opens `url` in the default browser: `start` on Windows (a built-in of cmd; its first
/// quoted argument is a window title, hence the ""), `open` on macOS, `xdg-open`
/// elsewhere. A failure is not an error: the URL is printed above anyway.
fn open_browser(url: &str) {
    let mut command = std::process::Command::new(if cfg!(windows) {
        "cmd"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    });
    if cfg!(windows) {
        command.args(["/C", "start", ""]);
    }
    let _ = command.arg(url).spawn();
}
