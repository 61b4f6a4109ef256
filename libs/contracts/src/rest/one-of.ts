/** Field schemas the REST contracts share, each refusal worded for the person reading the 400. */
import { z } from 'zod';

/** One of a fixed list, refused with the list: `status: must be one of: vacant, reserved, …`. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, message?: string) {
  return z.enum(values, { error: message ?? `must be one of: ${values.join(', ')}` });
}
