package io.convgate.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final MutableClock clock = new MutableClock(1_800_000_000_000L);
  private final RateLimiter limiter =
      new RateLimiter(clock, Duration.ofMillis(5), Duration.ofMillis(10));

  private static List<WindowLimit> perSecond(int requests) {
    return List.of(new WindowLimit(requests, Duration.ofSeconds(1)));
  }

  @Test
  void changedLimitsTakeEffectWithAColdPacerThatIsNotWarmedByTheOldPacersResponses() {
    assertThat(limiter.tryAcquire("shop", () -> perSecond(2))).isZero();
    limiter.release("shop");
    assertThat(limiter.tryAcquire("shop", () -> perSecond(2))).isZero();
    assertThat(limiter.tryAcquire("shop", () -> perSecond(2))).as("2 per second used").isPositive();

    // An operator raised the limit while one request of the old pacer is still out.
    assertThat(limiter.tryAcquire("shop", () -> perSecond(5))).isZero();
    assertThat(limiter.snapshot().get("shop").get(0).limit().requests()).isEqualTo(5);
    assertThat(limiter.tryAcquire("shop", () -> perSecond(5)))
        .as("cold: one request alone until its response")
        .isEqualTo(Duration.ofMillis(10));
    limiter.release("shop");
    assertThat(limiter.tryAcquire("shop", () -> perSecond(5))).isZero();
  }
}
