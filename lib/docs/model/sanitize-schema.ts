import { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';

// The allow-list raw HTML in docs passes through (GitHub's schema, which is what hast-util-sanitize
// ships): no script, style, iframe, object, embed, form or SVG; no event handlers, no style
// attributes, no srcdoc; URLs only http(s)/mailto (and data: for images). ids are prefixed
// `user-content-` so that a page cannot clobber globals of the portal. On top of it, the data
// attributes of Wayfinder's own blocks (callouts, tabs, code slots), which carry only text. A
// <picture>'s <source> keeps no srcset: the browser would load it from any origin (render.ts turns
// remote images into links so that no third party learns who reads which docs), and the <img>
// inside, whose src is rewritten like any image's, is shown instead.

const base = defaultSchema;

export const docsSanitizeSchema: SanitizeSchema = {
  ...base,
  // Captioned images, as Material documents them (`<figure markdown="span">`).
  tagNames: [...(base.tagNames ?? []), 'figure', 'figcaption'],
  attributes: {
    ...base.attributes,
    source: [],
    div: [...(base.attributes?.div ?? []), 'dataWfBlock', 'dataWfType', 'dataWfTitle', 'dataWfOpen', 'dataWfSlot'],
    img: [...(base.attributes?.img ?? []), 'loading'],
  },
  protocols: {
    ...base.protocols,
    src: [...(base.protocols?.src ?? []), 'data'],
  },
};
