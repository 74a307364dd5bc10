package dev.moat.provider;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/** Token counts with OpenAI's cl100k encoding: the estimate wherever a provider reports none. */
public final class Tokens {

    private static final Encoding CL100K =
            Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    private Tokens() {}

    public static int count(String text) {
        return CL100K.countTokens(text);
    }
}
