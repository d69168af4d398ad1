#!/usr/bin/env bash
# The local cluster (`npm run cluster`) and its browser tests put Debian's HAProxy in
# front of the processes.
exec bash "$(dirname "$0")/ensure-debian-package.sh" haproxy haproxy HAPROXY_PATH "The local cluster"
