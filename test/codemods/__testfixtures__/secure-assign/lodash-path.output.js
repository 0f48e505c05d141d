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

export function mergeOptions(req, res) {
  // secure-migrate: TODO (no-unsafe-dynamic-assignment) merge() deep-merges req.body, which comes
  // from req.body, into options. lodash 4.17.21 and later skip __proto__ and constructor when
  // merging: check the installed version, then decide which keys a caller may change and merge only
  // those (pick them from the input first).
  _.merge(options, req.body);
  res.json(options);
}
