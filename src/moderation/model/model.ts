import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, type Category } from './categories.js';
import { featureNorm, type Features } from './features.js';

/**
 * The learned moderation model: one logistic regression per category over hashed features,
 * weights quantised to one byte each. The file is `TRBM`, a 4-byte header length, a JSON header
 * (scales, biases, thresholds chosen on validation, what it learned from), then the weights,
 * interleaved per bucket (`bucket * categories + category`) so one comment reads few cache lines.
 */
export interface Thresholds {
  /** Score from which the comment is held for a moderator; null: never. */
  hold: number | null;
  /** Score from which it is refused (spam: marked spam); null: never. */
  reject: number | null;
}

export interface ModelHeader {
  version: 1;
  bits: number;
  categories: Category[];
  scales: number[];
  biases: number[];
  thresholds: Record<Category, Thresholds>;
  /** Counts and notes from training, for the record. */
  trainedOn: Record<string, unknown>;
}

export interface CategoryScore {
  category: Category;
  score: number;
}

export interface Explanation extends CategoryScore {
  /** Token indexes that pushed the score up most, strongest first. */
  tokens: number[];
}

const MAGIC = 'TRBM';

export class ModerationModel {
  private readonly width: number;

  constructor(
    readonly header: ModelHeader,
    private readonly weights: Int8Array,
  ) {
    this.width = header.categories.length;
    if (weights.length !== (1 << header.bits) * this.width) throw new Error('moderation model: weights do not match the header');
  }

  static parse(bytes: Uint8Array): ModerationModel {
    const text = new TextDecoder();
    if (text.decode(bytes.subarray(0, 4)) !== MAGIC) throw new Error('moderation model: not a Tribune model file');
    const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
    const header = JSON.parse(text.decode(bytes.subarray(8, 8 + length))) as ModelHeader;
    const start = 8 + length;
    const weights = new Int8Array(bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + bytes.byteLength));
    return new ModerationModel(header, weights);
  }

  serialize(): Uint8Array {
    const head = new TextEncoder().encode(JSON.stringify(this.header));
    const out = new Uint8Array(8 + head.length + this.weights.length);
    out.set(new TextEncoder().encode(MAGIC), 0);
    new DataView(out.buffer).setUint32(4, head.length, true);
    out.set(head, 8);
    out.set(new Uint8Array(this.weights.buffer, this.weights.byteOffset, this.weights.length), 8 + head.length);
    return out;
  }

  /** Probability per category, in the order of `header.categories`. */
  score(features: Features): number[] {
    const sums = new Float64Array(this.width);
    const { buckets, count } = features;
    const w = this.weights;
    const width = this.width;
    for (let k = 0; k < count; k++) {
      const base = buckets[k]! * width;
      for (let c = 0; c < width; c++) sums[c]! += w[base + c]!;
    }
    const norm = featureNorm(count);
    const out: number[] = [];
    for (let c = 0; c < width; c++) out.push(sigmoid(this.header.biases[c]! + sums[c]! * this.header.scales[c]! * norm));
    return out;
  }

  /** The tokens whose features raised one category's score most (at most `limit`). */
  explain(features: Features, category: Category, limit = 3): number[] {
    const c = this.header.categories.indexOf(category);
    const byToken = new Map<number, number>();
    for (let k = 0; k < features.count; k++) {
      const token = features.tokens[k]!;
      if (token < 0) continue;
      byToken.set(token, (byToken.get(token) ?? 0) + this.weights[features.buckets[k]! * this.width + c]!);
    }
    return [...byToken.entries()].filter(([, w]) => w > 0).sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit).map(([t]) => t);
  }
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export const MODEL_FILE = 'moderation-model.bin';

/**
 * Where the committed model lives: beside this module when run from `src/` (tsx), or in the
 * repository's `src/moderation/model/` when run from the compiled `dist/src/…`.
 */
export function modelPath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const beside = path.join(here, MODEL_FILE);
  if (existsSync(beside) || !here.split(path.sep).includes('dist')) return beside;
  return path.resolve(here, '../../../../src/moderation/model', MODEL_FILE);
}

export function loadModel(file = modelPath()): ModerationModel {
  const model = ModerationModel.parse(readFileSync(file));
  if (model.header.categories.join() !== CATEGORIES.join()) throw new Error(`moderation model ${file}: categories differ from this version's`);
  return model;
}
