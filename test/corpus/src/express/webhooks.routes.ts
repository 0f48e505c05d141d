import { createHmac, timingSafeEqual } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { pino } from 'pino';

const logger = pino();
export const webhooksRouter = Router();

const SIGNATURE_HEADER = 'x-signature'; // ok: no-hardcoded-credentials
const STRIPE_SIGNING_SECRET = process.env.STRIPE_SIGNING_SECRET ?? 'whsec_dev_only_value'; // expect: no-hardcoded-credentials
const githubToken = 'gh-token-for-local-dev'; // expect: no-hardcoded-credentials
const slackBotPassword = ''; // ok: no-hardcoded-credentials

function verify(payload: string, signature: string, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(payload).digest('hex');
  return timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
}

webhooksRouter.post('/webhooks/stripe', (req: Request, res: Response) => {
  const signature = req.header(SIGNATURE_HEADER) ?? '';
  if (!verify(JSON.stringify(req.body), signature, STRIPE_SIGNING_SECRET)) {
    logger.warn({ signatureLength: signature.length }, 'bad webhook signature'); // ok: no-sensitive-logging
    logger.warn(`expected secret ${STRIPE_SIGNING_SECRET}`); // expect: no-sensitive-logging
    res.status(400).end();
    return;
  }
  res.status(204).end();
});

webhooksRouter.post('/webhooks/github', async (req: Request, res: Response) => {
  const response = await fetch('https://api.github.com/app/installations', {
    headers: { authorization: `token ${githubToken}`, 'user-agent': 'api' }, // ok: no-hardcoded-credentials
  });
  logger.info({ status: response.status, hasPassword: slackBotPassword !== '' }, 'github'); // ok: no-sensitive-logging
  res.status(204).end();
});

export function basicAuthHeader(user: string, pass: string): string {
  return 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64'); // ok: no-hardcoded-credentials
}

export const defaultApiUser = { username: 'svc-api', password: 'changeit-in-prod' }; // expect: no-hardcoded-credentials
export const INTERNAL_API_KEY = 'int-4f9a1c77e2b04d3d'; // expect: no-hardcoded-credentials
