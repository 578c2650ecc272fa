import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { invalid } from '../services/errors.js';

/**
 * The one place where what a client sends is checked for what no field may hold, before any
 * schema or service sees it: control characters other than tab and line breaks (a NUL byte
 * breaks PostgreSQL text and hides text from filters), lone UTF-16 surrogates (not text at all),
 * values nested deeper than any form of ours, and ids written other than as plain decimals
 * (`1.5`, `0x10`, ` 1` would otherwise be read as numbers).
 */

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const DECIMAL = /^(0|-?[1-9][0-9]{0,15})$/;
const MAX_DEPTH = 8;

type Part = 'body' | 'params' | 'query';

/** The field name an error shows: `website`, `author.name`, `query cursor`. */
const fieldName = (part: Part, path: string[]) => (part === 'body' ? path.join('.') || 'body' : `${path.join('.')}`);

/** Params and query are mostly a few plain strings: those pass without building the walk's paths. */
function flatAndClean(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (typeof item !== 'string' || FORBIDDEN.test(item) || FORBIDDEN.test(key)) return false;
  }
  return true;
}

function checkValue(part: Part, value: unknown): void {
  if (value === undefined || flatAndClean(value)) return;
  // Walked with a stack: a hostile body may be nested thousands deep.
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (FORBIDDEN.test(current)) {
        throw invalid('invalid_characters', fieldName(part, path), `${fieldName(part, path)} holds a control character or broken Unicode; remove it and try again.`);
      }
    } else if (current !== null && typeof current === 'object') {
      if (path.length >= MAX_DEPTH) throw invalid('too_deep', fieldName(part, path), `${fieldName(part, path)} is nested too deeply.`);
      for (const [key, item] of Object.entries(current)) {
        if (FORBIDDEN.test(key)) throw invalid('invalid_characters', fieldName(part, path), `${fieldName(part, path)} has a field name with a control character.`);
        stack.push({ value: item, path: [...path, key] });
      }
    }
  }
}

interface JsonSchema {
  type?: string | string[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
}

const isInteger = (schema: JsonSchema | undefined): boolean =>
  !!schema && (schema.type === 'integer' || (Array.isArray(schema.type) && schema.type.includes('integer')) || (schema.anyOf ?? []).some(isInteger));

/** Path and query values the route declares as integers must be written as plain decimals. */
function checkIntegers(part: 'params' | 'query', values: Record<string, unknown>, schema: JsonSchema | undefined): void {
  const properties = schema?.properties;
  if (!properties) return;
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string' && isInteger(properties[key]) && !DECIMAL.test(value)) {
      throw invalid('invalid_id', key, `${key} must be a whole number written in decimal digits.`);
    }
  }
}

/** A `preValidation` callback hook (no promise per request). */
export function checkInputBoundary(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  try {
    checkRequest(request);
  } catch (error) {
    return done(error as Error);
  }
  done();
}

function checkRequest(request: FastifyRequest): void {
  const params = (request.params ?? {}) as Record<string, unknown>;
  const query = (request.query ?? {}) as Record<string, unknown>;
  checkValue('params', params);
  checkValue('query', query);
  checkValue('body', request.body);
  const schema = request.routeOptions.schema as { params?: JsonSchema; querystring?: JsonSchema } | undefined;
  checkIntegers('params', params, schema?.params);
  checkIntegers('query', query, schema?.querystring);
}
