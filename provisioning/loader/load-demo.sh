#!/bin/sh
# One-shot demo loader of docker-compose.yml: indexes the bundled Zeek day (backend/demo/zeek-008) into
# OpenSearch as NetFlow events, then creates and starts the demo jobs through the vigil serve REST API.
set -eu
API="${VIGIL_API_URL:-http://vigil:8080}"
AUTH="Authorization: Bearer ${VIGIL_API_TOKEN}"

node backend/bin/vigil.js ingest --input backend/demo/zeek-008/conn.log.labeled \
  --index netflow-demo --sourcetype netflow --replicas 0 --refresh

# The demo day is 2022-06-12T21:59Z .. 2022-06-13T21:59Z: the datafeeds look back over it.
create_job() {
  job="$1"
  body="$2"
  curl -fsS -X PUT -H "$AUTH" -H 'Content-Type: application/json' "$API/api/jobs/$job" -d "$body"
  curl -fsS -X POST -H "$AUTH" "$API/api/jobs/$job/_open"
  curl -fsS -X POST -H "$AUTH" -H 'Content-Type: application/json' "$API/api/jobs/$job/_start" \
    -d '{"start": "2022-06-12T21:00:00Z", "end": "2022-06-13T23:00:00Z"}'
  echo
}

create_job exfiltration '{
  "description": "Data exfiltration: app_byte_ratio by destination:port, partitioned by source",
  "search": "sourcetype=\"netflow\" dest!=10.* | eval dp=dest + \":\" + dest_port | autodetect bucketspan=300 partitionfield=src app_byte_ratio by dp",
  "datafeed_config": { "indices": ["netflow-*"] }
}'

create_job rare-outbound '{
  "description": "Rogue users: rare outbound host:port per source",
  "search": "sourcetype=\"netflow\" dest!=10.* | eval dp=dest+\":\"+dest_port | autodetect bucketspan=300 rare(dp) by src",
  "datafeed_config": { "indices": ["netflow-*"] }
}'

create_job connections-per-source '{
  "description": "Connections per source and bytes per destination port",
  "search": "sourcetype=\"netflow\" | autodetect bucketspan=15m high_count by src, high_sum(dest_app_bytes) by dest_port",
  "datafeed_config": { "indices": ["netflow-*"] }
}'
