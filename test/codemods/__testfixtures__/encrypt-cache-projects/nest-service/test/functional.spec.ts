import 'reflect-metadata';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { TokensService } from '../src/tokens.service';
import { closeWorker, refreshTokenForJob } from '../src/worker';

let app: INestApplicationContext;
let tokens: TokensService;

before(async () => {
  app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  app.enableShutdownHooks();
  tokens = app.get(TokensService);
});

after(async () => {
  await app.close();
  await closeWorker();
});

test('a refresh token is read back as it was saved', async () => {
  await tokens.saveRefreshToken('u-1', 'rt-planted-nest-1');
  assert.equal(await tokens.refreshTokenOf('u-1'), 'rt-planted-nest-1');
  assert.equal(await tokens.refreshTokenOf('nobody'), null);
});

test('the worker reads the refresh token the service saved', async () => {
  await tokens.saveRefreshToken('u-2', 'rt-planted-nest-2');
  assert.equal(await refreshTokenForJob('u-2'), 'rt-planted-nest-2');
});

test('an API key kept in the cache-manager cache is read back', async () => {
  await tokens.rememberApiKey('c-1', 'ak-planted-nest-1');
  assert.equal(await tokens.apiKeyOf('c-1'), 'ak-planted-nest-1');
  assert.equal((await tokens.apiKeyOf('c-unknown')) ?? null, null);
});
