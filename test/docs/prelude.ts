// What a ```ts block of the README or docs/ may use without importing it (see test/docs/code-blocks.ts).
// Only types and declarations: nothing here runs.
import type { TransactionalAdapter } from '@nestjs-cls/transactional';
import type { INestApplication } from '@nestjs/common';
import { ApplicationJob, type FailedJobs, type JobQueue, type QueueControl, type SqliteOutboxStore } from 'nestjs-active-job';
import type { Pool } from 'pg';
import type { CreateUserDto, NewUser, User } from '../../src/demo/users';

// The library, by its package name, as a user imports it; the matchers' types as a Jest setup file adds them.
import 'nestjs-active-job/testing/jest';
export * from 'nestjs-active-job';
export * from 'nestjs-active-job/testing';
export * from 'nestjs-active-job/mailer';

// Nest and the usual companions of a Nest app.
export { Body, Controller, Get, Inject, Injectable, Logger, Module, Param, Post, Scope, type INestApplication } from '@nestjs/common';
export { ConfigModule, ConfigService } from '@nestjs/config';
export { NestFactory } from '@nestjs/core';
export { Test, type TestingModule } from '@nestjs/testing';
export type { Queue } from 'bull';
export { ClsModule } from 'nestjs-cls';
export { ClsPluginTransactional } from '@nestjs-cls/transactional';
export { default as request } from 'supertest';

// The demo app, the application the guides talk about.
export { AppModule } from '../../src/demo/app.module';
export { demoConfig } from '../../src/demo/config';
export { WelcomeEmailJob } from '../../src/demo/jobs/welcome-email.job';
export { CrmSyncJob } from '../../src/demo/crm/crm-sync.job';
export { PartnerWebhookJob } from '../../src/demo/webhooks/partner-webhook.job';
export { WelcomeInProgressError } from '../../src/demo/jobs/welcome-in-progress.error';
export { MailModule, UserMailer } from '../../src/demo/mail';
export { CreateUserDto, UserNotFoundError, UsersModule, UsersRepository, type NewUser, type User } from '../../src/demo/users';
export { UsersController } from '../../src/demo/users/users.controller';
export { WorkerModule } from '../../src/demo/worker.module';
export { scratchDir } from '../demo/support/web-app';
export { freePort } from '../support/free-port';

/** `this` of a block's top-level statements: what a controller or service of the app holds. */
export interface DocContext {
  users: UsersService;
  jobs: JobQueue;
  failedJobs: FailedJobs;
  queues: QueueControl;
  /** The demo's jobs outbox: a SQLite transaction whose jobs are written beside its rows. */
  outbox: SqliteOutboxStore;
}

// The application's own names that snippets mention without defining them.
export declare class UsersService {
  find(id: number): Promise<User>;
  create(input: NewUser): User;
  /** Sample data, e.g. for a mailer preview. */
  first(): Promise<User>;
}
export declare const dto: CreateUserDto;
export declare const input: NewUser;
export declare const user: User;
export declare const url: string;
export declare const email: string;
export declare const app: INestApplication;
/** HTML-escapes text for a message's html part. */
export declare function escapeHtml(text: string): string;
export declare const password: string;
export declare const queue: import('bull').Queue;
export declare const BLOCKED_USER_ID: number;
export declare class ReminderJob extends ApplicationJob {
  perform(userId: number): Promise<void>;
}
export declare class CleanupJob extends ApplicationJob {
  perform(olderThanDays: number): Promise<void>;
}
export declare class Money {
  constructor(cents: number, currency: string);
  readonly cents: number;
  readonly currency: string;
}
export declare class Metrics {
  increment(name: string): void;
}
export declare const metrics: Metrics;
export declare class Locks {
  withLock<T>(key: string, run: () => Promise<T>): Promise<T>;
}
export declare class ErrorTracker {
  capture(error: Error, context: Record<string, unknown>): void;
}
export declare const histogram: { observe(labels: Record<string, string>, value: number): void };
export declare class SmtpConnectionError extends Error {}
export declare class TimeoutError extends Error {}
export declare class EconnresetError extends Error {}
export declare class RateLimitedError extends Error {
  readonly retryAfterMs: number;
}
export declare class GatewayError extends Error {}
export declare class UnsubscribedError extends Error {}
export declare class QuotaExceededError extends Error {}

// The database side of docs/transactions.md: a node-postgres pool, and Knex behind @nestjs-cls/transactional.
export declare const pool: Pool;
export declare class DbModule {}
export declare const KNEX: unique symbol;
interface Knex {
  raw(sql: string, bindings?: unknown[]): Promise<unknown>;
}
/** As @nestjs-cls/transactional-adapter-knex declares it (not installed here), typed by the package's own adapter interface. */
export declare class TransactionalAdapterKnex implements TransactionalAdapter<Knex, Knex, { isolationLevel?: string }> {
  constructor(options: { knexInstanceToken: unknown; defaultTxOptions?: { isolationLevel?: string } });
  connectionToken: unknown;
  optionsFactory: TransactionalAdapter<Knex, Knex, { isolationLevel?: string }>['optionsFactory'];
}
