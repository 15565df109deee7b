metadata description = '''Event Grid system topic on the storage account. The event subscription that delivers BlobCreated
events for the uploads container to the ProcessUpload function is created after code deployment by
infra/scripts/post-deploy.sh, because the webhook needs the blobs_extension system key that only exists
once the Functions host has loaded the blob trigger.'''

@description('Name of the system topic.')
param name string

@description('Name of the storage account whose events the topic publishes (same resource group).')
param storageAccountName string

@description('Azure region; must be the region of the storage account.')
param location string = resourceGroup().location

@description('Tags applied to the topic.')
param tags object = {}

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  // A system topic must live in the region of its source resource.
  location: location
  tags: tags
  // Used to dead-letter undeliverable events into the storage account (account keys are disabled).
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output id string = systemTopic.id
output name string = systemTopic.name
output principalId string = systemTopic.identity.principalId
