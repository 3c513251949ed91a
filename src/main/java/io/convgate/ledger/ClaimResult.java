package io.convgate.ledger;

import java.util.Set;

/**
 * What a batch claim found.
 *
 * @param claimed keys never seen before: send them
 * @param inDoubt keys claimed earlier but never confirmed (the process stopped between sending and
 *     recording): whether Hyros received them is unknown; by policy they are sent again
 * @param done keys whose delivery already ended (delivered or rejected): skip them
 * @param parkedBacklogs the batch's integrations that had deliveries parked when it was claimed:
 *     new deliveries of these queue behind the park, to keep their order
 */
public record ClaimResult(
    Set<LedgerKey> claimed,
    Set<LedgerKey> inDoubt,
    Set<LedgerKey> done,
    Set<String> parkedBacklogs) {

  public boolean shouldSend(LedgerKey key) {
    return claimed.contains(key) || inDoubt.contains(key);
  }
}
