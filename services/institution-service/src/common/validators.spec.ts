import { validateSync } from 'class-validator';
import { IsWholeNumberBetween } from './validators';

class Body {
  @IsWholeNumberBetween(1, 10)
  places!: unknown;
}

const messages = (places: unknown) =>
  validateSync(Object.assign(new Body(), { places })).flatMap((e) => Object.values(e.constraints ?? {}));

describe(IsWholeNumberBetween.name, () => {
  it('accepts whole numbers within the bounds', () => {
    expect(messages(1)).toEqual([]);
    expect(messages(10)).toEqual([]);
  });

  it('answers one message for missing, text, fractional and out-of-range values', () => {
    for (const places of [undefined, null, '3', 2.5, 0, 11, -1, Number.NaN]) {
      expect({ places, messages: messages(places) }).toEqual({
        places,
        messages: ['places must be a whole number from 1 to 10'],
      });
    }
  });
});
