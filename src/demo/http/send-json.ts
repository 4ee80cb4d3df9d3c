import { ServiceRateLimitedError } from './errors/service-rate-limited.error';
import { ServiceRejectedError } from './errors/service-rejected.error';
import { ServiceUnavailableError } from './errors/service-unavailable.error';
import { parseRetryAfter } from './retry-after';

export interface JsonRequest {
  /** Who we are talking to, for error messages: 'CRM', 'Partner webhook'. */
  service: string;
  method: 'POST' | 'PUT';
  url: string;
  /** Sent exactly as given: a signature may have been computed over these bytes. */
  body: string;
  headers?: Record<string, string>;
  /** The job's signal: aborted when the job passes its own timeout. */
  signal: AbortSignal;
  /** This request's own deadline, shorter than the job's. */
  timeoutMs: number;
}

export interface JsonResponse {
  status: number;
  body: unknown;
}

/**
 * One JSON request with Node's fetch, its outcome sorted for a job's retry policy:
 * 2xx resolves; 429 with Retry-After throws `ServiceRateLimitedError`; 5xx, a 429 without
 * Retry-After, a timeout or a network error throw `ServiceUnavailableError`; other 4xx throw
 * `ServiceRejectedError`. When the job's own signal aborts, its reason is thrown as is.
 *
 * @example
 * await sendJson({ service: 'CRM', method: 'PUT', url, body: JSON.stringify(contact), signal: this.signal, timeoutMs: 10_000 });
 */
export async function sendJson(request: JsonRequest): Promise<JsonResponse> {
  const { service, method, url, body, headers = {}, signal, timeoutMs } = request;
  const what = `${service} ${method} ${url}`;
  // Either deadline ends the request: the job's (it is being given up) or this request's own.
  const deadline = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
  let status: number;
  let text: string;
  let retryAfter: string | null;
  try {
    const response = await fetch(url, {
      method,
      body,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
      signal: deadline,
      redirect: 'error',
    });
    status = response.status;
    retryAfter = response.headers.get('retry-after');
    // Read to the end (within the deadline too) so the connection can be reused.
    text = await response.text();
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    if (deadline.aborted) throw new ServiceUnavailableError(`${what} did not answer within ${timeoutMs} ms; the request was aborted`);
    throw new ServiceUnavailableError(`${what} failed: ${describeNetworkError(error)}`);
  }
  if (status >= 200 && status < 300) return { status, body: parseJson(text) };
  const answer = `${what} answered ${status}${detail(text)}`;
  if (status === 429) {
    const waitMs = parseRetryAfter(retryAfter);
    if (waitMs !== null) throw new ServiceRateLimitedError(`${answer}, Retry-After ${retryAfter}`, waitMs);
    throw new ServiceUnavailableError(`${answer} without a Retry-After`);
  }
  if (status >= 400 && status < 500) throw new ServiceRejectedError(answer, status);
  throw new ServiceUnavailableError(answer);
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The start of an error body, on one line: enough to tell "email is invalid" from "no such route". */
function detail(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  return line ? `: ${line}` : '';
}

function describeNetworkError(error: unknown): string {
  // fetch wraps the socket error ("fetch failed"); its cause says what happened (ECONNREFUSED ...).
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}
