package dev.moat.support;

import java.util.UUID;

/** User ids no other test (or earlier run on a shared database) uses. */
public final class Users {

    private Users() {}

    public static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
