#!/usr/bin/env bash
# Quick start: set everything up, then run the main job on the bundled data and show it in the
# tracking store (drlwb.db here; every run writes its row, params and metrics there).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/node-path.sh
node bin/drlwb.js run specs/quickstart.yaml "$@"
node bin/drlwb.js runs list --sort -sharpe --columns sharpe,cagr,maxDrawdown --limit 5
