import _ from 'lodash';
import { secureSet } from '@secure-migrate/runtime';

export function setOption(options, path, value) {
  secureSet(options, path, value);
}
