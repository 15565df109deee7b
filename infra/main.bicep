metadata description = 'Digital-mining reporting pipeline: .NET 10 isolated Azure Functions on Flex Consumption with identity-based storage, Key Vault and Application Insights.'

targetScope = 'subscription'

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; seeds resource names and the azd-env-name tag.')
param environmentName string

@minLength(1)
@description('Primary location for all resources.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying user/principal; gets Blob and Table Data Contributor on the storage account so the CLI can be used against it. Empty: no assignment.')
param principalId string = ''

@description('Type of principalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('Resource group name. Empty: rg-<environmentName>.')
param resourceGroupName string = ''

@description('Storage account SKU.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Days that deleted blobs, blob versions and containers stay recoverable.')
@minValue(1)
@maxValue(365)
param storageDeleteRetentionDays int = 30

@description('Maximum number of Flex Consumption instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per Flex Consumption instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Retention of the Log Analytics workspace, in days.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Enable Key Vault purge protection (irreversible; recommended for production).')
param keyVaultEnablePurgeProtection bool = true

@description('6-field NCRONTAB (UTC) of the consolidated quarterly reports timer. 03:00 UTC = 08:00 in Kazakhstan (UTC+5).')
param quarterlyReportsSchedule string = '0 0 3 * * *'

@description('6-field NCRONTAB (UTC) of the reconciliation timer.')
param reconciliationSchedule string = '0 30 2 * * *'

@description('Base URL of the electricity market operator API.')
param marketOperatorBaseUrl string = ''

@description('Base URL of the AIFC exchange API.')
param exchangeBaseUrl string = ''

@description('Base URL of the mining pools API.')
param poolsBaseUrl string = ''

@description('Electricity market operator API key; stored in Key Vault. Empty: the secret is left as it is (not created).')
@secure()
param marketOperatorApiKey string = ''

@description('AIFC exchange API key; stored in Key Vault. Empty: the secret is left as it is (not created).')
@secure()
param exchangeApiKey string = ''

@description('Mining pools API key; stored in Key Vault. Empty: the secret is left as it is (not created).')
@secure()
param poolApiKey string = ''

@description('Application (client) id of the portal\'s Entra ID app registration (docs/portal.md). Empty: App Service Authentication is not configured, and the portal lets nobody in.')
param portalAuthClientId string = ''

@description('Name of the app setting holding the registration\'s client secret: a Key Vault reference to the secret portal-auth-client-secret, which the operator stores (never in the repository).')
#disable-next-line secure-secrets-in-params // the name of a setting, not the secret
param portalAuthClientSecretSettingName string = 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

var functionAppName = '${abbrs.webSitesFunctions}${resourceToken}'

// Container watched by Event Grid for new workbooks (BlobCreated -> ProcessUpload).
var uploadsContainerName = 'uploads'
// Application blob containers, tables and queues: edit these lists to add or rename one.
var blobContainerNames = [
  uploadsContainerName
  'feedback'
  'reports'
  'records'
]
var tableNames = [
  'Licences'
  'Quotas'
  'Equipment'
  'Exchanges'
  'Submissions'
  'QuarterlyAssessments'
  'Violations'
  'ReportVersions'
  'Findings'
  'ReconciliationRuns'
  'Users'
  'WorkUnits'
  'SweepFolders'
]
// Units of work: the timers enqueue, the queue functions run them; after host.json's maxDequeueCount a message moves to
// the queue's "-poison" twin (declared here so it exists, and is visible, before the first failure).
var workQueueNames = [
  'work-sweep'
  'work-reconcile'
  'work-reports'
  'work-audit'
]
// Infrastructure containers: the Flex Consumption deployment package, and undeliverable Event Grid events.
var deploymentContainerName = 'app-package'
var deadLetterContainerName = 'eventgrid-deadletter'

var processUploadFunctionName = 'ProcessUpload'

var keyVaultSecretNames = {
  marketOperator: 'market-operator-api-key'
  exchange: 'exchange-api-key'
  pools: 'pool-api-key'
  portalAuth: 'portal-auth-client-secret'
}

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'core/security/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}functions-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    skuName: storageSkuName
    containerNames: concat(blobContainerNames, [deploymentContainerName, deadLetterContainerName])
    tableNames: tableNames
    queueNames: concat(workQueueNames, map(workQueueNames, name => '${name}-poison'))
    deleteRetentionDays: storageDeleteRetentionDays
    // Every deploy rewrites the package; uploads/feedback/reports keep all their versions.
    pruneVersionsInContainers: [deploymentContainerName]
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

module keyVault 'core/security/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    enablePurgeProtection: keyVaultEnablePurgeProtection
    marketOperatorApiKeySecretName: keyVaultSecretNames.marketOperator
    exchangeApiKeySecretName: keyVaultSecretNames.exchange
    poolApiKeySecretName: keyVaultSecretNames.pools
    marketOperatorApiKey: marketOperatorApiKey
    exchangeApiKey: exchangeApiKey
    poolApiKey: poolApiKey
  }
}

module eventGrid 'app/eventgrid.bicep' = {
  name: 'eventgrid'
  scope: rg
  params: {
    name: '${abbrs.eventGridSystemTopics}storage-${resourceToken}'
    location: location
    storageAccountName: storage.outputs.name
    tags: tags
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
    appPrincipalId: identity.outputs.principalId
    eventGridPrincipalId: eventGrid.outputs.principalId
    deadLetterContainerName: deadLetterContainerName
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

module functions 'app/functions.bicep' = {
  name: 'functions'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    serviceName: 'functions'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    runtimeName: 'dotnet-isolated'
    runtimeVersion: '10.0'
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    appSettings: {
      // The app's own blob/table clients (DefaultAzureCredential / ManagedIdentityCredential with this client id).
      Storage__BlobServiceUri: storage.outputs.primaryBlobEndpoint
      Storage__TableServiceUri: storage.outputs.primaryTableEndpoint
      Storage__QueueServiceUri: storage.outputs.primaryQueueEndpoint
      Storage__ManagedIdentityClientId: identity.outputs.clientId

      // Timer schedules, used as %Schedules:QuarterlyReports% / %Schedules:Reconciliation% (the host maps the __ of app settings to :).
      // Evaluated in UTC: WEBSITE_TIME_ZONE is not supported on Linux / Flex Consumption.
      Schedules__QuarterlyReports: quarterlyReportsSchedule
      Schedules__Reconciliation: reconciliationSchedule

      // External reconciliation sources. The ApiKey values are Key Vault references resolved with
      // keyVaultReferenceIdentity; versionless, so a rotated secret is picked up without a redeploy
      // (App Service re-reads references within 24 h, or at once on restart).
      ExternalSources__MarketOperator__BaseUrl: marketOperatorBaseUrl
      ExternalSources__MarketOperator__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${keyVaultSecretNames.marketOperator})'
      ExternalSources__Exchange__BaseUrl: exchangeBaseUrl
      ExternalSources__Exchange__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${keyVaultSecretNames.exchange})'
      ExternalSources__Pools__BaseUrl: poolsBaseUrl
      ExternalSources__Pools__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${keyVaultSecretNames.pools})'

      // The portal at the site root (host.json routePrefix ""): no Functions landing page; App Service Authentication's
      // client secret as a Key Vault reference (the operator stores it, docs/portal.md).
      AzureWebJobsDisableHomepage: 'true'
      '${portalAuthClientSecretSettingName}': '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${keyVaultSecretNames.portalAuth})'
    }
  }
  // Roles first, so the host's first start can reach storage and resolve the Key Vault references.
  dependsOn: [
    rbac
  ]
}

// Sign-in for the portal: App Service Authentication with Entra ID. Miners get no storage role: the portal is their only door.
module portalAuth 'app/auth.bicep' = if (!empty(portalAuthClientId)) {
  name: 'portal-auth'
  scope: rg
  params: {
    functionAppName: functions.outputs.name
    clientId: portalAuthClientId
    clientSecretSettingName: portalAuthClientSecretSettingName
  }
}

// ---------------------------------------------------------------------------------------------
// Outputs (azd stores them in .azure/<env>/.env; the postdeploy hook reads several of them)
// ---------------------------------------------------------------------------------------------

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output RESOURCE_GROUP string = rg.name

output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output SERVICE_FUNCTIONS_NAME string = functions.outputs.name
output SERVICE_FUNCTIONS_URI string = functions.outputs.uri
output PROCESS_UPLOAD_FUNCTION_NAME string = processUploadFunctionName

output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId

output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_ACCOUNT_ID string = storage.outputs.id
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.primaryBlobEndpoint
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.primaryQueueEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.primaryTableEndpoint

output UPLOADS_CONTAINER_NAME string = uploadsContainerName
output UPLOADS_SYSTEM_TOPIC_NAME string = eventGrid.outputs.name
output EVENTGRID_DEADLETTER_CONTAINER_NAME string = deadLetterContainerName

output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri

output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
