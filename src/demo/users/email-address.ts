import { domainToASCII } from 'node:url';

/**
 * Characters that display as nothing (U+200B, U+2060, U+00AD...) or reorder what follows (U+202E):
 * an address holding one looks like another, and mail servers may refuse it.
 */
export const INVISIBLE_OR_BIDI_CONTROL = /[\p{Default_Ignorable_Code_Point}\p{Bidi_Control}]/u;

/**
 * The one stored form of an email address: Unicode NFC, the domain lower-cased and in ASCII (IDNA),
 * so `Ada@EXAMPLE.com` and `ada@example.com`, or `jose@BÜCHER.de` and `jose@xn--bcher-kva.de`, are
 * one account. Null when the domain is not a valid internationalized domain name.
 *
 * @example
 * normalizeEmail('José@Bücher.DE'); // 'José@xn--bcher-kva.de'
 */
export function normalizeEmail(email: string): string | null {
  const composed = email.normalize('NFC');
  const at = composed.lastIndexOf('@');
  if (at <= 0) return null;
  const domain = domainToASCII(composed.slice(at + 1).toLowerCase());
  return domain ? `${composed.slice(0, at)}@${domain}` : null;
}
