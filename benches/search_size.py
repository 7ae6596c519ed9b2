#!/usr/bin/env python3
"""Size of a built site's search index, and what a first query downloads at most.

    search_size.py OUTPUT_DIR

Prints: total index KB, number of files, and an upper bound on the bytes a first query
of up to three words loads: meta.js, the three largest term shards (one per word)
and the ten largest document files (the results shown). Measured queries in a browser
load less (tests/browser checks which files a query asks for).
"""
import os, sys

def main():
    root = os.path.join(sys.argv[1], "search")
    sizes = {}
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            sizes[os.path.relpath(p, root)] = os.path.getsize(p)
    shards = sorted((s for p, s in sizes.items() if p.startswith("t/")), reverse=True)
    docs = sorted((s for p, s in sizes.items() if p.startswith("d/")), reverse=True)
    first = sizes.get("meta.js", 0) + sum(shards[:3]) + sum(docs[:10])
    print(f"{sum(sizes.values()) / 1024:.0f} {len(sizes)} {first / 1024:.0f}")

main()
