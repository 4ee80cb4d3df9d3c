/**
 * Our pages load their script from /assets and show email HTML only in a sandboxed iframe;
 * this policy keeps it that way even if some markup slipped through escaping.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
