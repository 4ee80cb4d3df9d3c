export { ServiceRateLimitedError } from './errors/service-rate-limited.error';
export { ServiceRejectedError } from './errors/service-rejected.error';
export { ServiceUnavailableError } from './errors/service-unavailable.error';
export { retryWhenAllowed } from './retry-after-rate-limit';
export { MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry-after';
export { type JsonRequest, type JsonResponse, sendJson } from './send-json';
export { type JsonService, JsonServiceClient } from './json-service-client';
export { SelfUrl } from './self-url';
