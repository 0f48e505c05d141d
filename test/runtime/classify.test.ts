import {
  classifyKeyPrefix,
  classifyName,
  createClassifier,
  isSensitiveName,
  splitWords,
  type SensitivityCategory,
} from '@secure-migrate/runtime/classify';
import * as root from '@secure-migrate/runtime';
import fc from 'fast-check';

type Row = readonly [name: string, expected: SensitivityCategory | null];

// Positives, with their category. Mixed spellings on purpose: camelCase, snake_case, SCREAMING_CASE, kebab-case.
const SENSITIVE: readonly Row[] = [
  // credentials
  ['password', 'credential'],
  ['userPassword', 'credential'],
  ['user_password', 'credential'],
  ['DB_PASSWORD', 'credential'],
  ['MYSQL_ROOT_PASSWORD', 'credential'],
  ['PGPASSWORD', 'credential'],
  ['new-password', 'credential'],
  ['confirmPassword', 'credential'],
  ['passwordConfirmation', 'credential'],
  ['oldPassword', 'credential'],
  ['password2', 'credential'],
  ['passwords', 'credential'],
  ['passwd', 'credential'],
  ['pwd', 'credential'],
  ['db_pwd', 'credential'],
  ['passphrase', 'credential'],
  ['privateKeyPassphrase', 'credential'],
  ['passcode', 'credential'],
  ['SMTP_PASS', 'credential'],
  ['dbPass', 'credential'],
  ['credentials', 'credential'],
  ['awsCredentials', 'credential'],
  ['creds', 'credential'],
  ['authorization', 'credential'],
  ['Authorization', 'credential'],
  ['proxy-authorization', 'credential'],
  ['basicAuth', 'credential'],
  ['apiKey', 'credential'],
  ['api_key', 'credential'],
  ['API_KEY', 'credential'],
  ['x-api-key', 'credential'],
  ['apikey', 'credential'],
  ['OPENAI_API_KEY', 'credential'],
  ['apiKeyV2', 'credential'],
  ['apiKeys', 'credential'],
  ['accessKey', 'credential'],
  ['otp', 'credential'],
  ['otpCode', 'credential'],
  ['TOTP_CODE', 'credential'],
  ['mfa-code', 'credential'],
  ['verificationCode', 'credential'],
  ['recovery_codes', 'credential'],
  ['oneTimePassword', 'credential'],
  ['pinCode', 'credential'],
  ['connectionString', 'credential'],
  ['connection_string', 'credential'],
  ['connStr', 'credential'],
  ['dsn', 'credential'],
  ['SENTRY_DSN', 'credential'],
  ['DATABASE_URL', 'credential'],
  ['databaseUrl', 'credential'],
  ['REDIS_URL', 'credential'],
  ['mongodb-uri', 'credential'],
  ['config.db.password', 'credential'],
  ['req.headers.authorization', 'credential'],
  // tokens
  ['token', 'token'],
  ['TOKEN', 'token'],
  ['tokens', 'token'],
  ['accessToken', 'token'],
  ['access_token', 'token'],
  ['ACCESS_TOKEN', 'token'],
  ['accesstoken', 'token'],
  ['refreshToken', 'token'],
  ['refresh-token', 'token'],
  ['idToken', 'token'],
  ['ID_TOKEN', 'token'],
  ['bearerToken', 'token'],
  ['bearer', 'token'],
  ['sessionToken', 'token'],
  ['authToken', 'token'],
  ['x-auth-token', 'token'],
  ['apiToken', 'token'],
  ['GITHUB_TOKEN', 'token'],
  ['oauth2Token', 'token'],
  ['passwordResetToken', 'token'],
  ['resetToken', 'token'],
  ['verification_token', 'token'],
  ['x-amz-security-token', 'token'],
  ['jwt', 'token'],
  ['JWT', 'token'],
  ['jwtToken', 'token'],
  ['accessTokenValue', 'token'],
  ['tokenString', 'token'],
  ['tokenSet', 'token'],
  ['authorizationCode', 'token'],
  ['auth_code', 'token'],
  ['clientAssertion', 'token'],
  ['mfaToken', 'token'],
  // secrets
  ['secret', 'secret'],
  ['secrets', 'secret'],
  ['clientSecret', 'secret'],
  ['client_secret', 'secret'],
  ['CLIENT_SECRET', 'secret'],
  ['JWT_SECRET', 'secret'],
  ['SESSION_SECRET', 'secret'],
  ['webhook-secret', 'secret'],
  ['otpSecret', 'secret'],
  ['totp_secret', 'secret'],
  ['mfaSecret', 'secret'],
  ['secret_2FA', 'secret'],
  ['secretMfa', 'secret'],
  ['TOKEN_2FA', 'token'],
  ['privateKey', 'secret'],
  ['private_key', 'secret'],
  ['PRIVATE_KEY', 'secret'],
  ['privateKeyPem', 'secret'],
  ['secretKey', 'secret'],
  ['STRIPE_SECRET_KEY', 'secret'],
  ['AWS_SECRET_ACCESS_KEY', 'secret'],
  ['SECRET_KEY_BASE', 'secret'],
  ['signingKey', 'secret'],
  ['signing_key', 'secret'],
  ['encryptionKey', 'secret'],
  ['ENCRYPTION_KEY', 'secret'],
  ['hmacKey', 'secret'],
  ['hmac-key', 'secret'],
  ['masterKey', 'secret'],
  ['aes256Key', 'secret'],
  ['keyPair', 'secret'],
  ['codeVerifier', 'secret'],
  ['code_verifier', 'secret'],
  ['pkce-verifier', 'secret'],
  ['seedPhrase', 'secret'],
  ['mnemonic', 'secret'],
  ['process.env.JWT_SECRET', 'secret'],
  ['secretOrKey', 'secret'],
  ['secretOrPrivateKey', 'secret'],
  ['deployKey', 'secret'],
  ['SLACK_WEBHOOK_URL', 'secret'],
  ['otpauthUrl', 'secret'],
  ['presignedUrl', 'token'],
  ['magicLink', 'token'],
  ['password-reset-url', 'token'],
  ['id_token_hint', 'token'],
  ['SAMLResponse', 'token'],
  ['decodedPassword', 'credential'],
  ['acctNumber', 'financial'],
  ['oauth_verifier', 'token'],
  ['securityAnswer', 'credential'],
  ['security_question_answer', 'credential'],
  ['PRIVATE-TOKEN', 'token'],
  // sessions
  ['session', 'session'],
  ['sessionId', 'session'],
  ['session_id', 'session'],
  ['SESSION_ID', 'session'],
  ['sessionID', 'session'],
  ['JSESSIONID', 'session'],
  ['PHPSESSID', 'session'],
  ['sid', 'session'],
  ['connect.sid', 'session'],
  ['sessionData', 'session'],
  ['sessionIds', 'session'],
  ['cookie', 'session'],
  ['cookies', 'session'],
  ['set-cookie', 'session'],
  ['Set-Cookie', 'session'],
  ['sessionCookie', 'session'],
  ['req.headers.cookie', 'session'],
  // financial
  ['cardNumber', 'financial'],
  ['card_number', 'financial'],
  ['CARD_NUMBER', 'financial'],
  ['creditCardNumber', 'financial'],
  ['credit-card', 'financial'],
  ['ccNumber', 'financial'],
  ['pan', 'financial'],
  ['cardPan', 'financial'],
  ['cvv', 'financial'],
  ['CVV2', 'financial'],
  ['cvc', 'financial'],
  ['cardCvc', 'financial'],
  ['iban', 'financial'],
  ['IBAN', 'financial'],
  ['accountNumber', 'financial'],
  ['bank_account_number', 'financial'],
  ['routingNumber', 'financial'],
  ['routing-number', 'financial'],
  // PII that is always sensitive
  ['ssn', 'pii'],
  ['SSN', 'pii'],
  ['socialSecurityNumber', 'pii'],
  ['passport', 'pii'],
  ['passportNumber', 'pii'],
  ['passport_no', 'pii'],
  ['nationalId', 'pii'],
  ['national-id', 'pii'],
  ['NATIONAL_ID_NUMBER', 'pii'],
  ['taxId', 'pii'],
  ['tax_id', 'pii'],
  // The thing is named before `from` / `for`: what follows is where it comes from or whom it is for.
  ['authTokenFromHeaders', 'token'],
  ['passwordFromBody', 'credential'],
  ['secret_for_signing', 'secret'],
];

// Near misses: names that describe, count, name, locate or test a secret, or only look like one.
const NOT_SENSITIVE: readonly string[] = [
  // hashes and protected forms
  'passwordHash',
  'password_hash',
  'PASSWORD_HASH',
  'hashedPassword',
  'hashed_password',
  'passwordDigest',
  'encryptedToken',
  'encrypted_secret',
  'maskedCardNumber',
  'maskedPan',
  'redactedToken',
  'passwordHmac',
  'tokenSignature',
  'webhook-signature',
  'sha256Token',
  'apiKeyHash',
  // descriptors of a secret
  'tokenCount',
  'passwordLength',
  'passwordMinLength',
  'PASSWORD_MIN_LENGTH',
  'tokenSize',
  'tokenExpiry',
  'tokenExpiresAt',
  'token_expires_at',
  'expiresIn',
  'tokenExpiresIn',
  'TOKEN_TTL',
  'tokenType',
  'token_type',
  'secretName',
  'SECRET_NAME',
  'keyName',
  'keyId',
  'key_id',
  'AWS_ACCESS_KEY_ID',
  'tokenId',
  'tokenIds',
  'credentialsId',
  'tokenUrl',
  'TOKEN_URL',
  'authUrl',
  'authorization_url',
  'authUri',
  'tokenEndpoint',
  'token-endpoint',
  'apiVersion',
  'keyPrefix',
  'tokenFormat',
  'secretKind',
  'passwordField',
  'password-field',
  'tokenHeader',
  'TOKEN_HEADER',
  'X_HEADER',
  'apiKeyHeader',
  'authHeaderName',
  'authHeader',
  'AUTH_HEADER',
  'authorization_header',
  'cookieHeader',
  'SET_COOKIE_HEADER',
  'passwordPolicy',
  'passwordRegex',
  'tokenPattern',
  'privateKeyPath',
  'keyPath',
  'tokenFile',
  'SECRET_FILE',
  'secretEnv',
  'apiKeyName',
  'secretArn',
  // booleans and states
  'isPasswordValid',
  'is_password_valid',
  'hasToken',
  'HAS_TOKEN',
  'passwordChanged',
  'shouldRefreshToken',
  'tokenExpired',
  'secretsEnabled',
  'SECRETS_ENABLED',
  'isSecret',
  'requirePassword',
  'withCredentials',
  'useToken',
  // verbs and flows
  'validatePassword',
  'getToken',
  'get_token',
  'setToken',
  'verifyToken',
  'hashPassword',
  'generateSecret',
  'resetPassword',
  'forgotPassword',
  'passwordReset',
  'password-reset',
  // what follows `from` / `for` is not the thing named
  'userIdFromToken',
  'cacheKeyForToken',
  'expiryForPassword',
  // words that contain a sensitive word
  'authorized',
  'author',
  'authority',
  'authenticator',
  'authentication',
  'tokenizer',
  'tokenize',
  'secretary',
  'secretariat',
  'certification',
  'uid',
  'keyboard',
  'monkey',
  'keyword',
  'passport_strategy',
  'jsonwebtoken',
  // services, stores, managers
  'authManager',
  'authService',
  'auth-middleware',
  'authProvider',
  'auth',
  'tokenStore',
  'tokenService',
  'token_cache',
  'secretsManager',
  'SecretsManager',
  'sessionStore',
  'sessionTimeout',
  'sessionName',
  'cookieName',
  'cookieOptions',
  'credentialProvider',
  // LLM token counts and lexical tokens
  'numTokens',
  'maxTokens',
  'max_tokens',
  'MAX_TOKENS',
  'max_new_tokens',
  'tokenLimit',
  'tokenUsage',
  'totalTokens',
  'promptTokens',
  'prompt_tokens',
  'completion_tokens',
  'cache_read_input_tokens',
  'designTokens',
  // tokens that are not secrets
  'csrfToken',
  'csrf_token',
  'x-csrf-token',
  'X-XSRF-TOKEN',
  'xsrfToken',
  'authenticity_token',
  '__RequestVerificationToken',
  'publicToken',
  'nextPageToken',
  'next_page_token',
  'pageToken',
  'NextToken',
  'continuationToken',
  'cancelToken',
  'cursor',
  'recaptchaToken',
  // keys that are not secrets
  'key',
  'keys',
  'primaryKey',
  'primary_key',
  'publicKey',
  'PUBLIC_KEY',
  'foreignKey',
  'sortKey',
  'cacheKey',
  'cache-key',
  'idempotencyKey',
  'Idempotency-Key',
  'partitionKey',
  'redisKey',
  'objectKey',
  'STRIPE_PUBLISHABLE_KEY',
  'publicApiKey',
  'keyCode',
  // other codes and ids
  'errorCode',
  'statusCode',
  'countryCode',
  'promoCode',
  'code',
  'codeChallenge',
  'userId',
  'user_id',
  'clientId',
  'CLIENT_ID',
  'accountSid',
  'requestId',
  'x-request-id',
  'www-authenticate',
  'x-hub-signature-256',
  'answer',
  // financial-looking, but not
  'cardLast4',
  'cardBrand',
  'cardExpiry',
  'card',
  'account',
  'orderNumber',
  'phoneNumber', // contact PII: only with { pii: true }
  // contact PII without the option
  'email',
  'emailAddress',
  'phone',
  'address',
  'dob',
  'dateOfBirth',
  'birthDate',
  'ipAddress',
  'fullName',
  'firstName',
  // locations and claims, not values
  'loginUrl',
  'callbackUrl',
  'redirect_uri',
  'token_type_hint',
  'passwordHint',
  'decodedToken',
  'tokenClaims',
  'tokenPayload',
  // odds and ends
  'salt',
  'nonce',
  'jwks',
  'pin',
  'mfa',
  '2fa',
  'enabled_2FA',
  'signature',
  'digest',
  'headers',
  'data',
  'value',
  '',
];

describe('classifyName: sensitive names and their category', () => {
  it.each(SENSITIVE)('%s → %s', (name, expected) => {
    expect(classifyName(name)).toBe(expected);
    expect(isSensitiveName(name)).toBe(true);
  });
});

describe('classifyName: near misses are not sensitive', () => {
  it.each(NOT_SENSITIVE.map((n) => [n]))('%s → null', (name) => {
    expect(classifyName(name)).toBeNull();
    expect(isSensitiveName(name)).toBe(false);
  });
});

describe('classifyName: the table is large and spans every spelling', () => {
  const all = [...SENSITIVE.map(([n]) => n), ...NOT_SENSITIVE];
  it('has at least 150 names, with camelCase, snake_case, SCREAMING_CASE and kebab-case among them', () => {
    expect(new Set(all).size).toBeGreaterThanOrEqual(150);
    expect(all.some((n) => /^[a-z]+[A-Z]/.test(n))).toBe(true);
    expect(all.some((n) => /^[a-z]+_[a-z]/.test(n))).toBe(true);
    expect(all.some((n) => /^[A-Z]+_[A-Z]/.test(n))).toBe(true);
    expect(all.some((n) => /^[a-z]+-[a-z]/.test(n))).toBe(true);
    expect(new Set(all).size).toBe(all.length);
  });

  // Every spelling of the same words gets the same answer.
  const respell = (name: string) => {
    const words = splitWords(name);
    return [words.join('_'), words.join('_').toUpperCase(), words.join('-')];
  };
  it.each(SENSITIVE.filter(([n]) => splitWords(n).length > 1))(
    '%s keeps its category in every case style',
    (name, expected) => {
      for (const spelling of respell(name))
        expect([spelling, classifyName(spelling)]).toEqual([spelling, expected]);
    },
  );
  it.each(NOT_SENSITIVE.filter((n) => splitWords(n).length > 1 && !n.includes('.')).map((n) => [n]))(
    '%s stays null in every case style',
    (name) => {
      for (const spelling of respell(name))
        expect([spelling, classifyName(spelling)]).toEqual([spelling, null]);
    },
  );
});

describe('splitWords', () => {
  it.each([
    ['accessToken', ['access', 'token']],
    ['AccessToken', ['access', 'token']],
    ['access_token', ['access', 'token']],
    ['ACCESS_TOKEN', ['access', 'token']],
    ['access-token', ['access', 'token']],
    ['x-api-token', ['x', 'api', 'token']],
    ['APIKey', ['api', 'key']],
    ['sessionID', ['session', 'id']],
    ['HTTPSProxyURL', ['https', 'proxy', 'url']],
    ['oauth2Token', ['oauth', '2', 'token']],
    ['cvv2', ['cvv', '2']],
    ['req.headers.authorization', ['req', 'headers', 'authorization']],
    ['__proto__', ['proto']],
    ['  ', []],
    ['', []],
  ] as const)('%s → %j', (name, words) => {
    expect(splitWords(name)).toEqual(words);
  });

  it('returns an empty list for non-strings', () => {
    expect(splitWords(42 as unknown as string)).toEqual([]);
  });
});

describe('the pii option', () => {
  it.each([
    ['email', 'pii'],
    ['userEmail', 'pii'],
    ['email_address', 'pii'],
    ['e-mail', 'pii'],
    ['phone', 'pii'],
    ['phoneNumber', 'pii'],
    ['MOBILE_NUMBER', 'pii'],
    ['address', 'pii'],
    ['homeAddress', 'pii'],
    ['billing_address', 'pii'],
    ['dob', 'pii'],
    ['dateOfBirth', 'pii'],
    ['birthDate', 'pii'],
    ['birth_date', 'pii'],
    ['ipAddress', 'pii'],
    ['ip', 'pii'],
    ['clientIp', 'pii'],
    ['remoteAddress', 'pii'],
    ['fullName', 'pii'],
    ['first_name', 'pii'],
    ['LAST_NAME', 'pii'],
    ['cardholderName', 'pii'],
    ['postalCode', 'pii'],
    ['driverLicenseNumber', 'pii'],
    ['x-forwarded-for', 'pii'],
    ['cf-connecting-ip', 'pii'],
    ['x-real-ip', 'pii'],
  ] as const)('%s → pii only with { pii: true }', (name, expected) => {
    expect(classifyName(name)).toBeNull();
    expect(classifyName(name, { pii: true })).toBe(expected);
    expect(classifyName(name, { pii: false })).toBeNull();
  });

  it.each([
    'emailVerified',
    'isEmail',
    'emailTemplate',
    'supportEmail',
    'emailHash',
    'phoneVerified',
    'macAddress',
    'serverAddress',
    'listenAddress',
    'serverIp',
    'ipVersion',
    'fileName',
    'hostName',
    'displayName',
    'username',
    'birthYearCount',
  ])('%s stays null even with { pii: true }', (name) => {
    expect(classifyName(name, { pii: true })).toBeNull();
  });

  it.each(['ssn', 'passportNumber', 'nationalId', 'taxId'])('%s is pii with the option off', (name) => {
    expect(classifyName(name, { pii: false })).toBe('pii');
  });

  it('does not change secrets', () => {
    expect(classifyName('password', { pii: true })).toBe('credential');
    expect(classifyName('tokenCount', { pii: true })).toBeNull();
  });
});

describe('the extraNames option', () => {
  it('adds names as word forms, matched at the end of a name, with category secret by default', () => {
    const options = { extraNames: ['internal_code'] };
    expect(classifyName('internalCode', options)).toBe('secret');
    expect(classifyName('INTERNAL_CODE', options)).toBe('secret');
    expect(classifyName('userInternalCode', options)).toBe('secret');
    expect(classifyName('internal-code', options)).toBe('secret');
    expect(classifyName('internalCode')).toBeNull();
  });

  it('accepts camelCase entries and categories', () => {
    const options = { extraNames: { internalCode: 'credential', licenseSeat: 'financial' } as const };
    expect(classifyName('internal_code', options)).toBe('credential');
    expect(classifyName('licenseSeat', options)).toBe('financial');
  });

  it('keeps the exclusions: descriptors, booleans, verbs and hashes of an extra name are not sensitive', () => {
    const options = { extraNames: ['internalCode'] };
    expect(classifyName('internalCodeLength', options)).toBeNull();
    expect(classifyName('isInternalCode', options)).toBeNull();
    expect(classifyName('getInternalCode', options)).toBeNull();
    expect(classifyName('hashedInternalCode', options)).toBeNull();
    expect(classifyName('internalCodeValue', options)).toBe('secret');
  });

  it('can turn a built-in near miss into a sensitive name', () => {
    expect(classifyName('pageToken')).toBeNull();
    expect(classifyName('pageToken', { extraNames: { pageToken: 'token' } })).toBe('token');
  });

  it('fresh option objects with different contents never share a compiled classifier', () => {
    for (let i = 0; i < 3; i++) {
      expect(classifyName('alphaCode', { extraNames: ['alphaCode'] })).toBe('secret');
      expect(classifyName('alphaCode', { extraNames: ['betaCode'] })).toBeNull();
      expect(classifyName('betaCode', { extraNames: { betaCode: 'financial' } })).toBe('financial');
    }
  });

  it('ignores empty and malformed entries', () => {
    const options = { extraNames: ['', '__', 42 as unknown as string] };
    expect(classifyName('anything', options)).toBeNull();
    expect(classifyName('password', options)).toBe('credential');
    expect(classifyName('x', { extraNames: { x: 'nonsense' as SensitivityCategory } })).toBeNull();
  });
});

describe('the allowedNames option', () => {
  it('wins over built-in names, by exact name (case-insensitive) or word form', () => {
    expect(classifyName('sessionToken', { allowedNames: ['sessionToken'] })).toBeNull();
    expect(classifyName('SESSIONTOKEN', { allowedNames: ['sessionToken'] })).toBeNull();
    expect(classifyName('session_token', { allowedNames: ['sessionToken'] })).toBeNull();
    expect(classifyName('SESSION-TOKEN', { allowedNames: ['session_token'] })).toBeNull();
    // Only that name: others stay sensitive.
    expect(classifyName('accessToken', { allowedNames: ['sessionToken'] })).toBe('token');
    expect(classifyName('mySessionToken', { allowedNames: ['sessionToken'] })).toBe('token');
  });

  it('wins over extraNames and over always-on PII', () => {
    expect(
      classifyName('internalCode', { extraNames: ['internalCode'], allowedNames: ['internal_code'] }),
    ).toBeNull();
    expect(classifyName('passport', { allowedNames: ['passport'] })).toBeNull();
  });

  it('applies to key prefixes too', () => {
    expect(classifyKeyPrefix('session:abc')).toBe('session');
    expect(classifyKeyPrefix('session:abc', { allowedNames: ['session'] })).toBeNull();
  });
});

describe('classifyKeyPrefix', () => {
  it.each([
    ['session:abc', 'session'],
    ['sess:', 'session'],
    ['sess:9f86d081884c7d65', 'session'],
    ['sessions/42', 'session'],
    ['myapp:session:abc', 'session'],
    ['{session}:abc', 'session'],
    ['myapp.session.abc', 'session'],
    ['keyv:sess:abc', 'session'],
    ['token:42', 'token'],
    ['tokens:user:42', 'token'],
    ['oauth:google:u1', 'token'],
    ['refresh_token/x', 'token'],
    ['refresh-token:u1', 'token'],
    ['access_token:42', 'token'],
    ['jwt:abc', 'token'],
    ['magic-link:abc', 'token'],
    ['password_reset:42', 'token'],
    ['pkce:state-1', 'secret'],
    ['otp:+15550100', 'credential'],
    ['mfa:42', 'credential'],
    ['apikey:42', 'credential'],
    ['user:42:password', 'credential'],
    ['user:42:refresh-token', 'token'],
    ['card:42', null],
    ['user:42', null],
    ['users:42:profile', null],
    ['ratelimit:ip', null],
    ['ratelimit:token:abc', null],
    ['rl:login:203.0.113.5', null],
    ['lock:session:42', null],
    ['counter:x', null],
    ['sessions:created:', null],
    ['otp:attempts:42', null],
    ['llm:tokens:', null],
    ['token:expiry:42', null],
    ['token-count:', null],
    ['session-count', null],
    ['pkce-attempts:', null],
    ['client:', null],
    ['csrf:abc', null],
    ['cache:products:42', null],
    ['feature-flags', null],
    ['', null],
  ] as const)('%s → %s', (key, expected) => {
    expect(classifyKeyPrefix(key)).toBe(expected);
  });

  it('only looks at the leading segments', () => {
    expect(classifyKeyPrefix('a:b:c:d:session')).toBeNull();
    expect(classifyKeyPrefix('a:b:c:session')).toBe('session');
  });

  it('uses the name options on each segment', () => {
    expect(classifyKeyPrefix('invite:42')).toBeNull();
    expect(classifyKeyPrefix('invite:42', { extraNames: { invite: 'token' } })).toBe('token');
    expect(classifyKeyPrefix('profile:email')).toBeNull();
    expect(classifyKeyPrefix('profile:email', { pii: true })).toBe('pii');
  });

  it('returns null for non-strings', () => {
    expect(classifyKeyPrefix(undefined as unknown as string)).toBeNull();
    expect(classifyKeyPrefix(Buffer.from('session:1') as unknown as string)).toBeNull();
  });
});

describe('createClassifier (names)', () => {
  it('gives the same answers as the module functions, with its options', () => {
    const c = createClassifier({ pii: true, extraNames: ['internalCode'], allowedNames: ['sessionId'] });
    expect(c.classifyName('accessToken')).toBe('token');
    expect(c.classifyName('email')).toBe('pii');
    expect(c.classifyName('internalCode')).toBe('secret');
    expect(c.classifyName('sessionId')).toBeNull();
    expect(c.isSensitiveName('tokenCount')).toBe(false);
    expect(c.isSensitiveName('password')).toBe(true);
    expect(c.classifyKeyPrefix('oauth:x')).toBe('token');
  });

  it('keeps answering correctly beyond its cache bound', () => {
    const c = createClassifier();
    for (let i = 0; i < 12_000; i++) c.classifyName(`field${i}Name`);
    expect(c.classifyName('field1Name')).toBeNull();
    expect(c.classifyName('password')).toBe('credential');
    expect(c.classifyName('password')).toBe('credential');
  });

  it('is not changed by later changes to the options object it was built from', () => {
    const extraNames = ['alphaCode'];
    const c = createClassifier({ extraNames });
    extraNames.push('betaCode');
    expect(c.classifyName('alphaCode')).toBe('secret');
    expect(c.classifyName('betaCode')).toBeNull();
  });

  it('classifies very long names without remembering them', () => {
    const c = createClassifier();
    const long = `${'a'.repeat(10_000)}Password`;
    expect(c.classifyName(long)).toBe('credential');
    expect(c.classifyName(`${'x'.repeat(500)}_token_count`)).toBeNull();
  });

  it('treats non-strings as not sensitive', () => {
    const c = createClassifier();
    expect(c.classifyName(undefined as unknown as string)).toBeNull();
    expect(classifyName(null as unknown as string)).toBeNull();
    expect(isSensitiveName(42 as unknown as string)).toBe(false);
  });

  it('is re-exported from the runtime root', () => {
    expect(root.classifyName).toBe(classifyName);
    expect(root.createClassifier).toBe(createClassifier);
    expect(root.SENSITIVITY_CATEGORIES).toEqual([
      'credential',
      'token',
      'secret',
      'session',
      'financial',
      'pii',
    ]);
  });
});

describe('properties of the name rules', () => {
  const camel = (words: readonly string[]) =>
    words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
  const spellings = (words: readonly string[]) => [
    camel(words),
    words.join('_'),
    words.join('_').toUpperCase(),
    words.join('-'),
  ];
  const NEUTRAL = [
    'user',
    'current',
    'new',
    'old',
    'my',
    'admin',
    'default',
    'temp',
    'stored',
    'customer',
    'app',
  ];
  const HEADS: readonly (readonly [readonly string[], SensitivityCategory])[] = [
    [['password'], 'credential'],
    [['passphrase'], 'credential'],
    [['api', 'key'], 'credential'],
    [['credentials'], 'credential'],
    [['access', 'token'], 'token'],
    [['refresh', 'token'], 'token'],
    [['token'], 'token'],
    [['jwt'], 'token'],
    [['client', 'secret'], 'secret'],
    [['private', 'key'], 'secret'],
    [['signing', 'key'], 'secret'],
    [['session', 'id'], 'session'],
    [['cookie'], 'session'],
    [['card', 'number'], 'financial'],
    [['cvv'], 'financial'],
    [['ssn'], 'pii'],
  ];
  const DESCRIPTORS = [
    'count',
    'length',
    'size',
    'expiry',
    'expires at',
    'ttl',
    'type',
    'name',
    'endpoint',
    'version',
    'prefix',
    'format',
    'kind',
    'field',
    'policy',
    'regex',
    'pattern',
    'path',
    'file',
    'env',
    'hash',
    'digest',
    'signature',
    'store',
    'service',
    'manager',
    'provider',
    'enabled',
    'changed',
    'expired',
  ];
  const BOOLEAN = ['is', 'has', 'should', 'can', 'was', 'needs', 'get', 'validate', 'with', 'no'];

  it('neutral words before a head keep its category, in every spelling', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...NEUTRAL), { maxLength: 3 }),
        fc.constantFrom(...HEADS),
        (before, [head, category]) => {
          for (const name of spellings([...before, ...head]))
            expect([name, classifyName(name)]).toEqual([name, category]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a descriptor after a head makes any name not sensitive', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...NEUTRAL), { maxLength: 2 }),
        fc.constantFrom(...HEADS),
        fc.constantFrom(...DESCRIPTORS),
        (before, [head], descriptor) => {
          const words = [...before, ...head, ...descriptor.split(' ')];
          for (const name of spellings(words)) expect([name, classifyName(name)]).toEqual([name, null]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a boolean, verb or quantity prefix makes any name not sensitive', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BOOLEAN), fc.constantFrom(...HEADS), (prefix, [head]) => {
        for (const name of spellings([prefix, ...head]))
          expect([name, classifyName(name)]).toEqual([name, null]);
      }),
      { numRuns: 200 },
    );
  });

  // Words of two or more letters: a one-letter word after the first is ambiguous in camelCase (`aBC`).
  it('splitWords recovers the words of any spelling', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{2,8}$/), { minLength: 1, maxLength: 4 }), (words) => {
        for (const name of spellings(words)) expect(splitWords(name)).toEqual(words);
      }),
      { numRuns: 300 },
    );
  });
});
