import { Injectable } from '@nestjs/common';

export interface SentEmail {
  to: number;
  kind: string;
}

/** Stands in for a mailer: the emails jobs "sent", per application. */
@Injectable()
export class Outbox {
  readonly sent: SentEmail[] = [];

  deliver(email: SentEmail): void {
    this.sent.push(email);
  }
}
