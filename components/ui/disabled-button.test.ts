import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DisabledButton } from './disabled-button';

// Why a control is disabled must be on the screen: a touch screen never shows a `title` tooltip.
describe('DisabledButton', () => {
  const reason = 'Only admins and group leads can create entities in the portal.';
  const html = renderToStaticMarkup(createElement(DisabledButton, { label: 'New entity', reason }));
  const [, attributes, label] = html.match(/<button([^>]*)>(.*?)<\/button>/) ?? [];

  it('is a disabled button named by its label', () => {
    expect(attributes).toMatch(/\sdisabled=""/);
    expect(label).toBe('New entity');
  });

  it('shows the reason as text, and a screen reader reads it as the button’s description', () => {
    const describedBy = attributes.match(/aria-describedby="([^"]+)"/)?.[1];
    expect(describedBy).toBeTruthy();
    const escaped = reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(html).toMatch(new RegExp(`id="${describedBy}"[^>]*>${escaped}</`));
  });

  it('does not hide the reason in a tooltip', () => {
    expect(html).not.toContain('title=');
  });
});
