/** Bumped when rendering changes, so cached pages of every site are rebuilt (kept apart from the renderer's megabytes of modules). */
export const RENDERER_VERSION = 20;
