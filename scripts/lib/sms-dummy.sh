# sms-dummy.sh: texting gammu-smsd's dummy phone, for scripts/demo-sms and tests/sms-e2e.sh.
# Source it; it defines:
#   sms_drop PHONE_DIR NUMBER TEXT   drop TEXT from NUMBER into the dummy phone's inbox folder,
#                                    as a gammu "smsbackup" file (text as hex UTF-16BE), written
#                                    under a temporary name and renamed so smsd never reads half.
#                                    The dummy driver reads files named 1, 2, ... in order, so the
#                                    lowest free number is taken.

sms_drop () {
  _dir=$1/sms/1
  _name=1
  while [ -e "$_dir/$_name" ]; do _name=$((_name + 1)); done
  _hex=$(printf '%s' "$3" | iconv -f UTF-8 -t UTF-16BE | od -An -tx1 -v | tr -d ' \n' | tr a-f A-F)
  cat > "$_dir/.new$_name" <<MSG
[SMSBackup000]
SMSC = "+84900000000"
State = UnRead
Number = "$2"
Coding = Unicode
Folder = 1
Sent = $(date -u +%Y%m%dT%H%M%S)
PDU = Deliver
Text00 = $_hex
MSG
  mv "$_dir/.new$_name" "$_dir/$_name"
}
