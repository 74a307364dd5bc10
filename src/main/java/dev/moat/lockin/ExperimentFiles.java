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
            double lossNone,
            double lossTranscript,
            double lossPassport,
            long rebuildNone,
            long rebuildTranscript,
            long rebuildPassport,
            int lockInScore) {}

    public void write(ExperimentReport report, Path folder) throws IOException {
        mapper.writerWithDefaultPrettyPrinter()
                .writeValue(folder.resolve("report.json").toFile(), report);
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
                        p.recallLoss().get("passport"),
                        p.rebuildTokens().get("none"),
                        p.rebuildTokens().get("transcript"),
                        p.rebuildTokens().get("passport"),
                        p.lockInScore()));
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
                .addColumn("lossPassport")
                .addColumn("rebuildNone")
                .addColumn("rebuildTranscript")
                .addColumn("rebuildPassport")
                .addColumn("lockInScore")
                .build()
                .withHeader();
        csv.writer(schema).writeValue(folder.resolve("report.csv").toFile(), rows);

        Path charts = Files.createDirectories(folder.resolve("charts"));
        Map<String, String> svgs = ExperimentCharts.of(report);
        for (Map.Entry<String, String> chart : svgs.entrySet()) {
            Files.writeString(charts.resolve(chart.getKey()), chart.getValue());
        }
        Files.writeString(folder.resolve("report.html"), ExperimentPage.html(report, svgs.keySet()));
    }
}
