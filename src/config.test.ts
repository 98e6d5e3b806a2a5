import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: 'localhost', baseUrl: 'http://localhost:3000', logLevel: 'info', trustProxy: false });
    expect(config.database).toEqual({ dialect: 'sqlite', filename: path.resolve('data/milepost.db') });
  });

  it('reads PORT, HOST and a PostgreSQL DATABASE_URL', () => {
    const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATABASE_URL: 'postgres://u@127.0.0.1/db', BASE_URL: 'https://maps.example.org' });
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', baseUrl: 'https://maps.example.org', database: { dialect: 'postgres' } });
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/LOG_LEVEL/);
    }
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ BASE_URL: 'example.org' })).toThrow(/BASE_URL/);
  });

  it('reads the Redis, mail and session settings', () => {
    expect(loadConfig({})).toMatchObject({ redisUrl: null, redisPrefix: '', smtpUrl: null, session: { idleDays: 30, maxDays: 90 } });
    const config = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: 'site-a:', SESSION_IDLE_DAYS: '7', SESSION_MAX_DAYS: '14' });
    expect(config).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379', redisPrefix: 'site-a:', session: { idleDays: 7, maxDays: 14 } });
    expect(() => loadConfig({ REDIS_PREFIX: 'has space' })).toThrow(/REDIS_PREFIX/);
    expect(() => loadConfig({ SESSION_IDLE_DAYS: '0' })).toThrow(/SESSION_IDLE_DAYS/);
  });

  it('reads the metrics settings, and never repeats a bad token', () => {
    expect(loadConfig({}).metrics).toEqual({ token: null, port: null });
    expect(loadConfig({ METRICS_TOKEN: 'a-long-enough-metrics-token-1', METRICS_PORT: '9464' }).metrics).toEqual({
      token: 'a-long-enough-metrics-token-1',
      port: 9464,
    });
    expect(() => loadConfig({ METRICS_TOKEN: 'short-secret' })).toThrow('METRICS_TOKEN: must not have fewer than 24 characters (got 12 characters)');
    expect(() => loadConfig({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT/);
  });
});
