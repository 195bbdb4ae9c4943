#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh Debian machine, and nothing that is
# already there: the Debian packages in build/apt-packages.txt, a running PostgreSQL, and the
# npm workspaces. Safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."

need_root() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "install-deps: installing Debian packages needs root (or sudo): $*" >&2
		exit 1
	fi
}

missing=()
while read -r pkg; do
	case "$pkg" in ''|'#'*) continue ;; esac
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done < build/apt-packages.txt

pg_up() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
if ! pg_up && ! command -v pg_ctlcluster >/dev/null; then
	missing+=(postgresql)
fi

if [ ${#missing[@]} -gt 0 ]; then
	need_root "${missing[@]}"
	echo "install-deps: apt-get install ${missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! pg_up; then
	echo "install-deps: starting PostgreSQL"
	for version in $(ls /etc/postgresql); do
		pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
	done
	for _ in $(seq 1 30); do pg_up && break; sleep 1; done
	pg_up || { echo "install-deps: PostgreSQL did not start on 127.0.0.1:5432" >&2; exit 1; }
	# The tests connect as postgres over TCP without a password, as on the CI machines.
	hba=$(ls /etc/postgresql/*/main/pg_hba.conf | head -n1)
	if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
		sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
		for version in $(ls /etc/postgresql); do pg_ctlcluster --skip-systemctl-redirect "$version" main reload || true; done
	fi
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "install-deps: npm ci"
	npm ci --no-audit --no-fund
fi
