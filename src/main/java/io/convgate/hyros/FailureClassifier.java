package io.convgate.hyros;

import io.convgate.destination.CallResult;
import io.convgate.destination.FailureClass;

/**
 * The one place that decides whether a Hyros outcome is a success, retryable, permanent or auth.
 */
public final class FailureClassifier {

  private static final int REQUEST_TIMEOUT = 408;
  private static final int TOO_MANY_REQUESTS = 429;
  private static final int UNAUTHORIZED = 401;
  private static final int FORBIDDEN = 403;

  private FailureClassifier() {}

  public static FailureClass classify(CallResult result) {
    int status = result.status();
    if (result.succeeded()) {
      return FailureClass.SUCCESS;
    }
    if (status == 0 || status == REQUEST_TIMEOUT || status == TOO_MANY_REQUESTS || status >= 500) {
      return FailureClass.RETRYABLE;
    }
    if (status == UNAUTHORIZED || status == FORBIDDEN) {
      return FailureClass.AUTH;
    }
    return FailureClass.PERMANENT;
  }
}
