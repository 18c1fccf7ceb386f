'use client';

import Link from 'next/link';
import { useState, useTransition, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { DisabledButton } from '@/components/ui/disabled-button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { PathText } from '@/components/ui/path-text';
import { Select } from '@/components/ui/select';
import { previewLocationAction, registerLocationAction } from '@/lib/catalog/actions';
import { entityHref } from '@/lib/catalog/entity-href';
import { ActionFeedback } from './action-feedback';
import { messageWithoutPosition } from './error-message';
import { ErrorText } from './error-text';
import { CollapsedValues, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';

type Preview = Extract<Awaited<ReturnType<typeof previewLocationAction>>, { ok: true }>['data'];
type Registered = Extract<Awaited<ReturnType<typeof registerLocationAction>>, { ok: true }>['data'];

/** Register a location in two steps: Analyze (a preview that writes nothing), then Import. */
export function ImportLocationForm() {
  const [type, setType] = useState<'url' | 'file'>('url');
  const [target, setTarget] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [registered, setRegistered] = useState<Registered | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, start] = useTransition();

  const analyze = (e: FormEvent) => {
    e.preventDefault();
    start(async () => {
      setRegistered(null);
      const result = await previewLocationAction({ type, target });
      setPreview(result.ok ? result.data : null);
      setError(result.ok ? null : result.error);
      setFieldErrors(result.ok ? {} : (result.fieldErrors ?? {}));
    });
  };

  const register = () =>
    start(async () => {
      const result = await registerLocationAction({ type, target });
      if (result.ok) {
        setRegistered(result.data);
        setError(null);
      } else setError(result.error);
    });

  const nothingToImport = preview && nothingToImportReason(preview);

  const reset = () => {
    setPreview(null);
    setRegistered(null);
    setTarget('');
    setError(null);
  };

  if (registered && preview) {
    return (
      <Card title="Imported">
        <p className="text-sm" role="status">
          Registered <span className="font-mono">{preview.location.target}</span>: {registered.added} added, {registered.updated} updated,{' '}
          {registered.unchanged} unchanged
          {registered.errors > 0 && <>, {registered.errors} with errors</>} across {registered.locations} location
          {registered.locations === 1 ? '' : 's'}.
        </p>
        <ul className="mt-3 space-y-1 text-sm">
          {preview.entities
            .filter((en) => !en.existsElsewhere)
            .map((en) => (
              <li key={en.ref}>
                <Link href={entityHref(en.ref)}>{en.title ?? en.name}</Link>{' '}
                <span className="text-slate-500 dark:text-slate-400">({en.kind})</span>
              </li>
            ))}
        </ul>
        <div className="mt-4 flex gap-2">
          <Link href={`/locations/${registered.id}`} className="text-sm font-medium">
            View the location →
          </Link>
          <Button type="button" variant="secondary" onClick={reset} className="ml-auto">
            Import another
          </Button>
        </div>
      </Card>
    );
  }

  return (
    <div className="space-y-6">
      <form onSubmit={analyze} className="flex flex-wrap items-start gap-3" noValidate>
        <Field id="loc-type" label="Type">
          {(p) => (
            <Select
              {...p}
              name="type"
              value={type}
              onChange={(e) => {
                setType(e.target.value as 'url' | 'file');
                setPreview(null);
              }}
            >
              <option value="url">url</option>
              <option value="file">file</option>
            </Select>
          )}
        </Field>
        <Field id="loc-target" label="Target" error={fieldErrors.target} className="min-w-0 flex-1 basis-64">
          {(p) => (
            <Input
              {...p}
              name="target"
              type="text"
              value={target}
              onChange={(e) => {
                setTarget(e.target.value);
                setPreview(null);
              }}
              placeholder={
                type === 'url' ? 'https://example.com/org/repo/catalog-info.yaml' : './examples/components/orders/catalog-info.yaml'
              }
              className="font-mono"
            />
          )}
        </Field>
        <Button type="submit" disabled={pending} className="mt-6">
          {pending && !preview ? 'Analyzing…' : 'Analyze'}
        </Button>
      </form>
      <ActionFeedback error={error} />

      {preview && (
        <Card
          title={`${preview.entities.length} ${preview.entities.length === 1 ? 'entity' : 'entities'} found in ${preview.location.target}`}
          actions={
            nothingToImport ? (
              <DisabledButton label="Import" reason={nothingToImport} variant="primary" />
            ) : (
              <Button type="button" onClick={register} disabled={pending}>
                {pending ? 'Importing…' : 'Import'}
              </Button>
            )
          }
        >
          {preview.entities.length > 0 && (
            <Table bare>
              <TableHead>
                <tr>
                  <TableHeader>Kind</TableHeader>
                  <TableHeader>Name</TableHeader>
                  <TableHeader collapse>File</TableHeader>
                  <TableHeader collapse>
                    <span className="sr-only">Notes</span>
                  </TableHeader>
                </tr>
              </TableHead>
              <TableBody>
                {preview.entities.map((en) => {
                  const note = en.existsElsewhere && (
                    <span className="text-xs text-amber-800 dark:text-amber-300">
                      already in catalog from <PathText text={en.existsElsewhere} />
                    </span>
                  );
                  return (
                    <TableRow key={`${en.ref}-${en.file}`} className="align-top">
                      <TableCell>{en.kind}</TableCell>
                      {/* On a phone the name takes the rest of the row, and the file and note go under it. */}
                      <TableCell holdsCollapsed className="wrap-anywhere">
                        {en.namespace !== 'default' && <span className="text-slate-500 dark:text-slate-400">{en.namespace}/</span>}
                        {en.name}
                        {en.title && <span className="text-slate-500 dark:text-slate-400"> — {en.title}</span>}
                        <CollapsedValues
                          values={[
                            ...(en.file ? [{ label: 'File', value: <PathText text={en.file} /> }] : []),
                            ...(note ? [{ label: 'Note', value: note }] : []),
                          ]}
                        />
                      </TableCell>
                      <TableCell collapse className="font-mono text-xs">
                        {en.file && <PathText text={en.file} />}
                      </TableCell>
                      <TableCell collapse>{note}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          )}
          {preview.errors.length > 0 && (
            <div className="mt-4">
              <h3 className="text-sm font-semibold text-red-700 dark:text-red-300">
                {preview.errors.length} error{preview.errors.length === 1 ? '' : 's'}
              </h3>
              <ul className="mt-1 space-y-1 text-sm">
                {preview.errors.map((er, i) => (
                  <li key={i}>
                    <span className="font-mono text-xs">
                      {er.file}:{er.line}:{er.column}
                    </span>{' '}
                    <ErrorText message={messageWithoutPosition(er)} />
                  </li>
                ))}
              </ul>
            </div>
          )}
        </Card>
      )}
    </div>
  );
}

/** Why importing what the preview found would add nothing (registering it would only record a failing or duplicate location). */
function nothingToImportReason(preview: Preview): string | null {
  if (preview.entities.length === 0)
    return preview.errors.length
      ? 'Nothing to import: fix the errors below, then analyze again.'
      : 'Nothing to import: the location holds no entities.';
  if (preview.entities.every((en) => en.existsElsewhere))
    return 'Nothing to import: every entity here is already in the catalog from another location.';
  return null;
}
