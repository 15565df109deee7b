#!/usr/bin/env node
// Uploads every file under DIR (recursively) to a blob container, creating the container if needed.
// Blob name = path relative to DIR with '/' separators, after the optional prefix.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { runCli, requireOptions } from './lib/cli.mjs';
import { containerClient } from './lib/connection.mjs';

const usage = 'upload-blobs.mjs --connection-string CS --container NAME --dir DIR [--prefix P]';
const options = {
  'connection-string': { type: 'string' },
  container: { type: 'string' },
  dir: { type: 'string' },
  prefix: { type: 'string', default: '' },
};
const CONTENT_TYPES = { '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

await runCli({ usage, options }, async (a) => {
  requireOptions(a, 'connection-string', 'container', 'dir');
  const container = containerClient(a['connection-string'], a.container);
  await container.createIfNotExists();

  const entries = await readdir(a.dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(a.dir, path.join(e.parentPath ?? e.path, e.name)))
    .sort();
  const uploaded = [];
  for (const relative of files) {
    const file = path.join(a.dir, relative);
    const name = a.prefix + relative.split(path.sep).join('/');
    const contentType = CONTENT_TYPES[path.extname(file).toLowerCase()];
    const blob = container.getBlockBlobClient(name);
    const response = await blob.uploadFile(file, contentType ? { blobHTTPHeaders: { blobContentType: contentType } } : {});
    // uploadFile returns the MD5 only for a single-request upload; ask for it otherwise.
    const md5 = response.contentMD5 ?? (await blob.getProperties()).contentMD5;
    uploaded.push({
      name,
      size: (await stat(file)).size,
      etag: response.etag,
      contentMD5: md5 ? Buffer.from(md5).toString('base64') : null,
    });
  }
  return { uploaded };
});
