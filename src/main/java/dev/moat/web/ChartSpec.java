package dev.moat.web;

import java.util.List;

/**
 * A chart the dashboard's script draws with ECharts: a line or bar chart over named categories (sessions, carry
 * modes), a series per line or bar group. The page carries it as JSON in the chart element's data-chart attribute.
 */
public record ChartSpec(
        String id,
        String title,
        String kind,
        boolean stacked,
        String xLabel,
        String yLabel,
        List<String> x,
        List<Series> series) {

    /** One line or set of bars; null values are gaps. */
    public record Series(String name, List<? extends Number> values) {}

    public static ChartSpec line(
            String id, String title, String xLabel, String yLabel, List<String> x, List<Series> series) {
        return new ChartSpec(id, title, "line", false, xLabel, yLabel, x, series);
    }

    /** Bars, stacked when the series are parts of one whole (recall kept and lost). */
    public static ChartSpec bar(
            String id,
            String title,
            boolean stacked,
            String xLabel,
            String yLabel,
            List<String> x,
            List<Series> series) {
        return new ChartSpec(id, title, "bar", stacked, xLabel, yLabel, x, series);
    }
}
