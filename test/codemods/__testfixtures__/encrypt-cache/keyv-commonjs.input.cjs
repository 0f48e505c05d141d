const Keyv = require('keyv');

const store = new Keyv();

async function storeToken(id, token) {
  await store.set(id, token);
}

module.exports = { storeToken };
