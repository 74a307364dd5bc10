package dev.moat.security;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, set by {@link AuthFilter} before any resource runs. */
@RequestScoped
public class CallerContext {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    /** The caller; outside an authenticated request, none, and asking is a bug. */
    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("no caller: the request did not pass the auth filter");
        }
        return caller;
    }
}
