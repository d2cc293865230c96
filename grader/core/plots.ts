// Pictures for the reports. A graded test may attach the data of a plot (the student's search path,
// loss curve, decision boundary, feature maps) next to the reference's; the report renders it.
// Record before asserting, so a failing student still sees what their code did.

export type Point = [number, number]

export type Plot =
  /**
   * A path in (w, b) over the loss contours of a data set's MSE (04, 05). `dataset` names a course
   * data set; `name/100` means both columns divided by 100, as the lecture does for linear_regression2.
   */
  | { kind: 'search-path'; title: string; dataset: string; student: Point[]; reference: Point[] }
  /** Curves against the step or epoch number: losses (05), training curves (08). */
  | { kind: 'curves'; title: string; xLabel: string; yLabel: string; series: { name: string; values: number[] }[] }
  /**
   * P(class 1) on a resolution × resolution grid over `extent` = [xmin, xmax, ymin, ymax], sampled
   * at cell centres, row-major with rows from ymin up, with the data set's points on top (06, 07).
   */
  | { kind: 'decision-boundary'; title: string; dataset: string; extent: [number, number, number, number]; resolution: number; student: number[]; reference?: number[] }
  /** A digit (input[y][x]) and the feature maps, channels first (maps[c][y][x]), of the student's conv2d beside the reference's (09). */
  | { kind: 'feature-maps'; title: string; input: number[][]; student: number[][][]; reference: number[][][] }

/** A plot's data is kept under this many characters of JSON; curves are thinned to fit. */
export const MAX_PLOT_CHARS = 200_000
const MAX_CURVE_POINTS = 400

/** Thins curves and cleans non-finite numbers so the plot is small and JSON-safe. */
export function compactPlot(plot: Plot): Plot | undefined {
  const clean = (v: number) => (Number.isFinite(v) ? v : null) as number
  let compact: Plot = plot
  if (plot.kind === 'curves') {
    compact = { ...plot, series: plot.series.map((s) => ({ name: String(s.name), values: thin(s.values).map(clean) })) }
  } else if (plot.kind === 'search-path') {
    compact = { ...plot, student: thin(plot.student).map(([w, b]): Point => [clean(w), clean(b)]), reference: thin(plot.reference) }
  }
  return JSON.stringify(compact).length <= MAX_PLOT_CHARS ? compact : undefined
}

function thin<T>(values: readonly T[]): T[] {
  if (!Array.isArray(values)) return []
  if (values.length <= MAX_CURVE_POINTS) return values.slice()
  const step = (values.length - 1) / (MAX_CURVE_POINTS - 1)
  return Array.from({ length: MAX_CURVE_POINTS }, (_, i) => values[Math.round(i * step)]!)
}
