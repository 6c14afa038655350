// SPDX-License-Identifier: Apache-2.0
// Validates request params and workflow events against schemas/api.schema.json at the backend
// boundary, with errors that name the offending field.
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { API_METHODS, ApiError, type ApiMethod } from './contract.js';
import { defValidator, describeAjvError, loadSchema, schemaRegistry } from './schema-registry.js';

const API_ID = 'https://ciab-installer.invalid/schemas/api.schema.json';
type RequestSpec = { params: Record<string, unknown> };

let paramValidators: Map<string, ValidateFunction> | null = null;
let eventDefs: Map<string, string> | null = null;

function absolutise(schema: unknown): unknown {
  // Params schemas use local refs (#/$defs/X); make them absolute so ajv finds them in the api schema.
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', `"${API_ID}#/$defs/`));
}

function init(): { params: Map<string, ValidateFunction>; events: Map<string, string> } {
  if (paramValidators && eventDefs) return { params: paramValidators, events: eventDefs };
  const api = loadSchema('api.schema.json');
  const ajv = schemaRegistry();
  const params = new Map<string, ValidateFunction>();
  for (const [method, spec] of Object.entries(api['x-requests'] as Record<string, RequestSpec>)) {
    params.set(method, ajv.compile(absolutise(spec.params) as object));
  }
  // Map each event type to the $def that describes it, for precise error messages.
  const defs = api.$defs as Record<string, { oneOf?: { $ref?: string }[]; properties?: { type?: { const?: string; enum?: string[] } } }>;
  const events = new Map<string, string>();
  // Every member of WorkflowEvent's oneOf, read from the schema: a new event cannot be forgotten here.
  const members = (defs.WorkflowEvent?.oneOf ?? []).map((r) => (r.$ref ?? '').replace('#/$defs/', ''));
  for (const name of members) {
    const t = defs[name]?.properties?.type;
    for (const type of t?.enum ?? (t?.const ? [t.const] : [])) events.set(type, name);
  }
  paramValidators = params;
  eventDefs = events;
  return { params, events };
}

/** Checks that `method` is in the contract; throws ApiError('unknown-method') otherwise. */
export function assertKnownMethod(method: unknown): asserts method is ApiMethod {
  if (typeof method !== 'string' || !(API_METHODS as readonly string[]).includes(method)) {
    throw new ApiError('unknown-method', `Unknown method ${JSON.stringify(method)}; known: ${API_METHODS.join(', ')}`, 'method');
  }
}

/** Validates the params of a request; throws ApiError('bad-request') naming the field. */
export function validateParams(method: ApiMethod, params: unknown): void {
  const { params: validators, events } = init();
  if (method === 'workflow.send') {
    const ev = (params as { event?: { type?: unknown } } | null)?.event;
    const def = typeof ev?.type === 'string' ? events.get(ev.type) : undefined;
    if (ev && typeof ev === 'object' && ev.type !== undefined && !def) {
      throw new ApiError('bad-request', `params/event/type ${JSON.stringify(ev.type)} is not a workflow event`, 'params/event/type');
    }
    if (def) {
      const v = defValidator('api.schema.json', def);
      if (!v(ev)) {
        const d = describeAjvError(v.errors, 'params/event');
        throw new ApiError('bad-request', d.message, d.field);
      }
    }
  }
  const v = validators.get(method);
  if (!v) throw new ApiError('unknown-method', `No schema for ${method}`, 'method');
  if (!v(params ?? {})) {
    const d = describeAjvError(v.errors, 'params');
    throw new ApiError('bad-request', d.message, d.field);
  }
}
