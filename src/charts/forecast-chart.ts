import type uPlot from 'uplot';
import type { ChartOptions } from '../components/Chart';
import { timeSeriesOptions } from './time-series';
import { SERIES_COLOURS } from './palette';

/** Series order of {@link forecastChartOptions}' data: x, actual, forecast, 95% low/high, 80% low/high, what-if. */
export const FORECAST_SERIES = ['Actual', 'Forecast', '95% low', '95% high', '80% low', '80% high', 'What-if'] as const;

/**
 * History and forecast on one time axis, with the 95% and 80% intervals as shaded bands
 * (uPlot fills between each band's high and low series). The bands' edge lines are hidden
 * but stay in the legend and the tooltip, so their values can be read.
 */
export function forecastChartOptions(
  format: (v: number) => string,
  axisFormat: (v: number) => string,
  withWhatIf: boolean,
): ChartOptions {
  const base = timeSeriesOptions(
    FORECAST_SERIES.filter((label) => withWhatIf || label !== 'What-if').map((label) => ({
      label,
      format,
      dashed: label === 'What-if',
    })),
    axisFormat,
  );
  const forecastColour = SERIES_COLOURS[1] ?? '#e69f00';
  const series = (base.series ?? []).map((s, i) => {
    if (i === 0) return s;
    const label = FORECAST_SERIES[i - 1];
    if (label === 'Actual') return { ...s, stroke: SERIES_COLOURS[0], points: { show: false } };
    if (label === 'Forecast') return { ...s, stroke: forecastColour, points: { show: false } };
    if (label === 'What-if') return { ...s, stroke: SERIES_COLOURS[2], points: { show: false } };
    return { ...s, stroke: 'transparent', width: 0, points: { show: false } };
  });
  const bands: uPlot.Band[] = [
    { series: [4, 3], fill: `${forecastColour}26` },
    { series: [6, 5], fill: `${forecastColour}40` },
  ];
  return { ...base, series, bands };
}
