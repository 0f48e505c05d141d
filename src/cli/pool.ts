import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { TransformDefinition } from '../../codemods/lib/definition.js';
import { processFile, type FileOutcome, type ProcessSettings } from './process-file.js';

/** Runs with fewer files than this stay in the main thread: starting workers would cost more than it saves. */
export const IN_BAND_MAX_FILES = 64;
const CHUNK = 16;

/** Options of {@link runFiles}. */
export interface RunFilesOptions {
  /** Worker threads; default: the number of cores. */
  workers?: number;
  /** Called after each file (or chunk) with how many finished. */
  onProgress?: (count: number) => void;
  /**
   * When the transforms are the registry's, their names (workers load them by name); when absent the run stays
   * in the main thread.
   */
  registryNames?: readonly string[];
}

function workerScript(): string | undefined {
  const file = fileURLToPath(new URL('./worker.js', import.meta.url));
  return existsSync(file) ? file : undefined;
}

/** The number of worker threads a run uses (0 = in the main thread). */
export function plannedWorkers(
  fileCount: number,
  requested: number | undefined,
  canUseWorkers: boolean,
): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const wanted = requested ?? cores;
  if (!canUseWorkers || wanted <= 1 || fileCount < IN_BAND_MAX_FILES) return 0;
  return Math.min(wanted, Math.ceil(fileCount / CHUNK));
}

/** Processes files in the main thread or on worker threads; results come back in input order. */
export async function runFiles(
  files: readonly string[],
  transforms: readonly TransformDefinition[],
  settings: ProcessSettings,
  options: RunFilesOptions = {},
): Promise<FileOutcome[]> {
  const script = options.registryNames ? workerScript() : undefined;
  const count = plannedWorkers(files.length, options.workers, Boolean(script));
  if (count === 0 || !script) {
    return files.map((file) => {
      const outcome = processFile(file, transforms, settings);
      options.onProgress?.(1);
      return outcome;
    });
  }
  const results = new Map<string, FileOutcome>();
  let next = 0;
  const takeChunk = (): string[] | null => {
    if (next >= files.length) return null;
    const chunk = files.slice(next, next + CHUNK);
    next += chunk.length;
    return chunk;
  };
  await Promise.all(
    Array.from({ length: count }, () => {
      return new Promise<void>((resolve) => {
        const worker = new Worker(script, { workerData: { transforms: options.registryNames, settings } });
        let current: string[] | null = null;
        const send = (): void => {
          current = takeChunk();
          worker.postMessage(current);
          if (current === null) void worker.terminate().then(() => resolve());
        };
        worker.on('message', (outcomes: FileOutcome[]) => {
          for (const outcome of outcomes) results.set(outcome.path, outcome);
          options.onProgress?.(outcomes.length);
          send();
        });
        worker.on('error', (error) => {
          // A crashed worker fails its chunk's files, never the run.
          for (const file of current ?? []) {
            results.set(file, {
              path: file,
              status: 'failed',
              reason: 'worker crashed',
              sites: [],
              error: { message: error.message },
            });
          }
          resolve();
        });
        send();
      });
    }),
  );
  return files.map(
    (file) =>
      results.get(file) ?? {
        path: file,
        status: 'failed',
        reason: 'not processed (worker error)',
        sites: [],
        error: { message: 'A worker thread stopped before processing this file' },
      },
  );
}
