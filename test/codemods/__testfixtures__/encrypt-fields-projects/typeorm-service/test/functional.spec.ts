import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { DataSource } from 'typeorm';
import { ClientService } from '../src/clients.js';
import { createDataSource } from '../src/data-source.js';

let dataSource: DataSource;
before(async () => {
  dataSource = await createDataSource().initialize();
});
after(() => dataSource.destroy());

it('registers clients, authenticates one by its token, reads its refresh token back', async () => {
  const service = new ClientService(dataSource);
  const token = `tok_planted_${'a1'.repeat(20)}`;
  const id = await service.register('billing', token, `planted-refresh-${'r'.repeat(30)}`);
  await service.register('search', `tok_planted_${'b2'.repeat(20)}`, null);
  assert.equal(await service.authenticate(token), 'billing');
  assert.equal(await service.authenticate('tok_unknown'), undefined);
  assert.equal(await service.refreshTokenOf(id), `planted-refresh-${'r'.repeat(30)}`);
  const rows = await dataSource.query('SELECT "accessToken", "refreshToken" FROM api_clients ORDER BY id');
  console.log(`RAW ${JSON.stringify(rows)}`);
});
