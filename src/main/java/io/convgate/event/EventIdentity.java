package io.convgate.event;

/**
 * The attributes that identify an event, as far as they could be read (each may be null), so that a
 * refused event can still be found by its id, type and integration, and counted by its source.
 */
public record EventIdentity(String id, String type, String integration, String source) {

  public static final EventIdentity UNKNOWN = new EventIdentity(null, null, null, null);
}
