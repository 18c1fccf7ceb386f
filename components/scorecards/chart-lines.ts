export type ChartSeries = { key: string; label: string; color: string; dashed?: boolean };

export type LineStroke = ChartSeries & { width: number; opacity: number; dash: string | undefined };

/**
 * The lines of a chart in painting order (last on top), with their strokes. A dashed series is a
 * reference such as a goal: it is painted first, wider and lighter, so where a solid line meets it
 * (an initiative's "Done" reaching its goal) the solid line shows on top and the goal around it.
 */
export function lineStrokes(series: ChartSeries[]): LineStroke[] {
  const strokes = series.map((s) => ({ ...s, width: s.dashed ? 6 : 2, opacity: s.dashed ? 0.4 : 1, dash: s.dashed ? '8 5' : undefined }));
  return [...strokes.filter((s) => s.dashed), ...strokes.filter((s) => !s.dashed)];
}
