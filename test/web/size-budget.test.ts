import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/** What the article page downloads for the discussion: script and stylesheet together. */
const budget = 25 * 1024;
const files = ['dist/web/discussion.js', 'dist/web/discussion.css'];

describe('discussion widget size', () => {
  it(`stays under ${budget / 1024} KB gzip, JS and CSS together`, () => {
    const missing = files.filter((file) => !fs.existsSync(path.resolve(file)));
    if (missing.length > 0) {
      throw new Error(`${missing.join(' and ')} not built: run \`npm run build:web\` first, then run this test again.`);
    }
    const sizes = files.map((file) => gzipSync(fs.readFileSync(path.resolve(file)), { level: 9 }).length);
    const total = sizes.reduce((a, b) => a + b, 0);
    console.log(`discussion widget: ${files.map((f, i) => `${path.basename(f)} ${sizes[i]} B`).join(', ')}, ${total} B gzip in all`);
    expect(total, `the discussion widget is ${total} bytes gzip, over the ${budget} byte budget`).toBeLessThan(budget);
  });
});
