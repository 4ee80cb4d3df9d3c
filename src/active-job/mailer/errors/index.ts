export { InvalidMailerOptionsError } from './invalid-mailer-options.error';
export { PermanentSmtpError } from './permanent-smtp.error';
export { TransientSmtpError } from './transient-smtp.error';
export { UnknownMailerError } from './unknown-mailer.error';
