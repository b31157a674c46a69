// Types of the asf JavaScript API (see index.js).

import type { ProblemCode, Operation } from "./codes.js";
export type { ProblemCode, Operation } from "./codes.js";

export type Lang = "en" | "sv";
/** ISO date `YYYY-MM-DD`. A `Date` is accepted in requests and sent as its local calendar date. */
export type DateString = string;

/** What is wrong or missing in a request. */
export interface Problem {
  code: ProblemCode;
  /** JSON Pointer into the request, e.g. `/bid/supplier/org_id`. */
  path: string;
  /** In the requested language. */
  message: string;
  params: Record<string, unknown>;
}

export type ErrorKind = "unknown_operation" | "invalid_request" | "request_type" | "rulebook" | "internal";

export class AsfError extends Error {
  constructor(message: string, details?: { kind?: ErrorKind; code?: string; path?: string });
  readonly kind: ErrorKind;
  readonly code: string;
  /** JSON Pointer into the request or rulebook file; "" for the whole of it. */
  readonly path: string;
}
export class UnknownOperationError extends AsfError {}
export class InvalidRequestError extends AsfError {}
export class RequestTypeError extends AsfError {}
export class RulebookError extends AsfError {}
export class InternalError extends AsfError {}
export const ERROR_CLASSES: Readonly<Record<ErrorKind, typeof AsfError>>;

export interface OrgnrParseRequest {
  id: string;
  as_of?: DateString | Date;
  lang?: Lang;
}
export type IdKind = "organisation_number" | "personal_number" | "coordination_number";
export type LegalFormGroup =
  | "estate"
  | "public_sector"
  | "foreign_company"
  | "limited_company"
  | "simple_partnership"
  | "economic_association"
  | "non_profit_or_foundation"
  | "partnership"
  | "sole_trader"
  | "unknown";
export interface OrgnrParseResponse {
  valid: boolean;
  id_kind: IdKind | null;
  legal_form_group: LegalFormGroup | null;
  normalized: string | null;
  formatted: string | null;
  vat_number: string | null;
  problems: Problem[];
}

export interface RulebookEntry {
  id: string;
  value: string | boolean;
  unit: "fraction" | "ratio" | "SEK" | "EUR" | "SEK/month" | "years" | "months" | "flag" | "rule" | "ref" | "period";
  valid_from: DateString;
  valid_to: DateString | null;
  comparison: ">=" | ">" | "<=" | "<" | "none";
  source: string;
  confidence: string;
  description: string;
}
export interface RulebookFile {
  format?: "asf-rulebook/1";
  entries: Array<Partial<RulebookEntry> & { override?: boolean }>;
}
export interface RulebookDescribeRequest {
  as_of: DateString | Date;
  ids?: string[];
  lang?: Lang;
}
export interface RulebookDescribeResponse {
  as_of: DateString;
  entries: RulebookEntry[];
  problems: Problem[];
}

/** Request and response types by operation; other operations use plain objects. */
export interface Operations {
  "orgnr.parse": [OrgnrParseRequest, OrgnrParseResponse];
  "rulebook.describe": [RulebookDescribeRequest, RulebookDescribeResponse];
}

/** Operations without a typed signature here (a typed one must use its own types). */
type Untyped<O extends string> = O extends keyof Operations ? never : O;

export interface EvaluateOptions {
  /** Date used where a request leaves out its as-of date (default: today, local date). */
  today?: DateString | Date;
}

export class Engine {
  constructor();
  evaluate<K extends keyof Operations>(op: K, request: Operations[K][0], options?: EvaluateOptions): Operations[K][1];
  evaluate<O extends string>(op: O & Untyped<O>, request: object, options?: EvaluateOptions): Record<string, any>;
  loadRulebook(file: string | RulebookFile): this;
  rulebook(): RulebookEntry[];
}

export function evaluate<K extends keyof Operations>(op: K, request: Operations[K][0], options?: EvaluateOptions): Operations[K][1];
export function evaluate<O extends string>(op: O & Untyped<O>, request: object, options?: EvaluateOptions): Record<string, any>;
export function loadRulebook(file: string | RulebookFile): void;
export function resetRulebook(): void;
export function operations(): Operation[];
export function catalogue(): Array<{ code: ProblemCode; en: string; sv: string }>;
export function errorCodes(): Array<[string, ErrorKind]>;

export const orgnr: {
  parse(id: string, options?: { asOf?: DateString | Date; lang?: Lang }): OrgnrParseResponse;
};

export default function init(input?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module): Promise<void>;
export function initSync(module: BufferSource | WebAssembly.Module): void;
