import { DomainError } from '../../platform/errors';

/**
 * Runs `fn` and returns the DomainError it throws, so specs can assert code, reason, fields and
 * details together. Free of Jest globals so it type-checks in the production build too.
 */
export function captureDomainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a DomainError, but nothing was thrown');
}
