import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, UnsupportedMediaTypeException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { DomainError } from '../domain-error';
import type { FieldProblem } from './error-response';
import { MAX_ARRAY_ITEMS, MAX_STRING_LENGTH } from './limits';

/** Deeper than this, a body is refused before anything walks it recursively. */
export const MAX_BODY_DEPTH = 16;

/**
 * Names that would reach an object's prototype (`__proto__`, `constructor`, `toString`, …), and
 * `prototype`, which the validation pipe's whitelist lets through on the DTOs made by `PartialType`
 * (found by the malformed-input property test, FC_SEED=159638368: a 200 that wrote the row).
 */
function prototypeName(key: string): boolean {
  return key === '__proto__' || key === 'prototype' || key in Object.prototype;
}

/** Half of a UTF-16 surrogate pair without its other half: no character at all, which UTF-8 (and so Postgres) cannot encode. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * What no field of any request may hold, whatever its DTO says: a NUL character or a lone surrogate (Postgres text
 * cannot store it), `null` (no input field takes null; leaving a field out is how to keep it), a key
 * that names a prototype property, nesting deeper than MAX_BODY_DEPTH, a string longer or a list
 * longer than any field takes (MAX_STRING_LENGTH, MAX_ARRAY_ITEMS: such a list is not walked, so
 * validation never sees it). Walked without recursion.
 */
export function screenValue(value: unknown, where: 'body' | 'query'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  while (stack.length > 0 && problems.length < 20) {
    const { value: current, path, depth } = stack.pop()!;
    const field = path || where;
    if (typeof current === 'string') {
      if (current.length > MAX_STRING_LENGTH) problems.push({ field, problems: [`is longer than ${MAX_STRING_LENGTH} characters`] });
      else if (current.includes('\u0000')) problems.push({ field, problems: ['must not contain NUL characters'] });
      else if (LONE_SURROGATE.test(current))
        problems.push({ field, problems: ['must be well-formed Unicode (it holds a lone surrogate)'] });
    } else if (current === null) {
      if (path) problems.push({ field, problems: ['must not be null; leave the field out instead'] });
    } else if (typeof current === 'object') {
      if (depth >= MAX_BODY_DEPTH) {
        problems.push({ field, problems: [`is nested more than ${MAX_BODY_DEPTH} levels deep`] });
        continue;
      }
      if (Array.isArray(current) && current.length > MAX_ARRAY_ITEMS) {
        problems.push({ field, problems: [`has more than ${MAX_ARRAY_ITEMS} items`] });
        continue;
      }
      for (const key of Object.keys(current)) {
        const child = path ? (Array.isArray(current) ? `${path}[${key}]` : `${path}.${key}`) : key;
        if (prototypeName(key)) problems.push({ field: child, problems: ['property should not exist'] });
        else stack.push({ value: (current as Record<string, unknown>)[key], path: child, depth: depth + 1 });
      }
    }
  }
  return problems;
}

/** The raw names of the query string (before the parser drops prototype names silently). */
function queryNames(url: string): string[] {
  const query = url.split('?', 2)[1] ?? '';
  return query
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const name = pair.split('=', 1)[0].replace(/\+/g, ' ');
      try {
        return decodeURIComponent(name).split('[', 1)[0];
      } catch {
        return name;
      }
    });
}

const FORM_BODY = 'liaison:form-body';

/** The route also takes an HTML form's body (`application/x-www-form-urlencoded`): the admin page's forms. */
export const AcceptsFormBody = () => SetMetadata(FORM_BODY, true);

/**
 * Screens every request before validation: a body on POST/PUT/PATCH must be JSON (415 otherwise,
 * rather than being ignored) or, on an @AcceptsFormBody() route, a form; body and query go through
 * `screenValue` (400 naming each field).
 */
@Injectable()
export class InputScreenInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const sendsBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    const types = this.reflector.get<boolean>(FORM_BODY, context.getHandler())
      ? ['application/json', 'application/x-www-form-urlencoded']
      : ['application/json'];
    if (['POST', 'PUT', 'PATCH'].includes(request.method) && sendsBody && !request.is(types)) {
      throw new UnsupportedMediaTypeException(
        `request body must be JSON (Content-Type: application/json), not ${request.headers['content-type'] ?? 'untyped'}`,
      );
    }
    const problems = [
      ...queryNames(request.originalUrl)
        .filter(prototypeName)
        .map((name) => ({ field: name, problems: ['query parameter should not exist'] })),
      ...screenValue(request.query, 'query'),
      ...(request.body === undefined ? [] : screenValue(request.body, 'body')),
    ];
    if (problems.length > 0) {
      const message = `invalid input: ${problems.map((p) => `${p.field}: ${p.problems.join(', ')}`).join('; ')}`;
      throw DomainError.invalid('INPUT.REFUSED', message, problems);
    }
    return next.handle();
  }
}
