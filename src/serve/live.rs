//! Live reload: the script injected into served pages (never into `build` output) and
//! the server-sent event stream it listens to.
//!
//! Every event carries the whole state, `{"version": N, "errors": [...]}`: a page
//! reloads when the version differs from the one it was rendered at and there are no
//! errors, and shows an overlay with the errors while there are.

use std::io::Write;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

/// The script, served at `<base>__dossier/live.js`.
pub const SCRIPT: &str = r#"(function () {
  "use strict";
  var me = document.currentScript;
  var base = me.getAttribute("data-base"), version = Number(me.getAttribute("data-version"));
  var key = "dossier-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) { sessionStorage.removeItem(key); window.scrollTo(0, Number(saved)); }
  var box = null;
  function overlay(errors) {
    if (!errors.length) { if (box) { box.remove(); box = null; } return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "dossier-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:99999;" +
        "background:#2b1111;color:#ffe3e3;border:2px solid #ff6b6b;border-radius:8px;padding:1rem 1.25rem;" +
        "font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 10px 30px rgba(0,0,0,.4)";
      document.body.appendChild(box);
    }
    box.innerHTML = "";
    var h = document.createElement("strong");
    h.textContent = "dossier: de laatste wijziging bevat fouten; u ziet de vorige versie";
    box.appendChild(h);
    errors.forEach(function (e) {
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:.75rem 0 0";
      pre.textContent = e;
      box.appendChild(pre);
    });
  }
  var source = new EventSource(base + "__dossier/events");
  source.addEventListener("state", function (event) {
    var state = JSON.parse(event.data);
    if (state.version !== version && state.errors.length === 0) {
      sessionStorage.setItem(key, String(window.scrollY));
      location.reload();
      return;
    }
    overlay(state.errors);
  });
})();
"#;

/// The tag inserted before `</body>` of every served HTML page.
pub fn tag(base: &str, version: u64) -> String {
    format!("<script src=\"{base}__dossier/live.js\" data-base=\"{base}\" data-version=\"{version}\"></script>")
}

/// Inserts the live-reload tag into an HTML page.
pub fn inject(html: &[u8], tag: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{tag}\n{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{tag}\n").into_bytes(),
    }
}

/// Writes state messages to an event stream as they arrive, and a comment every 15 s so
/// that proxies and browsers keep the connection, until the client goes away (`gone`,
/// asked every second, so a closed tab frees its thread at once) or the server drops
/// the sender.
pub fn stream(rx: &Receiver<String>, out: &mut impl Write, gone: impl Fn() -> bool) {
    let mut quiet = 0;
    loop {
        let message = match rx.recv_timeout(Duration::from_secs(1)) {
            Ok(state) => format!("event: state\ndata: {state}\n\n"),
            Err(RecvTimeoutError::Timeout) if gone() => return,
            Err(RecvTimeoutError::Timeout) if quiet < 14 => {
                quiet += 1;
                continue;
            }
            Err(RecvTimeoutError::Timeout) => ": ping\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        quiet = 0;
        if out.write_all(message.as_bytes()).and_then(|_| out.flush()).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_body_end() {
        let out = inject(b"<html><body><p>x</p></body></html>", "<script></script>");
        assert_eq!(String::from_utf8(out).unwrap(), "<html><body><p>x</p><script></script>\n</body></html>");
    }

    #[test]
    fn stream_frames_events() {
        let (tx, rx) = std::sync::mpsc::channel();
        tx.send("{\"version\":2}".to_string()).unwrap();
        drop(tx);
        let mut out = Vec::new();
        stream(&rx, &mut out, || false);
        assert_eq!(String::from_utf8(out).unwrap(), "event: state\ndata: {\"version\":2}\n\n");
    }
}
