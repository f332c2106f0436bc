#!/usr/bin/env bash
# Installs what the test suites need, only when it is missing (`npm run test:all` runs it;
# `npm test` installs nothing and skips the suites whose tools are missing):
#   - Debian packages: pandoc (the unit tests compare citations with it), poppler-utils
#     (pdftotext, which the bench's PDF section compares with), chromium (driven by
#     playwright-core), neovim (0.7.2), Emacs 28 with eglot and markdown-mode,
#     ripgrep (code-server's search), and the toolchain code-server's natives build with;
#   - code-server@4.100.3 into .e2e/code-server (outside node_modules, gitignored),
#     following ../shared/notes/real-editors.md: scripts off, Debian's rg, natives rebuilt.
# Nothing here downloads a browser or a prebuilt binary: npm packages and Debian packages only.
#
# Usage: scripts/install-editors.sh [--apt-only | --code-server-only]
# Env:   VERBATIM_E2E_DIR  cache folder (default: <repo>/.e2e)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E_DIR="${VERBATIM_E2E_DIR:-$ROOT/.e2e}"
CS_VERSION="4.100.3"
CS_DIR="$E2E_DIR/code-server"
CS_MARKER="$CS_DIR/.installed-$CS_VERSION"
APT_PACKAGES=(pandoc poppler-utils chromium ripgrep neovim emacs-nox elpa-eglot elpa-markdown-mode g++ make python3 pkg-config libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev)

log() { printf '[install-editors] %s\n' "$*" >&2; }

install_apt() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    log "Debian packages present"
    return
  fi
  if [ "$(id -u)" -ne 0 ]; then
    log "missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install -y ${missing[*]})"
    exit 1
  fi
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_code_server() {
  if [ -f "$CS_MARKER" ] && [ -f "$CS_DIR/node_modules/code-server/out/node/entry.js" ]; then
    log "code-server $CS_VERSION present in $CS_DIR"
    return
  fi
  if ! command -v rg >/dev/null; then
    log "ripgrep is missing (code-server needs it): run $0 as root, or apt-get install ripgrep"
    exit 1
  fi
  log "installing code-server $CS_VERSION into $CS_DIR (about a minute)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  export npm_config_unsafe_perm=true npm_config_nodedir=/usr npm_config_yes=true
  export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
  cd "$CS_DIR"
  printf '{ "name": "verbatim-e2e-code-server", "private": true }\n' > package.json
  npm install --ignore-scripts --no-save "code-server@$CS_VERSION" >/dev/null
  local vscode="$CS_DIR/node_modules/code-server/lib/vscode"
  (cd "$vscode" && npm install --omit=dev --ignore-scripts >/dev/null)
  # @vscode/ripgrep's postinstall would download rg; it skips when bin/ exists.
  mkdir -p "$vscode/node_modules/@vscode/ripgrep/bin"
  cp "$(command -v rg)" "$vscode/node_modules/@vscode/ripgrep/bin/rg"
  (cd "$vscode" && npm rebuild >/dev/null)
  npm rebuild >/dev/null
  touch "$CS_MARKER"
  log "code-server installed"
}

case "${1:-}" in
  --apt-only) install_apt ;;
  --code-server-only) install_code_server ;;
  "") install_apt; install_code_server ;;
  *) log "unknown option: $1"; exit 2 ;;
esac
