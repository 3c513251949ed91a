package io.convgate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.convgate.testkit.StackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.context.SmallRyeThreadContext;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.context.spi.ThreadContextProvider;
import org.junit.jupiter.api.Test;

/**
 * The running gateway propagates no thread context through Mutiny callbacks: with no provider in
 * the default plan, a callback is passed through as it is instead of being wrapped in a capture and
 * restore of every provider's state. A dependency that brings a provider back (JTA's came with
 * Flyway's pool) fails this test instead of silently costing the event loops a tenth of their CPU
 * (docs/decisions/0014).
 */
@QuarkusTest
@QuarkusTestResource(StackResource.class)
class ContextPropagationTest {

  @Test
  void theDefaultThreadContextPropagatesNothing() {
    SmallRyeThreadContext context =
        SmallRyeThreadContext.getCurrentThreadContextOrDefaultContexts();

    assertThat(context.isEmpty())
        .as(
            "thread-context providers in the default plan: propagated %s, cleared %s",
            types(context.getPlan().propagatedProviders), types(context.getPlan().clearedProviders))
        .isTrue();
    Function<String, String> callback = String::trim;
    assertThat(context.contextualFunction(callback)).isSameAs(callback);
  }

  private static List<String> types(Set<ThreadContextProvider> providers) {
    return providers.stream().map(ThreadContextProvider::getThreadContextType).toList();
  }
}
