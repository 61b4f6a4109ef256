/**
 * A line chart on chart.js (only the parts a line chart needs are registered, so the bundle stays
 * small). The canvas is a picture with a summary for screen readers; the same numbers are in a table.
 * A null value is a gap: the line breaks there instead of being drawn through it or down to 0 (ADR 0186).
 */
import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

export interface Series {
  label: string;
  values: (number | null)[];
}

// Oslo kommune's palette, dark enough against white (≥ 3:1 for graphics); dashes tell lines apart without colour.
const COLORS = [
  '#2a2859',
  '#1f42aa',
  '#034b45',
  '#c9393e',
  '#6b4c9a',
  '#8a5a00',
  '#005aa6',
  '#4d4d4d',
  '#7a1f5c',
  '#00695c',
];
const DASHES = [[], [6, 3], [2, 2], [10, 4, 2, 4], [4, 4], [1, 3], [8, 2], [3, 6], [12, 3], [5, 2, 1, 2]];

export function LineChart({
  labels,
  series,
  yLabel,
  percent,
  summary,
}: {
  labels: string[];
  series: Series[];
  yLabel: string;
  percent: boolean;
  summary: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.values.map((v) => (v === null ? null : percent ? Math.round(v * 1000) / 10 : v)),
          borderColor: COLORS[i % COLORS.length],
          backgroundColor: COLORS[i % COLORS.length],
          borderDash: DASHES[i % DASHES.length],
          borderWidth: 2,
          pointRadius: labels.length > 60 ? 0 : 2,
          spanGaps: false,
        })),
      },
      options: {
        animation: reduceMotion ? false : { duration: 300 },
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          y: {
            beginAtZero: true,
            ...(percent ? { suggestedMax: 100 } : {}),
            title: { display: true, text: yLabel },
            ticks: { callback: (value) => (percent ? `${value} %` : `${value}`) },
          },
        },
        plugins: { legend: { position: 'bottom' } },
        locale: 'nb-NO',
      },
    });
    return () => chart.destroy();
  }, [labels, series, yLabel, percent]);

  return (
    <div className="chart">
      <canvas ref={canvas} role="img" aria-label={summary}>
        {summary}
      </canvas>
    </div>
  );
}
