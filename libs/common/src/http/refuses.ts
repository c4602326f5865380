import { SetMetadata } from '@nestjs/common';
import type { ErrorCode } from '@liaison/domain';

export const REFUSES = 'liaison:refuses';

/**
 * The codes a route (or every route of a controller) can refuse with, besides the ones the API
 * document derives from what it knows of the route (the roles it needs, a cursor parameter, an
 * Idempotency-Key, the rate limits, the stores it needs). The document lists them under their status;
 * the test stack answers 500 to any code a route answers that its document does not list.
 */
export const Refuses = (...codes: ErrorCode[]) => SetMetadata(REFUSES, codes);
