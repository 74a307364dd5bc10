package dev.moat.lockin;

import java.awt.Rectangle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The charts of an experiment report, as SVG documents by file name: memory value and recall loss (a line per carry
 * mode) against sessions, for each user and pooled (the mean over users of their n-th session).
 */
final class ExperimentCharts {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;

    private ExperimentCharts() {}

    static Map<String, String> of(ExperimentReport report) {
        Map<String, String> charts = new LinkedHashMap<>();
        drawers(report).forEach((name, draw) -> charts.put(name, draw.get()));
        return charts;
    }

    /** One chart of the report by its file name; empty when the report has no chart of that name. */
    static Optional<String> one(ExperimentReport report, String name) {
        return Optional.ofNullable(drawers(report).get(name)).map(Supplier::get);
    }

    /** The file names of the report's charts, without drawing them. */
    static List<String> names(ExperimentReport report) {
        return List.copyOf(drawers(report).keySet());
    }

    private static Map<String, Supplier<String>> drawers(ExperimentReport report) {
        Map<String, Supplier<String>> charts = new LinkedHashMap<>();
        List<String> modes = report.options().carryIds();
        charts.put("memory-value-pooled.svg", () -> memoryValue("All users (mean)", report.pooled()));
        charts.put("recall-loss-pooled.svg", () -> recallLoss("All users (mean)", report.pooled(), modes));
        for (ExperimentReport.UserCurve u : report.users()) {
            String file = fileName(u.user());
            charts.put("memory-value-" + file + ".svg", () -> memoryValue(u.user(), u.sessions()));
            charts.put("recall-loss-" + file + ".svg", () -> recallLoss(u.user(), u.sessions(), modes));
        }
        return charts;
    }

    /** A user id as a file name: letters, digits, dot, dash and underscore. */
    static String fileName(String user) {
        return user.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String memoryValue(String title, List<ExperimentReport.SessionPoint> points) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("memory value", points, ExperimentReport.SessionPoint::memoryValue));
        return svg(ChartFactory.createXYLineChart(
                "Memory value: " + title,
                "sessions replayed",
                "evidence recall@k",
                data,
                PlotOrientation.VERTICAL,
                true,
                false,
                false));
    }

    private static String recallLoss(String title, List<ExperimentReport.SessionPoint> points, List<String> modes) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String mode : modes) {
            data.addSeries(series(mode, points, p -> p.recallLoss().get(mode)));
        }
        return svg(ChartFactory.createXYLineChart(
                "Recall lost by moving: " + title,
                "sessions replayed",
                "recall loss",
                data,
                PlotOrientation.VERTICAL,
                true,
                false,
                false));
    }

    private static XYSeries series(
            String name,
            List<ExperimentReport.SessionPoint> points,
            ToDoubleFunction<ExperimentReport.SessionPoint> y) {
        XYSeries s = new XYSeries(name);
        for (ExperimentReport.SessionPoint p : points) {
            s.add(p.index(), y.applyAsDouble(p));
        }
        return s;
    }

    private static String svg(JFreeChart chart) {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        g.setDefsKeyPrefix("moat"); // instead of a clock reading: the same report draws the same file
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        return g.getSVGDocument();
    }
}
