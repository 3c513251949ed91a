package io.convgate.api;

import java.util.Locale;
import java.util.Optional;

/**
 * One permission, written {@code resource:access}, e.g. {@code dead-letters:write}. Write includes
 * read.
 */
public record Permission(Resource resource, Access access) {

  public String code() {
    return resource.code() + ":" + access.code();
  }

  /** Whether holding this permission allows what {@code needed} asks for. */
  public boolean covers(Permission needed) {
    return resource == needed.resource && (access == Access.WRITE || needed.access == Access.READ);
  }

  public static Optional<Permission> parse(String code) {
    int colon = code == null ? -1 : code.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    Optional<Resource> resource = Resource.fromCode(code.substring(0, colon));
    String access = code.substring(colon + 1).toUpperCase(Locale.ROOT);
    if (resource.isEmpty() || !(access.equals("READ") || access.equals("WRITE"))) {
      return Optional.empty();
    }
    return Optional.of(new Permission(resource.get(), Access.valueOf(access)));
  }

  @Override
  public String toString() {
    return code();
  }
}
