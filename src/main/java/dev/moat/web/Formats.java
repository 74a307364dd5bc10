package dev.moat.web;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the dashboard's templates print numbers and times. */
@TemplateExtension
final class Formats {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Formats() {}

    /** Three decimals: recall figures. */
    static String fixed(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.3f", value);
    }

    /** Thousands grouped: token counts. */
    static String grouped(Long value) {
        return value == null ? "" : String.format(Locale.ROOT, "%,d", value);
    }

    /** A mean count, rounded and grouped: mean rebuild tokens. */
    static String whole(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%,.0f", value);
    }

    /** Minutes in UTC; empty for no time. */
    static String when(Instant at) {
        return at == null ? "" : WHEN.format(at);
    }

    /** US dollars with four decimals: rebuild prices are small. */
    static String usd(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "$%.4f", value);
    }
}
