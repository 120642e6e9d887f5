# sms-notice.sh: a notice to publish, for the SMS tests of alerts. Source it; it defines:
#   sms_notice FILE ID CODE   write to FILE the import file of notice ID (SMS code CODE), published
#                             under support-health (followed through HOTRO and YTE), titled
#                             "Tiêm phòng miễn phí": its alert reads
#                             "Tin moi: Tiem phong mien phi. Nhan CODE de doc, ...".
sms_notice () {
  cat > "$1" <<JSON
{"id": "$2", "kind": "notice", "status": "published", "sms_code": "$3", "topics": ["support-health"],
 "reviewed_on": "2026-11-28", "reviewed_by": "test", "sources": [{"title": "s"}],
 "notice": {"valid_from": "2026-11-28", "valid_to": null},
 "texts": {"vi": {"title": "Tiêm phòng miễn phí", "body": "Nội dung."}}}
JSON
}
