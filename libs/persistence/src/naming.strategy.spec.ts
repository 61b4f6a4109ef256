import { SnakeNamingStrategy } from './naming.strategy';

describe(SnakeNamingStrategy.name, () => {
  const strategy = new SnakeNamingStrategy();

  it('names columns in snake_case', () => {
    expect(strategy.columnName('referringDistrictCode', undefined, [])).toBe('referring_district_code');
    expect(strategy.columnName('id', undefined, ['institution'])).toBe('institution_id');
  });

  it('keeps an explicit name', () => {
    expect(strategy.tableName('UnitEntity', 'unit')).toBe('unit');
  });
});
