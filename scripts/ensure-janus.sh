#!/usr/bin/env bash
# The call's media server for large calls (docs/voice.md) is Debian's Janus: `npm run cluster`,
# the call's browser tests and the voice benchmark start it (scripts/janus.ts).
exec bash "$(dirname "$0")/ensure-debian-package.sh" janus janus JANUS_PATH "A large call"
