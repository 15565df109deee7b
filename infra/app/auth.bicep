metadata description = 'App Service Authentication (Easy Auth) with Microsoft Entra ID in front of the portal: every request signs in first; the app trusts only the platform\'s X-MS-CLIENT-PRINCIPAL header (docs/portal.md).'

@description('Name of the Function App serving the portal.')
param functionAppName string

@description('Application (client) id of the portal\'s Entra ID app registration. Not a secret.')
param clientId string

@description('Name of the app setting that holds the app registration\'s client secret (a Key Vault reference; the secret itself is never in the repository).')
#disable-next-line secure-secrets-in-params // the name of a setting, not the secret
param clientSecretSettingName string

@description('Entra ID tenant whose accounts may sign in (single-tenant registration).')
param tenantId string = tenant().tenantId

@description('Paths that need no sign-in: the platform\'s health check.')
param excludedPaths array = [
  '/api/health'
]

resource functionApp 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource authSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      // Nobody reaches a function without signing in; a browser is sent to the Entra ID sign-in page.
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: excludedPaths
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: clientId
          clientSecretSettingName: clientSecretSettingName
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenantId}/v2.0'
        }
        login: {
          // preferred_username (the user principal name) is what the registry's Users sheet lists.
          loginParameters: [
            'scope=openid profile email'
          ]
        }
      }
    }
    login: {
      // The portal needs no provider tokens: none are stored.
      tokenStore: {
        enabled: false
      }
      preserveUrlFragmentsForLogins: false
    }
    httpSettings: {
      requireHttps: true
      forwardProxy: {
        convention: 'NoProxy'
      }
    }
  }
}
