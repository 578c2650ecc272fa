import type { Config } from '../config.js';
import type { Services } from '../services/services.js';
import type { ReaderIdentity } from './reader.js';
import type { ResponseCache } from './response-cache.js';
import type { SignInFlows } from './sign-in-flow.js';

/** What route handlers may use: services, never the store. */
export interface HttpContext extends Services {
  config: Config;
  readers: ReaderIdentity;
  cache: ResponseCache;
  /** OpenID sign-ins in progress, kept in the reader's browser. */
  signInFlows: SignInFlows;
  /** True when the database answers. */
  databaseAnswers(): Promise<boolean>;
}
