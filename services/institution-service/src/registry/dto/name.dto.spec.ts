import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CreateInstitutionDto } from './create-institution.dto';
import { CreateUnitDto } from './create-unit.dto';
import { RenameDto } from './rename.dto';

async function messagesOf<T extends object>(type: new () => T, body: object): Promise<string[]> {
  const errors = await validate(plainToInstance(type, body));
  return errors.flatMap((e) => Object.values(e.constraints ?? {}));
}

const institution = { providerType: 'municipal', districtCode: '030101' };
const unit = { category: 'acute', capacity: 8 };

describe('name fields of the registry', () => {
  it.each([
    ['a NUL', 'Avdeling\u00001', /name must not contain control characters \(found U\+0000\)/],
    ['a line feed', 'Avdeling\n1', /control characters/],
    ['a lone surrogate', 'Avdeling \ud800', /unpaired UTF-16 surrogate/],
    ['a fødselsnummer', 'Avdeling 01019012480', /national identity number/],
    ['a D-nummer written 6 + 5', 'Beboer 410190 12393', /national identity number/],
    ['201 characters', 'a'.repeat(201), /at most 200 characters/],
    ['only spaces', '   ', /must not be empty/],
  ])('refuses %s in every name with a clear message', async (_, name, message) => {
    expect(await messagesOf(CreateInstitutionDto, { ...institution, name })).toEqual([
      expect.stringMatching(message),
    ]);
    expect(await messagesOf(CreateUnitDto, { ...unit, name })).toEqual([expect.stringMatching(message)]);
    expect(await messagesOf(RenameDto, { name })).toEqual([expect.stringMatching(message)]);
  });

  it.each(['Prindsen mottakssenter', 'Avdeling 2 – Sør', 'Org.nr. 987654321', 'Tlf +47 22 33 44 55'])(
    'accepts %s',
    async (name) => {
      expect(await messagesOf(CreateInstitutionDto, { ...institution, name })).toEqual([]);
      expect(await messagesOf(RenameDto, { name })).toEqual([]);
    },
  );
});
