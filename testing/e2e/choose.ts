import { expect, type Locator } from '@playwright/test';

/**
 * Picks `ref` in a RefCombobox (components/catalog/ref-combobox.tsx) as a person does: types
 * `text` (by default the ref's name), then clicks the offered choice, which the field then shows as
 * `shown` (a field that keeps `team-a` for group:default/team-a).
 */
export async function chooseRef(combobox: Locator, ref: string, text = ref.split('/').pop()!, shown = ref): Promise<void> {
  await combobox.fill(text);
  const list = combobox.page().locator(`[id="${await combobox.getAttribute('aria-controls')}"]`);
  await list.getByRole('option').filter({ hasText: ref }).click();
  await expect(combobox).toHaveValue(shown);
}
