#!/usr/bin/env bash
# The command Jupyter starts for the tslab kernel: the project's Node (22+) and its tslab,
# so notebooks can require() the compiled runtime.
DRLWB_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export DRLWB_ROOT
. "$DRLWB_ROOT/scripts/node-path.sh"
exec node "$DRLWB_ROOT/node_modules/tslab/bin/tslab" "$@"
