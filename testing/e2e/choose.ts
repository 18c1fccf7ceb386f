import { expect, type Locator } from '@playwright/test';

/**
 * Picks `ref` in a RefCombobox (components/catalog/ref-combobox.tsx) as a person does: types
 * `text` (by default the ref's name), then clicks the offered choice.
 */
export async function chooseRef(combobox: Locator, ref: string, text = ref.split('/').pop()!): Promise<void> {
  await combobox.fill(text);
  const list = combobox.page().locator(`[id="${await combobox.getAttribute('aria-controls')}"]`);
  await list.getByRole('option').filter({ hasText: ref }).click();
  await expect(combobox).toHaveValue(ref);
}
