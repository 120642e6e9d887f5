#!/bin/sh
# The kiosk as a cultural house runs it: cage on wlroots' headless backend (software rendering)
# starts banlang-kiosk with its systemd unit's command line, as an unprivileged user (cage
# refuses root), in a D-Bus session of its own. A visitor's taps come through the accessibility
# bus (kiosk-tapper), since Debian 12's cage has no virtual pointer; grim takes the screenshots.
# Checks: the kiosk fills the output, a tap sequence goes Home → Law → a topic → an item and
# back, and left alone it asks "Are you still there?" and then goes back to its attract screen,
# where the next visitor's touch starts at Home again.
#   kiosk-deployed.sh BANLANG BANLANG-KIOSK KIOSK-TAPPER UNIT-FILE SCREENSHOT-DIR
set -eu
banlang=$1
kiosk=$2
tapper=$3
unit=$4
shots=$5

fail () { echo "FAIL: $*"; echo "--- cage and kiosk:"; tail -20 "$dir/cage.log" 2>/dev/null || true; exit 1; }
for tool in cage grim dbus-run-session runuser; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed (scripts/deps installs it)"; exit 1; }
done

# cage drops to the user that starts it: a real unprivileged one, as the unit's User= is.
user=nobody
if [ "$(id -u)" -eq 0 ]; then
  as_user () { runuser -u "$user" -- "$@"; }
  if ! as_user test -x "$kiosk" -a -x "$tapper" -a -r "$(dirname "$0")/kiosk-visit.sh"; then
    echo "SKIP: $user cannot reach $kiosk (the build tree is not readable by other users)"
    exit 77
  fi
else
  as_user () { "$@"; }
fi

dir=$(mktemp -d)
cleanup () { status=$?; rm -rf "$dir"; exit $status; }
trap cleanup EXIT
"$banlang" demo --db "$dir/content.db" >/dev/null
printf '[kiosk]\ndatabase = %s\nidle_seconds = 30\n' "$dir/content.db" > "$dir/kiosk.ini"
mkdir -p "$dir/home" "$dir/runtime" "$dir/shots" "$shots"
chmod 700 "$dir/runtime"
[ "$(id -u)" -eq 0 ] && chown -R "$user" "$dir"

# The unit's cage command line, with this build's kiosk and the test's settings. "-r -r" turns
# the output upside down and back: it keeps cage 0.1.4 compositing, since its direct scan-out of
# a full-screen window fails on the headless backend and leaves the output black.
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
case $exec_start in
  */cage\ --\ */banlang-kiosk) ;;
  *) fail "$unit: ExecStart is not “cage -- banlang-kiosk”: $exec_start" ;;
esac
cage=${exec_start%% --*}

cat > "$dir/session.sh" <<EOF
#!/bin/sh
# Inside the kiosk user's D-Bus session: cage with the kiosk, then the visitor.
set -u
export HOME="$dir/home" XDG_RUNTIME_DIR="$dir/runtime" LANG=C.UTF-8
export WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 WLR_HEADLESS_OUTPUTS=1
"$cage" -r -r -- "$kiosk" --config "$dir/kiosk.ini" >"$dir/cage.log" 2>&1 &
cage_pid=\$!
export WAYLAND_DISPLAY=wayland-0
sh "$(cd "$(dirname "$0")" && pwd)/kiosk-visit.sh" "$tapper" "$dir/shots"
status=\$?
kill -0 \$cage_pid 2>/dev/null || { echo "FAIL: cage and the kiosk stopped during the visit"; status=1; }
kill \$cage_pid 2>/dev/null
wait \$cage_pid 2>/dev/null
exit \$status
EOF
chmod +x "$dir/session.sh"
as_user dbus-run-session -- "$dir/session.sh" 2>"$dir/session.log" || { status=failed; }
cp "$dir"/shots/*.png "$shots"/ 2>/dev/null || true
[ "${status:-}" != failed ] || { cat "$dir/session.log"; fail "the visit failed (screenshots in $shots)"; }
echo "ok: the kiosk filled cage's output, took a tap sequence and idled back to its attract screen, whose touch started at Home again"
