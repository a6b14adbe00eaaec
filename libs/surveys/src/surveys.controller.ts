import { DomainError, InputValidationError } from '@app/http';
import { CurrentUser, ParseIdPipe, Public, Roles, type AuthUser } from '@app/identity';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiConsumes,
  ApiGoneResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { SurveyAnswerDto } from './dto/survey-answer.dto.js';
import { OwnSurveyListDto, SurveyFormDto } from './dto/survey-response.dto.js';
import { answerFromForm } from './survey-answer-rules.js';
import { SurveyFormBodyInterceptor } from './survey-form-body.js';
import { renderSurveyForm, renderSurveyMessage, SURVEY_PAGE_CSP } from './survey-page/render.js';
import { SURVEY_TEXTS, type SurveyTexts } from './survey-page/survey-texts.js';
import { SurveysService } from './surveys.service.js';

const wantsHtml = (req: Request) => req.accepts(['application/json', 'text/html']) === 'text/html';

/**
 * Follow-up surveys: the e-mailed link (no sign-in; the token in the path, or as `?token=` in
 * the e-mailed link) and the trainee's own list. Answers are validated by one rule set.
 */
@ApiTags('surveys')
@Controller()
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Get('surveys/respond')
  @Public()
  @ApiOperation({
    summary: 'The e-mailed survey link (token as query parameter)',
    description: 'Answers like GET /api/surveys/:token: the page for browsers, JSON otherwise.',
  })
  @ApiQuery({ name: 'token', required: true })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ type: SurveyFormDto })
  @ApiNotFoundResponse({ description: 'SURVEY_NOT_FOUND' })
  @ApiConflictResponse({ description: 'SURVEY_ALREADY_ANSWERED' })
  @ApiGoneResponse({ description: 'SURVEY_EXPIRED' })
  linkPage(
    @Query('token') token: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SurveyFormDto | string> {
    return this.show(typeof token === 'string' ? token : '', req, res);
  }

  @Post('surveys/respond')
  @Public()
  @HttpCode(200)
  @UseInterceptors(SurveyFormBodyInterceptor)
  @ApiOperation({
    summary: 'The survey page posts its form here (form-encoded), answered with a page',
    description:
      'Empty fields are left out, numbers may use a decimal comma. A bad answer shows the page ' +
      'again (400) with the questions to check; the rules are those of POST /api/surveys/:token.',
  })
  @ApiQuery({ name: 'token', required: true })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'Thank-you page' })
  @ApiBadRequestResponse({ description: 'The form again, naming the questions to check' })
  async linkForm(
    @Query('token') token: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const key = typeof token === 'string' ? token : '';
    const form = (req.body ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(
      Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
    this.pageHeaders(res);
    try {
      await this.surveys.answerByToken(key, answerFromForm(form));
      const texts = SURVEY_TEXTS[await this.surveys.localeOfToken(key)];
      return renderSurveyMessage(texts, texts.thanks, true);
    } catch (error) {
      const texts = SURVEY_TEXTS[await this.surveys.localeOfToken(key)];
      if (error instanceof InputValidationError) {
        res.status(400);
        return renderSurveyForm(texts, key, { values, errors: error.errors });
      }
      return this.errorPage(error, texts, res);
    }
  }

  @Get('surveys/:token')
  @Public()
  @ApiOperation({
    summary: 'A follow-up survey by its link (public: the token is the credential)',
    description:
      "The questions in the person's language. `Accept: text/html` → a one-screen page that " +
      'posts back (no script).',
  })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ type: SurveyFormDto })
  @ApiNotFoundResponse({ description: 'SURVEY_NOT_FOUND' })
  @ApiConflictResponse({ description: 'SURVEY_ALREADY_ANSWERED' })
  @ApiGoneResponse({ description: 'SURVEY_EXPIRED' })
  byToken(
    @Param('token') token: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SurveyFormDto | string> {
    return this.show(token, req, res);
  }

  @Post('surveys/:token')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Answer a follow-up survey by its link (single use)' })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiNotFoundResponse({ description: 'SURVEY_NOT_FOUND' })
  @ApiConflictResponse({ description: 'SURVEY_ALREADY_ANSWERED' })
  @ApiGoneResponse({ description: 'SURVEY_EXPIRED' })
  async answerByToken(@Param('token') token: string, @Body() body: SurveyAnswerDto): Promise<void> {
    await this.surveys.answerByToken(token, { ...body });
  }

  @Get('profiles/me/surveys')
  @Roles('trainee')
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'The own follow-up surveys that fell due: open, answered, expired' })
  @ApiOkResponse({ type: OwnSurveyListDto })
  listOwn(@CurrentUser() user: AuthUser): Promise<OwnSurveyListDto> {
    return this.surveys.listOwn(user.id);
  }

  @Post('profiles/me/surveys/:id')
  @Roles('trainee')
  @HttpCode(204)
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'Answer one of the own open surveys while signed in' })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiNotFoundResponse({ description: "SURVEY_NOT_FOUND (also another person's survey)" })
  @ApiConflictResponse({ description: 'SURVEY_ALREADY_ANSWERED' })
  @ApiGoneResponse({ description: 'SURVEY_EXPIRED' })
  async answerOwn(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: SurveyAnswerDto,
  ): Promise<void> {
    await this.surveys.answerOwn(user.id, id, { ...body });
  }

  private async show(token: string, req: Request, res: Response): Promise<SurveyFormDto | string> {
    res.vary('Accept');
    if (!wantsHtml(req)) return this.surveys.form(await this.surveys.openByToken(token));
    this.pageHeaders(res);
    try {
      const open = await this.surveys.openByToken(token);
      return renderSurveyForm(open.texts, token);
    } catch (error) {
      return this.errorPage(error, SURVEY_TEXTS[await this.surveys.localeOfToken(token)], res);
    }
  }

  private pageHeaders(res: Response): void {
    res.type('html');
    res.setHeader('Content-Security-Policy', SURVEY_PAGE_CSP);
  }

  private errorPage(error: unknown, texts: SurveyTexts, res: Response): string {
    if (!(error instanceof DomainError)) throw error;
    const message =
      error.status === 409
        ? texts.alreadyAnswered
        : error.status === 410
          ? texts.expired
          : error.status === 404
            ? texts.notFound
            : undefined;
    if (message === undefined) throw error;
    res.status(error.status);
    return renderSurveyMessage(texts, message, error.status === 409);
  }
}
