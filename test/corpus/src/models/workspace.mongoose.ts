/** Workspaces of the bot platform (Mongoose). */
import { decryptField, encryptField } from '@secure-migrate/runtime/fields';
import { Schema, model } from 'mongoose';

const GITHUB_TOKEN = { context: 'Workspace.github.accessToken' };
const encryptGithubToken = (value: string): string => encryptField(value, GITHUB_TOKEN);
const decryptGithubToken = (stored: string): string => decryptField<string>(stored, GITHUB_TOKEN);

const workspaceSchema = new Schema(
  {
    name: { type: String, required: true },
    owner: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    slack: {
      teamId: String,
      botToken: String, // expect: no-plaintext-sensitive-column
      botTokenScopes: [String], // ok: no-plaintext-sensitive-column
      signingSecret: { type: String, select: false }, // expect: no-plaintext-sensitive-column
    },
    github: {
      installationId: Number,
      appPrivateKey: { type: String, select: false }, // expect: no-plaintext-sensitive-column
      accessToken: { type: String, set: encryptGithubToken, get: decryptGithubToken }, // ok: no-plaintext-sensitive-column
    },
    tokenExpiresAt: Date, // ok: no-plaintext-sensitive-column
    inviteTokenId: { type: Schema.Types.ObjectId }, // ok: no-plaintext-sensitive-column
  },
  { timestamps: true },
);

workspaceSchema.set('toJSON', { getters: true });

export const Workspace = model('Workspace', workspaceSchema);
