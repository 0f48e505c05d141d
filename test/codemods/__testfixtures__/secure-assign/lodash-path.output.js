import _ from 'lodash';

const options = {};

export function setOption(req, res) {
  // secure-migrate: TODO (no-unsafe-dynamic-assignment) set() with a path that comes from req.body
  // can reach __proto__ or constructor.prototype (in lodash before 4.17.21) and overwrite any
  // field. lodash 4.17.21 and later refuse __proto__, constructor and prototype in set paths: check
  // the installed version, or check the path against an allow list (secureSet() refuses those names
  // and sensitive ones).
  _.set(options, req.body.path, req.body.value);
  res.json(options);
}
