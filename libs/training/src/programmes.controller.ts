import { Roles, ParseIdPipe } from '@app/identity';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { PageQueryDto } from '@app/http';
import { CreateProgrammeDto, ProgrammePageDto, ProgrammeResponseDto } from './dto/programme.dto.js';
import { ProgrammesService } from './programmes.service.js';
import { toPageResponse, toProgrammeResponse } from './training-mapping.js';

@ApiTags('training')
@ApiBearerAuth('bearer')
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a donor programme (admin)' })
  @ApiCreatedResponse({ type: ProgrammeResponseDto })
  @ApiBadRequestResponse({
    description: 'Invalid fields, e.g. endsOn before startsOn, partners[i] unknown',
  })
  @ApiForbiddenResponse({ description: 'Not an admin' })
  @ApiConflictResponse({ description: 'PROGRAMME_CODE_TAKEN' })
  async create(@Body() body: CreateProgrammeDto): Promise<ProgrammeResponseDto> {
    return toProgrammeResponse(await this.programmes.create(body));
  }

  @Get()
  @ApiOperation({ summary: 'Programmes, oldest first (anyone signed in)' })
  @ApiOkResponse({ type: ProgrammePageDto })
  async list(@Query() query: PageQueryDto): Promise<ProgrammePageDto> {
    return toPageResponse(await this.programmes.list(query), toProgrammeResponse);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One programme (anyone signed in)' })
  @ApiOkResponse({ type: ProgrammeResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown programme' })
  async get(@Param('id', ParseIdPipe) id: string): Promise<ProgrammeResponseDto> {
    return toProgrammeResponse(await this.programmes.get(id));
  }
}
