#!/usr/bin/env bash
# Load test of the HTTP server with wrk: GET /health, POST /analyze with an example pair and
# POST /chat on one session. Starts its own server (SQLite in a temporary data dir, access log
# off) from the release build and stops it afterwards.
#
#   bench/load/run.sh [BINARY]     (default build/release/src/app/resume-coach)
#   WRK_ARGS="-t2 -c64 -d10s" bench/load/run.sh
#
# wrk and the server share the machine's cores: the figures are a floor for the server alone.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-build/release/src/app/resume-coach}
WRK_ARGS=${WRK_ARGS:-"-t2 -c64 -d10s"}
HERE=bench/load
TMP=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "load: wrk is not installed (scripts/install-deps)"; exit 1; }
[[ -x "$BIN" ]] || { echo "load: $BIN not built (make PRESET=release build)"; exit 1; }

"$BIN" serve --port 0 --data-dir "$TMP/data" --quiet ${SERVE_ARGS:-} >"$TMP/stdout" 2>"$TMP/stderr" &
SERVER_PID=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$TMP/stdout" 2>/dev/null && break
  sleep 0.1
done
URL=$(sed -n 's/^listening on //p' "$TMP/stdout")
[[ -n "$URL" ]] || { cat "$TMP/stderr"; echo "load: server did not start"; exit 1; }

# Request bodies: the software engineer resume against the backend engineer job.
python3 - "$TMP" <<'PY'
import json, sys
tmp = sys.argv[1]
read = lambda name: open(f"data/examples/{name}", encoding="utf-8").read()
body = {"resume": read("software-engineer-resume.md"),
        "job_description": read("backend-engineer-job.md")}
open(f"{tmp}/analyze.json", "w").write(json.dumps(body))
PY
SESSION=$(curl -sf "$URL/analyze" -H 'Content-Type: application/json' --data-binary @"$TMP/analyze.json" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["sessionId"])')
printf '{"question":"What skills am I missing?","sessionId":"%s"}' "$SESSION" >"$TMP/chat.json"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "server: $BIN $(${BIN} --version 2>/dev/null || true); wrk $WRK_ARGS"
echo
echo "== GET /health"
wrk $WRK_ARGS --latency "$URL/health"
echo
echo "== POST /analyze (example pair, $(wc -c <"$TMP/analyze.json") bytes)"
RC_BODY_FILE="$TMP/analyze.json" wrk $WRK_ARGS --latency -s "$HERE/post_json.lua" "$URL/analyze"
echo
echo "== POST /chat (one session)"
RC_BODY_FILE="$TMP/chat.json" wrk $WRK_ARGS --latency -s "$HERE/post_json.lua" "$URL/chat"
