#!/usr/bin/env bash
# Installs what the end-to-end tests need to run the extension in a real VS Code workbench without
# downloading VS Code: Debian's Chromium and ripgrep, and code-server (VS Code 1.100.3 served to a
# browser) plus playwright-core in a cache folder of their own. Kept out of the project's
# node_modules because code-server's native modules would rebuild on every `npm ci`.
# Idempotent: a second run only checks and exits.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3        # newest release whose engines.node accepts Node 20
PLAYWRIGHT_CORE_VERSION=1.65.1
RIPGREP_PKG_VERSION=1.15.11        # @vscode/ripgrep pinned by code-server 4.100.3
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

CACHE="${DOC_TRUTH_E2E_CACHE:-$HOME/.cache/doc-truth-e2e}"
STAMP="$CACHE/.provisioned-code-server-$CODE_SERVER_VERSION-playwright-core-$PLAYWRIGHT_CORE_VERSION"
APT_PACKAGES=(chromium ripgrep libkrb5-dev build-essential pkg-config python3)

log() { printf '[e2e provision] %s\n' "$*" >&2; }

missing_apt=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing_apt+=("$pkg")
done
if ((${#missing_apt[@]})); then
  if ! command -v apt-get >/dev/null; then
    log "missing Debian packages (${missing_apt[*]}) and no apt-get to install them"
    exit 1
  fi
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  log "installing Debian packages: ${missing_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing_apt[@]}" >&2
fi

if [ -f "$STAMP" ] && [ -x "$CACHE/node_modules/.bin/code-server" ] && [ -d "$CACHE/node_modules/playwright-core" ]; then
  log "code-server $CODE_SERVER_VERSION and playwright-core $PLAYWRIGHT_CORE_VERSION already in $CACHE"
  exit 0
fi

# @vscode/ripgrep's postinstall fetches ripgrep from GitHub unless this cached tarball exists;
# Debian's rg (13.0.0, the same release) stands in for it.
RG_CACHE="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
if [ ! -s "$RG_CACHE/$RIPGREP_ASSET" ]; then
  log "packing /usr/bin/rg as $RG_CACHE/$RIPGREP_ASSET"
  mkdir -p "$RG_CACHE"
  tar -czf "$RG_CACHE/$RIPGREP_ASSET" -C /usr/bin rg
fi

log "installing code-server@$CODE_SERVER_VERSION and playwright-core@$PLAYWRIGHT_CORE_VERSION into $CACHE (takes a minute or two)"
mkdir -p "$CACHE"
if [ ! -f "$CACHE/package.json" ]; then
  printf '{\n  "name": "doc-truth-e2e-tools",\n  "private": true\n}\n' >"$CACHE/package.json"
fi
# unsafe_perm: code-server's postinstall refuses to run as root otherwise.
# yes: node-pty's postinstall runs `npx node-gyp`, which would stop to ask.
(
  cd "$CACHE"
  npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund --save-exact \
    "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_CORE_VERSION" >&2
)
# Its own XDG dirs: code-server writes a default config under $HOME on any start.
XDG_TMP="$(mktemp -d)"
XDG_CONFIG_HOME="$XDG_TMP" XDG_DATA_HOME="$XDG_TMP" "$CACHE/node_modules/.bin/code-server" --version >&2
rm -rf "$XDG_TMP"
rm -f "$CACHE"/.provisioned-*
touch "$STAMP"
log "done"
