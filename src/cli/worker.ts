/** Worker thread entry: processes chunks of files sent by the main thread with the registry's transforms. */
import { parentPort, workerData } from 'node:worker_threads';
import { selectTransforms } from '../../codemods/registry.js';
import { processFile, type ProcessSettings } from './process-file.js';

interface WorkerInput {
  transforms: string[];
  settings: ProcessSettings;
}

const { transforms: names, settings } = workerData as WorkerInput;
const transforms = selectTransforms(names);

parentPort?.on('message', (files: string[] | null) => {
  if (files === null) {
    parentPort?.close();
    return;
  }
  parentPort?.postMessage(files.map((file) => processFile(file, transforms, settings)));
});
