import { Public } from '@app/identity';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CityResponseDto, CitySearchQueryDto } from './dto/city-search-query.dto.js';
import { GeoService } from './geo.service.js';

@ApiTags('geo')
@Public()
@Controller('geo')
export class GeoController {
  constructor(private readonly geo: GeoService) {}

  @Get('cities')
  @ApiOperation({ summary: 'Autocomplete towns (with coordinates) of a country' })
  @ApiOkResponse({ type: [CityResponseDto] })
  searchCities(@Query() query: CitySearchQueryDto): CityResponseDto[] {
    return this.geo.searchCities(query.country, query.q ?? '', query.limit ?? 10);
  }
}
