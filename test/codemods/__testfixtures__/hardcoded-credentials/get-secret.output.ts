// Secrets already read with getSecret: production refuses to start without them, so a development value that is
// a word or a phrase is no finding; a value with the entropy of a generated key was committed and must be rotated.
import { getSecret } from '@secure-migrate/runtime';

export const sessionSecret = getSecret('SESSION_SECRET', { developmentFallback: 'keyboard cat' });
export const jwtSecret = getSecret('JWT_SECRET', { developmentFallback: 'dev-jwt-secret', minLength: 8 });
// secure-migrate: TODO (no-hardcoded-credentials) The development fallback of WEBHOOK_SECRET looks
// like a generated secret. Rotate this value wherever it was used (it stays in the history), and
// replace it with a placeholder.
export const webhookSecret = getSecret('WEBHOOK_SECRET', { developmentFallback: 'q7Vx2LmZ9pR4tW8kB3nC6dFh' });
