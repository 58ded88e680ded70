#!/usr/bin/env bash
# Quick start: set everything up, then run the main job on the bundled data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/node-path.sh
node bin/drlwb.js run specs/quickstart.yaml "$@"
