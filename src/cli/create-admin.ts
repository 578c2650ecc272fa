/**
 * Creates a staff account, typically the first admin:
 *   npm run create-admin -- --email ada@example.org --name "Ada" [--role admin|editor|author|moderator] [--site ID]
 * The password comes from TRIBUNE_ADMIN_PASSWORD, or is asked for on the terminal without echo
 * (never as an argument: arguments show up in `ps` and shell history).
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { InProcessRateLimitStore } from '../adapters/rate-limit/in-process.js';
import { migrateToLatest, openDatabase } from '../store/db.js';
import { Store } from '../store/store.js';
import { ServiceError } from '../services/errors.js';
import { StaffService } from '../services/staff.js';
import { DEFAULT_SITE_ID } from '../shared/site.js';

const USAGE = 'Usage: npm run create-admin -- --email ada@example.org --name "Ada Lovelace" [--role admin|editor|author|moderator] [--site ID]';

/** Reads a line from the terminal with echo off. */
async function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stdout.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let answer = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          return resolve(answer);
        }
        if (ch === '\u0003') {
          finish();
          return reject(new Error('cancelled'));
        }
        if (ch === '\u007f' || ch === '\b') answer = answer.slice(0, -1);
        else answer += ch;
      }
    };
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write('\n');
    };
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.TRIBUNE_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new Error('Set TRIBUNE_ADMIN_PASSWORD, or run in a terminal to be asked for the password.');
  const first = await promptHidden('Password (at least 12 characters): ');
  const again = await promptHidden('Password again: ');
  if (first !== again) throw new Error('The two passwords differ; nothing was created.');
  return first;
}

async function main(): Promise<number> {
  let values: { email?: string; name?: string; role?: string; site?: string };
  try {
    ({ values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'admin' }, site: { type: 'string', default: DEFAULT_SITE_ID } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.email || !values.name) {
    console.error(`--email and --name are required.\n${USAGE}`);
    return 2;
  }

  const config = loadConfig();
  const password = await readPassword();
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, sqliteSynchronous: config.sqliteSynchronous });
  const limiter = new InProcessRateLimitStore();
  try {
    await migrateToLatest(database);
    const store = Store.from(database);
    const site = values.site ?? DEFAULT_SITE_ID;
    // Staff act per site: the role is given on one site, which must exist (the default site always does).
    if (site !== DEFAULT_SITE_ID && !(await store.sites.findSite(site))) {
      console.error(`--site: no site has the id "${site}"; create it with POST /api/v1/admin/sites first.`);
      return 1;
    }
    const staff = new StaffService(store, limiter, config.rateLimits);
    const created = await staff.createStaff({ email: values.email, name: values.name, role: values.role, password }, site);
    console.log(`Created ${created.role} ${created.name} <${created.email}> on the site "${site}" in ${database.location}. Sign in at /staff/sign-in.`);
    return 0;
  } finally {
    await limiter.close();
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ServiceError) console.error(`${error.field ? `${error.field === 'password' ? 'TRIBUNE_ADMIN_PASSWORD' : `--${error.field}`}: ` : ''}${error.message}`);
    else if (error instanceof ConfigError) console.error(error.message);
    else console.error((error as Error).message ?? error);
    process.exit(1);
  },
);
