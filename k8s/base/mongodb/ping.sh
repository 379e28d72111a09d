#!/usr/bin/env bash
# Probes mongod with the wire protocol's ping (an OP_MSG {ping: 1, $db: "admin"}) over bash's
# /dev/tcp, and succeeds when it answers ok: 1. A mongosh probe starts a Node.js runtime of
# ~100 MB each time, inside the member's memory limit; this starts nothing.
set -euo pipefail
exec 3<>"/dev/tcp/127.0.0.1/${MONGODB_PORT:-27017}"
printf '\x33\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\xdd\x07\x00\x00\x00\x00\x00\x00\x00\x1e\x00\x00\x00\x10ping\x00\x01\x00\x00\x00\x02$db\x00\x06\x00\x00\x00admin\x00\x00' >&3
# The reply's first four bytes are its length; read exactly the rest, then look for ok: 1.
length=$(dd bs=1 count=4 <&3 2>/dev/null | od -An -tu4 | tr -d ' \n')
[[ "$length" =~ ^[0-9]+$ ]] && ((length > 4 && length < 65536))
reply=$(dd bs=1 count=$((length - 4)) <&3 2>/dev/null | od -An -tx1 | tr -d ' \n')
# ok as a double 1.0 (mongod) or an int32 1.
[[ "$reply" == *016f6b00000000000000f03f* || "$reply" == *106f6b0001000000* ]]
