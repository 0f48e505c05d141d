'use strict';

const users = new Map();

function update(req, res) {
  const user = users.get(req.params.id);
  Object.assign(user, req.body);
  res.json(user);
}

module.exports = { update };
