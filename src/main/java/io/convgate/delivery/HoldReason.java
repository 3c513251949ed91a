package io.convgate.delivery;

/** Why an integration's deliveries are held back (parked) instead of sent. */
public enum HoldReason {
  /** Hyros kept failing for this integration (I/O, timeouts, 5xx, 429): probe, then resume. */
  CIRCUIT_OPEN("circuit-open"),
  /** Hyros refused the key (401/403): wait for a new key. */
  AUTH_FAILED("auth-failed"),
  /** Hyros could not yet be asked whether it takes a newly given key: wait for its answer. */
  KEY_UNCHECKED("key-unchecked"),
  /** An operator paused the integration. */
  PAUSED("paused"),
  /** Older deliveries are parked: newer ones queue behind them to keep the order. */
  BACKLOG("backlog");

  private final String code;

  HoldReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
