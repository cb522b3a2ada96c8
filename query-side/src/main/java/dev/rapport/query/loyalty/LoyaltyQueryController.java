package dev.rapport.query.loyalty;

import dev.rapport.events.loyalty.Tier;
import dev.rapport.platform.web.NotFound;
import dev.rapport.query.Projections;
import dev.rapport.query.consistency.ReadsFrom;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Loyalty queries", description = "Memberships, tiers, points and their expiry")
@ReadsFrom(Projections.LOYALTY_VIEW)
class LoyaltyQueryController {

    private static final String FIGURES_AS_OF_NOW = " Qualifying points and purchases cover the rolling 12 months ending at"
            + " the time of the request; the expiry schedule lists the points still to expire, per month. 404 when no such"
            + " membership has been projected.";

    private final MembershipQueries queries;

    LoyaltyQueryController(MembershipQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/memberships/{membershipId}")
    @Operation(summary = "One membership: tier, points, progress to the next tier, expiry schedule", description = FIGURES_AS_OF_NOW)
    MembershipDetails get(@PathVariable String membershipId) {
        return queries.byId(membershipId).orElseThrow(() -> new NotFound("Membership", membershipId));
    }

    @GetMapping("/api/customers/{customerId}/membership")
    @Operation(summary = "A customer's membership", description = FIGURES_AS_OF_NOW)
    MembershipDetails getByCustomer(@PathVariable String customerId) {
        return queries.byCustomer(customerId).orElseThrow(() -> new NotFound("Membership of customer", customerId));
    }

    @GetMapping("/api/memberships")
    @Operation(summary = "Memberships by membership id, page by page",
            description = "Keyset pagination: pass the previous page's nextCursor as cursor; ids never change, so a listing"
                    + " never repeats or skips a membership. Filters combine.")
    MembershipPage list(
            @Parameter(description = "only members holding this tier (a granted tier counts)") @RequestParam(required = false) Tier tier,
            @Parameter(description = "only members with at least this points balance") @RequestParam(required = false) Long minBalance,
            @Parameter(description = "the nextCursor of the previous page; absent for the first") @RequestParam(required = false) @Size(max = 400) String cursor,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return queries.list(new MembershipViews.Filter(tier, minBalance), cursor, size);
    }

    @GetMapping("/api/loyalty/tier-distribution")
    @Operation(summary = "Members per tier held, every tier listed")
    TierDistribution tierDistribution() {
        return queries.tierDistribution();
    }
}
