#!/usr/bin/env bash
# Installs a released dossier into DEST/bin without a Rust toolchain, for action.yml and
# .github/workflows/pages.yml (and anyone with bash):
#   1. the release archive for this OS and CPU from GitHub, checked against the
#      release's SHA256SUMS (with `gh` when it is there, else curl);
#   2. if that fails (no release, no archive for this platform, no network to GitHub),
#      the wheel from PyPI (`pip install dossier-wiki`) into DEST/venv.
# Usage: install-dossier.sh [VERSION|latest] [DEST]
# Environment: DOSSIER_REPO (owner/name to download from), GH_TOKEN (for gh on Actions),
# GITHUB_PATH (when set, DEST/bin is added to the PATH of later steps).
set -euo pipefail

version=${1:-latest}
version=${version#v}
dest=${2:-$HOME/.dossier}
repo=${DOSSIER_REPO:-dossier-wiki/dossier}
mkdir -p "$dest/bin"
dest=$(cd "$dest" && pwd)

os=${RUNNER_OS:-$(uname -s)}
arch=${RUNNER_ARCH:-$(uname -m)}
case "$os/$arch" in
  Linux/X64 | Linux/x86_64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64 | Linux/aarch64 | Linux/arm64) target=aarch64-unknown-linux-musl ;;
  macOS/X64 | Darwin/x86_64) target=x86_64-apple-darwin ;;
  macOS/ARM64 | Darwin/arm64) target=aarch64-apple-darwin ;;
  # Windows on ARM runs the x86_64 build under emulation.
  Windows/* | MINGW*/* | MSYS*/* | CYGWIN*/*) target=x86_64-pc-windows-msvc ;;
  *) target="" ;;
esac
exe=dossier
ext=tar.gz
if [ "$target" = x86_64-pc-windows-msvc ]; then
  exe=dossier.exe
  ext=zip
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sha256_check() {
  if command -v sha256sum >/dev/null; then sha256sum -c -; else shasum -a 256 -c -; fi
}

from_release() {
  [ -n "$target" ] || { echo "no release build for $os/$arch"; return 1; }
  local tag=""
  [ "$version" = latest ] || tag="v$version"
  if command -v gh >/dev/null && [ -n "${GH_TOKEN:-${GITHUB_TOKEN:-}}" ]; then
    # Without a tag, gh downloads from the latest release.
    gh release download ${tag:+"$tag"} --repo "$repo" --dir "$work" \
      --pattern "dossier-*-$target.$ext" --pattern SHA256SUMS || return 1
  else
    if [ -z "$tag" ]; then
      tag=$(curl -fsSL "https://api.github.com/repos/$repo/releases/latest" |
        sed -n 's/^ *"tag_name": *"\([^"]*\)".*/\1/p') || return 1
      [ -n "$tag" ] || return 1
    fi
    local base="https://github.com/$repo/releases/download/$tag"
    curl -fsSL -o "$work/dossier-${tag#v}-$target.$ext" "$base/dossier-${tag#v}-$target.$ext" || return 1
    curl -fsSL -o "$work/SHA256SUMS" "$base/SHA256SUMS" || return 1
  fi
  local archive
  archive=$(cd "$work" && ls dossier-*-"$target.$ext")
  (cd "$work" && grep " $archive\$" SHA256SUMS | sha256_check) || { echo "checksum mismatch for $archive"; return 1; }
  if [ "$ext" = zip ]; then
    (cd "$work" && unzip -q "$archive")
  else
    tar -xzf "$work/$archive" -C "$work"
  fi
  cp "$work/${archive%."$ext"}/$exe" "$dest/bin/$exe"
  chmod +x "$dest/bin/$exe"
  echo "installed $archive from $repo"
}

from_pypi() {
  local python
  python=$(command -v python3 || command -v python) || { echo "no python for the PyPI fallback"; return 1; }
  "$python" -m venv "$dest/venv" || return 1
  local bin="$dest/venv/bin"
  [ -d "$bin" ] || bin="$dest/venv/Scripts"
  local spec=dossier-wiki
  [ "$version" = latest ] || spec="dossier-wiki==$version"
  "$bin/python" -m pip install --quiet --disable-pip-version-check "$spec" || return 1
  cp "$bin/$exe" "$dest/bin/$exe"
  echo "installed $spec from PyPI"
}

# Each way runs in a subshell that is not part of an `if`, `!` or `||`: only there does
# `set -e` stop it at its first failing command (in a condition bash ignores -e).
set +e
(set -e; from_release)
status=$?
if [ $status -ne 0 ]; then
  echo "no release archive to use; trying the wheel from PyPI"
  (set -e; from_pypi)
  status=$?
fi
set -e
[ $status -eq 0 ] || { echo "could not install dossier $version" >&2; exit 1; }
"$dest/bin/$exe" --version
if [ -n "${GITHUB_PATH:-}" ]; then
  # On Windows runners PATH holds Windows paths, not Git Bash's /d/a/… form.
  if command -v cygpath >/dev/null; then cygpath -w "$dest/bin" >>"$GITHUB_PATH"; else echo "$dest/bin" >>"$GITHUB_PATH"; fi
else
  echo "add $dest/bin to your PATH"
fi
