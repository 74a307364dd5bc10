package dev.moat.chat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes server-sent events to a streaming response, flushing each so the client sees it at once. */
public final class ServerSentEvents {

    private ServerSentEvents() {}

    /** One event; name null for a data-only event. Line breaks in data become data lines of the same event. */
    public static void send(OutputStream out, String name, String data) {
        StringBuilder event = new StringBuilder();
        if (name != null) {
            event.append("event: ").append(name).append('\n');
        }
        for (String line : data.split("\n", -1)) {
            event.append("data: ").append(line).append('\n');
        }
        event.append('\n');
        try {
            out.write(event.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away", e);
        }
    }
}
