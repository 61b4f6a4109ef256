/**
 * `importFolder` through the gateway (multipart passed on to the institution service, the import route's
 * own body limit), with a progress callback, against a real stack.
 */
import { join } from 'node:path';
import { signDevToken } from '@plass/auth';
import type { ImportJobDto } from '@plass/contracts';
import { startTestStack, type TestStack } from '@plass/testing';
import { importFolder } from './import-client';

const FIXTURES = join(__dirname, '../../../services/institution-service/src/import/fixtures');

describe('importFolder through the gateway', () => {
  let stack: TestStack;
  let token: string;

  beforeAll(async () => {
    stack = await startTestStack({ only: ['institution-service', 'gateway'] });
    token = await signDevToken({
      sub: 'admin-cli',
      roles: ['admin'],
      institutionIds: [],
      districtCode: null,
    });
  }, 120_000);

  afterAll(async () => {
    await stack?.dispose();
  });

  it('imports a folder, reports progress until done, and lists the refused rows of a broken one', async () => {
    const seen: ImportJobDto[] = [];
    const good = await importFolder(join(FIXTURES, 'good'), {
      gatewayUrl: stack.urlOf('gateway'),
      token,
      pollMs: 50,
      onProgress: (job) => seen.push(job),
    });
    expect(good.status).toBe('done');
    expect(good.rows).toEqual({ total: 10, done: 10 });
    expect(seen.at(-1)).toEqual(good);

    const broken = await importFolder(join(FIXTURES, 'broken'), {
      gatewayUrl: stack.urlOf('gateway'),
      token,
    });
    expect(broken.status).toBe('done');
    expect(broken.refusedTotal).toBe(9);
    expect(broken.refused[0]).toEqual({
      file: 'units',
      line: 3,
      code: 'INVALID_VALUE',
      params: { field: 'category', detail: expect.stringContaining('category must be one of') },
      reason: expect.stringContaining('category must be one of'),
    });
  });

  it('refuses a non-admin with the gateway’s answer', async () => {
    const staff = await signDevToken({
      sub: 'staff-cli',
      roles: ['district-staff'],
      institutionIds: [],
      districtCode: '030101',
    });
    await expect(
      importFolder(join(FIXTURES, 'good'), { gatewayUrl: stack.urlOf('gateway'), token: staff }),
    ).rejects.toThrow(/the import was refused \(HTTP 403\)/);
  });
});
