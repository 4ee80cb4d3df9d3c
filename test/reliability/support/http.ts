import { request } from 'node:http';

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => any;
}

/**
 * One HTTP request with the path sent exactly as given (no URL normalisation, unlike fetch), so a
 * test can try `//admin/queues` or `/ADMIN/queues` on a route.
 */
export function http(
  baseUrl: string,
  method: string,
  path: string,
  { headers = {}, body }: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<HttpResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, method, path, headers: { ...(body === undefined ? {} : { 'Content-Length': Buffer.byteLength(body) }), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode!, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    // A server may answer (413) and close before a large body is fully written.
    req.on('error', reject);
    req.end(body);
  });
}

/** POST /users with a JSON body, as the signup form does; resolves with status, body and elapsed ms. */
export async function signUp(baseUrl: string, body: object, headers: Record<string, string> = {}): Promise<HttpResponse & { ms: number }> {
  const startedAt = Date.now();
  const response = await http(baseUrl, 'POST', '/users', { headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { ...response, ms: Date.now() - startedAt };
}
