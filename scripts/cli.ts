import { validateFiles } from '@/lib/catalog/validate-files';

const USAGE = `Usage: wayfinder validate <files or globs...>
       wayfinder docs preview [folder] [--port=8000]

validate: checks Backstage catalog descriptors (catalog-info.yaml) exactly as Wayfinder ingests
them and prints file:line:column for every error. Exits 1 when any error is found.
docs preview: serves the docs of a folder (its mkdocs.yml and docs/) with Wayfinder's renderer on
http://127.0.0.1:8000; reload to see an edit. Build problems are printed and shown on the page.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === 'docs') return docs(args);
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

async function docs(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'preview' || rest.includes('--help')) {
    console.error(USAGE);
    return rest.includes('--help') ? 0 : 2;
  }
  const folder = rest.find((a) => !a.startsWith('--')) ?? '.';
  const port = Number(rest.find((a) => a.startsWith('--port='))?.slice('--port='.length) ?? 8000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`--port must be a number from 1 to 65535, not ${port}`);
    return 2;
  }
  const { startDocsPreview } = await import('@/lib/docs/preview');
  await startDocsPreview({ folder, port });
  console.log(`Previewing the docs of ${folder} on http://127.0.0.1:${port} (Ctrl+C to stop)`);
  // Serve until interrupted.
  await new Promise(() => {});
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
