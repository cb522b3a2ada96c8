package dev.rapport.query.churn;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** One page of alerts, highest level first, then the longest-standing. */
public record ChurnAlertPage(
        @Schema(description = "at most the page size") List<ChurnAlert> items,
        @Schema(description = "pass as cursor for the next page; null on the last page") String nextCursor) {
}
