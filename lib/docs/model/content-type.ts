// Content types of docs assets. HTML, SVG and anything unknown are never served for the browser to
// render inline (the asset route sends them as downloads under a sandbox CSP).

const TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  yaml: 'text/plain; charset=utf-8',
  yml: 'text/plain; charset=utf-8',
  mp4: 'video/mp4',
  webm: 'video/webm',
  zip: 'application/zip',
};

export function contentTypeOf(file: string): string {
  const ext = file.split('.').pop()?.toLowerCase() ?? '';
  return TYPES[ext] ?? 'application/octet-stream';
}

/** Types a browser may show inline: raster images, PDF, video, plain text. */
export function isInlineSafe(contentType: string): boolean {
  return /^(image\/(png|jpeg|gif|webp|avif|x-icon)|application\/pdf|video\/(mp4|webm)|text\/plain|text\/csv|application\/json)/.test(
    contentType,
  );
}
