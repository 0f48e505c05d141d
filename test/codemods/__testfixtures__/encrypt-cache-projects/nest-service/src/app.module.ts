import { createKeyv } from '@keyv/redis';
import { CacheModule } from '@nestjs/cache-manager';
import { Module } from '@nestjs/common';
import { RedisModule } from './redis.module';
import { TokensService } from './tokens.service';

@Module({
  imports: [
    RedisModule,
    CacheModule.register({
      stores: [createKeyv(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')],
    }),
  ],
  providers: [TokensService],
})
export class AppModule {}
