import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { CATEGORIES } from '../../src/moderation/model/categories.js';
import { extractFeatures } from '../../src/moderation/model/features.js';
import { ModerationModel, loadModel, modelPath } from '../../src/moderation/model/model.js';
import { contextFor } from '../../src/moderation/model/reading.js';
import { classifierHarm, classifierSoft } from '../../src/moderation/phases/classifier.js';
import { input, runPhase } from './support.js';

const model = loadModel();
const score = (text: string) => {
  const ctx = contextFor(text);
  const scores = model.score(extractFeatures(ctx.analysis, ctx.links, model.header.bits));
  return Object.fromEntries(CATEGORIES.map((c, i) => [c, scores[i]!]));
};

describe('the learned moderation model', () => {
  it('is small, loads fast and scores a comment in well under a millisecond', () => {
    expect(statSync(modelPath()).size).toBeLessThan(5 * 1024 * 1024);
    const started = performance.now();
    const fresh = ModerationModel.parse(readFileSync(modelPath()));
    expect(performance.now() - started).toBeLessThan(300);
    const ctx = contextFor('The ferry was late again this morning, and the council still has not published the minutes. '.repeat(10));
    const features = extractFeatures(ctx.analysis, ctx.links, fresh.header.bits);
    // The median of many runs: a busy machine's pauses land in the tail, not in the middle.
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      fresh.score(features);
      times.push(performance.now() - t0);
    }
    expect(times.sort((a, b) => a - b)[150]!).toBeLessThan(0.2);
  });

  it('reads through disguises: a leet-spelled attack scores as the plain one does', () => {
    const plain = score('Muslims are filthy animals who breed like rats');
    const disguised = score('Mu$lims are f1lthy an1mals who br33d like r4ts');
    expect(plain.identity_attack).toBeGreaterThan(0.5);
    expect(Math.abs(disguised.identity_attack! - plain.identity_attack!)).toBeLessThan(0.05);
  });

  it('scores spam and attacks high and an ordinary comment low', () => {
    expect(score('Check out my new channel and please subscribe, free giftcards at http://bit.ly/abc').spam).toBeGreaterThan(0.9);
    expect(score('You are a pathetic moron').insult).toBeGreaterThan(0.9);
    const ordinary = score('Great article, thanks for the sources. The council should publish the ferry figures too.');
    for (const c of CATEGORIES) if (model.header.thresholds[c].hold !== null) expect(ordinary[c]).toBeLessThan(model.header.thresholds[c].hold!);
  });

  it('writes the same bytes it read', () => {
    const bytes = readFileSync(modelPath());
    expect(Buffer.from(ModerationModel.parse(bytes).serialize()).equals(bytes)).toBe(true);
  });
});

describe('the classifier phases', () => {
  it('hold a comment over its threshold, naming the category and score, and quoting the words that weighed most as written', async () => {
    const result = await runPhase(classifierHarm, input('Mu$lims are f1lthy an1mals who breed like rats'), { modelThresholds: { identity_attack: { hold: 0.5 } } });
    expect(result).toMatchObject({ decision: 'hold', code: 'model_identity_attack' });
    expect(result!.message).toMatch(/attack on a group or identity \(score 0\.\d\d\)/);
    expect(result!.score).toBeGreaterThan(0.5);
    expect(result!.matched.length).toBeGreaterThan(0);
    for (const word of result!.matched) expect('Mu$lims are f1lthy an1mals who breed like rats').toContain(word);
  });

  it('refuse over the reject threshold, mark spam as spam, and leave ordinary comments alone', async () => {
    const spam = 'Check out my new channel and please subscribe, free giftcards at http://bit.ly/abc';
    expect(await runPhase(classifierSoft, input(spam), { modelThresholds: { spam: { hold: 0.5, reject: 0.8 } } })).toMatchObject({ decision: 'spam', code: 'model_spam' });
    expect(await runPhase(classifierSoft, input(spam), { modelThresholds: { spam: { hold: 0.5, reject: null } } })).toMatchObject({ decision: 'hold' });
    expect(await runPhase(classifierSoft, input(spam), { model: false })).toBeUndefined();
    expect(await runPhase(classifierSoft, input('Thanks for covering the harbour meeting so carefully.'))).toBeUndefined();
    expect(await runPhase(classifierHarm, input('Thanks for covering the harbour meeting so carefully.'))).toBeUndefined();
  });

  it('judges display names too', async () => {
    const result = await runPhase(classifierHarm, input('KillAllJews', { kind: 'name' }), { modelThresholds: { identity_attack: { hold: 0.5 } } });
    expect(result).toMatchObject({ decision: 'hold', code: 'model_identity_attack', matched: expect.arrayContaining(['Jews']) });
  });

  it('calls spam only what offers a way to buy: a link, an address, a number, a handle', async () => {
    const settings = { modelThresholds: { spam: { hold: 0.3, reject: null } } };
    expect(await runPhase(classifierSoft, input('My first comment on this site, hello everyone.'), settings)).toBeUndefined();
    expect(await runPhase(classifierSoft, input('My first comment on this site, hello everyone. Visit http://cash4u.example.xyz'), settings)).toMatchObject({ code: 'model_spam' });
  });

  it('stands back where the rules do: quoted or condemned abuse is reported, not endorsed', async () => {
    const settings = { modelThresholds: { identity_attack: { hold: 0.5 } } };
    expect(await runPhase(classifierHarm, input('Muslims are filthy animals who breed like rats'), settings)).toBeDefined();
    expect(await runPhase(classifierHarm, input('He shouted "Muslims are filthy animals who breed like rats" and that is disgusting.'), settings)).toBeUndefined();
  });
});

describe('model settings', () => {
  it('override the validated thresholds per category, and `off` turns one off', () => {
    const s = loadConfig({ TRIBUNE_MODEL_THREAT_HOLD: '0.7', TRIBUNE_MODEL_SPAM_REJECT: 'off' }).moderation;
    expect(s.model).toBe(true);
    expect(s.modelThresholds).toEqual({ threat: { hold: 0.7 }, spam: { reject: null } });
    expect(loadConfig({ TRIBUNE_MODEL: 'off' }).moderation.model).toBe(false);
  });

  it('name the variable of a bad score', () => {
    expect(() => loadConfig({ TRIBUNE_MODEL_INSULT_HOLD: '1.5' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRIBUNE_MODEL_INSULT_HOLD: 'high' })).toThrow(/TRIBUNE_MODEL_INSULT_HOLD/);
  });
});
