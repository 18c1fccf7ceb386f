// The portal's colour theme, a choice each browser keeps (Settings → Appearance), as Backstage's
// does: the system's (light or dark as the device is set), or always light, or always dark. The root
// layout puts it on <html data-theme>, which the `dark:` variant reads (app/globals.css).

export const THEMES = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** The cookie that keeps it (absent: the system's). */
export const THEME_COOKIE = 'wayfinder-theme';

/** The theme a cookie value names; anything else is the system's. */
export function themeOf(value: string | undefined): Theme {
  return value === 'light' || value === 'dark' ? value : 'auto';
}
