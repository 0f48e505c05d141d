const Keyv = require('keyv');
const { secureCache } = require('@secure-migrate/runtime');

const store = secureCache(new Keyv());

async function storeToken(id, token) {
  await store.set(id, token);
}

module.exports = { storeToken };
