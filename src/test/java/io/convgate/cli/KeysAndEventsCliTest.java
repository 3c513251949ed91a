package io.convgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysAndEventsCliTest extends FakeAdminApiTest {

  private static final String SECRET = "cgw_zz99yy88xx_NEWSECRETnewsecretNEWSECRETnewsecret0123";

  private static final String KEY =
      """
      {"id": "zz99yy88xx", "prefix": "cgw_zz99yy88xx", "name": "billing", "kind": "RESTRICTED",
       "permissions": ["events:write"], "ownerType": "MACHINE", "owner": "billing-service",
       "createdAt": "2026-11-23T07:00:00Z", "createdBy": "cgw_ab12cd34ef",
       "lastUsedAt": null, "revokedAt": null""";

  @Test
  void keysCreatePrintsTheSecretOnceWithAWarning() throws Exception {
    api.answer("POST", "/api/v1/api-keys", 201, KEY + ", \"secret\": \"" + SECRET + "\"}");

    CliRun run =
        cli(
            "keys",
            "create",
            "--name",
            "billing",
            "--kind",
            "RESTRICTED",
            "--permission",
            "events:write",
            "--owner-type",
            "MACHINE",
            "--owner",
            "billing-service");

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(sentJson("POST", "/api/v1/api-keys"))
        .isEqualTo(
            JSON.readTree(
                """
                {"name": "billing", "kind": "RESTRICTED", "permissions": ["events:write"],
                 "ownerType": "MACHINE", "owner": "billing-service"}"""));
    assertThat(run.out.strip()).isEqualTo(SECRET);
    assertThat(run.err).contains("cannot be shown again").contains("zz99yy88xx");
  }

  @Test
  void aRestrictedKeyWithoutPermissionIsAUsageError() {
    CliRun run =
        cli(
            "keys",
            "create",
            "--name",
            "x",
            "--kind",
            "RESTRICTED",
            "--owner-type",
            "PERSON",
            "--owner",
            "ana@example.com");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void keysListAndRevoke() {
    api.answer("GET", "/api/v1/api-keys", 200, "{\"items\": [" + KEY + "}]}");
    api.answer(
        "DELETE",
        "/api/v1/api-keys/zz99yy88xx",
        200,
        KEY.replace("\"revokedAt\": null", "\"revokedAt\": \"2026-11-23T08:00:00Z\"") + "}");

    CliRun list = cli("keys", "list");
    CliRun revoke = cli("keys", "revoke", "zz99yy88xx");

    assertThat(list.exitCode).as(list.toString()).isZero();
    assertThat(list.out.split("\n")[1])
        .contains("zz99yy88xx", "billing", "RESTRICTED", "events:write", "MACHINE billing-service");
    assertThat(revoke.exitCode).as(revoke.toString()).isZero();
    assertThat(revoke.out).contains("Revoked key zz99yy88xx (billing) at 2026-11-23T08:00:00Z.");
    assertThat(api.requests("DELETE", "/api/v1/api-keys/zz99yy88xx")).hasSize(1);
  }

  @Test
  void eventsSendPostsTheFileAndPrintsTheAcceptedIds(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sale.json");
    Files.writeString(
        file, "{\"specversion\": \"1.0\", \"id\": \"evt_1\", \"type\": \"sale.completed\"}");
    api.answer("POST", "/api/v1/events", 202, "{\"accepted\": [\"evt_1\"]}");

    CliRun run = cli("events", "send", file.toString());

    assertThat(run.exitCode).as(run.toString()).isZero();
    FakeAdminApi.Request request = api.only("POST", "/api/v1/events");
    assertThat(request.header("Content-Type")).isEqualTo("application/cloudevents+json");
    assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree(Files.readString(file)));
    assertThat(run.out).contains("Accepted 1 event:").contains("evt_1");
  }

  @Test
  void aRejectedBatchPrintsEachFieldErrorWithTheEventId(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("batch.json");
    Files.writeString(
        file, "[{\"id\": \"evt_1\"}, {\"id\": \"evt_2\", \"data\": {\"email\": \"nope\"}}]");
    api.answer(
        "POST",
        "/api/v1/events",
        400,
        """
        {"status": 400, "error": "bad-request", "message": "1 of 2 events is invalid; none was published",
         "fieldErrors": [{"pointer": "/1/data/email", "message": "is not an email address"}]}""");

    CliRun run = cli("events", "send", file.toString());

    assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
    assertThat(api.only("POST", "/api/v1/events").header("Content-Type"))
        .isEqualTo("application/cloudevents-batch+json");
    assertThat(run.err)
        .contains("error: 1 of 2 events is invalid; none was published")
        .contains("  /1/data/email (event evt_2): is not an email address");
  }

  @Test
  void aFileThatIsNotJsonIsAUsageError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{not json");

    CliRun run = cli("events", "send", file.toString());

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err).contains("is not JSON");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void keysGenerateMakesAFreshWellFormedKeyWithoutCallingConvgate() {
    CliRun first = cli("keys", "generate");
    CliRun second = cli("keys", "generate");

    assertThat(first.exitCode).isZero();
    assertThat(first.out.trim()).matches("cgw_[a-z0-9]{10}_[A-Za-z0-9]{40}");
    assertThat(second.out.trim()).isNotEqualTo(first.out.trim());
    assertThat(api.requests()).as("offline").isEmpty();
  }
}
