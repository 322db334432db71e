#!/bin/sh
# One-shot demo loader of docker-compose.yml: indexes the bundled Zeek day (backend/demo/zeek-008) into
# OpenSearch as NetFlow events and three days of simulated Snort alerts (vigil simulate, seeded) as IDS events,
# then creates and starts the demo jobs through the vigil serve REST API.
set -eu
API="${VIGIL_API_URL:-http://vigil:8080}"
AUTH="Authorization: Bearer ${VIGIL_API_TOKEN}"

node backend/bin/vigil.js ingest --input backend/demo/zeek-008/conn.log.labeled \
  --index netflow-demo --sourcetype netflow --replicas 0 --refresh

SIM_DIR="${TMPDIR:-/tmp}/vigil-demo-sim"
node backend/bin/vigil.js simulate --hosts 60 --days 3 --seed 1 --start 2022-06-10 --out "$SIM_DIR"
node backend/bin/vigil.js ingest --input "$SIM_DIR/ids.ndjson" --index ids-demo --sourcetype ids --replicas 0 --refresh

# The Zeek day runs from 2022-06-12T17:53Z to 2022-06-13T21:59Z; the simulated alerts from 2022-06-10 for 3 days.
# create_job <id> <json> [start] [end]: the datafeed looks back over [start, end).
create_job() {
  job="$1"
  body="$2"
  start="${3:-2022-06-12T17:50:00Z}"
  end="${4:-2022-06-13T23:00:00Z}"
  curl -fsS -X PUT -H "$AUTH" -H 'Content-Type: application/json' "$API/api/jobs/$job" -d "$body"
  curl -fsS -X POST -H "$AUTH" "$API/api/jobs/$job/_open"
  curl -fsS -X POST -H "$AUTH" -H 'Content-Type: application/json' "$API/api/jobs/$job/_start" \
    -d "{\"start\": \"$start\", \"end\": \"$end\"}"
  echo
}

create_job exfiltration '{
  "description": "Data exfiltration: app_byte_ratio by destination:port, partitioned by source",
  "search": "sourcetype=\"netflow\" dest!=10.* | eval dp=dest + \":\" + dest_port | autodetect bucketspan=300 partitionfield=src app_byte_ratio by dp",
  "datafeed_config": { "indices": ["netflow*"] }
}'

create_job rare-outbound '{
  "description": "Rogue users: rare outbound host:port per source",
  "search": "sourcetype=\"netflow\" dest!=10.* | eval dp=dest+\":\"+dest_port | autodetect bucketspan=300 rare(dp) by src",
  "datafeed_config": { "indices": ["netflow*"] }
}'

create_job connections-per-source '{
  "description": "Connections per source and bytes per destination port",
  "search": "sourcetype=\"netflow\" | autodetect bucketspan=15m high_count by src, high_sum(dest_app_bytes) by dest_port",
  "datafeed_config": { "indices": ["netflow*"] }
}'

create_job ids-noise '{
  "description": "IDS noise: signatures, categories and dest:protocol:port unusual for a source among all sources",
  "search": "index=ids-* sourcetype=snort | eval dest:protocol:port=dest+\":\"+dest_port | prelertautodetect population_rare(signature_name), population_distinct_count(category), population_rare_count(dest:protocol:port) by src",
  "datafeed_config": { "indices": ["ids-*"] }
}' 2022-06-10T00:00:00Z 2022-06-13T00:00:00Z
