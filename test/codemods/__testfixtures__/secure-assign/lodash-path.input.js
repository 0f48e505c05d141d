import _ from 'lodash';

const options = {};

export function setOption(req, res) {
  _.set(options, req.body.path, req.body.value);
  res.json(options);
}

export function mergeOptions(req, res) {
  _.merge(options, req.body);
  res.json(options);
}
