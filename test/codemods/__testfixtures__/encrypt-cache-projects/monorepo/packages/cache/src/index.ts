export { closeRedis, redis } from './redis';
