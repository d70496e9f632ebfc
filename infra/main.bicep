// VoteFunctions in Azure: the Function App, its storage (votes container + the Azure Files
// share that holds the DuckDB warehouse), and monitoring. The reasons are in docs/design.md (Deployment choices).

@description('Name prefix for every resource (lowercase letters and digits).')
@minLength(3)
@maxLength(11)
param appName string

@description('Azure region; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('App Service plan SKU. Dedicated (B1 and up) runs the polling blob trigger and mounts Azure Files.')
@allowed([
  'B1'
  'B2'
  'S1'
  'P0v3'
  'P1v3'
])
param planSku string = 'B1'

@description('Six-field NCRONTAB schedule of the nightly refresh (UTC).')
param nightlyRefreshSchedule string = '0 0 2 * * *'

@description('Six-field NCRONTAB schedule of the catch-up of blobs the blob trigger missed.')
param catchUpSchedule string = '0 */5 * * * *'

@description('DuckDB memory limit for the warehouse (past it, DuckDB spills to disk); the process peaks 300 to 370 MB above it. B1 has 1.75 GB of memory: raise it on larger plans.')
param warehouseMemoryLimit string = '576MB'

@description('Size of the warehouse file share in GiB.')
@minValue(1)
param warehouseShareQuotaGiB int = 100

var suffix = uniqueString(resourceGroup().id)
var storageName = toLower('${appName}${suffix}')
var votesContainer = 'votes'
var warehouseShare = 'warehouse'
var warehouseMountPath = '/mounts/warehouse'

// Built-in role definition ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${appName}-logs-${suffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${appName}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take(storageName, 24)
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    // The Azure Files mount authenticates with the account key: App Service storage mounts
    // do not support managed identity. Everything else uses the app's identity.
    allowSharedKeyAccess: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource votes 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: votesContainer
  properties: {
    publicAccess: 'None'
  }
}

resource fileService 'Microsoft.Storage/storageAccounts/fileServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource share 'Microsoft.Storage/storageAccounts/fileServices/shares@2023-05-01' = {
  parent: fileService
  name: warehouseShare
  properties: {
    shareQuota: warehouseShareQuotaGiB
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${appName}-plan-${suffix}'
  location: location
  kind: 'linux'
  sku: {
    name: planSku
    capacity: 1 // one instance: DuckDB allows one writer per warehouse file
  }
  properties: {
    reserved: true // Linux
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: '${appName}-${suffix}'
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'DOTNET-ISOLATED|10.0'
      alwaysOn: true // a dedicated plan must stay awake for the blob and timer triggers
      numberOfWorkers: 1
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        {
          name: 'FUNCTIONS_EXTENSION_VERSION'
          value: '~4'
        }
        {
          name: 'FUNCTIONS_WORKER_RUNTIME'
          value: 'dotnet-isolated'
        }
        {
          // Identity-based host storage: no key in settings.
          name: 'AzureWebJobsStorage__accountName'
          value: storage.name
        }
        {
          name: 'VotesStorage__blobServiceUri'
          value: storage.properties.primaryEndpoints.blob
        }
        {
          name: 'VotesStorage__queueServiceUri'
          value: storage.properties.primaryEndpoints.queue
        }
        {
          name: 'VotesContainer'
          value: votesContainer
        }
        {
          name: 'WarehousePath'
          value: '${warehouseMountPath}/warehouse.db'
        }
        {
          name: 'WarehouseMemoryLimit'
          value: warehouseMemoryLimit
        }
        {
          name: 'NightlyRefreshSchedule'
          value: nightlyRefreshSchedule
        }
        {
          name: 'CatchUpSchedule'
          value: catchUpSchedule
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: insights.properties.ConnectionString
        }
      ]
    }
  }
}

// The share mounted where WarehousePath points.
resource mounts 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'azurestorageaccounts'
  properties: {
    warehouse: {
      type: 'AzureFiles'
      accountName: storage.name
      shareName: share.name
      mountPath: warehouseMountPath
      accessKey: storage.listKeys().keys[0].value
    }
  }
}

// Least privilege for the app's identity, on this storage account only: Blob Data Owner is
// what identity-based AzureWebJobsStorage needs (host leases and the blob trigger's receipts),
// and covers reading the votes container; Queue Data Contributor is for the blob trigger's
// poison queue.
resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, app.id, storageBlobDataOwner)
  properties: {
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
  }
}

resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, app.id, storageQueueDataContributor)
  properties: {
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
  }
}

output functionAppName string = app.name
output defaultHostName string = app.properties.defaultHostName
output storageAccountName string = storage.name
