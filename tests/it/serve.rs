//! `dossier serve` end to end: a real server on an ephemeral port, real file edits,
//! the live-reload event stream, error overlay state, renames and traversal attempts.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use crate::support::fixture;

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &std::path::Path, base: &str) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "--root", root.to_str().unwrap(), "--port", "0", "--base-path", base])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Owned by the guard at once, so the server is killed however the test ends.
    let mut server = Server { child, port: 0 };
    let stderr = server.child.stderr.take().unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let line = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())).expect("server did not start");
        if let Some(rest) = line.strip_prefix("serving http://127.0.0.1:") {
            server.port = rest.split('/').next().unwrap().parse().unwrap();
            return server;
        }
    }
}

/// GET over a plain socket: (status, body).
fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split(' ').nth(1).unwrap_or("0").parse().unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

/// The `data:` lines of the live-reload stream, as they arrive.
fn events(port: u16, base: &str) -> Receiver<serde_json::Value> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {base}__dossier/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines().map_while(Result::ok) {
            if let Some(data) = line.strip_prefix("data: ") {
                if tx.send(serde_json::from_str(data).unwrap()).is_err() {
                    break;
                }
            }
        }
    });
    rx
}

fn next(rx: &Receiver<serde_json::Value>) -> serde_json::Value {
    rx.recv_timeout(Duration::from_secs(15)).expect("no live-reload event")
}

#[test]
fn serve_previews_edits_errors_and_renames() {
    let site = fixture("site");
    let server = start(site.root(), "/wiki/");
    let port = server.port;

    let (status, alfa) = get(port, "/wiki/notes/alfa.html");
    assert_eq!(status, 200);
    assert!(alfa.contains("<h1 id=\"alfa\">Alfa</h1>"));
    assert!(alfa.contains("__dossier/live.js\" data-base=\"/wiki/\" data-version=\"1\""), "live script missing");
    assert_eq!(get(port, "/wiki/").0, 200);
    assert_eq!(get(port, "/wiki/__dossier/live.js").0, 200);
    assert!(!site.path("output").exists(), "serve wrote output/");

    let rx = events(port, "/wiki/");
    assert_eq!(next(&rx)["version"], 1);

    // An edit: a reload event, then the new text.
    let beta = std::fs::read_to_string(site.path("content/notes/beta.md")).unwrap();
    site.write("content/notes/beta.md", &format!("{beta}\nEen verse alinea.\n"));
    let state = next(&rx);
    assert_eq!(state["version"], 2);
    assert_eq!(state["errors"], serde_json::json!([]));
    assert!(get(port, "/wiki/notes/beta.html").1.contains("Een verse alinea."));

    // Broken front matter: the errors arrive, the last good page stays served.
    site.write("content/notes/beta.md", "---\ntitle: [Beta\n---\nKapot.\n");
    let state = next(&rx);
    assert_eq!(state["version"], 2);
    let errors = state["errors"].as_array().unwrap();
    assert!(errors.iter().any(|e| e.as_str().unwrap().starts_with("content/notes/beta.md:2:8: error:")), "{errors:?}");
    assert!(get(port, "/wiki/notes/beta.html").1.contains("Een verse alinea."));

    // Fixed: errors clear, version moves on.
    site.write("content/notes/beta.md", &beta);
    let state = next(&rx);
    assert_eq!((state["version"].as_u64(), state["errors"].as_array().unwrap().len()), (Some(3), 0));

    // A rename: links by title follow the note to its new URL.
    std::fs::rename(site.path("content/notes/beta.md"), site.path("content/notes/bèta-nieuw.md")).unwrap();
    let state = next(&rx);
    assert_eq!(state["errors"].as_array().unwrap().len(), 0, "{state}");
    assert!(get(port, "/wiki/notes/alfa.html").1.contains("href=\"../notes/beta-nieuw.html\""));
    assert_eq!(get(port, "/wiki/notes/beta-nieuw.html").0, 200);
    assert_eq!(get(port, "/wiki/notes/beta.html").0, 404);
}

#[test]
fn serve_refuses_paths_outside_the_site() {
    let site = fixture("site");
    let server = start(site.root(), "/");
    for path in [
        "/../dossier.yaml",
        "/%2e%2e/dossier.yaml",
        "/%2E%2E%2Fdossier.yaml",
        "/notes/..%2f..%2fdossier.yaml",
        "/content/notes/alfa.md",
        "/dossier.yaml",
        "/%ff",
    ] {
        let (status, body) = get(server.port, path);
        assert!((400..500).contains(&status), "{path}: {status}");
        assert!(!body.contains("title: Testwiki"), "{path} leaked a file");
    }
    let (status, body) = get(server.port, "/bestaat-niet.html");
    assert_eq!(status, 404);
    assert!(body.contains("Pagina niet gevonden"));
}

#[test]
fn serve_renders_the_search_index_per_path_and_rebuilds_it_after_an_edit() {
    let site = fixture("site");
    let built = fixture("site");
    assert_eq!(built.build().code, 0);
    let server = start(site.root(), "/wiki/");
    let port = server.port;

    let (status, meta) = get(port, "/wiki/search/meta.js");
    assert_eq!(status, 200);
    assert_eq!(meta, built.output("search/meta.js"), "serve and build write the same index");
    let meta = crate::support::search_data(&meta, "meta");
    assert_eq!(get(port, "/wiki/search/t/0.js").1, built.output("search/t/0.js"));
    let (status, doc) = get(port, "/wiki/search/d/0.js");
    assert_eq!(status, 200);
    assert_eq!(doc, built.output("search/d/0.js"));
    let docs = meta["docs"].as_u64().unwrap();
    for missing in [
        format!("/wiki/search/d/{docs}.js"),
        "/wiki/search/d/00.js".into(),
        "/wiki/search/x.js".into(),
        "/wiki/search/meta.json".into(),
    ] {
        assert_eq!(get(port, &missing).0, 404, "{missing}");
    }

    // A new word after an edit: the next index has it (`kwartelkoningen` stems to `kwartelkon`).
    let rx = events(port, "/wiki/");
    assert_eq!(next(&rx)["version"], 1);
    let beta = std::fs::read_to_string(site.path("content/notes/beta.md")).unwrap();
    site.write("content/notes/beta.md", &format!("{beta}\nDe kwartelkoningen broeden.\n"));
    assert_eq!(next(&rx)["version"], 2);
    let meta = crate::support::search_data(&get(port, "/wiki/search/meta.js").1, "meta");
    let shards: Vec<&str> = meta["shards"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    let n = shards.iter().rposition(|&first| first <= "kwartelkon").unwrap();
    assert!(get(port, &format!("/wiki/search/t/{n}.js")).1.contains("[\"kwartelkon\","));
}

/// GET with a given `Host` header: the status.
fn get_as(port: u16, host: &str, path: &str) -> u16 {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    String::from_utf8_lossy(&raw).split(' ').nth(1).unwrap_or("0").parse().unwrap_or(0)
}

#[test]
fn serve_answers_only_hosts_that_cannot_be_rebound() {
    // Regression: any Host was accepted, so a page the author visits could read the
    // preview (drafts included) through a domain of its own pointed at 127.0.0.1.
    let site = fixture("site");
    let server = start(site.root(), "/");
    for host in ["localhost", "127.0.0.1:1111", "[::1]", "wiki.localhost"] {
        assert_eq!(get_as(server.port, host, "/index.html"), 200, "{host}");
    }
    for host in ["evil.example", "127.0.0.1.evil.example:80", "localhost.evil.example"] {
        assert_eq!(get_as(server.port, host, "/index.html"), 421, "{host}");
    }
}

#[test]
fn serve_shows_the_errors_until_the_first_build_succeeds() {
    // Regression: with a first build that failed, every URL was a bare 404.
    let site = fixture("site");
    let alfa = std::fs::read_to_string(site.path("content/notes/alfa.md")).unwrap();
    site.write("content/notes/alfa.md", &alfa.replace("title: Alfa", "title: [Alfa"));
    let server = start(site.root(), "/wiki/");
    let (status, body) = get(server.port, "/wiki/notes/beta.html");
    assert_eq!(status, 500);
    assert!(body.contains("The site does not build yet") && body.contains("content/notes/alfa.md:"), "{body}");
    assert!(body.contains("__dossier/live.js"), "the error page reloads itself once fixed");
    let rx = events(server.port, "/wiki/");
    assert!(!next(&rx)["errors"].as_array().unwrap().is_empty());
    site.write("content/notes/alfa.md", &alfa);
    assert!(next(&rx)["errors"].as_array().unwrap().is_empty());
    assert_eq!(get(server.port, "/wiki/notes/beta.html").0, 200);
}

#[cfg(unix)]
#[test]
fn serve_never_follows_a_link_put_in_place_of_an_asset() {
    // Regression: while a broken edit kept the last good site served, an asset replaced
    // by a symbolic link was followed (/etc/passwd served).
    let site = fixture("site");
    let server = start(site.root(), "/");
    // (Not requested before: a file once served is kept in memory until the next rebuild.)
    let rx = events(server.port, "/");
    next(&rx);
    // Break the build, so the last good site (which has the asset) stays served.
    let alfa = std::fs::read_to_string(site.path("content/notes/alfa.md")).unwrap();
    site.write("content/notes/alfa.md", &alfa.replace("title: Alfa", "title: [Alfa"));
    assert!(!next(&rx)["errors"].as_array().unwrap().is_empty());
    std::fs::remove_file(site.path("content/img/schema.png")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", site.path("content/img/schema.png")).unwrap();
    std::thread::sleep(Duration::from_millis(700));
    let (status, body) = get(server.port, "/img/schema.png");
    assert!(!body.contains("root:"), "followed the link: {status} {body:.100}");
    assert_eq!(status, 404);
}
