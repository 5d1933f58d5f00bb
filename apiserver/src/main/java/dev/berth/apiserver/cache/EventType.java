package dev.berth.apiserver.cache;

/** Watch event types as the API names them. */
public enum EventType { ADDED, MODIFIED, DELETED }
