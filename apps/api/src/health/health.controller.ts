import { DomainError } from '@app/http';
import { Public } from '@app/identity';
import { Controller, Get } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthService, type DependencyCheck, type DependencyName } from './health.service.js';

export interface ReadinessResponse {
  status: 'ok';
  checks: Record<DependencyName, DependencyCheck>;
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up (no dependency is asked)' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'PostgreSQL and Meilisearch both answer' })
  @ApiOkResponse({
    schema: {
      example: {
        status: 'ok',
        checks: {
          postgres: { status: 'up', latencyMs: 1 },
          meilisearch: { status: 'up', latencyMs: 1 },
        },
      },
    },
  })
  @ApiServiceUnavailableResponse({ description: 'problem+json naming the failing dependency' })
  async ready(): Promise<ReadinessResponse> {
    const checks = await this.health.check();
    const down = (Object.keys(checks) as DependencyName[]).filter(
      (n) => checks[n].status === 'down',
    );
    if (down.length > 0) {
      throw new DependencyUnavailableError(down, checks);
    }
    return { status: 'ok', checks };
  }
}

class DependencyUnavailableError extends DomainError {
  constructor(down: DependencyName[], checks: Record<DependencyName, DependencyCheck>) {
    super('DEPENDENCY_UNAVAILABLE', 503, `${down.join(' and ')} unavailable`, {
      unavailable: down,
      checks,
    });
  }
}
