/**
 * One repository per aggregate: the only classes that hold SQL or query builders. Each takes an
 * optional UnitOfWork so that a service can put several of their calls in one transaction.
 */
import type { Type } from '@nestjs/common';

export const REPOSITORIES: Type[] = [];
