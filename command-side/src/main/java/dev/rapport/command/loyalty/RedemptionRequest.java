package dev.rapport.command.loyalty;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Points to spend and what on. */
@Schema(example = """
        {"points": 1200, "reference": "reward/lounge-pass-2026-0412"}""")
record RedemptionRequest(@NotNull @Positive Long points, @NotBlank @Size(max = 200) String reference) {
}
