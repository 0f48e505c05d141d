'use strict';

function handler(req, res) {
  const user = {};
  // secure-migrate: TODO (no-unsafe-dynamic-assignment) Object.assign() copies every key of req.body into user, including fields it must not set (isAdmin, passwordHash) and __proto__. No finite allow list follows from the target type: decide which keys callers may set, then use secureAssignAll(target, input, { allow: [...] }).
  Object.assign(user, req.body);
  res.json(user);
}

module.exports = { handler };
