/** Minimal types for `redlock` 4.2.0 (ships none), used by the lock benchmark only. */
declare module 'redlock' {
  export interface RedlockOptions {
    driftFactor?: number;
    retryCount?: number;
    retryDelay?: number;
    retryJitter?: number;
  }
  export class Lock {
    resource: string | string[];
    value: string;
    expiration: number;
    unlock(): Promise<void>;
    extend(ttl: number): Promise<Lock>;
  }
  export default class Redlock {
    constructor(clients: unknown[], options?: RedlockOptions);
    lock(resource: string | string[], ttl: number): Promise<Lock>;
    unlock(lock: Lock): Promise<void>;
  }
}
