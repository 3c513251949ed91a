package io.convgate.event;

/**
 * The attributes that identify an event, as far as they could be read (each may be null), so that a
 * refused event can still be found by its id, type and integration.
 */
public record EventIdentity(String id, String type, String integration) {

  public static final EventIdentity UNKNOWN = new EventIdentity(null, null, null);
}
