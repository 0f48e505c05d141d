/**
 * Minimal declarations for the frameworks the corpus imports but the repository does not install
 * (NestJS, Fastify, lodash, bcrypt, jsonwebtoken, debug, Sequelize, Mongoose). Only what the corpus uses.
 */
declare module '@nestjs/common' {
  type ClassDecorator = <T extends abstract new (...args: never[]) => unknown>(
    target: T,
    context: ClassDecoratorContext<T>,
  ) => void;
  type MethodDecorator = (
    target: (...args: never[]) => unknown,
    context: ClassMethodDecoratorContext,
  ) => void;
  export function Injectable(): ClassDecorator;
  export function Controller(path?: string): ClassDecorator;
  export function Get(path?: string): MethodDecorator;
  export function Post(path?: string): MethodDecorator;
  export function Patch(path?: string): MethodDecorator;
  export interface LoggerService {
    log(message: unknown, ...optionalParams: unknown[]): void;
    error(message: unknown, ...optionalParams: unknown[]): void;
    warn(message: unknown, ...optionalParams: unknown[]): void;
    debug?(message: unknown, ...optionalParams: unknown[]): void;
    verbose?(message: unknown, ...optionalParams: unknown[]): void;
  }
  export class Logger implements LoggerService {
    constructor(context?: string);
    log(message: unknown, ...optionalParams: unknown[]): void;
    error(message: unknown, ...optionalParams: unknown[]): void;
    warn(message: unknown, ...optionalParams: unknown[]): void;
    debug(message: unknown, ...optionalParams: unknown[]): void;
    verbose(message: unknown, ...optionalParams: unknown[]): void;
  }
  export class UnauthorizedException extends Error {}
}

declare module 'fastify' {
  import type { Redis } from 'ioredis';
  import type { Logger } from 'pino';
  import type { IncomingHttpHeaders } from 'node:http';
  export interface FastifyRequest {
    body: unknown;
    params: Record<string, string>;
    query: Record<string, string | undefined>;
    headers: IncomingHttpHeaders;
    ip: string;
    log: Logger;
    server: FastifyInstance;
  }
  export interface FastifyReply {
    code(status: number): FastifyReply;
    send(payload?: unknown): FastifyReply;
  }
  type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  export interface FastifyInstance {
    redis: Redis;
    log: Logger;
    get(path: string, handler: Handler): void;
    post(path: string, handler: Handler): void;
    patch(path: string, handler: Handler): void;
    addHook(name: 'onRequest' | 'preHandler', hook: Handler): void;
  }
  export type FastifyPluginAsync = (instance: FastifyInstance) => Promise<void>;
}

declare module 'lodash' {
  interface LoDash {
    set<T extends object>(object: T, path: string | readonly string[], value: unknown): T;
    setWith<T extends object>(object: T, path: string, value: unknown, customizer: unknown): T;
    merge<T extends object>(object: T, ...sources: unknown[]): T;
    defaultsDeep<T extends object>(object: T, ...sources: unknown[]): T;
    get(object: object, path: string): unknown;
    pick<T extends object>(object: T, ...paths: string[]): Partial<T>;
  }
  const _: LoDash;
  export default _;
}

declare module 'bcrypt' {
  const bcrypt: {
    hash(data: string, saltOrRounds: number): Promise<string>;
    compare(data: string, encrypted: string): Promise<boolean>;
  };
  export default bcrypt;
}

declare module 'jsonwebtoken' {
  const jwt: {
    sign(payload: object, secret: string, options?: { expiresIn?: string | number }): string;
    verify(token: string, secret: string): unknown;
  };
  export default jwt;
}

declare module 'debug' {
  type Debugger = (formatter: string, ...args: unknown[]) => void;
  export default function createDebug(namespace: string): Debugger;
}

declare module 'sequelize' {
  interface DataType {
    (length?: number): DataType;
  }
  export const DataTypes: {
    STRING: DataType;
    TEXT: DataType;
    INTEGER: DataType;
    BOOLEAN: DataType;
    DATE: DataType;
    VIRTUAL: DataType;
  };
  export interface AttributeOptions {
    type: DataType;
    allowNull?: boolean;
    primaryKey?: boolean;
    autoIncrement?: boolean;
    unique?: boolean;
    defaultValue?: unknown;
    field?: string;
  }
  type Attributes = Record<string, DataType | AttributeOptions>;
  interface ModelOptions {
    tableName?: string;
    modelName?: string;
    timestamps?: boolean;
  }
  export class Model {
    static init(attributes: Attributes, options: ModelOptions & { sequelize: Sequelize }): void;
  }
  export class Sequelize {
    constructor(uri: string);
    define(modelName: string, attributes: Attributes, options?: ModelOptions): typeof Model;
  }
}

declare module 'mongoose' {
  type SchemaDefinition = Record<string, unknown>;
  export class Schema {
    static Types: { ObjectId: unknown };
    constructor(definition: SchemaDefinition, options?: { timestamps?: boolean });
    set(option: 'toJSON' | 'toObject', value: { getters?: boolean; virtuals?: boolean }): this;
  }
  export function model(name: string, schema: Schema): unknown;
}
