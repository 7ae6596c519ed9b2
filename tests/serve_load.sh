#!/usr/bin/env bash
# Load and attack test for `dossier serve`. Starts the server on a copy of the bundled
# site (so that it can edit notes) with one large asset added, on an ephemeral port, then:
#
#   1. runs `wrk -c 200 -t 2 -d 30s` against a page and fails on socket errors or
#      non-2xx responses, if the server's RSS under load rose more than RSS_LIMIT_MB above
#      its idle size (a thread per connection), or if it still grew by more than
#      DRIFT_LIMIT_MB between a third of the way in and the end (a leak);
#   2. right after that burst, opens 200 live-reload event streams (200 tabs): each must
#      get its first event within 5 s, and all of them the event of an edit;
#   3. slow readers: 16 clients request the large asset and never read it; another
#      client must still be answered at once, and the slow ones are dropped after the
#      write timeout (their threads go away);
#   4. the render race: while clients fetch a page in a loop, the note behind it is
#      edited 30 times; afterwards the page must show the last edit (a render that
#      overlapped a rebuild must never be cached over it);
#   5. sends malformed requests over a raw socket (traversal with `..` and `%2e%2e`,
#      overlong paths, bad UTF-8, absurd headers, garbage request lines, a foreign Host
#      as DNS rebinding sends it, bodies, other methods) and fails unless each gets the
#      4xx it should and no response carries a file from outside the site;
#   6. checks the server still answers afterwards.
#
#   tests/serve_load.sh [DOSSIER_BINARY]      # default: target/debug/dossier
#
# .ci/run runs it after `cargo test`.
#
# Environment: PAGE (default /index.html), CONNECTIONS (200), THREADS (2), DURATION (30s,
# whole seconds), RSS_LIMIT_MB (50), DRIFT_LIMIT_MB (10).
# Needs wrk (Debian: apt-get install wrk) and python3. Exit status 0 only if all passed.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${1:-$REPO/target/debug/dossier}
PAGE=${PAGE:-/index.html}
CONNECTIONS=${CONNECTIONS:-200}
THREADS=${THREADS:-2}
DURATION=${DURATION:-30s}
RSS_LIMIT_MB=${RSS_LIMIT_MB:-50}
DRIFT_LIMIT_MB=${DRIFT_LIMIT_MB:-10}

command -v wrk >/dev/null || { echo "wrk not installed (apt-get install wrk)" >&2; exit 2; }
[ -x "$BIN" ] || { echo "no dossier binary at $BIN (cargo build first)" >&2; exit 2; }

work=$(mktemp -d)
ROOT="$work/site"
mkdir -p "$ROOT"
cp -r "$REPO/content" "$REPO/dossier.yaml" "$ROOT/"
head -c $((24 * 1024 * 1024)) /dev/urandom >"$ROOT/content/groot-bestand.bin"
"$BIN" serve --root "$ROOT" --port 0 2>"$work/serve.log" &
pid=$!
cleanup() {
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

port=
for _ in $(seq 1 1200); do
    port=$(sed -n 's|^serving http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/serve.log")
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/serve.log" >&2; echo "server exited" >&2; exit 1; }
    sleep 0.1
done
[ -n "$port" ] || { echo "server did not start within 120 s" >&2; exit 1; }
url="http://127.0.0.1:$port"
echo "== dossier serve on $url (pid $pid), site $ROOT"

status() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$pid/status"; }
failed=0

# Warm up: the first request renders and caches the page.
python3 - "$port" "$PAGE" <<'EOF'
import socket, sys
port, page = int(sys.argv[1]), sys.argv[2]
for _ in range(20):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(f"GET {page} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    data = b""
    while chunk := s.recv(65536):
        data += chunk
    assert data.startswith(b"HTTP/1.1 200"), data[:100]
EOF

rss_before=$(status VmRSS)
threads_before=$(status Threads)
echo "== wrk -c $CONNECTIONS -t $THREADS -d $DURATION $url$PAGE"
wrk -c "$CONNECTIONS" -t "$THREADS" -d "$DURATION" --latency "$url$PAGE" >"$work/wrk.txt" &
wrk_pid=$!
# Sample the server's RSS once a second while the load runs: "flat" means it settles once
# every connection is open and then stays put, however long the load lasts.
seconds=${DURATION%s}
samples=()
for _ in $(seq 1 "$seconds"); do
    sleep 1
    samples+=("$(status VmRSS)")
done
threads_loaded=$(status Threads)
wait "$wrk_pid"
cat "$work/wrk.txt"
sleep 2
rss_after=$(status VmRSS)
threads_after=$(status Threads)
n=${#samples[@]}
rss_third=${samples[$((n / 3))]}
rss_last=${samples[$((n - 1))]}
peak=$(printf '%s\n' "${samples[@]}" | sort -n | tail -1)
growth_kb=$((peak - rss_before))
drift_kb=$((rss_last - rss_third))
echo "== RSS before ${rss_before} kB; under load at 1/3 ${rss_third} kB, at the end ${rss_last} kB, peak ${peak} kB; 2 s after ${rss_after} kB"
echo "== threads before ${threads_before}, under load ${threads_loaded}, after ${threads_after}"
echo "== growth under load $((growth_kb / 1024)) MB ($((growth_kb / CONNECTIONS)) kB a connection); drift over the last 2/3: ${drift_kb} kB"
if grep -q "Socket errors" "$work/wrk.txt"; then
    echo "FAIL: socket errors: $(grep 'Socket errors' "$work/wrk.txt")"
    failed=1
fi
if grep -q "Non-2xx or 3xx responses" "$work/wrk.txt"; then
    echo "FAIL: $(grep 'Non-2xx' "$work/wrk.txt")"
    failed=1
fi
if [ "$growth_kb" -gt $((RSS_LIMIT_MB * 1024)) ]; then
    echo "FAIL: RSS grew by more than $RSS_LIMIT_MB MB under load"
    failed=1
fi
if [ "$drift_kb" -gt $((DRIFT_LIMIT_MB * 1024)) ]; then
    echo "FAIL: RSS kept growing under steady load (more than $DRIFT_LIMIT_MB MB over the last 2/3): a leak"
    failed=1
fi

echo "== 200 live-reload tabs right after the burst, then an edit"
python3 - "$port" "$ROOT" <<'EOF' || failed=1
import json, os, socket, sys, threading, time

port, root = int(sys.argv[1]), sys.argv[2]
N = 200
streams, first, last = [], [None] * N, [None] * N

def reader(i, s):
    buf = b""
    s.settimeout(30)
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return
            buf += chunk
            while b"\n\n" in buf:
                event, buf = buf.split(b"\n\n", 1)
                for line in event.split(b"\n"):
                    if line.startswith(b"data: "):
                        version = json.loads(line[6:])["version"]
                        if first[i] is None:
                            first[i] = (time.monotonic(), version)
                        last[i] = version
    except OSError:
        return

start = time.monotonic()
for i in range(N):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(b"GET /__dossier/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    streams.append(s)
    threading.Thread(target=reader, args=(i, s), daemon=True).start()
deadline = time.monotonic() + 5
while time.monotonic() < deadline and any(f is None for f in first):
    time.sleep(0.05)
late = [i for i, f in enumerate(first) if f is None]
slowest = max((f[0] - start for f in first if f), default=0)
print(f"{'ok  ' if not late else 'FAIL'} {N - len(late)} of {N} tabs had their first event within 5 s (slowest {slowest:.2f} s)")
version = max((f[1] for f in first if f), default=0)
note = os.path.join(root, "content/onderwerpen/cruciale-ggz.md")
with open(note, "a") as f:
    f.write("\nEen nieuwe alinea voor de herlaadproef.\n")
deadline = time.monotonic() + 20
while time.monotonic() < deadline and any(v is None or v <= version for v in last):
    time.sleep(0.1)
behind = [i for i, v in enumerate(last) if v is None or v <= version]
print(f"{'ok  ' if not behind else 'FAIL'} {N - len(behind)} of {N} tabs got the edit's event")
for s in streams:
    s.close()
sys.exit(1 if late or behind else 0)
EOF

echo "== slow readers"
python3 - "$port" "$pid" <<'EOF' || failed=1
import socket, sys, time

port, pid = int(sys.argv[1]), int(sys.argv[2])
def threads():
    with open(f"/proc/{pid}/status") as f:
        return int(next(l.split()[1] for l in f if l.startswith("Threads:")))
time.sleep(1)
before = threads()
slow = []
for _ in range(16):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.connect(("127.0.0.1", port))
    s.sendall(b"GET /groot-bestand.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    slow.append(s)
time.sleep(1)
t = time.monotonic()
ok = socket.create_connection(("127.0.0.1", port), timeout=5)
ok.sendall(b"GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
data = b""
while chunk := ok.recv(65536):
    data += chunk
took = time.monotonic() - t
answered = data.startswith(b"HTTP/1.1 200")
print(f"{'ok  ' if answered and took < 2 else 'FAIL'} a page is answered in {took:.3f} s while 16 clients do not read")
held = threads()
deadline = time.monotonic() + 30
while time.monotonic() < deadline and threads() > before + 2:
    time.sleep(0.5)
after = threads()
dropped = held >= before + 16 and after <= before + 2
print(f"{'ok  ' if dropped else 'FAIL'} slow readers held a thread each, dropped after the write timeout (threads {before} -> {held} -> {after})")
for s in slow:
    s.close()
sys.exit(0 if answered and took < 2 and dropped else 1)
EOF

echo "== the render race: fetching a page while its note is edited"
python3 - "$port" "$ROOT" <<'EOF' || failed=1
import os, socket, sys, threading, time

port, root = int(sys.argv[1]), sys.argv[2]
note = os.path.join(root, "content/onderwerpen/laagdrempelige-steunpunten.md")
page = "/onderwerpen/laagdrempelige-steunpunten.html"
text = open(note).read()
stop = False

def get():
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.sendall(f"GET {page} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    data = b""
    while chunk := s.recv(65536):
        data += chunk
    return data

def hammer():
    while not stop:
        get()

workers = [threading.Thread(target=hammer, daemon=True) for _ in range(4)]
for w in workers:
    w.start()
for n in range(30):
    with open(note, "w") as f:
        f.write(text + f"\nRacemarkering {n}.\n")
    time.sleep(0.12)
stop = True
for w in workers:
    w.join()
marker = b"Racemarkering 29."
deadline = time.monotonic() + 20
while time.monotonic() < deadline and marker not in get():
    time.sleep(0.2)
ok = marker in get()
time.sleep(1)
ok = ok and marker in get()
print(f"{'ok  ' if ok else 'FAIL'} after 30 edits under load the page shows the last one")
sys.exit(0 if ok else 1)
EOF

echo "== malformed requests"
python3 - "$port" "$ROOT" <<'EOF' || failed=1
import os, socket, sys

port, root = int(sys.argv[1]), sys.argv[2]

def send(raw, timeout=10):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        s.sendall(raw)
    except (BrokenPipeError, ConnectionResetError):
        pass  # The server may stop reading an absurd request; its answer still counts.
    data = b""
    try:
        while chunk := s.recv(65536):
            data += chunk
    except (socket.timeout, ConnectionResetError):
        pass
    s.close()
    return data

def get(path, headers=b""):
    if isinstance(path, str):
        path = path.encode()
    return send(b"GET " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers + b"\r\n")

# Text that only files outside the site's output contain.
secrets = [b"root:x:0:", b"[package]", b"fn main()", b"title: Ggz-beleid", b"# The bundled knowledge base"]

cases = [
    ("dot-dot", get("/../../../../etc/passwd")),
    ("dot-dot to the site root", get("/../Cargo.toml")),
    ("percent-encoded dots", get("/%2e%2e/%2e%2e/%2e%2e/etc/passwd")),
    ("percent-encoded dots and slashes", get("/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd")),
    ("mixed", get("/assets/..%2f..%2fCargo.toml")),
    ("double-encoded", get("/%252e%252e/Cargo.toml")),
    ("backslashes", get("/a%5c..%5c..%5cCargo.toml")),
    ("absolute", get("//etc/passwd")),
    ("file outside output", get("/Cargo.toml")),
    ("content source", get("/content/index.md")),
    ("config", get("/dossier.yaml")),
    ("NUL", get("/index.html%00.png")),
    ("drive letter", get("/C:/Windows/win.ini")),
    ("overlong path", get("/" + "a" * 100_000)),
    ("overlong traversal", get("/" + "../" * 30_000 + "etc/passwd")),
    ("bad UTF-8, encoded", get("/%ff%fe%fd.html")),
    ("bad UTF-8, raw", get(b"/\xff\xfe.html")),
    ("1 MB header", get("/", b"X-Big: " + b"a" * (1 << 20) + b"\r\n")),
    ("10,000 headers", get("/", b"".join(b"X-H%d: v\r\n" % i for i in range(10_000)))),
    ("header without colon", get("/", b"not a header\r\n")),
    ("garbage request line", send(b"\x00\x01\x02 garbage\r\n\r\n")),
    ("no path", send(b"GET\r\n\r\n")),
    ("absurd version", send(b"GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n"), 505),
    ("foreign Host (DNS rebinding)", send(b"GET /index.html HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"), 421),
    ("foreign Host with a port", send(b"GET / HTTP/1.1\r\nHost: rebind.evil.example:1111\r\nConnection: close\r\n\r\n"), 421),
    ("a body", send(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello"), 413),
    ("POST", send(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"), 405),
]
bad = 0
for name, response, *expected in cases:
    line = response.split(b"\r\n", 1)[0].decode("latin-1")
    code = int(line.split(" ")[1]) if line.startswith("HTTP/") and len(line.split(" ")) > 1 else None
    leaked = [s.decode() for s in secrets if s in response]
    wanted = (lambda c: c == expected[0]) if expected else (lambda c: 400 <= c < 500)
    ok = code is not None and wanted(code) and not leaked
    print(f"{'ok  ' if ok else 'FAIL'} {name:34} -> {line or '(connection closed without a response)'}"
          + (f"  LEAKED {leaked}" if leaked else ""))
    bad += not ok
# Still serving?
alive = get("/index.html").startswith(b"HTTP/1.1 200")
print(f"{'ok  ' if alive else 'FAIL'} server still answers afterwards")
sys.exit(1 if bad or not alive else 0)
EOF

if [ "$failed" = 0 ]; then echo "== all passed"; else echo "== FAILED"; fi
exit "$failed"
