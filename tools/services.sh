#!/usr/bin/env bash
# Install (where missing) and start the services the tests use, on loopback only:
# PostgreSQL (Debian's postgresql) and Chromium (Debian's chromium) for browser tests.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# PostgreSQL: a private cluster under .services/ owned by the postgres user, on 127.0.0.1:55432.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGDATA="$(pwd)/.services/pgdata"
PGPORT="${EVENTWIRE_PG_PORT:-55432}"
mkdir -p .services
chmod 755 .services
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"; chown postgres:postgres "$PGDATA"
  su postgres -c "$PGBIN/initdb -D '$PGDATA' -A trust -U postgres >/dev/null"
fi
if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" 2>/dev/null; then
  echo "postgresql: a server already answers on 127.0.0.1:$PGPORT; using it"
elif ! su postgres -c "$PGBIN/pg_ctl -D '$PGDATA' status" >/dev/null 2>&1; then
  su postgres -c "$PGBIN/pg_ctl -D '$PGDATA' -l '$PGDATA/server.log' -w -o \"-h 127.0.0.1 -p $PGPORT -k /tmp\" start" >/dev/null
fi
echo "postgresql: postgresql://postgres@127.0.0.1:$PGPORT/postgres"
# Chromium: check it really starts headless and renders a page (browser tests drive it through Playwright).
CHROME_PROFILE=$(mktemp -d)
CHROME_OUT=$(timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --no-first-run --user-data-dir="$CHROME_PROFILE" \
  --dump-dom 'data:text/html,<p>eventwire-ok</p>' 2>/dev/null || true)
rm -rf "$CHROME_PROFILE"
case "$CHROME_OUT" in
  *eventwire-ok*) ;;
  *) echo "chromium is installed but does not render a page headless" >&2; exit 1 ;;
esac
echo "chromium: $(command -v chromium) (renders headless)"
