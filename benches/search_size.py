#!/usr/bin/env python3
"""Size of a built site's search index, and what a first query downloads at most.

    search_size.py OUTPUT_DIR [--detail]

Prints: total index KB, number of files, and an upper bound on the KB a first query of
up to three words loads, whatever kind it is (benches/run.sh reads these three numbers).
The bound is the largest of:

- plain (also a compound part such as `plafond`, whose compound-only documents are in
  the term's own shard entry): meta.js, the three largest term shards (one per word)
  and the ten largest document files (the results shown);
- typo (a word with no or few documents, forgiven one edit): the same, plus the near-list
  files (f/, r/) and term shards search.js loads for the near terms at most, its
  NEAR_FILES largest near-list files and NEAR_SHARDS largest term shards more.

With --detail, a line per kind with its parts, and the sizes of the near lists.
Measured queries in a browser load less (tests/browser checks which files a query asks
for, and tests/browser/search.test.mjs how many bytes).
"""
import os, sys

NEAR_FILES, NEAR_SHARDS = 4, 2  # as in themes/default/static/search.js


def main():
    root = os.path.join(sys.argv[1], "search")
    sizes = {}
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            sizes[os.path.relpath(p, root)] = os.path.getsize(p)

    def largest(folder):
        return sorted((s for p, s in sizes.items() if p.startswith(folder + "/")), reverse=True)

    shards, docs, near = largest("t"), largest("d"), sorted(largest("f") + largest("r"), reverse=True)
    meta = sizes.get("meta.js", 0)
    plain = {"meta": meta, "3 shards": sum(shards[:3]), "10 docs": sum(docs[:10])}
    typo = dict(plain)
    typo[f"{NEAR_FILES} near files"] = sum(near[:NEAR_FILES])
    typo[f"{NEAR_SHARDS} more shards"] = sum(shards[3 : 3 + NEAR_SHARDS])
    # An index without near lists (before format 4) forgives no typos.
    kinds = {"plain": plain, "typo": typo} if near else {"plain": plain}
    worst = max(sum(k.values()) for k in kinds.values())
    print(f"{sum(sizes.values()) / 1024:.0f} {len(sizes)} {worst / 1024:.0f}")
    if "--detail" in sys.argv[2:]:
        for name, parts in kinds.items():
            items = ", ".join(f"{k} {v / 1024:.1f}" for k, v in parts.items())
            print(f"{name}: {sum(parts.values()) / 1024:.0f} KB ({items})")
        for folder in "tfrd":
            files = largest(folder)
            print(f"{folder}/: {len(files)} files, {sum(files) / 1024:.0f} KB, largest {files[0] / 1024 if files else 0:.1f} KB")


main()
