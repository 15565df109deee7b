metadata description = 'Key Vault (RBAC authorization, soft delete) holding the API keys of the external reconciliation sources.'

@description('Name of the Key Vault (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string = resourceGroup().location

@description('Tags applied to the vault.')
param tags object = {}

@description('Days a deleted vault or secret stays recoverable.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('Enable purge protection. Once enabled it cannot be turned off and a deleted vault cannot be purged before the retention ends.')
param enablePurgeProtection bool = true

@description('Name of the secret for the electricity market operator API key.')
param marketOperatorApiKeySecretName string

@description('Name of the secret for the AIFC exchange API key.')
param exchangeApiKeySecretName string

@description('Name of the secret for the mining pools API key.')
param poolApiKeySecretName string

@description('Electricity market operator API key. Empty: the secret is not created or changed.')
@secure()
param marketOperatorApiKey string = ''

@description('AIFC exchange API key. Empty: the secret is not created or changed.')
@secure()
param exchangeApiKey string = ''

@description('Mining pools API key. Empty: the secret is not created or changed.')
@secure()
param poolApiKey string = ''

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // The API rejects 'false' once set; leave the property out instead.
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource marketOperatorSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(marketOperatorApiKey)) {
  parent: vault
  name: marketOperatorApiKeySecretName
  properties: {
    value: marketOperatorApiKey
    contentType: 'text/plain'
  }
}

resource exchangeSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(exchangeApiKey)) {
  parent: vault
  name: exchangeApiKeySecretName
  properties: {
    value: exchangeApiKey
    contentType: 'text/plain'
  }
}

resource poolSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(poolApiKey)) {
  parent: vault
  name: poolApiKeySecretName
  properties: {
    value: poolApiKey
    contentType: 'text/plain'
  }
}

output id string = vault.id
output name string = vault.name
@description('Vault URI, with a trailing slash (https://<name>.vault.azure.net/).')
output uri string = vault.properties.vaultUri
