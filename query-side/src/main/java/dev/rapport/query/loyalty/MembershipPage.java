package dev.rapport.query.loyalty;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** One page of memberships in membership id order. */
public record MembershipPage(
        @Schema(description = "at most the page size") List<MembershipSummary> items,
        @Schema(description = "pass as after for the next page; null on the last page") String nextCursor) {
}
