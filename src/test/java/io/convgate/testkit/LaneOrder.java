package io.convgate.testkit;

import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The order of test classes within one Quarkus test profile (Quarkus' secondary orderer): by {@link
 * Order} where a class has one, the others after them; then the classes that are not process tests
 * before those that are; then by class name. PaceScenariosIT starts first and CrashIT last
 * (decision 0062). The unit tests that run beside the application lane
 * ({@code @Execution(CONCURRENT)}, decision 0063) are taken before the other process tests, while
 * the second process lane would only wait for the pace window.
 */
public final class LaneOrder implements ClassOrderer {

  @Override
  public void orderClasses(ClassOrdererContext context) {
    context
        .getClassDescriptors()
        .sort(
            Comparator.comparingInt(LaneOrder::order)
                .thenComparing(LaneOrder::isProcessTest)
                .thenComparing(d -> d.getTestClass().getName()));
  }

  private static boolean isProcessTest(ClassDescriptor descriptor) {
    return descriptor.findRepeatableAnnotations(ExtendWith.class).stream()
        .anyMatch(e -> Arrays.asList(e.value()).contains(ProcessLanes.Lane.class));
  }

  private static int order(ClassDescriptor descriptor) {
    return descriptor.findAnnotation(Order.class).map(Order::value).orElse(Order.DEFAULT);
  }
}
