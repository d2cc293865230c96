// Plots for the reports, drawn in Node without a browser: vega and vega-lite render to SVG strings
// (no canvas needed), inlined into the page. Contours (the loss surface of 04/05, the probability
// bands of 06/07) use vega's isocontour transform, so a whole contour level is one SVG path.
// Feature maps (09) are pixel grids and are drawn as tiny PNG data URIs instead of one SVG
// rectangle per pixel.
//
// Everything in a plot is treated as untrusted: a submission runs in the same process as the tests
// that record plots, so titles, names and numbers are checked and capped here, and all text is
// escaped (vega escapes the text it writes into SVG; the HTML around it is escaped here).
import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'
import type { Plot, Point } from '../core/plots.ts'
import { loadDataset } from '../../reference/data/datasets.ts'
import { type Lang, formatNumber, formatPercent, t } from '../core/i18n.ts'
import { encodePng, pngDataUri, type Rgb } from './png.ts'
import { escapeHtml, cleanText } from './text.ts'

export const COLORS = {
  student: '#c2410c',
  reference: '#1d4ed8',
  class0: '#1d4ed8',
  class1: '#c2410c',
  ink: '#1f2937',
  grid: '#94a3b8',
}
/** Vega writes this on every text element; compactSvg removes it and the page's CSS sets the font. */
const FONT = 'sans-serif'

/** A rendered plot: trusted HTML (SVG or images) plus plain-text sentences describing it. */
export interface RenderedPlot {
  kind: Plot['kind'] | 'invalid'
  title: string
  html: string
  summary: string[]
}

// ---------------------------------------------------------------------------------------------
// SVG from vega / vega-lite

let svgCounter = 0
const svgCache = new Map<string, string>()

/** Renders a vega spec to an SVG string (cached by spec), with ids made unique for this page. */
export async function vegaSvg(spec: vega.Spec, label: string): Promise<string> {
  const key = JSON.stringify(spec)
  let svg = svgCache.get(key)
  if (svg === undefined) {
    const errors: string[] = []
    const logger = collectingLogger(errors)
    const view = new vega.View(vega.parse(spec), { renderer: 'none', logger })
    try {
      svg = compactSvg(await view.toSVG())
    } finally {
      view.finalize()
    }
    if (errors.length) throw new Error(`vega: ${errors[0]}`)
    if (svgCache.size > 500) svgCache.clear()
    svgCache.set(key, svg)
  }
  return uniqueIds(svg, `p${++svgCounter}`).replace(/^<svg /, `<svg role="img" aria-label="${escapeHtml(label)}" focusable="false" `)
}

export async function vegaLiteSvg(spec: TopLevelSpec, label: string): Promise<string> {
  return vegaSvg(compile(spec).spec, label)
}

/** A vega logger that keeps errors (vega logs them and renders on) so that a broken chart throws. */
function collectingLogger(errors: string[]): vega.LoggerInterface {
  let level = vega.Error
  const logger: vega.LoggerInterface = {
    level(value?: number) {
      if (value === undefined) return level as never
      level = value
      return logger as never
    },
    error: (...args: readonly unknown[]) => {
      errors.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '))
      return logger
    },
    warn: () => logger,
    info: () => logger,
    debug: () => logger,
  } as vega.LoggerInterface
  return logger
}

/**
 * Smaller SVG without a visible change: polylines (contours) lose points that lie within 0.25 px of
 * the line through their neighbours, and coordinates are rounded to 0.1 px.
 */
function compactSvg(svg: string): string {
  const round = (n: string) => String(Math.round(Number(n) * 10) / 10)
  return svg
    // The root <svg> gets role="img" and a label; the marks inside are presentation, so vega's ARIA
    // roles and labels on them go (screen readers read the label and the summary below the chart).
    .replace(/ (role|aria-[a-z]+)="[^"]*"/g, '')
    // Text takes the page's font (report.css, `.plot svg`) instead of an attribute on every label.
    .replace(/ font-family="[^"]*"/g, '')
    .replace(/ pointer-events="none"/g, '')
    .replace(/ d="([^"]*)"/g, (_, d: string) => ` d="${(/^[MLZ0-9.,\se-]+$/.test(d) ? simplifyPath(d) : d).replace(/-?\d+\.\d{2,}/g, round)}"`)
    .replace(/ transform="translate\(([-\d.]+),([-\d.]+)\)"/g, (_, x: string, y: string) => ` transform="translate(${Math.round(Number(x) * 10) / 10},${Math.round(Number(y) * 10) / 10})"`)
}

/** Ramer–Douglas–Peucker on each subpath of an M/L/Z path. */
function simplifyPath(d: string): string {
  const out: string[] = []
  for (const sub of d.split(/(?=M)/)) {
    const closed = /Z\s*$/.test(sub)
    const coords = sub.replace(/[MLZ]/g, ' ').trim().split(/[\s,]+/).filter(Boolean).map(Number)
    const pts: [number, number][] = []
    for (let i = 0; i + 1 < coords.length; i += 2) pts.push([coords[i]!, coords[i + 1]!])
    if (pts.length < 3 || pts.some(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y))) {
      out.push(sub)
      continue
    }
    const kept = rdp(pts, 0.25)
    out.push(`M${kept.map(([x, y]) => `${x},${y}`).join('L')}${closed ? 'Z' : ''}`)
  }
  return out.join('')
}

function rdp(pts: [number, number][], tolerance: number): [number, number][] {
  const keep = new Uint8Array(pts.length)
  keep[0] = 1
  keep[pts.length - 1] = 1
  const stack: [number, number][] = [[0, pts.length - 1]]
  while (stack.length) {
    const [a, b] = stack.pop()!
    const [ax, ay] = pts[a]!
    const [bx, by] = pts[b]!
    const len = Math.hypot(bx - ax, by - ay)
    let worst = -1
    let index = -1
    for (let i = a + 1; i < b; i++) {
      const [px, py] = pts[i]!
      const dist = len === 0 ? Math.hypot(px - ax, py - ay) : Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / len
      if (dist > worst) {
        worst = dist
        index = i
      }
    }
    if (worst > tolerance) {
      keep[index] = 1
      stack.push([a, index], [index, b])
    }
  }
  return pts.filter((_, i) => keep[i])
}

/** Prefixes every id in an SVG (clip paths, gradients) so that several SVGs can share one page. */
function uniqueIds(svg: string, prefix: string): string {
  const ids = new Set([...svg.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!))
  if (ids.size === 0) return svg
  return svg
    .replace(/ id="([^"]+)"/g, (_, id: string) => ` id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (whole, id: string) => (ids.has(id) ? `url(#${prefix}-${id})` : whole))
    .replace(/href="#([^"]+)"/g, (whole, id: string) => (ids.has(id) ? `href="#${prefix}-${id}"` : whole))
}

const BASE_CONFIG = {
  font: FONT,
  axis: { labelFontSize: 11, titleFontSize: 12, labelColor: COLORS.ink, titleColor: COLORS.ink, gridColor: '#e5e7eb' },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 220 },
  title: { fontSize: 13, anchor: 'start' as const, color: COLORS.ink },
  view: { stroke: '#d1d5db' },
}

// ---------------------------------------------------------------------------------------------
// Checking plot data

const MAX_TITLE = 200
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const str = (v: unknown, max = MAX_TITLE) => cleanText(typeof v === 'string' ? v : String(v ?? ''), max)

class PlotDataError extends Error {}

function points(v: unknown, name: string): (Point | null)[] {
  if (!Array.isArray(v)) throw new PlotDataError(`${name} is not a list of points`)
  return v.slice(0, 5000).map((p) => {
    if (!Array.isArray(p)) return null
    const w = num(p[0])
    const b = num(p[1])
    return w === null || b === null ? null : [w, b]
  })
}

function numbers(v: unknown, name: string, max = 1_000_000): (number | null)[] {
  if (!Array.isArray(v)) throw new PlotDataError(`${name} is not a list of numbers`)
  if (v.length > max) throw new PlotDataError(`${name} has ${v.length} values (at most ${max})`)
  return v.map(num)
}

function matrix(v: unknown, name: string): (number | null)[][] {
  if (!Array.isArray(v) || v.length === 0 || v.length > 512) throw new PlotDataError(`${name} is not a matrix`)
  const rows = v.map((r, i) => numbers(r, `${name}[${i}]`, 512))
  const width = rows[0]!.length
  if (width === 0 || rows.some((r) => r.length !== width)) throw new PlotDataError(`${name} has rows of different lengths`)
  return rows
}

/**
 * Feature maps, channels first: C maps of H×W (as the tests record them with channelsFirst). Only
 * the maps that will be shown are read; `count` says how many there were.
 */
function featureMapList(v: unknown, name: string): { maps: (number | null)[][][]; count: number } {
  if (!Array.isArray(v)) throw new PlotDataError(`${name} is not a list of feature maps`)
  return { maps: v.slice(0, MAX_CHANNELS).map((m, c) => matrix(m, `${name}[${c}]`)), count: v.length }
}

// ---------------------------------------------------------------------------------------------
// Entry point

/** Draws one recorded plot. Never throws: a plot that cannot be drawn says why. */
export async function renderPlot(plot: Plot, lang: Lang): Promise<RenderedPlot> {
  const raw = plot as unknown as Record<string, unknown>
  const title = str(raw?.title) || t(lang, 'plots')
  try {
    switch (raw?.kind) {
      case 'search-path':
        return await searchPath(raw, title, lang)
      case 'curves':
        return await curves(raw, title, lang)
      case 'decision-boundary':
        return await decisionBoundary(raw, title, lang)
      case 'feature-maps':
        return featureMaps(raw, title, lang)
      default:
        throw new PlotDataError(`unknown plot kind ${JSON.stringify(str(raw?.kind, 40))}`)
    }
  } catch (error) {
    const reason = error instanceof PlotDataError ? error.message : `${(error as Error)?.name ?? 'Error'}: ${(error as Error)?.message ?? error}`
    return { kind: 'invalid', title, html: '', summary: [t(lang, 'plotError', { reason: cleanText(reason, 300) })] }
  }
}

const fmt = (lang: Lang, v: number) => formatNumber(lang, v, Math.abs(v) >= 100 ? 1 : 3)

// ---------------------------------------------------------------------------------------------
// 04/05: a path in (w, b) over the contours of a data set's MSE

export interface LinearData {
  xs: number[]
  ys: number[]
}

/**
 * The (x, y) columns of a regression data set. `name/k` divides both columns by k, as the lecture
 * does for linear_regression2 (`linear_regression2/100`).
 */
export function regressionData(dataset: string): LinearData {
  const match = /^([a-z0-9_]+)(?:\/(\d+(?:\.\d+)?))?$/i.exec(dataset)
  if (!match) throw new PlotDataError(`"${dataset}" is not a data set name`)
  let data
  try {
    data = loadDataset(match[1]!)
  } catch {
    throw new PlotDataError(`unknown data set "${match[1]}"`)
  }
  const xi = data.columns.indexOf('x')
  const yi = data.columns.indexOf('y')
  if (xi < 0 || yi < 0 || data.columns.length !== 2) throw new PlotDataError(`${match[1]} is not a one-feature regression data set (columns x, y)`)
  const k = match[2] ? Number(match[2]) : 1
  return { xs: data.rows.map((r) => r[xi]! / k), ys: data.rows.map((r) => r[yi]! / k) }
}

export function mse(w: number, b: number, { xs, ys }: LinearData): number {
  let s = 0
  for (let i = 0; i < xs.length; i++) s += (w * xs[i]! + b - ys[i]!) ** 2
  return s / xs.length
}

export function leastSquares({ xs, ys }: LinearData): Point {
  const n = xs.length
  const mx = xs.reduce((a, v) => a + v, 0) / n
  const my = ys.reduce((a, v) => a + v, 0) / n
  let sxy = 0
  let sxx = 0
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my)
    sxx += (xs[i]! - mx) ** 2
  }
  const w = sxx > 0 ? sxy / sxx : 0
  return [w, my - w * mx]
}

const GRID = 48

async function searchPath(raw: Record<string, unknown>, title: string, lang: Lang): Promise<RenderedPlot> {
  const student = points(raw.student, 'student')
  const reference = points(raw.reference, 'reference')
  const dataset = str(raw.dataset, 80)
  const summary: string[] = []
  let data: LinearData | undefined
  let noContours: string | undefined
  try {
    data = regressionData(dataset)
  } catch (error) {
    if (!(error instanceof PlotDataError)) throw error
    noContours = error.message
  }

  const finite = [...student, ...reference].filter((p): p is Point => p !== null && Math.abs(p[0]) < 1e12 && Math.abs(p[1]) < 1e12)
  const optimum = data ? leastSquares(data) : undefined
  const all = optimum ? [...finite, optimum] : finite
  if (all.length === 0) throw new PlotDataError('neither path has a finite point')
  const [w0, w1] = paddedRange(all.map((p) => p[0]))
  const [b0, b1] = paddedRange(all.map((p) => p[1]))

  const width = 360
  const height = 300
  const rows: { who: string; i: number; w: number | null; b: number | null }[] = []
  const yourPath = t(lang, 'yourPath')
  const referencePath = t(lang, 'reference')
  student.forEach((p, i) => rows.push({ who: yourPath, i, w: p?.[0] ?? null, b: p?.[1] ?? null }))
  reference.forEach((p, i) => rows.push({ who: referencePath, i, w: p?.[0] ?? null, b: p?.[1] ?? null }))
  const ends = [
    ...endpoints(student, yourPath, lang),
    ...endpoints(reference, referencePath, lang),
  ]
  const inside = (p: Point) => p[0] >= w0 && p[0] <= w1 && p[1] >= b0 && p[1] <= b1

  const grid = data ? sampleGrid(w0, w1, b0, b1, (w, b) => mse(w, b, data!)) : undefined
  const lo = grid ? Math.min(...grid.values) : 0
  const hi = grid ? Math.max(...grid.values) : 1
  const dataSets: vega.Data[] = [
    { name: 'path', values: rows },
    { name: 'ends', values: ends.filter((e) => inside([e.w, e.b])) },
  ]
  const marks: vega.Mark[] = []
  if (data && grid) {
    const levels = 12
    // Equally spaced in distance from the minimum of a quadratic bowl: lo + (hi − lo)·(k/(K+1))².
    const thresholds = Array.from({ length: levels }, (_, k) => lo + (hi - lo) * ((k + 1) / (levels + 1)) ** 2)
    dataSets.unshift({ name: 'contours', values: [grid], transform: [contourTransform(thresholds, grid.width, grid.height)] })
    marks.push({
      // Below the lowest level (the valley) no contour polygon covers the plane: paint it first.
      type: 'rect', aria: false,
      encode: { enter: { x: { value: 0 }, y: { value: 0 }, width: { signal: 'width' }, height: { signal: 'height' }, fill: { scale: 'level', value: lo } } },
    }, {
      type: 'shape', from: { data: 'contours' }, clip: true, aria: false,
      encode: { enter: { fill: { scale: 'level', field: 'contour.value' }, stroke: { value: COLORS.grid }, strokeWidth: { value: 0.6 } } },
      transform: [{ type: 'geoshape', field: 'datum.contour' }],
    })
    dataSets.push({ name: 'optimum', values: [{ w: optimum![0], b: optimum![1], label: t(lang, 'leastSquares') }] })
    marks.push({
      type: 'symbol', from: { data: 'optimum' }, aria: false,
      encode: { enter: { x: { scale: 'x', field: 'w' }, y: { scale: 'y', field: 'b' }, shape: { value: 'cross' }, size: { value: 70 }, fill: { value: COLORS.ink }, angle: { value: 45 } } },
    })
    summary.push(t(lang, 'mseOf', { dataset }))
  } else {
    summary.push(t(lang, 'noContours', { reason: noContours ?? '' }))
  }
  marks.push(
    {
      type: 'group', aria: false, clip: true,
      from: { facet: { name: 'series', data: 'path', groupby: 'who' } },
      encode: { enter: { width: { signal: 'width' }, height: { signal: 'height' } } },
      marks: [
        {
          type: 'line', from: { data: 'series' }, aria: false,
          encode: {
            enter: {
              x: { scale: 'x', field: 'w' }, y: { scale: 'y', field: 'b' },
              stroke: { scale: 'who', field: 'who' }, strokeDash: { scale: 'dash', field: 'who' },
              // The student's line is wider, so it shows around the reference's dashes where they agree.
              strokeWidth: { signal: `datum.who === ${JSON.stringify(yourPath)} ? 3 : 1.75` },
              defined: { signal: 'isValid(datum.w) && isValid(datum.b)' },
            },
          },
        },
        {
          type: 'symbol', from: { data: 'series' }, aria: false,
          encode: {
            enter: {
              x: { scale: 'x', field: 'w' }, y: { scale: 'y', field: 'b' }, size: { value: 14 },
              fill: { scale: 'who', field: 'who' }, opacity: { signal: `isValid(datum.w) && isValid(datum.b) && length(data('path')) < 400 ? 1 : 0` },
            },
          },
        },
      ],
    },
    {
      type: 'symbol', from: { data: 'ends' }, aria: false,
      encode: {
        enter: {
          x: { scale: 'x', field: 'w' }, y: { scale: 'y', field: 'b' }, size: { value: 70 }, shape: { field: 'shape' },
          stroke: { scale: 'who', field: 'who' }, strokeWidth: { value: 2 }, fill: { signal: `datum.filled ? scale('who', datum.who) : 'white'` },
        },
      },
    },
  )
  const spec: vega.Spec = {
    width, height, padding: 4, autosize: { type: 'pad' }, background: 'white',
    config: BASE_CONFIG as vega.Config,
    data: dataSets,
    scales: [
      { name: 'x', type: 'linear', domain: [w0, w1], range: 'width', zero: false, nice: false },
      { name: 'y', type: 'linear', domain: [b0, b1], range: 'height', zero: false, nice: false },
      { name: 'who', type: 'ordinal', domain: [yourPath, referencePath], range: [COLORS.student, COLORS.reference] },
      { name: 'dash', type: 'ordinal', domain: [yourPath, referencePath], range: [[1, 0], [6, 3]] },
      // Contour fills fade from the valley (light blue) to white.
      { name: 'level', type: 'linear', domain: [lo, hi], range: ['#bae6fd', '#ffffff'], zero: false },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: 'w', grid: false, tickCount: 6, aria: false },
      { orient: 'left', scale: 'y', title: 'b', grid: false, tickCount: 6, aria: false },
    ],
    legends: [{ stroke: 'who', strokeDash: 'dash', orient: 'bottom', direction: 'horizontal', symbolType: 'stroke', symbolStrokeWidth: 2, aria: false }],
    marks,
  }
  for (const [path, who] of [[student, yourPath], [reference, referencePath]] as const) summary.push(pathSummary(path, who, lang, data))
  const label = [title, ...summary].join(' ')
  return { kind: 'search-path', title, html: await vegaSvg(spec, label), summary }
}

function endpoints(path: (Point | null)[], who: string, lang: Lang) {
  const finite = path.filter((p): p is Point => p !== null)
  if (finite.length === 0) return []
  const first = finite[0]!
  const last = finite[finite.length - 1]!
  return [
    { who, w: first[0], b: first[1], shape: 'circle', filled: false, label: t(lang, 'start') },
    { who, w: last[0], b: last[1], shape: 'circle', filled: true, label: t(lang, 'end') },
  ]
}

function pathSummary(path: (Point | null)[], who: string, lang: Lang, data: LinearData | undefined): string {
  const finite = path.filter((p): p is Point => p !== null)
  if (finite.length === 0) return t(lang, 'pathEmpty', { who })
  const [w0, b0] = finite[0]!
  const [w1, b1] = finite[finite.length - 1]!
  return t(lang, 'pathSummary', {
    who, steps: path.length - 1, w0: fmt(lang, w0), b0: fmt(lang, b0), w1: fmt(lang, w1), b1: fmt(lang, b1),
    mse: data ? fmt(lang, mse(w1, b1, data)) : '–',
  })
}

/** [min, max] of the values with 12% margins; a flat range gets a width of 1. */
function paddedRange(values: number[]): [number, number] {
  let lo = Math.min(...values)
  let hi = Math.max(...values)
  if (!(hi - lo > 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi)))) {
    lo -= 0.5
    hi += 0.5
  }
  const pad = 0.12 * (hi - lo)
  return [lo - pad, hi + pad]
}

interface Grid {
  width: number
  height: number
  values: number[]
}

/**
 * f at the centres of a GRID × GRID division of the box, rows from y0 up: the convention of the
 * decision-boundary plots (reference/oracles/classification.ts, probabilityGrid).
 */
function sampleGrid(x0: number, x1: number, y0: number, y1: number, f: (x: number, y: number) => number): Grid {
  const values: number[] = []
  for (let j = 0; j < GRID; j++) {
    for (let i = 0; i < GRID; i++) values.push(f(x0 + ((x1 - x0) * (i + 0.5)) / GRID, y0 + ((y1 - y0) * (j + 0.5)) / GRID))
  }
  return { width: GRID, height: GRID, values }
}

/**
 * Isocontours of an nx × ny grid of cell-centre samples over the chart's whole domain (rows from the
 * bottom). d3's contours put sample i at grid coordinate i + ½, the centre of cell i, so grid
 * coordinates map linearly onto the domain: x = width·g/nx, y = height − height·g/ny.
 */
function contourTransform(thresholds: number[], nx: number, ny: number): vega.Transforms {
  return {
    type: 'isocontour',
    thresholds,
    scale: { signal: `[width / ${nx}, -height / ${ny}]` },
    translate: { signal: '[0, height]' },
  } as unknown as vega.Transforms
}

// ---------------------------------------------------------------------------------------------
// 05/08: curves against the step or epoch

const MAX_SERIES = 8
const SERIES_COLORS = [COLORS.student, COLORS.reference, '#047857', '#7c3aed', '#b45309', '#be185d', '#0e7490', '#4b5563']

async function curves(raw: Record<string, unknown>, title: string, lang: Lang): Promise<RenderedPlot> {
  if (!Array.isArray(raw.series) || raw.series.length === 0) throw new PlotDataError('no series to draw')
  const used = new Set<string>()
  const series = raw.series.slice(0, MAX_SERIES).map((s: unknown, k) => {
    const record = (s ?? {}) as Record<string, unknown>
    let name = str(record.name, 60) || `#${k + 1}`
    while (used.has(name)) name += '′'
    used.add(name)
    return { name, values: numbers(record.values, `series "${name}"`, 5000) }
  })
  const rows = series.flatMap((s) => s.values.map((v, i) => ({ series: s.name, step: i, value: v })))
  const finite = rows.map((r) => r.value).filter((v): v is number => v !== null)
  if (finite.length === 0) throw new PlotDataError('no finite values')
  const positive = finite.every((v) => v > 0)
  const log = positive && Math.max(...finite) / Math.min(...finite) > 1000
  const names = series.map((s) => s.name)
  const short = Math.max(...series.map((s) => s.values.length)) <= 15
  const spec: TopLevelSpec = {
    width: 340,
    height: 220,
    background: 'white',
    config: { ...BASE_CONFIG, aria: false, legend: { ...BASE_CONFIG.legend, orient: 'bottom', direction: 'horizontal', columns: 2 } },
    data: { values: rows },
    mark: { type: 'line', point: short, strokeWidth: 2, clip: true },
    encoding: {
      x: { field: 'step', type: 'quantitative', title: str(raw.xLabel, 60) || 'step', axis: { tickMinStep: 1 } },
      y: {
        field: 'value', type: 'quantitative', title: (str(raw.yLabel, 60) || 'value') + (log ? ` (${t(lang, 'logScale')})` : ''),
        scale: log ? { type: 'log' } : { zero: false },
        // On a log scale vega would place a tick at every 2·10ᵏ … 9·10ᵏ; powers of ten suffice.
        ...(log ? { axis: { values: decades(Math.min(...finite), Math.max(...finite)), format: '~g' } } : {}),
      },
      color: { field: 'series', type: 'nominal', title: null, scale: { domain: names, range: SERIES_COLORS.slice(0, names.length) } },
      strokeDash: { field: 'series', type: 'nominal', title: null, scale: { domain: names, range: names.map((_, k) => [[1, 0], [6, 3], [2, 2], [8, 2, 2, 2]][k % 4]!) } },
    },
  }
  const summary = series.map((s) => {
    const f = s.values.filter((v): v is number => v !== null)
    if (f.length === 0) return t(lang, 'pathEmpty', { who: s.name })
    return t(lang, 'curveSummary', { name: s.name, n: s.values.length, first: fmt(lang, f[0]!), last: fmt(lang, f[f.length - 1]!), min: fmt(lang, Math.min(...f)) })
  })
  return { kind: 'curves', title, html: await vegaLiteSvg(spec, [title, ...summary].join(' ')), summary }
}

/** Powers of ten spanning [lo, hi] (both > 0), at most eight of them. */
export function decades(lo: number, hi: number): number[] {
  const first = Math.floor(Math.log10(lo))
  const last = Math.ceil(Math.log10(hi))
  const step = Math.max(1, Math.ceil((last - first + 1) / 8))
  const values: number[] = []
  for (let k = first; k <= last; k += step) values.push(Number(`1e${k}`))
  return values
}

// ---------------------------------------------------------------------------------------------
// 06/07: P(class 1) over the plane, with the data set's points

const MAX_POINTS = 200

interface Labelled {
  x: number
  y: number
  c: number
}

export function classificationPoints(dataset: string): { points: Labelled[]; total: number } {
  let data
  try {
    data = loadDataset(dataset)
  } catch {
    throw new PlotDataError(`unknown data set "${dataset}"`)
  }
  const ci = data.columns.indexOf('class')
  const features = data.columns.map((_, i) => i).filter((i) => i !== ci)
  if (ci < 0 || features.length !== 2) throw new PlotDataError(`${dataset} is not a two-feature classification data set`)
  const all = data.rows.map((r) => ({ x: r[features[0]!]!, y: r[features[1]!]!, c: r[ci]! }))
  const step = Math.max(1, Math.ceil(all.length / MAX_POINTS))
  return { points: all.filter((_, i) => i % step === 0), total: all.length }
}

async function decisionBoundary(raw: Record<string, unknown>, title: string, lang: Lang): Promise<RenderedPlot> {
  const extent = numbers(raw.extent, 'extent', 4)
  if (extent.length !== 4 || extent.some((v) => v === null)) throw new PlotDataError('extent must be [xmin, xmax, ymin, ymax]')
  const [x0, x1, y0, y1] = extent as number[]
  if (!(x1! > x0! && y1! > y0!)) throw new PlotDataError('extent must be [xmin, xmax, ymin, ymax] with xmin < xmax and ymin < ymax')
  const resolution = num(raw.resolution)
  if (resolution === null || !Number.isInteger(resolution) || resolution < 2 || resolution > 300) throw new PlotDataError('resolution must be a whole number from 2 to 300')
  const grid = (v: unknown, name: string) => {
    const values = numbers(v, name, resolution * resolution)
    if (values.length !== resolution * resolution) throw new PlotDataError(`${name} has ${values.length} values, expected resolution² = ${resolution * resolution}`)
    // A probability outside [0, 1] or NaN is drawn as 0.5 (undecided) and reported.
    return values.map((p) => (p === null ? 0.5 : Math.min(1, Math.max(0, p))))
  }
  const student = grid(raw.student, 'student')
  const reference = raw.reference === undefined || raw.reference === null ? undefined : grid(raw.reference, 'reference')
  const dataset = str(raw.dataset, 80)
  const { points: shown, total } = classificationPoints(dataset)

  const panels: { who: string; values: number[] }[] = [{ who: t(lang, 'yourClassifier'), values: student }]
  if (reference) panels.push({ who: t(lang, 'referenceClassifier'), values: reference })
  const svgs: string[] = []
  const summary: string[] = []
  for (const [k, panel] of panels.entries()) {
    const share = panel.values.filter((p) => p >= 0.5).length / panel.values.length
    const sentence = t(lang, 'boundarySummary', { who: panel.who, share: formatPercent(lang, share), shown: shown.length, n: total })
    summary.push(sentence)
    svgs.push(await vegaSvg(boundarySpec(panel.who, panel.values, resolution, [x0!, x1!, y0!, y1!], shown, k === panels.length - 1, lang), `${title}: ${sentence}`))
  }
  if (reference) {
    const agree = student.filter((p, i) => p >= 0.5 === reference[i]! >= 0.5).length / student.length
    summary.push(t(lang, 'boundaryAgreement', { share: formatPercent(lang, agree) }))
  }
  return { kind: 'decision-boundary', title, html: `<div class="panels">${svgs.join('')}</div>`, summary }
}

function boundarySpec(who: string, values: number[], n: number, [x0, x1, y0, y1]: number[], shown: Labelled[], legend: boolean, lang: Lang): vega.Spec {
  const size = 260
  const class0 = t(lang, 'class', { c: 0 })
  const class1 = t(lang, 'class', { c: 1 })
  const visible = shown.filter((p) => p.x >= x0! && p.x <= x1! && p.y >= y0! && p.y <= y1!).map((p) => ({ ...p, label: p.c >= 0.5 ? class1 : class0 }))
  const bands = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
  return {
    width: size, height: size, padding: 4, autosize: { type: 'pad' }, background: 'white',
    config: BASE_CONFIG as vega.Config,
    title: { text: who, aria: false } as vega.Title,
    data: [
      { name: 'grid', values: [{ width: n, height: n, values }], transform: [contourTransform(bands, n, n)] },
      { name: 'boundary', values: [{ width: n, height: n, values }], transform: [contourTransform([0.5], n, n)] },
      { name: 'points', values: visible },
    ],
    scales: [
      { name: 'x', type: 'linear', domain: [x0!, x1!], range: 'width', zero: false, nice: false },
      { name: 'y', type: 'linear', domain: [y0!, y1!], range: 'height', zero: false, nice: false },
      { name: 'band', type: 'linear', domain: [0, 0.5, 1], range: ['#bfdbfe', '#f8fafc', '#fed7aa'] },
      { name: 'cls', type: 'ordinal', domain: [class0, class1], range: [COLORS.class0, COLORS.class1] },
      { name: 'shape', type: 'ordinal', domain: [class0, class1], range: ['circle', 'triangle-up'] },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: 'x', tickCount: 5, aria: false },
      { orient: 'left', scale: 'y', title: 'y', tickCount: 5, aria: false },
    ],
    legends: legend ? [{ fill: 'cls', shape: 'shape', orient: 'bottom', direction: 'horizontal', aria: false }] : [],
    marks: [
      { type: 'rect', aria: false, encode: { enter: { x: { value: 0 }, y: { value: 0 }, width: { signal: 'width' }, height: { signal: 'height' }, fill: { scale: 'band', value: 0.05 } } } },
      {
        type: 'shape', from: { data: 'grid' }, clip: true, aria: false,
        encode: { enter: { fill: { scale: 'band', signal: 'datum.contour.value + 0.05' }, stroke: { value: '#cbd5e1' }, strokeWidth: { value: 0.4 } } },
        transform: [{ type: 'geoshape', field: 'datum.contour' }],
      },
      // The points as one path per class (a few kilobytes) rather than one SVG element per point.
      ...[0, 1].map((c): vega.Mark => ({
        type: 'path', aria: false, clip: true,
        encode: { enter: { x: { value: 0 }, y: { value: 0 }, path: { value: glyphs(visible.filter((p) => (p.c >= 0.5 ? 1 : 0) === c), c, [x0!, x1!, y0!, y1!], size) }, fill: { value: c ? COLORS.class1 : COLORS.class0 }, fillOpacity: { value: 0.8 } } },
      })),
      {
        type: 'shape', from: { data: 'boundary' }, clip: true, aria: false,
        encode: { enter: { fill: { value: 'transparent' }, stroke: { value: COLORS.ink }, strokeWidth: { value: 2 } } },
        transform: [{ type: 'geoshape', field: 'datum.contour' }],
      },
    ],
  }
}

/** Circles (class 0) or triangles (class 1) at the points' pixel positions, as one SVG path. */
function glyphs(points: Labelled[], c: number, [x0, x1, y0, y1]: number[], size: number): string {
  const px = (x: number) => ((x - x0!) / (x1! - x0!)) * size
  const py = (y: number) => size - ((y - y0!) / (y1! - y0!)) * size
  const r = (v: number) => Math.round(v * 10) / 10
  return points
    .map((p) => (c ? `M${r(px(p.x))},${r(py(p.y) - 2.6)}l2.3,4h-4.6z` : `M${r(px(p.x) - 2)},${r(py(p.y))}a2,2 0 1,0 4,0a2,2 0 1,0 -4,0`))
    .join('')
}

// ---------------------------------------------------------------------------------------------
// 09: feature maps of one digit, the student's beside the reference's

const MAX_CHANNELS = 8
const SCALE = 3

function featureMaps(raw: Record<string, unknown>, title: string, lang: Lang): RenderedPlot {
  const input = matrix(raw.input, 'input')
  const { maps: reference, count: referenceCount } = featureMapList(raw.reference, 'reference')
  const summary: string[] = []
  // The student's maps may be missing or malformed (their conv2d threw or returned garbage): the
  // input and the reference are still worth seeing.
  let student: (number | null)[][][] = []
  let studentCount = 0
  try {
    ;({ maps: student, count: studentCount } = featureMapList(raw.student, 'student'))
  } catch (error) {
    if (!(error instanceof PlotDataError)) throw error
    summary.push(error.message)
  }
  if (student.length === 0) summary.push(t(lang, 'noMaps'))
  const shape = (maps: (number | null)[][][], count: number) => (maps.length ? `${count}×${maps[0]!.length}×${maps[0]![0]!.length}` : '0')
  if (student.length && shape(student, studentCount) !== shape(reference, referenceCount)) {
    summary.push(t(lang, 'shapeMismatch', { s: shape(student, studentCount), r: shape(reference, referenceCount) }))
  }

  const inputMax = Math.max(1e-12, ...input.flat().map((v) => Math.abs(v ?? 0)))
  const inputImg = img(input, (v) => grey(1 - Math.abs(v) / inputMax), t(lang, 'inputAlt', { h: input.length, w: input[0]!.length }), SCALE * 1.5)
  const count = Math.max(studentCount, referenceCount)
  const shown = Math.max(student.length, reference.length)
  const heads: string[] = []
  const mineRow: string[] = []
  const theirsRow: string[] = []
  const diffRow: string[] = []
  for (let c = 0; c < shown; c++) {
    const mine = student[c]
    const theirs = reference[c]
    // Both maps of a channel share one colour scale, so a difference shows as a difference.
    const scale = Math.max(1e-12, ...[mine, theirs].flatMap((m) => (m ?? []).flat().map((v) => Math.abs(v ?? 0))))
    const colour = (v: number) => diverging(v / scale)
    const mapImg = (m: (number | null)[][] | undefined, who: string) =>
      m ? img(m, colour, t(lang, 'featureMapAlt', { who, c: c + 1, h: m.length, w: m[0]!.length }), SCALE) : '–'
    heads.push(`<th scope="col">${escapeHtml(t(lang, 'channel', { c: c + 1 }))}</th>`)
    mineRow.push(`<td>${mapImg(mine, t(lang, 'yours'))}</td>`)
    theirsRow.push(`<td>${mapImg(theirs, t(lang, 'reference'))}</td>`)
    let diff = '–'
    if (mine && theirs && mine.length === theirs.length && mine[0]!.length === theirs[0]!.length) {
      let d = 0
      mine.forEach((row, y) => row.forEach((v, x) => {
        const u = theirs[y]![x]
        d = Math.max(d, v === null || u === null || u === undefined ? Infinity : Math.abs(v - u))
      }))
      diff = Number.isFinite(d) ? d.toPrecision(2) : '∞'
      summary.push(`${t(lang, 'channel', { c: c + 1 })}: ${t(lang, 'maxDiff', { d: diff })}`)
    }
    diffRow.push(`<td>${escapeHtml(diff)}</td>`)
  }
  if (count > MAX_CHANNELS) summary.push(t(lang, 'moreChannels', { n: count - MAX_CHANNELS }))
  const row = (label: string, cells: string[]) => `<tr><th scope="row">${escapeHtml(label)}</th>${cells.join('')}</tr>`
  const html =
    `<div class="feature-maps"><figure class="fm-input">${inputImg}<figcaption>${escapeHtml(t(lang, 'input'))}</figcaption></figure>` +
    `<div class="table-wrap" tabindex="0" role="region" aria-label="${escapeHtml(t(lang, 'tableOf', { name: title }))}"><table class="fm-table"><thead><tr><td></td>${heads.join('')}</tr></thead><tbody>` +
    row(t(lang, 'yours'), mineRow) + row(t(lang, 'reference'), theirsRow) + row('max |Δ|', diffRow) +
    `</tbody></table></div></div><p class="fm-scale">${escapeHtml(t(lang, 'colourScale'))}</p>`
  return { kind: 'feature-maps', title, html, summary }
}

function img(m: (number | null)[][], colour: (v: number) => Rgb, alt: string, scale: number): string {
  const h = m.length
  const w = m[0]!.length
  const nan: Rgb = [250, 204, 21] // non-finite values show as yellow
  const png = encodePng(w, h, (x, y) => {
    const v = m[y]![x]
    return v === null || v === undefined ? nan : colour(v)
  })
  return `<img class="pixelated" src="${pngDataUri(png)}" width="${Math.round(w * scale)}" height="${Math.round(h * scale)}" alt="${escapeHtml(alt)}">`
}

const grey = (v: number): Rgb => {
  const g = 255 * Math.max(0, Math.min(1, v))
  return [g, g, g]
}

/** −1 → blue, 0 → white, 1 → red. */
function diverging(v: number): Rgb {
  const s = Math.max(-1, Math.min(1, v))
  const blue: Rgb = [29, 78, 216]
  const red: Rgb = [185, 28, 28]
  const end = s < 0 ? blue : red
  const a = Math.abs(s)
  return [255 + (end[0] - 255) * a, 255 + (end[1] - 255) * a, 255 + (end[2] - 255) * a]
}
