import { Public } from '@app/identity';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CityResponseDto, CitySearchQueryDto } from './dto/city-search-query.dto.js';
import { GeoService } from './geo.service.js';

const ATTRIBUTION = 'Towns: GeoNames (geonames.org) cities500, CC BY 4.0.';

@ApiTags('geo')
@Public()
@Controller('geo')
export class GeoController {
  constructor(private readonly geo: GeoService) {}

  @Get('cities')
  @ApiOperation({
    summary: 'Autocomplete towns (with coordinates) of a country by any of their names',
    description: `Official, local and alternate names in Latin or Cyrillic, with or without diacritics, typos tolerated (\`?country=XK&q=prisht\` → Pristina, \`?country=RS&q=Београд\` → Belgrade). ${ATTRIBUTION}`,
  })
  @ApiOkResponse({ type: [CityResponseDto] })
  @ApiBadRequestResponse({ description: 'country is not a two-letter code, q too long, bad limit' })
  searchCities(@Query() query: CitySearchQueryDto): Promise<CityResponseDto[]> {
    return this.geo.searchCities(query.country, query.q ?? '', query.limit ?? 10);
  }
}
