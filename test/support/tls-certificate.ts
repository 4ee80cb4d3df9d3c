import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface TlsFiles {
  cert: string;
  key: string;
}

/** A throwaway self-signed certificate for 127.0.0.1, written into `dir`. */
export function makeSelfSignedCertificate(dir: string): TlsFiles {
  const files = { cert: join(dir, 'tls.crt'), key: join(dir, 'tls.key') };
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      files.key,
      '-out',
      files.cert,
    ],
    { stdio: 'ignore' },
  );
  return files;
}
