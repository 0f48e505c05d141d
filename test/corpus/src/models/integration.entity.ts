/**
 * Chat integrations a workspace connects (Slack, Telegram, GitHub). TypeORM decorators; the project compiles them
 * with legacy decorators, which this type-check does not enable, hence the expect-error comments.
 */
import { fieldTransformer } from '@secure-migrate/runtime/fields';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ApiClientSchema, type ApiClient } from './api-client.schema.js';

export type IntegrationProvider = 'slack' | 'telegram' | 'github';

@Entity('integrations')
export class Integration {
  // @ts-expect-error legacy decorator
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  // @ts-expect-error legacy decorator
  @Column({ type: 'varchar', length: 32 })
  provider!: IntegrationProvider;

  // @ts-expect-error legacy decorator
  @Column({ name: 'bot_token', type: 'text' })
  botToken!: string; // expect: no-plaintext-sensitive-column

  // @ts-expect-error legacy decorator
  @Column({ name: 'access_token', type: 'text', nullable: true })
  accessToken!: string | null; // expect: no-plaintext-sensitive-column

  // @ts-expect-error legacy decorator
  @Column({ name: 'refresh_token', type: 'text', nullable: true })
  refreshToken!: string | null; // expect: no-plaintext-sensitive-column

  // @ts-expect-error legacy decorator
  @Column({ name: 'token_expires_at', type: 'timestamptz', nullable: true })
  tokenExpiresAt!: Date | null; // ok: no-plaintext-sensitive-column

  // @ts-expect-error legacy decorator
  @Column({ name: 'token_type', default: 'Bearer' })
  tokenType!: string; // ok: no-plaintext-sensitive-column

  // @ts-expect-error legacy decorator
  @Column({
    name: 'signing_secret',
    transformer: fieldTransformer({ context: 'integrations.signing_secret' }),
  })
  signingSecret!: string; // ok: no-plaintext-sensitive-column

  // @ts-expect-error legacy decorator
  @Index({ unique: true })
  // @ts-expect-error legacy decorator
  @Column({ name: 'webhook_secret' })
  webhookSecret!: string; // expect: no-plaintext-sensitive-column

  // @ts-expect-error legacy decorator
  @Column({ name: 'token_revoked', default: false })
  tokenRevoked!: boolean; // ok: no-plaintext-sensitive-column

  // @ts-expect-error legacy decorator
  @ManyToOne(() => ApiClientSchema, { nullable: true })
  apiKey!: ApiClient | null; // ok: no-plaintext-sensitive-column

  // @ts-expect-error legacy decorator
  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}

@Entity()
export class DeployKey {
  // @ts-expect-error legacy decorator
  @PrimaryGeneratedColumn()
  id!: number;

  // @ts-expect-error legacy decorator
  @Column('text')
  privateKey!: string; // expect: no-plaintext-sensitive-column

  // @ts-expect-error legacy decorator
  @Column('text')
  publicKey!: string; // ok: no-plaintext-sensitive-column

  // @ts-expect-error legacy decorator
  @Column()
  fingerprint!: string;
}

@Entity('admins')
export class Admin {
  // @ts-expect-error legacy decorator
  @PrimaryGeneratedColumn()
  id!: number;

  // @ts-expect-error legacy decorator
  @Column({ unique: true })
  email!: string;

  // @ts-expect-error legacy decorator
  @Column()
  password!: string; // expect: no-plaintext-sensitive-column

  // @ts-expect-error legacy decorator
  @Column({ name: 'smtp_password', nullable: true })
  smtpPassword!: string | null; // expect: no-plaintext-sensitive-column
}

/** What the integrations page renders: not an entity, the token is masked before it gets here. */
export class IntegrationView {
  id!: string;
  provider!: IntegrationProvider;
  token!: string; // ok: no-plaintext-sensitive-column
  connected!: boolean;
}
