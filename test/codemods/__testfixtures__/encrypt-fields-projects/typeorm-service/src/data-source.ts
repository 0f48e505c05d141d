import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import { ApiClient } from './api-client.js';

export function createDataSource(): DataSource {
  return new DataSource({
    type: 'postgres',
    driver: new PGliteDriver().driver,
    entities: [ApiClient],
    synchronize: true,
  });
}
