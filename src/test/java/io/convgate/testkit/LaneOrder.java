package io.convgate.testkit;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Order;

/**
 * The order of test classes within one Quarkus test profile (Quarkus' secondary orderer): by {@link
 * Order} where a class has one, the others after them, all by class name: PaceScenariosIT starts
 * first and CrashIT last (decision 0062); every other class keeps the order by name it always had.
 */
public final class LaneOrder implements ClassOrderer {

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
