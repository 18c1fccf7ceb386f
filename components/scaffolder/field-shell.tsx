import type { FieldProps } from '@rjsf/utils';
import { controlClass, controlWidth } from '@/components/ui/input';

// What the run form's fields (pickers.tsx, repo-pickers.tsx) share: the label, hint and problem
// around a control, the form's context, and reading options and writing values.

/** rjsf's widgets and the task page's secret fields share the text controls' look. */
export const inputClass = `mt-1 ${controlClass} ${controlWidth()}`;

/** What the run form gives its fields (rjsf's formContext). */
export type PickerContext = {
  /** The first GitHub integration's host, RepoUrlPicker's default. */
  defaultHost?: string;
  /** The signed-in person's User entity, and it with their groups (Backstage's ownershipEntityRefs). */
  userRef?: string | null;
  ownershipRefs?: string[];
  /** Every answer so far, this page's included (Backstage's formContext.formData): RepoBranchPicker reads repoUrl. */
  formData?: Record<string, unknown>;
};

export const contextOf = (props: FieldProps) => (props.registry.formContext ?? {}) as PickerContext;

export const uiOptions = (props: FieldProps) => (props.uiSchema?.['ui:options'] ?? {}) as Record<string, unknown>;
export const set = (props: FieldProps, value: unknown) =>
  props.onChange(value === '' ? undefined : (value as never), props.fieldPathId.path);

export const loadProblem = (error: string) => `Could not load choices: ${error}. Reload the page to try again.`;

/** `hint`: shown when the template gives the field no description; `problem`: shown always. */
export function Shell({
  props,
  children,
  hint,
  problem,
  notice,
}: {
  props: FieldProps;
  children: React.ReactNode;
  hint?: string;
  problem?: string;
  /** Said, not alerted: why there is nothing to choose from (a repository not created yet). */
  notice?: string;
}) {
  const id = props.fieldPathId.$id;
  const title = props.schema.title ?? props.name;
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        {title}
        {/* rjsf's own labels mark a required field the same way (globals.css .wf-rjsf .required). */}
        {props.required && <span className="required">*</span>}
      </label>
      {children}
      {(props.schema.description || hint) && (
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{props.schema.description ?? hint}</p>
      )}
      {problem && (
        <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300">
          {problem}
        </p>
      )}
      <p aria-live="polite" className="mt-1 text-xs text-slate-600 empty:hidden dark:text-slate-300">
        {notice}
      </p>
      {/* Errors: rjsf's field template shows them under the field. */}
    </div>
  );
}
