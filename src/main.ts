import { ConfigError, loadConfig } from './config.js';
import { createTribune } from './tribune.js';
import { createDemoClock, seedDemoContent } from './demo/seed.js';
import type { Config } from './config.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }

  if (config.demoContent) await seedDemoIfEmpty(config);
  const tribune = await createTribune(config, { logger: { level: config.logLevel } });
  const log = tribune.app.log;

  // PORT=0 takes a free port: say the one taken.
  const address = await tribune.app.listen({ port: config.port, host: config.host });
  log.info(`Tribune is serving ${config.site.name} at ${address}/ (database: ${tribune.database.location})`);
  log.info(`Mail is ${tribune.mailDelivery.description}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: finishing open requests and stopping`);
    await tribune.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * A fresh site shows something to read and discuss. The seed runs through the services on a clock
 * it moves itself (so the discussion spreads over days) and without rate limits.
 */
async function seedDemoIfEmpty(config: Config): Promise<void> {
  const clock = createDemoClock();
  const seeder = await createTribune({ ...config, rateLimits: { ...config.rateLimits, enabled: false } }, { now: clock.now });
  try {
    if (await seeder.services.articles.hasArticles()) return;
    await seedDemoContent({ ...seeder.services, clock });
    console.log('Seeded the demo articles and discussion into the empty database.');
  } finally {
    await seeder.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
