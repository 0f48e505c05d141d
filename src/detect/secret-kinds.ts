/** Readable names of the classifier's secret kinds, for messages. */
const KIND_NAMES: Readonly<Record<string, string>> = {
  jwt: 'JSON Web Token',
  bearer: 'bearer token',
  'private-key': 'private key',
  'aws-access-key': 'AWS access key',
  'github-token': 'GitHub token',
  'slack-token': 'Slack token',
  'stripe-key': 'Stripe key',
  'google-api-key': 'Google API key',
  'openai-key': 'OpenAI key',
  'anthropic-key': 'Anthropic key',
  'npm-token': 'npm token',
  'sendgrid-key': 'SendGrid key',
  'gitlab-token': 'GitLab token',
  'url-password': 'URL with an inline password',
  'card-number': 'payment card number',
  'basic-auth': 'Basic authorization header',
};

/** `'github-token'` → `'GitHub token'` (or `'a GitHub token'` with `article`). */
export function describeSecretKind(kind: string, article = false): string {
  const name = KIND_NAMES[kind] ?? kind;
  if (!article) return name;
  return `${/^(?:[aeio]|npm )/i.test(name) ? 'an' : 'a'} ${name}`;
}
