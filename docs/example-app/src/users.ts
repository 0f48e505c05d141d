import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export interface Profile {
  displayName: string;
  bio: string;
  avatarUrl: string;
}

export interface User {
  id: string;
  email: string;
  passwordHash: string;
  isAdmin: boolean;
  profile: Profile;
}

const users = new Map<string, User>();

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `${salt.toString('hex')}:${scryptSync(password, salt, 32).toString('hex')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [saltHex, hashHex] = stored.split(':');
  if (!saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(password, Buffer.from(saltHex, 'hex'), expected.length);
  return timingSafeEqual(actual, expected);
}

export function addUser(id: string, email: string, password: string): User {
  const user: User = {
    id,
    email,
    passwordHash: hashPassword(password),
    isAdmin: false,
    profile: { displayName: email.split('@')[0] ?? id, bio: '', avatarUrl: '' },
  };
  users.set(id, user);
  return user;
}

export function findByEmail(email: string): User | undefined {
  for (const user of users.values()) if (user.email === email) return user;
  return undefined;
}

export function findById(id: string): User | undefined {
  return users.get(id);
}
