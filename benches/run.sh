#!/usr/bin/env bash
# Benchmark suite for issue 8: dossier against the floor, Hugo and Zola, per corpus size.
#
#   benches/run.sh 1000 10000            # sizes in notes (sources: notes/50)
#   ROUNDS=5 benches/run.sh 1000         # rounds per size (default 3; 1 from 50,000 notes)
#
# Per size: generates the corpus once (cached by size, seed and generator version) in
# each tool's flavour, checks that dossier builds it with 0 errors, then runs rounds in
# which dossier, Hugo and Zola alternate (the order reverses every round, so machine
# drift hits them alike) and reports medians of:
#   - dossier full build: wall time, CPU time, peak RSS (/usr/bin/time -v), and the
#     stages from `build --timings`;
#   - dossier no-change rebuild and one-note-edit rebuild (a paragraph appended to one
#     note; the note is restored afterwards);
#   - `dossier serve`: time to update after the same one-note edit (its own log line),
#     plus fetching the edited page;
#   - size of the search index (output/search/) and an upper bound on what a first
#     query downloads (benches/search_size.py);
#   - the floor (examples/floor.rs), Hugo and Zola on the same notes: wall time, CPU
#     time and peak RSS for every tool, and the ratios dossier / floor, Hugo / dossier,
#     dossier / Zola and dossier / (the faster of Hugo and Zola), in wall and CPU time;
#   - mdBook on the same notes as a book, when an `mdbook` binary is there (MDBOOK), up
#     to MDBOOK_MAX notes: every mdBook page carries the whole table of contents, so its
#     output grows with the square of the notes (10,000 notes: 10,000 pages of 10,000
#     links each).
# Prints Markdown tables and writes them to $BENCH_DIR/results.md.
#
# Environment:
#   ROUNDS      timed rounds per size (median reported)
#   SEED        corpus seed (default 1)
#   BENCH_DIR   corpora, raw runs and results (default /tmp/dossier-bench)
#   OUT_DIR     build outputs (default: tmpfs below 50,000 notes, else BENCH_DIR/out);
#               removed after each size unless KEEP_OUTPUT=1
#   WARMUP=0    skip the untimed warm-up runs
#   HUGO=0      skip Hugo;  SERVE=0  skip the serve measurement
#   SERVE_EDITS one-note edits timed in serve (default 5, or ROUNDS if that is more)
#   ZOLA        zola binary (default: ../shared/bin/zola beside the repository, else
#               `zola` on PATH; if there is none, Zola is skipped with a notice). Zola is
#               neither a Debian package nor on crates.io.  ZOLA=0 skips Zola.
#   MDBOOK      mdbook binary (default: `mdbook` on PATH; none: mdBook is skipped). It
#               is not a Debian package; `cargo install mdbook --no-default-features
#               --locked` builds one from crates.io (about 4 minutes here)
#   MDBOOK_MAX  largest size mdBook is run at (default 1000)
#   IDLE_WAIT   seconds to wait for an idle machine before each timed run (default 10)
#   NICE=0      do not raise the priority of timed runs (see run_timed)
#   MEM_LIMIT_MB  virtual-memory cap for timed runs (default 80% of available memory),
#               so a generator that runs away fails instead of waking the OOM killer
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/dossier-bench}
SEED=${SEED:-1}
WARMUP=${WARMUP:-1}
HUGO=${HUGO:-1}
SERVE=${SERVE:-1}
MDBOOK=${MDBOOK:-$(command -v mdbook || true)}
MDBOOK_MAX=${MDBOOK_MAX:-1000}
ZOLA=${ZOLA:-}
IDLE_WAIT=${IDLE_WAIT:-10}
SERVE_EDITS=${SERVE_EDITS:-5}
MEM_LIMIT_MB=${MEM_LIMIT_MB:-$(awk '/MemAvailable/ { printf "%d", $2 / 1024 * 0.8 }' /proc/meminfo)}

if [ $# -eq 0 ]; then
    echo "usage: benches/run.sh SIZE... (e.g. benches/run.sh 1000 10000)" >&2
    exit 2
fi
for size in "$@"; do
    [[ $size =~ ^[0-9]+$ && $size -ge 2 ]] || { echo "run.sh: not a number of notes: $size" >&2; exit 2; }
done

log() { echo "[bench] $*" >&2; }

# On a shared machine, timed commands run at the highest priority when we may (root): in
# a session of their own whose autogroup gets nice -20 (with autogroups, a process's nice
# value only counts within its session). Dossier, Hugo and the floor get the same.
if [ "$(id -u)" = 0 ] && [ "${NICE:-1}" = 1 ] && command -v setsid >/dev/null; then
    PRIORITY="nice -20 in its own autogroup"
    BOOST='{ echo -20 >/proc/self/autogroup; } 2>/dev/null; nice_cmd=(nice -n -20)'
else
    PRIORITY="default"
    BOOST='nice_cmd=()'
fi
# run_timed CMD...: CMD at that priority and under the memory cap, waiting for it.
run_timed() {
    setsid -w bash -c "$BOOST"'; ulimit -v $(('"$MEM_LIMIT_MB"' * 1024)); exec "${nice_cmd[@]}" "$@"' _ "$@"
}

# --- tools ------------------------------------------------------------------------
need_apt=()
[ -x /usr/bin/time ] || need_apt+=(time)
if [ "$HUGO" = 1 ] && ! command -v hugo >/dev/null; then need_apt+=(hugo); fi
if [ "$SERVE" = 1 ] && ! command -v curl >/dev/null; then need_apt+=(curl); fi
if [ ${#need_apt[@]} -gt 0 ]; then
    log "installing ${need_apt[*]} with apt-get"
    apt-get install -y "${need_apt[@]}" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "${need_apt[@]}" >/dev/null; }
fi

# --- binaries (built once, copied so a rebuild elsewhere cannot change them mid-run) ---
log "building release binaries"
(cd "$REPO" && cargo build --release --quiet && cargo build --release --quiet --example floor)
mkdir -p "$BENCH_DIR/bin" "$BENCH_DIR/corpus"
cp "$REPO/target/release/dossier" "$BENCH_DIR/bin/dossier"
cp "$REPO/target/release/examples/floor" "$BENCH_DIR/bin/floor"
DOSSIER=$BENCH_DIR/bin/dossier
FLOOR=$BENCH_DIR/bin/floor
if [ "$ZOLA" = 0 ]; then
    log "ZOLA=0: skipping Zola"; ZOLA=""
else
    if [ -z "$ZOLA" ]; then
        for z in "$REPO/../shared/bin/zola" "$(command -v zola || true)"; do
            if [ -n "$z" ] && [ -x "$z" ]; then ZOLA=$z; break; fi
        done
    fi
    if [ -n "$ZOLA" ] && [ -x "$ZOLA" ] && "$ZOLA" --version >/dev/null 2>&1; then
        cp "$ZOLA" "$BENCH_DIR/bin/zola"
        ZOLA=$BENCH_DIR/bin/zola
    else
        log "no zola binary (${ZOLA:-none found}): skipping Zola; set ZOLA=/path/to/zola, or put it in ../shared/bin/zola beside the repository"
        ZOLA=""
    fi
fi
GEN_VERSION=$(md5sum "$REPO/benches/gen_corpus.py" | cut -c1-8)
if [ "$SERVE" = 1 ] && ! "$DOSSIER" serve --help >/dev/null 2>&1; then
    log "this dossier has no serve command; skipping the serve measurement"; SERVE=0
fi

# --- helpers ------------------------------------------------------------------------
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "–"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# CPU ticks of the whole machine: "busy idle" (USER_HZ).
cpu_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat; }

# Before each timed run, wait (up to IDLE_WAIT seconds) for a second in which the
# machine is at most 15% busy.
wait_idle() {
    local waited=0 b1 i1 b2 i2
    while :; do
        read -r b1 i1 < <(cpu_ticks); sleep 1; read -r b2 i2 < <(cpu_ticks)
        if awk -v b=$((b2 - b1)) -v i=$((i2 - i1)) 'BEGIN { exit !(b + i == 0 || b / (b + i) <= 0.15) }'; then
            return 0
        fi
        waited=$((waited + 1))
        [ "$waited" -lt "$IDLE_WAIT" ] || return 0
    done
}

# measure NAME CMD...: runs CMD under /usr/bin/time -v; appends "NAME wall_s peak_MB
# cpu_s others_cores" to $RUNS (others_cores: CPU used by other processes during the
# run, in cores); the command's stderr goes to $LAST_ERR. Returns CMD's exit status.
measure() {
    local name=$1; shift
    local tlog=$BENCH_DIR/time.log t0 t1 rc=0 b1 i1 b2 i2
    wait_idle
    read -r b1 i1 < <(cpu_ticks)
    t0=$(date +%s%N)
    run_timed /usr/bin/time -v -o "$tlog" "$@" >/dev/null 2>"$LAST_ERR" || rc=$?
    t1=$(date +%s%N)
    read -r b2 i2 < <(cpu_ticks)
    if [ $rc -ne 0 ]; then
        # A crash dump (a Go runtime trace, say) is long: show its first error lines and
        # its end, and keep the whole of it beside the results.
        cp "$LAST_ERR" "$BENCH_DIR/$name-failed-stderr.txt"
        log "  $name failed (exit $rc; stderr kept in $BENCH_DIR/$name-failed-stderr.txt):"
        { grep -m3 -iE 'fatal|panic|error|out of memory|cannot allocate' "$LAST_ERR"; grep -v '^\s*$' "$LAST_ERR" | tail -3; } >&2
        echo "$name failed" >>"$RUNS"
        return $rc
    fi
    local secs mb cpu others
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    mb=$(awk '/Maximum resident set size/ { printf "%.0f", $NF / 1024 }' "$tlog")
    cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$tlog")
    others=$(awk -v busy=$((b2 - b1)) -v cpu="$cpu" -v secs="$secs" -v hz="$(getconf CLK_TCK)" \
        'BEGIN { o = busy / hz - cpu; if (o < 0) o = 0; printf "%.2f", o / secs }')
    echo "$name $secs $mb $cpu $others" >>"$RUNS"
    log "  $name: ${secs} s, ${mb} MB, ${cpu} CPU s (other processes: ${others} cores)"
}
must() { "$@" || { log "stopping: $2 must succeed"; exit 1; }; }

# col NAME FIELD: the median of one field of NAME's runs ("–" if none succeeded).
col() { awk -v n="$1" -v c="$2" '$1 == n && $2 != "failed" { print $c }' "$RUNS" | median; }
failed() { awk -v n="$1" '$1 == n && $2 == "failed" { f = 1 } END { exit !f }' "$RUNS"; }

corpus() { # corpus SIZE FLAVOUR -> path (generated if missing)
    local dir=$BENCH_DIR/corpus/$1-s$SEED-$GEN_VERSION-$2
    if [ ! -f "$dir/.complete" ]; then
        rm -rf "$dir"
        python3 "$REPO/benches/gen_corpus.py" "$1" "$dir" --seed "$SEED" --flavour "$2" >&2
        touch "$dir/.complete"
    fi
    echo "$dir"
}

# serve_edits SITE NOTE ROUNDS: starts `dossier serve`, appends a paragraph to NOTE
# ROUNDS times (restoring it after each), and records the update time serve reports
# ("updated N pages in X ms") plus the time to fetch the edited page.
serve_edits() {
    local site=$1 note=$2 rounds=$3 slog=$BENCH_DIR/serve.log pid url page lines r ms get
    : >"$slog"
    setsid bash -c "$BOOST"'; exec "${nice_cmd[@]}" "$@"' _ "$DOSSIER" serve --root "$site" --port 0 >"$slog" 2>&1 &
    pid=$!
    wait_for_line() { # wait_for_line PATTERN COUNT: until the log has COUNT matching lines
        local i
        for ((i = 0; i < 6000; i++)); do
            [ "$(grep -cE "$1" "$slog" || true)" -ge "$2" ] && return 0
            kill -0 "$pid" 2>/dev/null || return 1
            sleep 0.1
        done
        return 1
    }
    if ! wait_for_line '^serving ' 1; then
        log "  serve did not start:"; tail -5 "$slog" >&2; kill "$pid" 2>/dev/null || true; return 0
    fi
    url=$(awk '/^serving / { print $2; exit }' "$slog")
    page=${note#"$site/content/"}; page=${page%.md}.html
    for ((r = 1; r <= rounds; r++)); do
        lines=$(grep -cE '^(updated|rebuilt) ' "$slog" || true)
        sleep 1.2 # let the watcher settle: a change right after the last one may merge with it
        printf '\nEen extra alinea voor de meting, zonder cijfers.\n' >>"$note"
        if wait_for_line '^(updated|rebuilt) ' $((lines + 1)); then
            ms=$(grep -E '^(updated|rebuilt) ' "$slog" | tail -1 | sed -E 's/.* in ([0-9.]+) ms.*/\1/')
            get=$(curl -s -o /dev/null -w '%{time_total}' "$url$page" | awk '{ printf "%.0f", $1 * 1000 }')
            echo "serve_edit $ms $get" >>"$RUNS"
            log "  serve one-note update: ${ms} ms, then ${get} ms to fetch the page"
        else
            log "  serve did not report an update:"; tail -3 "$slog" >&2
        fi
        lines=$(grep -cE '^(updated|rebuilt) ' "$slog" || true)
        cp "$BENCH_DIR/edit-backup.md" "$note"
        wait_for_line '^(updated|rebuilt) ' $((lines + 1)) || true
    done
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# --- machine ------------------------------------------------------------------------
MACHINE="$(lscpu | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2; exit }'), $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GB RAM, Linux $(uname -r)"
VERSIONS="$($DOSSIER --version), $(rustc --version | cut -d' ' -f1-2), $(command -v hugo >/dev/null && hugo version | cut -d' ' -f1-2 || echo 'no hugo'), $([ -n "$ZOLA" ] && "$ZOLA" --version || echo 'no zola'), $([ -n "$MDBOOK" ] && "$MDBOOK" --version || echo 'no mdbook')"
log "$MACHINE"
log "$VERSIONS"

RESULTS=$BENCH_DIR/results.md
T_FULL=$BENCH_DIR/table-full.md
T_REBUILD=$BENCH_DIR/table-rebuild.md
T_STAGES=$BENCH_DIR/table-stages.md
T_PEERS=$BENCH_DIR/table-peers.md
T_RATIOS=$BENCH_DIR/table-ratios.md
: >"$T_FULL"; : >"$T_REBUILD"; : >"$T_STAGES"; : >"$T_PEERS"; : >"$T_RATIOS"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == a + 0 && b == b + 0 && b > 0) printf "%.2f×", a / b; else print "–" }'; }
# faster A_VALUE A_NAME B_VALUE B_NAME: "value name" of the smaller of two numbers (a
# value that is not a number, such as "not run", loses); "– –" if neither is one.
faster() {
    awk -v a="$1" -v an="$2" -v b="$3" -v bn="$4" 'BEGIN {
        ok_a = (a == a + 0); ok_b = (b == b + 0)
        if (ok_a && (!ok_b || a + 0 <= b + 0)) print a, an; else if (ok_b) print b, bn; else print "–", "–" }'
}
# tool_row SIZE LABEL RUN_NAME [not run]: a row of the per-tool table (medians).
tool_row() {
    local w c m
    if [ $# -gt 3 ]; then w="not run"; c="–"; m="–"
    else
        w=$(col "$3" 2); c=$(col "$3" 4); m=$(col "$3" 3)
        if [ "$w" = "–" ] && failed "$3"; then w="failed"; fi
    fi
    printf '| %s | %s | %s | %s | %s |\n' "$1" "$2" "$w" "$c" "$m" >>"$T_FULL"
}

for size in "$@"; do
    rounds=${ROUNDS:-$([ "$size" -ge 50000 ] && echo 1 || echo 3)}
    log "== $size notes, $rounds round(s) =="
    site=$(corpus "$size" dossier)
    hsite=""
    [ "$HUGO" = 1 ] && hsite=$(corpus "$size" hugo)
    zsite=""
    [ -n "$ZOLA" ] && zsite=$(corpus "$size" zola)
    msite=""
    [ -n "$MDBOOK" ] && [ "$size" -le "$MDBOOK_MAX" ] && msite=$(corpus "$size" mdbook)
    if [ -n "${OUT_DIR:-}" ]; then out=$OUT_DIR/$size
    elif [ "$size" -lt 50000 ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then out=/dev/shm/dossier-bench-out/$size
    else out=$BENCH_DIR/out/$size; fi
    mkdir -p "$out"
    RUNS=$BENCH_DIR/runs-$size.txt
    LAST_ERR=$BENCH_DIR/last-stderr.txt
    : >"$RUNS"
    md_mb=$(du -sm --apparent-size "$site/content" | cut -f1)

    # The note to edit: the first note of the first folder, restored afterwards.
    edit_note=$(find "$site/content" -mindepth 2 -name '*.md' -not -path '*/sources/*' | LC_ALL=C sort | awk 'NR == 1')
    cp "$edit_note" "$BENCH_DIR/edit-backup.md"
    trap 'cp "$BENCH_DIR/edit-backup.md" "$edit_note"' EXIT
    trap 'exit 130' INT TERM

    # Validation (and warm-up): the corpus must build with 0 errors.
    rm -rf "$out/dossier"
    must measure dossier_check "$DOSSIER" build --root "$site" --output "$out/dossier" -q
    log "  $(tail -1 "$LAST_ERR")"
    if [ "$WARMUP" = 1 ]; then
        rm -rf "$out/floor" && "$FLOOR" "$site/content" "$out/floor" 2>/dev/null
        if [ "$HUGO" = 1 ]; then rm -rf "$out/hugo"; measure hugo_warmup hugo --quiet -s "$hsite" -d "$out/hugo" || true; fi
        if [ -n "$ZOLA" ]; then
            rm -rf "$out/zola"
            if measure zola_warmup "$ZOLA" --root "$zsite" build --output-dir "$out/zola"; then
                # Zola's progress and its warnings both go to stderr.
                log "  zola: $(grep -m1 '^-> Creating' "$LAST_ERR" || true)"
                if grep -vqE '^(Building site|-> Creating|Done in|[[:space:]]*$)' "$LAST_ERR"; then
                    log "  zola said more:"
                    grep -vE '^(Building site|-> Creating|Done in|[[:space:]]*$)' "$LAST_ERR" | head -10 >&2
                fi
            fi
        fi
        if [ -n "$msite" ]; then rm -rf "$out/mdbook"; measure mdbook_warmup "$MDBOOK" build "$msite" -d "$out/mdbook" || true; fi
    fi

    run_dossier() {
        rm -rf "$out/dossier"
        must measure dossier_full "$DOSSIER" build --root "$site" --output "$out/dossier" --timings
        awk '$2 ~ /^[0-9.]+$/ && $3 == "ms" { print "stage_" $1, $2 }' "$LAST_ERR" >>"$RUNS"
        must measure dossier_nochange "$DOSSIER" build --root "$site" --output "$out/dossier"
        printf '\nEen extra alinea voor de meting, zonder cijfers.\n' >>"$edit_note"
        must measure dossier_edit "$DOSSIER" build --root "$site" --output "$out/dossier"
        cp "$BENCH_DIR/edit-backup.md" "$edit_note"
    }
    run_hugo() {
        [ "$HUGO" = 1 ] || return 0
        rm -rf "$out/hugo"
        measure hugo_full hugo --quiet -s "$hsite" -d "$out/hugo" || true
        rm -rf "$out/hugo"
    }
    run_zola() {
        [ -n "$ZOLA" ] || return 0
        rm -rf "$out/zola"
        measure zola_full "$ZOLA" --root "$zsite" build --output-dir "$out/zola" || true
        rm -rf "$out/zola"
    }
    run_mdbook() {
        [ -n "$msite" ] || return 0
        rm -rf "$out/mdbook"
        measure mdbook_full "$MDBOOK" build "$msite" -d "$out/mdbook" || true
        rm -rf "$out/mdbook"
    }
    for ((r = 1; r <= rounds; r++)); do
        log "round $r/$rounds"
        if ((r % 2)); then run_dossier; run_hugo; run_zola; run_mdbook; else run_mdbook; run_zola; run_hugo; run_dossier; fi
        rm -rf "$out/floor"
        must measure floor "$FLOOR" "$site/content" "$out/floor"
    done
    read -r search_kb search_files search_first_kb < <(python3 "$REPO/benches/search_size.py" "$out/dossier")
    [ "${KEEP_OUTPUT:-0}" = 1 ] || rm -rf "$out"
    if [ "$SERVE" = 1 ]; then
        # At least SERVE_EDITS edits (default 5), whatever the rounds: the first comes
        # while serve still builds its first search index on the other core, and one
        # sample of it is not the median.
        edits=$((rounds > SERVE_EDITS ? rounds : SERVE_EDITS))
        log "serve: $edits one-note edit(s)"
        serve_edits "$site" "$edit_note" "$edits"
    fi
    cp "$BENCH_DIR/edit-backup.md" "$edit_note"
    trap - EXIT INT TERM

    d_full=$(col dossier_full 2); d_cpu=$(col dossier_full 4)
    f_full=$(col floor 2); f_cpu=$(col floor 4)
    h_full=$(col hugo_full 2); h_cpu=$(col hugo_full 4)
    z_full=$(col zola_full 2); z_cpu=$(col zola_full 4)
    tool_row "$size" dossier dossier_full
    tool_row "$size" floor floor
    if [ "$HUGO" = 1 ]; then tool_row "$size" Hugo hugo_full; else tool_row "$size" Hugo - "not run"; fi
    if [ -n "$ZOLA" ]; then tool_row "$size" Zola zola_full; else tool_row "$size" Zola - "not run"; fi
    if [ -n "$msite" ]; then tool_row "$size" mdBook mdbook_full
    elif [ -n "$MDBOOK" ]; then tool_row "$size" mdBook - "not run"; fi
    read -r p_full p_full_name < <(faster "$h_full" Hugo "$z_full" Zola)
    read -r p_cpu p_cpu_name < <(faster "$h_cpu" Hugo "$z_cpu" Zola)
    p_full_cell=$(ratio "$d_full" "$p_full"); [ "$p_full_name" = "–" ] || p_full_cell+=" ($p_full_name)"
    p_cpu_cell=$(ratio "$d_cpu" "$p_cpu"); [ "$p_cpu_name" = "–" ] || p_cpu_cell+=" ($p_cpu_name)"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$size" "$md_mb" \
        "$(ratio "$d_full" "$f_full")" "$(ratio "$d_cpu" "$f_cpu")" \
        "$(ratio "$h_full" "$d_full")" "$(ratio "$h_cpu" "$d_cpu")" \
        "$(ratio "$d_full" "$z_full")" "$(ratio "$d_cpu" "$z_cpu")" \
        "$p_full_cell" "$p_cpu_cell" >>"$T_RATIOS"
    serve_ms=$(col serve_edit 2); serve_get=$(col serve_edit 3)
    [ "$SERVE" = 1 ] || { serve_ms="not run"; serve_get="–"; }
    others=$(awk 'NF >= 5 && $1 != "serve_edit" { print $5 }' "$RUNS" | median)
    printf '| %s | %s | %s | %s | %s | %s (%s files) | %s | %s |\n' \
        "$size" "$d_full" "$(col dossier_nochange 2)" "$(col dossier_edit 2)" "$serve_ms + $serve_get" \
        "$search_kb" "$search_files" "$search_first_kb" "$others" >>"$T_REBUILD"
    row="| $size"
    for stage in load parse resolve search render write; do row+=" | $(col "stage_$stage" 2)"; done
    echo "$row |" >>"$T_STAGES"
    if [ -n "$msite" ]; then
        m_full=$(col mdbook_full 2); m_cpu=$(col mdbook_full 4)
        printf '| %s | %s | %s |\n' "$size" "$(ratio "$m_full" "$d_full")" "$(ratio "$m_cpu" "$d_cpu")" >>"$T_PEERS"
    fi
done

{
    echo "Machine: $MACHINE"
    echo "Versions: $VERSIONS; corpus seed $SEED, generator $GEN_VERSION"
    echo "Timed runs at priority: $PRIORITY; outputs on $( [ -n "${OUT_DIR:-}" ] && echo "$OUT_DIR" || echo "tmpfs below 50,000 notes, else disk")."
    echo
    echo "Full builds, medians over the rounds: wall-clock seconds, CPU seconds (user + system)"
    echo "and peak RSS in MB, all from /usr/bin/time -v."
    echo
    echo "| notes | tool | wall s | CPU s | peak MB |"
    echo "| ---: | --- | ---: | ---: | ---: |"
    cat "$T_FULL"
    echo
    echo "Ratios of those medians, wall-clock and CPU. Above 1× in a dossier / X column, dossier"
    echo "is slower; in Hugo / dossier, faster. \"Faster peer\": the faster of Hugo and Zola,"
    echo "separately for wall-clock and CPU time."
    echo
    echo "| notes | Markdown MB | dossier / floor wall | CPU | Hugo / dossier wall | CPU | dossier / Zola wall | CPU | dossier / faster peer wall | CPU |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    cat "$T_RATIOS"
    echo
    echo "Rebuilds (wall-clock seconds; the serve column is serve's own update time plus fetching"
    echo "the edited page, in ms), the search index (KB and files; first query: at most this many"
    echo "KB for up to three words, see benches/search_size.py), and the load from other"
    echo "processes during the timed runs (cores; 0 on a quiet machine)."
    echo
    echo "| notes | full build s | no-change rebuild s | one-note edit s | serve edit ms | search index KB | first query KB | other load |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    cat "$T_REBUILD"
    echo
    echo "dossier \`build --timings\` stages (ms, medians of the full builds):"
    echo
    echo "| notes | load | parse | resolve | search | render | write |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    cat "$T_STAGES"
    if [ -s "$T_PEERS" ]; then
        echo
        echo "mdBook on the same notes as a book (its times are in the first table):"
        echo
        echo "| notes | mdBook / dossier wall | CPU |"
        echo "| ---: | ---: | ---: |"
        cat "$T_PEERS"
    fi
} >"$RESULTS"
cat "$RESULTS"
log "raw runs in $BENCH_DIR/runs-SIZE.txt; these tables in $RESULTS"
