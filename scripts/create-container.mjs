// Creates a blob container if it does not exist, with the account key of a storage connection string.
//
//   node scripts/create-container.mjs CONNECTION_STRING CONTAINER
//
// For scripts/run-local.sh: the Functions host's blob trigger polls the votes container, and a
// missing container fills the host log with 404 "container does not exist" until the first upload
// creates it. Node is there already (Azurite runs on it); the request is signed with Shared Key as
// https://learn.microsoft.com/rest/api/storageservices/authorize-with-shared-key describes, so no
// storage SDK is needed. Exit codes: 0 created or already there, 1 refused or unreachable, 2 a
// connection string without an account key (a SAS or an identity: create the container yourself).
import { createHmac } from 'node:crypto';

const [connectionString, container] = process.argv.slice(2);
if (!connectionString || !container) {
  console.error('usage: node scripts/create-container.mjs CONNECTION_STRING CONTAINER');
  process.exit(2);
}

// Azurite's well-known development account: not a secret.
const development = {
  AccountName: 'devstoreaccount1',
  AccountKey: 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  BlobEndpoint: 'http://127.0.0.1:10000/devstoreaccount1',
};
const settings = Object.fromEntries(connectionString.split(';').filter(Boolean).map((part) => {
  const at = part.indexOf('=');
  return [part.slice(0, at), part.slice(at + 1)];
}));
const account = /^true$/i.test(settings.UseDevelopmentStorage ?? '') ? development : settings;
if (!account.AccountName || !account.AccountKey) {
  console.error('create-container: the connection string has no AccountName and AccountKey; create the container another way');
  process.exit(2);
}
const endpoint = account.BlobEndpoint
  ?? `${account.DefaultEndpointsProtocol ?? 'https'}://${account.AccountName}.blob.${account.EndpointSuffix ?? 'core.windows.net'}`;

const url = new URL(`${endpoint.replace(/\/$/, '')}/${container}?restype=container`);
const headers = { 'x-ms-date': new Date().toUTCString(), 'x-ms-version': '2021-08-06' };
// PUT, eleven empty standard headers (Content-Length is empty when it is 0), the x-ms- headers
// sorted, then /account/path and the query parameters.
const stringToSign = ['PUT', '', '', '', '', '', '', '', '', '', '', '',
  ...Object.keys(headers).sort().map((name) => `${name}:${headers[name]}`),
  `/${account.AccountName}${url.pathname}\nrestype:container`].join('\n');
const signature = createHmac('sha256', Buffer.from(account.AccountKey, 'base64')).update(stringToSign, 'utf8').digest('base64');

try {
  const response = await fetch(url, {
    method: 'PUT',
    headers: { ...headers, Authorization: `SharedKey ${account.AccountName}:${signature}`, 'Content-Length': '0' },
  });
  if (response.status === 201 || response.headers.get('x-ms-error-code') === 'ContainerAlreadyExists') process.exit(0);
  console.error(`create-container: ${url.origin} answered ${response.status} ${response.headers.get('x-ms-error-code') ?? response.statusText}`);
} catch (error) {
  console.error(`create-container: cannot reach ${url.origin}: ${error.cause?.message ?? error.message}`);
}
process.exit(1);
