#!/bin/sh
# Replies per second: 1, 2 and 4 banlang-sms workers on PostgreSQL against one on SQLite.
# N messages (distinct numbers and texts) go straight into gammu's inbox; the time until every
# one is processed is measured. Run by hand: tests/bench-sms-pg.sh build [N]
set -eu
build=$1
n=${2:-2000}
banlang=$build/content/banlang
banlang_sms=$build/sms/banlang-sms

if [ "${3:-}" != inner ]; then
  exec pg_virtualenv -t sh "$0" "$build" "$n" inner
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$banlang" demo --db "$dir/content.db" >/dev/null
conninfo="host=$PGHOST port=$PGPORT user=$PGUSER password=$PGPASSWORD dbname=$PGDATABASE"
"$banlang_sms" init --smsd-db "$conninfo" >/dev/null
"$banlang_sms" init --smsd-db "$dir/smsd.db" >/dev/null
values="SELECT '+849' || lpad(g::text, 8, '0'), 'TIM dat dai ' || g, '', '', 'bench' FROM generate_series(1, $n) g"
columns='("SenderNumber", "TextDecoded", "Text", "UDH", "RecipientID")'

# Seconds (with fractions) for WORKERS workers on SMSD_DB to empty the inbox COUNT_SQL counts.
run () {
  start=$(date +%s.%N)
  pids=
  for _ in $(seq 1 "$2"); do
    "$banlang_sms" run --smsd-db "$1" --db "$dir/content.db" 2>/dev/null &
    pids="$pids $!"
  done
  while [ "$($3)" -gt 0 ]; do sleep 0.05; done
  end=$(date +%s.%N)
  kill $pids; wait $pids 2>/dev/null || true
  awk "BEGIN { printf \"%.0f\", $n / ($end - $start) }"
}
pg_left () { psql -qAtX -c 'SELECT count(*) FROM inbox WHERE NOT "Processed"'; }
sqlite_left () { sqlite3 -cmd '.timeout 10000' "$dir/smsd.db" "SELECT count(*) FROM inbox WHERE Processed = 'false'"; }

sqlite3 "$dir/smsd.db" "WITH RECURSIVE s (g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < $n)
  INSERT INTO inbox $columns SELECT '+849' || printf('%08d', g), 'TIM dat dai ' || g, '', '', 'bench' FROM s"
echo "SQLite, 1 worker: $(run "$dir/smsd.db" 1 sqlite_left) replies/s"
for workers in 1 2 4; do
  psql -qAtX -c "TRUNCATE inbox, outbox, outbox_multipart, banlang_numbers, banlang_received, banlang_replies;
                 INSERT INTO inbox $columns $values" >/dev/null
  echo "PostgreSQL, $workers worker(s): $(run "$conninfo" $workers pg_left) replies/s"
done
