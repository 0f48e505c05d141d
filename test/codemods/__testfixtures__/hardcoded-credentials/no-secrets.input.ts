export const TOKEN_ENV = 'GITHUB_TOKEN';
export const passwordMinLength = 12;
export const PASSWORD_FIELD = 'password';

export function readSecret(): string {
  const value = process.env.SESSION_SECRET;
  if (!value) throw new Error('SESSION_SECRET is not set');
  return value;
}
