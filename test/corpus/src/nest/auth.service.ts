import { Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import type { Cache } from 'cache-manager';
import bcrypt from 'bcrypt';
import { sanitizeForLogging } from '@secure-migrate/runtime';
import type { OAuthTokens, User } from '../models/user.js';

interface Credentials {
  login: string;
  password: string;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(private readonly cacheManager: Cache) {}

  async register(credentials: Credentials): Promise<{ passwordHash: string }> {
    this.logger.debug(JSON.stringify(credentials)); // expect: no-sensitive-logging
    const passwordHash = await bcrypt.hash(credentials.password, 12);
    this.logger.log({ login: credentials.login, passwordHash }); // ok: no-sensitive-logging
    this.logger.log(`password length ${credentials.password.length}`); // ok: no-sensitive-logging
    this.logger.debug(sanitizeForLogging(credentials)); // ok: no-sensitive-logging
    return { passwordHash };
  }

  async storeTokens(userId: string, tokens: OAuthTokens): Promise<void> {
    await this.cacheManager.set('oauth:' + userId, tokens); // expect: no-plaintext-cache-write
    await this.cacheManager.set(`token-expiry:${userId}`, { expiresIn: tokens.expires_in }); // ok: no-plaintext-cache-write
    this.logger.log(`issued token ${tokens.access_token}`); // expect: no-sensitive-logging
    this.logger.log({ tokenType: tokens.token_type, expiresIn: tokens.expires_in }); // ok: no-sensitive-logging
  }

  async verify(user: User, password: string): Promise<void> {
    const ok = await bcrypt.compare(password, user.password);
    if (!ok) {
      this.logger.warn(`bad password for ${user.id}: ${password}`); // expect: no-sensitive-logging
      throw new UnauthorizedException();
    }
    this.logger.log(`user ${user.id} authorized`); // ok: no-sensitive-logging
    this.logger.log(user); // expect(typed): no-sensitive-logging
  }

  async rememberPkce(state: string, codeVerifier: string): Promise<void> {
    await this.cacheManager.set(`pkce:${state}`, codeVerifier, 300_000); // expect: no-plaintext-cache-write
    this.logger.debug(`verifier=${codeVerifier}`); // expect: no-sensitive-logging
    await this.cacheManager.set(`pkce-attempts:${state}`, 1, 300_000); // ok: no-plaintext-cache-write
  }
}
