import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ForecastQuery } from './dto/forecast.query';
import { forecastFreePlaces, type Forecast } from './forecast';
import { ForecastRepository } from './forecast.repository';

export interface ForecastDto extends Forecast {
  generatedAt: string;
  horizonDays: number;
  category: string | null;
}

@Injectable()
export class ForecastService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ForecastRepository) private readonly repository: ForecastRepository,
  ) {}

  async forecast(query: ForecastQuery, now = Date.now()): Promise<ForecastDto> {
    const days = query.days ?? 14;
    const { units, stays } = await this.repository.openUnitsAndStays(
      this.dataSource.manager,
      query.category ?? null,
    );
    return {
      generatedAt: new Date(now).toISOString(),
      horizonDays: days,
      category: query.category ?? null,
      ...forecastFreePlaces(units, stays, now, days),
    };
  }
}
