#!/bin/sh
# A scripted stand-in for a todo command-line tool, driven by its first
# argument. The bridge tests run it through the `todo` and `custom` presets.
# It keeps its list in $HOME/list.txt and records every argv (NUL separated,
# one record per run) in $HOME/argv.log so tests can check arguments arrived
# exactly as given.

{ printf '%s\0' "$@"; printf '\n'; } >>"$HOME/argv.log"

# pidfile NAME PID writes a pid file whole (renamed into place), so a test that sees the file
# never reads it half-written.
pidfile() {
	echo "$2" >"$HOME/$1.tmp" && mv "$HOME/$1.tmp" "$HOME/$1"
}

case "$1" in
add)
	# `add -- TEXT` (a custom template with {--}) keeps TEXT.
	if [ "$2" = -- ]; then shift; fi
	printf '%s\n' "$2" >>"$HOME/list.txt"
	;;
list)
	if [ -f "$HOME/list.txt" ]; then
		awk '{ print NR " " $0 }' "$HOME/list.txt"
	fi
	;;
done)
	if [ "$2" = 99 ]; then
		echo "no todo 99" >&2
		exit 1
	fi
	echo "done $2 ok"
	;;
delete)
	if [ "$2" = 99 ]; then
		echo "no todo 99" >&2
		exit 1
	fi
	awk -v n="$2" 'NR != n' "$HOME/list.txt" >"$HOME/list.tmp" && mv "$HOME/list.tmp" "$HOME/list.txt"
	;;
nap)
	# Sleeps $2 seconds in a child, then answers.
	pidfile leader.pid $$
	sleep "$2" &
	pidfile child.pid $!
	wait
	echo "woke after $2"
	;;
critical)
	# Fails when another run is inside at the same time (mkdir is atomic).
	if ! mkdir "$HOME/busy" 2>/dev/null; then
		echo "another run is inside" >&2
		exit 1
	fi
	sleep 0.02
	rmdir "$HOME/busy"
	;;
say)
	printf '%s\n' "$2"
	;;
warn)
	printf '%s\n' "$2" >&2
	;;
exit)
	echo "failing with $2" >&2
	exit "$2"
	;;
ansi)
	printf '\033[1;31mred\033[0m \033]0;title\007plain\033[2K\r\nnext\n'
	;;
stdin)
	# With stdin inherited from a terminal or pipe this would wait forever.
	cat
	echo "stdin closed"
	;;
sleep)
	echo "going to sleep"
	sleep 300
	;;
flood)
	yes "flooding the bridge with output"
	;;
bigprint)
	awk -v n="$2" 'BEGIN { for (i = 1; i <= n; i++) print "line " i }'
	;;
badutf8)
	printf 'ok \377\376 end \303\251\n'
	;;
orphan)
	# A child that outlives its parent and keeps stdout open.
	sleep 300 &
	pidfile child.pid $!
	pidfile leader.pid $$
	echo "parent exits"
	;;
orphan-timeout)
	sleep 300 &
	pidfile child.pid $!
	pidfile leader.pid $$
	sleep 300
	;;
env)
	env | sort
	;;
pwd)
	pwd
	;;
*)
	echo "unknown command: $1" >&2
	exit 2
	;;
esac
