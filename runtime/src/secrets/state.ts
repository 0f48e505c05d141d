/**
 * The secrets module's process-wide state, shared by the ESM and the CommonJS build: the configured directory,
 * the values `loadSecrets` cached, the random development values and their warnings, and the files read.
 */
import { stateSlot } from '../internal/state.js';

/** A file read once, kept while its metadata stays the same. */
export interface FileEntry {
  /** Size, modification and change times and inode: a rewrite or a swapped mount changes one of them. */
  stamp: string;
  /** The content, or `undefined` for a file found missing. */
  value: string | undefined;
  /** When the metadata was last compared (`Date.now()`). */
  checkedAt: number;
}

/** How long a file's metadata is trusted before the next read compares it again, unless configured. */
export const DEFAULT_FILE_CHECK_INTERVAL_MS = 1000;

export interface SecretsState {
  /** Set by `configureSecrets`: a directory, `false` for none, `undefined` for the default. */
  directory?: string | false;
  /** Milliseconds between two comparisons of a file's metadata. */
  fileCheckInterval: number;
  /** Values the providers of `loadSecrets` returned, by name. */
  loaded: Map<string, string>;
  /** Random development values, one per name for the life of the process. */
  random: Map<string, string>;
  /** Warnings given, by `<kind>:<name>`, so each is given once per process. */
  warned: Set<string>;
  /** File contents by path. */
  files: Map<string, FileEntry>;
  /** Values handed to the redactor already, so a read does not register a value twice. */
  registered: Set<string>;
  /** Names found valid (a variable name, not a value), so a read checks a name once. */
  names: Set<string>;
}

const initSecrets = (): SecretsState => ({
  fileCheckInterval: DEFAULT_FILE_CHECK_INTERVAL_MS,
  loaded: new Map(),
  random: new Map(),
  warned: new Set(),
  files: new Map(),
  registered: new Set(),
  names: new Set(),
});

/** The process-wide state of the secrets module. */
export const secretsState = (): SecretsState => stateSlot<SecretsState>('secrets@1', initSecrets);
