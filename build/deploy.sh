#!/usr/bin/env bash
# Uploads a plugin bundle to a running Mattermost server and enables it.
# Either MM_SERVICESETTINGS_SITEURL + MM_ADMIN_TOKEN (a system admin's access token), or
# MM_LOCALSOCKETPATH (the server's local-mode socket, no token needed).
set -euo pipefail
bundle=${1:?usage: deploy.sh BUNDLE.tar.gz}
id=$(node -p "require('./plugin.json').id")

if [ -n "${MM_LOCALSOCKETPATH:-}" ]; then
	curl_args=(--unix-socket "$MM_LOCALSOCKETPATH")
	base="http://localhost"
elif [ -n "${MM_SERVICESETTINGS_SITEURL:-}" ] && [ -n "${MM_ADMIN_TOKEN:-}" ]; then
	curl_args=(-H "Authorization: Bearer $MM_ADMIN_TOKEN")
	base="${MM_SERVICESETTINGS_SITEURL%/}"
else
	echo "deploy: set MM_SERVICESETTINGS_SITEURL and MM_ADMIN_TOKEN, or MM_LOCALSOCKETPATH" >&2
	exit 2
fi

echo "deploy: uploading $bundle to $base"
curl -fsS "${curl_args[@]}" -H 'X-Requested-With: XMLHttpRequest' \
	-F "plugin=@$bundle" -F force=true "$base/api/v4/plugins" >/dev/null
curl -fsS "${curl_args[@]}" -H 'X-Requested-With: XMLHttpRequest' \
	-X POST "$base/api/v4/plugins/$id/enable" >/dev/null
echo "deploy: $id enabled"
