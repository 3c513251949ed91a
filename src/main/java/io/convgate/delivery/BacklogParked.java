package io.convgate.delivery;

/**
 * An integration held for a backlog has its deliveries durably parked and no release under way: the
 * release may start now, not at its next check (decision 0060).
 */
record BacklogParked(String integrationId) {}
