package io.convgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.convgate.ledger.LedgerKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class UnrecordedTest {

  private static final LedgerKey A = new LedgerKey("shop", "order:1");
  private static final LedgerKey B = new LedgerKey("shop", "order:2");
  private static final LedgerKey C = new LedgerKey("shop", "order:3");

  @Test
  void aUnitWithAKeyStillBeingRecordedWaitsForThatRecordOnly() {
    Unrecorded unrecorded = new Unrecorded();
    CompletableFuture<Void> first = new CompletableFuture<>();
    CompletableFuture<Void> unrelated = new CompletableFuture<>();
    CompletableFuture<Void> second = new CompletableFuture<>();
    assertThat(unrecorded.register(List.of(A, B), first)).isEmpty();
    assertThat(unrecorded.register(List.of(new LedgerKey("other", "order:9")), unrelated))
        .isEmpty();

    List<CompletableFuture<Void>> earlier = unrecorded.register(List.of(B, C), second);
    CompletableFuture<Void> claimed = unrecorded.await(earlier).subscribeAsCompletionStage();
    assertThat(claimed).isNotDone();

    unrecorded.done(List.of(A, B), first, null);
    assertThat(claimed).as("the unrelated unit is still recording").isCompleted();
  }

  @Test
  void keysRecordedAlreadyMakeNobodyWait() {
    Unrecorded unrecorded = new Unrecorded();
    CompletableFuture<Void> first = new CompletableFuture<>();
    unrecorded.register(List.of(A), first);
    unrecorded.done(List.of(A), first, null);

    assertThat(unrecorded.register(List.of(A), new CompletableFuture<>())).isEmpty();
  }

  @Test
  void aThirdUnitWaitsForTheLatestHolderOfTheKey() {
    Unrecorded unrecorded = new Unrecorded();
    CompletableFuture<Void> first = new CompletableFuture<>();
    CompletableFuture<Void> second = new CompletableFuture<>();
    unrecorded.register(List.of(A), first);
    unrecorded.register(List.of(A), second);
    unrecorded.done(List.of(A), first, null);

    assertThat(unrecorded.register(List.of(A), new CompletableFuture<>())).containsExactly(second);
  }

  @Test
  void aUnitWaitingForOneThatFailedFailsInsteadOfClaiming() {
    Unrecorded unrecorded = new Unrecorded();
    CompletableFuture<Void> first = new CompletableFuture<>();
    unrecorded.register(List.of(A), first);
    List<CompletableFuture<Void>> earlier =
        unrecorded.register(List.of(A), new CompletableFuture<>());
    CompletableFuture<Void> claimed = unrecorded.await(earlier).subscribeAsCompletionStage();

    unrecorded.done(List.of(A), first, new IllegalStateException("database gone"));

    assertThat(claimed).isCompletedExceptionally();
  }
}
