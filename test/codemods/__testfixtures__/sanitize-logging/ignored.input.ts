export function debugAuth(secret: string, password: string) {
  // secure-migrate-ignore
  console.log(secret);
  // eslint-disable-next-line secure-migrate/no-sensitive-logging
  console.log(password);
}
