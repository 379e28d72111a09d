#!/usr/bin/env bash
# Writes k8s/overlays/<overlay>/secrets.env, mongodb.env and mongodb-keyfile with fresh random
# values, for the overlay's secretGenerator. Refuses to overwrite existing files: rotating a
# password of a running MongoDB is a deliberate step (see docs/deployment.md).
set -euo pipefail
overlay="${1:?usage: k8s/generate-secrets.sh dev|prod}"
dir="$(cd "$(dirname "$0")" && pwd)/overlays/$overlay"
[ -d "$dir" ] || { echo "no overlay $overlay in $(dirname "$dir")" >&2; exit 1; }
for file in secrets.env mongodb.env mongodb-keyfile; do
  [ ! -e "$dir/$file" ] || { echo "$dir/$file exists; delete it first to replace it" >&2; exit 1; }
done
case "$overlay" in
  prod) members=3 ;;
  *) members=1 ;;
esac
hosts=""
for ((i = 0; i < members; i++)); do
  hosts="${hosts:+$hosts,}mongodb-$i.mongodb:27017"
done
api_key="$(openssl rand -hex 24)"
root_password="$(openssl rand -hex 24)"
app_password="$(openssl rand -hex 24)"
umask 077
cat > "$dir/secrets.env" <<SECRETS
TRIBUTARY_SECURITY_API_KEYS=$api_key
SECRETS
# The write concern travels in the connection string: acknowledged once a majority of the
# members have the write in their journal.
cat > "$dir/mongodb.env" <<SECRETS
MONGODB_ROOT_PASSWORD=$root_password
MONGODB_APP_PASSWORD=$app_password
MONGODB_URI=mongodb://tributary:$app_password@$hosts/tributary?replicaSet=rs0&authSource=tributary
SECRETS
openssl rand -base64 756 > "$dir/mongodb-keyfile"
echo "Wrote $dir/secrets.env, mongodb.env and mongodb-keyfile. The API key for clients is:"
echo "  $api_key"
