-- Calls that may have reached Hyros twice, by cause (docs/design.md, "Duplicates"). in_doubt_count
-- already counts the crash cause (a claim found unrecorded and sent again); these count calls sent
-- again in line after a call Hyros may have received: a read timeout, or a connection lost after
-- the request was written.
ALTER TABLE delivery_ledger
    ADD COLUMN timeout_repeats         integer NOT NULL DEFAULT 0,
    ADD COLUMN connection_lost_repeats integer NOT NULL DEFAULT 0;

-- The outcome function of V5 (docs/decisions/0022), with the two counts: still planned by key.
DROP FUNCTION record_delivery_outcomes(text[], text[], text[], integer[], integer[], text[], text[]);

CREATE FUNCTION record_delivery_outcomes(
    integration_ids          text[],
    idempotency_keys         text[],
    states                   text[],
    attempt_counts           integer[],
    http_statuses            integer[],
    request_ids              text[],
    errors                   text[],
    timeout_counts           integer[],
    connection_lost_counts   integer[])
RETURNS void
LANGUAGE plpgsql
SET enable_seqscan = off
SET enable_hashjoin = off
SET enable_mergejoin = off
AS $$
BEGIN
  UPDATE delivery_ledger AS l SET
    state = u.state,
    attempts = l.attempts + u.attempts,
    last_http_status = u.http_status,
    hyros_request_id = u.request_id,
    last_error = u.error,
    timeout_repeats = l.timeout_repeats + u.timeouts,
    connection_lost_repeats = l.connection_lost_repeats + u.connections_lost,
    updated_at = now(),
    delivered_at = CASE WHEN u.state = 'DELIVERED' THEN now() ELSE l.delivered_at END
  FROM unnest(integration_ids, idempotency_keys, states, attempt_counts, http_statuses,
              request_ids, errors, timeout_counts, connection_lost_counts)
    AS u(integration_id, idempotency_key, state, attempts, http_status, request_id, error,
         timeouts, connections_lost)
  WHERE l.integration_id = u.integration_id AND l.idempotency_key = u.idempotency_key
    AND l.state IN ('CLAIMED', 'PARKED');
END;
$$;
