metadata description = 'All role assignments of the deployment, using built-in role definition ids.'

@description('Storage account the Function App and the operator work against.')
param storageAccountName string

@description('Application Insights component the Function App publishes telemetry to.')
param applicationInsightsName string

@description('Key Vault holding the external API keys.')
param keyVaultName string

@description('Principal (object) id of the Function App\'s user-assigned managed identity.')
param appPrincipalId string

@description('Principal id of the Event Grid system topic\'s identity (dead-lettering). Empty: skipped.')
param eventGridPrincipalId string = ''

@description('Container that receives undeliverable Event Grid events.')
param deadLetterContainerName string

@description('Principal id of the person (or pipeline) deploying, for CLI access to the data. Empty: skipped.')
param deployerPrincipalId string = ''

@description('Type of the deploying principal.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param deployerPrincipalType string = 'User'

// Built-in role definition ids (identical in every Azure cloud).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

// Blob Data Owner (not Contributor): the Functions host takes blob leases for singletons/timers.
var appStorageRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

var deployerStorageRoles = [
  roles.storageBlobDataContributor
  roles.storageTableDataContributor
]

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource deadLetterContainer 'containers' existing = {
      name: deadLetterContainerName
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource keyVault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource appStorageAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in appStorageRoles: {
    name: guid(storage.id, appPrincipalId, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource appMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, appPrincipalId, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appKeyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, appPrincipalId, roles.keyVaultSecretsUser)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource eventGridDeadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(eventGridPrincipalId)) {
  name: guid(storage::blobService::deadLetterContainer.id, eventGridPrincipalId, roles.storageBlobDataContributor)
  scope: storage::blobService::deadLetterContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: eventGridPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource deployerStorageAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in deployerStorageRoles: if (!empty(deployerPrincipalId)) {
    name: guid(storage.id, deployerPrincipalId, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: deployerPrincipalId
      principalType: deployerPrincipalType
    }
  }
]
