/** Minimal types for the untyped `fernet` npm package (0.4.0), used by the crypto benchmark only. */
declare module 'fernet' {
  export class Secret {
    constructor(secret: string);
  }
  export interface TokenOptions {
    secret?: Secret;
    token?: string;
    ttl?: number;
    iv?: number[];
    time?: string;
  }
  export class Token {
    constructor(options?: TokenOptions);
    encode(message?: string): string;
    decode(token?: string): string;
  }
  const fernet: { Secret: typeof Secret; Token: typeof Token };
  export default fernet;
}
