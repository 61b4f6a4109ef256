import { databaseUrl } from './data-source';

describe('databaseUrl', () => {
  it('puts the database into the server URL and keeps the credentials', () => {
    expect(databaseUrl('postgres://postgres:secret@127.0.0.1:5432', 'plass_capacity')).toBe(
      'postgres://postgres:secret@127.0.0.1:5432/plass_capacity',
    );
  });
});
