import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Field, type FieldControlProps } from './field';
import { Input } from './input';

// A screen reader reads a field's hint and error with its control: the wiring must point at them.
const render = (props: { hint?: string; error?: string | string[] }) => {
  const control = (p: FieldControlProps) => createElement(Input, { ...p, name: 'name' });
  // Rendered as a component (Field uses useId), with the control as Field's render-prop child.
  const NameField = () => Field({ id: 'f-name', label: 'Name', ...props, children: control });
  return renderToStaticMarkup(createElement(NameField));
};

describe('Field', () => {
  it.each([
    [{}, undefined, false],
    [{ hint: 'Lowercase letters' }, 'f-name-hint', false],
    [{ error: 'give a name' }, 'f-name-error', true],
    [{ hint: 'Lowercase letters', error: ['too long', 'not lowercase'] }, 'f-name-hint f-name-error', true],
  ])('wires %o: aria-describedby=%s, invalid=%s', (props, describedBy, invalid) => {
    const html = render(props);
    expect(html).toContain('<label for="f-name"');
    expect(html).toContain('id="f-name"');
    expect(html.includes(`aria-describedby="${describedBy}"`)).toBe(describedBy !== undefined);
    expect(html.includes('aria-describedby')).toBe(describedBy !== undefined);
    expect(html.includes('aria-invalid="true"')).toBe(invalid);
  });

  it('shows every error message under the field', () => {
    expect(render({ error: ['too long', 'not lowercase'] })).toMatch(/<p id="f-name-error"[^>]*>too long\nnot lowercase<\/p>/);
  });
});
