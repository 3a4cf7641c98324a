#!/usr/bin/env bash
# Installs Farmstall's .deb the way a person would, starts the app from its menu entry, and removes it.
#
#   tests/package/install-test.sh target/debug/bundle/deb/Farmstall_0.1.0_amd64.deb
#
# Checks what a person on a Debian desktop relies on: the package installs with apt, the menu entry
# is there with its Chinese name and icon, the entry's command opens the window on a fresh shop in
# the default data folder ($HOME/.local/share/farmstall, nothing set by us), and removing the
# package takes the program away but leaves the shop's data alone. A screenshot of the first
# window goes to target/screenshots/package-start.png.
#
# Installs system-wide, so it needs root (or sudo), and refuses to run where a farmstall package
# is already installed: it would replace and then remove someone's real installation.

set -euo pipefail

PACKAGE=farmstall
WAIT_SECONDS=30

fail() {
    echo "install-test: FAIL: $*" >&2
    exit 1
}

[ $# -eq 1 ] || { echo "usage: $0 FILE.deb" >&2; exit 2; }
deb=$(realpath "$1")
[ -f "$deb" ] || fail "no package at $1 (build it with: make package-test)"
cd "$(dirname "$0")/../.."
root=$PWD

sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo

for tool in Xvfb xdotool xprop import convert compare identify desktop-file-validate apt-get; do
    command -v "$tool" >/dev/null || fail "$tool is missing (make deps-system installs it)"
done

if dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q "install ok installed"; then
    fail "a $PACKAGE package is already installed on this machine; this test would replace and then remove it. Remove it first (apt-get remove $PACKAGE) or run the test elsewhere."
fi

work=$(mktemp -d /tmp/farmstall-package-test.XXXXXX)
home=$work/home
mkdir -p "$home" "$work/runtime"
chmod 700 "$work/runtime"
app_pid=""
xvfb_pid=""
installed=""

cleanup() {
    local status=$?
    if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
        kill -TERM -- "-$app_pid" 2>/dev/null || true
        sleep 1
        kill -KILL -- "-$app_pid" 2>/dev/null || true
    fi
    if [ -n "$xvfb_pid" ]; then
        kill "$xvfb_pid" 2>/dev/null || true
        wait "$xvfb_pid" 2>/dev/null || true
    fi
    # Known to dpkg in any state (installed, half-configured, unpacked): take it off the machine.
    if [ -n "$installed" ] && dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -qv "not-installed"; then
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$PACKAGE" >/dev/null 2>&1 \
            || $sudo dpkg --remove --force-remove-reinstreq "$PACKAGE" >/dev/null 2>&1 || true
    fi
    if [ "$status" -ne 0 ] && [ -f "$work/app.log" ]; then
        echo "install-test: the app's output:" >&2
        tail -n 40 "$work/app.log" >&2
        for log in "$home"/.local/share/farmstall/logs/*.log; do
            [ -f "$log" ] || continue
            echo "install-test: its log $log:" >&2
            tail -n 40 "$log" >&2
        done
    fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT

# Waits until the command succeeds, up to WAIT_SECONDS; says what it waited for when it gives up.
wait_for() {
    local what=$1
    shift
    local deadline=$((SECONDS + WAIT_SECONDS))
    until "$@" >/dev/null 2>&1; do
        if [ -n "$app_pid" ] && ! kill -0 "$app_pid" 2>/dev/null; then
            fail "the app stopped while waiting for $what"
        fi
        [ $SECONDS -lt $deadline ] || fail "no $what after ${WAIT_SECONDS} s"
        sleep 0.5
    done
}

# A desktop entry's value for KEY (exact, so Name does not match Name[zh_CN]).
entry_value() {
    sed -n "s/^$(printf '%s' "$2" | sed 's/[][]/\\&/g')=//p" "$1" | head -n 1
}

echo "install-test: installing $(basename "$deb")"
installed=yes
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >/dev/null
dpkg-query -W -f='${Status}' "$PACKAGE" | grep -q "install ok installed" || fail "$PACKAGE is not installed after apt-get install"

# The menu entry: the one .desktop file the package installs under /usr/share/applications.
mapfile -t entries < <(dpkg -L "$PACKAGE" | grep '^/usr/share/applications/.*\.desktop$')
[ ${#entries[@]} -eq 1 ] || fail "expected one desktop entry in the package, found ${#entries[@]}"
entry=${entries[0]}
[ "$(entry_value "$entry" Type)" = Application ] || fail "$entry: Type is not Application"
[ "$(entry_value "$entry" Name)" = Farmstall ] || fail "$entry: Name is not Farmstall"
[ "$(entry_value "$entry" 'Name[zh_CN]')" = 农家小店 ] || fail "$entry: Name[zh_CN] is not 农家小店"
[ -n "$(entry_value "$entry" Comment)" ] || fail "$entry: no Comment"
[ -n "$(entry_value "$entry" 'Comment[zh_CN]')" ] || fail "$entry: no Comment[zh_CN]"
case "$(entry_value "$entry" Categories)" in *Office\;*) ;; *) fail "$entry: Categories has no Office" ;; esac
desktop-file-validate "$entry" || fail "$entry does not follow the desktop entry specification"

exec_line=$(entry_value "$entry" Exec)
[ -n "$exec_line" ] || fail "$entry: no Exec"
# The entry takes no file arguments: a field code (%f, %U…) would need a file manager to fill it.
case "$exec_line" in *%*) fail "$entry: Exec has a field code: $exec_line" ;; esac
read -r -a exec_words <<<"$exec_line"
program=$(PATH=/usr/local/bin:/usr/bin:/bin command -v "${exec_words[0]}") ||
    fail "the entry's command ${exec_words[0]} is not on a desktop's PATH"
[ "$program" = "/usr/bin/${exec_words[0]}" ] || fail "${exec_words[0]} is $program, not the packaged /usr/bin/${exec_words[0]}"
dpkg -S "$program" | grep -q "^$PACKAGE:" || fail "$program does not belong to the $PACKAGE package"

icon=$(entry_value "$entry" Icon)
[ -n "$icon" ] || fail "$entry: no Icon"
mapfile -t icons < <(find /usr/share/icons/hicolor -path "*/apps/$icon.png")
[ ${#icons[@]} -gt 0 ] || fail "no icon named $icon installed under /usr/share/icons/hicolor"
for file in "${icons[@]}"; do
    size=$(identify -format '%wx%h' "$file")
    dir_size=$(basename "$(dirname "$(dirname "$file")")")
    [ "$size" = "$dir_size" ] || fail "$file is $size, not the ${dir_size} its folder says"
done
echo "install-test: entry $entry runs $program, icon $icon in ${#icons[@]} sizes"

# A display of its own: the first free one from :93.
display=93
while [ -e "/tmp/.X$display-lock" ] || [ -e "/tmp/.X11-unix/X$display" ]; do
    display=$((display + 1))
done
Xvfb ":$display" -screen 0 1024x700x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY=":$display"
wait_for "display $DISPLAY" xdotool getdisplaygeometry
# Another server that took the number first would answer too; this one must still be running.
kill -0 "$xvfb_pid" 2>/dev/null || fail "Xvfb could not start on $DISPLAY: $(cat "$work/xvfb.log")"

# Started as a menu would: the entry's words, a fresh HOME, nothing of ours in the environment
# (no FARMSTALL_DATA_DIR, no XDG_DATA_HOME), so the data folder is the default one.
data_dir=$home/.local/share/farmstall
env -i HOME="$home" USER=farmer LOGNAME=farmer PATH=/usr/local/bin:/usr/bin:/bin \
    DISPLAY="$DISPLAY" XDG_RUNTIME_DIR="$work/runtime" LANG=C.UTF-8 \
    setsid "${exec_words[@]}" >"$work/app.log" 2>&1 &
app_pid=$!
echo "install-test: started ${exec_words[*]} (pid $app_pid) on $DISPLAY"

# GTK's hidden leader window is named after the program; the one to find is the visible window.
wait_for "window named Farmstall" xdotool search --onlyvisible --name Farmstall
window=$(xdotool search --onlyvisible --name Farmstall | head -n 1)
title=$(xdotool getwindowname "$window")
[ "$title" = "农家小店 Farmstall" ] || fail "the window's title is '$title'"
# The dock groups the window under the menu entry by its WM_CLASS.
wm_class=$(xprop -id "$window" WM_CLASS)
wm_class_wanted=$(entry_value "$entry" StartupWMClass)
case "$wm_class" in *"\"$wm_class_wanted\""*) ;; *) fail "the window's $wm_class does not name the entry's StartupWMClass $wm_class_wanted" ;; esac
wait_for "shop file $data_dir/farmstall.db" test -s "$data_dir/farmstall.db"

# The page is drawn when the screen shows the app's own green (--primary, the welcome screen's
# first button; a blank webview or WebKit's error page has none) and has stopped changing.
shot=$root/target/screenshots/package-start.png
mkdir -p "$(dirname "$shot")"
primary_share() {
    convert "$1" -fuzz 2% -fill black +opaque '#2e7a4b' -fill white -opaque '#2e7a4b' -format '%[fx:mean]' info:
}
drawn() {
    import -window root "$work/now.png" || return 1
    local same=no
    if [ -f "$work/before.png" ] &&
        [ "$(compare -metric AE "$work/before.png" "$work/now.png" null: 2>&1 || true)" = 0 ]; then
        same=yes
    fi
    mv "$work/now.png" "$work/before.png"
    [ "$same" = yes ] && awk -v share="$(primary_share "$work/before.png")" 'BEGIN { exit !(share >= 0.01) }'
}
wait_for "drawn page in the window" drawn
cp "$work/before.png" "$shot"
echo "install-test: window '$title' ($wm_class), shop at $data_dir/farmstall.db, screenshot $shot"

kill -TERM -- "-$app_pid" || fail "the app had stopped before it was closed"
deadline=$((SECONDS + 10))
while kill -0 "$app_pid" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || { kill -KILL -- "-$app_pid"; break; }
    sleep 0.2
done
wait "$app_pid" 2>/dev/null || true
app_pid=""

echo "install-test: removing $PACKAGE"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$PACKAGE" >/dev/null
installed=""
if dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q "install ok installed"; then
    fail "$PACKAGE is still installed after apt-get remove"
fi
[ ! -e "$program" ] || fail "$program is still there after removal"
[ ! -e "$entry" ] || fail "$entry is still there after removal"
for file in "${icons[@]}"; do
    [ ! -e "$file" ] || fail "$file is still there after removal"
done
[ -s "$data_dir/farmstall.db" ] || fail "removing the package took the shop's file $data_dir/farmstall.db"

echo "install-test: ok"
