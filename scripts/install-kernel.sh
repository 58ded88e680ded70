#!/usr/bin/env bash
# Registers the tslab (TypeScript) Jupyter kernel for this checkout, per user.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/node_modules/.bin/tslab" install --python=/usr/bin/python3 --user --binary="$root/scripts/tslab-kernel.sh"
