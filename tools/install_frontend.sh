#!/usr/bin/env bash
# Front-end files for the dashboard, from the npm registry (package.json / package-lock.json):
# Natural Earth country outlines (world-atlas) and Swagger UI (swagger-ui-dist) into ./node_modules
# (git-ignored), without running any package install scripts. Served locally
# by `eventwire serve`; nothing is fetched at run time. Without them the map has no outlines.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing npm (Debian) for the dashboard's map outlines"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends npm >/dev/null
  else
    echo "warning: npm not found: the dashboard's map will have no country outlines (install npm, rerun make install)" >&2
    exit 0
  fi
fi
if [ -f node_modules/world-atlas/countries-50m.json ] && [ -f node_modules/swagger-ui-dist/swagger-ui-bundle.js ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  exit 0
fi
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
