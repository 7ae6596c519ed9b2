//! The HTTP/1.1 server under `dossier serve`: a thread per connection, with limits on
//! every side so that no client can hold up the others. A preview needs little of HTTP
//! (GET and HEAD, keep-alive, one event stream per tab), and owning those few hundred
//! lines means owning the limits: head size and header count ([`http::read_request`]),
//! read and write timeouts (a client that requests a large file and never reads it
//! times out alone), and a cap on open connections.

use std::io::{BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use super::http::{self, Refused, Request};

/// How long a kept-alive connection may sit idle, or a request head take to arrive.
const IDLE: Duration = Duration::from_secs(30);
/// How long one write may block: a reader slower than this is disconnected.
const WRITE: Duration = Duration::from_secs(10);
/// Open connections at most (each is a thread; an open tab holds one for its events).
pub const MAX_CONNECTIONS: usize = 1024;
/// Stack of a connection thread (rendering a page runs on it).
const STACK: usize = 2 * 1024 * 1024;

/// What the handler answers a request with.
pub enum Reply {
    /// A whole response: status, headers, body.
    Full { status: u16, headers: Vec<(&'static str, String)>, body: Arc<Vec<u8>> },
    /// An event stream: after the response head, the connection is handed to the
    /// closure, which writes to it until the client goes away.
    Stream(Box<dyn FnOnce(&mut TcpStream) + Send>),
}

impl Reply {
    pub fn full(status: u16, content_type: &str, body: impl Into<Arc<Vec<u8>>>) -> Reply {
        Reply::Full {
            status,
            headers: vec![("Content-Type", content_type.to_string()), ("Cache-Control", "no-store".into())],
            body: body.into(),
        }
    }

    pub fn text(status: u16, text: &str) -> Reply {
        Reply::full(status, "text/plain; charset=utf-8", text.as_bytes().to_vec())
    }
}

/// Answers requests on `listener` with `handler` until the process ends.
pub fn run(listener: TcpListener, handler: Arc<dyn Fn(&Request) -> Reply + Send + Sync>) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            refuse(stream, 503, "too many connections\n");
            continue;
        }
        let (handler, count) = (Arc::clone(&handler), Arc::clone(&open));
        let spawned = std::thread::Builder::new().stack_size(STACK).spawn(move || {
            connection(stream, &*handler);
            count.fetch_sub(1, Ordering::SeqCst);
        });
        if spawned.is_err() {
            // Out of threads: the stream went with the closure and is closed.
            open.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// Serves one connection: requests one after the other while it is kept alive.
fn connection(stream: TcpStream, handler: &(dyn Fn(&Request) -> Reply + Send + Sync)) {
    let _ = stream.set_read_timeout(Some(IDLE));
    let _ = stream.set_write_timeout(Some(WRITE));
    let _ = stream.set_nodelay(true);
    let Ok(read_half) = stream.try_clone() else { return };
    let mut reader = BufReader::new(read_half);
    let mut stream = stream;
    loop {
        let request = match http::read_request(&mut reader) {
            Ok(r) => r,
            Err(Refused::Gone) => return,
            Err(Refused::Bad) => return refuse(stream, 400, "bad request\n"),
            Err(Refused::TooLarge) => return refuse(stream, 431, "request header fields too large\n"),
            Err(Refused::Version) => return refuse(stream, 505, "HTTP/1.1 only\n"),
        };
        if request.has_body {
            return refuse(stream, 413, "a preview takes no request bodies\n");
        }
        if request.method != "GET" && request.method != "HEAD" {
            let head = http::head(405, &[("Allow", "GET, HEAD")], Some(0), false);
            let _ = stream.write_all(head.as_bytes());
            return;
        }
        match handler(&request) {
            Reply::Full { status, headers, body } => {
                let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
                let head = http::head(status, &headers, Some(body.len()), request.keep_alive);
                let sent = stream.write_all(head.as_bytes()).and_then(|_| {
                    if request.method == "HEAD" {
                        Ok(())
                    } else {
                        stream.write_all(&body)
                    }
                });
                if sent.and_then(|_| stream.flush()).is_err() || !request.keep_alive {
                    return;
                }
            }
            Reply::Stream(write) => {
                let headers = [("Content-Type", "text/event-stream"), ("Cache-Control", "no-store")];
                if stream.write_all(http::head(200, &headers, None, false).as_bytes()).is_ok() {
                    write(&mut stream);
                }
                return;
            }
        }
    }
}

/// Answers `status` and closes, reading (and dropping) what the client still sends for
/// a moment first: closing with unread data makes the kernel reset the connection, and
/// the client would lose the answer.
fn refuse(mut stream: TcpStream, status: u16, message: &str) {
    let head = http::head(status, &[("Content-Type", "text/plain; charset=utf-8")], Some(message.len()), false);
    if stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(message.as_bytes())).is_err() {
        return;
    }
    let _ = stream.flush();
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let mut sink = [0u8; 16 * 1024];
    let mut left: usize = 4 * 1024 * 1024;
    while let Ok(n) = stream.read(&mut sink) {
        if n == 0 || n >= left {
            break;
        }
        left -= n;
    }
}

/// Whether the client has closed its side of `stream` (a browser tab that went away): a
/// peek that finds the end of the stream. Data the client sent is left unread.
pub fn closed(stream: &TcpStream) -> bool {
    if stream.set_nonblocking(true).is_err() {
        return false;
    }
    let mut byte = [0u8; 1];
    let gone = matches!(stream.peek(&mut byte), Ok(0))
        || matches!(stream.peek(&mut byte), Err(e) if e.kind() != std::io::ErrorKind::WouldBlock);
    let _ = stream.set_nonblocking(false);
    gone
}
