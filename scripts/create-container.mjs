// Creates a blob container if it does not exist.
//
//   node scripts/create-container.mjs CONNECTION_STRING CONTAINER
//
// For scripts/run-local.sh: the Functions host's blob trigger polls the votes container, and a
// missing container fills the host log with 404 "container does not exist" until the first upload
// creates it. Uses the Azure Storage SDK for JavaScript (a pinned dev dependency in package.json).
// Exit codes: 0 created or already there, 1 refused or unreachable.
import { BlobServiceClient } from '@azure/storage-blob';

const [connectionString, container] = process.argv.slice(2);
if (!connectionString || !container) {
  console.error('usage: node scripts/create-container.mjs CONNECTION_STRING CONTAINER');
  process.exit(2);
}
try {
  await BlobServiceClient.fromConnectionString(connectionString).getContainerClient(container).createIfNotExists();
} catch (error) {
  console.error(`create-container: ${error.message.split('\n')[0]}`);
  process.exit(1);
}
