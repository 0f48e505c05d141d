/**
 * Where a secret is found, in order: the environment variable `NAME`, the file `NAME_FILE` names, the file `NAME`
 * (or `name`) in the secrets directory, and the values `loadSecrets` cached. A file's metadata (size,
 * modification and change times, inode) is compared at most once per check interval (1 s unless configured), and
 * the file read again only when it changed: a read costs no system call within the interval, and a rotated mounted
 * secret is picked up at the first read after it.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { SecretError } from '../errors.js';
import { secretsState, type SecretsState } from './state.js';

/** The directory of secret files when none is configured: where Docker and Docker Compose mount secrets. */
export const DEFAULT_SECRETS_DIRECTORY = '/run/secrets';

/** The environment variable that sets the secrets directory (`configureSecrets` overrides it). */
export const SECRETS_DIRECTORY_ENV = 'SECURE_MIGRATE_SECRETS_DIR';

/** A value and where it came from (for messages: never the value). */
export interface FoundSecret {
  value: string;
  source: string;
}

/** The secrets directory in use, or `null` when turned off. */
export function secretsDirectory(state: SecretsState = secretsState()): string | null {
  if (state.directory === false) return null;
  if (state.directory !== undefined) return state.directory;
  const fromEnv = process.env[SECRETS_DIRECTORY_ENV]?.trim();
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : DEFAULT_SECRETS_DIRECTORY;
}

/**
 * A file's content without one trailing line break (editors and `echo` add one); `undefined` when absent. Within
 * the check interval of the last look the remembered answer stands (a `stat` is a system call); after it, the
 * metadata is compared and the file read again only when it changed.
 */
function readSecretFile(
  state: SecretsState,
  file: string,
  name: string,
  describe: string,
  mustExist: boolean,
): string | undefined {
  const cached = state.files.get(file);
  const now = Date.now();
  if (cached !== undefined && now - cached.checkedAt < state.fileCheckInterval) {
    if (cached.value !== undefined || !mustExist) return cached.value;
  }
  try {
    const stats = statSync(file, { throwIfNoEntry: false });
    if (stats === undefined || stats.isDirectory()) {
      if (!mustExist) {
        state.files.set(file, { stamp: '', value: undefined, checkedAt: now });
        return undefined;
      }
      state.files.delete(file);
      throw Object.assign(new Error('missing'), { code: stats === undefined ? 'ENOENT' : 'EISDIR' });
    }
    const stamp = `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}`;
    if (cached !== undefined && cached.stamp === stamp) {
      cached.checkedAt = now;
      return cached.value;
    }
    const text = readFileSync(file, 'utf8');
    const value = text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
    state.files.set(file, { stamp, value, checkedAt: now });
    return value;
  } catch (error) {
    state.files.delete(file);
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new SecretError(
      'ERR_SECRET_INVALID',
      name,
      `Secret ${name}: ${describe} cannot be read (${code}). Fix the file or its permissions, or unset it.`,
    );
  }
}

/** Valid names: a letter or `_` first, then letters, digits, `_`, `.`, `-` (no path separators). */
export const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,254}$/;

/** The first source that has a non-empty value for `name`, or `undefined`. */
export function findSecret(name: string, state: SecretsState = secretsState()): FoundSecret | undefined {
  const env = process.env;
  const direct = env[name];
  if (direct !== undefined && direct !== '') {
    return { value: direct, source: `the environment variable ${name}` };
  }
  const fileVariable = `${name}_FILE`;
  const filePath = env[fileVariable]?.trim();
  if (filePath !== undefined && filePath !== '') {
    const value = readSecretFile(state, filePath, name, `the file ${fileVariable} names`, true);
    if (value !== undefined && value !== '') return { value, source: `the file ${fileVariable} names` };
  }
  const directory = secretsDirectory(state);
  if (directory !== null) {
    for (const fileName of name === name.toLowerCase() ? [name] : [name, name.toLowerCase()]) {
      // (a name holds no separator, so joining by hand is safe, and cheaper than path.join on every read)
      const file = directory.endsWith(path.sep) ? directory + fileName : directory + path.sep + fileName;
      const value = readSecretFile(state, file, name, `the file ${fileName} in ${directory}`, false);
      if (value !== undefined && value !== '') {
        return { value, source: `the file ${fileName} in the secrets directory` };
      }
    }
  }
  const loaded = state.loaded.get(name);
  if (loaded !== undefined && loaded !== '') return { value: loaded, source: 'loadSecrets' };
  return undefined;
}
