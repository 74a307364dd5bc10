package dev.moat.lockin;

import java.util.Collection;
import java.util.Locale;

/** report.html: the summary, a short reading of it, and every chart of the report. */
final class ExperimentPage {

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
        page.append("<table><tr><th>users</th><th>sessions</th><th>questions</th><th>memory value</th>")
                .append("<th>loss: none</th><th>loss: transcript</th><th>loss: passport</th>")
                .append("<th>rebuild tokens: none</th><th>rebuild tokens: transcript</th></tr>\n<tr>")
                .append(cell(Integer.toString(s.users())))
                .append(cell(Integer.toString(s.sessions())))
                .append(cell(Integer.toString(s.questions())))
                .append(cell(fixed(s.memoryValue())))
                .append(cell(fixed(s.recallLoss().get("none"))))
                .append(cell(fixed(s.recallLoss().get("transcript"))))
                .append(cell(fixed(s.recallLoss().get("passport"))))
                .append(cell(
                        String.format(Locale.ROOT, "%.0f", s.rebuildTokens().get("none"))))
                .append(cell(
                        String.format(Locale.ROOT, "%.0f", s.rebuildTokens().get("transcript"))))
                .append("</tr></table>\n<h2>Charts</h2>\n<div>\n");
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
        return String.format(
                Locale.ROOT,
                "After replaying %d sessions of %d users, Moat's memory finds %.0f%% of the evidence for their %d"
                        + " questions among its top %d memories. Moving to another provider loses %.3f of that recall"
                        + " with nothing carried, %.3f with a raw transcript export and %.3f with Moat's passport;"
                        + " telling the rest again would take a user %,.0f tokens on average without any export and"
                        + " %,.0f with a transcript.",
                s.sessions(),
                s.users(),
                100 * s.memoryValue(),
                s.questions(),
                report.k(),
                s.recallLoss().get("none"),
                s.recallLoss().get("transcript"),
                s.recallLoss().get("passport"),
                s.rebuildTokens().get("none"),
                s.rebuildTokens().get("transcript"));
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
