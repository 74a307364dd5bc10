package dev.moat.portability;

/** What an import added; memoriesSkipped were already there (the same passport imported twice adds nothing). */
public record ImportResult(
        int memoriesAdded, int memoriesSkipped, int sessionsAdded, int messagesAdded, int eventsAdded) {}
