package dev.rapport.command.loyalty;

import dev.rapport.events.loyalty.PointsSource;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Bonus points to credit: the source is CAMPAIGN or COMPLAINT_COMPENSATION; a reference is credited once. */
@Schema(example = """
        {"points": 500, "source": "CAMPAIGN", "reference": "SPRING-2026"}""")
record BonusPointsRequest(@NotNull @Positive Long points, @NotNull PointsSource source, @NotBlank @Size(max = 100) String reference) {
}
