package io.convgate.testkit;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Order;

/**
 * The order of test classes within one Quarkus test profile (Quarkus' secondary orderer), in three
 * groups, each by {@link Order} where a class has one (the others after them), then by name:
 *
 * <ol>
 *   <li>the minute scenarios (PaceScenariosIT), which start at once (decision 0062);
 *   <li>the classes that are not process tests: the application tests, and the unit tests that run
 *       beside their lane ({@code @Execution(CONCURRENT)}), which then fill the process lanes while
 *       those wait for the pace window (decision 0063);
 *   <li>the process tests, longest first by their {@code @Order} (decision 0063).
 * </ol>
 */
public final class LaneOrder implements ClassOrderer {

  @Override
  public void orderClasses(ClassOrdererContext context) {
    context
        .getClassDescriptors()
        .sort(
            Comparator.comparingInt(LaneOrder::group)
                .thenComparingInt(LaneOrder::order)
                .thenComparing(d -> d.getTestClass().getName()));
  }

  private static int group(ClassDescriptor descriptor) {
    if (descriptor.getTestClass().getName().equals(ProcessLanes.SCENARIOS)) {
      return 0;
    }
    return ProcessLanes.isProcessTest(descriptor.getTestClass()) ? 2 : 1;
  }

  private static int order(ClassDescriptor descriptor) {
    return descriptor.findAnnotation(Order.class).map(Order::value).orElse(Order.DEFAULT);
  }
}
