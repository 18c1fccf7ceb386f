import { RefCombobox } from '@/components/catalog/ref-combobox';
import { buttonClass } from '@/components/ui/button';
import { Field } from '@/components/ui/field';

/** Opens a Group's team view, offering teams as one types; starts on the person's own team. */
export function TeamPicker({ ownTeam }: { ownTeam?: string }) {
  return (
    <form action="/scorecards/team" className="mb-6 flex flex-wrap items-end gap-2">
      <Field label="Team view" className="w-full sm:w-72">
        {(p) => <RefCombobox {...p} kinds={['group']} name="group" required defaultValue={ownTeam} placeholder="Type a team's name" />}
      </Field>
      <button type="submit" className={buttonClass('secondary')}>
        Show team
      </button>
    </form>
  );
}
