import { Inject, Injectable } from '@nestjs/common';
import type { CapacityForecast, CapacityForecastQuery } from '@plass/contracts';
import { DataSource } from 'typeorm';
import { ARRIVAL_WINDOW_DAYS, forecastFreePlaces } from './forecast';
import { ForecastRepository } from './forecast.repository';

@Injectable()
export class ForecastService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ForecastRepository) private readonly repository: ForecastRepository,
  ) {}

  async forecast(query: CapacityForecastQuery, now = Date.now()): Promise<CapacityForecast> {
    const category = query.category ?? null;
    const [{ units, stays }, arrivals] = await Promise.all([
      this.repository.openUnitsAndStays(this.dataSource.manager, category),
      this.repository.arrivalsSince(
        this.dataSource.manager,
        new Date(now - ARRIVAL_WINDOW_DAYS * 24 * 3_600_000),
        category,
      ),
    ]);
    return {
      generatedAt: new Date(now).toISOString(),
      horizonDays: query.days,
      arrivalWindowDays: ARRIVAL_WINDOW_DAYS,
      category,
      ...forecastFreePlaces(units, stays, now, query.days, arrivals),
    };
  }
}
