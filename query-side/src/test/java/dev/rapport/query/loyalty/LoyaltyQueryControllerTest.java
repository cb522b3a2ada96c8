package dev.rapport.query.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.rapport.events.loyalty.Tier;
import dev.rapport.platform.web.ProblemDetailsAdvice;
import dev.rapport.query.ProjectionDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class LoyaltyQueryControllerTest {

    private static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");
    private static final Instant ENROLLED = Instant.parse("2025-06-01T09:00:00Z");

    private final JdbcClient jdbc = ProjectionDatabase.jdbc();
    private final LoyaltyViewProjection projection = new LoyaltyViewProjection(ProjectionDatabase.writes(), new SimpleMeterRegistry());
    private final MockMvc http = MockMvcBuilders.standaloneSetup(new LoyaltyQueryController(new MembershipQueries(
                    new MembershipViews(jdbc), LoyaltyTierProperties.defaults(), Clock.fixed(NOW, ZoneOffset.UTC))))
            .setControllerAdvice(new ProblemDetailsAdvice())
            .build();

    @BeforeEach
    void emptyTables() {
        ProjectionDatabase.reset();
    }

    @Test
    void aMembershipIsServedWithItsFiguresAsOfNow() throws Exception {
        MembershipHistory member = member("c-1").sale("s-1", Instant.parse("2025-07-10T10:00:00Z"), 1250, 1000, "1000")
                .upgraded(Tier.BASE, Tier.SILVER, Instant.parse("2025-08-01T00:00:00Z"));

        http.perform(get("/api/memberships/{id}", member.id()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customerId").value("c-1"))
                .andExpect(jsonPath("$.tier").value("SILVER"))
                .andExpect(jsonPath("$.pointsBalance").value(1250))
                .andExpect(jsonPath("$.last12Months.points").value(1000))
                .andExpect(jsonPath("$.last12Months.purchases").value(1))
                .andExpect(jsonPath("$.progress.nextTier").value("GOLD"))
                .andExpect(jsonPath("$.progress.pointsToNextTier").value(9000))
                .andExpect(jsonPath("$.progress.purchasesToNextTier").value(29))
                .andExpect(jsonPath("$.expirySchedule[0].month").value("2027-08"))
                .andExpect(jsonPath("$.expirySchedule[0].points").value(1250))
                .andExpect(jsonPath("$.grant").doesNotExist());
    }

    @Test
    void aCustomersMembershipIsFoundByTheCustomer() throws Exception {
        MembershipHistory member = member("c-1");

        http.perform(get("/api/customers/{customerId}/membership", "c-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.membershipId").value(member.id()));
    }

    @Test
    void anUnknownMembershipIsANotFoundProblem() throws Exception {
        http.perform(get("/api/memberships/{id}", "m-nobody"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.title").value("Not found"));
        http.perform(get("/api/customers/{customerId}/membership", "c-never-enrolled"))
                .andExpect(status().isNotFound());
    }

    @Test
    void pagesFollowEachOtherByCursorWithoutRepeatOrGap() throws Exception {
        for (int i = 1; i <= 5; i++) {
            member("c-" + i);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = get("/api/memberships").param("size", "2");
            if (cursor != null) {
                request.param("cursor", cursor);
            }
            String body = http.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            seen.addAll(JsonPath.read(body, "$.items[*].membershipId"));
            cursor = JsonPath.read(body, "$.nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("m-c-1", "m-c-2", "m-c-3", "m-c-4", "m-c-5");
    }

    @Test
    void aFullLastPageHasNoNextCursor() throws Exception {
        member("c-1");
        member("c-2");

        http.perform(get("/api/memberships").param("size", "2"))
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.nextCursor").doesNotExist());
    }

    @Test
    void filtersByTierAndMinimumBalanceCombine() throws Exception {
        member("c-1").bonus("WELCOME", ENROLLED, 5000).upgraded(Tier.BASE, Tier.SILVER, ENROLLED);
        member("c-2").bonus("WELCOME", ENROLLED, 100).upgraded(Tier.BASE, Tier.SILVER, ENROLLED);
        member("c-3").bonus("WELCOME", ENROLLED, 9000);

        http.perform(get("/api/memberships").param("tier", "SILVER"))
                .andExpect(jsonPath("$.items[*].membershipId").value(org.hamcrest.Matchers.contains("m-c-1", "m-c-2")));
        http.perform(get("/api/memberships").param("minBalance", "1000"))
                .andExpect(jsonPath("$.items[*].membershipId").value(org.hamcrest.Matchers.contains("m-c-1", "m-c-3")));
        http.perform(get("/api/memberships").param("tier", "SILVER").param("minBalance", "1000"))
                .andExpect(jsonPath("$.items[*].membershipId").value(org.hamcrest.Matchers.contains("m-c-1")));
    }

    @Test
    void badListParametersAreBadRequests() throws Exception {
        http.perform(get("/api/memberships").param("tier", "DIAMOND"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("tier"));
        http.perform(get("/api/memberships").param("cursor", "not a cursor!"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("cursor"));
        http.perform(get("/api/memberships").param("size", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
    }

    @Test
    void theTierDistributionListsEveryTier() throws Exception {
        member("c-1");
        member("c-2").upgraded(Tier.BASE, Tier.GOLD, ENROLLED);

        http.perform(get("/api/loyalty/tier-distribution"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tiers[*].tier").value(org.hamcrest.Matchers.contains("BASE", "SILVER", "GOLD", "PLATINUM")))
                .andExpect(jsonPath("$.tiers[*].members").value(org.hamcrest.Matchers.contains(1, 0, 1, 0)))
                .andExpect(jsonPath("$.total").value(2));
    }

    private MembershipHistory member(String customerId) {
        return new MembershipHistory(projection, customerId).enrolled(ENROLLED);
    }
}
