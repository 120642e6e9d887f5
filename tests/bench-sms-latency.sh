#!/bin/sh
# How long a message waits in gammu's inbox before banlang-sms has queued its reply, and what an
# idle responder costs. Not a test: prints figures.   bench-sms-latency.sh BANLANG_SMS CONTENT_DB
# (Each figure includes starting the sqlite3 shell that inserts and polls: an upper bound.)
set -eu
banlang_sms=$1
content=$2
dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
"$banlang_sms" init --smsd-db "$dir/smsd.db" >/dev/null
"$banlang_sms" run --smsd-db "$dir/smsd.db" --db "$content" &
pid=$!
sleep 1
ticks_before=$(awk '{ print $14 + $15 }' /proc/$pid/stat)
sleep 10
ticks_after=$(awk '{ print $14 + $15 }' /proc/$pid/stat)
echo "idle: $((ticks_after - ticks_before)) clock ticks of CPU in 10 s ($(getconf CLK_TCK) a second)"
for i in $(seq 1 50); do
  n=$(sqlite3 "$dir/smsd.db" "SELECT count(*) FROM outbox")
  t0=$(date +%s%N)
  sqlite3 "$dir/smsd.db" "INSERT INTO inbox (SenderNumber, TextDecoded, Text, UDH, RecipientID) VALUES ('+849120$((10000 + i))', 'LUAT', '', '', 'bench')"
  while [ "$(sqlite3 "$dir/smsd.db" "SELECT count(*) FROM outbox")" -le "$n" ]; do :; done
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
done | sort -n | awk '{ a[NR] = $1 } END { printf "inbox row to queued reply: median %d ms, p90 %d ms, max %d ms (%d messages)\n", a[int(NR / 2) + 1], a[int(NR * 0.9)], a[NR], NR }'
