import { CATEGORIES, type Category } from './categories.js';
import { extractFeatures, featureNorm } from './features.js';
import { ModerationModel, sigmoid, type ModelHeader, type Thresholds } from './model.js';
import { contextFor } from './reading.js';
import { seededRandom } from '../../shared/seeded-random.js';

/**
 * Learning the model: one logistic regression per category, AdaGrad over the hashed features,
 * positives weighted up (capped) so rare categories are not drowned, a small L2 penalty.
 * Deterministic: a seeded shuffle and a fixed order of floating-point work.
 */
export interface TrainingExample {
  text: string;
  /** Per category: 1, 0, or -1 (unknown: skipped for that category). */
  labels: Int8Array;
}

export interface Matrix {
  offsets: Uint32Array;
  buckets: Uint32Array;
}

export function featurize(texts: readonly string[], bits: number): Matrix {
  const parts: Uint32Array[] = [];
  const offsets = new Uint32Array(texts.length + 1);
  let total = 0;
  texts.forEach((text, i) => {
    const ctx = contextFor(text);
    const f = extractFeatures(ctx.analysis, ctx.links, bits);
    parts.push(f.buckets.slice());
    total += f.count;
    offsets[i + 1] = total;
  });
  const buckets = new Uint32Array(total);
  let at = 0;
  for (const p of parts) {
    buckets.set(p, at);
    at += p.length;
  }
  return { offsets, buckets };
}

export interface TrainOptions {
  bits: number;
  epochs: number;
  learningRate: number;
  l2: number;
  /** Positives count this many times the negatives' weight at most. */
  maxPositiveWeight: number;
  seed: number;
}

export interface Trained {
  weights: Float32Array;
  biases: Float64Array;
}


export function train(matrix: Matrix, labels: readonly Int8Array[], options: TrainOptions): Trained {
  const width = CATEGORIES.length;
  const size = 1 << options.bits;
  const weights = new Float32Array(size * width);
  const squares = new Float32Array(size * width).fill(1e-6);
  const biases = new Float64Array(width);
  const biasSquares = new Float64Array(width).fill(1e-6);
  const positiveWeight = CATEGORIES.map((_, c) => {
    let pos = 0;
    let neg = 0;
    for (const l of labels) {
      if (l[c] === 1) pos++;
      else if (l[c] === 0) neg++;
    }
    return pos === 0 ? 0 : Math.min(options.maxPositiveWeight, neg / pos);
  });
  const order = Array.from(labels.keys());
  const random = seededRandom(options.seed);
  const sums = new Float64Array(width);
  const grads = new Float64Array(width);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const doc of order) {
      const from = matrix.offsets[doc]!;
      const to = matrix.offsets[doc + 1]!;
      if (to === from) continue;
      const norm = featureNorm(to - from);
      const l = labels[doc]!;
      sums.fill(0);
      for (let k = from; k < to; k++) {
        const base = matrix.buckets[k]! * width;
        for (let c = 0; c < width; c++) sums[c]! += weights[base + c]!;
      }
      let any = false;
      for (let c = 0; c < width; c++) {
        const y = l[c]!;
        if (y < 0 || positiveWeight[c] === 0) {
          grads[c] = 0;
          continue;
        }
        const p = sigmoid(biases[c]! + sums[c]! * norm);
        grads[c] = (p - y) * (y === 1 ? positiveWeight[c]! : 1);
        any = true;
        biasSquares[c]! += grads[c]! * grads[c]!;
        biases[c]! -= (options.learningRate * grads[c]!) / Math.sqrt(biasSquares[c]!);
      }
      if (!any) continue;
      for (let k = from; k < to; k++) {
        const base = matrix.buckets[k]! * width;
        for (let c = 0; c < width; c++) {
          const g0 = grads[c]!;
          if (g0 === 0) continue;
          const at = base + c;
          const g = g0 * norm + options.l2 * weights[at]!;
          squares[at]! += g * g;
          weights[at]! -= (options.learningRate * g) / Math.sqrt(squares[at]!);
        }
      }
    }
  }
  return { weights, biases };
}

/** Per category: the largest weight maps to ±127; the scale turns bytes back into weights. */
export function quantize(trained: Trained, bits: number, thresholds: Record<Category, Thresholds>, trainedOn: Record<string, unknown>): ModerationModel {
  const width = CATEGORIES.length;
  const scales = CATEGORIES.map((_, c) => {
    let max = 0;
    for (let i = c; i < trained.weights.length; i += width) max = Math.max(max, Math.abs(trained.weights[i]!));
    return max === 0 ? 1 : max / 127;
  });
  const bytes = new Int8Array(trained.weights.length);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.round(trained.weights[i]! / scales[i % width]!);
  const round = (x: number) => Number(x.toPrecision(9));
  const header: ModelHeader = { version: 1, bits, categories: [...CATEGORIES], scales: scales.map(round), biases: [...trained.biases].map(round), thresholds, trainedOn };
  return new ModerationModel(header, bytes);
}
