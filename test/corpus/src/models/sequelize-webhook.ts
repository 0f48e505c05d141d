/** Outgoing webhooks and user accounts of the notifications service (Sequelize). */
import { DataTypes, Model, Sequelize } from 'sequelize';

export const sequelize = new Sequelize(process.env.DATABASE_URL ?? 'postgres://localhost/notifications');

export const WebhookEndpoint = sequelize.define(
  'WebhookEndpoint',
  {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    url: { type: DataTypes.STRING(2048), allowNull: false },
    signingSecret: { type: DataTypes.STRING, allowNull: false, field: 'signing_secret' }, // expect: no-plaintext-sensitive-column
    authToken: { type: DataTypes.TEXT, field: 'auth_token' }, // expect: no-plaintext-sensitive-column
    secretVersion: { type: DataTypes.INTEGER, defaultValue: 1, field: 'secret_version' }, // ok: no-plaintext-sensitive-column
    tokenLastRotatedAt: { type: DataTypes.DATE, field: 'token_last_rotated_at' }, // ok: no-plaintext-sensitive-column
  },
  { tableName: 'webhook_endpoints' },
);

export class Account extends Model {
  declare id: number;
  declare email: string;
  declare passwordHash: string;
}

Account.init(
  {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    email: { type: DataTypes.STRING, allowNull: false, unique: true },
    password: { type: DataTypes.VIRTUAL }, // ok: no-plaintext-sensitive-column
    passwordHash: { type: DataTypes.STRING, allowNull: false, field: 'password_hash' }, // ok: no-plaintext-sensitive-column
    recoveryCode: { type: DataTypes.STRING, field: 'recovery_code' }, // expect: no-plaintext-sensitive-column
    apiToken: { type: DataTypes.STRING, field: 'api_token' }, // expect: no-plaintext-sensitive-column
  },
  { sequelize, tableName: 'accounts' },
);
