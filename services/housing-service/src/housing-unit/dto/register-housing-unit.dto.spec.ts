import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { RegisterHousingUnitDto } from './register-housing-unit.dto';

async function messagesOf(label: unknown): Promise<string[]> {
  const dto = plainToInstance(RegisterHousingUnitDto, { districtCode: '030101', type: 'ordinary', label });
  return (await validate(dto)).flatMap((e) => Object.values(e.constraints ?? {}));
}

describe(RegisterHousingUnitDto.name, () => {
  it('accepts a reference code', async () => {
    expect(await messagesOf('B-0412')).toEqual([]);
  });

  it.each(['01019012480', '010190-12480', '410190-12393'])(
    'refuses a national identity number as a label (%s), though it fits the pattern',
    async (label) => {
      expect(await messagesOf(label)).toEqual([
        expect.stringMatching(/label must not contain .*identity number/),
      ]);
    },
  );

  it('refuses a NUL with a 400 message instead of a database error', async () => {
    expect((await messagesOf('B-04\u000012')).join(' ')).toMatch(/label must/);
  });
});
