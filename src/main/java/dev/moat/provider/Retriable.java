package dev.moat.provider;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/** Which provider failures another provider may fix: timeouts, 429, 5xx, refused connections. Never a bad request. */
final class Retriable {

    private Retriable() {}

    static boolean isRetriable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NonRetriableException) {
                return false;
            }
            if (t instanceof RetriableException
                    || t instanceof ConnectException
                    || t instanceof HttpTimeoutException
                    || t instanceof TimeoutException
                    || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
            if (t instanceof HttpException http) {
                return http.statusCode() == 429 || http.statusCode() >= 500;
            }
            if (t instanceof IOException) {
                return true; // the connection broke: the request may not have reached the provider at all
            }
        }
        return false;
    }
}
