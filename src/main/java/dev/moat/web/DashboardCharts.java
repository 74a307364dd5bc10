package dev.moat.web;

import dev.moat.lockin.ExperimentReport;
import dev.moat.lockin.SwitchingCost;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** The dashboard's charts, made from the meter's and the experiments' figures. */
final class DashboardCharts {

    private DashboardCharts() {}

    /** The meter for one target: recall kept and lost with each carry mode, and the tokens to tell again. */
    static List<ChartSpec> meter(SwitchingCost cost) {
        List<String> modes = List.copyOf(cost.carry().keySet());
        List<Double> kept =
                modes.stream().map(m -> cost.carry().get(m).recallAfter()).toList();
        List<Double> lost =
                modes.stream().map(m -> cost.carry().get(m).recallLoss()).toList();
        List<Long> tokens = modes.stream()
                .map(m -> cost.carry().get(m).rebuild().userTokens())
                .toList();
        return List.of(
                ChartSpec.bar(
                        "meter-recall",
                        "Recall@" + cost.k() + " after moving to " + cost.target(),
                        true,
                        "carry mode",
                        "evidence recall",
                        modes,
                        List.of(new ChartSpec.Series("kept", kept), new ChartSpec.Series("lost", lost))),
                ChartSpec.bar(
                        "meter-rebuild",
                        "Tokens to tell " + cost.target() + " again",
                        false,
                        "carry mode",
                        "user tokens",
                        modes,
                        List.of(new ChartSpec.Series("rebuild tokens", tokens))));
    }

    /** An experiment's curves: memory value per user, and recall loss per carry mode (mean over users). */
    static List<ChartSpec> experiment(ExperimentReport report) {
        int longest =
                report.users().stream().mapToInt(u -> u.sessions().size()).max().orElse(0);
        List<String> sessions =
                IntStream.rangeClosed(1, longest).mapToObj(Integer::toString).toList();
        List<ChartSpec.Series> value = new ArrayList<>();
        for (ExperimentReport.UserCurve u : report.users()) {
            value.add(new ChartSpec.Series(
                    u.user(),
                    u.sessions().stream()
                            .map(ExperimentReport.SessionPoint::memoryValue)
                            .toList()));
        }
        List<ExperimentReport.SessionPoint> pooled = report.pooled();
        List<ChartSpec.Series> loss = new ArrayList<>();
        for (String mode : report.options().carryIds()) {
            loss.add(new ChartSpec.Series(
                    mode, pooled.stream().map(p -> p.recallLoss().get(mode)).toList()));
        }
        return List.of(
                ChartSpec.line(
                        "experiment-value",
                        "Memory value per user",
                        "sessions replayed",
                        "evidence recall@" + report.options().k(),
                        sessions,
                        value),
                ChartSpec.line(
                        "experiment-loss",
                        "Recall lost by moving (mean over users)",
                        "sessions replayed",
                        "recall loss",
                        sessions,
                        loss));
    }
}
