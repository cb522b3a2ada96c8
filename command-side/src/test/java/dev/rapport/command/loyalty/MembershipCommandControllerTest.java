package dev.rapport.command.loyalty;

import static dev.rapport.command.loyalty.MembershipFixtures.CUSTOMER;
import static dev.rapport.command.loyalty.MembershipFixtures.ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;

import dev.rapport.events.loyalty.PointsSource;
import dev.rapport.events.loyalty.Tier;
import dev.rapport.platform.web.CommandMetadata;
import dev.rapport.platform.web.ProblemDetailsAdvice;
import dev.rapport.platform.web.RuleViolation;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class MembershipCommandControllerTest {

    private final RecordingCommandGateway gateway = new RecordingCommandGateway();
    private final MockMvc http = MockMvcBuilders.standaloneSetup(new MembershipCommandController(dev.rapport.command.TestCommandSenders.over(gateway)))
            .setControllerAdvice(new ProblemDetailsAdvice())
            .build();

    @Test
    void enrolmentAnswersCreatedWithTheMembershipAndItsNumber() throws Exception {
        http.perform(post("/api/customers/{customerId}/membership", CUSTOMER).header("X-Actor", "alice@crm"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/memberships/" + ID))
                .andExpect(jsonPath("$.membershipId").value(ID))
                .andExpect(jsonPath("$.memberNumber").value(MembershipIds.memberNumber(ID)));
        assertThat(gateway.sentPayloads()).containsExactly(new EnrolMember(ID, CUSTOMER));
        assertThat(gateway.lastSent().getMetaData()).containsEntry(CommandMetadata.ACTOR, "alice@crm");
    }

    @Test
    void bonusPointsAreAwarded() throws Exception {
        http.perform(post("/api/memberships/{id}/bonus-points", ID).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"points\": 500, \"source\": \"CAMPAIGN\", \"reference\": \"SPRING-2026\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.membershipId").value(ID));
        assertThat(gateway.sentPayloads()).containsExactly(new AwardBonusPoints(ID, 500, PointsSource.CAMPAIGN, "SPRING-2026"));
    }

    @Test
    void pointsAreRedeemed() throws Exception {
        http.perform(post("/api/memberships/{id}/redemptions", ID).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"points\": 1200, \"reference\": \"reward/lounge\"}"))
                .andExpect(status().isOk());
        assertThat(gateway.sentPayloads()).containsExactly(new RedeemPoints(ID, 1200, "reward/lounge"));
    }

    @Test
    void aRedemptionOfNoPointsIsABadRequest() throws Exception {
        http.perform(post("/api/memberships/{id}/redemptions", ID).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"points\": 0, \"reference\": \"reward/lounge\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("points"));
        assertThat(gateway.sentPayloads()).isEmpty();
    }

    @Test
    void aBrokenRuleIsAnsweredWithItsCode() throws Exception {
        gateway.failWith(command -> new RuleViolation("insufficient-points", "Cannot redeem 1200 points: the balance is 10"));
        http.perform(post("/api/memberships/{id}/redemptions", ID).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"points\": 1200, \"reference\": \"reward/lounge\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("insufficient-points"));
    }

    @Test
    void aTierIsGrantedByTheRequestsActor() throws Exception {
        http.perform(post("/api/memberships/{id}/tier-grants", ID).header("X-Actor", "alice@crm")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"tier\": \"GOLD\", \"reason\": \"Status match\", \"expiresAt\": \"2027-06-30T23:59:59Z\"}"))
                .andExpect(status().isOk());
        assertThat(gateway.sentPayloads()).containsExactly(
                new GrantTier(ID, Tier.GOLD, "Status match", "alice@crm", Instant.parse("2027-06-30T23:59:59Z")));
    }

    @Test
    void theReviewAndTheExpiryRunCanBeAskedFor() throws Exception {
        http.perform(post("/api/memberships/{id}/tier-review", ID)).andExpect(status().isOk());
        http.perform(post("/api/memberships/{id}/expiry-run", ID)).andExpect(status().isOk());
        assertThat(gateway.sentPayloads()).containsExactly(new ReviewTier(ID), new ExpirePoints(ID));
    }
}
