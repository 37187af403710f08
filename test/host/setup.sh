#!/usr/bin/env bash
# Installs the offline VS Code test host: code-server (VS Code 1.100.3 server + web workbench)
# and playwright-core from npm, driving Debian's Chromium. Idempotent: the apt step installs only
# what is missing, and `npm ci` is skipped while node_modules/.techblog-stamp matches the lockfile.
# Usage: bash test/host/setup.sh [--force]
set -euo pipefail

HOST_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HOST_DIR"
FORCE=0
[ "${1:-}" = "--force" ] && FORCE=1

# Each line says how long the setup has been running (bash counts SECONDS from the start).
say() { echo "[setup] ${SECONDS}s: $*"; }

# Everything npm, the install scripts and code-server write to a temp dir stays in here (gitignored).
TMP_DIR="$HOST_DIR/.tmp"

# `code-server --version` writes a default config into $XDG_CONFIG_HOME: keep it out of $HOME.
cs_version() {
  XDG_CONFIG_HOME="$TMP_DIR/xdg-config" XDG_DATA_HOME="$TMP_DIR/xdg-data" \
    ./node_modules/.bin/code-server --version 2>/dev/null | grep -m1 'with Code'
}

# --- apt packages -------------------------------------------------------------------------------
# libkrb5-dev: gssapi headers for the native `kerberos` module VS Code's server builds.
# ripgrep: VS Code's search needs rg; its npm package would download it from GitHub (seeded below).
# chromium: the browser that runs the workbench.
# python3/make/g++: node-gyp builds the native modules (node-pty, spdlog, ...).
APT_PKGS=(libkrb5-dev ripgrep chromium python3 make g++)
missing=()
for pkg in "${APT_PKGS[@]}"; do
  case "$pkg" in
    # These may come from elsewhere than apt (pyenv, toolchains): a working command is enough.
    python3|make|g++) command -v "$pkg" >/dev/null 2>&1 || missing+=("$pkg") ;;
    ripgrep) command -v rg >/dev/null 2>&1 || missing+=("$pkg") ;;
    chromium) command -v chromium >/dev/null 2>&1 || missing+=("$pkg") ;;
    *) dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg") ;;
  esac
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    say "step 1 of 2: installing apt packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "[setup] ERROR: the VS Code test host needs these system packages: ${missing[*]}" >&2
    echo "[setup] Install them, then run this again:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# --- npm install --------------------------------------------------------------------------------
STAMP="node_modules/.techblog-stamp"
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$FORCE" -eq 0 ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
  say "npm packages up to date (code-server $(cs_version))"
  exit 0
fi

mkdir -p "$TMP_DIR"

# @vscode/ripgrep@1.15.11 (pinned in code-server 4.100.3's lib/vscode/npm-shrinkwrap.json) downloads
# rg from GitHub in its postinstall, unless its download cache under $TMPDIR already holds the
# archive. Seed that cache with Debian's rg. Both names are tied to those versions.
RG_CACHE="$TMP_DIR/vscode-ripgrep-cache-1.15.11"
RG_ARCHIVE="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$RG_ARCHIVE" ]; then
  mkdir -p "$RG_CACHE" "$TMP_DIR/rg"
  cp "$(command -v rg)" "$TMP_DIR/rg/rg"
  tar czf "$RG_ARCHIVE" -C "$TMP_DIR/rg" rg
  rm -rf "$TMP_DIR/rg"
fi

# node-gyp must build against the local Node headers (it cannot download them). Machines set up
# for this project configure npm's nodedir already; otherwise point it at the running Node's.
if [ -z "${npm_config_nodedir:-}" ] && [ "$(npm config get nodedir 2>/dev/null)" = "undefined" ]; then
  node_prefix="$(dirname "$(dirname "$(command -v node)")")"
  if [ -f "$node_prefix/include/node/common.gypi" ]; then
    export npm_config_nodedir="$node_prefix"
  fi
fi

say "step 2 of 2: npm ci in test/host (code-server builds its native modules: 2–4 minutes, quiet meanwhile)"
started=$SECONDS
# unsafe_perm: code-server's postinstall refuses to run as root without it.
# yes: node-pty's postinstall runs `npx node-gyp`, which aborts when it cannot ask (no TTY).
# Install scripts of code-server and argon2 are approved in package.json#allowScripts; those of
# the packages code-server's postinstall installs in its own lib/vscode are reported by that
# nested npm as unreviewed, and run.
TMPDIR="$TMP_DIR" npm_config_unsafe_perm=true npm_config_yes=true \
  npm ci --no-audit --no-fund --loglevel=error

# Fail here, not in the first test run, if a native module was not built.
for f in \
  node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node \
  node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg \
  node_modules/code-server/lib/vscode/node_modules/kerberos/build/Release/kerberos.node; do
  if [ ! -e "$f" ]; then
    echo "[setup] ERROR: npm ci finished but $f is missing (an install script did not run?)" >&2
    exit 1
  fi
done

version="$(cs_version)" || { echo "[setup] ERROR: the installed code-server does not start" >&2; exit 1; }
echo "$want" > "$STAMP"
say "done in $((SECONDS - started)) s: code-server $version"
