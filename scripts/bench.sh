#!/bin/sh
# npm run bench -- <name> [args…]: runs bench/<name>.ts with the project's Node.
set -e
. "$(dirname "$0")/node-path.sh"
name="${1:-}"
if [ -z "$name" ] || [ ! -f "bench/$name.ts" ]; then
  echo "usage: npm run bench -- <name>   (one of: $(ls bench | grep '\.ts$' | grep -v '^_' | sed 's/\.ts$//' | tr '\n' ' '))" >&2
  exit 2
fi
shift
exec node --import tsx "bench/$name.ts" "$@"
