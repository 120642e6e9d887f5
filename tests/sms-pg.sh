#!/bin/sh
# Several modems, several workers, one queue: a throwaway PostgreSQL 15 cluster, two gammu-smsd
# on the dummy driver with native_pgsql (each its own PhoneID and phone), two banlang-sms
# workers. 400 messages from 50 numbers are dropped into the two phones while the workers are
# killed with SIGKILL again and again and restarted; every message must be answered exactly
# once, and each number's replies must be queued in the order its messages arrived. Then
# subscriptions, alerts and counts on PostgreSQL: 100 numbers follow a topic (DANGKY) and 1,000
# more are written in, one of them stops (STOP), a notice is published under it while workers are killed mid-round again
# and again, and each follower but the stopped one gets its alert through gammu's outbox
# exactly once; reading it is counted for the hub. Each live worker counts in a shard of its own.
#   sms-pg.sh BANLANG BANLANG_SMS
# Runs itself again under pg_virtualenv (postgresql-common), which makes the cluster (as root
# through pg_createcluster), exports PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE and removes it
# afterwards; -t keeps the cluster's files in a directory of its own even as root, so runs from
# two build directories at once do not both claim the one system-wide "regress" cluster (the
# second would refuse and skip). Skips (77) only when no cluster can be started. The cluster's lock table is small
# (12 locks a connection, 20 connections: room for about 800 locks): a round's transaction that
# locked all 1,099 followers' numbers would run out of shared memory and never commit; batches of
# SMS_ALERTS_BATCH (500) fit, beside the other workers.
set -eu
banlang=$1
banlang_sms=$2

if [ "${3:-}" != inner ]; then
  command -v pg_virtualenv >/dev/null || { echo "SKIP: pg_virtualenv missing (scripts/deps installs postgresql-common)"; exit 77; }
  command -v gammu-smsd >/dev/null || { echo "gammu-smsd is not installed (scripts/deps installs it)"; exit 1; }
  marker=$(mktemp)
  rm -f "$marker"
  status=0
  BANLANG_PG_MARKER=$marker pg_virtualenv -t -o max_locks_per_transaction=12 -o max_connections=20 \
    sh "$0" "$banlang" "$banlang_sms" inner || status=$?
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
printf '[sms]\nloop_count = 1000\nreplies_per_hour = 1000\nalerts_per_day = 5\n' > "$dir/sms.ini"

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

# start_worker [--now TIME]
start_worker () {
  "$banlang_sms" run --smsd-db "$conninfo" --db "$dir/content.db" --config "$dir/sms.ini" "$@" 2>>"$dir/run.log" &
  workers="$workers $!"
}
# Kills the oldest worker with SIGKILL and starts another with the same arguments.
replace_worker () {
  victim=$(echo $workers | cut -d' ' -f1)
  kill -9 "$victim" 2>/dev/null || true
  wait "$victim" 2>/dev/null || true
  workers=$(echo $workers | cut -d' ' -f2-)
  start_worker "$@"
}
# Waits (up to 60 s) until the query $1 answers $2.
wait_for () {
  for _ in $(seq 1 300); do [ "$(sql "$1")" = "$2" ] && return 0; sleep 0.2; done
  fail "waited 60 s for $1 to be $2 (it is $(sql "$1"))"
}
start_worker
start_worker

. "$(dirname "$0")/../scripts/lib/sms-dummy.sh"
. "$(dirname "$0")/../scripts/lib/sms-notice.sh"
# 400 messages, 8 from each of 50 numbers, each number through one phone, numbers interleaved.
i=0
while [ $i -lt 400 ]; do
  number=$(printf '+849%08d' $((i % 50)))
  sms_drop "$dir/phone$((i % 2 + 1))" "$number" "TIM dat dai $i"
  i=$((i + 1))
  # Now and then a worker dies mid-flight and a new one takes its place.
  if [ $((i % 40)) -eq 0 ]; then
    replace_worker
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

# Subscriptions, alerts and counts. The workers' clock stands at 10:00 in Vietnam, outside the
# quiet hours.
now=2026-11-28T03:00:00
for _ in 1 2; do replace_worker --now $now; done
i=0
while [ $i -lt 100 ]; do
  sms_drop "$dir/phone$((i % 2 + 1))" "$(printf '+849100%05d' $i)" "DANGKY HOTRO"
  i=$((i + 1))
done
sms_drop "$dir/phone1" "+84910000000" "STOP"
wait_for "SELECT count(*) FROM inbox WHERE \"SenderNumber\" LIKE '+849100%' AND \"Processed\"" 101
wait_for "SELECT count(*) FROM banlang_follows WHERE topic = 'support'" 100
reply=$(sql "SELECT \"TextDecoded\" FROM outbox WHERE \"DestinationNumber\" = '+84910000001'
             UNION SELECT \"TextDecoded\" FROM sentitems WHERE \"DestinationNumber\" = '+84910000001'")
case $reply in *"HUYDK HOTRO"*) ;; *) fail "DANGKY HOTRO on PostgreSQL: $reply" ;; esac
# 1,000 more followers, written straight into the table: a round over 1,099 alerts is long
# enough for rounds started together to meet.
sql "INSERT INTO banlang_follows (number, topic, since) SELECT '+849200' || lpad(g::text, 5, '0'), 'support', 0
     FROM generate_series(1, 1000) g"
# The first round has learnt what was already published: only what comes after is news.
wait_for "SELECT count(*) FROM banlang_alert_seq" 1

alerts="(SELECT \"ID\", \"CreatorID\", \"DestinationNumber\", \"TextDecoded\" FROM outbox UNION
         SELECT \"ID\", \"CreatorID\", \"DestinationNumber\", \"TextDecoded\" FROM sentitems WHERE \"SequencePosition\" = 1) r
        JOIN banlang_alerts a ON r.\"CreatorID\" = 'banlang-sms alert ' || a.id"
# Publishes notice $1 (code $2) under support at 22:00, in the quiet hours: its alerts wait.
publish_at_night () {
  for _ in 1 2; do replace_worker --now 2026-11-28T15:00:00; done
  sms_notice "$dir/$1.json" "$1" "$2"
  "$banlang" import --db "$dir/content.db" "$dir/$1.json" >/dev/null || fail "import of $1 failed"
  wait_for "SELECT count(*) FROM banlang_alerts WHERE item = '$1' AND state = 'pending'" 1100
  [ "$(sql "SELECT count(*) FROM $alerts WHERE a.item = '$1'")" -eq 0 ] || fail "an alert went at 22:00"
}
# Checks that every follower but the stopped one got one alert about notice $1 (code $2).
check_alerts () {
  wait_for "SELECT count(*) FROM banlang_alerts WHERE item = '$1' AND state <> 'pending'" 1100
  [ "$(sql "SELECT count(*) FROM $alerts WHERE a.item = '$1'")" -eq 1099 ] \
    || fail "$(sql "SELECT count(*) FROM $alerts WHERE a.item = '$1'") alerts about $1 queued for 1099 followers"
  [ "$(sql "SELECT count(DISTINCT r.\"DestinationNumber\") FROM $alerts WHERE a.item = '$1'")" -eq 1099 ] \
    || fail "a follower got two alerts about $1"
  [ "$(sql "SELECT count(*) FROM $alerts WHERE a.item = '$1' AND r.\"DestinationNumber\" = '+84910000000'")" -eq 0 ] \
    || fail "an alert went to a number that sent STOP"
  [ "$(sql "SELECT count(*) FROM $alerts WHERE a.item = '$1' AND r.\"TextDecoded\" = 'Tin moi: Tiem phong mien phi. Nhan $2 de doc, HUYDK HOTRO de thoi nhan.'")" -eq 1099 ] \
    || fail "alert text: $(sql "SELECT r.\"TextDecoded\" FROM $alerts WHERE a.item = '$1' LIMIT 1")"
}

# 07:00: a new worker runs a round as it starts; killing one every 0.1 to 0.3 s lands kills
# before, during and after rounds.
publish_at_night notice-pg TBPG
now=2026-11-29T00:00:00
kills=0
while [ $kills -lt 30 ]; do
  replace_worker --now $now
  kills=$((kills + 1))
  sleep "0.$((kills % 3 + 1))"
done
check_alerts notice-pg TBPG
echo "ok: 1100 numbers followed a topic, one stopped; 1099 alerts waited out the quiet hours and were queued once each, $kills workers SIGKILLed mid-rounds"

# The next night's notice: at 07:00 four workers start while the alerts' table is locked for
# 2 s, so all their rounds come to the same waiting alerts at once: one sends each.
publish_at_night notice-pg2 TBPG2
psql -qAtX -c "BEGIN; LOCK TABLE banlang_alerts IN EXCLUSIVE MODE; SELECT pg_sleep (2); COMMIT" >/dev/null &
locker=$!
sleep 0.5
for _ in 1 2; do replace_worker --now 2026-11-30T00:00:00; done
for _ in 1 2; do start_worker --now 2026-11-30T00:00:00; done
wait $locker
check_alerts notice-pg2 TBPG2
# Once gammu-smsd has sent them all (and any round still under way has ended), still once each.
for _ in $(seq 1 300); do
  [ "$(sql "SELECT count(*) FROM outbox WHERE \"CreatorID\" LIKE 'banlang-sms alert %'")" -eq 0 ] \
    && [ "$(sql "SELECT count(*) FROM sentitems WHERE \"CreatorID\" LIKE 'banlang-sms alert %'")" -ge 2198 ] && break
  sleep 0.2
done
sleep 1
check_alerts notice-pg TBPG
check_alerts notice-pg2 TBPG2
sent=$(sql "SELECT count(*) FROM sentitems WHERE \"CreatorID\" LIKE 'banlang-sms alert %'")
[ "$sent" -eq 2198 ] || fail "gammu-smsd sent $sent alerts, expected 2198"
echo "ok: four workers' rounds meeting at 07:00 queued 1099 alerts once each; gammu-smsd sent the 2198 alerts"
# Four workers, four shards: none shares another's rows of counts (session locks on two keys).
wait_for "SELECT count(*) || ' ' || count(DISTINCT objid) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2" "4 4"
echo "ok: each of the four workers counts in a shard of its own"

# Reading the news is counted for the hub, whichever worker answers.
i=1
while [ $i -le 10 ]; do
  sms_drop "$dir/phone$((i % 2 + 1))" "$(printf '+849100%05d' $i)" "TBPG"
  i=$((i + 1))
done
wait_for "SELECT sum(count) FROM banlang_usage WHERE item = 'notice-pg'" 10
echo "ok: 10 answers counted for the hub on PostgreSQL"
