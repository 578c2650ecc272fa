/** What the moderation scripts (train, eval) share: their command-line options and finding the labelled sets. */
import { findFixturesDir } from '../src/moderation/eval/fixtures.js';

export const args = process.argv.slice(2);

/** The value after `--name`, if given. */
export function option(name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The moderation fixtures folder, or the script stops saying where it looked. `sets` names what it needs them for. */
export function fixturesDirOrExit(sets: string): string {
  const dir = findFixturesDir();
  if (dir) return dir;
  console.error(`${sets} not found: set TRIBUNE_FIXTURES_DIR to the fixtures folder (with moderation/ inside), or put it at ../shared/fixtures beside the repository.`);
  process.exit(1);
}
