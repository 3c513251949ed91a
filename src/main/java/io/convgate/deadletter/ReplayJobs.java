package io.convgate.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import io.convgate.audit.AuditLog;
import io.convgate.ingest.EventAdmission;
import io.convgate.ingest.InputPublisher;
import io.convgate.ledger.DeliveryState;
import io.convgate.ledger.LedgerKey;
import io.convgate.ledger.LedgerLookup;
import io.convgate.pipeline.Periodic;
import io.convgate.support.LogSafe;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Replays dead letters as jobs. A replay checks each dead letter as the ingest stage would (an
 * event still invalid is not sent), asks the ledger (an event delivered since is skipped), resets
 * the ledger row of an event Hyros had refused, and writes the original record back to its input
 * topic, where it flows through the pipeline at the integration's pace like any event. The job then
 * follows the ledger until each sent event is delivered or refused again.
 */
@Singleton
public class ReplayJobs {

  private static final Logger LOGGER = Logger.getLogger(ReplayJobs.class);

  private final DeadLetterStore letters;
  private final ReplayStore jobs;
  private final EventAdmission admission;
  private final LedgerLookup ledger;
  private final InputPublisher publisher;
  private final AuditLog audit;
  private final ReplayConfig config;
  private final Periodic periodic;
  private final Set<String> following = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean checking = new AtomicBoolean();

  public ReplayJobs(
      DeadLetterStore letters,
      ReplayStore jobs,
      EventAdmission admission,
      LedgerLookup ledger,
      InputPublisher publisher,
      AuditLog audit,
      ReplayConfig config,
      Periodic periodic) {
    this.letters = letters;
    this.jobs = jobs;
    this.admission = admission;
    this.ledger = ledger;
    this.publisher = publisher;
    this.audit = audit;
    this.config = config;
    this.periodic = periodic;
  }

  /** One dead letter with what the replay will do with it. */
  record Planned(
      DeadLetterStore.Stored letter, ReplayPlan.Action action, String detail, LedgerKey key) {}

  void onStart(@Observes StartupEvent start) {
    periodic.every(config.followEvery(), this::check);
    // Abandoned jobs are rare: looking for them a few times per stale period is enough.
    periodic.every(
        Duration.ofMillis(Math.max(1000, config.staleAfter().toMillis() / 4)),
        () ->
            jobs.interruptStale(config.staleAfter())
                .subscribe()
                .with(
                    done -> {},
                    error ->
                        LOGGER.warnf(
                            "stale replay jobs not checked: %s",
                            LogSafe.of(error.getMessage(), LogSafe.TEXT))));
  }

  public Uni<ReplayPlan> dryRun(List<Long> ids, DeadLetterFilter filter) {
    // Counted chunk by chunk: only the counts and the first 1,000 items are kept, never payloads.
    int[] counts = new int[3];
    List<ReplayPlan.Item> items = new ArrayList<>();
    return letters
        .idsForReplay(ids, filter, config.maxPerJob())
        .chain(
            selected ->
                Multi.createFrom()
                    .iterable(chunks(selected))
                    .onItem()
                    .transformToUniAndConcatenate(chunk -> letters.load(chunk).chain(this::plan))
                    .onItem()
                    .invoke(
                        planned -> {
                          for (Planned p : planned) {
                            switch (p.action()) {
                              case SEND -> counts[0]++;
                              case ALREADY_DELIVERED, IN_PROGRESS -> counts[1]++;
                              case WOULD_FAIL -> counts[2]++;
                            }
                            if (items.size() < 1000) {
                              items.add(
                                  new ReplayPlan.Item(p.letter().id(), p.action(), p.detail()));
                            }
                          }
                        })
                    .collect()
                    .last()
                    .replaceWith(
                        () ->
                            new ReplayPlan(
                                counts[0] + counts[1] + counts[2],
                                counts[0],
                                counts[1],
                                counts[2],
                                List.copyOf(items))));
  }

  public Uni<ReplayJob> start(
      List<Long> ids, DeadLetterFilter filter, JsonNode request, String actor) {
    String jobId = "rpl_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    return letters
        .idsForReplay(ids, filter, config.maxPerJob())
        .chain(
            selected ->
                jobs.create(jobId, actor, request, selected)
                    .call(
                        () ->
                            audit.record(
                                actor,
                                "dead-letters.replay",
                                "replay " + jobId,
                                Map.of("request", request, "total", selected.size()),
                                "started"))
                    .invoke(
                        () -> {
                          following.add(jobId);
                          run(jobId, selected)
                              .subscribe()
                              .with(
                                  ignored -> {},
                                  error ->
                                      LOGGER.errorf(
                                          error,
                                          "replay %s stopped sending; it will be interrupted",
                                          LogSafe.of(jobId)));
                        }))
        .chain(() -> jobs.find(jobId))
        .map(found -> found.orElseThrow());
  }

  private List<List<Long>> chunks(List<Long> ids) {
    List<List<Long>> chunks = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += config.chunk()) {
      chunks.add(ids.subList(i, Math.min(ids.size(), i + config.chunk())));
    }
    return chunks;
  }

  /** Decides each dead letter's fate: admission first, then the ledger. */
  private Uni<List<Planned>> plan(List<DeadLetterStore.Stored> stored) {
    return Multi.createFrom()
        .iterable(stored)
        .onItem()
        .transformToUniAndConcatenate(
            letter ->
                admission
                    .admit(letter.original())
                    .map(
                        verdict -> {
                          if (verdict instanceof EventAdmission.Rejected rejected) {
                            return new Planned(
                                letter,
                                ReplayPlan.Action.WOULD_FAIL,
                                "still not accepted: "
                                    + rejected.error().getMessage()
                                    + " "
                                    + rejected.error().errors(),
                                null);
                          }
                          EventAdmission.Accepted accepted = (EventAdmission.Accepted) verdict;
                          return new Planned(
                              letter,
                              ReplayPlan.Action.SEND,
                              "will be sent to Hyros",
                              new LedgerKey(
                                  ledgerIntegration(letter, accepted),
                                  accepted.command().idempotencyKey()));
                        }))
        .collect()
        .asList()
        .chain(this::consultLedger);
  }

  /**
   * Whose ledger row the replay resets and follows: the integration the dead letter names (a routed
   * event's delivery failed for one of its targets; sent again through the input topic it goes to
   * every target, and the ledger skips the ones that have it, decision 0053), else the command's.
   */
  private static String ledgerIntegration(
      DeadLetterStore.Stored letter, EventAdmission.Accepted accepted) {
    return letter.integration() != null ? letter.integration() : accepted.command().integrationId();
  }

  private Uni<List<Planned>> consultLedger(List<Planned> planned) {
    List<LedgerKey> keys =
        planned.stream().filter(p -> p.key() != null).map(Planned::key).distinct().toList();
    return ledger
        .find(keys)
        .map(
            rows -> {
              List<Planned> out = new ArrayList<>(planned.size());
              for (Planned p : planned) {
                LedgerLookup.Entry row = p.key() == null ? null : rows.get(p.key());
                if (row == null || row.state() == DeliveryState.DEAD_LETTERED) {
                  out.add(p);
                } else if (row.state() == DeliveryState.DELIVERED) {
                  out.add(
                      new Planned(
                          p.letter(),
                          ReplayPlan.Action.ALREADY_DELIVERED,
                          "the ledger says it was delivered at " + row.updatedAt() + ": not sent",
                          p.key()));
                } else {
                  out.add(
                      new Planned(
                          p.letter(),
                          ReplayPlan.Action.IN_PROGRESS,
                          "the ledger says it is " + row.state() + " now: not sent",
                          p.key()));
                }
              }
              return out;
            });
  }

  /**
   * Sends a job's dead letters a chunk at a time, in dead-letter order: each chunk is loaded,
   * checked and sent before the next is read, so a large replay holds one chunk in memory.
   */
  private Uni<Void> run(String jobId, List<Long> selected) {
    return Multi.createFrom()
        .iterable(chunks(selected))
        .onItem()
        .transformToUniAndConcatenate(
            chunk ->
                letters.load(chunk).chain(this::plan).chain(planned -> runChunk(jobId, planned)))
        .collect()
        .last()
        .replaceWithVoid();
  }

  private Uni<Void> runChunk(String jobId, List<Planned> chunk) {
    List<Planned> send = chunk.stream().filter(p -> p.action() == ReplayPlan.Action.SEND).toList();
    return ledger
        .forgetDeadLettered(send.stream().map(Planned::key).toList())
        .chain(
            reset -> {
              List<Uni<Void>> acks = new ArrayList<>();
              for (Planned p : send) {
                acks.add(publisher.publish(p.letter().original()));
              }
              return acks.isEmpty()
                  ? Uni.createFrom().voidItem()
                  : Uni.join().all(acks).andFailFast().replaceWithVoid();
            })
        .chain(() -> jobs.settleChunk(jobId, chunk))
        .chain(() -> jobs.heartbeat(jobId));
  }

  /** Follows the jobs this instance runs; one check at a time. */
  private void check() {
    if (!checking.compareAndSet(false, true)) {
      return;
    }
    Uni<Void> work = Uni.createFrom().voidItem();
    for (String jobId : List.copyOf(following)) {
      work = work.chain(() -> follow(jobId));
    }
    work.subscribe()
        .with(
            ignored -> checking.set(false),
            error -> {
              checking.set(false);
              LOGGER.warnf(
                  "replay jobs not checked: %s", LogSafe.of(error.getMessage(), LogSafe.TEXT));
            });
  }

  private Uni<Void> follow(String jobId) {
    return jobs.confirmFromLedger(jobId)
        .chain(() -> jobs.heartbeat(jobId))
        .chain(() -> jobs.finishIfDone(jobId, config.followFor()))
        .chain(
            finished -> {
              if (finished.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              following.remove(jobId);
              ReplayJob job = finished.get();
              return audit.record(
                  job.requestedBy(),
                  "dead-letters.replay",
                  "replay " + jobId,
                  Map.of(
                      "total", job.total(),
                      "delivered", job.delivered(),
                      "skipped", job.skipped(),
                      "failed", job.failed()),
                  job.state());
            });
  }
}
