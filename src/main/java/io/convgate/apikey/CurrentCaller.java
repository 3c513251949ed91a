package io.convgate.apikey;

import jakarta.enterprise.context.RequestScoped;

/** The key that made the current API request, set by the {@link AuthFilter}. */
@RequestScoped
public class CurrentCaller {

  private ApiKey key;

  void set(ApiKey key) {
    this.key = key;
  }

  public ApiKey key() {
    if (key == null) {
      throw new IllegalStateException("no authenticated caller on this request");
    }
    return key;
  }

  /** How audit rows name the caller. */
  public String actor() {
    return key().actor();
  }
}
