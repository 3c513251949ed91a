package io.convgate.ratelimit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test moves it, to the millisecond. */
final class MutableClock extends Clock {

  private long millis;

  MutableClock(long startMillis) {
    this.millis = startMillis;
  }

  void setMillis(long millis) {
    this.millis = millis;
  }

  void advanceMillis(long delta) {
    this.millis += delta;
  }

  @Override
  public long millis() {
    return millis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
