// What every chart of the overview shares: the prepared shape, inputs, axis styling and units. Pure.
import type { ChartConfiguration } from 'chart.js';
import type { ModelRow } from '$lib/metrics/summary';

export type ModelInput = Pick<
	ModelRow,
	'model' | 'displayName' | 'decided' | 'kept' | 'keepRate' | 'keepRateInterval' | 'costPerKeptClipUsd'
>;

/**
 * Any prepared Chart.js configuration. Chart.js's configuration types are invariant in the chart type, so
 * the rendering components take every kind and hand it to Chart.js as it is.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyChartConfig = ChartConfiguration<any, any, any>;

export interface PreparedChart<C = AnyChartConfig> {
	title: string;
	/** What is measured and in which unit, shown under the title. */
	description: string;
	/** A text equivalent of the picture, for screen readers. */
	summary: string;
	/** Why something is missing from the picture (a model without a kept clip ...). */
	notes: string[];
	/** Labels drawn at the end of each horizontal bar of the first dataset; null draws nothing. */
	valueLabels?: (string | null)[];
	height: number;
	config: C;
}

export const GRID = '#e5e7eb';
export const INK = '#1f2937';
export const FALLBACK_COLOUR = '#666666';

/** Horizontal bar charts grow with their rows, so that labels never overlap. */
export const rowsHeight = (rows: number) => Math.max(160, 56 + rows * 40);
export const axisTitle = (text: string) => ({ display: true, text, color: INK, font: { weight: 600 } });
/** A rate in [0, 1] as a percentage with one decimal, the unit of the keep-rate axis. */
export const percent = (rate: number) => Math.round(rate * 1000) / 10;

const tickUsd = new Intl.NumberFormat('en-US', {
	style: 'currency',
	currency: 'USD',
	minimumFractionDigits: 0,
	maximumFractionDigits: 2
});
/** Axis ticks stay short ('$0.5', '$12'); exact amounts are in tooltips and the table. */
export const usdTick = (value: number | string) => tickUsd.format(Number(value));
