// Clients built from a storage connection string (Azurite's or a real account's).
import { BlobServiceClient } from '@azure/storage-blob';
import { TableClient } from '@azure/data-tables';

export const containerClient = (connectionString, container) =>
  BlobServiceClient.fromConnectionString(connectionString).getContainerClient(container);

// allowInsecureConnection only permits http:// endpoints (Azurite); it changes nothing for https.
export const tableClient = (connectionString, table) =>
  TableClient.fromConnectionString(connectionString, table, { allowInsecureConnection: true });
