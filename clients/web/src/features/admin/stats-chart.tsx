/** One bar: what it counts and how many. */
export interface ChartValue {
  label: string;
  /** How a screen reader says it ("active in the last 7 days"). */
  spoken: string;
  value: number;
}

const rowHeight = 30;
const labelWidth = 132;
const barSpace = 180;
const width = labelWidth + barSpace + 50;

/**
 * Horizontal bars, one per value, scaled to the largest; drawn by hand so the page needs no
 * chart library. Screen readers get the same numbers from the svg's label.
 */
export function StatsChart({ values }: { values: ChartValue[] }) {
  const largest = Math.max(1, ...values.map((each) => each.value));
  const summary = values.map((each) => `${each.spoken}: ${each.value}`).join(', ');
  return (
    <svg className="admin-chart" role="img" aria-label={`Service stats. ${summary}`} viewBox={`0 0 ${width} ${values.length * rowHeight}`} width="100%">
      {values.map((each, index) => {
        const y = index * rowHeight;
        const barWidth = each.value === 0 ? 0 : Math.max(2, (each.value / largest) * barSpace);
        return (
          <g key={each.label} transform={`translate(0 ${y})`}>
            <text className="admin-chart-label" x={labelWidth - 8} y={rowHeight / 2} textAnchor="end" dominantBaseline="middle">
              {each.label}
            </text>
            <rect className="admin-chart-track" x={labelWidth} y={6} width={barSpace} height={rowHeight - 12} rx={4} />
            <rect className="admin-chart-bar" x={labelWidth} y={6} width={barWidth} height={rowHeight - 12} rx={4} />
            <text className="admin-chart-value" x={labelWidth + barWidth + 6} y={rowHeight / 2} dominantBaseline="middle">
              {each.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
