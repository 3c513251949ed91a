package io.convgate.destination;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * One call to a destination, ready to send, as it travels on the internal delivery topic and in the
 * park. The pipeline carries it as it is; only the destination's plug-in gives it meaning.
 *
 * @param operation the destination's name of the call (Hyros: a {@code HyrosOperation} name)
 * @param target what the call acts on when the path names it (Hyros: the refunded order's id); null
 *     otherwise. Read from {@code orderId} in commands parked before destinations existed.
 * @param parameter one more value the call needs outside its body (Hyros: the refunded amount as a
 *     plain decimal string); null otherwise. Read from {@code refundedAmount} likewise.
 * @param body the request body, as the bytes sent (JSON); null for a call without one. In a command
 *     stored as JSON it is the nested object itself.
 */
public record OutboundCall(
    String operation,
    @JsonAlias("orderId") String target,
    @JsonAlias("refundedAmount") String parameter,
    @JsonSerialize(using = RawJson.Writer.class) @JsonDeserialize(using = RawJson.Reader.class)
        byte[] body) {}
