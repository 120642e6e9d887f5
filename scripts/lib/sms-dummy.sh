# sms-dummy.sh: texting gammu-smsd's dummy phone, for scripts/demo-sms and the SMS tests.
# Source it; it defines:
#   sms_drop PHONE_DIR NUMBER TEXT     drop TEXT from NUMBER into the dummy phone's inbox folder,
#                                      as a gammu "smsbackup" file (text as hex UTF-16BE).
#   sms_report PHONE_DIR NUMBER TEXT   drop a delivery report (TEXT: Delivered, Failed, Pending)
#                                      for the last message sent to NUMBER: gammu's message
#                                      reference from the dummy driver (255) and its SMSC
#                                      ("123456"), which gammu-smsd matches with sentitems.
# Each file is written under a temporary name and renamed so smsd never reads half. The dummy
# driver reads files named 1, 2, ... in order, so the lowest free number is taken.

# _sms_put PHONE_DIR LINES: the smsbackup file of LINES (the message's own keys).
_sms_put () {
  _dir=$1/sms/1
  _name=1
  while [ -e "$_dir/$_name" ]; do _name=$((_name + 1)); done
  printf '[SMSBackup000]\nState = UnRead\nFolder = 1\n%s\n' "$2" > "$_dir/.new$_name"
  mv "$_dir/.new$_name" "$_dir/$_name"
}

_sms_hex () {
  printf '%s' "$1" | iconv -f UTF-8 -t UTF-16BE | od -An -tx1 -v | tr -d ' \n' | tr a-f A-F
}

sms_drop () {
  _sms_put "$1" "SMSC = \"+84900000000\"
Number = \"$2\"
Coding = Unicode
Sent = $(date -u +%Y%m%dT%H%M%S)
PDU = Deliver
Text00 = $(_sms_hex "$3")"
}

sms_report () {
  _sms_put "$1" "SMSC = \"123456\"
Number = \"$2\"
Coding = Default
DateTime = $(date -u +%Y%m%dT%H%M%S)
PDU = Status_Report
MessageReference = 255
Text00 = $(_sms_hex "$3")"
}
