package io.convgate.hyros;

import static org.assertj.core.api.Assertions.assertThat;

import io.convgate.destination.CallResult;
import io.convgate.destination.FailureClass;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

  private static FailureClass classify(int status) {
    return FailureClassifier.classify(new CallResult(status, null, List.of(), null, null));
  }

  @Test
  void successes() {
    assertThat(classify(200)).isEqualTo(FailureClass.SUCCESS);
    assertThat(classify(201)).isEqualTo(FailureClass.SUCCESS);
  }

  @Test
  void retryable() {
    for (int status : new int[] {0, 408, 429, 500, 502, 503}) {
      assertThat(classify(status)).as("status %d", status).isEqualTo(FailureClass.RETRYABLE);
    }
  }

  @Test
  void ioFailureIsRetryable() {
    CallResult io = CallResult.ioFailure(new IOException("connection reset"));
    assertThat(io.status()).isZero();
    assertThat(FailureClassifier.classify(io)).isEqualTo(FailureClass.RETRYABLE);
  }

  @Test
  void tooManyRequestsWithRetryAfterIsRetryable() {
    CallResult result =
        new CallResult(429, null, List.of("slow down"), Duration.ofSeconds(3), null);
    assertThat(FailureClassifier.classify(result)).isEqualTo(FailureClass.RETRYABLE);
  }

  @Test
  void auth() {
    assertThat(classify(401)).isEqualTo(FailureClass.AUTH);
    assertThat(classify(403)).isEqualTo(FailureClass.AUTH);
  }

  @Test
  void permanent() {
    for (int status : new int[] {400, 404, 409, 422}) {
      assertThat(classify(status)).as("status %d", status).isEqualTo(FailureClass.PERMANENT);
    }
  }
}
