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
import { PageQueryDto } from './dto/page-query.dto.js';
import { CoursesService } from './courses.service.js';

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
  create(@CurrentUser() user: AuthUser, @Body() body: CreateCourseDto): Promise<CourseResponseDto> {
    return this.courses.create(user, body);
  }

  @Get()
  @ApiOperation({
    summary: 'Courses, oldest first',
    description: "A trainer sees their own provider's courses; everyone else sees all.",
  })
  @ApiOkResponse({ type: CoursePageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: CourseListQueryDto): Promise<CoursePageDto> {
    return this.courses.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: "One course (a trainer: only their provider's)" })
  @ApiOkResponse({ type: CourseResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown course, or of another provider for a trainer' })
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<CourseResponseDto> {
    return this.courses.get(user, id);
  }

  @Post(':id/cohorts')
  @Roles('trainer')
  @ApiOperation({ summary: 'Open a cohort (one run) of the course (trainer of its provider)' })
  @ApiCreatedResponse({ type: CohortResponseDto })
  @ApiBadRequestResponse({ description: 'Invalid dates or capacity' })
  @ApiForbiddenResponse({ description: 'Not a trainer of the course provider' })
  @ApiNotFoundResponse({ description: 'Unknown course' })
  createCohort(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: CreateCohortDto,
  ): Promise<CohortResponseDto> {
    return this.courses.createCohort(user, id, body);
  }

  @Get(':id/cohorts')
  @Roles('trainer', 'admin')
  @ApiOperation({
    summary: 'Cohorts of the course with seats taken (trainer of its provider, admin)',
  })
  @ApiOkResponse({ type: CohortPageDto })
  @ApiForbiddenResponse({ description: 'Not a trainer of the course provider' })
  @ApiNotFoundResponse({ description: 'Unknown course' })
  listCohorts(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<CohortPageDto> {
    return this.courses.listCohorts(user, id, query);
  }
}
