package io.convgate.integration;

/** Whether convgate sends for an integration. */
public enum IntegrationStatus {
  /** Events are delivered. */
  ACTIVE,
  /** An operator paused deliveries. */
  PAUSED,
  /** Hyros refused the key (401/403); deliveries wait for a new key. */
  AUTH_FAILED
}
