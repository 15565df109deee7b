metadata description = 'User-assigned managed identity used by the Function App for every Azure resource it talks to.'

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string = resourceGroup().location

@description('Tags applied to the identity.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
