/**
 * Counts of plaintext values read through columns declared `legacy: 'passthrough'`, per context, once per process
 * (shared by the ESM and CommonJS builds), so a migration can check that the sweep has left nothing behind.
 */
import { stateSlot } from '../internal/state.js';

interface LegacyState {
  counts: Map<string, number>;
  warned: Set<string>;
}

const legacyState = (): LegacyState =>
  stateSlot<LegacyState>('fields-legacy@1', () => ({ counts: new Map(), warned: new Set() }));

/** @internal Records one plaintext read of `context`; the first one per context also emits a process warning. */
export function countLegacyRead(context: string): void {
  const state = legacyState();
  state.counts.set(context, (state.counts.get(context) ?? 0) + 1);
  if (!state.warned.has(context)) {
    state.warned.add(context);
    process.emitWarning(
      `Read a plaintext value of "${context}" (legacy: 'passthrough'). Run sweepField() to encrypt the ` +
        `remaining rows, then remove legacy: 'passthrough' so that plaintext is refused again.`,
      { code: 'SECURE_MIGRATE_LEGACY_FIELD' },
    );
  }
}

/** Plaintext reads per context since the process started (or since resetLegacyFieldReads). */
export function legacyFieldReads(): Record<string, number> {
  return Object.fromEntries(legacyState().counts);
}

/** Clears the counts (and lets each context warn again). */
export function resetLegacyFieldReads(): void {
  const state = legacyState();
  state.counts.clear();
  state.warned.clear();
}
