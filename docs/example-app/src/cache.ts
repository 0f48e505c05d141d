import Keyv from 'keyv';

// The in-memory backing store; production points Keyv at Redis instead.
export const store = new Map<string, unknown>();

export const cache = new Keyv({ store, namespace: 'app' });
