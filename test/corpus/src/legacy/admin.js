import _ from 'lodash';

export function updateUser(req, res, users) {
  const user = users[req.params.id]; // ok: no-unsafe-dynamic-assignment
  for (const key of Object.keys(req.body)) {
    user[key] = req.body[key]; // expect: no-unsafe-dynamic-assignment
  }
  res.json(user);
}

export function updateSetting(req, res, settings) {
  _.set(settings, req.body.path, req.body.value); // expect: no-unsafe-dynamic-assignment
  settings.updatedAt = Date.now(); // ok: no-unsafe-dynamic-assignment
  res.json(settings);
}

export function copyArray(input) {
  const out = [];
  for (let i = 0; i < input.length; i++) out[i] = input[i]; // ok: no-unsafe-dynamic-assignment
  return out;
}

export function logLogin(user, password) {
  console.info('login', user.name, password); // expect: no-sensitive-logging
  console.info('password changed:', Boolean(user.passwordChanged)); // ok: no-sensitive-logging
}
