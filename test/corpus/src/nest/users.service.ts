import { Injectable, Logger } from '@nestjs/common';
import type { Cache } from 'cache-manager';
import { encryptForCache } from '@secure-migrate/runtime';
import { toPublicUser, type Order, type PublicUser, type User } from '../models/user.js';

@Injectable()
export class UsersService {
  private readonly logger = new Logger('UsersService');

  constructor(private readonly cacheManager: Cache) {}

  async cacheUser(user: User): Promise<PublicUser> {
    await this.cacheManager.set(`user:${user.id}`, user); // expect(typed): no-plaintext-cache-write
    const publicUser = toPublicUser(user);
    await this.cacheManager.set(`user-public:${user.id}`, publicUser); // ok: no-plaintext-cache-write
    await this.cacheManager.set(`user-secure:${user.id}`, encryptForCache(user)); // ok: no-plaintext-cache-write
    this.logger.log({ user: publicUser }); // ok: no-sensitive-logging
    return publicUser;
  }

  async cacheOrder(order: Order): Promise<void> {
    await this.cacheManager.set(`order:${order.id}`, order, 60_000); // ok: no-plaintext-cache-write
    this.logger.log({ order }, 'order cached'); // ok: no-sensitive-logging
  }

  summarise(orders: readonly Order[]): Record<string, number> {
    const totals: Record<string, number> = {};
    for (const order of orders) {
      totals[order.currency] = (totals[order.currency] ?? 0) + order.total; // ok: no-unsafe-dynamic-assignment
    }
    this.logger.log(`summarised ${orders.length} orders`); // ok: no-sensitive-logging
    return totals;
  }

  skuMatrix(orders: readonly Order[]): number[][] {
    const matrix: number[][] = [];
    for (let i = 0; i < orders.length; i++) {
      const row: number[] = [];
      const items = orders[i]?.items ?? [];
      for (let j = 0; j < items.length; j++) {
        row[j] = items[j]?.quantity ?? 0; // ok: no-unsafe-dynamic-assignment
      }
      matrix[i] = row; // ok: no-unsafe-dynamic-assignment
    }
    return matrix;
  }
}
