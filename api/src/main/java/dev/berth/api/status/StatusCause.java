package dev.berth.api.status;

/** One entry of a Status's {@code details.causes}. Any part may be null. */
public record StatusCause(String reason, String message, String field) {}
