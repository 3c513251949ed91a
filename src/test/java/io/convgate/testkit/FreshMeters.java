package io.convgate.testkit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Each Quarkus application a test JVM starts begins with no meters, as a deployed gateway does
 * (decision 0055).
 *
 * <p>Quarkus' test framework keeps one base class loader per test profile and reuses it when the
 * JVM comes back to that profile: a class without a profile after a {@code @TestProfile} class gets
 * the class loader, and so Micrometer's static global registry, of the first application without a
 * profile. At shutdown Quarkus detaches its Prometheus registry from that global registry but keeps
 * the meters (it drops them in dev mode only). The next application's gauges then find the old
 * application's meters under their names, whose state is weakly held and gone: the gauge is not
 * created again, and its series (the declared sources' last-event time, the heartbeats) is missing
 * from the scrape. Counters come back at zero. Dropping the meters when an application stops gives
 * the next one a clean registry.
 */
@ApplicationScoped
public class FreshMeters {

  void dropMeters(@Observes ShutdownEvent event) {
    for (Meter meter : Metrics.globalRegistry.getMeters()) {
      Metrics.globalRegistry.remove(meter);
    }
  }
}
