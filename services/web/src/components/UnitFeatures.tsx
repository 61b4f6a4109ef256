/** A unit's features (ADR 0154) as small Punkt tags after its name; nothing when it has none. */
import type { UnitFeature } from '@plass/domain';
import { UNIT_FEATURE_LABELS } from '../labels';
import { Tag } from './shell';

export function UnitFeatures({ features, testId }: { features: readonly UnitFeature[]; testId?: string }) {
  if (features.length === 0) return null;
  return (
    <ul className="unit-features" aria-label="Tilrettelagt for" data-testid={testId}>
      {features.map((feature) => (
        <li key={feature}>
          <Tag skin="blue-light">{UNIT_FEATURE_LABELS[feature]}</Tag>
        </li>
      ))}
    </ul>
  );
}
