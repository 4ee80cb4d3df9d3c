import { type JsonRequest, type JsonResponse, sendJson } from './send-json';
import type { SelfUrl } from './self-url';

/** Where one HTTP service of the demo's jobs is and how long a request to it may take. */
export interface JsonService {
  /** Its name in error messages: 'CRM', 'Partner webhook'. */
  name: string;
  /** The URL configured for it (CRM_URL, WEBHOOK_URL), or null for the demo's own fake of it. */
  url: string | null;
  /** The path of that fake on the demo's web process. */
  fakePath: string;
  /** Deadline of one request (CRM_TIMEOUT, WEBHOOK_TIMEOUT). */
  timeoutMs: number;
}

/**
 * Base of the clients of the services the demo's jobs call: each request goes to the configured URL,
 * or to the web process's fake when none is set, through `sendJson` with the service's deadline.
 * A subclass says what to send and reads what comes back.
 *
 * @example
 * await this.send({ method: 'PUT', path: `/contacts/${id}`, body: JSON.stringify(contact), signal });
 */
export abstract class JsonServiceClient {
  protected constructor(
    private readonly service: JsonService,
    private readonly self: SelfUrl,
  ) {}

  /** One request: to the service's URL, followed by `path` when given. */
  protected send({ path, ...request }: Omit<JsonRequest, 'service' | 'url' | 'timeoutMs'> & { path?: string }): Promise<JsonResponse> {
    const base = this.service.url ?? `${this.self.base}${this.service.fakePath}`;
    // A path is appended to the base without doubling its slash; a URL sent as it is keeps its own.
    const url = path === undefined ? base : `${base.replace(/\/+$/, '')}${path}`;
    return sendJson({ ...request, service: this.service.name, url, timeoutMs: this.service.timeoutMs });
  }
}
