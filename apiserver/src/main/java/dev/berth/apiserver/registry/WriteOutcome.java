package dev.berth.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The object a write produced (in the served version) and the HTTP status to answer with. */
public record WriteOutcome(ObjectNode object, int status) {}
