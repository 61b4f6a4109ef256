import { Inject, Injectable } from '@nestjs/common';
import type { CapacityForecast, CapacityForecastQuery } from '@plass/contracts';
import { DataSource } from 'typeorm';
import { forecastFreePlaces } from './forecast';
import { ForecastRepository } from './forecast.repository';

@Injectable()
export class ForecastService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ForecastRepository) private readonly repository: ForecastRepository,
  ) {}

  async forecast(query: CapacityForecastQuery, now = Date.now()): Promise<CapacityForecast> {
    const { units, stays } = await this.repository.openUnitsAndStays(
      this.dataSource.manager,
      query.category ?? null,
    );
    return {
      generatedAt: new Date(now).toISOString(),
      horizonDays: query.days,
      category: query.category ?? null,
      ...forecastFreePlaces(units, stays, now, query.days),
    };
  }
}
