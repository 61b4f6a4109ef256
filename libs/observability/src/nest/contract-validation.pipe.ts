/**
 * The services' validation pipe. A parameter typed with a zod DTO (`createZodDto`, made from a schema of
 * the contract) is parsed by that schema; a failed parse is a 400 problem with one message per issue.
 * Before that, a body is looked at for shapes the parsers cannot be trusted with (bodyShapeProblem).
 * Parameters with their own pipes (ParseUUIDPipe) pass through untouched.
 */
import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { createZodValidationPipe } from 'nestjs-zod';
import type { z } from 'zod';
import { bodyShapeProblem } from './body-shape';

/** `capacity: Too small: expected number to be >=0`, or the message alone for the root. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

const ZodPipe = createZodValidationPipe({
  createValidationException: (error: unknown) => {
    const issues = (error as z.ZodError).issues ?? [];
    return new BadRequestException({ message: issues.map(issueMessage), error: 'Bad Request' });
  },
});

@Injectable()
export class ContractValidationPipe implements PipeTransform {
  private readonly zod = new ZodPipe();

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body') {
      const problem = bodyShapeProblem(value);
      if (problem !== undefined) throw new BadRequestException(problem);
    }
    return this.zod.transform(value, metadata);
  }
}
