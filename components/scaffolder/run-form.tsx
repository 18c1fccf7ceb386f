'use client';

// The Form alone: @rjsf/core's index also exports a test registry that imports the ajv validator.
import Form from '@rjsf/core/lib/components/Form.js';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { createTaskAction, shownParameterPagesAction } from '@/lib/scaffolder/actions';
import { pickerValidator } from './field-checks';
import { reviewRows, type FormPage } from './form-schema';
import type { PickerContext } from './field-shell';
import { PICKER_FIELDS } from './pickers';
import { cfworkerValidator } from './validator';

// The run form: one page per parameter group (react-jsonschema-form), then a review. The server
// validates everything again; its field errors come back onto the page that holds the field.
// A page with a `when` expression shows only when the server says it holds for the values so far
// (asked as the form opens and at each Next), as Backstage's form hides it; `when: false` never shows.

type Values = Record<string, unknown>;

const NO_VALUES: Values = {};

type SubmitResult = { ok: true } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

const hasExpression = (p: FormPage) => typeof p.when === 'string' && p.when.trim() !== '';

/** The first shown page at or after `from`, or the review (pages.length). */
function nextShown(shown: boolean[], from: number): number {
  const i = shown.findIndex((s, j) => s && j >= from);
  return i < 0 ? shown.length : i;
}

/** The last shown page before `before`, or -1. */
function previousShown(shown: boolean[], before: number): number {
  return shown.findLastIndex((s, j) => s && j < before);
}

/** Which pages show for these values; every page but `when: false` ones when the server cannot say. */
async function askShownPages(pages: FormPage[], values: Values): Promise<{ shown: boolean[]; error?: string }> {
  const result = await shownParameterPagesAction({ pages: pages.map((p) => ({ ...p.schema, when: p.when })), values });
  if (result.ok) return { shown: result.data };
  return { shown: pages.map((p) => p.when !== false), error: `Could not check which pages apply (${result.error}); showing them all.` };
}

export function RunTemplateForm({
  templateRef,
  pages,
  secretFields,
  context,
  onSubmit,
  submitLabel = 'Create',
  buttonLabels = {},
  initialValues = NO_VALUES,
}: {
  templateRef: string;
  pages: FormPage[];
  secretFields: string[];
  context?: PickerContext;
  /** Instead of creating a task (the template editor dry-runs). */
  onSubmit?: (values: Values) => Promise<SubmitResult>;
  submitLabel?: string;
  /** The template's spec.presentation.buttonLabels (Backstage's): Back, the last page's Next, and Create. */
  buttonLabels?: { backButtonText?: string; createButtonText?: string; reviewButtonText?: string };
  /** The answers the form starts with (a task's Start over). */
  initialValues?: Values;
}) {
  const router = useRouter();
  const conditional = pages.some(hasExpression);
  // Pages with an expression stay out until the server has decided them.
  const [shown, setShown] = useState(() => pages.map((p) => p.when !== false && !hasExpression(p)));
  const [step, setStep] = useState(() => nextShown(shown, 0));
  const [values, setValues] = useState<Values>(initialValues);
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const [checking, startChecking] = useTransition();
  // With page expressions, the first answer decides whether there are pages before the review.
  const [decided, setDecided] = useState(!conditional);
  const review = step === pages.length;

  useEffect(() => {
    if (!conditional) return;
    let live = true;
    void askShownPages(pages, initialValues).then((answer) => {
      if (!live) return;
      setShown(answer.shown);
      setStep((s) => (s < pages.length && answer.shown[s] ? s : nextShown(answer.shown, 0)));
      setDecided(true);
      if (answer.error) setError(answer.error);
    });
    return () => {
      live = false;
    };
  }, [pages, conditional, initialValues]);

  const next = (v: Values) =>
    startChecking(async () => {
      let now = shown;
      if (conditional) {
        const answer = await askShownPages(pages, v);
        now = answer.shown;
        if (answer.error) setError(answer.error);
      }
      setValues(v);
      setShown(now);
      setStep(nextShown(now, step + 1));
    });

  const submit = () =>
    start(async () => {
      setError(null);
      let result: SubmitResult;
      if (onSubmit) result = await onSubmit(values);
      else {
        const created = await createTaskAction({ templateRef, values, secrets: {} });
        if (created.ok) {
          router.push(`/create/tasks/${created.data.id}`);
          return;
        }
        result = created;
      }
      if (result.ok) return;
      setError(result.error);
      const fields = result.fieldErrors ?? {};
      setServerErrors(fields);
      const first = pages.findIndex(
        (p, i) => shown[i] && Object.keys(fields).some((f) => f.split('.')[0] in ((p.schema.properties as object) ?? {})),
      );
      if (first >= 0) setStep(first);
    });

  return (
    <div className="grid gap-6 lg:grid-cols-[14rem_1fr]">
      <ol className="flex flex-wrap gap-2 text-sm lg:flex-col" aria-label="Steps">
        {[...pages.map((p, i) => ({ title: p.title, i })).filter(({ i }) => shown[i]), { title: 'Review', i: pages.length }].map(
          ({ title, i }, n) => (
            <li
              key={`${i}-${title}`}
              aria-current={i === step ? 'step' : undefined}
              className={`whitespace-nowrap rounded-md px-3 py-1.5 ${i === step ? 'bg-brand-50 font-medium text-brand-700 dark:bg-brand-700/30 dark:text-brand-100' : i < step ? 'text-slate-700 dark:text-slate-300' : 'text-slate-500 dark:text-slate-400'}`}
            >
              <span className="mr-2 tabular-nums">{n + 1}.</span>
              {title}
            </li>
          ),
        )}
      </ol>
      <div className="min-w-0">
        {error && (
          <p
            role="alert"
            className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
          >
            {error}
          </p>
        )}
        {review && !decided ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Checking which pages apply…</p>
        ) : review ? (
          <Review
            pages={pages.filter((_, i) => shown[i])}
            values={values}
            secretFields={secretFields}
            onBack={() => setStep(previousShown(shown, pages.length))}
            onSubmit={submit}
            pending={pending}
            submitLabel={buttonLabels.createButtonText ?? submitLabel}
            backLabel={buttonLabels.backButtonText ?? 'Back'}
          />
        ) : (
          <PageForm
            key={step}
            page={pages[step]}
            values={values}
            context={context}
            extraErrors={serverErrors}
            busy={checking}
            onBack={previousShown(shown, step) >= 0 ? () => setStep(previousShown(shown, step)) : undefined}
            onNext={next}
            backLabel={buttonLabels.backButtonText ?? 'Back'}
            nextLabel={(nextShown(shown, step + 1) >= pages.length && buttonLabels.reviewButtonText) || 'Next'}
          />
        )}
      </div>
    </div>
  );
}

function PageForm({
  page,
  values,
  context,
  extraErrors,
  busy,
  onBack,
  onNext,
  backLabel,
  nextLabel,
}: {
  page: FormPage;
  values: Values;
  context?: PickerContext;
  extraErrors: Record<string, string[]>;
  /** Asking the server which pages come next. */
  busy: boolean;
  onBack?: () => void;
  onNext: (v: Values) => void;
  backLabel: string;
  nextLabel: string;
}) {
  const [data, setData] = useState<Values>(values);
  const customValidate = useMemo(() => pickerValidator(page.schema, page.uiSchema), [page]);
  const pageErrors = Object.fromEntries(
    Object.entries(extraErrors)
      .filter(([f]) => f in ((page.schema.properties as object) ?? {}))
      .map(([f, m]) => [f, { __errors: m }]),
  );
  return (
    <div>
      {page.description && <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">{page.description}</p>}
      <Form
        className="wf-rjsf"
        schema={page.schema as RJSFSchema}
        uiSchema={{ ...(page.uiSchema as UiSchema), 'ui:submitButtonOptions': { norender: true } }}
        formData={data}
        formContext={{ ...context, formData: data }}
        validator={cfworkerValidator}
        customValidate={customValidate}
        fields={PICKER_FIELDS}
        extraErrors={pageErrors as never}
        showErrorList={false}
        // Each error shows under its field; without a handler rjsf logs every refused Next to the console.
        onError={() => undefined}
        noHtml5Validate
        onChange={(e) => setData({ ...values, ...(e.formData as Values) })}
        onSubmit={(e) => onNext({ ...values, ...(e.formData as Values) })}
      >
        <div className="mt-6 flex gap-2">
          {onBack && (
            <Button type="button" variant="secondary" onClick={onBack}>
              {backLabel}
            </Button>
          )}
          <Button type="submit" disabled={busy}>
            {nextLabel}
          </Button>
        </div>
      </Form>
    </div>
  );
}

function Review({
  pages,
  values,
  secretFields,
  onBack,
  onSubmit,
  pending,
  submitLabel,
  backLabel,
}: {
  pages: FormPage[];
  values: Values;
  secretFields: string[];
  onBack: () => void;
  onSubmit: () => void;
  pending: boolean;
  submitLabel: string;
  backLabel: string;
}) {
  return (
    <div>
      {pages.map((p) => (
        <section key={p.title} className="mb-4">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{p.title}</h3>
          <dl className="mt-1 grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-4 gap-y-1 text-sm">
            {reviewRows(p, values, secretFields).map((row) => (
              <div key={row.key} className="contents">
                <dt className="text-slate-500 dark:text-slate-400">{row.title}</dt>
                <dd className="break-all">{row.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <div className="mt-6 flex gap-2">
        {pages.length > 0 && (
          <Button type="button" variant="secondary" onClick={onBack}>
            {backLabel}
          </Button>
        )}
        <Button type="button" onClick={onSubmit} disabled={pending}>
          {pending ? 'Working…' : submitLabel}
        </Button>
      </div>
    </div>
  );
}
