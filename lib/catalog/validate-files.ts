import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { formatDescriptorError, parseDescriptorStream, resolveSubstitutions } from '@/lib/catalog/model';
import { yamlHint } from '@/lib/catalog/model/yaml-hints';
import { DEFAULT_CATALOG_LIMITS } from '@/lib/config/schema';
import { readBoundedFile, substitutionReader } from './ingest/read-sources';

// The validator behind `npx wayfinder validate`: the same parsing, validation and substitution
// checks as ingestion, for a repository's CI.

/** A YAML syntax error gets its plain-language hint on the next line, indented. */
function withHint(line: string): string {
  const hint = yamlHint(line);
  return hint ? `${line}\n  what to change: ${hint}` : line;
}

export type ValidationReport = { files: number; entities: number; errors: string[] };

export async function validateFiles(patterns: string[], cwd = process.cwd()): Promise<ValidationReport> {
  const report: ValidationReport = { files: 0, entities: 0, errors: [] };
  const files = new Set<string>();
  for (const p of patterns) {
    if (isDynamicPattern(p)) {
      const matched = await glob(p, { cwd, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**'] });
      if (matched.length === 0) report.errors.push(`${p}: no files match this pattern`);
      matched.forEach((f) => files.add(f));
    } else {
      files.add(path.resolve(cwd, p));
    }
  }
  for (const abs of [...files].sort()) {
    const file = path.relative(cwd, abs) || abs;
    let text: string;
    try {
      text = await readBoundedFile(abs, { maxBytes: DEFAULT_CATALOG_LIMITS.maxFileBytes });
    } catch (err) {
      report.errors.push(`${file}:1:1: ${(err as Error).message}`);
      continue;
    }
    report.files++;
    // The default catalog.limits, read a piece at a time as ingestion does.
    const limits = { maxBytes: DEFAULT_CATALOG_LIMITS.maxFileBytes, maxDocuments: DEFAULT_CATALOG_LIMITS.maxDocumentsPerFile };
    for (const parsed of parseDescriptorStream(text, file, limits)) {
      report.errors.push(...parsed.errors.map((e) => withHint(formatDescriptorError(e))));
      for (const doc of parsed.documents) {
        if (!doc.entity) continue;
        const { issues } = await resolveSubstitutions(doc.entity, substitutionReader(abs, { roots: [], confined: false }));
        for (const issue of issues) {
          const p = doc.positionOf(issue.path);
          report.errors.push(`${file}:${p.line}:${p.column}: ${issue.message}`);
        }
        if (issues.length === 0) report.entities++;
      }
    }
  }
  return report;
}
