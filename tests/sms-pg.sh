#!/bin/sh
# Several modems, several workers, one queue: a throwaway PostgreSQL 15 cluster, two gammu-smsd
# on the dummy driver with native_pgsql (each its own PhoneID and phone), two banlang-sms
# workers. 400 messages from 50 numbers are dropped into the two phones while the workers are
# killed with SIGKILL again and again and restarted; every message must be answered exactly
# once, and each number's replies must be queued in the order its messages arrived.
#   sms-pg.sh BANLANG BANLANG_SMS
# Runs itself again under pg_virtualenv (postgresql-common), which makes the cluster (as root
# through pg_createcluster), exports PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE and removes it
# afterwards. Skips (77) only when no cluster can be started.
set -eu
banlang=$1
banlang_sms=$2

if [ "${3:-}" != inner ]; then
  command -v pg_virtualenv >/dev/null || { echo "SKIP: pg_virtualenv missing (scripts/deps installs postgresql-common)"; exit 77; }
  command -v gammu-smsd >/dev/null || { echo "gammu-smsd is not installed (scripts/deps installs it)"; exit 1; }
  marker=$(mktemp)
  rm -f "$marker"
  status=0
  BANLANG_PG_MARKER=$marker pg_virtualenv sh "$0" "$banlang" "$banlang_sms" inner || status=$?
  [ -e "$marker" ] || { echo "SKIP: PostgreSQL could not be started (pg_virtualenv failed)"; exit 77; }
  rm -f "$marker"
  exit $status
fi
touch "$BANLANG_PG_MARKER"

dir=$(mktemp -d)
chmod 755 "$dir"
pids=
workers=
cleanup () {
  status=$?
  for p in $workers; do kill -9 "$p" 2>/dev/null || true; done
  for p in $pids; do kill "$p" 2>/dev/null || true; done
  for p in $pids $workers; do wait "$p" 2>/dev/null || true; done
  rm -rf "$dir" || true
  exit $status
}
trap cleanup EXIT
fail () { echo "FAIL: $*"; for n in 1 2; do echo "--- smsd $n log:"; tail -10 "$dir/smsd$n.log" 2>/dev/null || true; done; exit 1; }
sql () { psql -qAtX -c "$1"; }
conninfo="host=$PGHOST port=$PGPORT user=$PGUSER password=$PGPASSWORD dbname=$PGDATABASE"

"$banlang" demo --db "$dir/content.db" >/dev/null
"$banlang_sms" init --smsd-db "$conninfo" >/dev/null || fail "banlang-sms init on PostgreSQL"
# Every message gets a reply: no loop or rate limit stands in the way of counting them.
printf '[sms]\nloop_count = 1000\nreplies_per_hour = 1000\n' > "$dir/sms.ini"

for n in 1 2; do
  mkdir -p "$dir/phone$n"
  sed -e "s|@DIR@|$dir|g" -e "s|^device = .*|device = $dir/phone$n|" -e "s|^driver = .*|driver = native_pgsql|" \
      -e "s|^database = .*|database = $PGDATABASE\nhost = $PGHOST:$PGPORT\nuser = $PGUSER\npassword = $PGPASSWORD\nphoneid = phone$n|" \
      -e "/^dbdir/d" -e "s|smsd.log|smsd$n.log|" "$(dirname "$0")/../sms/data/smsdrc-dummy" > "$dir/smsdrc$n"
  (cd "$dir" && LANG=C.UTF-8 exec gammu-smsd -c "$dir/smsdrc$n" -X 300 >/dev/null 2>&1) &
  pids="$pids $!"
  # One at a time: both dummy phones report the same IMEI, the key of gammu's phones table, and
  # each gammu-smsd replaces the row of its IMEI as it starts; started together, the second
  # insert collides and that gammu-smsd stops.
  for _ in $(seq 1 100); do
    [ -d "$dir/phone$n/sms/1" ] && [ "$(sql "SELECT count(*) FROM phones WHERE \"ID\" = 'phone$n'")" -eq 1 ] && break
    sleep 0.1
  done
  [ -d "$dir/phone$n/sms/1" ] || fail "gammu-smsd $n did not start its dummy phone"
done

start_worker () {
  "$banlang_sms" run --smsd-db "$conninfo" --db "$dir/content.db" --config "$dir/sms.ini" 2>>"$dir/run.log" &
  workers="$workers $!"
}
start_worker
start_worker

. "$(dirname "$0")/../scripts/lib/sms-dummy.sh"
# 400 messages, 8 from each of 50 numbers, each number through one phone, numbers interleaved.
i=0
while [ $i -lt 400 ]; do
  number=$(printf '+849%08d' $((i % 50)))
  sms_drop "$dir/phone$((i % 2 + 1))" "$number" "TIM dat dai $i"
  i=$((i + 1))
  # Now and then a worker dies mid-flight and a new one takes its place.
  if [ $((i % 40)) -eq 0 ]; then
    victim=$(echo $workers | cut -d' ' -f1)
    kill -9 "$victim" 2>/dev/null || true
    wait "$victim" 2>/dev/null || true
    workers=$(echo $workers | cut -d' ' -f2-)
    start_worker
  fi
done

for _ in $(seq 1 600); do
  [ "$(sql "SELECT count(*) FROM inbox WHERE \"TextDecoded\" LIKE 'TIM dat dai %' AND \"Processed\"")" -eq 400 ] && break
  sleep 0.2
done
received=$(sql "SELECT count(*) FROM inbox WHERE \"TextDecoded\" LIKE 'TIM dat dai %'")
[ "$received" -eq 400 ] || fail "gammu-smsd stored $received of 400 messages"
phones=$(sql "SELECT count(DISTINCT \"RecipientID\") FROM inbox")
[ "$phones" -eq 2 ] || fail "messages came through $phones phones, expected 2"

# A reply being sent sits in outbox and sentitems at once for a moment (gammu-smsd copies it with
# its ID, then deletes it): UNION counts it once; two replies to one message have two IDs.
replies="(SELECT \"ID\", \"CreatorID\", \"DestinationNumber\" FROM outbox UNION
          SELECT \"ID\", \"CreatorID\", \"DestinationNumber\" FROM sentitems WHERE \"SequencePosition\" = 1)"
batch="inbox i JOIN $replies r ON r.\"CreatorID\" = 'banlang-sms inbox ' || i.\"ID\" WHERE i.\"TextDecoded\" LIKE 'TIM dat dai %'"
answered=$(sql "SELECT count(DISTINCT i.\"ID\") FROM $batch")
replied=$(sql "SELECT count(*) FROM $batch")
[ "$answered" -eq 400 ] || fail "$answered of 400 messages answered"
[ "$replied" -eq 400 ] || fail "$replied replies for 400 messages: some answered twice"
# In order per number: a later reply never answers an earlier message.
disorder=$(sql "WITH r AS (SELECT r.\"ID\" AS reply, r.\"DestinationNumber\" AS number, i.\"ID\" AS message FROM $batch)
                SELECT count(*) FROM r a JOIN r b ON a.number = b.number AND a.reply < b.reply AND a.message > b.message")
[ "$disorder" -eq 0 ] || fail "$disorder replies out of order"
echo "ok: 400 messages from 50 numbers through 2 gammu-smsd and 2 workers (10 SIGKILLed), each answered once, in order"
