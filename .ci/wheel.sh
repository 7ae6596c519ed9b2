#!/usr/bin/env bash
# The Python wheel, as an analyst without Rust would use it: build it with maturin,
# `pip install` it into a fresh venv, and with the `dossier` command that gives, start a
# site, check it, build it, and build the bundled knowledge base.
#
# The wheel is built with the dev profile (stripped): that proves the packaging (the
# binary lands on PATH and runs, the theme is embedded, the wheel's platform tag is
# right) and, after `cargo test`, only links the binary again (~5 s) instead of a
# release build with LTO (minutes). The release workflow builds the real wheels.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

step() { echo "-- wheel: $*"; current="$*"; }
current="start"
tmp=$(mktemp -d)
on_exit() {
  local status=$?
  [ $status -eq 0 ] || echo "wheel.sh: FAILED at: $current (exit $status)" >&2
  rm -rf "$tmp"
}
trap on_exit EXIT

step "maturin from PyPI into a throwaway venv"
python3 -m venv "$tmp/build-venv"
"$tmp/build-venv/bin/pip" install --quiet --disable-pip-version-check "maturin>=1.5,<2"
"$tmp/build-venv/bin/maturin" --version

step "maturin build --profile dev --strip"
"$tmp/build-venv/bin/maturin" build --quiet --profile dev --strip --locked --out "$tmp/dist"
wheels=("$tmp"/dist/*.whl)
[ ${#wheels[@]} -eq 1 ] && [ -f "${wheels[0]}" ] || { echo "expected one wheel, got: ${wheels[*]}" >&2; exit 1; }
wheel=${wheels[0]}
echo "built $(basename "$wheel")"

ms() { echo $(($(date +%s%N) / 1000000)); }
step "pip install the wheel into a fresh venv"
start=$(ms)
python3 -m venv "$tmp/user-venv"
"$tmp/user-venv/bin/pip" install --quiet --disable-pip-version-check --no-index "$wheel"
export PATH="$tmp/user-venv/bin:$PATH"
found=$(command -v dossier)
[ "$found" = "$tmp/user-venv/bin/dossier" ] || { echo "dossier on PATH is $found, not the wheel's" >&2; exit 1; }
dossier --version
installed=$(ms)

step "dossier init demo; check --deny-warnings; build"
cd "$tmp"
dossier init demo
dossier check --deny-warnings --root demo
dossier build --root demo
test -f demo/output/index.html

step "dossier build of the bundled knowledge base"
dossier build --root "$repo" --output "$tmp/bundled"
test -f "$tmp/bundled/index.html"
end=$(ms)

size() { du -k "$1" | cut -f1; }
echo "wheel:  $(basename "$wheel"), $(size "$wheel") KiB"
echo "binary: $(size "$found") KiB (dev profile, stripped)"
secs() { printf '%d.%03d s' $(($1 / 1000)) $(($1 % 1000)); }
echo "from pip install to built sites: $(secs $((end - start))) (new venv and pip install $(secs $((installed - start))), init, check and both builds $(secs $((end - installed))))"
echo "wheel: ok"
