package io.convgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the CLI tests against a {@link FakeAdminApi}: a fresh one for every test. */
abstract class FakeAdminApiTest {

  static final ObjectMapper JSON = new ObjectMapper();

  FakeAdminApi api;

  @BeforeEach
  void startApi() throws IOException {
    api = new FakeAdminApi();
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  /** Runs the CLI against the fake API with the key in CONVGATE_API_KEY, no terminal, no stdin. */
  CliRun cli(String... args) {
    return CliRun.run(api.url(), args);
  }

  /** Runs the CLI against the fake API with these variables added to its environment. */
  CliRun cli(Map<String, String> environment, String... args) {
    Map<String, String> env = new HashMap<>(environment);
    env.put("CONVGATE_URL", api.url());
    env.put("CONVGATE_API_KEY", CliRun.API_KEY);
    return CliRun.run(env, "", Terminal.none(), args);
  }

  /** Runs the CLI against the fake API with this stdin and terminal. */
  CliRun cli(String stdin, Terminal terminal, String... args) {
    return CliRun.run(api.url(), stdin, terminal, args);
  }

  /** The body of the only {@code method path} request, as JSON. */
  JsonNode sentJson(String method, String path) throws IOException {
    return JSON.readTree(api.only(method, path).body());
  }
}
