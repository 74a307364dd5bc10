package dev.moat.memory;

/**
 * What consolidating a statement into its slot does, given the memory that holds the slot now. Nothing is deleted: a
 * superseded memory keeps its history and gets a validTo.
 */
public enum SlotChange {
    /** Nothing holds for the slot: a new memory. */
    ADD,
    /** The holder says the same: the message becomes one more of its sources. */
    MERGE,
    /** A new memory, and the holder gets validTo = the statement's time. */
    ADD_SUPERSEDING,
    /** A new memory with validTo = the holder's time: it was true before the holder was said. */
    ADD_SUPERSEDED
}
