package io.convgate.hyperaktiv;

import static io.convgate.destination.FailureClass.RETRYABLE;
import static io.convgate.destination.FailureClass.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.convgate.destination.FailureClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HyperaktivClassifierTest {

  @ParameterizedTest(name = "{0} (Retry-After: {1}) -> {2}")
  @CsvSource({
    "200, false, SUCCESS",
    "201, false, SUCCESS",
    "204, false, SUCCESS",
    "401, false, AUTH",
    "403, false, AUTH",
    "403, true, AUTH",
    "0, false, RETRYABLE",
    "408, false, RETRYABLE",
    "429, false, RETRYABLE",
    "429, true, RETRYABLE",
    "500, false, RETRYABLE",
    "502, false, RETRYABLE",
    "503, true, RETRYABLE",
    "504, false, RETRYABLE",
    "400, false, PERMANENT",
    "404, false, PERMANENT",
    "409, false, PERMANENT",
    "413, false, PERMANENT",
    "422, false, PERMANENT",
    "409, true, RETRYABLE",
    "423, true, RETRYABLE",
    "301, false, PERMANENT",
    "302, true, PERMANENT",
    "100, false, PERMANENT"
  })
  void classifies(int status, boolean retryAfter, FailureClass expected) {
    assertThat(HyperaktivClassifier.classify(status, retryAfter)).isEqualTo(expected);
  }

  @Test
  void everyStatusHasOneOutcomeAndOnlyTwoHundredsSucceed() {
    for (int status = 0; status < 600; status++) {
      for (boolean retryAfter : new boolean[] {false, true}) {
        FailureClass outcome = HyperaktivClassifier.classify(status, retryAfter);
        assertThat(outcome == SUCCESS).as("%d", status).isEqualTo(status >= 200 && status < 300);
        if (status >= 500) {
          assertThat(outcome).as("%d", status).isEqualTo(RETRYABLE);
        }
      }
    }
  }
}
