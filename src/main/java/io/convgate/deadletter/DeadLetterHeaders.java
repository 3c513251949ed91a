package io.convgate.deadletter;

/**
 * Header names of dead letters. The {@code dead-letter-*} names are SmallRye Reactive Messaging's,
 * so tools that understand its dead-letter queue understand ours; the {@code convgate-*} names add
 * what an operator needs to act.
 */
public final class DeadLetterHeaders {

  public static final String REASON = "dead-letter-reason";
  public static final String CAUSE = "dead-letter-cause";
  public static final String CAUSE_CLASS = "dead-letter-cause-class-name";
  public static final String TOPIC = "dead-letter-topic";
  public static final String PARTITION = "dead-letter-partition";
  public static final String OFFSET = "dead-letter-offset";

  public static final String REASON_CODE = "convgate-reason-code";
  public static final String STAGE = "convgate-stage";
  public static final String FIELD_ERRORS = "convgate-field-errors";
  public static final String HTTP_STATUS = "convgate-http-status";
  public static final String HYROS_MESSAGES = "convgate-hyros-messages";
  public static final String ATTEMPTS = "convgate-attempts";
  public static final String FIRST_ATTEMPT = "convgate-first-attempt-at";
  public static final String LAST_ATTEMPT = "convgate-last-attempt-at";
  public static final String INTEGRATION = "convgate-integration";
  public static final String EVENT_ID = "convgate-event-id";
  public static final String EVENT_TYPE = "convgate-event-type";

  private DeadLetterHeaders() {}

  /** Whether a header was added by convgate when dead-lettering (not the producer's own). */
  public static boolean isAddedByConvgate(String name) {
    return name.startsWith("dead-letter-") || name.startsWith("convgate-");
  }
}
