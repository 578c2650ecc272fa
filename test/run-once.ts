/**
 * Suites that never open a database: text, moderation, widget, configuration and pure helpers.
 * They run in the SQLite project only; running them again on PostgreSQL would prove nothing more
 * and doubled CI's time. test/run-once.test.ts fails if one of these starts using a database.
 */
export const runOnceSuites = [
  'test/moderation/**/*.test.ts',
  'test/web/**/*.test.{ts,tsx}',
  'test/text/**/*.test.ts',
  'test/shared/**/*.test.ts',
  'test/mail/**/*.test.ts',
  'test/http/views/**/*.test.ts',
  'test/http/fair-turns.test.ts',
  'test/adapters/rate-limit.test.ts',
  'test/adapters/redis.test.ts',
  'test/config.test.ts',
  'test/install.test.ts',
  'test/run-once.test.ts',
  'test/services/comment-input.test.ts',
  'test/services/cursors.test.ts',
  'test/services/sign-in-settings.test.ts',
  'test/services/sso-payload.test.ts',
  'test/store/db.test.ts',
  'test/store/wal-flush.test.ts',
];
