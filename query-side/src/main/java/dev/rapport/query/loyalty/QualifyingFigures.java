package dev.rapport.query.loyalty;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What counts toward a tier over the rolling 12 months ending at {@code asOf}: sales bought after
 * {@code windowStart} (a sale exactly 12 months old is out), computed when asked.
 */
public record QualifyingFigures(
        @Schema(description = "qualifying (base) points of the sales in the window, net of refunds") long points,
        @Schema(description = "sales in the window not refunded in full") int purchases,
        @Schema(description = "the window's start, exclusive: 12 calendar months (UTC) before asOf") Instant windowStart,
        @Schema(description = "the window's end: the time of the request") Instant asOf) {
}
