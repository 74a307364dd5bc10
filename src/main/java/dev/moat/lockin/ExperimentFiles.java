package dev.moat.lockin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An experiment report on disk: report.json, report.csv with a row per user per session, charts/*.svg and report.html
 * showing them.
 */
@ApplicationScoped
public class ExperimentFiles {

    private final ObjectMapper mapper;
    private final CsvMapper csv;

    public ExperimentFiles(ObjectMapper mapper) {
        this.mapper = mapper;
        this.csv = CsvMapper.builder()
                .findAndAddModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS) // ISO-8601 times, as in report.json
                .build();
    }

    /** A row of report.csv. */
    public record Row(
            String user,
            int session,
            Instant at,
            long memories,
            long userTokens,
            double memoryValue,
            Double lossNone,
            Double lossTranscript,
            Double lossDigest,
            Double lossMem0,
            Double lossPassport,
            Long rebuildNone,
            Long rebuildTranscript,
            Long rebuildDigest,
            Long rebuildMem0,
            Long rebuildPassport,
            int lockInScore,
            Integer chatCalls,
            Long chatInputTokens,
            Long chatOutputTokens,
            Double chatCostUsd) {}

    public void write(ExperimentReport report, Path folder) throws IOException {
        mapper.writerWithDefaultPrettyPrinter()
                .writeValue(folder.resolve("report.json").toFile(), report);
        Files.writeString(folder.resolve("report.csv"), csv(report));
        Path charts = Files.createDirectories(folder.resolve("charts"));
        Map<String, String> svgs = charts(report);
        for (Map.Entry<String, String> chart : svgs.entrySet()) {
            Files.writeString(charts.resolve(chart.getKey()), chart.getValue());
        }
        Files.writeString(folder.resolve("report.html"), ExperimentPage.html(report, svgs.keySet()));
    }

    /** The report's charts as SVG documents, by file name. */
    public Map<String, String> charts(ExperimentReport report) {
        return ExperimentCharts.of(report);
    }

    /** report.csv: a row per user per session, a header first. */
    public String csv(ExperimentReport report) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (ExperimentReport.UserCurve user : report.users()) {
            for (ExperimentReport.SessionPoint p : user.sessions()) {
                rows.add(new Row(
                        user.user(),
                        p.index(),
                        p.at(),
                        p.memories(),
                        p.userTokens(),
                        p.memoryValue(),
                        p.recallLoss().get("none"),
                        p.recallLoss().get("transcript"),
                        p.recallLoss().get("digest"),
                        p.recallLoss().get("mem0"),
                        p.recallLoss().get("passport"),
                        p.rebuildTokens().get("none"),
                        p.rebuildTokens().get("transcript"),
                        p.rebuildTokens().get("digest"),
                        p.rebuildTokens().get("mem0"),
                        p.rebuildTokens().get("passport"),
                        p.lockInScore(),
                        p.chat() == null ? null : p.chat().calls(),
                        p.chat() == null ? null : p.chat().inputTokens(),
                        p.chat() == null ? null : p.chat().outputTokens(),
                        p.chat() == null ? null : p.chat().costUsd()));
            }
        }
        CsvSchema schema = CsvSchema.builder()
                .addColumn("user")
                .addColumn("session")
                .addColumn("at")
                .addColumn("memories")
                .addColumn("userTokens")
                .addColumn("memoryValue")
                .addColumn("lossNone")
                .addColumn("lossTranscript")
                .addColumn("lossDigest")
                .addColumn("lossMem0")
                .addColumn("lossPassport")
                .addColumn("rebuildNone")
                .addColumn("rebuildTranscript")
                .addColumn("rebuildDigest")
                .addColumn("rebuildMem0")
                .addColumn("rebuildPassport")
                .addColumn("lockInScore")
                .addColumn("chatCalls")
                .addColumn("chatInputTokens")
                .addColumn("chatOutputTokens")
                .addColumn("chatCostUsd")
                .build()
                .withHeader();
        return csv.writer(schema).writeValueAsString(rows);
    }
}
