#!/usr/bin/env node
// Rotates the key.
import debug from 'debug';
import { sanitizeForLogging } from '@secure-migrate/runtime';

const dbg = debug('rotate');

export function rotate(clientSecret) {
  dbg('rotating', sanitizeForLogging(clientSecret, { name: 'clientSecret' }));
}
