import { secureCache } from '@secure-migrate/runtime';
import { Logger } from '@nestjs/common';

const cache = secureCache();

export class SessionService {
  private readonly logger = new Logger(SessionService.name);

  refresh(refreshToken: string) {
    this.logger.log('refreshing', refreshToken);
    return cache;
  }
}
