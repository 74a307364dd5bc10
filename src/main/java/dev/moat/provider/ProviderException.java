package dev.moat.provider;

import dev.moat.problem.ProblemException;
import java.util.List;

/** A provider could not be used: unknown (400) or every provider tried failed (502). */
public final class ProviderException extends ProblemException {

    private ProviderException(int status, String title, String detail) {
        super(status, title, detail);
    }

    public static ProviderException unknown(String name, List<String> configured) {
        return new ProviderException(
                400, "Unknown provider", "No provider is named '" + name + "'; configured: " + configured + ".");
    }

    public static ProviderException allFailed(List<String> tried, String lastError) {
        return new ProviderException(
                502,
                "No provider answered",
                "Tried " + String.join(", ", tried) + "; the last said: " + lastError
                        + ". Your message was kept in your memory.");
    }

    public static ProviderException rejected(String provider, String error) {
        return new ProviderException(
                502,
                "Provider refused the request",
                "Provider '" + provider + "' refused the request (not retried elsewhere): " + error
                        + ". Your message was kept in your memory.");
    }
}
