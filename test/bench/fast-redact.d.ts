/** Minimal types for the untyped `fast-redact` package (3.5.0), used by the log benchmark only. */
declare module 'fast-redact' {
  export interface FastRedactOptions {
    paths: string[];
    censor?: unknown;
    remove?: boolean;
    serialize?: ((value: unknown) => string) | false;
    strict?: boolean;
  }
  export type FastRedact = (value: object) => string;
  export default function fastRedact(options: FastRedactOptions): FastRedact;
}
