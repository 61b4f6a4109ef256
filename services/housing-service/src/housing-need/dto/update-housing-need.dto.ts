import { ApiProperty } from '@nestjs/swagger';
import { MAX_HOUSEHOLDS_PER_TYPE } from '@plass/contracts';
import { HOUSING_TYPES, type HousingType } from '@plass/domain';
import { registerDecorator, type ValidationArguments } from 'class-validator';

/** The problems of a need map, each as a sentence; empty when it is valid. */
export function needMapProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return ['needs must be an object of housing type → households'];
  }
  const entries = Object.entries(value);
  if (entries.length === 0) {
    return ['needs must name at least one housing type (types left out count as 0)'];
  }
  const problems: string[] = [];
  for (const [type, households] of entries) {
    if (!(HOUSING_TYPES as readonly string[]).includes(type)) {
      problems.push(`needs.${type} is not a housing type; valid types are: ${HOUSING_TYPES.join(', ')}`);
    } else if (
      typeof households !== 'number' ||
      !Number.isInteger(households) ||
      households < 0 ||
      households > MAX_HOUSEHOLDS_PER_TYPE
    ) {
      problems.push(
        `needs.${type} must be a whole number of households from 0 to ${MAX_HOUSEHOLDS_PER_TYPE}`,
      );
    }
  }
  return problems;
}

function IsHousingNeedMap() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isHousingNeedMap',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => needMapProblems(value).length === 0,
        defaultMessage: (args?: ValidationArguments) => needMapProblems(args?.value).join('; '),
      },
    });
}

export class UpdateHousingNeedDto {
  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(
      HOUSING_TYPES.map((type) => [type, { type: 'integer', minimum: 0, maximum: MAX_HOUSEHOLDS_PER_TYPE }]),
    ),
    additionalProperties: false,
    example: { 'cluster-staffed-partial': 31, 'cluster-staffed-24h': 14, ordinary: 19 },
    description:
      "The district's whole registered need, households per housing type; types left out count as 0.",
  })
  @IsHousingNeedMap()
  needs!: Partial<Record<HousingType, number>>;
}
