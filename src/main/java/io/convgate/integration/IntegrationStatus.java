package io.convgate.integration;

/** Whether convgate sends for an integration. */
public enum IntegrationStatus {
  /** Events are delivered. */
  ACTIVE,
  /** An operator paused deliveries. */
  PAUSED,
  /** Hyros refused the key (401/403); deliveries wait for a new key. */
  AUTH_FAILED,
  /**
   * Hyros could not be asked whether it takes the key given (unreachable, 5xx, 429); deliveries
   * wait until it answers (asked again every {@code convgate.integrations.key-recheck-interval}).
   */
  KEY_UNCHECKED,
  /**
   * An operator retired it: its key is destroyed and nothing is sent for it again; its events are
   * dead-lettered. Final: the row stays so the id is never reused (decision 0035).
   */
  RETIRED
}
