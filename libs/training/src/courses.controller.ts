import { CurrentUser, ParseIdPipe, Roles, type AuthUser } from '@app/identity';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CohortPageDto, CohortResponseDto, CreateCohortDto } from './dto/cohort.dto.js';
import {
  CourseListQueryDto,
  CoursePageDto,
  CourseResponseDto,
  CreateCourseDto,
} from './dto/course.dto.js';
import { PageQueryDto } from '@app/http';
import { CoursesService } from './courses.service.js';
import { toCohortResponse, toCourseResponse, toPageResponse } from './training-mapping.js';

@ApiTags('training')
@ApiBearerAuth('bearer')
@Controller('courses')
export class CoursesController {
  constructor(private readonly courses: CoursesService) {}

  @Post()
  @Roles('trainer', 'admin')
  @ApiOperation({
    summary: 'Create a course of a training provider',
    description: 'A trainer only for their own provider (else 403); an admin for any provider.',
  })
  @ApiCreatedResponse({ type: CourseResponseDto })
  @ApiBadRequestResponse({ description: 'Invalid fields, e.g. skills[i].skillId unknown' })
  @ApiForbiddenResponse({ description: 'Not a trainer of providerId, nor an admin' })
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateCourseDto,
  ): Promise<CourseResponseDto> {
    return toCourseResponse(await this.courses.create(user, body));
  }

  @Get()
  @ApiOperation({
    summary: 'Courses, oldest first',
    description: "A trainer sees their own provider's courses; everyone else sees all.",
  })
  @ApiOkResponse({ type: CoursePageDto })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: CourseListQueryDto,
  ): Promise<CoursePageDto> {
    return toPageResponse(await this.courses.list(user, query), toCourseResponse);
  }

  @Get(':id')
  @ApiOperation({ summary: "One course (a trainer: only their provider's)" })
  @ApiOkResponse({ type: CourseResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown course, or of another provider for a trainer' })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<CourseResponseDto> {
    return toCourseResponse(await this.courses.get(user, id));
  }

  @Post(':id/cohorts')
  @Roles('trainer')
  @ApiOperation({ summary: 'Open a cohort (one run) of the course (trainer of its provider)' })
  @ApiCreatedResponse({ type: CohortResponseDto })
  @ApiBadRequestResponse({ description: 'Invalid dates or capacity' })
  @ApiForbiddenResponse({ description: 'Not a trainer of the course provider' })
  @ApiNotFoundResponse({ description: 'Unknown course' })
  async createCohort(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: CreateCohortDto,
  ): Promise<CohortResponseDto> {
    return toCohortResponse(await this.courses.createCohort(user, id, body));
  }

  @Get(':id/cohorts')
  @Roles('trainer', 'admin')
  @ApiOperation({
    summary: 'Cohorts of the course with seats taken (trainer of its provider, admin)',
  })
  @ApiOkResponse({ type: CohortPageDto })
  @ApiForbiddenResponse({ description: 'Not a trainer of the course provider' })
  @ApiNotFoundResponse({ description: 'Unknown course' })
  async listCohorts(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<CohortPageDto> {
    return toPageResponse(await this.courses.listCohorts(user, id, query), toCohortResponse);
  }
}
