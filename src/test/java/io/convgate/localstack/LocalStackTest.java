package io.convgate.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.convgate.apikey.KeyFormat;
import io.convgate.testkit.TestHttp;
import io.convgate.testkit.TestStack;
import io.convgate.testkit.sandbox.hyperaktiv.HyperaktivSandbox;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

  @Test
  void theBannerSaysWhereHyperaktivIsAndWhichDemoWorkspaceItAccepts() throws Exception {
    assertThat(LocalStack.banner(LocalStack.newAdminKey()))
        .contains("Hyperaktiv sandbox   http://127.0.0.1:18090")
        .contains("convgate.hyperaktiv.url")
        .contains(
            "workspace key "
                + LocalStack.DEMO_HYPERAKTIV_KEY
                + ", origin ref "
                + LocalStack.DEMO_HYPERAKTIV_REF);

    try (HyperaktivSandbox sandbox = LocalStack.startHyperaktiv(0)) {
      HttpRequest lead =
          HttpRequest.newBuilder(
                  URI.create(
                      sandbox.baseUrl()
                          + HyperaktivSandbox.LEADS_PATH
                          + "?ref="
                          + LocalStack.DEMO_HYPERAKTIV_REF))
              .header("Authorization", "Bearer " + LocalStack.DEMO_HYPERAKTIV_KEY)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"Email\":\"sam.lee@example.com\"}"))
              .build();
      int status =
          TestHttp.client().send(lead, HttpResponse.BodyHandlers.discarding()).statusCode();
      assertThat(status).as("the printed key and ref work").isEqualTo(200);
      assertThat(sandbox.leads(LocalStack.DEMO_HYPERAKTIV_KEY, LocalStack.DEMO_HYPERAKTIV_REF))
          .hasSize(1);
    }
  }
}
