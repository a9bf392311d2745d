#!/usr/bin/env bash
# Wait until an OpenSearch node answers with cluster health yellow (or green).
#
# Usage: search/engine/wait.sh [URL] [TIMEOUT_SECONDS]
#   URL      default http://127.0.0.1:${SEARCH_ENGINE_PORT:-9200}
#   TIMEOUT  default 120
# Prints the URL on stdout and exits 0 when ready; exits 1 on timeout.
# Typical use:  search/engine/run.sh &  search/engine/wait.sh http://127.0.0.1:9200
set -euo pipefail

url="${1:-http://127.0.0.1:${SEARCH_ENGINE_PORT:-9200}}"
url="${url%/}"
timeout="${2:-120}"
deadline=$((SECONDS + timeout))

while :; do
    # wait_for_status makes the server hold the request up to 5s until yellow;
    # a 408 (timeout) or a refused connection means "not yet".
    if curl -fsS -o /dev/null --max-time 10 \
        "$url/_cluster/health?wait_for_status=yellow&timeout=5s" 2>/dev/null; then
        echo "$url"
        exit 0
    fi
    if [ $SECONDS -ge $deadline ]; then
        echo "wait.sh: $url not healthy (yellow) after ${timeout}s" >&2
        exit 1
    fi
    sleep 0.5
done
