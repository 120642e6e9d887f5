#!/bin/sh
# End to end: a real gammu-smsd on its dummy driver, banlang-sms run, messages dropped into the
# dummy phone, replies read back from gammu's sentitems; alerts, and their delivery reports as
# the phone receives them. Then 200 messages answered while banlang-sms is killed with SIGKILL
# again and again: every message must be answered exactly once.
#   sms-e2e.sh BANLANG BANLANG_SMS
set -eu
banlang=$1
banlang_sms=$2
command -v gammu-smsd >/dev/null || { echo "gammu-smsd is not installed (scripts/deps installs it)"; exit 1; }

dir=$(mktemp -d)
smsd_pid=
run_pid=
cleanup () {
  status=$?
  [ -n "$run_pid" ] && kill -9 "$run_pid" 2>/dev/null || true
  [ -n "$smsd_pid" ] && { kill "$smsd_pid" 2>/dev/null; wait "$smsd_pid" 2>/dev/null; } || true
  rm -rf "$dir" || true
  exit $status
}
trap cleanup EXIT
fail () { echo "FAIL: $*"; echo "--- smsd log:"; tail -20 "$dir/smsd.log" 2>/dev/null || true; exit 1; }
sql () { sqlite3 -cmd ".timeout 10000" "$dir/smsd.db" "$1"; }

"$banlang" demo --db "$dir/content.db" >/dev/null
"$banlang_sms" init --smsd-db "$dir/smsd.db" >/dev/null
mkdir -p "$dir/phone"
sed "s|@DIR@|$dir|g" "$(dirname "$0")/../sms/data/smsdrc-dummy" > "$dir/smsdrc"
(cd "$dir" && LANG=C.UTF-8 exec gammu-smsd -c "$dir/smsdrc" -X 300 >/dev/null 2>&1) &
smsd_pid=$!
"$banlang_sms" run --smsd-db "$dir/smsd.db" --db "$dir/content.db" &
run_pid=$!

# The dummy phone makes its folders when gammu-smsd starts.
for _ in $(seq 1 100); do [ -d "$dir/phone/sms/1" ] && break; sleep 0.1; done
[ -d "$dir/phone/sms/1" ] || fail "gammu-smsd did not start its dummy phone"

. "$(dirname "$0")/../scripts/lib/sms-dummy.sh"
. "$(dirname "$0")/../scripts/lib/sms-notice.sh"
drop () { sms_drop "$dir/phone" "$1" "$2"; }

# Waits until gammu has sent at least N parts to NUMBER.
wait_sent () {
  for _ in $(seq 1 300); do
    [ "$(sql "SELECT count(*) FROM sentitems WHERE DestinationNumber = '$1'")" -ge "$2" ] && return 0
    sleep 0.2
  done
  fail "no reply to $1 within 60 s"
}

drop +84911111111 "EN"
drop 0922222222 "HONNHAN"   # an answer of two parts
drop +84933333333 "Luật đất đai"
wait_sent +84911111111 1
wait_sent +84922222222 2
wait_sent +84933333333 1

[ "$(sql "SELECT TextDecoded FROM sentitems WHERE DestinationNumber = '+84911111111'")" = "Replies will be in English." ] \
  || fail "single reply: $(sql "SELECT TextDecoded FROM sentitems WHERE DestinationNumber = '+84911111111'")"
[ "$(sql "SELECT group_concat(UDH, ' ') FROM (SELECT UDH FROM sentitems WHERE DestinationNumber = '+84922222222' ORDER BY SequencePosition)")" \
  = "$(sql "SELECT printf('050003%02X0201 050003%02X0202', ID & 255, ID & 255) FROM inbox WHERE SenderNumber LIKE '%922222222'")" ] \
  || fail "concatenated reply: UDHs $(sql "SELECT group_concat(UDH) FROM sentitems WHERE DestinationNumber = '+84922222222'")"
sql "SELECT TextDecoded FROM sentitems WHERE DestinationNumber = '+84933333333'" | grep -q "dat dai\|Dat dai" \
  || fail "search reply: $(sql "SELECT TextDecoded FROM sentitems WHERE DestinationNumber = '+84933333333'")"

# Unicode: a number that asked for accents gets UCS-2 parts.
drop +84944444444 "CODAU"
wait_sent +84944444444 2
drop +84944444444 "HONNHAN"
wait_sent +84944444444 4   # 2 parts of the CODAU confirmation, 2 of the accented answer's first page
[ "$(sql "SELECT Coding FROM sentitems WHERE DestinationNumber = '+84944444444' ORDER BY ID DESC, SequencePosition LIMIT 1")" = "Unicode_No_Compression" ] \
  || fail "accented reply is not UCS-2"
sql "SELECT group_concat(TextDecoded, '') FROM sentitems WHERE DestinationNumber = '+84944444444' AND ID = (SELECT max(ID) FROM sentitems WHERE DestinationNumber = '+84944444444')" \
  | grep -q "Hôn nhân" || fail "accented reply lost its accents: $(sql "SELECT ID, Coding, TextDecoded FROM sentitems WHERE DestinationNumber = '+84944444444'")"
echo "ok: single, concatenated, search and Unicode replies sent by gammu-smsd"

# A whole screening by SMS: KIEMTRA, one question per message, the result with benefit codes.
for answer in KIEMTRA 1 67 2; do
  sent=$(sql "SELECT count(*) FROM sentitems WHERE DestinationNumber = '+84966666666'")
  drop +84966666666 "$answer"
  wait_sent +84966666666 $((sent + 1))
done
sql "SELECT group_concat(TextDecoded, '') FROM sentitems WHERE DestinationNumber = '+84966666666' AND ID = (SELECT max(ID) FROM sentitems WHERE DestinationNumber = '+84966666666')" \
  | grep -q "TGPLMIENPHI" || fail "screening result: $(sql "SELECT ID, TextDecoded FROM sentitems WHERE DestinationNumber = '+84966666666'")"
echo "ok: a screening by SMS through gammu-smsd"

# What a phone or a broken gateway can leave in the inbox: invalid UTF-8, 8-bit data, a message
# of 40 parts (gammu puts the text in the first), a brand-name sender. Each is taken: a clean
# reply or a logged skip, nothing left unprocessed, the 40 parts answered once.
kill -9 "$run_pid"; run_pid=
sql "INSERT INTO inbox (SenderNumber, TextDecoded, Text, UDH, RecipientID, Coding) VALUES
       ('+84955555551', CAST(X'4C5541C328FF' AS TEXT), '', '', 'test', 'Default_No_Compression'),
       ('+84955555552', CAST(X'00FF10' AS TEXT), '', '', 'test', '8bit'),
       ('VIETTEL', 'Khuyen mai', '', '', 'test', 'Default_No_Compression');
     WITH RECURSIVE n (value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value < 40)
     INSERT INTO inbox (SenderNumber, TextDecoded, Text, UDH, RecipientID)
       SELECT '+84955555553', CASE WHEN value = 1 THEN 'TRO GIUP ' || printf('%.600c', 'x') ELSE '' END, '',
              printf('050003AA28%02X', value), 'test' FROM n;"
"$banlang_sms" run --smsd-db "$dir/smsd.db" --db "$dir/content.db" --once >/dev/null 2>"$dir/run.log" \
  || fail "banlang-sms failed on hostile rows: $(cat "$dir/run.log")"
[ "$(sql "SELECT count(*) FROM inbox WHERE Processed = 'false'")" -eq 0 ] || fail "hostile rows left unprocessed"
for number in +84955555551 +84955555552 +84955555553; do
  replies=$(sql "SELECT (SELECT count(*) FROM outbox WHERE DestinationNumber = '$number') + (SELECT count(DISTINCT ID) FROM sentitems WHERE DestinationNumber = '$number')")
  [ "$replies" -eq 1 ] || fail "$number: $replies replies, expected exactly one"
done
grep -q "VIETTEL: not answered: brand-name" "$dir/run.log" || fail "the brand-name skip was not logged: $(cat "$dir/run.log")"
echo "ok: invalid UTF-8, 8-bit, 40 parts and a brand-name sender handled"

# An alert: two numbers follow HOTRO at 20:00; a notice published under it at 21:30 waits out
# the quiet hours and goes through gammu-smsd at 07:00, once to each.
once_at () { "$banlang_sms" run --smsd-db "$dir/smsd.db" --db "$dir/content.db" --once --now "$1" >/dev/null 2>>"$dir/run.log"; }
sql "INSERT INTO inbox (SenderNumber, TextDecoded, Text, UDH, RecipientID) VALUES ('+84977777777', 'DANGKY HOTRO', '', '', 'test'),
       ('+84988888888', 'DANGKY HOTRO', '', '', 'test')"
once_at 2026-11-28T13:00:00 || fail "banlang-sms failed: $(cat "$dir/run.log")"
wait_sent +84977777777 1
wait_sent +84988888888 1
sms_notice "$dir/notice-e2e.json" notice-e2e TBE2E
"$banlang" import --db "$dir/content.db" "$dir/notice-e2e.json" >/dev/null || fail "import of the notice failed"
once_at 2026-11-28T14:30:00
once_at 2026-11-28T23:59:00
[ "$(sql "SELECT count(*) FROM outbox WHERE DestinationNumber = '+84977777777'") + $(sql "SELECT count(*) FROM sentitems WHERE DestinationNumber = '+84977777777'")" = "0 + 1" ] \
  || fail "an alert went in the quiet hours"
once_at 2026-11-29T00:00:00
once_at 2026-11-29T00:01:00
wait_sent +84977777777 2
sleep 1
[ "$(sql "SELECT count(*) FROM sentitems WHERE DestinationNumber = '+84977777777' AND TextDecoded LIKE 'Tin moi: Tiem phong mien phi. Nhan TBE2E%'")" -eq 1 ] \
  || fail "the alert at 07:00: $(sql "SELECT TextDecoded FROM sentitems WHERE DestinationNumber = '+84977777777'")"
[ "$(sql "SELECT count(*) FROM sentitems WHERE DestinationNumber = '+84977777777'")" -eq 2 ] || fail "the alert went more than once"
wait_sent +84988888888 2
echo "ok: an alert waits out the quiet hours and goes at 07:00 through gammu-smsd, once"

# Delivery reports: the alerts asked for them (replies do not: gammu records those
# SendingOKNoReport). The dummy phone receives a status report as a phone would (sms_report);
# gammu pairs it with the alert's sentitems row, and the next round records the alert
# delivered, or failed.
alert_status () { sql "SELECT Status FROM sentitems WHERE DestinationNumber = '$1' AND CreatorID LIKE 'banlang-sms alert %'"; }
[ "$(alert_status +84977777777)" = SendingOK ] || fail "the alert was not sent awaiting a report: $(alert_status +84977777777)"
[ "$(sql "SELECT count(*) FROM sentitems WHERE CreatorID LIKE 'banlang-sms inbox %' AND Status <> 'SendingOKNoReport'")" -eq 0 ] \
  || fail "a reply asked for a delivery report"
sms_report "$dir/phone" +84977777777 Delivered
sms_report "$dir/phone" +84988888888 Failed
for _ in $(seq 1 100); do
  [ "$(alert_status +84977777777) $(alert_status +84988888888)" = "DeliveryOK DeliveryFailed" ] && break
  sleep 0.2
done
[ "$(alert_status +84977777777) $(alert_status +84988888888)" = "DeliveryOK DeliveryFailed" ] \
  || fail "gammu-smsd did not pair the reports: $(alert_status +84977777777) $(alert_status +84988888888)"
[ "$(sql "SELECT count(*) FROM inbox WHERE TextDecoded IN ('Delivered', 'Failed')")" -eq 0 ] || fail "a report became a message"
once_at 2026-11-29T00:05:00
[ "$(sql "SELECT number || ' ' || delivery FROM banlang_alerts ORDER BY number")" = "+84977777777 delivered
+84988888888 failed" ] || fail "deliveries recorded: $(sql "SELECT number, state, delivery FROM banlang_alerts")"
echo "ok: gammu-smsd paired the phone's delivery reports with the alerts; recorded delivered and failed"

# A correction the publisher marks important (banlang publish --important, as the hub's tick)
# reaches the followers once; a plain correction reaches nobody.
correct () {
  sed "s|\"title\": \"[^\"]*\"|\"title\": \"$1\"|" "$dir/notice-e2e.json" > "$dir/notice-e2e-fix.json"
  "$banlang" import --draft --db "$dir/content.db" "$dir/notice-e2e-fix.json" >/dev/null || fail "the correction's draft"
  shift
  "$banlang" publish --db "$dir/content.db" "$@" notice-e2e >/dev/null || fail "publishing the correction $*"
}
correct "Tiêm phòng miễn phí đến 31/12" --important
once_at 2026-11-29T03:00:00
once_at 2026-11-29T03:01:00
wait_sent +84977777777 3
wait_sent +84988888888 3
for number in +84977777777 +84988888888; do
  [ "$(sql "SELECT count(*) FROM sentitems WHERE DestinationNumber = '$number' AND TextDecoded =
            'Thay doi quan trong: Tiem phong mien phi den 31/12. Nhan TBE2E de doc, HUYDK HOTRO de thoi nhan.'")" -eq 1 ] \
    || fail "the important correction to $number: $(sql "SELECT TextDecoded FROM sentitems WHERE DestinationNumber = '$number'")"
done
correct "Tiêm phòng miễn phí đến 31/12 (sửa lỗi chính tả)"
once_at 2026-11-29T04:00:00
sleep 2
[ "$(sql "SELECT count(*) FROM sentitems WHERE DestinationNumber IN ('+84977777777', '+84988888888')") $(sql "SELECT count(*) FROM outbox")" = "6 0" ] \
  || fail "after a plain correction: $(sql "SELECT DestinationNumber, TextDecoded FROM sentitems WHERE DestinationNumber IN ('+84977777777', '+84988888888')")"
echo "ok: a correction marked important alerts each follower once through gammu-smsd; a plain one nobody"

# Crash safety: 200 messages straight into the inbox, banlang-sms killed again and again.
sql "BEGIN; $(i=0; while [ $i -lt 200 ]; do printf "INSERT INTO inbox (SenderNumber, TextDecoded, Text, UDH, RecipientID) VALUES ('+8497%07d', 'TIM dat dai $i', '', '', 'test');" $i; i=$((i + 1)); done) COMMIT;"
rounds=0
while [ "$(sql "SELECT count(*) FROM inbox WHERE Processed = 'false'")" -gt 0 ]; do
  rounds=$((rounds + 1))
  [ $rounds -le 200 ] || fail "the inbox never emptied"
  "$banlang_sms" run --smsd-db "$dir/smsd.db" --db "$dir/content.db" 2>/dev/null &
  run_pid=$!
  # Killed sooner than a run needs at first, then a little later each round (a slower build,
  # such as the sanitizers', needs longer to start), so kills land before, during and after
  # batches.
  sleep "$(awk "BEGIN { print 0.05 + $rounds * 0.02 }")"
  kill -9 "$run_pid" 2>/dev/null || true
  wait "$run_pid" 2>/dev/null || true
  run_pid=
done
# A reply being sent sits in outbox and sentitems at once for a moment (gammu-smsd copies it with
# its ID, then deletes it): UNION on the ID counts it once; two replies to one message have two IDs.
replies="(SELECT ID, CreatorID FROM outbox UNION SELECT ID, CreatorID FROM sentitems WHERE SequencePosition = 1)"
batch="inbox i JOIN $replies r ON r.CreatorID = 'banlang-sms inbox ' || i.ID WHERE i.TextDecoded LIKE 'TIM dat dai %'"
answered=$(sql "SELECT count(DISTINCT i.ID) FROM $batch")
firsts=$(sql "SELECT count(*) FROM $batch")
total=$(sql "SELECT count(*) FROM inbox WHERE TextDecoded LIKE 'TIM dat dai %'")
[ "$answered" -eq "$total" ] || fail "$answered of $total messages answered"
[ "$firsts" -eq "$total" ] || fail "$firsts replies for $total messages: some answered twice"
echo "ok: $total messages answered exactly once across $rounds SIGKILLed runs"
