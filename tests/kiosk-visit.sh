#!/bin/sh
# A visitor at the deployed kiosk (run by kiosk-deployed.sh inside cage's session): taps through
# Home → Law → a topic → an item and back, then walks away; the next one touches the attract
# screen. Screenshots of the output go to SHOTS.
#   kiosk-visit.sh KIOSK-TAPPER SHOTS
set -eu
tapper=$1
shots=$2
# cage's headless output (wlroots' default size for it).
width=1280
height=720

step () { echo "visit: $*"; }
shot () { grim "$shots/deployed-$1.png" && "$tapper" fill "$shots/deployed-$1.png" $width $height; }

step "the kiosk starts on Home"
"$tapper" wait "Pháp luật" 60
shot home
# The kiosk forgets a reader after 30 s without activity (kiosk-deployed.sh), asking 10 s
# before. A visitor who reads Home for 14 s and then taps on is not asked 6 s later: taps from
# the accessibility bus bring the window no input event, so this holds only if the kiosk counts
# the taps themselves as activity.
sleep 14
step "Home → Law → Marriage and family → an item"
"$tapper" tap "Pháp luật" 10
"$tapper" tap "Hôn nhân và gia đình" 10
"$tapper" tap "Anh chị em họ có được lấy nhau không?" 10
# The item's body is on screen and the topic's list is not (its SMS line goes with it; the
# item's own title may well be listed among its related items).
"$tapper" wait "Phạm vi ba đời gồm ai" 10
"$tapper" gone "Nhắn GIADINH tới 0000 000 000" 10
shot item
sleep 7
"$tapper" gone "Bạn vẫn đang xem chứ?" 1
step "Back to the topic, then Home"
"$tapper" tap "Quay lại" 10
"$tapper" wait "Nhắn GIADINH tới 0000 000 000" 10
"$tapper" tap "Trang chủ" 10
"$tapper" wait "Bạn muốn tìm hiểu điều gì?" 10
step "left alone: asked whether someone is still there, then the attract screen"
"$tapper" wait "Bạn vẫn đang xem chứ?" 60
shot still-there
"$tapper" wait "Chạm vào màn hình để bắt đầu" 30
"$tapper" gone "Pháp luật" 5
shot attract
step "the next visitor touches the attract screen and starts at Home"
"$tapper" tap "Chạm vào màn hình để bắt đầu" 10
"$tapper" wait "Bạn muốn tìm hiểu điều gì?" 10
"$tapper" gone "Chạm vào màn hình để bắt đầu" 5
