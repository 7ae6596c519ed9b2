#!/usr/bin/env python3
"""Edit-to-reload latency of `dossier serve`.

    serve_latency.py DOSSIER_BINARY SITE_ROOT [EDITS]

Starts `dossier serve` on an ephemeral port, listens to its live-reload stream, then
EDITS times appends a paragraph to one note and measures the time from just before the
file write until the reload event arrives (what an author waits for before the browser
reloads). Prints the initial build time and min/median/p90/max of the edit latency,
then restores the note. A benchmark, not a test: numbers depend on the machine.
"""
import json, os, re, socket, statistics, subprocess, sys, time

def main():
    binary, root = sys.argv[1], sys.argv[2]
    edits = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    notes = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(root, "content"))
                   for f in fs if f.endswith(".md") and "sources" not in d)
    note = notes[len(notes) // 2]
    original = open(note, encoding="utf-8").read()
    started = time.monotonic()
    proc = subprocess.Popen([binary, "serve", "--root", root, "--port", "0"], stderr=subprocess.PIPE, text=True)
    try:
        port = None
        for line in proc.stderr:
            m = re.match(r"serving http://127\.0\.0\.1:(\d+)/", line)
            if m:
                port = int(m.group(1))
                break
        startup = time.monotonic() - started
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"GET /__dossier/events HTTP/1.1\r\nHost: x\r\n\r\n")
        stream = sock.makefile("r", encoding="utf-8")
        def next_state():
            for line in stream:
                if line.startswith("data: "):
                    return json.loads(line[6:])
            raise SystemExit("event stream closed")
        state = next_state()
        times = []
        for i in range(edits):
            time.sleep(0.2)  # let the watcher settle between edits
            t0 = time.monotonic()
            with open(note, "a", encoding="utf-8") as f:
                f.write(f"\nEen nieuwe alinea {i}, om de herlaadtijd te meten.\n")
            while True:
                new = next_state()
                if new["version"] != state["version"] or new["errors"]:
                    break
            times.append((time.monotonic() - t0) * 1000)
            if new["errors"]:
                raise SystemExit(f"edit broke the build: {new['errors'][0]}")
            state = new
        times.sort()
        p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
        print(f"notes: {len(notes)}  startup (first build + listen): {startup * 1000:.0f} ms")
        print(f"edit-to-reload over {edits} edits: min {times[0]:.1f} ms, median {statistics.median(times):.1f} ms, "
              f"p90 {p90:.1f} ms, max {times[-1]:.1f} ms")
    finally:
        open(note, "w", encoding="utf-8").write(original)
        proc.kill()
        proc.wait()

if __name__ == "__main__":
    main()
