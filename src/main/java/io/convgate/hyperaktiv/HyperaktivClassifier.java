package io.convgate.hyperaktiv;

import io.convgate.destination.CallResult;
import io.convgate.destination.FailureClass;

/**
 * The one place that decides what a Hyperaktiv answer means. Hyperaktiv documents no status codes,
 * so this is HTTP's own meaning, read conservatively (decision 0052):
 *
 * <ul>
 *   <li>2xx: delivered. The body is not read: no success body is documented.
 *   <li>401, 403: the workspace key ({@link FailureClass#AUTH}).
 *   <li>0 (no answer: I/O error, timeout), 408, 429 and 5xx: retryable.
 *   <li>Any other 4xx (400, 404 for an unknown origin ref, 409, 422, ...): permanent, unless the
 *       answer carries {@code Retry-After}: the server itself then says the refusal is temporary.
 *   <li>1xx and 3xx (no redirect is followed: a moved API is a configuration matter): permanent, so
 *       the events wait in the dead-letter topic for a replay.
 * </ul>
 */
public final class HyperaktivClassifier {

  private static final int NO_ANSWER = 0;
  private static final int UNAUTHORIZED = 401;
  private static final int FORBIDDEN = 403;
  private static final int REQUEST_TIMEOUT = 408;
  private static final int TOO_MANY_REQUESTS = 429;

  private HyperaktivClassifier() {}

  /** What an outcome means: its status, and whether it carried {@code Retry-After}. */
  public static FailureClass classify(CallResult result) {
    return classify(result.status(), result.retryAfter() != null);
  }

  /**
   * @param status the HTTP status; 0 when no answer came
   * @param retryAfter whether the answer had a {@code Retry-After} header
   */
  public static FailureClass classify(int status, boolean retryAfter) {
    if (status >= 200 && status < 300) {
      return FailureClass.SUCCESS;
    }
    if (status == UNAUTHORIZED || status == FORBIDDEN) {
      return FailureClass.AUTH;
    }
    if (status == NO_ANSWER
        || status == REQUEST_TIMEOUT
        || status == TOO_MANY_REQUESTS
        || status >= 500) {
      return FailureClass.RETRYABLE;
    }
    if (status >= 400 && retryAfter) {
      return FailureClass.RETRYABLE;
    }
    return FailureClass.PERMANENT;
  }
}
