/** Domain types shared by the corpus services. */
export interface User {
  id: string;
  displayName: string;
  password: string;
  isAdmin: boolean;
  createdAt: Date;
}

export interface PublicUser {
  id: string;
  displayName: string;
  avatarUrl: string | null;
}

export interface Session {
  id: string;
  userId: string;
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
}

export interface OAuthTokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: 'Bearer';
}

export interface OrderItem {
  sku: string;
  quantity: number;
  price: number;
}

export interface Order {
  id: string;
  total: number;
  currency: string;
  items: OrderItem[];
}

export interface Settings {
  theme: 'light' | 'dark';
  locale: string;
  pageSize: number;
}

export enum ProfileField {
  DisplayName = 'displayName',
  AvatarUrl = 'avatarUrl',
}

export interface Profile {
  displayName: string;
  avatarUrl: string | null;
  bio: string;
}

const users = new Map<string, User>();

export async function findUserByLogin(login: string): Promise<User | undefined> {
  return users.get(login);
}

export async function findUserById(id: string): Promise<User | undefined> {
  return users.get(id);
}

export function toPublicUser(user: User): PublicUser {
  return { id: user.id, displayName: user.displayName, avatarUrl: null };
}
