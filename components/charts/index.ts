/** Shared chart primitives (client components): CI whisker plot, heatmap, time-series lines, PNG/SVG and CSV/JSON export. */
export { ChartFrame, type ChartFrameProps } from "./chart-frame";
export { CiPlot, type CiPlotProps, type CiPoint, type CiSeries } from "./ci-plot";
export { Heatmap, type HeatmapProps } from "./heatmap";
export { TimeLineChart, type LineSeries, type TimeLineChartProps } from "./line-chart";
export { TableDownload, type TableDownloadProps } from "./table-download";
export { toCsv, toJsonRows, type TableColumn, type Cell } from "./export";
