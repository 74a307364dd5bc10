package dev.moat.lockin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** report.html: the summary, a short reading of it, and every chart of the report. */
final class ExperimentPage {

    /** How each carry mode reads in a sentence. */
    private static final Map<String, String> CARRIED = Map.of(
            "none", "with nothing carried",
            "transcript", "with a raw transcript export",
            "passport", "with Moat's passport");

    private ExperimentPage() {}

    static String html(ExperimentReport report, Collection<String> charts) {
        ExperimentReport.Summary s = report.summary();
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Moat lock-in experiment: ")
                .append(escape(report.dataset()))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:1320px;margin:2em auto;padding:0 1em}")
                .append(
                        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}")
                .append("img{width:640px;margin:4px}</style>\n</head>\n<body>\n")
                .append("<h1>Lock-in experiment: ")
                .append(escape(report.dataset()))
                .append("</h1>\n");
        page.append("<p>").append(escape(reading(report))).append("</p>\n");
        List<String> modes = report.options().carryIds();
        page.append("<table><tr><th>users</th><th>sessions</th><th>questions</th><th>memory value</th>");
        modes.forEach(m -> page.append("<th>loss: ").append(m).append("</th>"));
        modes.forEach(m -> page.append("<th>rebuild tokens: ").append(m).append("</th>"));
        page.append("</tr>\n<tr>")
                .append(cell(Integer.toString(s.users())))
                .append(cell(Integer.toString(s.sessions())))
                .append(cell(Integer.toString(s.questions())))
                .append(cell(fixed(s.memoryValue())));
        modes.forEach(m -> page.append(cell(fixed(s.recallLoss().get(m)))));
        modes.forEach(m -> page.append(
                cell(String.format(Locale.ROOT, "%.0f", s.rebuildTokens().get(m)))));
        page.append("</tr></table>\n<h2>Charts</h2>\n<div>\n");
        for (String chart : charts) {
            page.append("<img src=\"charts/")
                    .append(escape(chart))
                    .append("\" alt=\"")
                    .append(escape(chart.replace(".svg", "").replace('-', ' ')))
                    .append("\">\n");
        }
        return page.append("</div>\n<p>Figures defined in Moat's docs/EXPERIMENTS.md and docs/SWITCHING-COST.md.</p>\n")
                .append("</body>\n</html>\n")
                .toString();
    }

    /** What the figures say, in two sentences. */
    static String reading(ExperimentReport report) {
        ExperimentReport.Summary s = report.summary();
        List<String> losses = new ArrayList<>();
        List<String> rebuilds = new ArrayList<>();
        for (String mode : report.options().carryIds()) {
            String with = CARRIED.get(mode);
            losses.add(String.format(Locale.ROOT, "%.3f %s", s.recallLoss().get(mode), with));
            rebuilds.add(
                    String.format(Locale.ROOT, "%,.0f %s", s.rebuildTokens().get(mode), with));
        }
        return String.format(
                Locale.ROOT,
                "After replaying %d sessions of %d users, Moat's memory finds %.0f%% of the evidence for their %d"
                        + " questions among its top %d memories. Moving to another provider loses %s of that recall;"
                        + " telling the rest again would take a user %s tokens on average.",
                s.sessions(),
                s.users(),
                100 * s.memoryValue(),
                s.questions(),
                report.options().k(),
                String.join(", ", losses),
                String.join(", ", rebuilds));
    }

    private static String cell(String text) {
        return "<td>" + escape(text) + "</td>";
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
