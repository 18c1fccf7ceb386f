import { validateFiles } from '@/lib/catalog/validate-files';

const USAGE = `Usage: wayfinder validate <files or globs...>

Validates Backstage catalog descriptors (catalog-info.yaml) exactly as Wayfinder ingests them and
prints file:line:column for every error. Exits 1 when any error is found.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command !== 'validate' || args.length === 0 || args.includes('--help')) {
    console.error(USAGE);
    return command === '--help' || args.includes('--help') ? 0 : 2;
  }
  const report = await validateFiles(args);
  for (const line of report.errors) console.log(line);
  const summary = `${report.files} file(s), ${report.entities} valid entit${report.entities === 1 ? 'y' : 'ies'}, ${report.errors.length} error(s)`;
  console.log(report.errors.length ? `✗ ${summary}` : `✓ ${summary}`);
  return report.errors.length ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
