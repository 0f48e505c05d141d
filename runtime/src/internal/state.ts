/**
 * Process-wide state, shared by every loaded copy of the runtime.
 *
 * The package ships an ES module build and a CommonJS build. An application can load both (its own code imports
 * the ESM entry, a dependency requires the CommonJS one), and each copy has its own module-level variables. State
 * that must exist once per process — the default key ring, the development key and its one warning, the
 * assignment guards' settings and warned call sites, the shared default redactor — therefore lives in one object
 * on `globalThis` under `Symbol.for('secure-migrate.runtime')`, which every copy (and every version that speaks
 * the same slot names) finds.
 *
 * Each area owns a named slot. A slot's name carries the version of its shape (`keys@1`): a future copy that
 * needs a different shape uses a new name instead of misreading an old one.
 */

/** The `globalThis` key of the shared state object. */
export const RUNTIME_STATE = Symbol.for('secure-migrate.runtime');

type StateObject = Record<string, object>;

function stateObject(): StateObject {
  const holder = globalThis as { [RUNTIME_STATE]?: StateObject };
  let state = holder[RUNTIME_STATE];
  if (state === undefined) {
    state = Object.create(null) as StateObject;
    // Not enumerable, so it does not show up when code walks globalThis; configurable, so a test can drop it.
    Object.defineProperty(globalThis, RUNTIME_STATE, {
      value: state,
      writable: false,
      enumerable: false,
      configurable: true,
    });
  }
  return state;
}

/**
 * The process-wide slot `name`, created by `init` on first use by any copy.
 * Do not cache the result across calls that may outlive a reset of the state (tests drop it); the lookup is cheap.
 */
export function stateSlot<T extends object>(name: string, init: () => T): T {
  const state = stateObject();
  let slot = state[name] as T | undefined;
  if (slot === undefined) {
    slot = init();
    state[name] = slot;
  }
  return slot;
}
