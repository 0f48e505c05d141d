/**
 * The vocabulary of the name classifier: head words, the qualifiers that decide them, and the words that turn a
 * name into a description of a secret rather than the secret itself. Data only; `names.ts` applies it.
 *
 * Every table is keyed by a lower-case, singular word (see {@link PLURALS}).
 */
import type { SensitivityCategory } from './types.js';

/** A head's verdict. `'pii-contact'` is PII that only counts with `{ pii: true }`; `null` is "not sensitive". */
export type Verdict = SensitivityCategory | 'pii-contact' | null;

/**
 * How one head word is decided from the word(s) right before it (its qualifier; digit words are skipped).
 * `undefined` means "no decision": the classifier then strips a trailing value word (`tokenValue`) or gives up.
 */
export interface HeadRule {
  /** Verdict when nothing precedes the head. */
  readonly bare?: Verdict;
  /** Verdict for a qualifier not listed in `by` (defaults to `bare`). */
  readonly other?: Verdict;
  /** Verdicts by qualifier: one word (`'card'`) or the two words before the head (`'set cookie'`). */
  readonly by?: ReadonlyMap<string, Verdict>;
  /** Words anywhere before the head that make the name a description (`maxTokens`, `totalTokens`). */
  readonly negatedBy?: ReadonlySet<string>;
}

const set = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter(Boolean));
const by = (...groups: [Verdict, string][]): ReadonlyMap<string, Verdict> => {
  const map = new Map<string, Verdict>();
  // Two-word qualifiers are written with `+` (`set+cookie`) so groups can be space-separated lists.
  for (const [verdict, words] of groups) for (const w of set(words)) map.set(w.replace(/\+/g, ' '), verdict);
  return map;
};

/** Plural → singular, applied to every word before lookups. */
export const PLURALS: ReadonlyMap<string, string> = new Map(
  [
    'tokens token',
    'passwords password',
    'passwds passwd',
    'passphrases passphrase',
    'passcodes passcode',
    'secrets secret',
    'keys key',
    'credentials credential',
    'cookies cookie',
    'sessions session',
    'jwts jwt',
    'codes code',
    'ids id',
    'headers header',
    'urls url',
    'uris uri',
    'dsns dsn',
    'numbers number',
    'nos no',
    'emails email',
    'addresses address',
    'addrs addr',
    'phones phone',
    'cards card',
    'names name',
    'otps otp',
    'assertions assertion',
    'verifiers verifier',
    'passports passport',
    'ssns ssn',
    'ips ip',
    'dates date',
    'pans pan',
    'ibans iban',
    'accounts account',
    'pairs pair',
    'phrases phrase',
    'seeds seed',
    'jwks jwk',
    'sids sid',
    'cvvs cvv',
  ].map((pair) => pair.split(' ') as [string, string]),
);

/** Single words that are really two or more (`apikey`, `sessionid`, `PGPASSWORD` is handled by suffixes). */
export const COMPOUNDS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries({
    apikey: 'api key',
    xapikey: 'x api key',
    privatekey: 'private key',
    secretkey: 'secret key',
    accesskey: 'access key',
    signingkey: 'signing key',
    encryptionkey: 'encryption key',
    masterkey: 'master key',
    hmackey: 'hmac key',
    sessionkey: 'session key',
    appkey: 'app key',
    keypair: 'key pair',
    sessionid: 'session id',
    jsessionid: 'session id',
    phpsessid: 'session id',
    sessid: 'session id',
    creditcard: 'credit card',
    debitcard: 'debit card',
    cardnumber: 'card number',
    cardnum: 'card num',
    cardno: 'card no',
    ccnumber: 'cc number',
    ccnum: 'cc num',
    accountnumber: 'account number',
    routingnumber: 'routing number',
    dateofbirth: 'date of birth',
    emailaddress: 'email address',
    ipaddress: 'ip address',
    ipaddr: 'ip addr',
    phonenumber: 'phone number',
    firstname: 'first name',
    lastname: 'last name',
    fullname: 'full name',
    givenname: 'given name',
    familyname: 'family name',
    setcookie: 'set cookie',
    authheader: 'auth header',
    dburl: 'db url',
    databaseurl: 'database url',
    connectionstring: 'connection string',
    connstring: 'conn string',
    connstr: 'conn str',
    codeverifier: 'code verifier',
    socialsecuritynumber: 'social security number',
    nationalid: 'national id',
    taxid: 'tax id',
    passportnumber: 'passport number',
    zipcode: 'zip code',
    postalcode: 'postal code',
    clientassertion: 'client assertion',
    authorizationcode: 'authorization code',
    authcode: 'auth code',
    seedphrase: 'seed phrase',
    nextpage: 'next page',
    // Library names that only look like compounds.
    jsonwebtoken: 'jsonwebtoken',
  }).map(([k, v]) => [k, v.split(' ')]),
);

/**
 * Suffixes that split a single lower-case word (`pgpassword`, `accesstoken`, `clientsecret`). No common English
 * word ends in these, which is why this is not substring matching by the back door. Longest first.
 */
export const STRONG_SUFFIXES: readonly string[] = [
  'passphrase',
  'passcode',
  'password',
  'passwd',
  'secret',
  'token',
];

const TOKEN_NOT = set(`
  csrf xsrf anti antiforgery forgery authenticity captcha recaptcha hcaptcha turnstile
  page nextpage next continuation pagination paging cursor sync resume cancel cancellation abort
  lexer lex parser syntax ast css design style theme color i18n translation word llm gpt
  prompt completion input output context reasoning response embedding text sentence special stop eos bos pad unk
  start end cached cache audio image thinking generated candidates public publishable decoded`);

const TOKEN_QUANTITIES = set('max min num total remaining used estimated billed count n average avg per');

const PASS_QUALIFIERS = set(`
  db database user admin root smtp mail email redis mongo mysql pg postgres key keystore truststore store ftp sftp
  ldap proxy basic login account master sudo bind app api service imap pop wifi vpn ssh rabbit rabbitmq amqp broker
  http auth client server cert pfx`);

const DB_QUALIFIERS = set(`
  database db redis mongo mongodb postgres postgresql pg mysql mariadb mssql sql sqlserver amqp rabbitmq rabbit
  broker mq connection conn cache memcached elastic elasticsearch neo4j cassandra couchdb couch clickhouse datasource
  jdbc odbc smtp ftp sftp ldap proxy`);

const KEY_CREDENTIAL = `api access auth service account client db database admin stripe openai anthropic sendgrid twilio
  mailgun github gitlab slack aws`;
const KEY_SECRET = `secret private priv signing sign encryption encrypt enc decryption decrypt hmac master root cipher
  crypto aes symmetric shared app jwt webhook cookie ssh gpg pgp tls ssl cert data wrapping kek dek otp totp mfa
  deploy secret+access api+secret client+secret secret+or`;

const CODE_CREDENTIAL = `otp totp hotp mfa fa factor verification verify confirmation recovery backup sms login access
  reset pin security one+time`;

const NUMBER_FINANCIAL = 'card cc credit+card debit+card account acct bank+account routing iban';
const NUMBER_PII = 'ssn security social+security passport tax national id identity insurance';
const NUMBER_CONTACT = 'phone mobile cell telephone tel fax contact whatsapp license licence';

const ADDRESS_CONTACT = `home street postal mailing billing shipping residential physical user customer personal contact
  delivery email mail ip ipv remote client work from to sender recipient reply cc bcc`;
const IP_CONTACT_QUALIFIERS =
  'client remote user source src real forwarded origin customer visitor request req caller sender peer connecting';
const NAME_CONTACT = `full first last middle given family legal maiden real holder cardholder sur birth person patient
  customer contact recipient billing shipping`;
const EMAIL_NOT =
  'support admin noreply reply system sales info help service team from sender notification template';

const TOKEN: HeadRule = {
  bare: 'token',
  by: by([null, `${[...TOKEN_NOT].join(' ')} request+verification`]),
  negatedBy: TOKEN_QUANTITIES,
};
const CREDENTIAL: HeadRule = { bare: 'credential' };
const SECRET: HeadRule = { bare: 'secret' };
const FINANCIAL: HeadRule = { bare: 'financial' };
const CONTACT: HeadRule = { bare: 'pii-contact' };
const PII: HeadRule = { bare: 'pii' };
const DB_LOCATOR: HeadRule = {
  bare: null,
  other: null,
  by: by(
    ['credential', [...DB_QUALIFIERS].join(' ')],
    ['secret', 'webhook otpauth totp otp'],
    ['token', 'signed presigned magic reset verification verify activation confirmation invite invitation'],
  ),
};
const IP: HeadRule = { bare: 'pii-contact', other: null, by: by(['pii-contact', IP_CONTACT_QUALIFIERS]) };
const NUMBER: HeadRule = {
  bare: null,
  by: by(['financial', NUMBER_FINANCIAL], ['pii', NUMBER_PII], ['pii-contact', NUMBER_CONTACT]),
};

/** Head words: the last meaningful word of a name decides what it holds. */
export const HEADS: ReadonlyMap<string, HeadRule> = new Map<string, HeadRule>([
  // credentials
  ['password', CREDENTIAL],
  ['passwd', CREDENTIAL],
  ['pwd', CREDENTIAL],
  ['passphrase', CREDENTIAL],
  ['passcode', CREDENTIAL],
  ['pass', { bare: null, other: null, by: by(['credential', [...PASS_QUALIFIERS].join(' ')]) }],
  ['credential', CREDENTIAL],
  ['creds', CREDENTIAL],
  ['cred', CREDENTIAL],
  ['authorization', CREDENTIAL],
  ['auth', { bare: null, other: null, by: by(['credential', 'basic bearer proxy http digest']) }],
  [
    'answer',
    {
      bare: null,
      other: null,
      by: by(['credential', 'security secret challenge security+question secret+question']),
    },
  ],
  ['otp', CREDENTIAL],
  ['totp', CREDENTIAL],
  ['hotp', CREDENTIAL],
  [
    'pin',
    {
      bare: null,
      other: null,
      by: by(['credential', 'card atm account user security debit credit sim login']),
    },
  ],
  [
    'code',
    {
      bare: null,
      other: null,
      by: by(
        ['token', 'auth authorization oauth device'],
        ['credential', CODE_CREDENTIAL],
        ['financial', 'cvv cvc card sort'],
        ['pii-contact', 'postal zip post'],
      ),
    },
  ],
  ['dsn', { bare: 'credential' }],
  ['url', DB_LOCATOR],
  ['uri', DB_LOCATOR],
  ['string', { by: by(['credential', 'connection conn db database']) }],
  ['str', { by: by(['credential', 'connection conn db database']) }],
  // `*Header` names a header (`AUTH_HEADER = 'authorization'`, `tokenHeader`), even after `auth` or `cookie`.
  ['header', { bare: null, other: null }],
  // tokens
  ['token', TOKEN],
  ['jwt', TOKEN],
  ['bearer', { bare: 'token' }],
  ['assertion', { bare: null, other: null, by: by(['token', 'client saml jwt id']) }],
  ['set', { by: by(['token', 'token']) }],
  ['response', { by: by(['token', 'token saml']) }],
  [
    'link',
    {
      bare: null,
      other: null,
      by: by([
        'token',
        'magic reset verification verify activation confirmation invite invitation signin sign+in login',
      ]),
    },
  ],
  ['hint', { bare: null, other: null, by: by(['token', 'id+token'], ['pii-contact', 'login']) }],
  // secrets
  ['secret', SECRET],
  ['pepper', SECRET],
  ['mnemonic', SECRET],
  [
    'key',
    {
      bare: null,
      other: null,
      by: by(['credential', KEY_CREDENTIAL], ['secret', KEY_SECRET], ['session', 'session sess']),
    },
  ],
  ['pair', { by: by(['secret', 'key']) }],
  ['jwk', { bare: null, other: null, by: by(['secret', 'private signing secret']) }],
  ['verifier', { bare: null, other: null, by: by(['secret', 'code pkce'], ['token', 'oauth']) }],
  [
    'phrase',
    {
      bare: null,
      other: null,
      by: by(['secret', 'seed recovery secret mnemonic backup'], ['credential', 'pass']),
    },
  ],
  ['seed', { bare: null, other: null, by: by(['secret', 'wallet mnemonic recovery master hd']) }],
  // sessions
  ['session', { bare: 'session' }],
  ['cookie', { bare: 'session', by: by([null, 'csrf xsrf']) }],
  ['jar', { by: by(['session', 'cookie']) }],
  ['sid', { bare: 'session', other: null, by: by(['session', 'connect session']) }],
  [
    'id',
    {
      bare: null,
      other: null,
      by: by(['session', 'session sess'], ['pii', 'national tax passport government gov']),
    },
  ],
  // financial
  ['number', NUMBER],
  ['no', NUMBER],
  ['num', NUMBER],
  ['nr', NUMBER],
  ['pan', { bare: 'financial', other: null, by: by(['financial', 'card primary+account']) }],
  ['cvv', FINANCIAL],
  ['cvc', FINANCIAL],
  ['csc', FINANCIAL],
  ['cvn', FINANCIAL],
  ['iban', FINANCIAL],
  ['card', { bare: null, other: null, by: by(['financial', 'credit debit payment bank charge prepaid']) }],
  ['account', { bare: null, other: null, by: by(['financial', 'bank']) }],
  // PII that is always sensitive
  ['ssn', PII],
  ['passport', PII],
  ['aadhaar', PII],
  // contact PII (only with `pii: true`)
  ['email', { bare: 'pii-contact', by: by([null, EMAIL_NOT]) }],
  ['mail', { bare: null, other: null, by: by(['pii-contact', 'e']) }],
  ['phone', CONTACT],
  ['telephone', CONTACT],
  ['address', { bare: 'pii-contact', other: null, by: by(['pii-contact', ADDRESS_CONTACT]) }],
  ['addr', { bare: null, other: null, by: by(['pii-contact', ADDRESS_CONTACT]) }],
  ['ip', IP],
  ['for', { by: by(['pii-contact', 'forwarded']) }],
  ['ipv', IP],
  ['dob', CONTACT],
  ['birthday', CONTACT],
  ['birthdate', CONTACT],
  ['birth', CONTACT],
  ['date', { bare: null, other: null, by: by(['pii-contact', 'birth']) }],
  ['name', { bare: null, other: null, by: by(['pii-contact', NAME_CONTACT]) }],
  ['surname', CONTACT],
  ['postcode', CONTACT],
  ['license', { bare: null, other: null, by: by(['pii-contact', 'driver drivers driving']) }],
  ['licence', { bare: null, other: null, by: by(['pii-contact', 'driver drivers driving']) }],
]);

/** Heads a `reset`/`forgot`/`change` right before them names a flow (`resetPassword`), not a value. */
export const PASSWORD_HEADS = set('password passwd pwd passphrase passcode pin secret credential');

/**
 * Trailing words that describe the form of a value, not a different thing: `tokenValue`, `passwordStr`,
 * `sessionData`, `privateKeyPem`, `passwordConfirmation`. They are stripped when the last word decides nothing.
 */
export const VALUE_WORDS = set(`
  value val data str string text raw plain plaintext cleartext clear bytes buf buffer hex pem der
  material json obj object param arg args confirmation confirm repeat again attempt guess candidate literal
  base`);

/**
 * A first word (of the last segment) that makes the name a boolean, a function or a quantity, not a value:
 * `isPasswordValid`, `hasToken`, `getToken`, `validatePassword`, `withCredentials`, `numTokens`.
 */
export const PREFIX_WORDS = set(`
  is are has have had should can could was were did does do will would must may need needs require requires allow
  allows enable disable skip no not without with supports contains uses use validates verifies
  get set fetch load read validate verify check generate gen create make build parse decode encode sign issue revoke
  rotate update save store delete del remove clear send handle on ensure exchange hash encrypt decrypt mask redact
  sanitize compare find lookup extract print log format render show hide toggle prompt match assert expect invalidate
  persist put add apply inject attach strip filter emit write init register unregister
  count num max min total n`);

/** Prefix words that only mark a flow right before a password-like head (`resetPassword`, not `resetToken`). */
export const FLOW_WORDS = set('reset forgot forgotten change');

/** Words anywhere before the head that say the value is not the secret itself. */
export const NEGATORS = set(`
  hashed encrypted masked redacted sanitized obfuscated scrubbed salted truncated wrapped md5 sha bcrypt scrypt argon
  pbkdf fake dummy mock example sample placeholder public pub publishable`);
