package dev.moat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --json option every benchmark shares: its figures written to a file as well as printed. */
public final class JsonReport {

    @Option(names = "--json", description = "Also write the figures to this file as JSON.")
    Path file;

    /** Writes the report when --json was given; says where on stderr. */
    void write(ObjectMapper mapper, Object report) throws IOException {
        if (file != null) {
            mapper.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), report);
            System.err.println("wrote " + file);
        }
    }

    /** A figure to two decimals, as the reports print and write them. */
    static double round2(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
