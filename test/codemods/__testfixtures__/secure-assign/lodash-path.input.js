import _ from 'lodash';

export function setOption(options, path, value) {
  _.set(options, path, value);
}
