#!/usr/bin/env bash
# The command Jupyter starts for the tslab kernel: the project's Node (22+) and its tslab,
# so notebooks can require() the compiled runtime.
DRLWB_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export DRLWB_ROOT
. "$DRLWB_ROOT/scripts/node-path.sh"
# tslab type-checks with classic (node10) module resolution, which knows neither package
# self-reference nor "exports": a link node_modules/drl-workbench -> .. lets notebooks import
# "drl-workbench" and "drl-workbench/notebook" (package.json "typesVersions") as users do.
[ -e "$DRLWB_ROOT/node_modules/drl-workbench" ] || ln -s .. "$DRLWB_ROOT/node_modules/drl-workbench"
exec node "$DRLWB_ROOT/node_modules/tslab/bin/tslab" "$@"
