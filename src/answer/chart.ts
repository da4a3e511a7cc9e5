import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { share, trendMilestones, type Trend } from '../search/trend.js';
import { describeEvidence, statementsLabel } from './trend.js';
import type { CountryNamer } from './filters.js';

/**
 * The chart is laid out at 480×270 and drawn at twice that, so that at the width Discord gives an image in a
 * message (about 400-550 px on a desktop) its smallest text still reads at 11 px or more.
 */
const LAYOUT = { width: 480, height: 270 } as const;
const SCALE = 2;
export const TREND_CHART_SIZE = { width: LAYOUT.width * SCALE, height: LAYOUT.height * SCALE } as const;

/**
 * An opaque light card with dark text reads the same on Discord's dark and light themes (a transparent image
 * with dark text vanishes on the dark one). Colours: the General Assembly blue of the answers' embeds.
 */
const COLORS = { background: '#ffffff', text: '#1a202c', muted: '#4a5568', grid: '#e2e8f0', bar: '#2b6cb0', peak: '#1a4971' } as const;
const FONT_FAMILY = 'Inter';

const require = createRequire(import.meta.url);
/** Inter, shipped as TrueType in an npm package, so the chart looks the same on every machine and needs no system fonts. */
const FONT_FILES = ['400Regular/Inter_400Regular.ttf', '600SemiBold/Inter_600SemiBold.ttf'].map((file) =>
  require.resolve(`@expo-google-fonts/inter/${file}`),
);

/** Roughly how many characters of Inter fit across the chart at the title's and the subtitle's sizes. */
const TITLE_CHARS = 52;
const SUBTITLE_CHARS = 74;
/** Year labels kept on the axis at most; they fall on multiples of a round step. */
const MOST_YEAR_LABELS = 8;
const YEAR_STEPS = [1, 2, 5, 10, 20];
/** Candidate tops of the share axis, in percent: the lowest that leaves room above the highest bar is used. */
const SHARE_AXIS_TOPS = [5, 10, 20, 25, 40, 50, 60, 80, 100];

export interface TrendChart {
  png: Buffer;
  width: number;
  height: number;
  /** The chart in words, for the attachment's description (screen readers). */
  altText: string;
}

/** The trend as a PNG bar chart: one bar per year, the share of statements naming the topic, the peak marked. */
export function trendChart(trend: Trend, countryName?: CountryNamer): TrendChart {
  const svg = chartSvg(trend, countryName);
  const png = new Resvg(svg, {
    fitTo: { mode: 'width', value: TREND_CHART_SIZE.width },
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
  })
    .render()
    .asPng();
  return { png, ...TREND_CHART_SIZE, altText: altText(trend, countryName) };
}

function chartSvg(trend: Trend, countryName?: CountryNamer): string {
  const years = Array.from({ length: trend.to - trend.from + 1 }, (_, i) => trend.from + i);
  const byYear = new Map(trend.years.map((y) => [y.year, y]));
  const peakYear = trendMilestones(trend).peak?.year;
  const step = YEAR_STEPS.find((s) => years.length / s <= MOST_YEAR_LABELS) ?? YEAR_STEPS[YEAR_STEPS.length - 1]!;
  const showYear = (_: number, value: string) => Number(value) % step === 0 || years.length === 1;
  const highest = Math.max(0, ...trend.years.map((y) => 100 * share(y)));
  const subtitle = wrap(
    `${statementsLabel(trend, countryName)}. Counted: a statement with ${describeEvidence(trend.evidence)}`,
    SUBTITLE_CHARS,
    3,
  );
  const top = 44 + 15 * subtitle.length;

  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: LAYOUT.width, height: LAYOUT.height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: COLORS.background,
      textStyle: { fontFamily: FONT_FAMILY, color: COLORS.text },
      title: {
        text: clip(`“${trend.topic}”: share of statements that name it`, TITLE_CHARS),
        subtext: subtitle.join('\n'),
        left: 12,
        top: 8,
        itemGap: 6,
        textStyle: { fontSize: 15, fontWeight: 600, color: COLORS.text },
        subtextStyle: { fontSize: 11, lineHeight: 15, color: COLORS.muted },
      },
      grid: { left: 54, right: 14, top, bottom: 40 },
      xAxis: {
        type: 'category',
        data: years.map(String),
        name: 'year of the General Debate',
        nameLocation: 'middle',
        nameGap: 24,
        nameTextStyle: { fontSize: 11, color: COLORS.muted },
        axisLabel: { interval: showYear, fontSize: 11, color: COLORS.text },
        axisTick: { interval: showYear, alignWithLabel: true },
        axisLine: { lineStyle: { color: COLORS.muted } },
      },
      yAxis: {
        type: 'value',
        min: 0,
        max: SHARE_AXIS_TOPS.find((t) => t >= highest * 1.15) ?? 100,
        name: '% of statements',
        nameLocation: 'middle',
        nameGap: 38,
        nameTextStyle: { fontSize: 11, color: COLORS.muted },
        axisLabel: { formatter: '{value}%', fontSize: 11, color: COLORS.text },
        splitLine: { lineStyle: { color: COLORS.grid } },
      },
      series: [
        {
          type: 'bar',
          barCategoryGap: '20%',
          data: years.map((year) => {
            const y = byYear.get(year);
            if (!y) return null;
            const value = Math.round(1000 * share(y)) / 10;
            if (year !== peakYear) return { value, itemStyle: { color: COLORS.bar } };
            return {
              value,
              itemStyle: { color: COLORS.peak },
              label: { show: true, position: 'top', formatter: `${Math.round(value)}%`, fontSize: 11, fontWeight: 600, color: COLORS.text },
            };
          }),
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function altText(trend: Trend, countryName?: CountryNamer): string {
  const { peak } = trendMilestones(trend);
  const peakText = peak ? `; peak ${Math.round(100 * share(peak))}% in ${peak.year}` : '';
  return clip(`Bar chart: share of ${statementsLabel(trend, countryName)} that name “${trend.topic}”${peakText}.`, 1000);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Words in lines of at most `width` characters, at most `lines` of them, the last clipped with "…". */
function wrap(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    if (current && `${current} ${word}`.length > width) {
      out.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) out.push(current);
  if (out.length <= lines) return out;
  return [...out.slice(0, lines - 1), clip(out.slice(lines - 1).join(' '), width)];
}
