import type { FastifySchemaCompiler } from 'fastify';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';

/**
 * TypeBox's compiler for Fastify converts params and query strings (`"5"` → 5) with
 * `Value.Convert`, which walks the schema on every request: a tenth of a cached page's cost. Most
 * requests need no conversion (`?sort=newest`, a thread key), so the compiled check runs on the
 * value as it came and conversion only when that fails. Bodies are JSON and never converted.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = (route) => {
  const convertAndCheck = TypeBoxValidatorCompiler(route);
  if (route.httpPart === 'body') return convertAndCheck;
  const check = Compile(route.schema);
  return (value: unknown) => (check.Check(value) ? { value } : convertAndCheck(value));
};
