/** `secure-migrate/detect`: the detection API, re-exported from `eslint-plugin-secure-migrate/detect`. */
export * from 'eslint-plugin-secure-migrate/detect';
