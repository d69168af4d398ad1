#!/usr/bin/env bash
# The call's TURN relay (docs/voice.md) is Debian's coturn: `npm run cluster` and the call's
# browser tests start it.
exec bash "$(dirname "$0")/ensure-debian-package.sh" turnserver coturn TURNSERVER_PATH "A call through a relay"
