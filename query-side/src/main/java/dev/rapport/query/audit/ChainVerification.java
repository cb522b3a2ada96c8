package dev.rapport.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The outcome of recomputing the event hash chain.
 *
 * @param ok                  whether every event checked is intact
 * @param checked             how many events were found intact
 * @param firstBrokenPosition the global index of the first break; absent when ok
 * @param problem             what is wrong there; absent when ok
 * @param lastPosition        the highest position found intact; absent when none was
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The outcome of a verification: ok, or the first position where the chain is broken and how")
public record ChainVerification(boolean ok, long checked, Long firstBrokenPosition, ChainProblem problem, Long lastPosition) {

    static ChainVerification intact(long checked, Long lastPosition) {
        return new ChainVerification(true, checked, null, null, lastPosition);
    }

    static ChainVerification broken(long checked, long position, ChainProblem problem, Long lastPosition) {
        return new ChainVerification(false, checked, position, problem, lastPosition);
    }
}
