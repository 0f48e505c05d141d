#!/usr/bin/env node
// Rotates the key.
import debug from 'debug';

const dbg = debug('rotate');

export function rotate(clientSecret) {
  dbg('rotating', clientSecret);
}
