import { Controller, Get, NotFoundException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health';
import { RedisHealthIndicator } from './redis.health';

/**
 * `GET /health`, readiness for the load balancer: 200 while this process serves requests and its
 * database answers, which is all a signup needs; else 503. Redis is not part of it: a signup stores its
 * jobs in the outbox and answers 201 while Redis is down, and a Redis outage hits every web process
 * at once, so taking them out of rotation for it would turn a queue outage into a signup outage.
 *
 * `GET /health/redis`, for monitoring: 200 while Redis accepts a write (a job can be stored), else 503.
 * What depends on it: the relays' progress, resending a welcome email, Bull Board. 404 without REDIS_URL.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: DatabaseHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) }), () => this.database.isHealthy()]);
  }

  @Get('redis')
  @HealthCheck()
  checkRedis() {
    if (!this.redis.enabled) throw new NotFoundException('REDIS_URL is not set: this process runs its jobs itself, without Redis');
    return this.health.check([() => this.redis.isHealthy()]);
  }
}
