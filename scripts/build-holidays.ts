/** `npm run build:holidays`: writes the Algemene termijnenwet holidays from date-holidays into the covenant core. */
import { writeFileSync } from 'node:fs';
import { generalHolidayJson } from '#shared/covenant/atwHolidaySource.ts';

const path = new URL('../shared/covenant/generalHolidays.json', import.meta.url);
writeFileSync(path, generalHolidayJson());
process.stdout.write(`wrote ${path.pathname}\n`);
