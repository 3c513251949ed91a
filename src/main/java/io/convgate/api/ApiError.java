package io.convgate.api;

import java.util.List;

/**
 * The one error body of the HTTP API, for every 4xx and 5xx.
 *
 * @param status the HTTP status, repeated so a logged body stands alone
 * @param error a stable code: {@code bad-request}, {@code unauthorized}, {@code forbidden}, ...
 * @param message what is wrong and what to do about it
 * @param permission the permission the call needs (403 only)
 * @param fieldErrors what is wrong with which field of the request (400 only)
 */
public record ApiError(
    int status, String error, String message, String permission, List<Problem> fieldErrors) {

  /**
   * One field of a request that must change.
   *
   * @param pointer a JSON pointer into the request body (or {@code ?name} for a query parameter)
   * @param message what is wrong and what is expected
   */
  public record Problem(String pointer, String message) {}
}
