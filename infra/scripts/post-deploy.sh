#!/usr/bin/env bash
# azd postdeploy hook: subscribes the ProcessUpload blob trigger (Event Grid source) to BlobCreated
# events of the `uploads` container.
#
# Why here and not in Bicep: the webhook URL needs the Functions host's `blobs_extension` system key,
# which only exists once the code with the Event Grid blob trigger has been deployed and the host has
# started. Bicep creates the system topic on the storage account; this script creates or updates the
# event subscription on it. It is idempotent: re-running it (every `azd deploy`) updates the
# subscription in place (PUT), e.g. after the key was rotated.
#
# The subscription is written with `az rest` (ARM PUT) rather than
# `az eventgrid system-topic event-subscription create` because it dead-letters with the system
# topic's managed identity (the storage account has shared keys disabled), which that CLI command
# does not expose.
#
# Inputs: the azd environment (azd passes its values, including the Bicep outputs, as environment
# variables). Prerequisites: Azure CLI, signed in (`az login`) to the tenant of the deployment.
set -euo pipefail

require() {
  local name="$1"
  if [[ -z "${!name:-}" ]]; then
    echo "post-deploy: environment variable ${name} is not set (run through 'azd deploy' / 'azd up', or export it)." >&2
    exit 1
  fi
}

command -v az >/dev/null 2>&1 || {
  echo "post-deploy: the Azure CLI (az) is required; see infra/README.md." >&2
  exit 1
}

RESOURCE_GROUP="${RESOURCE_GROUP:-${AZURE_RESOURCE_GROUP:-}}"
require AZURE_SUBSCRIPTION_ID
require RESOURCE_GROUP
require AZURE_FUNCTION_APP_NAME
require UPLOADS_SYSTEM_TOPIC_NAME
require AZURE_STORAGE_ACCOUNT_ID

UPLOADS_CONTAINER_NAME="${UPLOADS_CONTAINER_NAME:-uploads}"
PROCESS_UPLOAD_FUNCTION_NAME="${PROCESS_UPLOAD_FUNCTION_NAME:-ProcessUpload}"
EVENTGRID_DEADLETTER_CONTAINER_NAME="${EVENTGRID_DEADLETTER_CONTAINER_NAME:-eventgrid-deadletter}"
EVENT_SUBSCRIPTION_NAME="${EVENT_SUBSCRIPTION_NAME:-uploads-blob-created}"
EVENTGRID_API_VERSION="2025-02-15"

SUBSCRIPTION="${AZURE_SUBSCRIPTION_ID}"
APP="${AZURE_FUNCTION_APP_NAME}"
TOPIC_ID="/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.EventGrid/systemTopics/${UPLOADS_SYSTEM_TOPIC_NAME}"
SUBSCRIPTION_URL="${TOPIC_ID}/eventSubscriptions/${EVENT_SUBSCRIPTION_NAME}?api-version=${EVENTGRID_API_VERSION}"

echo "post-deploy: waiting for the blobs_extension system key of ${APP}..."
host_name="$(az functionapp show --subscription "${SUBSCRIPTION}" -g "${RESOURCE_GROUP}" -n "${APP}" --query defaultHostName -o tsv)"
blobs_extension_key=""
for attempt in $(seq 1 30); do
  # Wakes the host (Flex Consumption may be scaled to zero); the key is created when the host loads
  # a blob trigger whose source is Event Grid.
  curl -fsS -o /dev/null --max-time 30 "https://${host_name}/" 2>/dev/null || true
  blobs_extension_key="$(az functionapp keys list --subscription "${SUBSCRIPTION}" -g "${RESOURCE_GROUP}" -n "${APP}" \
    --query "systemKeys.blobs_extension" -o tsv 2>/dev/null || true)"
  if [[ -n "${blobs_extension_key}" ]]; then
    break
  fi
  echo "post-deploy:   not yet available (attempt ${attempt}/30), retrying in 10 s"
  sleep 10
done
if [[ -z "${blobs_extension_key}" ]]; then
  echo "post-deploy: the blobs_extension key never appeared. Is a function named ${PROCESS_UPLOAD_FUNCTION_NAME} with" >&2
  echo "             [BlobTrigger(..., Source = BlobTriggerSource.EventGrid)] deployed, and does the host start?" >&2
  exit 1
fi

endpoint_url="https://${host_name}/runtime/webhooks/blobs?functionName=Host.Functions.${PROCESS_UPLOAD_FUNCTION_NAME}&code=${blobs_extension_key}"

body_file="$(mktemp)"
chmod 600 "${body_file}"
trap 'rm -f "${body_file}"' EXIT
# No subjectEndsWith filter: a misnamed upload (not .xlsx) must still reach the function so that it
# records a rejected submission instead of being silently ignored.
cat > "${body_file}" <<JSON
{
  "properties": {
    "destination": {
      "endpointType": "WebHook",
      "properties": {
        "endpointUrl": "${endpoint_url}",
        "maxEventsPerBatch": 1,
        "preferredBatchSizeInKilobytes": 64
      }
    },
    "filter": {
      "includedEventTypes": [ "Microsoft.Storage.BlobCreated" ],
      "subjectBeginsWith": "/blobServices/default/containers/${UPLOADS_CONTAINER_NAME}/",
      "isSubjectCaseSensitive": false
    },
    "eventDeliverySchema": "EventGridSchema",
    "retryPolicy": {
      "maxDeliveryAttempts": 30,
      "eventTimeToLiveInMinutes": 1440
    },
    "deadLetterWithResourceIdentity": {
      "identity": { "type": "SystemAssigned" },
      "deadLetterDestination": {
        "endpointType": "StorageBlob",
        "properties": {
          "resourceId": "${AZURE_STORAGE_ACCOUNT_ID}",
          "blobContainerName": "${EVENTGRID_DEADLETTER_CONTAINER_NAME}"
        }
      }
    }
  }
}
JSON

# Event Grid validates the webhook (handshake with the Functions host) while provisioning; a cold
# start can make that time out, so the PUT is retried a few times.
for attempt in 1 2 3; do
  echo "post-deploy: creating/updating event subscription ${EVENT_SUBSCRIPTION_NAME} on ${UPLOADS_SYSTEM_TOPIC_NAME} (attempt ${attempt}/3)"
  if ! az rest --method put --url "${SUBSCRIPTION_URL}" --body "@${body_file}" \
    --headers "Content-Type=application/json" --output none; then
    echo "post-deploy: the PUT was rejected" >&2
    sleep 15
    continue
  fi

  state=""
  for _ in $(seq 1 36); do
    state="$(az rest --method get --url "${SUBSCRIPTION_URL}" --query "properties.provisioningState" -o tsv || true)"
    case "${state}" in
      Succeeded|Failed|Canceled) break ;;
    esac
    sleep 5
  done

  if [[ "${state}" == "Succeeded" ]]; then
    echo "post-deploy: BlobCreated events under /${UPLOADS_CONTAINER_NAME}/ now go to ${PROCESS_UPLOAD_FUNCTION_NAME}."
    exit 0
  fi
  echo "post-deploy: provisioning state '${state}'" >&2
  sleep 15
done

echo "post-deploy: could not create the event subscription; see the Event Grid system topic in the portal." >&2
exit 1
