using './main.bicep'

param appName = 'votefunc'
param planSku = 'B1'
param nightlyRefreshSchedule = '0 0 2 * * *'
param catchUpSchedule = '0 */5 * * * *'
param warehouseMemoryLimit = '576MB'
param warehouseShareQuotaGiB = 100
