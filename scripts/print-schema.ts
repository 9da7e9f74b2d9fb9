// Writes schema/schema.graphql from the code (npm run schema:print). A test fails when they differ.
import { writeFile } from 'node:fs/promises';
import { printedSchema } from '../src/print-schema.ts';

const target = new URL('../schema/schema.graphql', import.meta.url);
await writeFile(target, printedSchema());
console.log(`wrote ${target.pathname}`);
