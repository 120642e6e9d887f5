#!/bin/sh
# kiosk-config.sh: kiosk.ini as banlang-kiosk reads it, before any window opens: a key or group
# it does not know is an error naming the file and the key; [sync] keys that need one another;
# and the example in kiosk/data/ holds only keys the kiosk knows.
# Usage: kiosk-config.sh BANLANG-KIOSK EXAMPLE-INI
set -u
kiosk=$1
example=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

fail () {
  echo "FAIL: $*"
  exit 1
}

# expect NAME STATUS TEXT INI-CONTENT: the kiosk given that kiosk.ini exits with STATUS, saying TEXT.
expect () {
  printf '%b' "$4" > "$dir/$1.ini"
  out=$("$kiosk" --config "$dir/$1.ini" --db "$dir/none/content.db" 2>&1)
  status=$?
  [ "$status" -eq "$2" ] || fail "$1: exit status $status, not $2: $out"
  case $out in
    *"$3"*) ;;
    *) fail "$1: “$out” does not say “$3”" ;;
  esac
}

expect unknown-key 1 "$dir/unknown-key.ini: unknown key “urls” in [sync]" '[sync]\nurls = http://127.0.0.1:1/\n'
expect unknown-group 1 "$dir/unknown-group.ini: unknown group [network]" '[kiosk]\nlang = vi\n[network]\nurl = x\n'
expect url-without-trust 2 "[sync] url needs trust" '[sync]\nurl = http://127.0.0.1:1/\n'
expect usage-without-key 2 "usage_url and usage_key go together" '[sync]\ntrust = root.pub\nusage_url = http://127.0.0.1:1/usage\n'
expect short-interval 2 "[sync] interval: 5 is not between" '[sync]\ntrust = root.pub\ninterval = 5\n'
expect bad-interval 1 "$dir/bad-interval.ini: [sync] interval:" '[sync]\ninterval = often\n'

# The example's keys are all known: it gets as far as opening the (missing) database.
out=$("$kiosk" --config "$example" --db "$dir/none/content.db" 2>&1)
case $out in
  *unknown*|*needs*|*together*) fail "example: $out" ;;
  *"$dir/none/content.db"*) ;;
  *) fail "example: “$out” is not about the missing database" ;;
esac
echo "ok"
