package io.convgate.hyperaktiv;

/**
 * One event mapped for Hyperaktiv: the body to post, and the keys the delivery stage dedupes and
 * orders by. The keys are the ones Hyros' lead gets ({@code io.convgate.mapping.EventMapper#lead}),
 * so an event sent to both destinations is one delivery per destination, in the same lane.
 *
 * @param body the body of {@code POST /api/v1/leads?ref=...}
 * @param idempotencyKey {@code lead:<event id>}
 * @param orderingKey {@code contact:<email, trimmed and lower-cased>}
 */
public record HyperaktivCall(HyperaktivLead body, String idempotencyKey, String orderingKey) {

  /** The operation name this call is known by in logs, metrics and dead letters. */
  public static final String OPERATION = "hyperaktiv.create-lead";
}
