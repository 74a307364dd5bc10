package dev.moat.user;

/**
 * Fired inside the transaction that forgets a user, so every feature deletes its rows of that user in the same
 * commit: the user is forgotten everywhere or nowhere.
 */
public record UserForgotten(Owner owner) {}
