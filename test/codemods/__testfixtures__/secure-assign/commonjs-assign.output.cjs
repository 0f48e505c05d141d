'use strict';
const { guardAssignAll } = require('@secure-migrate/runtime');

const users = new Map();

function update(req, res) {
  const user = users.get(req.params.id);
  guardAssignAll(user, req.body);
  res.json(user);
}

module.exports = { update };
