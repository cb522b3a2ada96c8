package dev.rapport.command.loyalty;

import java.time.Instant;

import dev.rapport.events.loyalty.Tier;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A tier granted by hand; who granted it is the request's actor. */
@Schema(example = """
        {"tier": "GOLD", "reason": "Status match: Gold with a partner airline", "expiresAt": "2027-06-30T23:59:59Z"}""")
record TierGrantRequest(@NotNull Tier tier, @NotBlank @Size(max = 500) String reason, @NotNull Instant expiresAt) {
}
