import { secureCache, sanitizeForLogging } from '@secure-migrate/runtime';
import { Logger } from '@nestjs/common';

const cache = secureCache();

export class SessionService {
  private readonly logger = new Logger(SessionService.name);

  refresh(refreshToken: string) {
    this.logger.log('refreshing', sanitizeForLogging(refreshToken, { name: 'refreshToken' }));
    return cache;
  }
}
