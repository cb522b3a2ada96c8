package dev.rapport.query.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

import dev.rapport.query.consistency.ReadsFrom;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit", description = "Tamper evidence: every stored event is linked into a SHA-256 hash chain as it is "
        + "stored (hash of the previous link and of the event's stored type, revision, aggregate id, sequence number, "
        + "timestamp, payload and metadata). Verification recomputes the chain and names the first broken position: "
        + "ALTERED (an event changed), MISSING_EVENT (an event deleted), MISSING_LINK (an event without a link), "
        + "BROKEN_LINKAGE (links removed or rewritten). Deleting the newest events together with their links "
        + "cannot be told from a shorter log.")
@ReadsFrom({})
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
class AuditController {

    private final EventChainVerifier verifier;
    private final AuditAccessLog accessLog;
    private final JsonMapper json;
    private final int progressEvery;
    private final Duration streamTimeout;

    AuditController(EventChainVerifier verifier, AuditAccessLog accessLog, JsonMapper json,
                    @Value("${rapport.audit.progress-every:10000}") int progressEvery,
                    @Value("${rapport.audit.stream-timeout:1h}") Duration streamTimeout) {
        if (progressEvery < 1) {
            throw new IllegalArgumentException("rapport.audit.progress-every must be at least 1, not " + progressEvery);
        }
        this.verifier = verifier;
        this.accessLog = accessLog;
        this.json = json;
        this.progressEvery = progressEvery;
        this.streamTimeout = streamTimeout;
    }

    @GetMapping(path = "/verify", produces = MediaType.APPLICATION_NDJSON_VALUE)
    @Operation(summary = "Verify the whole event log (NDJSON stream)",
            description = "One JSON object per line: a progress line `{\"checked\":…,\"position\":…}` after every "
                    + "rapport.audit.progress-every intact events (10000 by default), then the result line "
                    + "(ok, checked, firstBrokenPosition, problem, lastPosition). Stops at the first break. A stream "
                    + "that ends without a result line did not finish. Reads one snapshot: events appended meanwhile "
                    + "are left for the next verification.",
            responses = @ApiResponse(responseCode = "200", description = "progress lines, then the result",
                    content = @Content(mediaType = MediaType.APPLICATION_NDJSON_VALUE,
                            schema = @Schema(implementation = ChainVerification.class))))
    ResponseEntity<StreamingResponseBody> verifyLog(HttpServletRequest request) {
        // a large log takes longer than the servlet container's default async timeout (30 s on Tomcat)
        WebAsyncUtils.getAsyncManager(request).getAsyncWebRequest().setTimeout(streamTimeout.toMillis());
        accessLog.record(request, null, "VERIFY_LOG");
        StreamingResponseBody lines = out -> {
            ChainVerification result = verifier.verifyLog(progressEvery, progress -> writeLine(out, progress));
            writeLine(out, result);
        };
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_NDJSON).body(lines);
    }

    @GetMapping("/customers/{customerId}/verify")
    @Operation(summary = "Verify one customer's events",
            description = "Each of the customer's events (across all aggregates) must match its link, and each link must "
                    + "link to the link just below it. A deleted event's customer cannot be known, so two breaks "
                    + "anywhere in the log are reported too, whoever's event it was: a link without its event "
                    + "(MISSING_EVENT) and a link not linked to the one below it (BROKEN_LINKAGE: an event deleted "
                    + "with its link). A customer with no events is ok with checked 0.")
    ChainVerification verifyCustomer(@PathVariable String customerId, HttpServletRequest request) {
        accessLog.record(request, customerId, "VERIFY");
        return verifier.verifyCustomer(customerId);
    }

    private void writeLine(OutputStream out, Object value) {
        try {
            out.write(json.writeValueAsBytes(value));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
