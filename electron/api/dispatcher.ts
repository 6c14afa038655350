// SPDX-License-Identifier: Apache-2.0
// The one entry point every transport calls: validate the request, run the handler, and turn
// any failure into an ApiError with a code the caller can act on.
import { ApiError, type ApiBackend, type ApiMethod, type ApiParams, type ApiResult } from './contract.js';
import { assertKnownMethod, validateParams } from './request-validator.js';

export type Dispatch = (method: string, params: unknown) => Promise<unknown>;

/** Wraps a backend so that every call is validated against the contract before it runs. */
export function createDispatcher(backend: ApiBackend): Dispatch {
  return async (method, params) => {
    assertKnownMethod(method);
    validateParams(method, params ?? {});
    const handler = backend.handlers[method] as (p: ApiParams<ApiMethod>) => Promise<ApiResult<ApiMethod>>;
    try {
      return await handler((params ?? {}) as ApiParams<ApiMethod>);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      // Internal errors keep their message (they are ours, and say what failed) but not stacks.
      throw new ApiError('internal', err instanceof Error ? err.message : String(err));
    }
  };
}

/** Converts anything thrown by a dispatch into the wire error form. */
export function toWireError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError('internal', err instanceof Error ? err.message : String(err));
}
