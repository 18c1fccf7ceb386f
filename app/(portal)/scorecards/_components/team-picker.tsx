import { buttonClass } from '@/components/ui/button';
import { Select } from '@/components/ui/select';

export type TeamOption = { ref: string; title: string | null };

/** Opens a Group's team view; starts on the person's own team (the first of `ownTeams` in the catalog). */
export function TeamPicker({ groups, ownTeams }: { groups: TeamOption[]; ownTeams: string[] }) {
  const selected = ownTeams.find((ref) => groups.some((g) => g.ref === ref));
  return (
    <form action="/scorecards/team" className="mb-6 flex flex-wrap items-end gap-2">
      <label className="min-w-0 max-w-full text-sm">
        <span className="mb-1 block font-medium">Team view</span>
        <Select name="group" defaultValue={selected ?? ''}>
          {groups.map((g) => (
            <option key={g.ref} value={g.ref}>
              {g.title ? `${g.title} (${g.ref.slice('group:'.length)})` : g.ref.slice('group:'.length)}
            </option>
          ))}
        </Select>
      </label>
      <button type="submit" className={buttonClass('secondary')}>
        Show team
      </button>
    </form>
  );
}
