/** `npm run figures:2024 -- <out-folder>`: writes the generated 2024 year in the import format. */
import path from 'node:path';
import { generate2024 } from './generate';
import { writeYear } from './write';

function main(): void {
  const folder = process.argv[2];
  if (!folder) {
    console.error('usage: npm run figures:2024 -- <out-folder>');
    process.exit(1);
  }
  const { year, constructed } = generate2024();
  for (const file of writeYear(path.resolve(folder), year, constructed)) console.log(`wrote ${file}`);
  console.log(
    `${year.units.length} units, ${year.stays.length} stays, ${year.blocks.length} blocks; import with ` +
      `npm run import -- ${folder}`,
  );
}

main();
