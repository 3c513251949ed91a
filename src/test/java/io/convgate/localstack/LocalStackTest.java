package io.convgate.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.convgate.apikey.KeyFormat;
import io.convgate.testkit.TestStack;
import org.junit.jupiter.api.Test;

/** The local stack's admin key: its own at each start, printed as the line to paste. */
class LocalStackTest {

  @Test
  void eachStartHasItsOwnAdminKeyAndPrintsTheLineToUseIt() {
    String first = LocalStack.newAdminKey();
    String second = LocalStack.newAdminKey();

    assertThat(KeyFormat.parse(first)).as("a gateway key").isPresent();
    assertThat(first).isNotEqualTo(second).isNotEqualTo(TestStack.ADMIN_KEY);
    assertThat(LocalStack.banner(first))
        .contains("export CONVGATE_API_KEY=" + first + "\n")
        .contains("workstation only")
        .doesNotContain(TestStack.ADMIN_KEY);
  }
}
