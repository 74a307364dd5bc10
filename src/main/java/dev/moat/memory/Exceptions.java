package dev.moat.memory;

import java.sql.SQLException;

/** What a database failure was, read from the SQL state in its causes (the same codes in H2 and PostgreSQL). */
final class Exceptions {

    private Exceptions() {}

    /** True when a unique index refused the write (SQL state 23505): another writer got there first. */
    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
