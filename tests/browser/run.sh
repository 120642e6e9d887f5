#!/bin/sh
# The hub's end-to-end browser tests: seeds the demo content in a temporary directory, adds a
# publisher and an editor, starts banlang-hub on a free port of 127.0.0.1 (the hub picks it: port
# 0), runs the node tests (hub.spec.mjs) against it in Debian's chromium, and stops the hub.
#
#   run.sh BANLANG BANLANG_HUB [SCREENSHOT_DIR]
#
# The driver (playwright-core, pinned in package-lock.json) is installed by scripts/deps with
# `npm ci`; no browser is ever downloaded: the tests launch /usr/bin/chromium (or $CHROMIUM).
set -eu

banlang=$1
hub=$2
shots=${3:-}
here=$(cd "$(dirname "$0")" && pwd)

if [ ! -d "$here/node_modules/playwright-core" ]; then
  echo "run.sh: $here/node_modules is missing: run scripts/deps (it runs npm ci)" >&2
  exit 1
fi
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "run.sh: no browser at $chromium: run scripts/deps" >&2
  exit 1
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/banlang-hub-browser.XXXXXX")
hub_pid=""
cleanup() {
  if [ -n "$hub_pid" ]; then
    kill "$hub_pid" 2>/dev/null || true
    wait "$hub_pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

password='a-long-password-1'
printf '%s\n' "$password" >"$dir/pw"
"$banlang" demo --db "$dir/content.db" --force >/dev/null
"$hub" user add --hub-db "$dir/hub.db" --name lan --role publisher --password-file "$dir/pw" >/dev/null
"$hub" user add --hub-db "$dir/hub.db" --name minh --role editor --password-file "$dir/pw" >/dev/null

"$hub" serve --db "$dir/content.db" --hub-db "$dir/hub.db" --listen 127.0.0.1:0 >"$dir/hub.log" 2>&1 &
hub_pid=$!

# The hub prints its address once it listens; wait for that line (or for the hub to die).
url=""
tries=0
while [ -z "$url" ]; do
  url=$(sed -n 's|^banlang-hub: serving .* on \(http://127\.0\.0\.1:[0-9]*\)/.*$|\1|p' "$dir/hub.log")
  [ -n "$url" ] && break
  if ! kill -0 "$hub_pid" 2>/dev/null || [ $tries -ge 300 ]; then
    echo "run.sh: banlang-hub did not start:" >&2
    cat "$dir/hub.log" >&2
    exit 1
  fi
  tries=$((tries + 1))
  sleep 0.1
done

[ -n "$shots" ] && mkdir -p "$shots"
status=0
HUB_URL=$url CONTENT_DB=$dir/content.db BANLANG=$banlang HUB_PASSWORD=$password \
  SCREENSHOT_DIR=$shots CHROMIUM=$chromium \
  node "$here/hub.spec.mjs" || status=$?
if [ $status -ne 0 ]; then
  echo "--- banlang-hub's log" >&2
  cat "$dir/hub.log" >&2
fi
exit $status
