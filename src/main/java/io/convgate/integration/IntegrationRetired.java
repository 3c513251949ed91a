package io.convgate.integration;

import java.time.Instant;

/**
 * Fired (a CDI event) on the instance that retired an integration, so its delivery stage stops
 * sending for it at once; other instances learn it from the database, as of any status change.
 *
 * @param integrationId the integration
 * @param at when it was retired
 */
public record IntegrationRetired(String integrationId, Instant at) {}
