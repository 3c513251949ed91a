package io.convgate.testkit;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Order;

/**
 * The order of test classes within one Quarkus test profile (Quarkus' secondary orderer): by {@link
 * Order} where a class has one, the others after them, all by class name. The process tests that
 * take longest start first and CrashIT last (decision 0062); every other class keeps the order by
 * name it always had.
 */
public final class LaneOrder implements ClassOrderer {

  /**
   * The lock the minute scenarios ({@code PaceScenariosIT}) hold alone and every other process test
   * shares: while they run, no other process test does, only the application lane beside them
   * (decision 0062). Their marks (100 calls in each second of 15) need a gateway the machine does
   * not starve; beside two other lanes on 2 cores it was starved for seconds.
   */
  public static final String PACE_WINDOW = "pace-window";

  @Override
  public void orderClasses(ClassOrdererContext context) {
    context
        .getClassDescriptors()
        .sort(
            Comparator.comparingInt(LaneOrder::order)
                .thenComparing(d -> d.getTestClass().getName()));
  }

  private static int order(ClassDescriptor descriptor) {
    return descriptor.findAnnotation(Order.class).map(Order::value).orElse(Order.DEFAULT);
  }
}
