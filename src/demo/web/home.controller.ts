import { Controller, Get, Header, Inject } from '@nestjs/common';
import { boardEnabled } from '../board/board-enabled';
import { DEMO_CONFIG, type DemoConfig } from '../config';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { SIGNUP_SCRIPT } from './signup.script';
import { signupPage } from './views/signup-page';

@Controller()
export class HomeController {
  constructor(@Inject(DEMO_CONFIG) private readonly config: DemoConfig) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  signupForm(): string {
    return signupPage({ outbox: !this.config.smtpUrl && !this.config.production, board: boardEnabled(this.config) });
  }

  @Get('assets/signup.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  signupScript(): string {
    return SIGNUP_SCRIPT;
  }
}
