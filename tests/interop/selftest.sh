#!/usr/bin/env bash
# Self-test of the interop scripts: starts an in-memory Azurite on free loopback ports, writes a
# consumption and a sales workbook, reads them back, uploads and lists them, writes and reads a table
# entity, then stops Azurite. Needs Node 20+ and tools/azurite installed (scripts/install-tools.sh).
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
azurite="$root/tools/azurite/node_modules/azurite/dist/src/azurite.js"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
[ -f "$azurite" ] || { echo "Azurite missing: run scripts/install-tools.sh" >&2; exit 1; }

work=$(mktemp -d)
azurite_pid=
cleanup() {
  if [ -n "$azurite_pid" ]; then
    # Azurite's graceful shutdown can take a minute and more after it served requests; it keeps
    # nothing (in memory), so it gets 3 s and is then killed.
    kill "$azurite_pid" 2>/dev/null || true
    for _ in $(seq 15); do kill -0 "$azurite_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$azurite_pid" 2>/dev/null || true
    wait "$azurite_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

passed=0
step() { echo "== $*"; }
ok() { echo "   $*"; passed=$((passed + 1)); }
check() { ok "$(node lib/selftest-check.mjs "$@")"; }

# Three free ports: bind to port 0 and let the OS choose.
read -r blob_port queue_port table_port < <(node -e '
  const net = require("node:net");
  const free = () => new Promise((r) => { const s = net.createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => r(p)); }); });
  (async () => console.log((await Promise.all([free(), free(), free()])).join(" ")))();')

step "starting Azurite (blob $blob_port, queue $queue_port, table $table_port)"
(cd "$work" && exec node "$azurite" --inMemoryPersistence --skipApiVersionCheck --silent \
  --blobHost 127.0.0.1 --blobPort "$blob_port" --queueHost 127.0.0.1 --queuePort "$queue_port" \
  --tableHost 127.0.0.1 --tablePort "$table_port" >"$work/azurite.log" 2>&1) &
azurite_pid=$!
node -e '
  const net = require("node:net"); const [pid, ...ports] = process.argv.slice(1).map(Number); const until = Date.now() + 30000;
  const up = (p) => new Promise((r) => { const s = net.connect(p, "127.0.0.1", () => { s.end(); r(true); }); s.on("error", () => r(false)); });
  (async () => { while (!(await Promise.all(ports.map(up))).every(Boolean)) {
    try { process.kill(pid, 0); } catch { console.error("Azurite exited"); process.exit(1); }
    if (Date.now() > until) { console.error("Azurite did not start"); process.exit(1); } await new Promise((r) => setTimeout(r, 200)); } })();
' "$azurite_pid" "$blob_port" "$table_port" || { cat "$work/azurite.log" >&2; exit 1; }
ok "Azurite is listening (pid $azurite_pid)"
cs="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"

step "write-report.mjs: consumption (period as a date, BIN as a number) and sales"
mkdir -p "$work/upload/2025-02"
node write-report.mjs --kind consumption --out "$work/upload/2025-02/consumption.xlsx" --licence KZ-MIN-0042 \
  --bin 150340012345 --company 'ТОО "Экибастуз Майнинг"' --period 2025-02 --rows 30 --seed 42 \
  --period-as-date --bin-as-number >"$work/consumption.json"
ok "consumption.xlsx: $(node -p 'require(process.argv[1]).rows.length' "$work/consumption.json") data rows"
TZ=America/Los_Angeles node write-report.mjs --kind sales --out "$work/upload/2025-02/sales.xlsx" --licence KZ-MIN-0042 \
  --bin 150340012345 --company 'ТОО "Экибастуз Майнинг"' --period 2024-02 --rows 12 --seed 7 >"$work/sales.json"
ok "sales.xlsx: written in TZ=America/Los_Angeles (dates must not shift)"

step "read-workbook.mjs: values read back match what write-report printed"
for kind in consumption sales; do
  TZ=Asia/Almaty node read-workbook.mjs "$work/upload/2025-02/$kind.xlsx" >"$work/$kind.read.json"
  check workbook "$work/$kind.json" "$work/$kind.read.json"
done

step "bad arguments exit with 2"
set +e
node write-report.mjs --kind other --out x.xlsx 2>/dev/null; rc=$?
set -e
[ "$rc" = 2 ] || { echo "expected exit 2, got $rc" >&2; exit 1; }
ok "write-report.mjs --kind other: exit 2"

step "upload-blobs.mjs and list-blobs.mjs"
node upload-blobs.mjs --connection-string "$cs" --container miner-reports --dir "$work/upload" --prefix incoming/ >"$work/uploaded.json"
node list-blobs.mjs --connection-string "$cs" --container miner-reports --prefix incoming/ >"$work/listed.json"
check blobs "$work/uploaded.json" "$work/listed.json"

step "write-entity.mjs and read-table.mjs"
entity='{"partitionKey":"2025-02","rowKey":"KZ-MIN-0042","company":"ТОО \"Экибастуз Майнинг\"","kwh":1234.75,"rows":30,"bytes":{"value":"9007199254740993","type":"Int64"},"accepted":true}'
node write-entity.mjs --connection-string "$cs" --table SelfTest --json "$entity" >/dev/null
node write-entity.mjs --connection-string "$cs" --table SelfTest --json '{"partitionKey":"2025-01","rowKey":"other","n":1}' >/dev/null
node read-table.mjs --connection-string "$cs" --table SelfTest --partition 2025-02 >"$work/table.json"
printf '%s' "$entity" >"$work/entity.json"
check table "$work/entity.json" "$work/table.json"
count=$(node read-table.mjs --connection-string "$cs" --table SelfTest | node -p 'JSON.parse(require("fs").readFileSync(0)).entities.map((e) => e.partitionKey).join(",")')
[ "$count" = "2025-01,2025-02" ] || { echo "unexpected entities: $count" >&2; exit 1; }
ok "read-table.mjs without --partition: both entities, sorted ($count)"

echo "selftest: $passed passed, 0 failed"
