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
   * An operator retired it: its key is destroyed and nothing is sent for it again; its events are
   * dead-lettered. Final: the row stays so the id is never reused (decision 0035).
   */
  RETIRED
}
