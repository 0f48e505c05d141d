'use strict';

function handler(req, res) {
  const user = {};
  Object.assign(user, req.body);
  res.json(user);
}

module.exports = { handler };
